"""Set the buyer's new text apart from quoted earlier messages and from the signature.

Line by line and in linear time: the first quote header ("On ... wrote:", an Outlook
"From:/Sent:" block, "-----Original Message-----", a forwarded-message marker) ends the
new text; `>` lines before it are quoted too (inline replies keep their unquoted lines);
the first signature line ("-- ", "Sent from my iPhone", a disclaimer) ends what is left.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.parse import patterns as p
from agent.parse.signature import find_signature

_DIGIT = re.compile(r"\d")
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff]")
_LOOKAHEAD = 8  # lines after "From:" searched for the rest of an Outlook header block


@dataclass(frozen=True)
class ReplyParts:
    new_text: str
    quoted_text: str
    signature: str


def split_reply(text: str, *, sender_name: str = "") -> ReplyParts:
    """Split a plain-text body into the new text, the quoted text and the signature.

    `sender_name` (the From display name) helps find a signature that starts with it.
    """
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [line.rstrip() for line in text.split("\n")]
    lines = remove_banners(lines)
    new_lines, quoted_lines = _split_lines(lines, depth=0)
    sig = find_signature(new_lines, sender_name)
    return ReplyParts(
        new_text=_join(new_lines[:sig]),
        quoted_text=_join(quoted_lines),
        signature=_join(new_lines[sig:]),
    )


def _join(lines: list[str]) -> str:
    return "\n".join(lines).strip("\n").strip()


def _blank(lines: list[str]) -> bool:
    return not any(line.strip() for line in lines)


def remove_banners(lines: list[str]) -> list[str]:
    """Drop "CAUTION: this e-mail came from outside" paragraphs that mail gateways add."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and len(line) <= p.MAX_LINE and p.BANNER_START.match(line):
            end = i
            while end < len(lines) and lines[end].strip() and end - i < 6:
                end += 1
            paragraph = " ".join(lines[i:end])
            if p.BANNER_WORDS.search(paragraph[:1500]):
                i = end
                continue
        out.append(line)
        i += 1
    return out


@dataclass(frozen=True)
class Header:
    start: int  # first line of the quote header
    end: int  # first line after it
    kind: str  # "wrote", "block" or "marker"


def _split_lines(lines: list[str], depth: int) -> tuple[list[str], list[str]]:
    header = find_quote_header(lines)
    if header is None:
        return _separate_inline_quotes(lines)
    new, quoted = _separate_inline_quotes(lines[: header.start])
    rest = lines[header.end :]
    quoted_header = lines[header.start : header.end]
    if depth < 3 and _blank(new):
        # Nothing written above the header (a bare forward, or a reply written below the
        # quote): what follows the header is the message.
        more_new, more_quoted = _split_lines(rest, depth + 1)
        return more_new, quoted + quoted_header + more_quoted
    if header.kind == "wrote" and _starts_quoted(rest):
        # "On ... wrote:" + `>` block + more text: the buyer answers below or between quotes.
        following = find_quote_header(rest)
        stop = following.start if following else len(rest)
        more_new, more_quoted = _separate_inline_quotes(rest[:stop])
        if not _blank(more_new):
            return new + [""] + more_new, quoted + quoted_header + more_quoted + rest[stop:]
    return new, quoted + lines[header.start :]


def _starts_quoted(lines: list[str]) -> bool:
    for line in lines:
        if line.strip():
            return p.is_quoted(line)
    return False


def find_quote_header(lines: list[str]) -> Header | None:
    """The first quote header in `lines`, or None."""
    for i, line in enumerate(lines):
        if not line.strip() or len(line) > p.MAX_LINE or p.is_quoted(line):
            continue
        header = _header_at(lines, i)
        if header is not None:
            return header
    return None


def _header_at(lines: list[str], i: int) -> Header | None:
    line = lines[i]
    bare = p.strip_marks(line)
    if _is_marker(line):
        return Header(i, _block_end(lines, i + 1, allow_gap=True), "marker")
    wrote_end = _wrote_window(lines, i)
    if wrote_end is not None:
        return Header(i, wrote_end, "wrote")
    if p.HEADER_FROM.match(line) and _looks_like_header_block(lines, i):
        return Header(_with_separator(lines, i), _block_end(lines, i, allow_gap=False), "block")
    if p.SEPARATOR.match(line) and _separator_block(lines, i):
        return Header(i, _block_end(lines, i + 1, allow_gap=True), "block")
    if _is_date_header(line, bare):
        end = i + 2 if line.endswith("<") and i + 1 < len(lines) else i + 1
        return Header(i, end, "wrote")
    return None


def _is_marker(line: str) -> bool:
    stripped = line.strip().strip("*").strip()
    if p.BEGIN_FORWARD.match(stripped):
        return True
    if not stripped.startswith(("--", "__")):
        return False
    core = stripped.strip("-_ *").strip().lower()
    return any(core.startswith(phrase) for phrase in p.MARKER_PHRASES)


