"""parse_message: raw bytes to a ParsedMessage, or a ParseError that says why not."""

from __future__ import annotations

import logging
from datetime import datetime
from email.message import Message

from agent.parse import mime, signals
from agent.parse.body import Body, extract_body
from agent.parse.bounces import bounce_details
from agent.parse.errors import ParseError
from agent.parse.forwards import read_forward
from agent.parse.language import detect_language
from agent.parse.ocr import ocr_from_settings
from agent.parse.quotes import split_reply
from agent.schema import ParsedMessage
from arinbox.settings import Settings

log = logging.getLogger(__name__)


def parse_message(raw: bytes, *, received_at: datetime, settings: Settings) -> ParsedMessage:
    """Read one raw RFC 822 message; raise ParseError (never anything else) if it cannot be."""
    mime.check_raw(
        raw,
        max_message_bytes=settings.max_message_bytes,
        max_header_bytes=settings.max_header_bytes,
    )
    try:
        return _parse(raw, received_at, settings)
    except ParseError:
        raise
    except (RecursionError, MemoryError) as exc:
        raise ParseError(f"message too complex to read: {type(exc).__name__}") from exc
    except Exception as exc:
        # A bug of ours or of the standard library on strange input: keep the message
        # (the caller marks it failed with this reason) instead of crashing the worker.
        log.exception("parse failed unexpectedly", extra={"error_type": type(exc).__name__})
        raise ParseError(f"unexpected parser failure: {type(exc).__name__}: {exc}"[:300]) from exc


def _parse(raw: bytes, received_at: datetime, settings: Settings) -> ParsedMessage:
    message = mime.load(raw)
    body = extract_body(message, ocr_from_settings(settings))
    headers_found = bool(message.keys()) and mime.has_headers(raw)
    if not headers_found and not body.text.strip():
        raise ParseError("no headers and no body: not an e-mail message")
    defects = mime.defects_of(message) + body.defects
    if not headers_found:
        defects.append("no headers")
    _apply_attachment_limits(body, settings, defects)
    sender = mime.addresses(message, "From")
    from_name, from_addr = sender[0] if sender else ("", "")
    subject = mime.header_text(message, "Subject")
    sent_at, date_defect = mime.sent_at(message)
    if date_defect:
        defects.append(date_defect)
    parts = read_forward(
        split_reply(body.text, sender_name=from_name), subject, settings.ar_mailbox
    )
    auto_reason = signals.auto_reply_reason(message, subject)
    bounce = signals.is_bounce(message, subject, from_addr, body.report_types)
    failed, returned_id = (
        bounce_details(message, body.text, {settings.ar_mailbox.lower(), from_addr})
        if bounce
        else ([], None)
    )
    return ParsedMessage(
        message_id=mime.first_message_id(message, "Message-ID"),
        in_reply_to=mime.first_message_id(message, "In-Reply-To"),
        references=_references(message),
        from_addr=from_addr,
        from_name=from_name,
        to=[addr for _, addr in mime.addresses(message, "To")],
        cc=[addr for _, addr in mime.addresses(message, "Cc")],
        reply_to=next((addr for _, addr in mime.addresses(message, "Reply-To")), None),
        subject=subject,
        sent_at=sent_at,
        received_at=received_at,
        new_text=parts.new_text,
        quoted_text=parts.quoted_text,
        signature=parts.signature,
        html=body.html,
        language=detect_language(parts.new_text, f"{subject}\n{parts.quoted_text}"),
        attachments=body.attachments,
        auto_reply=auto_reason is not None,
        auto_reply_reason=auto_reason,
        auto_generated=signals.is_auto_generated(message),
        bounce=bounce,
        bounced_recipients=failed,
        bounced_message_id=returned_id,
        mailing_list=signals.is_mailing_list(message),
        auth_failed=signals.auth_failed(message),
        defects=defects,
    )


def _apply_attachment_limits(body: Body, settings: Settings, defects: list[str]) -> None:
    """Too many files: keep the first ones; a file over the size limit is named in a defect."""
    for item in body.attachments:
        if item.size > settings.max_attachment_bytes:
            defects.append(
                f"attachment {item.filename!r} is {item.size} bytes, over the limit of "
                f"{settings.max_attachment_bytes}"
            )
    if len(body.attachments) > settings.max_attachments:
        defects.append(
            f"{len(body.attachments)} attachments, over the limit of {settings.max_attachments}:"
            f" kept the first {settings.max_attachments}"
        )
        del body.attachments[settings.max_attachments :]


def _references(message: Message) -> list[str]:
    ids = mime.message_ids(" ".join(mime.header_texts(message, "References")))
    return [i[: mime.MAX_MESSAGE_ID] for i in ids]
