"""Check that every invoice number, amount and date in a draft is backed by the records.

The templates only print facts taken from the ledger and the ActResult; an LLM-written
or collector-edited draft may not. `check_grounded` finds every invoice-like number,
money amount and date in a text (written the way any of the six reply languages writes
them) and lists those the records do not support.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Protocol

from babel.dates import get_month_names

from agent.draft.formatting import REPLY_LANGUAGES

_CENT = Decimal("0.01")

# Languages that write "1.250,00" (comma decimal) and those that write "1,250.00".
_COMMA_DECIMAL = {"de", "fr", "es", "nl", "it"}
_POINT_DECIMAL = {"en"}

_CURRENCY = r"(?:US\$|\$US|€|\$|£|¥|EUR|USD|GBP|CHF|JPY|SEK|NOK|DKK|PLN|CZK|HUF|CAD|AUD)"
_GROUP = r"[.,\u00a0\u202f\u2009 '’]"
_NUMBER = rf"\d{{1,3}}(?:{_GROUP}\d{{3}})+(?:[.,]\d{{1,2}})?|\d+(?:[.,]\d{{1,2}})?"
_AMOUNT_WITH_CURRENCY = re.compile(
    rf"(?<![\w.,]){_CURRENCY}\s?(?P<a>{_NUMBER})(?![\d])|(?<![\w.,])(?P<b>{_NUMBER})\s?{_CURRENCY}(?![A-Za-z])"
)
# A bare number with two decimals reads as money even without a currency (not a percentage).
_BARE_AMOUNT = re.compile(
    r"(?<![\w.,/-])(?P<n>\d{1,3}(?:[.,\u00a0\u202f']\d{3})+[.,]\d{2}|\d+[.,]\d{2})"
    r"(?![\w.,]*\d)(?!\s?%)"
)
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?![\d])")
_EMAIL_OR_URL = re.compile(r"\S+@\S+|https?://\S+|www\.\S+")
_PREFIXED = re.compile(r"[A-Za-z]{2,}[-/#]\d")
_REFERENCE = re.compile(r"(?<![\w-])[A-Za-z]{0,10}[-/#]?\d[A-Za-z0-9]*(?:[-/.][A-Za-z0-9]+)*")


class _InvoiceLike(Protocol):
    number: str
    po_number: str | None
    amount: Decimal
    open_amount: Decimal
    issue_date: date
    due_date: date


@dataclass
class GroundingFacts:
    """What a draft may state: identifiers, amounts and dates taken from the records."""

    invoices: set[str] = field(default_factory=set)  # invoice, PO, dispute, customer numbers
    amounts: set[Decimal] = field(default_factory=set)
    dates: set[date] = field(default_factory=set)

    def add_invoice(self, invoice: _InvoiceLike) -> None:
        self.invoices.add(invoice.number)
        if invoice.po_number:
            self.invoices.add(invoice.po_number)
        self.amounts.update({invoice.amount, invoice.open_amount})
        self.dates.update({invoice.issue_date, invoice.due_date})

    def check(self, text: str, language: str) -> list[str]:
        return check_grounded(
            text,
            allowed_invoices=self.invoices,
            allowed_amounts=self.amounts,
            allowed_dates=self.dates,
            language=language,
        )


def check_grounded(
    text: str,
    *,
    allowed_invoices: Iterable[str],
    allowed_amounts: Iterable[Decimal],
    allowed_dates: Iterable[date],
    language: str,
) -> list[str]:
    """Every invoice-like number, amount and date in `text` that the allowed facts lack.

    `allowed_invoices` holds every identifier the text may name (invoice and credit-note
    numbers, PO numbers, dispute references, the customer number). `language` settles
    whether `1,250` is one thousand two hundred and fifty (en) or one and a quarter.
    """
    invoices = {_norm_ref(ref) for ref in allowed_invoices if ref}
    amounts = {Decimal(a).quantize(_CENT) for a in allowed_amounts}
    dates = set(allowed_dates)
    taken: list[tuple[int, int]] = [m.span() for m in _EMAIL_OR_URL.finditer(text)]
    problems: list[str] = []

    for span, found, candidates in _dates_in(text, taken):
        taken.append(span)
        if not any(_date_allowed(c, dates) for c in candidates):
            problems.append(f"date not in the records: {found!r}")
    for span, found, values in _amounts_in(text, taken, language):
        taken.append(span)
        if not values & amounts:
            problems.append(f"amount not in the records: {found!r}")
    for match in _REFERENCE.finditer(text):
        token = match.group().rstrip(".-/")
        if _overlaps(match.span(), taken) or not _is_reference(token):
            continue
        if _norm_ref(token) not in invoices:
            problems.append(f"invoice or reference not in the records: {token!r}")
    return problems


def _dates_in(
    text: str, taken: list[tuple[int, int]]
) -> Iterable[tuple[tuple[int, int], str, set[tuple[int | None, int, int]]]]:
    """(span, text, candidate (year, month, day) readings); year None when not written."""
    found: list[tuple[tuple[int, int], str, set[tuple[int | None, int, int]]]] = []

    def add(span: tuple[int, int], candidates: set[tuple[int | None, int, int]]) -> None:
        if candidates and not _overlaps(span, taken) and not _overlaps(span, [f[0] for f in found]):
            found.append((span, text[span[0] : span[1]], candidates))

    for m in _ISO_DATE.finditer(text):
        add(m.span(), {(int(m[1]), int(m[2]), int(m[3]))})
    for m in _NUMERIC_DATE.finditer(text):
        a, b, y = int(m[1]), int(m[3]), int(m[4])
        full_year = y + 2000 if y < 100 else y
        readings = {(full_year, b, a), (full_year, a, b)}  # day-month or month-day
        add(m.span(), {r for r in readings if _valid(r)})
    for pattern in _long_date_patterns():
        for m in pattern.finditer(text):
            year = int(m["year"]) if m["year"] else None
            months = _months()[_fold(m["month"])]
            add(m.span(), {(year, month, int(m["day"])) for month in months})
    return found


def _amounts_in(
    text: str, taken: list[tuple[int, int]], language: str
) -> Iterable[tuple[tuple[int, int], str, set[Decimal]]]:
    found: list[tuple[tuple[int, int], str, set[Decimal]]] = []
    for m in _AMOUNT_WITH_CURRENCY.finditer(text):
        if not _overlaps(m.span(), taken):
            found.append((m.span(), m.group(), _number_values(m["a"] or m["b"], language)))
    spans = [f[0] for f in found]
    for m in _BARE_AMOUNT.finditer(text):
        if not _overlaps(m.span(), taken) and not _overlaps(m.span(), spans):
            found.append((m.span(), m.group(), _number_values(m["n"], language)))
    return found


def _number_values(raw: str, language: str) -> set[Decimal]:
    """The amounts a written number can mean; two when the separators leave it open."""
    digits = re.sub(r"[\s'’\u00a0\u202f\u2009]", "", raw)
    seps = [(i, ch) for i, ch in enumerate(digits) if ch in ".,"]
    if not seps:
        return {_dec(digits)}
    last_i, last = seps[-1]
    kinds = {ch for _, ch in seps}
    if len(kinds) == 2:  # "1.250,00" / "1,250.00": the last one is the decimal mark
        return {
            _dec(digits[:last_i].replace(".", "").replace(",", "") + "." + digits[last_i + 1 :])
        }
    if len(seps) > 1:  # "1.250.000": grouping only
        return {_dec(digits.replace(last, ""))}
    whole, frac = digits[:last_i], digits[last_i + 1 :]
    as_decimal = _dec(f"{whole}.{frac}")
    as_group = _dec(whole + frac)
    if len(frac) != 3:
        return {as_decimal}
    if (last == "," and language in _POINT_DECIMAL) or (last == "." and language in _COMMA_DECIMAL):
        return {as_group}
    if (last == "," and language in _COMMA_DECIMAL) or (last == "." and language in _POINT_DECIMAL):
        return {as_decimal}
    return {as_decimal, as_group}


def _dec(raw: str) -> Decimal:
    try:
        return Decimal(raw).quantize(_CENT)
    except InvalidOperation:
        return Decimal("-1")


def _date_allowed(candidate: tuple[int | None, int, int], allowed: set[date]) -> bool:
    year, month, day = candidate
    return any(
        d.month == month and d.day == day and (year is None or d.year == year) for d in allowed
    )


def _valid(reading: tuple[int | None, int, int]) -> bool:
    year, month, day = reading
    try:
        date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def _is_reference(token: str) -> bool:
    """Invoice-like: a prefix such as `INV-8`, four digits or more, letters with three digits.

    A bare year is not a reference.
    """
    digits = sum(ch.isdigit() for ch in token)
    letters = sum(ch.isalpha() for ch in token)
    if token.isdigit() and len(token) == 4 and 1900 <= int(token) <= 2100:
        return False
    return bool(_PREFIXED.match(token)) or digits >= 4 or (letters > 0 and digits >= 3)


def _norm_ref(ref: str) -> str:
    return ref.strip().upper()


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _fold(word: str) -> str:
    return word.lower().rstrip(".")


@lru_cache(maxsize=1)
def _months() -> dict[str, frozenset[int]]:
    """Month names (wide and abbreviated) of the reply languages → month numbers."""
    names: dict[str, set[int]] = {}
    for language in REPLY_LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=language).items():
                names.setdefault(_fold(name), set()).add(number)
    names.setdefault("sept", set()).add(9)
    return {name: frozenset(numbers) for name, numbers in names.items()}


@lru_cache(maxsize=1)
def _long_date_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Longest names first so "juni" is not read as "jun" + "i".
    alternatives = "|".join(re.escape(n) for n in sorted(_months(), key=len, reverse=True))
    month = rf"(?P<month>{alternatives})\.?"
    day_first = re.compile(
        rf"(?<!\d)(?P<day>\d{{1,2}})(?:\.|er|º|°|st|nd|rd|th)?\s+(?:de\s+)?{month}"
        rf"(?![^\W\d_])(?:,?\s+(?:de\s+)?(?P<year>\d{{4}}))?",
        re.IGNORECASE,
    )
    month_first = re.compile(
        rf"(?<![^\W\d_]){month}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?!\d)(?:,?\s+(?P<year>\d{{4}}))?",
        re.IGNORECASE,
    )
    return day_first, month_first
