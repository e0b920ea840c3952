"""Listener and worker together: every message stored once and processed once."""

from __future__ import annotations

import threading
from datetime import datetime

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from agent.context import AccountContext
from agent.references import Reference
from agent.schema import AccountMatch, ParsedMessage, Triage
from agent.worker import run_forever
from arinbox.settings import Settings
from connectors.imap_listener import ImapListener
from records.inbox import Draft, Message, MessageState, TriageResult
from tests.connectors.conftest import DovecotServer, wait_for
from tests.utils.mail import build_raw


class CopyRequestModel:
    """A scripted model: every message asks for a copy of INV-2026-0012."""

    name = "scripted"
    version = "scripted-1"

    def __init__(self) -> None:
        self.calls: list[str] = []

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage:
        self.calls.append(parsed.message_id or "")
        return Triage(
            intents=["invoice_copy_request"],
            invoices=["INV-2026-0012"],
            confidence=0.95,
            language="en",
        )


def test_listener_with_worker_drafts_each_message_once(
    dovecot: DovecotServer, folder: str, engine: Engine, settings: Settings, ledger: dict
) -> None:
    stop = threading.Event()
    model = CopyRequestModel()
    listener = ImapListener(dovecot.mailbox(folder, batch=4), engine, stop=stop)
    threads = [
        threading.Thread(target=listener.run, daemon=True),
        threading.Thread(
            target=run_forever,
            args=(engine,),
            kwargs={"model": model, "settings": settings, "stop": stop, "idle_s": 0.05},
            daemon=True,
        ),
    ]
    ids = [f"<w{i}.{folder}@acme.example>" for i in range(10)]
    with dovecot.client() as client:  # half waiting before start, half pushed while idling
        for message_id in ids[:5]:
            client.append(folder, _copy_request(message_id))
    for thread in threads:
        thread.start()
    try:
        wait_for(listener.connected.is_set, what="listening")
        with dovecot.client() as client:
            for message_id in ids[5:]:
                client.append(folder, _copy_request(message_id))
        wait_for(lambda: _drafts(engine) == 10, timeout=30, what="ten drafts")
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
    assert sorted(model.calls) == sorted(ids)  # each triaged once
    with Session(engine) as session:
        messages = session.exec(select(Message)).all()
        triages = session.exec(select(func.count()).select_from(TriageResult)).one()
    assert sorted(m.message_id or "" for m in messages) == sorted(ids)
    assert {m.state for m in messages} == {MessageState.drafted}
    assert triages == 10


def _copy_request(message_id: str) -> bytes:
    return build_raw(
        subject="Copy of INV-2026-0012",
        body="Hello, could you send us a copy of invoice INV-2026-0012? Thanks, Jane",
        message_id=message_id,
    )


def _drafts(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Draft)).one()
