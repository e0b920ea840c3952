"""The local actor's policy, per intent, on the test ledger with real SQLite."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session, select

from agent.act import act_on_triage
from agent.context import load_context
from agent.schema import (
    AccountMatch,
    ActResult,
    AutoReplyFacts,
    ContactUpdateFacts,
    Evidence,
    ParsedMessage,
    PaymentClaimFacts,
    PromiseFacts,
    Triage,
)
from arinbox.settings import Settings
from records.inbox import ToolCall
from records.ledger import (
    ContactChange,
    Dispute,
    DunningHold,
    Invoice,
    Note,
    PaymentClaim,
    Promise,
    Task,
)
from records.store import store_raw_message
from tests.utils.mail import build_raw

RECEIVED = datetime(2026, 11, 16, 9, 12, tzinfo=UTC)
CONTACTS = {"ACME": "ap@acme.example", "LUMI": "compta@lumiere-sarl.example"}


@pytest.fixture
def act(session: Session, settings: Settings, ledger: dict) -> Any:
    """Run the actor on a fresh stored message with a hand-built triage."""

    def run(
        triage: Triage,
        *,
        account: str | None = "ACME",
        verified: bool = True,
        from_addr: str | None = None,
        received_at: datetime = RECEIVED,
        body: str = "Hello",
        **parsed_kw: Any,
    ) -> ActResult:
        sender = from_addr or CONTACTS.get(account or "", "someone@elsewhere.example")
        raw = build_raw(from_=sender, body=f"{body}\n{len(run.calls)}")
        run.calls.append(raw)
        message, _ = store_raw_message(session, raw, source="file", received_at=received_at)
        session.commit()
        parsed = ParsedMessage(
            from_addr=sender, received_at=received_at, new_text=body, **parsed_kw
        )
        match = AccountMatch(
            account_id=account, verified=verified, method="contact" if verified else "reference"
        )
        result = act_on_triage(
            session,
            message=message,
            parsed=parsed,
            match=match,
            triage=triage,
            context=load_context(session, account),
            settings=settings,
        )
        session.commit()
        run.message = message
        return result

    run.calls = []
    return run


def _holds(session: Session) -> list[tuple[str, str, date | None]]:
    rows = session.exec(
        select(Invoice.number, DunningHold.reason, DunningHold.until_date)
        .join(DunningHold, DunningHold.invoice_id == Invoice.id)
        .order_by(DunningHold.id)
    )
    return [tuple(r) for r in rows]  # type: ignore[misc]


def test_dispute_pauses_dunning_on_that_invoice(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["dispute"],
        invoices=["INV-2026-0012"],
        dispute_reason="damaged",
        evidence=[Evidence(field="dispute", sentence="The pallets arrived broken.")],
    )
    result = act(triage)
    dispute = session.exec(select(Dispute)).one()
    assert dispute.buyer_words == "The pallets arrived broken."
    assert [d.model_dump() for d in result.disputes] == [
        {"reference": dispute.reference, "invoice": "INV-2026-0012", "reason": "damaged"}
    ]
    assert dispute.reference.startswith("DSP-") and len(dispute.reference) == 10
    assert _holds(session) == [("INV-2026-0012", "dispute", None)]
    assert result.paused_invoices == ["INV-2026-0012"]
    assert result.reply and not result.needs_human
    assert [a.tool for a in result.actions] == ["open_dispute"]
    assert dispute.reference in result.actions[0].summary


def test_dispute_naming_nothing_uses_the_single_open_invoice(session: Session, act: Any) -> None:
    result = act(Triage(intents=["dispute"], dispute_reason="pricing"), account="LUMI")
    assert [d.invoice for d in result.disputes] == ["INV-2026-0200"]


def test_dispute_naming_nothing_with_several_open_invoices_needs_human(
    session: Session, act: Any
) -> None:
    result = act(Triage(intents=["dispute"], dispute_reason="pricing"))
    assert result.needs_human and not result.disputes and not result.reply
    assert session.exec(select(Dispute)).all() == []


def test_promise_holds_until_date_plus_grace(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["promise_to_pay"],
        invoices=["INV-2026-0012"],
        promise=PromiseFacts(date=date(2026, 11, 20)),
    )
    result = act(triage)
    promise = session.exec(select(Promise)).one()
    assert promise.promised_date == date(2026, 11, 20) and promise.amount is None
    assert promise.open_amount_at_promise == Decimal("1250.00")
    assert _holds(session) == [("INV-2026-0012", "promise", date(2026, 11, 23))]
    assert result.promise == PromiseFacts(date=date(2026, 11, 20), amount=None)
    assert result.promise_invoices == ["INV-2026-0012"]
    assert result.reply and not result.needs_human


def test_promise_90_days_out_needs_human_and_records_nothing(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["promise_to_pay"],
        invoices=["INV-2026-0012"],
        promise=PromiseFacts(date=date(2027, 2, 14), amount=Decimal("500")),
    )
    result = act(triage)
    assert result.needs_human and result.promise is None
    assert any("more than 60" in r for r in result.needs_human_reasons)
    assert session.exec(select(Promise)).all() == [] and _holds(session) == []
    assert session.exec(select(ToolCall)).all() == []  # the actor does not even try
    assert not result.reply


def test_promise_naming_no_invoice_covers_the_overdue_ones(session: Session, act: Any) -> None:
    received = datetime(2026, 10, 15, 8, 0, tzinfo=UTC)  # INV-2026-0047 is not due yet
    triage = Triage(intents=["promise_to_pay"], promise=PromiseFacts(date=date(2026, 10, 30)))
    result = act(triage, received_at=received)
    assert result.promise_invoices == ["INV-2026-0012"]
    assert session.exec(select(Promise)).one().invoice_numbers == ["INV-2026-0012"]


def test_promise_without_date_needs_human(act: Any) -> None:
    result = act(Triage(intents=["promise_to_pay"], invoices=["INV-2026-0012"]))
    assert result.needs_human and result.promise is None and result.actions == []


def test_unverified_sender_gets_no_copies_and_no_records(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["invoice_copy_request", "dispute"],
        invoices=["INV-2026-0012"],
        dispute_reason="pricing",
    )
    result = act(triage, verified=False, from_addr="someone@gmail.example")
    assert result.invoice_copies == [] and not result.statement and not result.disputes
    assert result.needs_human and not result.reply
    assert "not verified for account ACME" in result.needs_human_reasons[0]
    assert session.exec(select(Dispute)).all() == [] and _holds(session) == []
    assert session.exec(select(ToolCall)).all() == []


def test_unknown_sender_needs_human_without_reply(act: Any) -> None:
    result = act(Triage(intents=["statement_request"]), account=None, verified=False)
    assert result.needs_human and not result.reply and not result.statement
    assert result.needs_human_reasons == [
        "The sender matches no account: a collector identifies the customer."
    ]


def test_other_accounts_invoice_needs_human(session: Session, act: Any) -> None:
    triage = Triage(intents=["dispute"], invoices=["INV-2026-0101"], dispute_reason="quantity")
    result = act(triage)
    assert result.needs_human and not result.disputes
    assert "INV-2026-0101" in result.needs_human_reasons[0]
    assert session.exec(select(Dispute)).all() == []


def test_unknown_reference_needs_human_but_known_invoice_is_handled(
    session: Session, act: Any
) -> None:
    triage = Triage(
        intents=["invoice_copy_request"],
        invoices=["INV-2026-0047"],
        unknown_references=["INV-2025-9999"],
    )
    result = act(triage)
    assert result.invoice_copies == ["INV-2026-0047"]
    assert result.needs_human and result.reply
    assert result.needs_human_reasons == [
        "The buyer names invoices not on account ACME: INV-2025-9999."
    ]


def test_auto_reply_is_noted_and_never_answered(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["auto_reply"],
        auto_reply=AutoReplyFacts(
            return_date=date(2026, 11, 30), alternative_contact="bob@acme.example"
        ),
    )
    result = act(triage, auto_reply=True, auto_reply_reason="Auto-Submitted: auto-replied")
    note = session.exec(select(Note)).one()
    assert "back on 2026-11-30" in note.text and "bob@acme.example" in note.text
    assert note.account_id == "ACME"
    assert not result.reply and not result.needs_human
    assert [a.tool for a in result.actions] == ["add_note"]


def test_auto_reply_from_unknown_sender_needs_no_human(act: Any) -> None:
    result = act(Triage(intents=["auto_reply"]), account=None, verified=False, auto_reply=True)
    assert not result.needs_human and not result.reply


def test_a_program_sent_remittance_is_recorded_and_never_answered(
    session: Session, act: Any
) -> None:
    """An AP system's remittance advice (Auto-Submitted: auto-generated) pauses dunning."""
    facts = PaymentClaimFacts(date=date(2026, 11, 13), amount=Decimal("830.50"), reference="T-9")
    triage = Triage(
        intents=["payment_confirmation"], invoices=["INV-2026-0047"], payment_claim=facts
    )
    result = act(triage, auto_generated=True)
    assert session.exec(select(PaymentClaim)).one().reference == "T-9"
    assert _holds(session) == [("INV-2026-0047", "payment_claim", date(2026, 11, 23))]
    assert "sent by a program" in session.exec(select(Note)).one().text
    assert not result.reply and not result.needs_human


