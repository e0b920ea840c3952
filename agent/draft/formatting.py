"""Money, dates and lists written the way each reply language writes them (babel)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_currency

# One babel locale per reply language. English uses en_GB: day-month-year dates, which
# read unambiguously for a European supplier's customers anywhere.
BABEL_LOCALES: dict[str, str] = {
    "en": "en_GB",
    "de": "de_DE",
    "fr": "fr_FR",
    "es": "es_ES",
    "nl": "nl_NL",
    "it": "it_IT",
}
REPLY_LANGUAGES: tuple[str, ...] = tuple(BABEL_LOCALES)


def babel_locale(language: str) -> str:
    """The babel locale for a reply language (English for anything else)."""
    return BABEL_LOCALES.get(language, BABEL_LOCALES["en"])


def format_money(amount: Decimal, currency: str, language: str) -> str:
    """`1250.00 EUR` as the language writes it: `1.250,00 €` in German, `€1,250.00` in English."""
    return format_currency(Decimal(amount), currency, locale=babel_locale(language))


# CLDR writes the first of the month as a plain "1"; French and Italian letters use an
# ordinal there ("1er octobre", "1º ottobre").
_FIRST_OF_MONTH = {"fr": "1er", "it": "1º"}


def format_day(day: date, language: str) -> str:
    """A date in the language's long form: `1. Oktober 2026`, `1 de octubre de 2026`."""
    text = format_date(day, format="long", locale=babel_locale(language))
    first = _FIRST_OF_MONTH.get(language)
    if first and day.day == 1 and text.startswith("1 "):
        text = first + text[1:]
    return text


def format_and_list(items: Iterable[str], language: str) -> str:
    """`a, b and c` in the language (`a, b und c`, `a, b et c`)."""
    return format_list(list(items), locale=babel_locale(language))


def pick_language(*candidates: str | None) -> str:
    """The first candidate that is one of our reply languages, else English."""
    for candidate in candidates:
        code = (candidate or "").lower()[:2]
        if code in BABEL_LOCALES:
            return code
    return "en"
