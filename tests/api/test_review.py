"""agent.review on its own, and the numbers the dashboard computes from the records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from agent import review
from api.dashboard import load_dashboard
from arinbox.settings import Settings
from records.inbox import ActivityEvent, Correction, Draft, ToolCall, User
from records.ledger import DunningHold, Invoice
from tests.api.conftest import seed_case


def _user(session: Session, name: str) -> User:
    return session.exec(select(User).where(User.username == name)).one()


def test_mailbox_domain() -> None:
    assert (
        review.mailbox_domain("Accounts Receivable <ar@northwind.example>") == "northwind.example"
    )
    assert review.mailbox_domain("ar@sub.example.org") == "sub.example.org"


def test_approve_is_idempotent_and_keeps_its_message_id(
    session: Session, ledger: dict, users: dict, settings: Settings
) -> None:
    case = seed_case(session)
    alice = _user(session, "alice")
    first = review.approve_draft(
        session=session, user=alice, draft_id=case.draft_id or 0, settings=settings
    )
    msgid = first.outgoing_message_id
    session.commit()
    again = review.approve_draft(
        session=session, user=alice, draft_id=case.draft_id or 0, settings=settings
    )
    session.commit()
    assert again.outgoing_message_id == msgid and again.approved_at == first.approved_at
    assert (
        len(list(session.exec(select(ActivityEvent).where(ActivityEvent.action == "approve")))) == 1
    )


def test_edit_keeps_the_original(session: Session, ledger: dict, users: dict) -> None:
    case = seed_case(session, draft_body="Agent text")
    alice = _user(session, "alice")
    review.edit_draft(session=session, user=alice, draft_id=case.draft_id or 0, body="Mine")
    review.edit_draft(session=session, user=alice, draft_id=case.draft_id or 0, body="Mine again")
    draft = session.get(Draft, case.draft_id)
    assert draft is not None
    assert (draft.original_body, draft.body, draft.edited) == ("Agent text", "Mine again", True)


def test_corrections_only_store_changes(session: Session, ledger: dict, users: dict) -> None:
    case = seed_case(session)
    alice = _user(session, "alice")
    same = review.correct_triage(
        session=session,
        user=alice,
        message_id=case.message_id,
        changes={"intents": ["promise_to_pay"]},
    )
    assert same == []
    rows = review.correct_triage(
        session=session,
        user=alice,
        message_id=case.message_id,
        changes={"intents": ["other", "dispute", "dispute"], "language": "de"},
    )
    session.commit()
    assert {c.field: c.new_value for c in rows} == {
        "intents": ["dispute", "other"],
        "language": "de",
    }
    with pytest.raises(review.ReviewError):
        review.correct_triage(
            session=session, user=alice, message_id=case.message_id, changes={"amount": "1"}
        )


def test_undo_hold_without_reported_ids(session: Session, ledger: dict, users: dict) -> None:
    case = seed_case(session)
    inv = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0047")).one()
    hold = DunningHold(
        invoice_id=inv.id or 0, account_id="ACME", reason="manual", message_id=case.message_id
    )
    session.add(hold)
    call = ToolCall(
        message_id=case.message_id,
        idempotency_key="k1",
        tool="pause_dunning",
        arguments={"invoices": ["INV-2026-0047"]},
        result={"paused": True},
    )
    session.add(call)
    session.commit()
    undo = review.undo_action(
        session=session, user=_user(session, "mona"), toolcall_id=call.id or 0
    )
    session.commit()
    assert undo.result == {"holds_ended": [hold.id]}
    session.refresh(hold)
    assert not hold.active and hold.end_reason == "undone by mona" and hold.ended_at is not None


def test_dashboard_numbers(session: Session, ledger: dict, users: dict) -> None:
    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    alice = _user(session, "alice")
    quick = seed_case(session, received_at=now - timedelta(hours=2))
    slow = seed_case(session, received_at=now - timedelta(hours=6), language="de")
    seed_case(session, state="failed", received_at=now - timedelta(days=1), draft_body=None)
    seed_case(session, actions=True, received_at=now - timedelta(days=2))
    for case, edited in ((quick, False), (slow, True)):
        draft = session.get(Draft, case.draft_id)
        assert draft is not None
        draft.state, draft.edited, draft.approved_at = "approved", edited, now
    session.add(
        Correction(
            message_id=slow.message_id, field="intents", new_value=["dispute"], username="alice"
        )
    )
    review.log_activity(session=session, user=alice, action="note", target="message", target_id=1)
    session.commit()
    d = load_dashboard(session, now=now)
    assert d.approved == 2 and d.approved_unedited == 1 and d.approval_unedited_rate == 0.5
    assert d.median_hours_to_approval == pytest.approx(4.0)
    assert d.live_reviewed == 2 and d.live_intent_accuracy == 0.5
    assert d.states["failed"] == 1
    assert d.promises["open"] == 1
    assert d.disputes_by_reason == {"pricing": 1}
    assert sum(d.by_language["de"]) == 1 and sum(d.by_intent["promise_to_pay"]) == 4
    # Queue health: every case is still to do (drafted or failed), by time since arrival.
    assert d.waiting_by_age == {"< 1 day": 2, "1-3 days": 2, "3-7 days": 0, "> 7 days": 0}
    assert d.oldest_waiting_hours == pytest.approx(48.0)


def test_docs_page_is_self_hosted(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "/api/cases/{case_id}/approve" in page.text
    assert "cdn" not in page.text.lower()
    assert "/api/actions/{toolcall_id}/undo" in client.get("/openapi.json").json()["paths"]


def test_queue_neighbours_follow_the_queue_order(session: Session, ledger: dict) -> None:
    from api.queue import QueueFilter, list_cases, neighbours

    base = datetime(2026, 11, 16, 9, tzinfo=UTC)
    ids = [
        seed_case(
            session,
            priority=p,
            needs_human=h,
            received_at=base + timedelta(minutes=m),
            state="needs_human" if h else "drafted",
        ).message_id
        for p, h, m in ((5, False, 0), (5, False, 0), (9, False, 3), (0, True, 1), (5, False, -1))
    ]
    order = [r.id for r in list_cases(session, QueueFilter()).rows]
    assert order == [ids[3], ids[2], ids[4], ids[0], ids[1]]
    walked = [order[0]]
    while True:
        _, nxt = neighbours(session, QueueFilter(), walked[-1])
        if nxt is None:
            break
        walked.append(nxt)
    assert walked == order
    assert neighbours(session, QueueFilter(), order[2]) == (order[1], order[3])
    assert neighbours(session, QueueFilter(), order[0])[0] is None


def test_priority_ranks_disputes_then_amount(session: Session, ledger: dict) -> None:
    from decimal import Decimal

    from records.inbox import Message

    assert review.queue_priority(intents=["dispute"], amount_at_stake=Decimal(0)) > (
        review.queue_priority(intents=["promise_to_pay"], amount_at_stake=Decimal("999999"))
    )
    promise = seed_case(session)  # names INV-2026-0012, open 1250.00
    dispute = seed_case(session, intents=["dispute"])
    unknown = seed_case(session, account=None)
    # Spam from a stranger read as a dispute ("Low or High Blood Pressure? We can help.")
    stranger = seed_case(session, intents=["dispute"], account=None)
    scores = {}
    for case in (promise, dispute, unknown, stranger):
        message = session.get(Message, case.message_id)
        assert message is not None
        scores[case.message_id] = review.set_priority(session=session, message=message)
    assert scores[promise.message_id] == 1250
    assert scores[dispute.message_id] == review.DISPUTE_PRIORITY + 1250
    assert scores[unknown.message_id] == 0
    assert scores[stranger.message_id] == 0


def test_undo_reads_the_tools_nested_results(session: Session, ledger: dict, users: dict) -> None:
    """The tools report rows ({"disputes": [{"dispute_id"}], "holds": [{"hold_id"}]})."""
    from records.ledger import Dispute

    case = seed_case(session)
    inv = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0047")).one()
    mine = Dispute(
        reference="DSP-1",
        account_id="ACME",
        invoice_id=inv.id or 0,
        message_id=case.message_id,
        reason="pricing",
    )
    other = Dispute(
        reference="DSP-2",
        account_id="ACME",
        invoice_id=inv.id or 0,
        message_id=case.message_id,
        reason="damaged",
    )
    session.add(mine)
    session.add(other)
    session.flush()
    hold = DunningHold(
        invoice_id=inv.id or 0,
        account_id="ACME",
        reason="dispute",
        source_id=mine.id,
        message_id=case.message_id,
    )
    claim_hold = DunningHold(
        invoice_id=inv.id or 0,
        account_id="ACME",
        reason="payment_claim",
        message_id=case.message_id,
    )
    session.add(hold)
    session.add(claim_hold)
    session.flush()
    dispute_call = ToolCall(
        message_id=case.message_id,
        idempotency_key="d",
        tool="open_dispute",
        result={
            "disputes": [{"dispute_id": mine.id, "reference": "DSP-1"}],
            "holds": [{"hold_id": hold.id}],
            "summary": "Dispute (pricing) DSP-1",
        },
    )
    claim_call = ToolCall(
        message_id=case.message_id,
        idempotency_key="c",
        tool="record_payment_claim",
        result={"claim_id": 1, "holds": [{"hold_id": claim_hold.id}]},
    )
    session.add(dispute_call)
    session.add(claim_call)
    session.commit()
    mona = _user(session, "mona")
    review.undo_action(session=session, user=mona, toolcall_id=dispute_call.id or 0)
    review.undo_action(session=session, user=mona, toolcall_id=claim_call.id or 0)
    session.commit()
    for row in (mine, other, hold, claim_hold):
        session.refresh(row)
    assert mine.status == "resolved" and other.status == "open"  # only the reported dispute
    assert not hold.active and not claim_hold.active