def _wrote_window(lines: list[str], i: int) -> int | None:
    """End of an "On ... wrote:" header starting at line i (it may wrap over three lines)."""
    first = p.strip_marks(lines[i])
    starter = bool(
        p.ON_START.match(first) or p.DATE_START.match(first) or "@" in first or "<" in first
    )
    parts: list[str] = []
    for j in range(i, min(i + 3, len(lines))):
        if not lines[j].strip() or len(lines[j]) > p.MAX_LINE:
            break
        parts.append(p.strip_marks(lines[j]).strip("-").strip())
        joined = " ".join(parts)
        if j > i and not starter:
            break
        if _wrote_line(joined, dashed=lines[i].strip().startswith("--")):
            return j + 1
    return None


def _wrote_line(joined: str, *, dashed: bool) -> bool:
    """Whether joined header lines read "..., Jane <j@x> wrote:" (cheap tests first)."""
    if dashed:
        return p.WROTE_WORD.search(joined) is not None  # "---- On ..., Sam wrote ----"
    if not joined.endswith((":", "：")):
        # "On Wed, 14 Nov 2018 08:14 -0200 John Doe <john@doe.com> wrote" (colon missing)
        return bool(
            p.WROTE_END_BARE.search(joined[-20:])
            and p.ON_START.match(joined)
            and "@" in joined
            and _DIGIT.search(joined)
        )
    if joined.endswith((">:", "):")) and "@" in joined and _DIGIT.search(joined):
        return True  # "ср, 30 апр. 2025 г. в 15:19, John Doe <doe@example.com>:"
    if p.WROTE_END.search(joined[-40:]):
        return True
    dated = "@" in joined or _DIGIT.search(joined) is not None
    return dated and p.WROTE_WORD.search(joined) is not None


def _is_date_header(line: str, bare: str) -> bool:
    """ "2016-03-03 17:21 GMT+01:00 Some One <x@y>" as some clients write a quote header."""
    if len(line) > 150 or not p.DATE_START.match(bare):
        return False
    return bool(p.TIMEZONE.search(bare) or "@" in bare or "<" in bare or bare.endswith(":"))


def _block_end(lines: list[str], i: int, *, allow_gap: bool) -> int:
    """The first line after a block of header lines starting at or after line i."""
    j = i
    if allow_gap:
        while j < len(lines) and not lines[j].strip() and j - i < 2:
            j += 1
        if j >= len(lines) or not (p.HEADER_FROM.match(lines[j]) or p.HEADER_OTHER.match(lines[j])):
            return i
    while j < len(lines) and lines[j].strip():
        j += 1
    return j


def _looks_like_header_block(lines: list[str], i: int) -> bool:
    """A "From:" line starts a header block only when other header lines follow it."""
    found = 0
    for line in lines[i + 1 : i + 1 + _LOOKAHEAD]:
        if line.strip() and len(line) <= p.MAX_LINE and p.HEADER_OTHER.match(line):
            found += 1
            if found >= 2:
                return True
    return False


def _separator_block(lines: list[str], i: int) -> bool:
    """An Outlook rule followed by header lines in any order ("Date:", "From:", "To:")."""
    found = 0
    for line in lines[i + 1 : i + 1 + _LOOKAHEAD]:
        if not line.strip():
            if found:
                break
            continue
        if len(line) > p.MAX_LINE or not (p.HEADER_FROM.match(line) or p.HEADER_OTHER.match(line)):
            break
        found += 1
    return found >= 2


def _with_separator(lines: list[str], i: int) -> int:
    """Include an underscore or dash rule that Outlook puts above the header block."""
    j = i - 1
    while j >= 0 and not lines[j].strip() and i - j < 4:
        j -= 1
    if j >= 0 and p.SEPARATOR.match(lines[j]):
        return j
    return i


def _separate_inline_quotes(lines: list[str]) -> tuple[list[str], list[str]]:
    """Unquoted lines are new text, `>` lines are quoted (top, bottom and inline posting)."""
    if not any(p.is_quoted(line) for line in lines):
        return lines, []
    new: list[str] = []
    quoted: list[str] = []
    for idx, line in enumerate(lines):
        if p.is_quoted(line) or _introduces_quote(lines, idx):
            quoted.append(line)
        else:
            new.append(line)
    return new, quoted


def _introduces_quote(lines: list[str], idx: int) -> bool:
    """A short line ending in ':' right before a `>` block is an unrecognised quote header."""
    line = lines[idx].strip()
    if not line.endswith((":", "：")) or len(line) > 200 or "@" not in line and len(line) < 20:
        return False
    k = idx + 1
    while k < len(lines) and not lines[k].strip():
        k += 1
    return k < len(lines) and p.is_quoted(lines[k])
