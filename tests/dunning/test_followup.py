from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from agent.followup import cancel_follow_ups, check_promises
from arinbox.settings import Settings
from connectors.ledger_import import apply_payments
from records.inbox import Draft, Message
from records.ledger import DunningHold, Promise, Task
from tests.dunning.conftest import RECEIVED, act, buyer_message
from tests.utils.plans import sqlite_plan

PROMISED = date(2026, 11, 20)


def _promise(session: Session, settings: Settings, language: str = "en") -> Message:
    message = buyer_message(session, "We will pay INV-2026-0012 on Friday.", language=language)
    act(
        session,
        settings,
        message,
        "record_promise",
        {"invoices": ["INV-2026-0012"], "date": PROMISED.isoformat()},
    )
    return message


def test_nothing_happens_before_date_plus_grace(
    session: Session, ledger: dict, settings: Settings
) -> None:
    _promise(session, settings)
    report = check_promises(session, settings, PROMISED + timedelta(days=3))
    assert (report.kept, report.broken) == (0, 0)
    assert session.exec(select(Promise)).one().status == "open"


def test_kept_when_the_open_amount_dropped(
    session: Session, ledger: dict, settings: Settings
) -> None:
    _promise(session, settings)
    apply_payments(
        session,
        [
            {
                "invoice_number": "INV-2026-0012",
                "amount": "1250.00",
                "date": "2026-11-19",
                "reference": "BANK-1",
            }
        ],
    )
    session.commit()
    report = check_promises(session, settings, PROMISED + timedelta(days=4))
    assert (report.kept, report.broken) == (1, 0)
    assert session.exec(select(Promise)).one().status == "kept"
    assert session.exec(select(Draft).where(Draft.kind == "follow_up")).all() == []


def test_broken_ends_hold_creates_task_and_drafts_follow_up_in_buyers_language(
    session: Session, ledger: dict, settings: Settings
) -> None:
    message = _promise(session, settings, language="de")
    apply_payments(session, [{"invoice_number": "INV-2026-0012", "amount": "100.00"}])
    session.commit()
    report = check_promises(session, settings, PROMISED + timedelta(days=4))
    assert (report.kept, report.broken) == (0, 1)
    assert session.exec(select(Promise)).one().status == "broken"
    hold = session.exec(select(DunningHold)).one()
    assert not hold.active and hold.end_reason == "promise broken"
    task = session.exec(select(Task).where(Task.kind == "follow_up")).one()
    assert "broken" in task.title
    draft = session.exec(select(Draft).where(Draft.kind == "follow_up")).one()
    assert draft.state == "pending" and draft.language == "de"
    assert "INV-2026-0012" in draft.body
    assert draft.in_reply_to == message.message_id and draft.to_addr == "ap@acme.example"
    assert session.get(Message, message.id).state == "drafted"


def test_run_twice_acts_once(session: Session, ledger: dict, settings: Settings) -> None:
    _promise(session, settings)
    day = PROMISED + timedelta(days=5)
    first = check_promises(session, settings, day)
    second = check_promises(session, settings, day)
    assert (first.broken, second.broken) == (1, 0)
    assert len(session.exec(select(Draft).where(Draft.kind == "follow_up")).all()) == 1


def test_two_workers_at_once_act_once(
    session: Session, engine: Engine, ledger: dict, settings: Settings
) -> None:
    _promise(session, settings)
    day = PROMISED + timedelta(days=5)
    results: list[int] = []
    barrier = threading.Barrier(2)

    def worker() -> None:
        with Session(engine) as own:
            barrier.wait()
            results.append(check_promises(own, settings, day).broken)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert sorted(results) == [0, 1]
    with Session(engine) as check:
        assert len(check.exec(select(Draft).where(Draft.kind == "follow_up")).all()) == 1
        assert len(check.exec(select(Task).where(Task.kind == "follow_up")).all()) == 1


def test_a_new_message_cancels_the_pending_follow_up(
    session: Session, ledger: dict, settings: Settings
) -> None:
    message = _promise(session, settings)
    check_promises(session, settings, PROMISED + timedelta(days=4))
    later = RECEIVED + timedelta(days=10)
    assert cancel_follow_ups(session, "ACME", later) == 1
    session.commit()
    draft = session.exec(select(Draft).where(Draft.kind == "follow_up")).one()
    assert draft.state == "cancelled" and "wrote again" in (draft.rejected_reason or "")
    assert session.get(Message, message.id).state == "closed"
    assert cancel_follow_ups(session, "ACME", later) == 0


def test_the_waiting_follow_ups_are_found_among_their_kind_not_every_pending_draft(
    engine: Engine, session: Session, ledger: dict
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan is read on SQLite; the other planner picks by table statistics")
    plan = sqlite_plan(engine, lambda: cancel_follow_ups(session, "ACME", RECEIVED), "draft.kind =")
    assert "USING INDEX ix_draft_state_kind (state=? AND kind=?" in plan
    assert "SCAN" not in plan
