"""Showing a buyer's message safely: sanitised HTML, original attachments, a plain fallback."""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from dataclasses import dataclass
from email.message import EmailMessage, Message
from functools import partial
from typing import Any

import nh3

from agent.parse.attachments import clean_filename
from agent.parse.mime import HEADER_ERRORS, load
from agent.parse.tnef import TnefError, read_tnef

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


_TNEF = "application/ms-tnef"


def original_attachments(raw: bytes) -> list[OriginalAttachment]:
    """The message's files, named and ordered as the parser lists them (`parsed.attachments`).

    Same walk as agent.parse.body: depth first in document order, not into attached
    messages; text parts that are the body are skipped; a winmail.dat is opened.
    """
    found: list[OriginalAttachment] = []
    stack = [load(raw)]
    while stack and len(found) < 2000:
        part = stack.pop()
        ctype = str(_safe(part.get_content_type, "application/octet-stream")).lower()
        if ctype.startswith("multipart/"):
            payload = part.get_payload()
            if isinstance(payload, list):
                stack.extend(reversed([c for c in payload if isinstance(c, Message)]))
            continue
        filename = _safe(part.get_filename, None) or _safe(partial(part.get_param, "name"), None)
        if isinstance(filename, tuple):
            filename = filename[2]
        disposition = _safe(part.get_content_disposition, None)
        if ctype == _TNEF or str(filename or "").lower() == "winmail.dat":
            found.extend(_tnef_files(_payload(part)))
            continue
        if ctype in {"text/plain", "text/html"} and (
            disposition == "inline" or (disposition is None and not filename)
        ):
            continue
        name = (
            str(filename) if filename else ("message.eml" if ctype.startswith("message/") else "")
        )
        found.append(
            OriginalAttachment(
                filename=clean_filename(name, len(found) + 1, ctype),
                content_type=ctype,
                content=_payload(part),
            )
        )
    return found


def find_attachment(raw: bytes, listed: list[dict[str, Any]], n: int) -> OriginalAttachment | None:
    """The n-th attachment the parser listed, found by position and checked by name."""
    files = original_attachments(raw)
    wanted = listed[n].get("filename") if 0 <= n < len(listed) else None
    if wanted is None:
        return files[n] if 0 <= n < len(files) and not listed else None
    if n < len(files) and files[n].filename == wanted:
        return files[n]
    by_name = next((f for f in files if f.filename == wanted), None)
    if by_name is None and len(files) == len(listed):
        return files[n]  # the same files, named differently (an older parser)
    return by_name


def _safe(get: Callable[[], Any], default: Any) -> Any:
    try:
        return get()
    except HEADER_ERRORS:
        return default


def _payload(part: Message) -> bytes:
    data = _safe(lambda: part.get_payload(decode=True), None)
    if isinstance(data, bytes):
        return data
    payload = part.get_payload()
    if isinstance(payload, list):  # an attached message
        return b"".join(m.as_bytes() for m in payload if isinstance(m, Message))
    return payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""


def _tnef_files(data: bytes) -> list[OriginalAttachment]:
    """The files inside a winmail.dat, read by the same bounded reader as the parser."""
    try:
        tnef = read_tnef(data)
    except TnefError:
        # Unreadable: the parser lists the container itself, so do we.
        return [OriginalAttachment("winmail.dat", _TNEF, data)]
    files = []
    for n, item in enumerate(tnef.files, start=1):
        ctype = mimetypes.guess_type(item.name)[0] or "application/octet-stream"
        files.append(OriginalAttachment(clean_filename(item.name, n, ctype), ctype, item.data))
    return files


def fallback_text(raw: bytes) -> str:
    """The first text/plain part, for a message the parser has not read (or failed on)."""
    message = load(raw)
    try:
        body = (
            message.get_body(preferencelist=("plain",))
            if isinstance(message, EmailMessage)
            else None
        )
        content = body.get_content() if isinstance(body, EmailMessage) else ""
    except (*HEADER_ERRORS, LookupError, AttributeError):
        return raw[:20000].decode("utf-8", errors="replace")
    return content if isinstance(content, str) else ""
