"""Money amounts as buyers write them: `1.250,00 EUR`, `€1,250.00`, `1 250,00 €`, `1250.-`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_CURRENCY = r"(?:€|eur(?:os?)?\b|\$|usd\b|us\$|£|gbp\b|chf\b|sfr\.?|fr\.)"
# Digits with optional thousands groups (dot, comma, space, apostrophe) and decimals.
_NUMBER = (
    r"(?:\d{1,3}(?:(?:[.,'’]|\s|\u00a0|\u202f)\d{3})+(?:[.,]\d{1,2})?"
    r"|\d+(?:[.,]\d{1,2})?)"
)
_AMOUNT = re.compile(
    rf"(?<![\w.,/-])(?:(?P<cur1>{_CURRENCY})\s?(?P<num1>{_NUMBER})(?:[.,]-{{1,2}})?"
    rf"|(?P<num2>{_NUMBER})(?:(?P<dash>[.,]-{{1,2}})|\s?(?P<cur2>{_CURRENCY})"
    rf"|(?P<dec>(?<=[.,]\d\d)))?)(?![\w/-]|[.,]\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AmountMention:
    value: Decimal
    currency: str | None
    start: int
    end: int
    text: str


def parse_number(raw: str) -> Decimal | None:
    """`1.250,00` / `1,250.00` / `1 250,00` / `1'250.00` / `1250` → Decimal."""
    s = re.sub(r"[\s\u00a0\u202f'’]", "", raw)
    dots, commas = s.count("."), s.count(",")
    if dots and commas:
        decimal_sep = "." if s.rfind(".") > s.rfind(",") else ","
    elif dots + commas == 1:
        sep = "." if dots else ","
        decimal_sep = "" if len(s) - s.rfind(sep) - 1 == 3 else sep
    else:
        decimal_sep = ""  # several of one kind: thousands groups
    thousands = {".", ","} - {decimal_sep}
    for t in thousands:
        s = s.replace(t, "")
    if decimal_sep:
        s = s.replace(decimal_sep, ".")
    try:
        return Decimal(s).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def _currency(raw: str | None) -> str | None:
    if not raw:
        return None
    low = raw.lower()
    if low.startswith(("€", "eur")):
        return "EUR"
    if low in ("$", "usd", "us$"):
        return "USD"
    if low in ("£", "gbp"):
        return "GBP"
    return "CHF"


def find_amounts(text: str, *, require_marker: bool = True) -> list[AmountMention]:
    """Amounts in `text`, in order.

    With `require_marker` a bare number only counts when it has a currency, a `.-` or
    two decimals, so quantities, years and phone numbers are left alone.
    """
    found: list[AmountMention] = []
    for m in _AMOUNT.finditer(text):
        raw = m.group("num1") or m.group("num2")
        cur = _currency(m.group("cur1") or m.group("cur2"))
        has_decimals = re.search(r"[.,]\d\d$", raw) is not None
        if require_marker and not (cur or m.group("dash") or has_decimals):
            continue
        value = parse_number(raw)
        if value is None or value <= 0:
            continue
        found.append(AmountMention(value, cur, m.start(), m.end(), m.group(0).strip()))
    return found
