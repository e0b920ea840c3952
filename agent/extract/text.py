"""Small text helpers shared by the extractors: folding and sentence splitting."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[^\s])|\n\s*\n|\n(?=\s*[-*•]\s)|\n")
_ABBREVIATIONS = re.compile(
    r"(?:\b(?:nr|no|inv|ref|z\.b|bzw|ca|approx|p\.ej|etc|vs|n|re|rg|fact|fatt|art|st|gmbh|inc|ltd"
    # Units a price is quoted in, mid-sentence: "48,00 € cad. anziché 42,50 €", "12 Stk. à".
    r"|cad|pz|stk|stck)"
    r"|\b\d{1,2})\.$",
    re.IGNORECASE,
)


class _FoldTable(dict[int, str]):
    """str.translate table built lazily: each code point → one lower-case unaccented char."""

    def __missing__(self, codepoint: int) -> str:
        decomposed = unicodedata.normalize("NFKD", chr(codepoint))
        base = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
        # ß, ﬁ and friends expand; keep one character per input character.
        value = base[:1] if base else " "
        self[codepoint] = value
        return value


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower-case without accents, so 'Nächsten Mañana' matches 'nachsten manana'.

    One character out per character in, so spans found in the folded text point at the
    same characters of the original.
    """
    return text.translate(_FOLD)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Split `text` into sentences (line breaks and end punctuation), keeping offsets."""
    result: list[Sentence] = []
    start = 0
    pending_start: int | None = None
    for m in _SENTENCE_END.finditer(text):
        chunk = text[start : m.start()]
        if _ABBREVIATIONS.search(chunk.rstrip()) and "\n" not in m.group(0):
            # "Nr. 4711" or "13. November": not the end of a sentence.
            if pending_start is None:
                pending_start = start
            start = m.end()
            continue
        begin = pending_start if pending_start is not None else start
        pending_start = None
        _add(result, text, begin, m.start())
        start = m.end()
    begin = pending_start if pending_start is not None else start
    _add(result, text, begin, len(text))
    return result


def _add(result: list[Sentence], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    result.append(Sentence(stripped, start + lead, start + lead + len(stripped)))


def sentence_at(sents: list[Sentence], pos: int) -> Sentence | None:
    """The sentence that holds character offset `pos`."""
    for s in sents:
        if s.start <= pos < s.end:
            return s
    return None
