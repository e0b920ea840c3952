"""Dates written out with numbers or a month name ("13.11.2026", "11/13/2026", "am 4.12",
"13 novembre 2026", "November 13", "le 1er décembre"), read day-first as Europeans write them.
"""

from __future__ import annotations

import re
from datetime import date

from agent.extract.dates.calendar_math import _no_year, _safe, _year
from agent.extract.dates.mention import Direction
from agent.extract.dates.vocabulary import _names


def _explicit(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    day, month = int(m.group("day")), int(m.group("month"))
    year = _year(m.groupdict().get("year"))
    if year is not None and not 2000 <= year <= 2100:
        return None
    if month > 12 and day <= 12 and "/" in m.group(0):  # 11/13/2026: someone wrote month first
        day, month = month, day
    if year is None:
        return _no_year(month, day, today, prefer)
    return _safe(year, month, day)


# "am 4.12" / "op 4-12": day and month without a year or a final dot need a word before
# them that calls for a date.
_DM_LEAD = re.compile(
    r"\b(?:am|bis|zum|ab|per|on|by|le|au|el|il|al|op|tot|entro|uiterlijk|spatestens|before|"
    r"avant|hasta|the|datum|valuta|valutadatum|date|fecha|valor|data|valeur):? $"
)


def _dm_lead(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    if not _DM_LEAD.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    return _explicit(m, today, prefer)


def _dm_slash(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    day, month = int(m.group("day")), int(m.group("month"))
    if day == 0 or month == 0:
        return None
    return _explicit(m, today, prefer)


_DAY_WORDS = {"first": 1, "premier": 1, "primer": 1, "primero": 1, "primo": 1, "ersten": 1,
              "erste": 1, "eerste": 1}  # fmt: skip


def _named(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    months, _, _ = _names()
    month = months.get(m.group("mname").rstrip("."))
    if month is None:
        return None
    raw = m.group("day")
    day = _DAY_WORDS[raw] if raw in _DAY_WORDS else int(raw)
    year = _year(m.group("year") or m.groupdict().get("yy"))
    if year is None:
        return _no_year(month, day, today, prefer)
    return _safe(year, month, day)
