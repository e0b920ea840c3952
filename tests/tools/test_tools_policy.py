"""Policy refusals, the audit trail and idempotency of call_tool."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlmodel import Session, select

from records.inbox import ToolCall
from records.ledger import Dispute, DunningHold, Promise
from tools.context import ToolContext
from tools.registry import call_tool

Ctx = Callable[..., ToolContext]

ACCOUNT_CALLS = [
    ("open_dispute", {"invoices": ["INV-2026-0012"], "reason": "pricing"}),
    ("record_promise", {"invoices": ["INV-2026-0012"], "date": "2026-11-20"}),
    ("record_payment_claim", {"invoices": ["INV-2026-0012"]}),
    ("pause_dunning", {"invoices": ["INV-2026-0012"], "reason": "x", "until_date": "2026-11-30"}),
    ("get_invoice_copy", {"invoices": ["INV-2026-0012"]}),
    ("get_statement", {}),
    ("propose_contact_change", {"new_email": "x@acme.example"}),
]


@pytest.mark.parametrize(("tool", "args"), ACCOUNT_CALLS)
def test_unverified_sender_gets_no_account_tool(
    session: Session, make_ctx: Ctx, tool: str, args: dict
) -> None:
    out = call_tool(make_ctx(verified=False), tool, args)
    assert not out.allowed and out.needs_human
    assert out.refusal_reason == "the sender is not verified for account ACME"
    assert session.exec(select(Dispute)).all() == []
    assert session.exec(select(DunningHold)).all() == []


@pytest.mark.parametrize(("tool", "args"), ACCOUNT_CALLS)
def test_no_account_gets_no_account_tool(make_ctx: Ctx, tool: str, args: dict) -> None:
    out = call_tool(make_ctx(account_id=None, verified=False), tool, args)
    assert not out.allowed and out.refusal_reason == "the sender matches no account"


def test_invoice_of_another_account_is_refused(session: Session, make_ctx: Ctx) -> None:
    out = call_tool(
        make_ctx(),
        "open_dispute",
        {"invoices": ["INV-2026-0012", "INV-2026-0101"], "reason": "tax"},
    )
    assert not out.allowed and out.refusal_reason == "not on account ACME: INV-2026-0101"
    assert session.exec(select(Dispute)).all() == []


def test_promise_beyond_horizon_is_refused_for_a_human(session: Session, make_ctx: Ctx) -> None:
    out = call_tool(
        make_ctx(), "record_promise", {"invoices": ["INV-2026-0012"], "date": "2027-02-14"}
    )
    assert not out.allowed and out.needs_human
    assert "90 days after the e-mail (more than 60)" in (out.refusal_reason or "")
    assert session.exec(select(Promise)).all() == []


def test_promise_on_the_horizon_is_allowed(make_ctx: Ctx) -> None:
    out = call_tool(
        make_ctx(), "record_promise", {"invoices": ["INV-2026-0012"], "date": "2027-01-15"}
    )
    assert out.allowed


def test_promise_in_the_past_is_refused(make_ctx: Ctx) -> None:
    out = call_tool(
        make_ctx(), "record_promise", {"invoices": ["INV-2026-0012"], "date": "2026-11-01"}
    )
    assert not out.allowed and "before the e-mail" in (out.refusal_reason or "")


def test_pause_beyond_horizon_is_refused(make_ctx: Ctx) -> None:
    out = call_tool(
        make_ctx(),
        "pause_dunning",
        {"invoices": ["INV-2026-0012"], "reason": "x", "until_date": "2027-06-01"},
    )
    assert not out.allowed


def test_invalid_arguments_are_a_repairable_refusal(session: Session, make_ctx: Ctx) -> None:
    out = call_tool(make_ctx(), "open_dispute", {"invoices": [], "reason": "too expensive"})
    assert not out.allowed and not out.needs_human
    assert "invalid arguments" in (out.refusal_reason or "")
    assert "reason" in (out.refusal_reason or "") and "invoices" in (out.refusal_reason or "")
    row = session.exec(select(ToolCall)).one()
    assert row.allowed is False and row.arguments == {"invoices": [], "reason": "too expensive"}


def test_unknown_tool_is_refused(make_ctx: Ctx) -> None:
    out = call_tool(make_ctx(), "mark_paid", {"invoices": ["INV-2026-0012"]})
    assert not out.allowed and "unknown tool 'mark_paid'" in (out.refusal_reason or "")


def test_audit_row_for_allowed_and_refused_calls(session: Session, make_ctx: Ctx) -> None:
    ok = call_tool(make_ctx(), "get_invoice_copy", {"invoices": ["INV-2026-0012"]})
    no = call_tool(make_ctx(verified=False), "get_statement", {})
    rows = list(session.exec(select(ToolCall).order_by(ToolCall.id)))
    assert [(r.tool, r.allowed, r.refusal_reason) for r in rows] == [
        ("get_invoice_copy", True, None),
        ("get_statement", False, "the sender is not verified for account ACME"),
    ]
    first = rows[0]
    assert first.id == ok.call_id and rows[1].id == no.call_id
    assert first.arguments == {"invoices": ["INV-2026-0012"]}
    assert first.result["invoices"] == ["INV-2026-0012"]
    assert (first.actor, first.model, first.prompt_version) == ("agent", "test-model", "p1")
    assert first.message_id is not None and len(first.idempotency_key) == 64


def test_same_call_twice_is_one_dispute_one_hold_one_audit_row(
    session: Session, make_ctx: Ctx
) -> None:
    args = {"invoices": ["INV-2026-0012"], "reason": "damaged", "buyer_words": "Broken."}
    first = call_tool(make_ctx(), "open_dispute", args)
    session.commit()
    # A fresh context, as after a crash and a resume.
    second = call_tool(make_ctx(), "open_dispute", dict(args))
    assert second.replayed and not first.replayed
    assert second.result == first.result and second.summary == first.summary
    assert len(session.exec(select(Dispute)).all()) == 1
    assert len(session.exec(select(DunningHold)).all()) == 1
    assert len(session.exec(select(ToolCall)).all()) == 1


def test_a_refused_call_is_checked_again_when_repeated(session: Session, make_ctx: Ctx) -> None:
    args = {"invoices": ["INV-2026-0012"]}
    first = call_tool(make_ctx(verified=False), "get_invoice_copy", args)
    # A collector verified the sender; the same call for the same message now passes.
    second = call_tool(make_ctx(verified=True), "get_invoice_copy", args)
    third = call_tool(make_ctx(verified=True), "get_invoice_copy", args)
    assert not first.allowed and second.allowed and not second.replayed
    assert third.replayed and third.call_id == second.call_id
    rows = session.exec(select(ToolCall.allowed).order_by(ToolCall.id)).all()
    assert list(rows) == [False, True]


def test_same_args_for_another_message_run_again(session: Session, make_ctx: Ctx) -> None:
    from records.store import store_raw_message
    from tests.utils.mail import build_raw

    other, _ = store_raw_message(session, build_raw(body="again"), source="file")
    call_tool(make_ctx(), "add_note", {"text": "same"})
    call_tool(make_ctx(message=other), "add_note", {"text": "same"})
    assert len(session.exec(select(ToolCall)).all()) == 2


def test_equivalent_arguments_are_the_same_call(session: Session, make_ctx: Ctx) -> None:
    first = call_tool(
        make_ctx(),
        "record_promise",
        {"invoices": ["INV-2026-0012"], "date": "2026-11-20", "amount": "500"},
    )
    second = call_tool(
        make_ctx(),
        "record_promise",
        {"amount": 500.00, "date": "2026-11-20", "invoices": [" INV-2026-0012 "]},
    )
    assert second.replayed and second.call_id == first.call_id
    assert first.result["amount"] == "500.00"
    assert len(session.exec(select(Promise)).all()) == 1