def test_a_remittance_from_a_noreply_address_is_recorded_and_not_answered(
    session: Session, act: Any
) -> None:
    """An ERP's advice without Auto-Submitted: a draft to noreply@ could never be sent."""
    facts = PaymentClaimFacts(date=date(2026, 11, 13), amount=Decimal("830.50"), reference="T-9")
    triage = Triage(
        intents=["payment_confirmation"], invoices=["INV-2026-0047"], payment_claim=facts
    )
    result = act(triage, from_addr="noreply@acme.example")
    assert session.exec(select(PaymentClaim)).one().reference == "T-9"
    assert _holds(session) == [("INV-2026-0047", "payment_claim", date(2026, 11, 23))]
    note = session.exec(select(Note)).one()
    assert note.text == "No reply drafted: noreply@acme.example takes no replies."
    assert not result.reply and not result.needs_human


def test_a_request_from_a_noreply_address_goes_to_a_collector(act: Any) -> None:
    triage = Triage(intents=["invoice_copy_request"], invoices=["INV-2026-0047"])
    result = act(triage, from_addr="ne-pas-repondre@acme.example")
    assert result.invoice_copies == ["INV-2026-0047"]
    assert not result.reply and result.needs_human
    assert result.needs_human_reasons == [
        "The reply would go to ne-pas-repondre@acme.example, which takes no replies: a"
        " collector answers through a contact of the account."
    ]


