"""Each pattern kind mapped to the function that turns its match into a date, and to the kind
of mention it makes (explicit, relative, weekday or period).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from agent.extract.dates.calendar_math import _monday, _month_end
from agent.extract.dates.durations import _in_n
from agent.extract.dates.explicit import _dm_lead, _dm_slash, _explicit, _named
from agent.extract.dates.mention import Direction
from agent.extract.dates.periods import _christmas, _day_only, _month_named, _quarter_end, _year_end
from agent.extract.dates.weeks import (
    _calendar_week,
    _last_wd,
    _next_wd,
    _wd_abbr,
    _wd_day,
    _wd_in_weeks,
    _wd_week,
    _week_end,
    _week_wd,
)

_Resolver = Callable[[re.Match[str], date, Direction], "date | None"]
_RESOLVERS: dict[str, _Resolver] = {
    "iso": _explicit,
    "dmy": _explicit,
    "dm": _explicit,
    "dm_lead": _dm_lead,
    "dm_slash": _dm_slash,
    "dmonth": _named,
    "monthd": _named,
    "wd_day": _wd_day,
    "after_tomorrow": lambda m, t, p: t + timedelta(days=2),
    "before_yesterday": lambda m, t, p: t - timedelta(days=2),
    "tomorrow": lambda m, t, p: t + timedelta(days=1),
    "yesterday": lambda m, t, p: t - timedelta(days=1),
    "today": lambda m, t, p: t,
    "next_month_end": lambda m, t, p: _month_end(t, 1),
    "month_end": lambda m, t, p: _month_end(t, 0),
    "next_month_start": lambda m, t, p: _month_end(t, 1, 1),
    "next_month": lambda m, t, p: _month_end(t, 1),
    "mid_month": lambda m, t, p: _month_end(t, 0 if t.day <= 15 else 1, 15),
    "next_mid_month": lambda m, t, p: _month_end(t, 1, 15),
    "year_end": lambda m, t, p: _year_end(t),
    "quarter_end": lambda m, t, p: _quarter_end(t),
    "christmas": lambda m, t, p: _christmas(t),
    "end_of_named": lambda m, t, p: _month_named(m, t, p, None),
    "mid_named": lambda m, t, p: _month_named(m, t, p, 15),
    "start_named": lambda m, t, p: _month_named(m, t, p, 1),
    "in_named": lambda m, t, p: _month_named(m, t, p, None),
    "week_wd": _week_wd,
    "wd_in_weeks": _wd_in_weeks,
    "wd_week": _wd_week,
    "next_week_start": lambda m, t, p: _monday(t, 1),
    "next_week_mid": lambda m, t, p: _monday(t, 1) + timedelta(days=2),
    "after_weekend": lambda m, t, p: _monday(t, 1),
    "next_week_end": lambda m, t, p: _monday(t, 1) + timedelta(days=4),
    "week_after_next": lambda m, t, p: _monday(t, 2) + timedelta(days=4),
    "last_week": lambda m, t, p: _monday(t, -1) + timedelta(days=4),
    "earlier_this_week": lambda m, t, p: _monday(t) if t.weekday() else t - timedelta(days=3),
    "week_end": _week_end,
    "calendar_week": _calendar_week,
    "in_n": _in_n,
    "in_hours": lambda m, t, p: t + timedelta(days=max(1, -(-int(m.group("n")) // 24))),
    "last_wd": _last_wd,
    "wd": _next_wd,
    "wd_abbr": _wd_abbr,
    "day_only": _day_only,
}
_KIND = {
    "iso": "explicit", "dmy": "explicit", "dm": "explicit", "dm_lead": "explicit",
    "dm_slash": "explicit",
    "dmonth": "explicit", "monthd": "explicit", "wd_day": "explicit",
    "after_tomorrow": "relative", "before_yesterday": "relative", "tomorrow": "relative",
    "yesterday": "relative", "today": "relative", "in_n": "relative", "in_hours": "relative",
    "day_only": "relative",
    "week_wd": "weekday", "wd_week": "weekday", "last_wd": "weekday", "wd": "weekday",
    "wd_in_weeks": "weekday", "wd_abbr": "weekday",
}  # fmt: skip
_KIND.update({k: "period" for k in _RESOLVERS if k not in _KIND})
