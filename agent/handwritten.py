"""A reply the collector writes by hand, for a case arinbox drafted nothing for.

A payment plan, a question from a stranger, a case whose draft was rejected: the
collector answers in their own words. The reply is an ordinary pending draft (kind
`manual`) in the buyer's thread, so it is approved, sent exactly once and filed in Sent
like any other; the dashboard leaves it out of the agent's approval figures.
"""

from __future__ import annotations

from sqlmodel import Session, col, select

from agent.closing import ON_ITS_WAY
from agent.draft.headers import reply_subject, thread_references
from agent.draft.render import render_macro
from agent.review import (
    EDITABLE_DRAFT_STATES,
    ConflictError,
    NotFoundError,
    ReviewError,
    log_activity,
)
from agent.schema import LANGUAGES
from arinbox.settings import Settings
from records.inbox import Draft, DraftState, Message, MessageState, User
from records.types import utcnow

MANUAL = "manual"  # Draft.kind of a reply written by a person
ANSWERABLE_STATES = (
    MessageState.needs_human,
    MessageState.rejected,
    MessageState.closed,
    MessageState.sent,  # a further answer in the same thread
)
_OPEN_DRAFT_STATES = (*EDITABLE_DRAFT_STATES, *ON_ITS_WAY)
_MACHINE_FLAGS = {
    "auto_reply": "an auto-reply",
    "auto_generated": "sent by a program",
    "bounce": "a bounce",
}


def write_reply(
    *,
    session: Session,
    user: User,
    message_id: int,
    body: str,
    settings: Settings,
    subject: str | None = None,
) -> Draft:
    """Store the collector's own reply to the case as a pending draft in the buyer's thread."""
    body = body.strip()
    if not body:
        raise ReviewError("the reply is empty")
    message = session.get(Message, message_id)
    if message is None or message.direction != "inbound":
        raise NotFoundError(f"case {message_id} not found")
    _check_answerable(session, message)
    language = message.language if message.language in LANGUAGES else "en"
    fallback = render_macro(
        language, "subjects", "reply_fallback", company_name=settings.company_name
    )
    draft = Draft(
        message_id=message_id,
        kind=MANUAL,
        state=DraftState.pending,
        language=language,
        to_addr=message.from_addr,
        subject=(subject or "").strip() or reply_subject(message.subject, fallback),
        body=body,
        original_body=body,
        in_reply_to=message.message_id,
        references=thread_references(message.references, message.message_id),
    )
    session.add(draft)
    message.state = MessageState.drafted
    message.updated_at = utcnow()
    session.add(message)
    session.flush()
    log_activity(
        session=session,
        user=user,
        action="write_reply",
        target="draft",
        target_id=draft.id,
        details={"message_id": message_id},
    )
    return draft


def can_write(message: Message, latest: Draft | None) -> bool:
    """Whether the case page offers to write a reply (`latest`: the case's newest draft)."""
    waiting = latest is not None and latest.state in _OPEN_DRAFT_STATES
    return message.direction == "inbound" and _refusal(message, waiting=waiting) is None


def _check_answerable(session: Session, message: Message) -> None:
    waiting = session.exec(
        select(Draft.id).where(
            Draft.message_id == message.id, col(Draft.state).in_(_OPEN_DRAFT_STATES)
        )
    ).first()
    refusal = _refusal(message, waiting=waiting is not None)
    if refusal:
        raise ConflictError(refusal)


def sent_by_a_machine(message: Message) -> str | None:
    """What machine sent the stored message ("an auto-reply"...), or None for a person."""
    parsed = message.parsed or {}
    return next((what for flag, what in _MACHINE_FLAGS.items() if parsed.get(flag)), None)


def _refusal(message: Message, *, waiting: bool) -> str | None:
    """Why no person should answer this case here either, or None."""
    machine = sent_by_a_machine(message)
    if machine:
        return f"the message is {machine}: nobody reads a reply to it"
    if not message.from_addr or "@" not in message.from_addr:
        return "the message has no sender address to reply to"
    if message.state not in ANSWERABLE_STATES:
        return f"the case is {message.state}; edit or reject its draft first"
    if waiting:
        return "the case has a draft waiting or on its way: edit it instead"
    return None
