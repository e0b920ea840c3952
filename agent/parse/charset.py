"""Bytes to text whatever the declared charset says: declared, then utf-8, cp1252, latin-1."""

from __future__ import annotations

import codecs
import re

# Names seen in the wild that Python's codec registry does not know.
_ALIASES = {
    "uft-8": "utf-8",
    "iso-8859-8-i": "iso-8859-8",
    "iso-8859-6-i": "iso-8859-6",
    "x-sjis": "shift_jis",
    "x-euc-jp": "euc_jp",
    "x-gbk": "gbk",
    "windows-874": "cp874",
    "x-mac-roman": "mac_roman",
    "ansi_x3.4-1968": "ascii",
    "unicode-1-1-utf-7": "utf-7",
    "x-unicode-2-0-utf-7": "utf-7",
}
_FALLBACKS = ("utf-8", "cp1252")
# Text codecs that are not charsets: a message naming one gets the fallbacks instead.
_NOT_CHARSETS = {"unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"}


def codec_for(charset: str | None) -> str | None:
    """The Python codec for a MIME charset name, or None when it is unknown or unusable."""
    if not charset:
        return None
    name = charset.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    for candidate in (name, re.sub(r"[^a-z0-9]", "", name)):
        try:
            info = codecs.lookup(candidate)
        except (LookupError, ValueError):
            continue
        if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
            return None  # "base64" or "unicode_escape" given as a charset
        return info.name
    squashed = re.sub(r"[^a-z0-9]", "", name)
    if squashed in {"utf8", "uft8", "utf08"}:
        return "utf-8"
    if squashed.startswith("cp") or squashed.startswith("windows"):
        digits = re.sub(r"\D", "", squashed)
        try:
            return codecs.lookup(f"cp{digits}").name
        except (LookupError, ValueError):
            return None
    return None


def safe_text(text: str) -> str:
    """Text any database and JSON encoder accepts: no NUL, no lone surrogates."""
    if "\x00" in text:
        text = text.replace("\x00", "")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = text.encode("utf-8", "replace").decode("utf-8")
    return text


def decode_bytes(data: bytes, charset: str | None) -> tuple[str, str | None]:
    """Decode `data`; return (text, defect) where defect says a fallback was needed."""
    text, defect = _decode(data, charset)
    return safe_text(text), defect


def _decode(data: bytes, charset: str | None) -> tuple[str, str | None]:
    declared = codec_for(charset)
    if declared:
        try:
            return data.decode(declared), None
        except (ValueError, LookupError, TypeError):
            # ValueError covers UnicodeError and odd codecs ("idna", "unicode_escape").
            pass
    for fallback in _FALLBACKS:
        if fallback == declared:
            continue
        try:
            text = data.decode(fallback)
        except UnicodeDecodeError:
            continue
        return text, _defect(charset, declared, fallback)
    return data.decode("latin-1"), _defect(charset, declared, "latin-1")


def _defect(charset: str | None, declared: str | None, used: str) -> str | None:
    if not charset:
        return None  # nothing declared: guessing is the normal case, not a defect
    if declared is None:
        return f"unknown charset {charset[:40]!r}, decoded as {used}"
    return f"text not valid {charset[:40]}, decoded as {used}"
