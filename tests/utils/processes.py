"""arinbox run as a separate process by tests, with the test's database and data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from arinbox.settings import Settings

ROOT = Path(__file__).resolve().parents[2]


def arinbox_env(settings: Settings, **extra: str) -> dict[str, str]:
    """This process's environment without its ARINBOX_ settings, pointed at `settings`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARINBOX_")}
    env.update(
        ARINBOX_ENVIRONMENT="test",
        ARINBOX_DATABASE_URL=settings.resolved_database_url,
        ARINBOX_DATA_DIR=str(settings.data_dir),
        ARINBOX_LOG_LEVEL="INFO",
    )
    env.update(extra)
    return env


def run_arinbox(settings: Settings, *args: str, timeout: float = 180) -> str:
    """`arinbox ARGS` as a process, to its end, with no mailbox file; what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.connectors.listener_proc", *args],
        cwd=ROOT,
        env=arinbox_env(settings, ARINBOX_MAILBOXES_FILE=str(settings.data_dir / "none.toml")),
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()
