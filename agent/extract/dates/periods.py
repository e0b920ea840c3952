"""Days that a month, quarter or year pins down: "the 30th" (this month's, the next one's or the
last one's), a named month's first, 15th or last day ("early / mid / end of November", "in
December"), the quarter end, Christmas Eve and the year end.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from agent.extract.dates.calendar_math import _month_day, _month_end, _roll, _year
from agent.extract.dates.mention import Direction
from agent.extract.dates.vocabulary import _names


def _month_named(m: re.Match[str], today: date, prefer: Direction, day: int | None) -> date:
    """A day of the month the text names (None: its last day), this year's or the nearer."""
    months, _, _ = _names()
    month = months[m.group("mname").rstrip(".")]
    year = _year(m.groupdict().get("year"))
    if year is not None and 2000 <= year <= 2100:
        return date(year, month, day or calendar.monthrange(year, month)[1])
    last = calendar.monthrange(today.year, month)[1]
    value = date(today.year, month, day or last)
    rolled = _roll(value, today, prefer)
    if rolled is None or rolled == value:
        return value
    return date(rolled.year, month, day or calendar.monthrange(rolled.year, month)[1])


def _day_only(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    """ "the 30th" / "am 30." / "le 30": this month's or the next one's (the last one's)."""
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    rel = m.groupdict().get("rel")
    if rel:
        ahead = _rel_month(rel)
        return _month_day(today, ahead, day)
    if prefer == "past":
        this = _month_day(today, 0, day)
        return this if this and this <= today else _month_day(today, -1, day)
    this = _month_day(today, 0, day)
    return this if this and this >= today else _month_day(today, 1, day)


_NEXT_MONTH_WORD = re.compile(
    r"next|following|nachst|kommend|folgend|n\.\s?m|prochain|suivant|que viene|proximo|"
    r"siguiente|volgende|komende|prossimo|successivo|p\.\s?v"
)


def _rel_month(rel: str) -> int:
    """Which month "of this month" / "des nächsten Monats" / "u.s." names: 0, +1 or -1."""
    if _NEXT_MONTH_WORD.search(rel):
        return 1
    return -1 if re.search(r"u\.\s?s", rel) else 0


def _quarter_end(today: date) -> date:
    return _month_end(today, (3 - today.month % 3) % 3)


def _christmas(today: date) -> date:
    eve = date(today.year, 12, 24)
    return eve if eve >= today - timedelta(days=150) else date(today.year + 1, 12, 24)


def _year_end(today: date) -> date:
    return date(today.year, 12, 31)