def test_a_verified_reply_to_is_answered_though_the_sender_is_noreply(act: Any) -> None:
    triage = Triage(intents=["invoice_copy_request"], invoices=["INV-2026-0047"])
    result = act(triage, from_addr="noreply@acme.example", reply_to="ap@acme.example")
    assert result.reply and not result.needs_human


def test_a_program_sent_message_saying_nothing_we_know_needs_no_human(
    session: Session, act: Any
) -> None:
    result = act(Triage(intents=["other"]), auto_generated=True)
    assert not result.reply and not result.needs_human
    assert session.exec(select(Note)).one().text.startswith("Message sent by a program")


def test_bounce_is_noted_with_a_follow_up_task(session: Session, act: Any) -> None:
    result = act(
        Triage(intents=["other"]),
        bounce=True,
        from_addr="mailer-daemon@mx.example",
        bounced_recipients=["someone@else.example", "ap@acme.example"],
    )
    assert not result.reply and not result.needs_human
    task = session.exec(select(Task)).one()
    assert task.kind == "follow_up" and task.account_id == "ACME"
    # The contact on file is named first, whatever order the server listed them in.
    assert task.title == "Our e-mail to ap@acme.example bounced: check the contact"
    assert task.details["failed"] == ["someone@else.example", "ap@acme.example"]
    note = session.exec(select(Note)).one().text
    assert note.startswith("Delivery failure (bounce) from mailer-daemon@mx.example")
    assert "failed: someone@else.example, ap@acme.example" in note


def test_a_bounce_about_no_customer_leaves_a_note_and_no_task(session: Session, act: Any) -> None:
    """Backscatter from spam that forged our address: nothing for a collector to do."""
    result = act(
        Triage(intents=["other"]),
        account=None,
        bounce=True,
        from_addr="mailer-daemon@mx.example",
        bounced_recipients=["victim@stranger.example"],
    )
    assert not result.needs_human
    assert session.exec(select(Task)).all() == []
    assert "failed: victim@stranger.example" in session.exec(select(Note)).one().text


def test_payment_plan_creates_task_and_needs_human(session: Session, act: Any) -> None:
    result = act(Triage(intents=["payment_plan_request"], invoices=["INV-2026-0012"]))
    task = session.exec(select(Task)).one()
    assert task.kind == "payment_plan" and task.details["invoices"] == ["INV-2026-0012"]
    assert result.needs_human and not result.reply
    assert _holds(session) == []


def test_other_needs_human_without_reply(act: Any) -> None:
    result = act(Triage(intents=["other"]))
    assert result.needs_human and not result.reply and result.actions == []


