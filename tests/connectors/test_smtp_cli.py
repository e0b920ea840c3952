"""`arinbox send --once` as a real process against aiosmtpd."""

from __future__ import annotations

import subprocess
import sys

from sqlalchemy.engine import Engine
from sqlmodel import Session

from arinbox.settings import Settings
from records.inbox import Draft, DraftState
from tests.connectors.conftest import SmtpServer
from tests.connectors.test_smtp_sender import _draft
from tests.utils.processes import ROOT, arinbox_env


def test_send_once_sends_the_approved_draft_and_exits(
    engine: Engine, settings: Settings, smtp_server: SmtpServer
) -> None:
    draft_id = _draft(engine)
    env = arinbox_env(
        settings,
        ARINBOX_SMTP_HOST=smtp_server.host,
        ARINBOX_SMTP_PORT=str(smtp_server.port),
        ARINBOX_SMTP_TLS="none",
        ARINBOX_MAILBOXES_FILE=str(settings.data_dir / "none.toml"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "tests.connectors.listener_proc", "send", "--once"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert b"1 sent" in done.stdout
    assert len(smtp_server.handler.received) == 1
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft is not None and draft.state == DraftState.sent


def test_send_without_smtp_host_is_a_configuration_error(settings: Settings) -> None:
    env = arinbox_env(settings, ARINBOX_MAILBOXES_FILE=str(settings.data_dir / "none.toml"))
    done = subprocess.run(
        [sys.executable, "-m", "tests.connectors.listener_proc", "send", "--once"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert b"ARINBOX_SMTP_HOST" in done.stderr
