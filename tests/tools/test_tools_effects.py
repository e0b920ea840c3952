"""Each tool's effect on the records, called through the registry."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal

from sqlmodel import Session, select

from records.ledger import ContactChange, Dispute, DunningHold, Note, PaymentClaim, Promise, Task
from tools.context import ToolContext
from tools.registry import TOOLS, call_tool

Ctx = Callable[..., ToolContext]


def _holds(session: Session) -> list[DunningHold]:
    return list(session.exec(select(DunningHold).order_by(DunningHold.id)))


def test_open_dispute_one_per_invoice_with_reference_and_hold(
    session: Session, make_ctx: Ctx
) -> None:
    out = call_tool(
        make_ctx(),
        "open_dispute",
        {
            "invoices": ["INV-2026-0012", "INV-2026-0047"],
            "reason": "pricing",
            "buyer_words": "The price is wrong.",
        },
    )
    assert out.allowed and not out.needs_human
    disputes = list(session.exec(select(Dispute).order_by(Dispute.id)))
    assert [d.reference for d in disputes] == [f"DSP-{d.id:06d}" for d in disputes]
    assert {d.reason for d in disputes} == {"pricing"}
    assert disputes[0].buyer_words == "The price is wrong."
    holds = _holds(session)
    assert [(h.reason, h.until_date, h.source_id) for h in holds] == [
        ("dispute", None, disputes[0].id),
        ("dispute", None, disputes[1].id),
    ]
    assert [d["reference"] for d in out.result["disputes"]] == [d.reference for d in disputes]
    assert disputes[0].reference in out.summary


def test_second_dispute_on_same_invoice_reuses_the_open_one(
    session: Session, make_ctx: Ctx
) -> None:
    first = call_tool(
        make_ctx(), "open_dispute", {"invoices": ["INV-2026-0012"], "reason": "pricing"}
    )
    again = call_tool(
        make_ctx(),
        "open_dispute",
        {"invoices": ["INV-2026-0012"], "reason": "quantity", "buyer_words": "Only 8 came."},
    )
    assert again.allowed and again.result["disputes"][0]["existing"] is True
    reference = first.result["disputes"][0]["reference"]
    assert again.result["disputes"][0]["reference"] == reference
    assert len(session.exec(select(Dispute)).all()) == 1
    assert len(_holds(session)) == 1
    # The dispute keeps its reason; the new complaint is the reply's and is noted on it.
    assert session.exec(select(Dispute)).one().reason == "pricing"
    assert again.result["disputes"][0]["reason"] == "quantity"
    assert again.result["disputes"][0]["dispute_reason"] == "pricing"
    assert "already open for pricing; this complaint noted on it" in again.summary
    note = session.exec(select(Note)).one()
    assert note.text == (
        f'{reference} (pricing) on INV-2026-0012 is also contested for quantity: "Only 8 came."'
    )


def test_the_same_complaint_again_adds_no_note(session: Session, make_ctx: Ctx) -> None:
    args = {"invoices": ["INV-2026-0012"], "reason": "pricing", "buyer_words": "Too dear."}
    call_tool(make_ctx(), "open_dispute", args)
    again = call_tool(make_ctx(), "open_dispute", {**args, "buyer_words": "Any news?"})
    assert again.result["disputes"][0]["existing"] is True
    assert session.exec(select(Note)).all() == []


def test_record_promise_amount_none_is_open_amount_and_hold_until_date_plus_grace(
    session: Session, make_ctx: Ctx
) -> None:
    out = call_tool(
        make_ctx(), "record_promise", {"invoices": ["INV-2026-0012"], "date": "2026-11-20"}
    )
    assert out.allowed
    promise = session.exec(select(Promise)).one()
    assert promise.amount is None and promise.open_amount_at_promise == Decimal("1250.00")
    assert promise.invoice_numbers == ["INV-2026-0012"]
    (hold,) = _holds(session)
    assert hold.reason == "promise" and hold.until_date == date(2026, 11, 23)
    assert out.result["amount_due"] == "1250.00" and out.result["hold_until"] == "2026-11-23"


def test_record_payment_claim_creates_cash_application_task_and_7_day_hold(
    session: Session, make_ctx: Ctx
) -> None:
    out = call_tool(
        make_ctx(),
        "record_payment_claim",
        {
            "date": "2026-11-14",
            "amount": "830.50",
            "reference": "TRX-1",
            "invoices": ["INV-2026-0047"],
        },
    )
    assert out.allowed
    claim = session.exec(select(PaymentClaim)).one()
    assert claim.amount == Decimal("830.50") and claim.reference == "TRX-1"
    task = session.exec(select(Task)).one()
    assert task.kind == "cash_application" and task.details["payment_claim_id"] == claim.id
    (hold,) = _holds(session)
    assert hold.reason == "payment_claim" and hold.until_date == date(2026, 11, 23)


def test_a_claims_lines_keep_the_claimed_invoices_in_ledger_spelling(
    session: Session, make_ctx: Ctx
) -> None:
    """Per invoice, what the advice says was paid: cash application matches the bank's lines."""
    out = call_tool(
        make_ctx(),
        "record_payment_claim",
        {"invoices": ["INV-2026-0047"], "lines": {"inv-2026-0047": "700.5", "INV-2026-0012": "1"}},
    )
    assert out.allowed
    task = session.exec(select(Task)).one()
    assert task.details["lines"] == {"INV-2026-0047": "700.50"}  # 0012 is not claimed


