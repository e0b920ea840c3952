"""Storing raw messages: durable and idempotent, before anything else touches them."""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.parser import BytesHeaderParser
from email.policy import compat32
from email.utils import getaddresses

from sqlalchemy import bindparam
from sqlmodel import Session, select

from records.inbox import Message, MessageState
from records.types import utcnow
from records.wakeup import announce

# Built once: a statement built per call costs more than its round trip on SQLite.
_SAME_BYTES = select(Message).where(Message.raw_sha256 == bindparam("digest"))
_SAME_ID = select(Message).where(
    Message.message_id == bindparam("message_id"), Message.direction == bindparam("direction")
)


def _header_text(value: object) -> str:
    """A header value as text, whatever state the header is in."""
    try:
        from email.header import decode_header, make_header

        return str(make_header(decode_header(str(value))))
    except Exception:  # noqa: BLE001  (a broken encoded-word must not stop storing)
        return str(value)


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
    headers = BytesHeaderParser(policy=compat32).parsebytes(raw[:262144])
    message_id = _clean_message_id(headers.get("Message-ID"))
    if message_id:
        params = {"message_id": message_id, "direction": direction}
        same_id = session.exec(_SAME_ID, params=params).first()
        if same_id is not None:
            return same_id, False
    name, addr = _first_address(headers.get("From"))
    message = Message(
        raw_sha256=digest,
        raw=raw,
        message_id=message_id,
        direction=direction,
        source=source,
        mailbox=mailbox,
        imap_uid=imap_uid,
        subject=_header_text(headers.get("Subject", ""))[:998],
        from_addr=addr,
        from_name=name[:200],
        received_at=received_at or utcnow(),
        state=MessageState.received,
    )
    session.add(message)
    session.flush()
    if direction == "inbound":
        announce(session)
    return message, True


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
