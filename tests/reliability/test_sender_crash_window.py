"""The sender killed around the SMTP server's acceptance, with IMAP configured.

`arinbox send` claims a draft (`sending`, committed), hands it to SMTP, commits `sent` the
moment the server accepts, and only then APPENDs a copy to the IMAP Sent folder. Two
kill points, each in a real `arinbox send --once` process:
- on the IMAP connection for the APPEND (accepted, committed, no copy in Sent yet): the
  draft is already `sent`; the next run sends nothing. One e-mail.
- inside SMTP's DATA, after the server has the message but before the client reads its
  250 (nothing committed after the claim): the next run looks for the Message-ID in Sent.
  Where the server files sent mail itself it is found, and no second e-mail leaves; where
  it does not, the draft is sent again. That one round trip is SMTP's own window, which
  no client can close; the test pins it so a change shows up here.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import message_from_bytes
from email.utils import make_msgid
from pathlib import Path
from typing import Literal

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from aiosmtpd.smtp import Session as SmtpSession
from sqlalchemy.engine import Engine
from sqlmodel import Session

from arinbox.settings import Settings
from connectors.imap_listener import ensure_folder
from records.inbox import Draft, DraftState, Message, MessageState
from tests.connectors.conftest import (
    IMAP_PASSWORD,
    IMAP_USER,
    DovecotServer,
    RecordingHandler,
    free_port,
    start_dovecot,
)
from tests.reliability.conftest import approved_draft, worker_env
from tests.utils.mail import build_raw

SEND = "from arinbox.cli import app; app(prog_name='arinbox')"


@pytest.fixture(scope="module")
def dovecot() -> Iterator[DovecotServer]:
    """A throwaway Dovecot for this module (the connectors' one is theirs)."""
    with start_dovecot() as server:
        yield server


@dataclass
class FilingHandler(RecordingHandler):
    """aiosmtpd that, when `file_copy` is set, files each accepted e-mail in Sent itself."""

    file_copy: Callable[[bytes], None] | None = None
    kill_before_reply: subprocess.Popen[bytes] | None = None

    async def handle_DATA(self, server: object, session: SmtpSession, envelope: Envelope) -> str:
        reply = await super().handle_DATA(server, session, envelope)
        if self.file_copy is not None:
            await asyncio.to_thread(self.file_copy, envelope.original_content or b"")
        if self.kill_before_reply is not None:
            # The server has the message; the client dies before it reads "250".
            self.kill_before_reply.kill()
            await asyncio.to_thread(self.kill_before_reply.wait)
            self.kill_before_reply = None
        return reply


@pytest.fixture
def smtp() -> Iterator[tuple[FilingHandler, int]]:
    handler = FilingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


class KillOnConnect:
    """A loopback port in place of IMAP: the first connection to it SIGKILLs `proc`.

    The sender opens IMAP for the APPEND only once SMTP has accepted the e-mail, so the
    kill lands exactly in the window: accepted, not in Sent, not committed.
    """

    def __init__(self, smtp_received: Callable[[], int]) -> None:
        self.smtp_received = smtp_received
        self.proc: subprocess.Popen[bytes] | None = None
        self.received_at_kill: int | None = None
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        try:
            conn, _ = self._listener.accept()
        except OSError:
            return  # closed without a connection
        with conn:
            self.received_at_kill = self.smtp_received()
            deadline = time.monotonic() + 10
            while self.proc is None and time.monotonic() < deadline:
                time.sleep(0.01)  # Popen has returned long before the child could connect
            if self.proc is not None:
                self.proc.kill()
                self.proc.wait()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)  # wakes accept()
        self._listener.close()
        self._thread.join(10)


def _approved_draft(engine: Engine, message_id: str) -> int:
    return approved_draft(
        engine,
        buyer=build_raw(subject="Invoice INV-1001", body="A copy please"),
        subject="Re: Invoice INV-1001",
        body="Dear Jane,\n\nthe copy of INV-1001 is attached.\n",
        to_addr="Jane Doe <ap@acme.example>",
        outgoing_message_id=message_id,
    )


def _send_env(settings: Settings, smtp_port: int, imap_port: int, sent: str) -> dict[str, str]:
    return worker_env(settings) | {
        "ARINBOX_SMTP_HOST": "127.0.0.1",
        "ARINBOX_SMTP_PORT": str(smtp_port),
        "ARINBOX_SMTP_TLS": "none",
        "ARINBOX_SMTP_APPEND_SENT": "true",
        "ARINBOX_SMTP_SENT_FOLDER": sent,
        "ARINBOX_IMAP_HOST": "127.0.0.1",
        "ARINBOX_IMAP_PORT": str(imap_port),
        "ARINBOX_IMAP_USER": IMAP_USER,
        "ARINBOX_IMAP_PASSWORD": IMAP_PASSWORD,
        "ARINBOX_IMAP_TLS": "none",
    }


def _copies_in(dovecot: DovecotServer, folder: str, message_id: str) -> int:
    with dovecot.client() as client:
        if not client.folder_exists(folder):
            return 0
        client.select_folder(folder, readonly=True)
        return len(client.search(["HEADER", "Message-ID", message_id]))


