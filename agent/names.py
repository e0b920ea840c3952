"""Finding any of many names in a text, looked up where a word starts.

One regular expression with an alternative per name did the same, but Python's engine
tries the alternatives one by one at every position of the text: with 20,000 account
names it took 2 ms per message, growing with the ledger. Here each word of the text is
looked up once in a dict of the names that start with it (docs/architecture.md).

The matches are the ones `(?<!\\w)(?:name1|name2|…)(?!\\w)`, longest name first, would
find with `finditer`; a test compares the two on generated texts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORD = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")


class NameIndex:
    """Names (already folded) and what each stands for; `find` returns what `text` names."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        starting: dict[str, list[tuple[str, str]]] = {}
        others: list[tuple[str, str]] = []
        for name, value in names:
            first = _WORD.match(name)
            if first is None:
                others.append((name, value))  # starts with a sign: looked for the slow way
            else:
                starting.setdefault(first.group(), []).append((name, value))
        # The longest name first, as the alternation lists them.
        self._starting = {
            word: sorted(found, key=lambda item: len(item[0]), reverse=True)
            for word, found in starting.items()
        }
        self._others = dict(others)
        alternatives = "|".join(
            re.escape(name) for name in sorted(self._others, key=len, reverse=True)
        )
        self._other_pattern = (
            re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if self._others else None
        )

    def find(self, text: str) -> set[str]:
        """What the names found in `text` stand for (whole words, not overlapping)."""
        found: set[str] = set()
        end = 0
        for word in _WORD.finditer(text):
            start = word.start()
            if start < end:
                continue
            for name, value in self._starting.get(word.group(), ()):
                stop = start + len(name)
                if text.startswith(name, start) and not _WORD_CHAR.match(text, stop):
                    found.add(value)
                    end = stop
                    break
        if self._other_pattern is not None:
            found.update(self._others[m.group(0)] for m in self._other_pattern.finditer(text))
        return found
