"""Dates in a buyer's text, resolved against the moment the message arrived.

Explicit dates (13.11.2026, 13/11/2026, 2026-11-13, "13 novembre 2026", "November 13")
are read day-first as Europeans write them; relative ones ("next Friday", "nächsten
Freitag", "vendredi prochain", "el próximo viernes", "volgende week vrijdag", "venerdì
prossimo", "end of the month", "in two weeks", "tomorrow") resolve against `today`.
The month and weekday names come from Babel's CLDR data, so they match what each
language really writes. This is regex work rather than `dateparser.search_dates`, which
is two orders of magnitude slower and guesses on bare numbers.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from agent.extract.text import fold

Direction = Literal["future", "past"]
LANGS = ("en", "de", "fr", "es", "nl", "it")


@dataclass(frozen=True)
class DateMention:
    """A date the text names, with where it stands in the text."""

    value: date
    start: int
    end: int
    text: str
    kind: str  # explicit | relative | weekday | period


# Number words up to the values people use for payment horizons.
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "couple of": 2, "few": 3,
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4,
    "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "zehn": 10, "vierzehn": 14,
    "zwanzig": 20, "dreissig": 30, "paar": 2,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "huit": 8,
    "dix": 10, "quinze": 15, "vingt": 20, "trente": 30,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "ocho": 8,
    "diez": 10, "quince": 15, "veinte": 20, "treinta": 30,
    "een": 1, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "tien": 10,
    "veertien": 14, "vijftien": 15, "twintig": 20, "dertig": 30,
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sette": 7, "otto": 8, "dieci": 10,
    "quindici": 15, "venti": 20, "trenta": 30, "un paio di": 2,
}  # fmt: skip
_UNIT_DAYS = {
    "day": 1, "days": 1, "business day": 1, "business days": 1, "working days": 1,
    "tag": 1, "tage": 1, "tagen": 1, "werktage": 1, "werktagen": 1,
    "jour": 1, "jours": 1, "jours ouvres": 1, "dia": 1, "dias": 1, "dias habiles": 1,
    "dag": 1, "dagen": 1, "werkdagen": 1, "giorno": 1, "giorni": 1, "giorni lavorativi": 1,
    "week": 7, "weeks": 7, "woche": 7, "wochen": 7, "semaine": 7, "semaines": 7,
    "semana": 7, "semanas": 7, "weken": 7, "settimana": 7, "settimane": 7,
    "month": 30, "months": 30, "monat": 30, "monate": 30, "monaten": 30, "mois": 30,
    "mes": 30, "meses": 30, "maand": 30, "maanden": 30, "mese": 30, "mesi": 30,
}  # fmt: skip

_TODAY = r"today|heute|aujourd'hui|aujourd hui|hoy|vandaag|oggi"
_TOMORROW = (
    r"tomorrow|(?<!heute )(?<!guten )(?<!am )(?<!jeden )(?<!goede)morgen|demain|"
    r"(?<!la )(?<!esta )(?<!por )(?<!de )manana|domani"
)
_AFTER_TOMORROW = (
    r"day after tomorrow|ubermorgen|apres-demain|apres demain|pasado manana|overmorgen|dopodomani"
)
# French "hier" is German and Dutch "here": only with a French word next to it.
_YESTERDAY = (
    r"yesterday|gestern|ayer|gisteren|ieri|"
    r"(?:payee?s?|reglee?s?|viree?s?|effectuee?s?|envoyee?s?|fait|depuis|des|d'|avons|ai) hier|"
    r"hier (?:soir|matin|apres-midi|nous|j'ai|le (?:virement|paiement))"
)
_BEFORE_YESTERDAY = (
    r"day before yesterday|vorgestern|avant-hier|anteayer|eergisteren|l'altro ieri|altroieri"
)

_NEXT_WEEK = (
    r"next week|the following week|nachste woche|nachsten woche|nachster woche|kommende woche|"
    r"kommenden woche|"
    r"la semaine prochaine|de la semaine prochaine|semaine prochaine|la semana que viene|"
    r"de la proxima semana|la proxima semana|proxima semana|de la semana que viene|"
    r"volgende week|komende week|la settimana prossima|della prossima settimana|"
    r"prossima settimana|della settimana prossima|settimana prossima"
)
_NEXT_PREFIX = (
    r"next|this coming|coming|this|on|by|until|till|before|nachsten|nachster|kommenden|"
    r"diesen|am|bis|bis zum|bis am|spatestens|ce|ce prochain|d'ici|avant|le|"
    r"el proximo|este|el|antes del|para el|hasta el|volgende|aanstaande|deze|op|voor|"
    r"uiterlijk|tot|questo|entro|per|il|prossimo"
)
_NEXT_SUFFIX = r"prochain|qui vient|prossimo|que viene|proximo"
_LAST_PREFIX = r"last|past|letzten|letzter|vergangenen|el pasado|afgelopen|vorige|jongstleden"
_LAST_SUFFIX = r"dernier|passe|pasado|scorso|jl\.?"

_MONTH_END = (
    r"(?:the )?end of (?:the |this )?month|month[- ]end|(?:the )?end of the current month|"
    r"ende (?:des |dieses )?monats|monatsende|zum monatsende|"
    r"(?:la |en )?fin (?:du |de ce |de )?mois|(?:a )?fin(?:ales)? de(?:l)? mes|final de(?:l)? mes|"
    r"eind(?:e)? (?:van )?(?:de|deze) maand|einde (?:van )?de maand|"
    r"fine (?:del |di questo )?mese|fine mese"
)
_NEXT_MONTH_END = (
    r"(?:the )?end of next month|ende (?:des )?nachsten monats|"
    r"(?:la )?fin du mois prochain|fin(?:ales)? del (?:proximo )?mes (?:que viene|proximo)|"
    r"finales del proximo mes|eind(?:e)? volgende maand|einde van volgende maand|"
    r"fine del (?:mese prossimo|prossimo mese)"
)
_END_OF = r"(?:the )?end of|ende|fin(?:ales)?(?: de)?|fin de|eind(?:e)?|fine(?: di)?"
_MID = r"mid-|mid |middle of |mitte |mi-|a mediados de |mediados de |half |medio |meta |a meta "
_IN_N = (
    r"in|within|innerhalb von|innerhalb|innert|binnen|over|dans|sous|d'ici|en|dentro de|"
    r"en el plazo de|en un plazo de|tra|fra|entro|nel giro di"
)


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Folded month names (wide and abbreviated) → 1..12, weekday names → 0..6 (Monday 0)."""
    from babel import Locale

    months: dict[str, int] = {}
    days: dict[str, int] = {}
    for lang in LANGS:
        loc = Locale(lang)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in loc.months[context][width].items():
                    key = fold(name).rstrip(".")
                    if len(key) >= 3:
                        months.setdefault(key, num)
            for num, name in loc.days[context]["wide"].items():
                days.setdefault(fold(name), num)
    months.update({"sep": 9, "sept": 9, "marz": 3, "maerz": 3})
    return months, days


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    months, days = _names()
    mon = _alt(list(months))
    wd = _alt(list(days))
    num = _alt(list(_NUMBER_WORDS))
    unit = _alt(list(_UNIT_DAYS))
    b = r"(?<![\w])"
    e = r"(?![\w])"
    year = r"(?P<year>\d{4})"
    ordinal = r"(?:st|nd|rd|th|er|eme|e|º|°|o|\.)?"
    specs = [
        (rf"{b}(?P<year>\d{{4}})-(?P<month>\d{{1,2}})-(?P<day>\d{{1,2}}){e}", "iso"),
        (
            r"(?<![\w./-])(?P<day>\d{1,2})(?P<sep>[./-])(?P<month>\d{1,2})(?P=sep)"
            r"(?P<year>\d{4}|\d{2})(?![\w/-]|\.\d)",
            "dmy",
        ),
        (
            r"(?<![\w./-])(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4}|\d{2})"
            r"(?![\w/-]|\.\d)",
            "dmy",
        ),
        (r"(?<![\w./-])(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?![\w]|\d)", "dm"),
        (r"(?<![\w./-])(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\w/.,-])", "dm_slash"),
        (
            rf"{b}(?P<day>\d{{1,2}}){ordinal}\s*(?:of\s+|de\s+|del\s+)?(?P<mname>{mon})\.?"
            rf"(?:,?\s*(?:de\s+|del\s+)?{year})?{e}",
            "dmonth",
        ),
        (
            rf"{b}(?P<mname>{mon})\.?\s+(?:the\s+)?(?P<day>\d{{1,2}}){ordinal}"
            rf"(?:,?\s*{year})?{e}",
            "monthd",
        ),
        (rf"{b}(?:{_AFTER_TOMORROW}){e}", "after_tomorrow"),
        (rf"{b}(?:{_BEFORE_YESTERDAY}){e}", "before_yesterday"),
        (rf"{b}(?:{_TOMORROW}){e}", "tomorrow"),
        (rf"{b}(?:{_YESTERDAY}){e}", "yesterday"),
        (rf"{b}(?:{_TODAY}){e}", "today"),
        (rf"{b}(?:{_NEXT_MONTH_END}){e}", "next_month_end"),
        (rf"{b}(?:{_MONTH_END}){e}", "month_end"),
        (rf"{b}(?:{_END_OF})\s+(?:de\s+|di\s+)?(?P<mname>{mon}){e}", "end_of_named"),
        (rf"{b}(?:{_MID})\s*(?:de\s+|di\s+)?(?P<mname>{mon}){e}", "mid_named"),
        (
            rf"{b}(?:{_IN_N})\s+(?:(?:the\s+)?next\s+|den\s+nachsten\s+|les\s+|los\s+"
            rf"|i\s+prossimi\s+|de\s+komende\s+)?"
            rf"(?P<n>\d{{1,3}}|{num})\s+(?P<unit>{unit}){e}",
            "in_n",
        ),
        (
            rf"{b}(?:(?:{_NEXT_WEEK})\s+(?:on\s+|am\s+|le\s+|el\s+|op\s+|il\s+)?(?P<wd>{wd})"
            rf"|(?P<wd2>{wd})\s+(?:of\s+)?(?:{_NEXT_WEEK})){e}",
            "next_week_wd",
        ),
        (
            rf"{b}(?:(?:{_LAST_PREFIX})\s+(?P<wd>{wd})|(?:el\s+)?(?P<wd2>{wd})\s+(?:{_LAST_SUFFIX}))"
            rf"{e}",
            "last_wd",
        ),
        (
            rf"{b}(?:(?:{_NEXT_PREFIX})\s+)?(?P<wd>{wd})(?:\s+(?:{_NEXT_SUFFIX}))?{e}",
            "wd",
        ),
    ]
    return [(re.compile(p), kind) for p, kind in specs]


