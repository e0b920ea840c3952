"""`arinbox listen` as a real process: killed with SIGKILL mid-batch, a refused login."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from arinbox.settings import Settings
from records.inbox import MailboxCursor, Message
from tests.connectors.conftest import DovecotServer, wait_for
from tests.utils.mail import build_raw
from tests.utils.processes import ROOT, arinbox_env


def _spawn(args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.connectors.listener_proc", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.fixture
def procs() -> Iterator[list[subprocess.Popen[bytes]]]:
    started: list[subprocess.Popen[bytes]] = []
    yield started
    for proc in started:
        if proc.poll() is None:
            proc.kill()
        proc.communicate(timeout=10)


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Message)).one()


def test_sigkill_mid_batch_then_restart_stores_every_message_once(
    dovecot: DovecotServer,
    folder: str,
    engine: Engine,
    settings: Settings,
    tmp_path: Path,
    procs: list[subprocess.Popen[bytes]],
) -> None:
    n = 300
    body = "Remittance advice, see the table below.\n" * 400  # ~16 kB a message
    with dovecot.client() as client:
        for i in range(n):
            client.append(
                folder, build_raw(subject=f"Pay {i}", body=body, message_id=f"<k{i}@b.example>")
            )
    toml = tmp_path / "arinbox.toml"
    toml.write_text(
        "[[mailboxes]]\n"
        f'name = "ar"\nhost = "127.0.0.1"\nport = {dovecot.port}\nuser = "{dovecot.user}"\n'
        f'password_env = "TEST_IMAP_PASSWORD"\nfolder = "{folder}"\ntls = "none"\n'
        "batch = 10\nidle_check_s = 0.5\n"
    )
    env = arinbox_env(
        settings, ARINBOX_MAILBOXES_FILE=str(toml), TEST_IMAP_PASSWORD=dovecot.password
    )

    first = _spawn(["listen"], env)
    procs.append(first)
    wait_for(lambda: _count(engine) >= 30, timeout=30, what="the first batches stored")
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    stored_at_kill = _count(engine)
    assert stored_at_kill < n, "the listener finished before it could be killed mid-stream"

    second = _spawn(["listen"], env)
    procs.append(second)
    wait_for(lambda: _count(engine) == n, timeout=60, what="every message after restart")
    second.send_signal(signal.SIGTERM)  # a clean stop
    assert second.wait(timeout=15) == 0

    with Session(engine) as session:
        ids = session.exec(select(Message.message_id)).all()
        cursor = session.exec(select(MailboxCursor).where(MailboxCursor.mailbox == "ar")).one()
    assert sorted(ids) == sorted(f"<k{i}@b.example>" for i in range(n))  # each exactly once
    assert cursor.last_uid == n
    with dovecot.client() as client:
        client.select_folder(folder, readonly=True)
        assert len(client.search(["KEYWORD", "$ArinboxSeen"])) == n  # acknowledged after storing


def test_refused_login_stops_with_a_clear_message_and_exit_code(
    dovecot: DovecotServer, folder: str, settings: Settings, procs: list[subprocess.Popen[bytes]]
) -> None:
    env = arinbox_env(
        settings,
        ARINBOX_IMAP_HOST="127.0.0.1",
        ARINBOX_IMAP_PORT=str(dovecot.port),
        ARINBOX_IMAP_USER=dovecot.user,
        ARINBOX_IMAP_PASSWORD="wrong",
        ARINBOX_IMAP_TLS="none",
        ARINBOX_IMAP_FOLDER=folder,
        ARINBOX_MAILBOXES_FILE=str(settings.data_dir / "none.toml"),
    )
    proc = _spawn(["listen"], env)
    procs.append(proc)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 3
    assert b"IMAP login to ar@127.0.0.1 refused" in err


def test_no_mailbox_configured_is_a_configuration_error(
    settings: Settings, procs: list[subprocess.Popen[bytes]]
) -> None:
    env = arinbox_env(settings, ARINBOX_MAILBOXES_FILE=str(settings.data_dir / "none.toml"))
    proc = _spawn(["listen"], env)
    procs.append(proc)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert b"no mailbox configured" in err
