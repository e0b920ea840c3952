"""A draft's files: named when the draft is written, made when first needed.

Laying out a PDF costs more than the rest of drafting a reply (fpdf2 measures every
line), and a backlog's drafts wait for a collector anyway. So a draft records what to
render (`DraftAttachment.source`) and its file name; the bytes are made when a collector
opens the file or approves the draft, and kept from then on: what is sent is what was
seen, and an approved draft never waits on a renderer in the sender.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from agent.draft.documents import (
    DocumentNotFound,
    invoice_copy_filename,
    invoice_copy_pdf,
    statement_filename,
    statement_pdf,
)
from arinbox.settings import Settings
from records.inbox import DraftAttachment


def invoice_copy(draft_id: int, number: str, language: str) -> DraftAttachment:
    """The copy of invoice `number`, to be made in `language`."""
    return DraftAttachment(
        draft_id=draft_id,
        filename=invoice_copy_filename(number),
        kind="invoice_copy",
        source={"invoice": number, "language": language},
    )


def statement(draft_id: int, account_id: str, as_of: date, language: str) -> DraftAttachment:
    """The account's statement of open items on `as_of`, to be made in `language`."""
    return DraftAttachment(
        draft_id=draft_id,
        filename=statement_filename(account_id, as_of),
        kind="statement",
        source={"account": account_id, "as_of": as_of.isoformat(), "language": language},
    )


def made(session: Session, attachment: DraftAttachment, settings: Settings) -> bytes:
    """The attachment's bytes, made now (and kept in the session) if not made yet.

    Raises DocumentNotFound when what it names has left the ledger since the draft.
    """
    if attachment.content is None:
        attachment.content = _render(session, attachment.source or {}, settings)
        session.add(attachment)
    return attachment.content


def make_all(session: Session, draft_id: int, settings: Settings) -> list[DraftAttachment]:
    """Every attachment of the draft, each made if it was not yet (approving needs them)."""
    attachments = list(
        session.exec(
            select(DraftAttachment)
            .where(DraftAttachment.draft_id == draft_id)
            .order_by(col(DraftAttachment.id))
        )
    )
    for attachment in attachments:
        made(session, attachment, settings)
    return attachments


def _render(session: Session, source: dict[str, Any], settings: Settings) -> bytes:
    language = str(source.get("language") or "en")
    if "invoice" in source:
        _, content = invoice_copy_pdf(session, str(source["invoice"]), settings, language=language)
        return content
    if "account" in source and "as_of" in source:
        as_of = date.fromisoformat(str(source["as_of"]))
        _, content = statement_pdf(
            session, str(source["account"]), as_of, settings, language=language
        )
        return content
    raise DocumentNotFound(f"the attachment says nothing to make: {source!r}")
