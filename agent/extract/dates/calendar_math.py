"""Calendar arithmetic the resolvers share: a date that may not exist, a two-digit year, the
nearer year of a date written without one, a day (or the last day) of a month some months on,
and the Monday of a week.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from agent.extract.dates.mention import Direction


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    return y + 2000 if y < 100 else y


def _roll(value: date | None, today: date, prefer: Direction) -> date | None:
    """This year's date, or next (last) year's when that one is the nearer reading."""
    if value is None:
        return None
    # Promises rarely reach more than half a year out; invoices and reminders often date
    # back a few months: a date five months behind is still this year's.
    if prefer == "future" and value < today - timedelta(days=150):
        return _safe(value.year + 1, value.month, value.day) or value + timedelta(days=365)
    if prefer == "past" and value > today + timedelta(days=60):
        return _safe(value.year - 1, value.month, value.day) or value - timedelta(days=365)
    return value


def _no_year(month: int, day: int, today: date, prefer: Direction) -> date | None:
    return _roll(_safe(today.year, month, day), today, prefer)


def _month_end(today: date, ahead: int, day: int | None = None) -> date:
    year, month = today.year, today.month + ahead
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last) if day else last)


def _monday(today: date, weeks: int = 0) -> date:
    return today - timedelta(days=today.weekday()) + timedelta(days=7 * weeks)


def _month_day(today: date, ahead: int, day: int) -> date | None:
    year, month = today.year, today.month + ahead
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return _safe(year, month, day)