def find_dates(text: str, today: date, prefer: Direction = "future") -> list[DateMention]:
    """Every date `text` names, in text order; relative ones resolved against `today`.

    `prefer` settles what a bare weekday or a date without a year means: the next one
    (promises, return dates) or the last one (payments already made).
    """
    folded = fold(text)
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in _patterns():
        for m in pattern.finditer(folded):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            value = _RESOLVERS[kind](m, today, prefer)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateMention(value, m.start(), m.end(), text[m.start() : m.end()], _KIND[kind])
            )
    found.sort(key=lambda d: d.start)
    return found


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


def _no_year(month: int, day: int, today: date, prefer: Direction) -> date | None:
    value = _safe(today.year, month, day)
    if value is None:
        return None
    # A date more than a couple of months behind (or ahead) is the next (or last) year's.
    if prefer == "future" and value < today - timedelta(days=60):
        return _safe(today.year + 1, month, day)
    if prefer == "past" and value > today + timedelta(days=60):
        return _safe(today.year - 1, month, day)
    return value


def _explicit(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    day, month = int(m.group("day")), int(m.group("month"))
    year = _year(m.groupdict().get("year"))
    if year is not None and not 2000 <= year <= 2100:
        return None
    if month > 12 and day <= 12:  # 11/13/2026: someone wrote month first
        day, month = month, day
    if year is None:
        return _no_year(month, day, today, prefer)
    return _safe(year, month, day)


def _dm_slash(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    day, month = int(m.group("day")), int(m.group("month"))
    if day == 0 or month == 0:
        return None
    return _explicit(m, today, prefer)


def _named(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    months, _ = _names()
    month = months.get(m.group("mname").rstrip("."))
    if month is None:
        return None
    day = int(m.group("day"))
    year = _year(m.group("year"))
    if year is None:
        return _no_year(month, day, today, prefer)
    return _safe(year, month, day)


def _month_named(m: re.Match[str], today: date, day: int | None) -> date | None:
    months, _ = _names()
    month = months.get(m.group("mname"))
    if month is None:
        return None
    year = today.year + (1 if month < today.month - 1 else 0)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, day or last)


def _month_end(today: date, ahead: int) -> date:
    year, month = today.year, today.month + ahead
    if month > 12:
        year, month = year + 1, month - 12
    return date(year, month, calendar.monthrange(year, month)[1])


def _in_n(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    raw = m.group("n")
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    if not n or n > 365:
        return None
    unit = m.group("unit")
    if unit in ("month", "months", "monat", "monate", "monaten", "mois", "mes", "meses",
                "maand", "maanden", "mese", "mesi"):  # fmt: skip
        year, month = today.year, today.month + n
        year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
        return date(year, month, min(today.day, calendar.monthrange(year, month)[1]))
    return today + timedelta(days=n * _UNIT_DAYS[unit])


def _weekday(m: re.Match[str]) -> int:
    _, days = _names()
    return days[m.group("wd") or m.group("wd2")]


def _next_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    wd = _weekday(m)
    if prefer == "past" and not _has_future_marker(m.group(0)):
        return today - timedelta(days=(today.weekday() - wd - 1) % 7 + 1)
    return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)


def _has_future_marker(text: str) -> bool:
    return bool(
        re.search(r"next|nachst|kommend|prochain|proximo|volgende|aanstaande|prossim", text)
    )


def _next_week_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    monday = today - timedelta(days=today.weekday()) + timedelta(days=7)
    return monday + timedelta(days=_weekday(m))


def _last_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    wd = _weekday(m)
    return today - timedelta(days=(today.weekday() - wd - 1) % 7 + 1)


_Resolver = Callable[[re.Match[str], date, Direction], "date | None"]
_RESOLVERS: dict[str, _Resolver] = {
    "iso": _explicit,
    "dmy": _explicit,
    "dm": _explicit,
    "dm_slash": _dm_slash,
    "dmonth": _named,
    "monthd": _named,
    "after_tomorrow": lambda m, t, p: t + timedelta(days=2),
    "before_yesterday": lambda m, t, p: t - timedelta(days=2),
    "tomorrow": lambda m, t, p: t + timedelta(days=1),
    "yesterday": lambda m, t, p: t - timedelta(days=1),
    "today": lambda m, t, p: t,
    "next_month_end": lambda m, t, p: _month_end(t, 1),
    "month_end": lambda m, t, p: _month_end(t, 0),
    "end_of_named": lambda m, t, p: _month_named(m, t, None),
    "mid_named": lambda m, t, p: _month_named(m, t, 15),
    "in_n": _in_n,
    "next_week_wd": _next_week_wd,
    "last_wd": _last_wd,
    "wd": _next_wd,
}
_KIND = {
    "iso": "explicit", "dmy": "explicit", "dm": "explicit", "dm_slash": "explicit",
    "dmonth": "explicit", "monthd": "explicit", "after_tomorrow": "relative",
    "before_yesterday": "relative", "tomorrow": "relative", "yesterday": "relative",
    "today": "relative", "next_month_end": "period", "month_end": "period",
    "end_of_named": "period", "mid_named": "period", "in_n": "relative",
    "next_week_wd": "weekday", "last_wd": "weekday", "wd": "weekday",
}  # fmt: skip
