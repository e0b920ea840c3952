"""Reading the raw bytes: limits, the modern email policy, compat32 where headers are broken."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import errors as email_errors
from email import policy
from email.header import decode_header
from email.message import Message
from email.parser import BytesParser
from email.policy import EmailPolicy
from email.utils import getaddresses, parsedate_to_datetime
from functools import lru_cache
from typing import Any

from agent.parse.charset import decode_bytes, safe_text
from agent.parse.errors import ParseError

# What a broken header can raise from the standard library's header machinery.
HEADER_ERRORS = (
    email_errors.MessageError,
    ValueError,
    IndexError,
    TypeError,
    AttributeError,
    LookupError,
    UnicodeError,
)
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_LINE = re.compile(rb"^[!-9;-~]+[ \t]*:", re.MULTILINE)
_MSGID = re.compile(r"<[^<>\s]{1,900}>")
# Longer header values are parsed afresh each time rather than kept.
_SHARED_HEADER_CHARS = 2000


class _SharedHeaderPolicy(EmailPolicy):
    """The modern policy (`policy.default`), parsing each distinct header value once.

    The standard library builds a new header object on every read: the parser itself and
    the body walk read a part's Content-Type a dozen times (about 0.1 ms each, half of a
    plain message's parse). Header objects are immutable, so equal values share one.
    """

    def header_fetch_parse(self, name: str, value: str) -> Any:
        if hasattr(value, "name") or len(value) > _SHARED_HEADER_CHARS:
            return super().header_fetch_parse(name, value)
        return _parsed_header(name, value)


@lru_cache(maxsize=4096)
def _parsed_header(name: str, value: str) -> Any:
    return policy.default.header_fetch_parse(name, value)


MODERN = _SharedHeaderPolicy()


def check_raw(raw: bytes, *, max_message_bytes: int, max_header_bytes: int) -> None:
    """Refuse what is not an e-mail at all, or too large to read."""
    if not raw or not raw.strip():
        raise ParseError("empty message")
    if len(raw) > max_message_bytes:
        raise ParseError(f"message is {len(raw)} bytes, over the limit of {max_message_bytes}")
    if raw.startswith(_CFB_MAGIC):
        raise ParseError("an Outlook .msg file (CFB container), not an RFC 822 message")
    if not has_headers(raw):
        # Without a header line at the top, control bytes mean a file, not a message
        # (with headers, a binary-encoded attachment may legitimately follow them).
        sample = raw[:4096]
        control = sum(1 for b in sample if b < 9 or 13 < b < 32)
        if b"\x00" in sample[:1024] or control > len(sample) // 10:
            raise ParseError("binary data, not an e-mail message")
    header_size = header_section_size(raw)
    if header_size > max_header_bytes:
        raise ParseError(f"headers are {header_size} bytes, over the limit of {max_header_bytes}")


def header_section_size(raw: bytes) -> int:
    """Bytes before the blank line that ends the headers (the whole message if none)."""
    ends = [i for i in (raw.find(b"\r\n\r\n"), raw.find(b"\n\n"), raw.find(b"\r\r")) if i >= 0]
    return min(ends) if ends else len(raw)


def has_headers(raw: bytes) -> bool:
    """Whether the message starts with something shaped like a header line."""
    first = raw.lstrip()[:1000]
    return bool(_HEADER_LINE.match(first)) or first.startswith(b"From ")


def load(raw: bytes) -> Message:
    """Parse with the modern policy, or compat32 if the modern one gives up on a header."""
    # Leading blank lines would make the first header a "continuation" and hide them all.
    data = _normalise_endings(raw).lstrip(b" \t\r\n")
    try:
        return BytesParser(policy=MODERN).parsebytes(data)
    except HEADER_ERRORS:
        return BytesParser(policy=policy.compat32).parsebytes(data)


def as_compat32(part: Message) -> Message:
    """The same headers under compat32, which keeps values as plain strings and never
    parses them eagerly: used where the modern policy raises on a broken header."""
    copy = Message(policy=policy.compat32)
    for name, value in part.raw_items():
        copy[name] = str(value)
    return copy


def _normalise_endings(raw: bytes) -> bytes:
    """Bare-CR files (old Mac mailboxes) read as one long header otherwise."""
    if b"\n" not in raw[:8192] and b"\r" in raw[:8192]:
        return raw.replace(b"\r", b"\n")
    return raw


def header_text(message: Message, name: str) -> str:
    """A header as text; compat32 decoding where the modern policy cannot read it."""
    values = header_texts(message, name)
    return values[0] if values else ""


def header_texts(message: Message, name: str) -> list[str]:
    """Every occurrence of a header, as text."""
    out: list[str] = []
    for raw_value in _raw_values(message, name):
        out.append(_decoded(raw_value))
    return out


def _raw_values(message: Message, name: str) -> list[str]:
    """The raw (undecoded) values, never raising: the modern policy would parse them."""
    lname = name.lower()
    return [str(v) for k, v in message.raw_items() if k.lower() == lname]


def decode_header_value(value: str) -> str:
    """A raw header value as text (RFC 2047 words, 8-bit bytes, folding)."""
    return _decoded(value)


def _decoded(value: str) -> str:
    """RFC 2047 words decoded with our charset fallbacks; raw 8-bit bytes guessed."""
    text = _unfold(value)
    if "=?" not in text:
        return text
    try:
        chunks = decode_header(text)
    except HEADER_ERRORS:
        return text
    out = []
    for chunk, charset in chunks:
        out.append(
            decode_bytes(chunk, charset)[0] if isinstance(chunk, bytes) else safe_text(chunk)
        )
    return "".join(out).strip()


def _unfold(text: str) -> str:
    cleaned = text.replace("\r", "").replace("\n", "")
    # 8-bit header bytes arrive as surrogates: decode them as utf-8, else a legacy charset.
    data = cleaned.encode("utf-8", "surrogateescape")
    return decode_bytes(data, "utf-8")[0].strip()


def addresses(message: Message, name: str) -> list[tuple[str, str]]:
    """(display name, lower-case address) pairs of an address header, never raising."""
    values = header_texts(message, name)
    if not values:
        return []
    try:
        pairs = getaddresses(values)
    except HEADER_ERRORS:
        return []
    # A bare local part ("MAILER-DAEMON") is kept: bounce detection needs it.
    return [(n.strip(), a.strip().lower()) for n, a in pairs if a.strip()]


# A Message-ID kept longer than this is cut: no real one comes close, and a database index
# on the column takes it whole.
MAX_MESSAGE_ID = 995


def first_message_id(message: Message, name: str) -> str | None:
    """The first `<id>` of header `name` (Message-ID, In-Reply-To), cut to MAX_MESSAGE_ID."""
    ids = message_ids(header_text(message, name))
    return ids[0][:MAX_MESSAGE_ID] if ids else None


def message_ids(value: str) -> list[str]:
    """The `<id>` tokens of a Message-ID, In-Reply-To or References value."""
    found = _MSGID.findall(value)
    if found:
        return found
    return [token for token in value.split() if "@" in token][:200]


def sent_at(message: Message) -> tuple[datetime | None, str | None]:
    """The Date header as an aware datetime (UTC when it names no zone); defect if unreadable."""
    value = header_text(message, "Date")
    if not value:
        return None, None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None, f"unreadable Date header {value[:60]!r}"
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed, None


def defects_of(message: Message) -> list[str]:
    """The parser's own complaints about the message and its parts, by kind."""
    found: list[str] = []
    for part in _walk(message):
        for defect in getattr(part, "defects", []):
            name = type(defect).__name__
            if name not in found:
                found.append(name)
    return found


def _walk(message: Message) -> list[Message]:
    try:
        return list(message.walk())
    except HEADER_ERRORS:
        return [message]
