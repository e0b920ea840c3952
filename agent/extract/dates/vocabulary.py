"""The words dates are built from, per language: month and weekday names (from Babel's CLDR
data, with the keyboard slips people make in English weekdays), the number words and the units
of "in N days" / "N business days".
"""

from __future__ import annotations

from functools import lru_cache

from agent.extract.text import fold

LANGS = ("en", "de", "fr", "es", "nl", "it")

# Number words up to the values people use for payment horizons.
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "couple of": 2, "a couple of": 2, "few": 3,
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4,
    "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "zehn": 10, "vierzehn": 14,
    "zwanzig": 20, "dreissig": 30, "dreißig": 30, "paar": 2, "ein paar": 2,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "huit": 8,
    "dix": 10, "quinze": 15, "vingt": 20, "trente": 30,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "ocho": 8,
    "diez": 10, "quince": 15, "veinte": 20, "treinta": 30, "un par de": 2, "quelques": 3,
    "een": 1, "een paar": 2, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "tien": 10,
    "veertien": 14, "vijftien": 15, "twintig": 20, "dertig": 30,
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sette": 7, "otto": 8, "dieci": 10,
    "quindici": 15, "venti": 20, "trenta": 30, "un paio di": 2,
}  # fmt: skip
_UNIT_DAYS = {
    "day": 1, "days": 1, "tag": 1, "tage": 1, "tagen": 1, "jour": 1, "jours": 1,
    "dia": 1, "dias": 1, "dag": 1, "dagen": 1, "giorno": 1, "giorni": 1,
    "week": 7, "weeks": 7, "woche": 7, "wochen": 7, "semaine": 7, "semaines": 7,
    "semana": 7, "semanas": 7, "weken": 7, "settimana": 7, "settimane": 7,
    "fortnight": 14,
    "month": 30, "months": 30, "monat": 30, "monate": 30, "monaten": 30, "mois": 30,
    "mes": 30, "meses": 30, "maand": 30, "maanden": 30, "mese": 30, "mesi": 30,
}  # fmt: skip
_MONTH_UNITS = frozenset(u for u, days in _UNIT_DAYS.items() if days == 30)
# Working days: counted Monday to Friday.
_BUSINESS_UNITS = (
    "business days", "business day", "working days", "working day", "werktage", "werktagen",
    "arbeitstage", "arbeitstagen", "bankarbeitstage", "bankarbeitstagen", "geschaftstage",
    "geschaftstagen", "jours ouvres", "jours ouvrables", "dias habiles", "dias laborables",
    "werkdagen", "werkdag", "giorni lavorativi", "giorni feriali", "giorni bancari",
)  # fmt: skip


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """Folded month names (wide and abbreviated) → 1..12, weekday names → 0..6 (Monday 0).

    The third item holds the wide month names, the ones safe to read without a day.
    """
    from babel import Locale

    months: dict[str, int] = {}
    days: dict[str, int] = {}
    wide: set[str] = set()
    for lang in LANGS:
        loc = Locale(lang)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in loc.months[context][width].items():
                    key = fold(name).rstrip(".")
                    if len(key) >= 3:
                        months.setdefault(key, num)
                        if width == "wide":
                            wide.add(key)
            for num, name in loc.days[context]["wide"].items():
                days.setdefault(fold(name), num)
    months.update({"sep": 9, "sept": 9, "marz": 3, "maerz": 3})
    for name, num in list(days.items()):
        if name.endswith("day"):  # English: "Thrusday", "Wensday"
            for typo in _typos(name):
                days.setdefault(typo, num)
    return months, days, frozenset(wide)


def _typos(word: str) -> set[str]:
    """One slip of the keyboard inside a word: two letters swapped, or one left out.

    The first and last letters stay, so no common word ("Frida", "sunda") comes out.
    """
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 2)}
    dropped = {word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)}
    return (swapped | dropped) - {word}
