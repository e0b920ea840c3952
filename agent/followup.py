"""Promise follow-up: on the promised date plus grace, a promise is kept or broken.

Broken: the hold ends, a collector gets a task, and a follow-up draft ("we have not yet
received ...") waits for approval in the buyer's language. A new message from the buyer
before it is approved cancels that draft. Every step is a conditional update on the
promise's status, so a scheduler run twice, or by two workers at once, acts once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from agent.context import load_context
from agent.draft import compose_promise_broken, save_thread_draft
from arinbox.settings import Settings
from records.inbox import ActivityEvent, Draft, DraftState, Message, MessageState
from records.ledger import DunningHold, Invoice, Promise, Task
from records.types import utcnow

log = logging.getLogger(__name__)
TOLERANCE = Decimal("0.01")


@dataclass
class FollowUpReport:
    kept: int = 0
    broken: int = 0


def promise_kept(session: Session, promise: Promise) -> bool:
    """Whether the open amount of the promised invoices dropped as promised."""
    invoices = session.exec(
        select(Invoice).where(
            Invoice.account_id == promise.account_id,
            col(Invoice.number).in_(promise.invoice_numbers),
        )
    ).all()
    open_now = sum((inv.open_amount for inv in invoices), Decimal(0))
    before = promise.open_amount_at_promise
    if before is None:
        before = open_now if promise.amount is None else open_now + promise.amount
    promised = before if promise.amount is None else promise.amount
    return open_now <= before - promised + TOLERANCE


def check_promises(session: Session, settings: Settings, today: date) -> FollowUpReport:
    """Settle every open promise whose date plus grace has passed."""
    report = FollowUpReport()
    cutoff = today - timedelta(days=settings.promise_grace_days)
    due = session.exec(
        select(Promise.id).where(Promise.status == "open", col(Promise.promised_date) < cutoff)
    ).all()
    for promise_id in due:
        promise = session.get(Promise, promise_id)
        if promise is None:
            continue
        kept = promise_kept(session, promise)
        status = "kept" if kept else "broken"
        claimed = session.execute(
            update(Promise)
            .where(col(Promise.id) == promise_id, col(Promise.status) == "open")
            .values(status=status)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            session.rollback()  # another worker settled it first
            continue
        session.refresh(promise)
        _end_holds(session, promise, "promise kept" if kept else "promise broken")
        if kept:
            report.kept += 1
        else:
            _broken(session, promise, settings)
            report.broken += 1
        session.commit()
    return report


def _end_holds(session: Session, promise: Promise, why: str) -> None:
    for hold in session.exec(
        select(DunningHold).where(
            DunningHold.reason == "promise",
            DunningHold.source_id == promise.id,
            col(DunningHold.active).is_(True),
        )
    ):
        hold.end(why)
        session.add(hold)
    session.flush()


def _broken(session: Session, promise: Promise, settings: Settings) -> None:
    session.add(
        Task(
            account_id=promise.account_id,
            message_id=promise.message_id,
            kind="follow_up",
            title=f"Promise to pay by {promise.promised_date} broken ({promise.account_id})",
            details={"promise_id": promise.id, "invoices": promise.invoice_numbers},
        )
    )
    message = session.get(Message, promise.message_id) if promise.message_id else None
    if message is None:
        return
    context = load_context(session, promise.account_id, invoices=promise.invoice_numbers)
    letter = compose_promise_broken(promise, context, settings, language=message.language)
    draft = save_thread_draft(session, message=message, letter=letter, kind="follow_up")
    session.add(
        ActivityEvent(
            actor="scheduler",
            action="follow_up_drafted",
            target_type="draft",
            target_id=str(draft.id),
            details={"promise_id": promise.id},
        )
    )


# Built once (docs/mailbox.md: a statement built per call costs more than its round trip).
_WAITING_FOLLOW_UPS = (
    select(Draft)
    .join(Message, col(Message.id) == col(Draft.message_id))
    .where(
        Message.account_id == bindparam("account_id"),
        Draft.kind == "follow_up",
        Draft.state == DraftState.pending,
        col(Draft.created_at) < bindparam("before"),
    )
)


def cancel_follow_ups(session: Session, account_id: str, before: datetime) -> int:
    """A new message from the buyer cancels follow-up drafts still waiting for approval."""
    cancelled = 0
    rows = session.exec(
        _WAITING_FOLLOW_UPS, params={"account_id": account_id, "before": before}
    ).all()
    for draft in rows:
        draft.state = DraftState.cancelled
        draft.rejected_reason = "the buyer wrote again before it was approved"
        draft.updated_at = utcnow()
        session.add(draft)
        session.add(
            ActivityEvent(
                actor="agent",
                action="follow_up_cancelled",
                target_type="draft",
                target_id=str(draft.id),
            )
        )
        old = session.get(Message, draft.message_id)
        if old is not None and old.state == MessageState.drafted:
            old.state = MessageState.closed  # nothing waits on that case any more
            session.add(old)
        cancelled += 1
    return cancelled
