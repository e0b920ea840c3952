"""Fixtures for the API and pages: an app on the test database, users, seeded cases."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from agent.schema import ParsedMessage, intent_mask
from api.app import create_app
from api.users import create_token, create_user
from arinbox.settings import Settings
from records.inbox import Draft, DraftAttachment, Message, ToolCall, TriageResult
from records.ledger import Dispute, DunningHold, Invoice, Promise
from records.store import store_raw_message
from tests.utils.mail import build_raw

PASSWORD = "correct horse battery"


@pytest.fixture
def users(session: Session) -> dict[str, str]:
    for name, role in (("alice", "collector"), ("mona", "manager"), ("root", "admin")):
        create_user(session=session, username=name, password=PASSWORD, role=role)
    session.commit()
    return {"collector": "alice", "manager": "mona", "admin": "root"}


@pytest.fixture
def app(settings: Settings, engine: Engine):  # type: ignore[no-untyped-def]
    return create_app(settings, engine=engine)


@pytest.fixture
def client(app) -> TestClient:  # type: ignore[no-untyped-def]
    return TestClient(app)


@pytest.fixture
def token(session: Session, users: dict[str, str]) -> str:
    value = create_token(session=session, username="alice", name="tests")
    session.commit()
    return value


def login(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Log in through the form; return the CSRF token the pages carry."""
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": csrf.group(1)},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    queue = client.get("/queue")
    found = re.search(r'name="csrf_token" value="([^"]+)"', queue.text)
    assert found
    return found.group(1)


@dataclass
class Case:
    message_id: int
    draft_id: int | None
    toolcall_ids: dict[str, int]


def seed_case(
    session: Session,
    *,
    subject: str = "RE: Overdue invoice INV-2026-0012",
    body: str = "Hi, we will pay INV-2026-0012 on Friday.\nThanks, Jane",
    from_: str = "Jane Doe <ap@acme.example>",
    intents: list[str] | None = None,
    state: str = "drafted",
    account: str | None = "ACME",
    language: str = "en",
    needs_human: bool = False,
    priority: int = 0,
    html: str | None = None,
    attachments: list[tuple[str, str, bytes]] | None = None,
    draft_body: str | None = "Dear Jane,\n\nthank you, we note your payment on Friday.\n",
    actions: bool = False,
    received_at: datetime | None = None,
) -> Case:
    """A processed message as the pipeline would leave it: triage, actions, a draft."""
    raw = build_raw(from_=from_, subject=subject, body=body, html=html, attachments=attachments)
    message, _ = store_raw_message(
        session,
        raw,
        source="file",
        received_at=received_at or datetime(2026, 11, 16, 9, tzinfo=UTC),
    )
    intents = intents or ["promise_to_pay"]
    message.parsed = {
        "from_addr": message.from_addr,
        "subject": subject,
        "received_at": message.received_at.isoformat(),
        "new_text": body,
        "quoted_text": "> On Monday, AR wrote:\n> Please pay INV-2026-0012.",
        "html": html,
        "attachments": [
            {"filename": f, "content_type": t, "size": len(d)} for f, t, d in attachments or []
        ],
        "to": ["ar@northwind.example"],
    }
    message.state = state
    message.account_id = account
    message.verified = account is not None
    message.language = language
    message.needs_human = needs_human
    message.priority = priority
    message.intent_mask = intent_mask(intents)
    session.add(message)
    session.flush()
    session.add(
        TriageResult(
            message_id=message.id or 0,
            model="local",
            intents=intents,
            confidence=0.87,
            language=language,
            account_id=account,
            facts={
                "intents": intents,
                "invoices": ["INV-2026-0012"],
                "language": language,
                "promise": {"date": "2026-11-20", "amount": None},
            },
            evidence=[{"field": intents[0], "sentence": "we will pay INV-2026-0012 on Friday."}],
        )
    )
    draft_id = None
    if draft_body is not None:
        draft = Draft(
            message_id=message.id or 0,
            to_addr=message.from_addr,
            subject="RE: " + subject,
            body=draft_body,
            original_body=draft_body,
            language=language,
        )
        session.add(draft)
        session.flush()
        draft_id = draft.id
        session.add(
            DraftAttachment(
                draft_id=draft.id or 0,
                filename="INV-2026-0012.pdf",
                content=b"%PDF-1.4 invoice copy",
            )
        )
    calls: dict[str, int] = {}
    if actions:
        calls = _seed_actions(session, message.id or 0)
    session.commit()
    return Case(message_id=message.id or 0, draft_id=draft_id, toolcall_ids=calls)


def _seed_actions(session: Session, message_id: int) -> dict[str, int]:
    inv = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0012")).one()
    promise = Promise(
        account_id="ACME",
        message_id=message_id,
        promised_date=date(2026, 11, 20),
        invoice_numbers=[inv.number],
        open_amount_at_promise=Decimal("1250.00"),
    )
    dispute = Dispute(
        reference=f"DSP-{message_id:06d}",
        account_id="ACME",
        invoice_id=inv.id or 0,
        message_id=message_id,
        reason="pricing",
    )
    session.add(promise)
    session.add(dispute)
    session.flush()
    hold = DunningHold(
        invoice_id=inv.id or 0,
        account_id="ACME",
        reason="promise",
        source_id=promise.id,
        until_date=date(2026, 11, 23),
        message_id=message_id,
    )
    dispute_hold = DunningHold(
        invoice_id=inv.id or 0,
        account_id="ACME",
        reason="dispute",
        source_id=dispute.id,
        message_id=message_id,
    )
    session.add(hold)
    session.add(dispute_hold)
    session.flush()
    rows: dict[str, Any] = {
        "record_promise": {"promise_id": promise.id},
        "open_dispute": {"dispute_id": dispute.id, "reference": dispute.reference},
        "pause_dunning": {"hold_ids": [hold.id]},
        "add_note": {"note_id": 1},
    }
    ids: dict[str, int] = {}
    for tool, result in rows.items():
        call = ToolCall(
            message_id=message_id,
            idempotency_key=f"{message_id}:{tool}",
            tool=tool,
            arguments={"invoices": ["INV-2026-0012"]},
            result=result,
        )
        session.add(call)
        session.flush()
        ids[tool] = call.id or 0
    return ids


def get_message(session: Session, message_id: int) -> Message:
    session.expire_all()
    found = session.get(Message, message_id)
    assert found is not None
    return found


def reparse(session: Session, message_id: int, settings: Settings) -> ParsedMessage:
    """Parse the stored raw message again and keep the result, as a worker does."""
    from agent.parse import parse_message

    message = get_message(session, message_id)
    parsed = parse_message(message.raw, received_at=message.received_at, settings=settings)
    message.parsed = parsed.model_dump(mode="json")
    session.add(message)
    session.commit()
    return parsed