def test_multi_intent_dispute_and_invoice_copy(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["dispute", "invoice_copy_request"],
        invoices=["INV-2026-0047"],
        dispute_reason="quantity",
    )
    result = act(triage)
    assert [d.invoice for d in result.disputes] == ["INV-2026-0047"]
    assert result.invoice_copies == ["INV-2026-0047"]
    assert result.paused_invoices == ["INV-2026-0047"]
    assert result.reply and not result.needs_human
    assert [a.tool for a in result.actions] == ["open_dispute", "get_invoice_copy"]


def test_a_copy_is_of_the_invoice_its_sentence_asks_for(session: Session, act: Any) -> None:
    """ "We paid INV-2026-0012 on Friday. Could you send a copy of INV-2026-0047?" """
    triage = Triage(
        intents=["payment_confirmation", "invoice_copy_request"],
        invoices=["INV-2026-0012", "INV-2026-0047"],
        payment_claim=PaymentClaimFacts(date=date(2026, 11, 13)),
        evidence=[
            Evidence(field="payment_confirmation", sentence="We paid INV-2026-0012 on Friday."),
            Evidence(
                field="invoice_copy_request",
                sentence="Could you please send a copy of INV-2026-0047?",
            ),
        ],
    )
    result = act(triage)
    assert result.invoice_copies == ["INV-2026-0047"]
    assert session.exec(select(PaymentClaim)).one().invoice_numbers == ["INV-2026-0012"]


def test_invoice_copy_naming_nothing_attaches_all_open_invoices(act: Any) -> None:
    result = act(Triage(intents=["invoice_copy_request"]))
    assert result.invoice_copies == ["INV-2026-0012", "INV-2026-0047"]


def test_payment_confirmation_claim_task_and_seven_day_hold(session: Session, act: Any) -> None:
    facts = PaymentClaimFacts(date=date(2026, 11, 13), amount=Decimal("830.50"), reference="T-9")
    result = act(
        Triage(intents=["payment_confirmation"], invoices=["INV-2026-0047"], payment_claim=facts)
    )
    claim = session.exec(select(PaymentClaim)).one()
    assert (claim.amount, claim.reference) == (Decimal("830.50"), "T-9")
    assert session.exec(select(Task)).one().kind == "cash_application"
    assert _holds(session) == [("INV-2026-0047", "payment_claim", date(2026, 11, 23))]
    assert result.payment_claim == facts and result.reply and not result.needs_human
    assert result.payment_claim_paused


def test_a_payment_naming_no_invoice_is_recorded_without_a_pause(
    session: Session, act: Any
) -> None:
    facts = PaymentClaimFacts(date=date(2026, 11, 13), amount=Decimal("99.00"))
    result = act(Triage(intents=["payment_confirmation"], payment_claim=facts))
    assert session.exec(select(PaymentClaim)).one().invoice_numbers == []
    assert _holds(session) == []
    assert result.reply and not result.payment_claim_paused


def test_statement_request_attaches_statement(act: Any) -> None:
    result = act(Triage(intents=["statement_request"]))
    assert result.statement and result.reply and not result.needs_human


def test_contact_update_is_proposed_and_acknowledged(session: Session, act: Any) -> None:
    facts = ContactUpdateFacts(new_email="payables@acme.example", old_email="ap@acme.example")
    result = act(Triage(intents=["contact_update"], contact_update=facts))
    change = session.exec(select(ContactChange)).one()
    assert change.status == "proposed" and change.new_email == "payables@acme.example"
    assert result.contact_change_proposed and result.reply and not result.needs_human


def test_injection_and_other_customers_data_need_human(act: Any) -> None:
    triage = Triage(
        intents=["statement_request"], injection_suspected=True, other_customer_data_requested=True
    )
    result = act(triage)
    assert result.needs_human and len(result.needs_human_reasons) == 2
    assert not result.statement and not result.reply and result.actions == []


def test_injection_records_nothing_even_from_a_verified_sender(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["promise_to_pay"],
        invoices=["INV-2026-0012"],
        promise=PromiseFacts(date=date(2026, 11, 20)),
        injection_suspected=True,
    )
    result = act(triage)
    assert result.needs_human and result.promise is None and not result.reply
    assert session.exec(select(Promise)).all() == [] and _holds(session) == []


