"""Which patterns can match a text at all: one cheap word test per group of patterns, so a text
that names no date (most of them) skips most of the regex work.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from agent.extract.dates.vocabulary import _names

# A pattern only runs on a text that holds one of its words (most texts hold none).
_GATES: dict[str, tuple[str, ...]] = {
    "month_name": ("#month",),
    "after_tomorrow": ("tomorrow", "morgen", "demain", "manana", "dopodomani"),
    "before_yesterday": ("yesterday", "gestern", "avant-hier", "anteayer", "gisteren", "ieri"),
    "tomorrow": ("tomorrow", "morgen", "demain", "manana", "domani"),
    "yesterday": ("yesterday", "gestern", "ayer", "gisteren", "ieri", "hier"),
    "today": ("today", "heute", "aujourd", "hoy", "vandaag", "oggi", "tonight", "this afternoon",
              "this evening", "later today", "end of", "close of business", "eod", "cob",
              "ce soir", "cet apres", "esta tarde", "vanmiddag", "vanavond", "stasera",
              "in giornata"),
    "month": ("month", "monat", "mois", "mes", "maand", "mese", "ultimo"),
    "year_end": ("year", "jahr", "annee", "ano", "jaar", "anno"),
    "quarter_end": ("quarter", "quartal", "trimestre", "kwartaal"),
    "christmas": ("christmas", "weihnacht", "noel", "navidad", "kerst", "natale", "feste"),
    "week": ("week", "woche", "semaine", "semana", "settimana"),
    "calendar_week": ("week", "wk", "cw", "kw", "woche", "semaine", "semana", "settimana"),
    "in_hours": ("h", "stunden", "std", "uur", "ore"),
    "in_n": ("day", "tag", "jour", "dia", "dag", "giorn", "week", "woche", "semaine", "semana",
             "weken", "settiman", "fortnight", "month", "monat", "mois", "mes", "maand", "mese",
             "huitaine", "quinzaine"),
    "weekday": ("#weekday",),
    "weekday_abbr": ("tue", "wed", "thu", "fri"),
}  # fmt: skip
_GATE_OF = {
    "dmonth": "month_name", "monthd": "month_name", "end_of_named": "month_name",
    "mid_named": "month_name", "start_named": "month_name", "in_named": "month_name",
    "next_month_end": "month", "month_end": "month", "next_month_start": "month",
    "next_month": "month", "mid_month": "month", "next_mid_month": "month",
    "week_wd": "week", "wd_week": "week", "next_week_start": "week", "next_week_mid": "week",
    "next_week_end": "week", "week_after_next": "week", "last_week": "week",
    "after_weekend": "week",
    "earlier_this_week": "week", "week_end": "week",
    "wd_day": "weekday", "last_wd": "weekday", "wd": "weekday", "wd_in_weeks": "weekday",
    "wd_abbr": "weekday_abbr",
}  # fmt: skip


@lru_cache(maxsize=1)
def _gate_patterns() -> dict[str, re.Pattern[str]]:
    return {
        group: re.compile("|".join(re.escape(w) for w in words))
        for group, words in _GATES.items()
        if words[0][0] != "#"
    }


_WORD = re.compile(r"[a-z]+")


def _open_gates(folded: str) -> Callable[[str], bool]:
    """Whether the pattern of a kind can match `folded` at all (one test per group)."""
    gates = _gate_patterns()
    seen: dict[str, bool] = {}
    words: set[str] = set()

    def is_open(kind: str) -> bool:
        group = _GATE_OF.get(kind, kind)
        if group not in _GATES:
            return True
        if group not in seen:
            if group in gates:
                seen[group] = gates[group].search(folded) is not None
            else:  # month or weekday names: whole words
                if not words:
                    words.update(_WORD.findall(folded))
                months, days, _ = _names()
                names = months if _GATES[group][0] == "#month" else days
                seen[group] = not words.isdisjoint(names)
        return seen[group]

    return is_open