def test_payment_claim_without_invoices_pauses_nothing(session: Session, make_ctx: Ctx) -> None:
    out = call_tool(make_ctx(), "record_payment_claim", {"amount": "100.00"})
    assert out.allowed and out.result["holds"] == [] and out.result["hold_until"] is None
    assert session.exec(select(Task)).one().kind == "cash_application"


def test_pause_dunning_manual_until_date(session: Session, make_ctx: Ctx) -> None:
    out = call_tool(
        make_ctx(),
        "pause_dunning",
        {"invoices": ["INV-2026-0047"], "reason": "buyer on holiday", "until_date": "2026-12-01"},
    )
    assert out.allowed and not out.needs_human
    (hold,) = _holds(session)
    assert (hold.reason, hold.until_date, hold.active) == ("manual", date(2026, 12, 1), True)


def test_open_ended_pause_needs_a_collector(make_ctx: Ctx) -> None:
    out = call_tool(make_ctx(), "pause_dunning", {"invoices": ["INV-2026-0047"], "reason": "x"})
    assert out.allowed and out.needs_human


def test_invoice_copy_returns_ledger_numbers(make_ctx: Ctx) -> None:
    out = call_tool(make_ctx(), "get_invoice_copy", {"invoices": ["inv-2026-0047"]})
    assert out.allowed and out.result["invoices"] == ["INV-2026-0047"]


def test_statement_lists_open_items(make_ctx: Ctx) -> None:
    out = call_tool(make_ctx(), "get_statement", {})
    assert out.result == {
        "statement": True,
        "open_items": ["INV-2026-0012", "INV-2026-0047"],
        "open_total": "2080.50",
    }


def test_add_note_without_account(session: Session, make_ctx: Ctx) -> None:
    out = call_tool(make_ctx(account_id=None, verified=False), "add_note", {"text": "Back 1 Dec"})
    assert out.allowed
    note = session.exec(select(Note)).one()
    assert note.text == "Back 1 Dec" and note.account_id is None


def test_contact_change_is_only_proposed(session: Session, make_ctx: Ctx) -> None:
    out = call_tool(
        make_ctx(),
        "propose_contact_change",
        {"new_email": "AP2@acme.example", "new_name": "Max", "old_email": "ap@acme.example"},
    )
    assert out.allowed
    change = session.exec(select(ContactChange)).one()
    assert (change.status, change.new_email) == ("proposed", "ap2@acme.example")
    task = session.exec(select(Task)).one()
    assert task.kind == "contact_change" and task.details["contact_change_id"] == change.id


def test_a_nul_character_in_an_argument_is_dropped_not_a_database_error(
    session: Session, make_ctx: Ctx
) -> None:
    """PostgreSQL refuses NUL in text; a model's argument carrying one still gets an outcome."""
    out = call_tool(make_ctx(), "propose_contact_change", {"new_name": "V\x00era"})
    assert out.allowed
    assert session.exec(select(ContactChange)).one().new_name == "Vera"
    surrogate = call_tool(make_ctx(), "add_note", {"text": "Back on Mon\ud800day"})
    assert surrogate.allowed  # a lone surrogate is replaced, not a database error
    empty = call_tool(make_ctx(), "add_note", {"text": "\x00"})
    assert not empty.allowed and "invalid arguments" in (empty.refusal_reason or "")


def test_create_task_and_request_human(session: Session, make_ctx: Ctx) -> None:
    task = call_tool(make_ctx(), "create_task", {"kind": "payment_plan", "title": "3 instalments"})
    assert task.allowed and session.get(Task, task.result["task_id"]) is not None
    human = call_tool(make_ctx(), "request_human", {"reason": "angry customer"})
    assert human.allowed and human.needs_human and human.result["reason"] == "angry customer"


def test_every_tool_has_a_description_and_json_schema() -> None:
    for spec in TOOLS.values():
        assert spec.description and spec.args_model.model_json_schema()["type"] == "object"