def test_failed_authentication_is_unverified(session: Session, act: Any) -> None:
    result = act(Triage(intents=["invoice_copy_request"]), auth_failed=True)
    assert result.needs_human and result.invoice_copies == [] and not result.reply
    assert session.exec(select(ToolCall)).all() == []


def test_our_own_mail_is_left_alone(act: Any, settings: Settings) -> None:
    result = act(Triage(intents=["other"]), from_addr=settings.ar_mailbox.upper())
    assert result == ActResult()


def test_acting_twice_on_a_message_repeats_no_effect(
    session: Session, settings: Settings, act: Any
) -> None:
    triage = Triage(
        intents=["dispute", "promise_to_pay"],
        invoices=["INV-2026-0012"],
        dispute_reason="pricing",
        promise=PromiseFacts(date=date(2026, 11, 20)),
    )
    first = act(triage)
    parsed = ParsedMessage(from_addr="ap@acme.example", received_at=RECEIVED, new_text="Hello")
    second = act_on_triage(
        session,
        message=act.message,
        parsed=parsed,
        match=AccountMatch(account_id="ACME", verified=True, method="contact"),
        triage=triage,
        context=load_context(session, "ACME"),
        settings=settings,
    )
    assert second.disputes == first.disputes and second.promise == first.promise
    assert len(session.exec(select(Dispute)).all()) == 1
    assert len(session.exec(select(Promise)).all()) == 1
    assert len(session.exec(select(DunningHold)).all()) == 2
    assert len(session.exec(select(ToolCall)).all()) == 2


def _llm_ctx(session: Session, settings: Settings, message: Any) -> Any:
    from tools.context import ToolContext

    return ToolContext(
        session=session,
        message=message,
        account_id="ACME",
        verified=True,
        received_at=RECEIVED,
        settings=settings,
        model="openai:test",
        invoice_numbers=frozenset({"INV-2026-0012", "INV-2026-0047"}),
    )


def _act_after_model(
    session: Session, settings: Settings, message: Any, triage: Triage, prior: list[Any]
) -> ActResult:
    return act_on_triage(
        session,
        message=message,
        parsed=ParsedMessage(from_addr="ap@acme.example", received_at=RECEIVED, new_text="Hi"),
        match=AccountMatch(account_id="ACME", verified=True, method="contact"),
        triage=triage,
        context=load_context(session, "ACME"),
        settings=settings,
        prior=prior,
    )


def test_calls_a_model_already_made_are_folded_in_not_repeated(
    session: Session, settings: Settings, act: Any
) -> None:
    from tools.registry import call_tool

    act(Triage(intents=["auto_reply"]), auto_reply=True)  # just to store a message
    message = act.message
    ctx = _llm_ctx(session, settings, message)
    prior = [
        call_tool(ctx, "open_dispute", {"invoices": ["INV-2026-0047"], "reason": "tax"}),
        call_tool(ctx, "record_promise", {"invoices": ["INV-2026-0012"], "date": "2026-11-27"}),
    ]
    triage = Triage(
        intents=["dispute", "promise_to_pay"],
        invoices=["INV-2026-0047", "INV-2026-0012"],
        dispute_reason="quality",  # differs from the model's call: must not open a second one
        promise=PromiseFacts(date=date(2026, 11, 28)),
    )
    result = _act_after_model(session, settings, message, triage, prior)
    assert [(d.invoice, d.reason) for d in result.disputes] == [("INV-2026-0047", "tax")]
    assert result.promise == PromiseFacts(date=date(2026, 11, 27), amount=None)
    assert result.paused_invoices == ["INV-2026-0047", "INV-2026-0012"]
    assert len(session.exec(select(Promise)).all()) == 1
    assert len(session.exec(select(Dispute)).all()) == 1
    assert result.reply and not result.needs_human


def test_a_models_malformed_call_is_redone_from_the_triage(
    session: Session, settings: Settings, act: Any
) -> None:
    from tools.registry import call_tool

    act(Triage(intents=["auto_reply"]), auto_reply=True)
    message = act.message
    bad = call_tool(_llm_ctx(session, settings, message), "get_invoice_copy", {"invoice": "x"})
    assert not bad.allowed and not bad.needs_human
    triage = Triage(intents=["invoice_copy_request"], invoices=["INV-2026-0012"])
    result = _act_after_model(session, settings, message, triage, [bad])
    assert result.invoice_copies == ["INV-2026-0012"] and not result.needs_human


