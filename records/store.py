"""Storing raw messages: durable and idempotent, before anything else touches them."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses
from typing import Any

from sqlalchemy import bindparam, insert
from sqlmodel import Session, col, select

from records.inbox import Message, MessageState
from records.types import utcnow
from records.wakeup import announce

# Built once: a statement built per call costs more than its round trip on SQLite.
_SAME_BYTES = select(Message).where(Message.raw_sha256 == bindparam("digest"))
_SAME_ID = select(Message).where(
    Message.message_id == bindparam("message_id"), Message.direction == bindparam("direction")
)
_KNOWN_BYTES = select(Message.raw_sha256).where(
    col(Message.raw_sha256).in_(bindparam("digests", expanding=True))
)
_KNOWN_IDS = select(Message.message_id).where(
    col(Message.message_id).in_(bindparam("message_ids", expanding=True)),
    Message.direction == bindparam("direction"),
)


def _header_text(value: object) -> str:
    """A header value as text, whatever state the header is in."""
    try:
        from email.header import decode_header, make_header

        return str(make_header(decode_header(str(value))))
    except Exception:  # noqa: BLE001  (a broken encoded-word must not stop storing)
        return str(value)


@dataclass(frozen=True)
class RawMail:
    """One fetched message, before it is stored."""

    raw: bytes
    imap_uid: int | None = None
    received_at: datetime | None = None


def store_raw_message(
    session: Session,
    raw: bytes,
    *,
    source: str,
    received_at: datetime | None = None,
    mailbox: str | None = None,
    imap_uid: int | None = None,
    direction: str = "inbound",
) -> tuple[Message, bool]:
    """Keep `raw` as a Message in state `received`; return (message, created).

    The same message twice is one message: first by its exact bytes, then by its
    Message-ID (a server may add headers, so the bytes can differ between fetches).
    Only headers are read here; full parsing comes later and may fail without loss.
    """
    digest = hashlib.sha256(raw).hexdigest()
    existing = session.exec(_SAME_BYTES, params={"digest": digest}).first()
    if existing is not None:
        return existing, False
    fields = _fields(RawMail(raw, imap_uid, received_at), digest, source, mailbox, direction)
    if fields["message_id"]:
        params = {"message_id": fields["message_id"], "direction": direction}
        same_id = session.exec(_SAME_ID, params=params).first()
        if same_id is not None:
            return same_id, False
    message = Message(**fields)
    session.add(message)
    session.flush()
    if direction == "inbound":
        announce(session)
    return message, True


def store_raw_batch(
    session: Session,
    mails: Sequence[RawMail],
    *,
    source: str,
    mailbox: str | None = None,
    direction: str = "inbound",
) -> int:
    """Keep each of `mails` as `store_raw_message` does; return how many were new.

    The listener's way on a backlog: one duplicate check per kind and one INSERT for the
    batch, with no ORM object per message (docs/mailbox.md has the figures). The rows are
    not in the session; read them back by query.
    """
    digests = [hashlib.sha256(mail.raw).hexdigest() for mail in mails]
    seen = set(session.exec(_KNOWN_BYTES, params={"digests": digests}).all())
    rows: list[dict[str, Any]] = []
    for mail, digest in zip(mails, digests, strict=True):
        if digest not in seen:
            seen.add(digest)
            rows.append(_fields(mail, digest, source, mailbox, direction))
    named = [row["message_id"] for row in rows if row["message_id"]]
    params = {"message_ids": named, "direction": direction}
    known_ids = set(session.exec(_KNOWN_IDS, params=params).all()) if named else set()
    new: list[dict[str, Any]] = []
    for row in rows:
        if row["message_id"] in known_ids:
            continue
        if row["message_id"]:
            known_ids.add(row["message_id"])
        new.append(row)
    if not new:
        return 0
    defaults = _defaults()
    session.execute(insert(Message), [{**defaults, **row} for row in new])
    if direction == "inbound":
        announce(session)
    return len(new)


def _fields(
    mail: RawMail, digest: str, source: str, mailbox: str | None, direction: str
) -> dict[str, Any]:
    """A new message's own columns, from its headers alone."""
    headers = BytesHeaderParser(policy=compat32).parsebytes(mail.raw[:262144])
    name, addr = _first_address(headers.get("From"))
    return {
        "raw_sha256": digest,
        "raw": mail.raw,
        "message_id": _clean_message_id(headers.get("Message-ID")),
        "direction": direction,
        "source": source,
        "mailbox": mailbox,
        "imap_uid": mail.imap_uid,
        "subject": _header_text(headers.get("Subject", ""))[:998],
        "from_addr": addr,
        "from_name": name[:200],
        "received_at": mail.received_at or utcnow(),
        "state": MessageState.received,
    }


def _defaults() -> dict[str, Any]:
    """Every other column as a new Message has it (its times: now).

    Read off one model instance, so a column added to Message later gets its default here
    too; the lists are shared between rows, which is safe for an INSERT that copies them.
    """
    template = Message(raw_sha256="", raw=b"")
    return {
        column.key: getattr(template, column.key)
        for column in Message.__table__.columns  # type: ignore[attr-defined]
        if column.key != "id"
    }


def _clean_message_id(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text[:995] or None


def _first_address(value: object) -> tuple[str, str]:
    if value is None:
        return "", ""
    try:
        pairs = getaddresses([_header_text(value)])
    except Exception:  # noqa: BLE001
        return "", ""
    for name, addr in pairs:
        if addr:
            return name, addr.lower()
    return "", ""