def _crash_then_recover(
    engine: Engine,
    settings: Settings,
    workdir: Path,
    dovecot: DovecotServer,
    smtp: tuple[FilingHandler, int],
    sent: str,
    kill_at: Literal["imap", "smtp_data"],
) -> tuple[int, str, DraftState, subprocess.CompletedProcess[bytes]]:
    """Kill a sender at `kill_at`, then run `send --once` again.

    Returns the draft, its Message-ID, the draft's state right after the kill, and the
    second run.
    """
    handler, smtp_port = smtp
    message_id = make_msgid(domain="northwind.example")
    draft_id = _approved_draft(engine, message_id)
    killer = KillOnConnect(lambda: len(handler.received)) if kill_at == "imap" else None
    imap_port = killer.port if killer is not None else dovecot.port
    try:
        proc = subprocess.Popen(
            [sys.executable, "-c", SEND, "send", "--once"],
            cwd=workdir,
            env=_send_env(settings, smtp_port, imap_port, sent),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        if killer is not None:
            killer.proc = proc
        else:
            handler.kill_before_reply = proc
        try:
            _, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
    finally:
        if killer is not None:
            killer.close()
    assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")[-2000:]
    assert len(handler.received) == 1  # the server has it
    if killer is not None:
        assert killer.received_at_kill == 1  # killed after the acceptance, before any copy
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft is not None
        state_after_kill = draft.state

    # The next run, as an operator starts it once no other sender is left running.
    again = subprocess.run(
        [sys.executable, "-c", SEND, "send", "--once", "--recover-after", "0"],
        cwd=workdir,
        env=_send_env(settings, smtp_port, dovecot.port, sent),
        capture_output=True,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr.decode(errors="replace")[-2000:]
    return draft_id, message_id, state_after_kill, again


def _draft_and_message(engine: Engine, draft_id: int) -> tuple[Draft, Message]:
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft is not None
        message = session.get(Message, draft.message_id)
        assert message is not None
        return draft, message


def test_killed_before_the_copy_to_sent_the_draft_is_already_sent(
    engine: Engine,
    settings: Settings,
    workdir: Path,
    dovecot: DovecotServer,
    smtp: tuple[FilingHandler, int],
) -> None:
    sent = f"{dovecot.new_folder()}-sent"
    draft_id, message_id, after_kill, again = _crash_then_recover(
        engine, settings, workdir, dovecot, smtp, sent, kill_at="imap"
    )

    assert after_kill == DraftState.sent  # committed on acceptance, before the APPEND
    assert b"0 sent, 0 found already sent, 0 failed" in again.stdout, again.stdout
    assert len(smtp[0].received) == 1  # one e-mail, ever
    assert _copies_in(dovecot, sent, message_id) == 0  # the copy is what the crash lost
    draft, message = _draft_and_message(engine, draft_id)
    assert draft.state == DraftState.sent and draft.send_attempts == 1
    assert message.state == MessageState.sent


def test_a_copy_the_server_filed_in_sent_stops_a_second_email(
    engine: Engine,
    settings: Settings,
    workdir: Path,
    dovecot: DovecotServer,
    smtp: tuple[FilingHandler, int],
) -> None:
    sent = f"{dovecot.new_folder()}-sent"

    def file_copy(raw: bytes) -> None:
        with dovecot.client() as client:
            ensure_folder(client, sent)
            client.append(sent, raw, flags=[b"\\Seen"])

    handler = smtp[0]
    handler.file_copy = file_copy
    draft_id, message_id, after_kill, again = _crash_then_recover(
        engine, settings, workdir, dovecot, smtp, sent, kill_at="smtp_data"
    )

    assert after_kill == DraftState.sending  # died before it read the server's 250
    assert b"0 sent, 1 found already sent, 0 failed" in again.stdout, again.stdout
    assert len(handler.received) == 1  # one e-mail, ever
    assert _copies_in(dovecot, sent, message_id) == 1  # the server's own copy
    draft, message = _draft_and_message(engine, draft_id)
    assert draft.state == DraftState.sent and draft.error == "recovered: found in the Sent folder"
    assert message.state == MessageState.sent


def test_without_a_copy_in_sent_smtps_own_window_sends_again(
    engine: Engine,
    settings: Settings,
    workdir: Path,
    dovecot: DovecotServer,
    smtp: tuple[FilingHandler, int],
) -> None:
    sent = f"{dovecot.new_folder()}-sent"
    draft_id, message_id, after_kill, again = _crash_then_recover(
        engine, settings, workdir, dovecot, smtp, sent, kill_at="smtp_data"
    )

    # The server took the message but the client died before reading "250": nothing on
    # our side says it went out and the server filed no copy, so it is sent again.
    assert after_kill == DraftState.sending
    assert b"1 sent, 0 found already sent, 0 failed" in again.stdout, again.stdout
    handler = smtp[0]
    assert len(handler.received) == 2
    ids = [message_from_bytes(raw)["Message-ID"] for _, _, raw in handler.received]
    assert ids == [message_id, message_id]
    assert _copies_in(dovecot, sent, message_id) == 1  # the second run's copy
    draft, message = _draft_and_message(engine, draft_id)
    assert draft.state == DraftState.sent and draft.send_attempts == 2
    assert message.state == MessageState.sent