def test_a_models_call_refused_by_policy_is_not_retried(
    session: Session, settings: Settings, act: Any
) -> None:
    from tools.registry import call_tool

    act(Triage(intents=["auto_reply"]), auto_reply=True)
    message = act.message
    refused = call_tool(
        _llm_ctx(session, settings, message),
        "record_promise",
        {"invoices": ["INV-2026-0012"], "date": "2027-03-01"},
    )
    triage = Triage(
        intents=["promise_to_pay"],
        invoices=["INV-2026-0012"],
        promise=PromiseFacts(date=date(2027, 3, 2)),
    )
    result = _act_after_model(session, settings, message, triage, [refused])
    assert result.needs_human and result.promise is None
    assert len(session.exec(select(ToolCall).where(ToolCall.tool == "record_promise")).all()) == 1


def test_contact_update_with_invalid_address_needs_human(session: Session, act: Any) -> None:
    facts = ContactUpdateFacts(new_email="payables at acme")
    result = act(Triage(intents=["contact_update"], contact_update=facts))
    assert result.needs_human and not result.contact_change_proposed and not result.reply
    assert "invalid arguments" in result.needs_human_reasons[0]
    assert session.exec(select(ContactChange)).all() == []


def test_dispute_and_promise_split_the_named_invoices_by_evidence(
    session: Session, act: Any
) -> None:
    triage = Triage(
        intents=["promise_to_pay", "dispute"],  # the actor handles disputes first anyway
        invoices=["INV-2026-0012", "INV-2026-0047"],
        dispute_reason="pricing",
        promise=PromiseFacts(date=date(2026, 11, 20)),
        evidence=[Evidence(field="dispute", sentence="The price on PO-7781 is wrong.")],
    )
    result = act(triage)
    assert [d.invoice for d in result.disputes] == ["INV-2026-0012"]
    assert result.promise_invoices == ["INV-2026-0047"]
    assert _holds(session) == [
        ("INV-2026-0012", "dispute", None),
        ("INV-2026-0047", "promise", date(2026, 11, 23)),
    ]


def test_a_case_needing_a_collector_gets_no_ledger_records(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["dispute", "promise_to_pay"],
        invoices=["INV-2026-0012", "INV-2026-0047"],
        dispute_reason="pricing",
        promise=PromiseFacts(date=date(2027, 3, 1)),  # beyond the horizon
    )
    result = act(triage)
    assert result.needs_human and not result.disputes and result.promise is None
    assert session.exec(select(Dispute)).all() == [] and _holds(session) == []
    assert "Nothing was recorded and dunning is unchanged: a collector decides." in (
        result.needs_human_reasons
    )


def test_payment_plan_with_copy_request_prepares_copies_and_the_task(
    session: Session, act: Any
) -> None:
    triage = Triage(
        intents=["payment_plan_request", "invoice_copy_request", "dispute"],
        invoices=["INV-2026-0012"],
        dispute_reason="pricing",
    )
    result = act(triage)
    assert result.invoice_copies == ["INV-2026-0012"] and result.reply and result.needs_human
    assert session.exec(select(Task)).one().kind == "payment_plan"
    assert not result.disputes and session.exec(select(Dispute)).all() == []


def test_payment_claim_on_another_accounts_invoice_records_nothing(
    session: Session, act: Any
) -> None:
    result = act(Triage(intents=["payment_confirmation"], invoices=["INV-2026-0101"]))
    assert result.needs_human and result.payment_claim is None
    assert session.exec(select(PaymentClaim)).all() == []


def test_out_of_office_with_a_promise_records_it_without_reply(session: Session, act: Any) -> None:
    triage = Triage(
        intents=["auto_reply", "promise_to_pay"],
        invoices=["INV-2026-0012"],
        promise=PromiseFacts(date=date(2026, 11, 25)),
    )
    result = act(triage, auto_reply=True)
    assert result.promise_invoices == ["INV-2026-0012"] and session.exec(select(Note)).one()
    assert not result.reply and not result.needs_human


def test_a_dateless_promise_beside_a_dispute_is_noted_not_escalated(
    session: Session, act: Any
) -> None:
    triage = Triage(
        intents=["dispute", "promise_to_pay"],
        invoices=["INV-2026-0012"],
        dispute_reason="damaged",
        promise=PromiseFacts(date=None),
    )
    result = act(triage)
    assert [d.invoice for d in result.disputes] == ["INV-2026-0012"]
    assert result.promise is None and not result.needs_human and result.reply
    assert "no promise recorded" in session.exec(select(Note)).one().text
