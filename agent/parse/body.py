"""The message's parts: its text (plain, or HTML made plain), its HTML, its attachments."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from email.message import Message

from agent.parse import attachment_text as documents
from agent.parse.attachments import clean_filename, tnef_contents
from agent.parse.charset import decode_bytes
from agent.parse.html import html_to_text
from agent.parse.mime import HEADER_ERRORS, as_compat32, decode_header_value, header_text
from agent.parse.ocr import Ocr
from agent.schema import AttachmentInfo

log = logging.getLogger(__name__)

_MAX_PARTS = 2000  # a bomb of tiny parts must not keep a worker busy
_MAX_DEPTH = 40
_TNEF = "application/ms-tnef"
_MIME_TYPE = re.compile(r"^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$")
# html.parser takes seconds per megabyte: longer HTML-only mail is read from its start.
MAX_HTML_FOR_TEXT = 400_000


@dataclass
class Body:
    text: str = ""
    html: str | None = None
    attachments: list[AttachmentInfo] = field(default_factory=list)
    defects: list[str] = field(default_factory=list)
    report_types: list[str] = field(default_factory=list)  # message/delivery-status, ...


@dataclass
class _Collector:
    documents: documents.MessageDocuments
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    tnef_text: list[str] = field(default_factory=list)
    body: Body = field(default_factory=Body)

    def defect(self, text: str) -> None:
        if text not in self.body.defects:
            self.body.defects.append(text)


def extract_body(message: Message, ocr: Ocr | None = None) -> Body:
    """Walk the MIME tree once (not into attached messages) and collect text and files.

    With `ocr`, scanned documents and photographs of them are read too.
    """
    budget = documents.OcrBudget(ocr) if ocr is not None else None
    out = _Collector(documents.MessageDocuments(ocr=budget))
    stack: list[tuple[Message, int]] = [(message, 0)]
    seen = 0
    while stack:
        part, depth = stack.pop()
        seen += 1
        if seen > _MAX_PARTS or depth > _MAX_DEPTH:
            out.defect(f"MIME tree too large or deep: stopped after {seen - 1} parts")
            break
        ctype = _content_type(part)
        payload = part.get_payload()
        if isinstance(payload, list) and not ctype.startswith("message/"):
            children = [c for c in payload if isinstance(c, Message)]
            stack.extend((child, depth + 1) for child in reversed(children))
            continue
        if ctype.startswith("multipart/"):
            # The boundary was never found: the parser left the whole body as one string.
            _broken_multipart(part, out)
            continue
        _leaf(part, ctype, out)
    body = out.body
    body.html = "\n".join(out.html) if out.html else None
    plain = "\n\n".join(t.strip("\n") for t in out.plain if t.strip())
    if plain.strip():
        body.text = plain
    elif body.html:
        if len(body.html) > MAX_HTML_FOR_TEXT:
            out.defect(f"HTML of {len(body.html)} characters: text read from the first "
                       f"{MAX_HTML_FOR_TEXT}")  # fmt: skip
        body.text = html_to_text(body.html[:MAX_HTML_FOR_TEXT])
    else:
        body.text = "\n\n".join(out.tnef_text)
    return body


def _leaf(part: Message, ctype: str, out: _Collector) -> None:
    disposition = _disposition(part)
    filename = _filename(part)
    if ctype.startswith("message/") or ctype == "text/rfc822-headers":
        out.body.report_types.append(ctype)
    is_tnef = ctype == _TNEF or (filename or "").lower() == "winmail.dat"
    if is_tnef:
        _tnef(part, out)
        return
    as_body = ctype in {"text/plain", "text/html"} and (
        disposition == "inline" or (disposition is None and not filename)
    )
    if as_body:
        text = _text(part, out)
        (out.plain if ctype == "text/plain" else out.html).append(text)
        return
    data = _payload(part)
    index = len(out.body.attachments) + 1
    name = clean_filename(filename or _message_name(part, ctype), index, ctype)
    found = out.documents.read(data, ctype, name, _charset(part))
    if found.defect:
        out.defect(found.defect)
    out.body.attachments.append(
        AttachmentInfo(
            filename=name, content_type=ctype, size=len(data), text=found.text, ocr=found.by_ocr
        )
    )


def _broken_multipart(part: Message, out: _Collector) -> None:
    text = _text(part, out)
    looks_html = "<html" in text[:2000].lower() or "<body" in text[:4000].lower()
    (out.html if looks_html else out.plain).append(text)


def _tnef(part: Message, out: _Collector) -> None:
    data = _payload(part)
    files, text, problem = tnef_contents(data, out.documents)
    if problem:
        out.defect(problem)
    if text:
        out.tnef_text.append(text)
    if problem and not files:  # unreadable: list the container so nothing silently disappears
        files = [AttachmentInfo(filename="winmail.dat", content_type=_TNEF, size=len(data))]
    out.body.attachments.extend(files)


def _text(part: Message, out: _Collector) -> str:
    data = _payload(part)
    text, defect = decode_bytes(data, _charset(part))
    if defect:
        out.defect(defect)
    return text


def _payload(part: Message) -> bytes:
    try:
        data = part.get_payload(decode=True)
    except HEADER_ERRORS as exc:
        log.info("undecodable MIME part", extra={"error": str(exc)})
        data = None
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    if isinstance(raw, str):
        return raw.encode("utf-8", "surrogateescape")
    if isinstance(raw, list):  # an attached message: its size as text
        try:
            return b"".join(m.as_bytes() for m in raw if isinstance(m, Message))
        except HEADER_ERRORS:
            return b""
    return b""


def _content_type(part: Message) -> str:
    """The part's type, or application/octet-stream when it is not a valid type token."""
    for view in (part, None):
        try:
            value = (view if view is not None else as_compat32(part)).get_content_type()
        except HEADER_ERRORS:
            continue
        value = value.lower()
        return value if _MIME_TYPE.match(value) else "application/octet-stream"
    return "application/octet-stream"


def _disposition(part: Message) -> str | None:
    try:
        return part.get_content_disposition()
    except HEADER_ERRORS:
        try:
            return as_compat32(part).get_content_disposition()
        except HEADER_ERRORS:
            return None


def _filename(part: Message) -> str | None:
    name: object = None
    for view in (part, None):
        try:
            target = view if view is not None else as_compat32(part)
            name = target.get_filename() or target.get_param("name")
            break
        except HEADER_ERRORS:
            continue
    if isinstance(name, tuple):  # an RFC 2231 triple compat32 left undecoded
        name = name[2]
    return _decoded_name(str(name)) if name else None


def _decoded_name(name: str) -> str:
    """Names some clients send as RFC 2047 words inside a parameter."""
    return decode_header_value(name) if "=?" in name else name


def _charset(part: Message) -> str | None:
    try:
        value = part.get_param("charset")
    except HEADER_ERRORS:
        try:
            value = as_compat32(part).get_param("charset")
        except HEADER_ERRORS:
            return None
    if isinstance(value, tuple):
        value = value[2]
    return str(value) if value else None


def _message_name(part: Message, ctype: str) -> str:
    """A name for an attached message: its subject, as a person would save it."""
    if ctype == "message/rfc822":
        payload = part.get_payload()
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            subject = header_text(payload[0], "Subject")
            if subject:
                return f"{subject[:80]}.eml"
        return "message.eml"
    return ""
