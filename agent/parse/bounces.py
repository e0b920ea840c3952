"""Who a bounce is about: the addresses that failed and the Message-ID of the mail returned.

A delivery failure comes from a mail server, not from the buyer: what matters to a
collector is which contact address failed (a reminder that never arrived) and which of
our messages it was. Read in order of precision: the delivery-status report's
Final-Recipient (RFC 3464), Exim's X-Failed-Recipients, the same fields written out in
the text, and last the addresses in the server's own words. The returned message (or
its headers) gives the Message-ID.
"""

from __future__ import annotations

import re
from email.message import Message
from email.parser import HeaderParser

from agent.parse.mime import HEADER_ERRORS, MAX_MESSAGE_ID, first_message_id, header_text
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


def bounce_details(message: Message, text: str, own: set[str]) -> tuple[list[str], str | None]:
    """(failed recipients, lower-case, in order; the returned message's Message-ID or None).

    `text` is the bounce's readable text; `own` holds addresses that are never the failed
    recipient (our mailbox, the bounce's own sender).
    """
    found: list[str] = []
    returned_id: str | None = None
    for part in message.walk():
        ctype = part.get_content_type().lower()
        if ctype in _REPORTS:
            found += _report_recipients(part)
        elif ctype == "message/rfc822" and returned_id is None:
            returned_id = _returned_id(part)
        elif ctype == "text/rfc822-headers" and returned_id is None:
            returned_id = _headers_id(part)
    found += [a.strip() for a in header_text(message, "X-Failed-Recipients").split(",")]
    found += _RECIPIENT_FIELD.findall(text)
    if returned_id is None:
        line = _MESSAGE_ID_LINE.search(text)
        returned_id = line.group(1)[:MAX_MESSAGE_ID] if line else None
    recipients = _clean(found, own)
    if not recipients:
        # The server's own words; "smtp.mailfrom=x@y" and the like name a sender.
        words = _ID_LINES.sub(" ", text)
        recipients = _clean([a for a in _ADDRESS.findall(words) if "=" not in a], own)
    return recipients[:_MAX_RECIPIENTS], returned_id


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


def _returned_id(part: Message) -> str | None:
    payload = part.get_payload()
    inner = payload[0] if isinstance(payload, list) and payload else None
    if not isinstance(inner, Message):
        return None
    try:
        return first_message_id(inner, "Message-ID")
    except HEADER_ERRORS:
        return None


def _headers_id(part: Message) -> str | None:
    data = part.get_payload(decode=True)
    if not isinstance(data, bytes):
        return None
    return first_message_id(HeaderParser().parsestr(data.decode("utf-8", "replace")), "Message-ID")


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
