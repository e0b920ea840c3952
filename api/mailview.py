"""Showing a buyer's message safely: sanitised HTML, original attachments, a plain fallback."""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass
from email.message import EmailMessage

import nh3

# No images (remote ones are tracking pixels), no forms, no styles: text and structure only.
_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "q", "s", "small",
    "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
    "ul",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}, "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan"}}


def sanitize_html(html: str) -> str:
    """Buyer HTML reduced to harmless markup (nh3): no script, no handlers, no remote content."""
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


@dataclass(frozen=True)
class OriginalAttachment:
    filename: str
    content_type: str
    content: bytes


def _parse(raw: bytes) -> EmailMessage:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    return msg


def original_attachments(raw: bytes) -> list[OriginalAttachment]:
    """The message's attachments in MIME order (the order the parser lists them in)."""
    found: list[OriginalAttachment] = []
    for part in _parse(raw).walk():
        if part.is_multipart():
            continue
        filename = part.get_filename()
        if not filename and part.get_content_disposition() != "attachment":
            continue
        payload = part.get_payload(decode=True)
        found.append(
            OriginalAttachment(
                filename=filename or f"attachment-{len(found) + 1}",
                content_type=part.get_content_type(),
                content=payload if isinstance(payload, bytes) else b"",
            )
        )
    return found


def fallback_text(raw: bytes) -> str:
    """The first text/plain part, for a message the parser has not read (or failed on)."""
    try:
        body = _parse(raw).get_body(preferencelist=("plain",))
        content = body.get_content() if body is not None else ""
    except (LookupError, ValueError, AttributeError):
        return raw[:20000].decode("utf-8", errors="replace")
    return content if isinstance(content, str) else ""
