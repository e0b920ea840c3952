"""Finding the dates in a text: the patterns run in order over the folded text, the first to
claim a stretch of it keeps it, and a weekday that only repeats the date beside it is dropped.
"""

from __future__ import annotations

import re
from datetime import date

from agent.extract.dates.gates import _open_gates
from agent.extract.dates.mention import DateMention, Direction
from agent.extract.dates.patterns import _patterns
from agent.extract.dates.resolvers import _KIND, _RESOLVERS
from agent.extract.dates.roles import _role
from agent.extract.text import fold


def find_dates(text: str, today: date, prefer: Direction = "future") -> list[DateMention]:
    """Every date `text` names, in text order; relative ones resolved against `today`.

    `prefer` settles what a bare weekday or a date without a year means: the next one
    (promises, return dates) or the last one (payments already made).
    """
    folded = fold(text).replace("’", "'")
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    is_open = _open_gates(folded)
    for pattern, kind in _patterns():
        if not is_open(kind):
            continue
        for m in pattern.finditer(folded):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            value = _RESOLVERS[kind](m, today, prefer)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateMention(
                    value,
                    m.start(),
                    m.end(),
                    text[m.start() : m.end()],
                    _KIND[kind],
                    _role(folded, m.start(), m.end()),
                )
            )
    found.sort(key=lambda d: d.start)
    return _drop_weekday_beside_date(found, folded)


def _drop_weekday_beside_date(found: list[DateMention], folded: str) -> list[DateMention]:
    """ "Friday, 4 December" / "4.12. (Freitag)": the date says it, the weekday repeats it."""
    drop: set[int] = set()
    for i in range(len(found) - 1):
        left, right = found[i], found[i + 1]
        gap = folded[left.end : right.start]
        if len(gap) > 6 or not _WEEKDAY_GAP.fullmatch(gap):
            continue
        if left.kind == "weekday" and right.kind == "explicit":
            drop.add(i)
        elif left.kind == "explicit" and right.kind == "weekday":
            drop.add(i + 1)
    return [d for i, d in enumerate(found) if i not in drop] if drop else found


_WEEKDAY_GAP = re.compile(r"[\s,(]*(?:the|den|der|le|el|de|il|lo)?\s*")
