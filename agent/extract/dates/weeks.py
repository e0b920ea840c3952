"""Weekdays and weeks resolved to a day: a bare, next or last weekday, "<weekday> next week",
"Friday week", "Monday the 23rd", the end of this week and calendar weeks ("KW 48").
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from agent.extract.dates.calendar_math import _monday, _month_day
from agent.extract.dates.mention import Direction
from agent.extract.dates.vocabulary import _names


def _weekday(m: re.Match[str]) -> int:
    _, days, _ = _names()
    groups = m.groupdict()
    name = next(groups[g] for g in ("wd", "wd2", "wd3", "wd4") if groups.get(g))
    return days[name]


def _next_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    wd = _weekday(m)
    if prefer == "past" and not _has_future_marker(m.group(0)):
        return today - timedelta(days=(today.weekday() - wd - 1) % 7 + 1)
    return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)


_ABBR = {"tue": 1, "wed": 2, "thu": 3, "fri": 4}


def _wd_abbr(m: re.Match[str], today: date, prefer: Direction) -> date:
    """ "by Fri" / "next Tues": the coming one, as the full name."""
    wd = _ABBR[m.group("abbr")[:3]]
    return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)


def _has_future_marker(text: str) -> bool:
    return bool(
        re.search(r"next|nachst|kommend|prochain|proximo|volgende|aanstaande|prossim|a\.\s?s", text)
    )


def _week_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    this_week = m.group("tw") is not None or m.group("wd4") is not None
    return _monday(today, 0 if this_week else 1) + timedelta(days=_weekday(m))


def _wd_in_weeks(m: re.Match[str], today: date, prefer: Direction) -> date:
    """ "Freitag in einer Woche" / "jeudi en huit": that day of the week one (two) weeks on."""
    n = m.group("fr") or m.group("n")
    weeks = 2 if n in ("quinze", "two", "zwei", "twee", "due", "dos", "2") else 1
    return _monday(today, weeks) + timedelta(days=_weekday(m))


def _wd_week(m: re.Match[str], today: date, prefer: Direction) -> date:
    """ "Friday week": a week after the coming Friday."""
    wd = _weekday(m)
    return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1 + 7)


def _last_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    wd = _weekday(m)
    return today - timedelta(days=(today.weekday() - wd - 1) % 7 + 1)


def _week_end(m: re.Match[str], today: date, prefer: Direction) -> date:
    friday = _monday(today) + timedelta(days=4)
    return friday if friday >= today else friday + timedelta(days=7)


def _wd_day(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    """ "Monday the 23rd" / "lunedì 23": the nearest such day, the weekday settling the month."""
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    wd = _weekday(m)
    steps = (-1, 0, 1) if prefer == "past" else (0, 1, 2)
    options = [d for k in steps if (d := _month_day(today, k, day)) is not None]
    matching = [
        d for d in options if d.weekday() == wd and (d <= today if prefer == "past" else d >= today)
    ]
    if not matching:
        return None  # "Friday 2 invoices": the weekday alone is the date
    return max(matching) if prefer == "past" else min(matching)


def _calendar_week(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    """ "KW 48" / "week 48" / "semaine 48": the Friday of that ISO week."""
    n = int(m.group("n") or m.group("n2"))
    if not 1 <= n <= 53:
        return None
    iso_year = today.isocalendar()[0]
    try:
        friday = date.fromisocalendar(iso_year, n, 5)
    except ValueError:
        return None
    if prefer == "future" and friday < today - timedelta(weeks=26):
        return _iso_friday(iso_year + 1, n) or friday
    if prefer == "past" and friday > today + timedelta(weeks=26):
        return _iso_friday(iso_year - 1, n) or friday
    return friday


def _iso_friday(year: int, week: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, 5)
    except ValueError:
        return None
