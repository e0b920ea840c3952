"""Spans counted from today: "in 10 days", "within two weeks", "in 3 months", "5 business days"
(weekends skipped, public holidays not) and "sous huitaine".
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from agent.extract.dates.calendar_math import _month_end
from agent.extract.dates.mention import Direction
from agent.extract.dates.vocabulary import _BUSINESS_UNITS, _MONTH_UNITS, _NUMBER_WORDS, _UNIT_DAYS


def _in_n(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    unit = m.group("unit")
    if unit in ("huitaine", "quinzaine"):
        return today + timedelta(days=8 if unit == "huitaine" else 15)
    raw = m.group("n")
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    if not n or n > 365:
        return None
    if unit in _BUSINESS_UNITS:
        return _add_business_days(today, n)
    if unit in _MONTH_UNITS:
        return _month_end(today, n, today.day)
    return today + timedelta(days=n * _UNIT_DAYS[unit])


def _add_business_days(today: date, n: int) -> date:
    value = today
    while n > 0:
        value += timedelta(days=1)
        if value.weekday() < 5:
            n -= 1
    return value
