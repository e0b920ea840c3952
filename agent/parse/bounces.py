"""Who a bounce is about: the addresses that failed and the Message-ID of the mail returned.

A delivery failure comes from a mail server, not from the buyer: what matters to a
collector is which contact address failed (a reminder that never arrived) and which of
our messages it was. Read in order of precision: the delivery-status report's
Final-Recipient (RFC 3464), Exim's X-Failed-Recipients, the same fields written out in
the text, and last the addresses in the server's own words. The returned message (or
its headers) gives the Message-ID.

The server's words also name the mail's sender, to whom the bounce is addressed: our
mailbox, or another of ours (the ERP that sent the reminder). Those addresses (the
bounce's recipients, the returned message's From, Sender, Reply-To and Return-Path) are
never taken for the one that failed.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import HeaderParser

from agent.parse.mime import (
    HEADER_ERRORS,
    MAX_MESSAGE_ID,
    addresses,
    first_message_id,
    header_text,
)
from agent.parse.signals import BOUNCE_SENDERS

_MAX_RECIPIENTS = 10
_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_RECIPIENT_FIELD = re.compile(
    r"(?:final|original|x-actual)-recipient:\s*(?:rfc822|utf-8)?\s*;?\s*<?([^\s<>;]+@[^\s<>;]+?)>?\s*$",
    re.IGNORECASE | re.MULTILINE,
)
_MESSAGE_ID_LINE = re.compile(r"^\s*message-id:\s*(<[^>\s]+>)", re.IGNORECASE | re.MULTILINE)
# Header lines of the returned message whose values look like addresses but are not.
_ID_LINES = re.compile(
    r"^\s*(?:message-id|in-reply-to|references|return-path|x-[\w-]+)\s*:.*$",
    re.IGNORECASE | re.MULTILINE,
)
_REPORTS = ("message/delivery-status", "message/global-delivery-status")
_BOUNCE_RECIPIENTS = ("To", "Cc")
_RETURNED_SENDERS = ("From", "Sender", "Reply-To", "Return-Path")
# The returned message's sender lines, where a server quotes its headers as text.
_SENDER_LINE = re.compile(
    r"^\s*(?:from|sender|reply-to|return-path)\s*:(.*)$", re.IGNORECASE | re.MULTILINE
)


def bounce_details(message: Message, text: str, own: set[str]) -> tuple[list[str], str | None]:
    """(failed recipients, lower-case, in order; the returned message's Message-ID or None).

    `text` is the bounce's readable text; `own` holds addresses that are never the failed
    recipient (our mailbox, the bounce's own sender).
    """
    found: list[str] = []
    returned: Message | None = None
    for part in message.walk():
        ctype = part.get_content_type().lower()
        if ctype in _REPORTS:
            found += _report_recipients(part)
        elif ctype == "message/rfc822" and returned is None:
            returned = _returned_message(part)
        elif ctype == "text/rfc822-headers" and returned is None:
            returned = _returned_headers(part)
    found += [a.strip() for a in header_text(message, "X-Failed-Recipients").split(",")]
    found += _RECIPIENT_FIELD.findall(text)
    returned_id = _message_id(returned) if returned is not None else None
    if returned_id is None:
        line = _MESSAGE_ID_LINE.search(text)
        returned_id = line.group(1)[:MAX_MESSAGE_ID] if line else None
    recipients = _clean(found, own)
    if not recipients:
        # The server's own words; "smtp.mailfrom=x@y" and the like name a sender.
        words = _ID_LINES.sub(" ", text)
        senders = own | _senders(message, returned, text)
        recipients = _clean([a for a in _ADDRESS.findall(words) if "=" not in a], senders)
    return recipients[:_MAX_RECIPIENTS], returned_id


def _senders(bounce: Message, returned: Message | None, text: str) -> set[str]:
    """The returned mail's sender, by every name it goes under: never the failed recipient."""
    found = {a for name in _BOUNCE_RECIPIENTS for _, a in addresses(bounce, name)}
    if returned is not None:
        found |= {a for name in _RETURNED_SENDERS for _, a in addresses(returned, name)}
    for line in _SENDER_LINE.findall(text):
        found |= {a.lower() for a in _ADDRESS.findall(line)}
    return found


def _report_recipients(part: Message) -> list[str]:
    """Final-Recipient (else Original-Recipient) of each failed recipient block."""
    blocks = part.get_payload()
    found: list[str] = []
    for block in blocks if isinstance(blocks, list) else []:
        if not isinstance(block, Message):
            continue
        action = str(block.get("Action", "failed")).strip().lower()
        if action not in ("failed", ""):
            continue  # delayed, delivered, relayed, expanded: nothing failed yet
        value = block.get("Final-Recipient") or block.get("Original-Recipient")
        if value:
            found.append(str(value).rsplit(";", 1)[-1].strip().strip("<>"))
    return found


def _returned_message(part: Message) -> Message | None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    return inner if isinstance(inner, Message) else None


def _returned_headers(part: Message) -> Message | None:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return None
    return HeaderParser().parsestr(data.decode("utf-8", "replace"))


def _message_id(returned: Message) -> str | None:
    try:
        return first_message_id(returned, "Message-ID")
    except HEADER_ERRORS:
        return None


def _clean(addresses: list[str], own: set[str]) -> list[str]:
    """Plausible recipients, lower-case, each once: no server address, none of ours."""
    out: list[str] = []
    for raw in addresses:
        address = raw.strip().strip("<>.,;:'\"()[]").lower()
        match = _ADDRESS.fullmatch(address)
        local = address.split("@", 1)[0]
        if match is None or address in own or local in BOUNCE_SENDERS or address in out:
            continue
        out.append(address)
    return out
