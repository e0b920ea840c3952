"""Closing a case no draft will answer, and opening it again.

Many cases end without a reply from arinbox: spam and sales mail from strangers, a
payment plan the collector settled by phone, the second copy of a message. Without a way
to close them the collector's queue only grows and its counts mean nothing. Closing is a
person's decision, kept in the audit trail with its reason; a draft still waiting is
rejected with the case, so nothing of it can be sent later.
"""

from __future__ import annotations

from sqlmodel import Session, select

from agent.review import (
    EDITABLE_DRAFT_STATES,
    ConflictError,
    NotFoundError,
    ReviewError,
    correct_triage,
    log_activity,
)
from records.inbox import Draft, DraftState, Message, MessageState, User
from records.types import utcnow

# Why a case is closed: the reasons a collector picks from, and how the page names them.
CLOSE_REASONS = {
    "handled": "handled outside arinbox",
    "not_for_ar": "not for AR: spam, sales, misdirected",
    "duplicate": "a duplicate of another case",
}
CLOSABLE_STATES = (MessageState.needs_human, MessageState.drafted, MessageState.failed)
REOPENABLE_STATES = (MessageState.closed, MessageState.rejected)
REOPENED = "Reopened by a collector."
ON_ITS_WAY = (DraftState.approved, DraftState.sending)  # a draft past a person's reach
_ON_ITS_WAY = "a reply of this case is approved and being sent; it cannot be closed"


def close_case(
    *, session: Session, user: User, message_id: int, reason: str, note: str = ""
) -> Message:
    """Close the case: it leaves the queue; a draft still waiting is rejected with it.

    `not_for_ar` also corrects the triage's intents to `other` (when they differ), so the
    local model learns that such mail is not a dispute or a promise.
    """
    if reason not in CLOSE_REASONS:
        raise ReviewError(f"unknown reason {reason!r}: one of {', '.join(CLOSE_REASONS)}")
    message = _inbound(session, message_id)
    if message.state == MessageState.closed:
        return message
    if message.state == MessageState.approved:
        raise ConflictError(_ON_ITS_WAY)
    if message.state not in CLOSABLE_STATES:
        raise ConflictError(f"the case is {message.state}; it cannot be closed")
    rejected = reject_waiting_drafts(session, message, f"case closed: {CLOSE_REASONS[reason]}")
    if reason == "not_for_ar":
        correct_triage(
            session=session, user=user, message_id=message_id, changes={"intents": ["other"]}
        )
    message.state = MessageState.closed
    message.updated_at = utcnow()
    session.add(message)
    log_activity(
        session=session,
        user=user,
        action="close",
        target="message",
        target_id=message_id,
        details={"reason": reason, "note": note.strip()[:2000], "drafts_rejected": rejected},
    )
    return message


MAX_BULK = 200  # one queue page at its largest


def close_cases(
    *, session: Session, user: User, message_ids: list[int], reason: str, note: str = ""
) -> tuple[list[int], dict[int, str]]:
    """Close several cases (the queue's selection): the closed ids, and why others were not.

    Each case is closed as `close_case` would; one that cannot be (already sent, a reply on
    its way) is reported and the rest go ahead.
    """
    if reason not in CLOSE_REASONS:
        raise ReviewError(f"unknown reason {reason!r}: one of {', '.join(CLOSE_REASONS)}")
    if len(message_ids) > MAX_BULK:
        raise ReviewError(f"at most {MAX_BULK} cases at once")
    closed: list[int] = []
    refused: dict[int, str] = {}
    for message_id in dict.fromkeys(message_ids):
        try:  # a refusal comes before close_case changes anything: nothing to undo
            close_case(session=session, user=user, message_id=message_id, reason=reason, note=note)
        except ReviewError as exc:
            refused[message_id] = str(exc)
        else:
            closed.append(message_id)
    return closed, refused


def reopen_case(*, session: Session, user: User, message_id: int) -> Message:
    """Put a closed (or rejected) case back in the queue as needing a human."""
    message = _inbound(session, message_id)
    if message.state == MessageState.needs_human:
        return message
    if message.state not in REOPENABLE_STATES:
        raise ConflictError(f"the case is {message.state}; only a closed case can be reopened")
    message.state = MessageState.needs_human
    message.needs_human = True
    if REOPENED not in message.needs_human_reasons:
        message.needs_human_reasons = [*message.needs_human_reasons, REOPENED]
    message.updated_at = utcnow()
    session.add(message)
    log_activity(
        session=session, user=user, action="reopen", target="message", target_id=message_id
    )
    return message


def _inbound(session: Session, message_id: int) -> Message:
    message = session.get(Message, message_id)
    if message is None or message.direction != "inbound":
        raise NotFoundError(f"case {message_id} not found")
    return message


def reject_waiting_drafts(session: Session, message: Message, why: str) -> list[int]:
    """Reject the case's pending or failed drafts (their ids); refuse when one is on its way."""
    drafts = list(session.exec(select(Draft).where(Draft.message_id == message.id)))
    leaving = [d for d in drafts if d.state in ON_ITS_WAY]
    if leaving:
        raise ConflictError(_ON_ITS_WAY)
    waiting = [d for d in drafts if d.state in EDITABLE_DRAFT_STATES]
    now = utcnow()
    for draft in waiting:
        draft.state = DraftState.rejected
        draft.rejected_reason = why
        draft.updated_at = now
        session.add(draft)
    return [d.id or 0 for d in sorted(waiting, key=lambda d: d.id or 0)]
