"""The account context: what is open, what the message names, and only the latest of the rest."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from agent.context import (
    RECENT_PAID_INVOICES,
    RECENT_SETTLED_CASES,
    AccountContext,
    load_context,
)
from agent.pipeline import process_message
from agent.references import Reference, named_invoices
from agent.schema import AccountMatch, ParsedMessage, Triage
from arinbox.settings import Settings
from records.inbox import ToolCall
from records.ledger import Dispute, DunningHold, Invoice, Promise
from records.store import store_raw_message
from tests.utils.mail import build_raw
from tests.utils.plans import sqlite_plan

START = date(2020, 1, 1)


def _paid(session: Session, n: int) -> list[Invoice]:
    """`n` paid invoices of Acme, issued a week apart: PAID-0000 is the oldest."""
    invoices = [
        Invoice(
            account_id="ACME",
            number=f"PAID-{i:04d}",
            issue_date=START + timedelta(weeks=i),
            due_date=START + timedelta(weeks=i, days=30),
            amount=Decimal("100.00"),
            open_amount=Decimal("0.00"),
        )
        for i in range(n)
    ]
    session.add_all(invoices)
    session.commit()
    return invoices


def test_a_long_history_reads_the_open_the_named_and_the_latest_paid(
    session: Session, ledger: dict
) -> None:
    paid = _paid(session, RECENT_PAID_INVOICES + 30)
    credit = Invoice(
        account_id="ACME",
        number="CN-0001",
        kind="credit_note",
        issue_date=START,
        due_date=START,
        amount=Decimal("-50.00"),
        open_amount=Decimal("-50.00"),
    )
    session.add(credit)
    disputed, held = paid[1], paid[2]
    session.add(
        Dispute(reference="DSP-1", account_id="ACME", invoice_id=disputed.id or 0, reason="pricing")
    )
    session.add(DunningHold(account_id="ACME", invoice_id=held.id or 0, reason="dispute"))
    session.commit()

    context = load_context(session, "ACME", invoices=["PAID-0000"])

    numbers = {inv.number for inv in context.invoices}
    latest = {inv.number for inv in paid[-RECENT_PAID_INVOICES:]}
    assert latest <= numbers
    assert {"INV-2026-0012", "INV-2026-0047", "CN-0001"} <= numbers  # open, credit included
    assert {"PAID-0000", disputed.number, held.number} <= numbers  # named, disputed, held
    assert "PAID-0003" not in numbers  # old, paid, nothing asks for it
    assert len(numbers) == RECENT_PAID_INVOICES + 6
    assert [inv.due_date for inv in context.invoices] == sorted(
        inv.due_date for inv in context.invoices
    )


def test_settled_disputes_and_promises_are_read_only_the_latest(
    session: Session, ledger: dict
) -> None:
    invoice = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0012")).one()
    old = datetime(2024, 1, 1, tzinfo=UTC)
    for i in range(RECENT_SETTLED_CASES + 5):
        created = old + timedelta(days=i)
        session.add(
            Dispute(
                reference=f"DSP-{i:03d}",
                account_id="ACME",
                invoice_id=invoice.id or 0,
                reason="pricing",
                status="resolved",
                created_at=created,
            )
        )
        session.add(
            Promise(
                account_id="ACME",
                invoice_numbers=[invoice.number],
                promised_date=created.date(),
                status="kept",
                created_at=created,
            )
        )
    session.add(
        Dispute(
            reference="DSP-OPEN",
            account_id="ACME",
            invoice_id=invoice.id or 0,
            reason="damaged",
            created_at=old - timedelta(days=400),  # older than every settled one
        )
    )
    session.add(
        Promise(
            account_id="ACME",
            invoice_numbers=[invoice.number],
            promised_date=date(2026, 12, 1),
            created_at=old - timedelta(days=400),
        )
    )
    session.commit()

    context = load_context(session, "ACME")

    references = [d.reference for d in context.disputes]
    assert "DSP-OPEN" in references and "DSP-000" not in references
    assert f"DSP-{RECENT_SETTLED_CASES + 4:03d}" in references
    assert len(references) == RECENT_SETTLED_CASES + 1
    assert len(context.promises) == RECENT_SETTLED_CASES + 1
    assert sum(p.status == "open" for p in context.promises) == 1


class CopyOfNamed:
    """Asks for a copy of every invoice the message names; keeps the context it was given."""

    name = "local"
    version = "scripted"

    def __init__(self) -> None:
        self.context: AccountContext | None = None

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage:
        self.context = context
        return Triage(
            intents=["invoice_copy_request"],
            invoices=named_invoices(refs),
            confidence=0.95,
            language="en",
        )


def test_a_message_naming_an_old_paid_invoice_gets_it_into_its_context(
    session: Session, ledger: dict, settings: Settings
) -> None:
    _paid(session, RECENT_PAID_INVOICES + 10)
    raw = build_raw(
        subject="Copy of PAID-0002",
        body="Hello, please send us a copy of invoice PAID-0002 for our audit. Thanks, Jane",
    )
    message, _ = store_raw_message(session, raw, source="imap")
    session.commit()
    model = CopyOfNamed()

    process_message(session, message, model=model, settings=settings)

    assert model.context is not None and model.context.invoice("PAID-0002") is not None
    assert model.context.invoice("PAID-0003") is None
    call = session.exec(select(ToolCall).where(ToolCall.message_id == message.id)).one()
    assert call.tool == "get_invoice_copy" and call.arguments["invoices"] == ["PAID-0002"]


def test_the_history_is_read_by_its_indexes(engine: Engine, session: Session, ledger: dict) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan is read on SQLite; the other planner picks by table statistics")
    _paid(session, 200)
    plan = sqlite_plan(
        engine, lambda: load_context(session, "ACME", invoices=["PAID-0001"]), "UNION"
    )
    # The partial index serves only a query that repeats its condition word for word.
    assert "USING INDEX ix_invoice_open" in plan
    assert "USING INDEX ix_invoice_account_issued" in plan
    assert "SCAN invoice" not in plan
