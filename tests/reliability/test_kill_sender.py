"""SIGKILL the SMTP sender at random moments: no e-mail goes out twice."""

from __future__ import annotations

import asyncio
import random
import socket
import subprocess
import sys
import time
from collections import Counter
from email import message_from_bytes
from email.utils import make_msgid
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from arinbox.settings import Settings
from records.inbox import Draft, DraftState, Message, MessageState
from tests.reliability.conftest import SOAK, approved_draft, worker_env
from tests.utils.mail import build_raw

N_DRAFTS, N_KILLS = (300, 20) if SOAK else (40, 3)


class SlowRecorder:
    """Accepts every message after a short pause, so a kill can land mid-conversation."""

    def __init__(self) -> None:
        self.received: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: Envelope) -> str:
        await asyncio.sleep(0.03)
        self.received.append(envelope.original_content or b"")
        return "250 accepted"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _seed(engine: Engine, n: int) -> list[int]:
    return [
        approved_draft(
            engine,
            buyer=build_raw(body=f"copy please {i}"),
            subject=f"Re: Invoice {i}",
            body=f"Dear Jane, here it is ({i}).",
            to_addr="ap@acme.example",
            outgoing_message_id=make_msgid(domain="northwind.example"),
        )
        for i in range(n)
    ]


@pytest.mark.slow
def test_sigkill_the_sender_never_sends_twice(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    handler = SlowRecorder()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    ids = _seed(engine, N_DRAFTS)
    env = worker_env(settings) | {
        "ARINBOX_SMTP_HOST": "127.0.0.1",
        "ARINBOX_SMTP_PORT": str(port),
        "ARINBOX_SMTP_TLS": "none",
        "ARINBOX_SMTP_APPEND_SENT": "false",
    }
    code = "from arinbox.cli import app; app(prog_name='arinbox')"
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    rng = random.Random(5)
    try:
        for _ in range(N_KILLS):
            before = len(handler.received)
            proc = subprocess.Popen(
                [sys.executable, "-c", code, "send", "--interval", "0.05", "--recover-after", "0"],
                cwd=cwd,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            target = before + rng.randint(1, max(1, N_DRAFTS // (N_KILLS + 1)))
            deadline = time.monotonic() + 120
            while len(handler.received) < target and time.monotonic() < deadline:
                assert proc.poll() is None, f"sender exited with {proc.returncode}"
                time.sleep(0.005)
            time.sleep(rng.uniform(0, 0.03))
            proc.kill()
            proc.wait(30)
        final = subprocess.run(
            [sys.executable, "-c", code, "send", "--once", "--recover-after", "0"],
            cwd=cwd,
            env=env,
            capture_output=True,
            timeout=300,
        )
        assert final.returncode == 0, final.stderr.decode(errors="replace")[-2000:]
    finally:
        controller.stop()

    ids_sent = Counter(message_from_bytes(raw)["Message-ID"] for raw in handler.received)
    twice = {mid: n for mid, n in ids_sent.items() if n > 1}
    assert twice == {}, twice
    with Session(engine) as session:
        drafts = session.exec(select(Draft).where(Draft.id.in_(ids))).all()  # type: ignore[union-attr]
        states = Counter(d.state for d in drafts)
        for draft in drafts:
            assert draft.state in (DraftState.sent, DraftState.failed), draft.state
            if draft.state == DraftState.sent:
                assert ids_sent[draft.outgoing_message_id] == 1
            else:  # interrupted mid-send with no Sent folder: a person checks, nothing resent
                assert "interrupted" in (draft.error or ""), draft.error
        messages = session.exec(select(Message)).all()
        assert all(m.state in (MessageState.approved, MessageState.sent) for m in messages)
    assert states[DraftState.sent] >= N_DRAFTS - N_KILLS, states
    print(f"\nFIGURES sender: drafts={N_DRAFTS} kills={N_KILLS} states={dict(states)}")
