"""Drafting: a reply in the buyer's language, grounded in the records, with PDF attachments.

`draft_reply` is what the pipeline calls; `compose_*` build letters for later flows
(a broken promise, a resolved dispute) and `save_draft` stores any composed letter.
Nothing here sends mail: a draft waits, `pending`, for a collector.
"""

from __future__ import annotations

import logging
from datetime import UTC

from sqlalchemy import bindparam
from sqlmodel import Session, select

from agent.context import AccountContext
from agent.draft import attachments
from agent.draft.compose import (
    Letter,
    compose_dispute_resolved,
    compose_promise_broken,
    compose_reply,
)
from agent.draft.documents import (
    DocumentNotFound,
    invoice_copy_pdf,
    statement_pdf,
)
from agent.draft.grounding import GroundingFacts, check_grounded
from agent.draft.headers import reply_recipient, reply_references, reply_subject
from agent.draft.render import render_macro
from agent.schema import AccountMatch, ActResult, ParsedMessage, Triage
from arinbox.settings import Settings
from prompts import files as prompt_files
from records.inbox import Draft, DraftState, Message, MessageState
from records.types import utcnow

__all__ = [
    "DocumentNotFound",
    "GroundingFacts",
    "Letter",
    "check_grounded",
    "compose_dispute_resolved",
    "compose_promise_broken",
    "compose_reply",
    "draft_reply",
    "invoice_copy_pdf",
    "save_draft",
    "save_thread_draft",
    "statement_pdf",
    "template_tag",
]

log = logging.getLogger(__name__)
# Built once (docs/mailbox.md: a statement built per call costs more than its round trip).
# A rejected reply is no answer: a message read again (its sender identified by a
# collector, agent/contacts.py) gets a new draft.
_REPLY_OF = select(Draft).where(
    Draft.message_id == bindparam("message_pk"),
    Draft.kind == "reply",
    Draft.state != DraftState.rejected,
)


def draft_reply(
    session: Session,
    *,
    message: Message,
    parsed: ParsedMessage,
    match: AccountMatch,
    triage: Triage,
    act: ActResult,
    context: AccountContext,
    settings: Settings,
) -> Draft | None:
    """Store a pending reply to `message` (its attachments named); None when we must not reply.

    Idempotent: a message that already has a reply draft (not rejected) gets that draft back.
    """
    if parsed.machine_sent or not parsed.from_addr:
        log.info(
            "no reply drafted to an automatic or addressless message",
            extra={"message_pk": message.id},
        )
        return None
    existing = session.exec(_REPLY_OF, params={"message_pk": message.id}).first()
    if existing is not None:
        return existing
    as_of = message.received_at.astimezone(UTC).date()
    letter = compose_reply(
        parsed=parsed,
        match=match,
        triage=triage,
        act=act,
        context=context,
        settings=settings,
        as_of=as_of,
    )
    fallback = render_macro(
        letter.language, "subjects", "reply_fallback", company_name=settings.company_name
    )
    subject = reply_subject(parsed.subject, fallback)
    if letter.facts.check(subject, letter.language):
        # The buyer's subject names figures this account's records lack (another
        # customer's invoice, an invented amount): do not repeat them in our reply.
        subject = reply_subject("", fallback)
    draft = save_draft(
        session,
        message_id=message.id or 0,
        letter=letter,
        to_addr=reply_recipient(parsed, context),
        subject=subject,
        in_reply_to=parsed.message_id,
        references=reply_references(parsed),
        kind="reply",
    )
    _attach(session, draft, letter, context)
    return draft


def save_thread_draft(session: Session, *, message: Message, letter: Letter, kind: str) -> Draft:
    """A letter we start in the buyer's thread (a follow-up, a notice): the case reopens."""
    draft = save_draft(
        session,
        message_id=message.id or 0,
        letter=letter,
        to_addr=message.from_addr,
        subject=letter.subject or reply_subject(message.subject, message.subject),
        in_reply_to=message.message_id,
        references=[*message.references, *([message.message_id] if message.message_id else [])],
        kind=kind,
    )
    message.state = MessageState.drafted
    message.updated_at = utcnow()
    session.add(message)
    return draft


def template_tag(letter: Letter) -> str:
    """`<prompts version>:<template names>`, stored in Draft.template."""
    return f"{prompt_files.version()}:{','.join(letter.templates)}"


def save_draft(
    session: Session,
    *,
    message_id: int,
    letter: Letter,
    to_addr: str,
    subject: str,
    in_reply_to: str | None,
    references: list[str],
    kind: str = "reply",
) -> Draft:
    """Add a pending Draft for `letter`, flagged when its text is not grounded; flushes."""
    problems = letter.facts.check(letter.body, letter.language)
    draft = Draft(
        message_id=message_id,
        kind=kind,
        state=DraftState.pending,
        language=letter.language,
        to_addr=to_addr,
        subject=subject,
        body=letter.body,
        original_body=letter.body,
        template=template_tag(letter),
        in_reply_to=in_reply_to,
        references=references,
        flagged=bool(problems),
        flag_reason="; ".join(problems)[:1000] if problems else None,
    )
    if problems:
        log.warning("draft not grounded", extra={"message_pk": message_id, "problems": problems})
    session.add(draft)
    session.flush()
    return draft


def _attach(session: Session, draft: Draft, letter: Letter, context: AccountContext) -> None:
    """Name the draft's files; they are made when first opened or on approval."""
    draft_id = draft.id or 0
    for number in letter.invoice_copies:
        session.add(attachments.invoice_copy(draft_id, number, letter.language))
    if letter.statement_as_of is not None and context.account is not None:
        session.add(
            attachments.statement(
                draft_id, context.account.id, letter.statement_as_of, letter.language
            )
        )
