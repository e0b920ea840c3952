"""Invoices named by the tail of their number: "0370", "inv 441", "no. 2026-0273".

Buyers rarely copy "INV-2026-0370" in full; they write the running number, with or
without its leading zeros, or the number without its series prefix. Such a token names an
invoice only when exactly one of the account's invoices ends that way, and only when it
cannot be an amount or a quantity: a leading zero, a series part ("2026-0370"), an invoice
word just before it, or "paid" just after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from agent.extract.text import fold

_TOKEN = re.compile(r"(?<![\w.,/$€£-])(\d{2,4}[-/])?(\d{3,7})(?![\w/-]|[.,]\d)")
_INVOICE_WORD = re.compile(
    r"(?:invoices?|inv|bill|rechnung(?:en)?|rg|re|factures?|fact|facturas?|fra|facturen|"
    r"factuur|fattur[ae]|ft|nota)\.?\s*(?:no\.?|nr\.?|n[°º]\.?|num(?:ero|ber)?\.?|#|:)?\s*#?$"
    r"|(?:#|\bno\.?|\bnr\.?|n[°º]\.?)\s*$"
)
_PAID_AFTER = re.compile(
    r"^\s*(?:paid|is paid|was paid|bezahlt|paye|pagad|betaald|pagat|settled)\b"
    r"|^\s*(?:and|und|et|y|en|e|&|,)\s*0\d"
)
_CURRENCY_NEAR = re.compile(r"(?:eur|usd|gbp|chf|€|\$|£)\s*$")


def _keys(number: str) -> set[str]:
    """The tails a buyer might write for `number`: "0370", "370", "2026-0370"."""
    groups = re.findall(r"\d+", number)
    if not groups:
        return set()
    last = groups[-1]
    keys = {last, last.lstrip("0") or "0"}
    if len(groups) >= 2:
        first_digit = re.search(r"\d", number)
        assert first_digit is not None
        keys.add(number[first_digit.start() :].upper())
    return {k for k in keys if len(k) >= 3}


def shorthand_invoices(text: str, numbers: Sequence[str]) -> dict[str, str]:
    """{token as written: invoice number} for the invoices `text` names by a tail alone."""
    owners: dict[str, set[str]] = {}
    for number in numbers:
        for key in _keys(number):
            owners.setdefault(key, set()).add(number)
    if not owners:
        return {}
    folded = fold(text)
    found: dict[str, str] = {}
    for m in _TOKEN.finditer(text):
        token = m.group(0).upper()
        if token in numbers or token in found:
            continue
        candidates = owners.get(token)
        if not candidates or len(candidates) != 1:
            continue
        before = folded[max(0, m.start() - 20) : m.start()]
        after = folded[m.end() : m.end() + 12]
        if _CURRENCY_NEAR.search(before):
            continue
        plain = m.group(1) is None and not m.group(2).startswith("0")
        if plain and not (_INVOICE_WORD.search(before) or _PAID_AFTER.search(after)):
            continue  # "120 boxes", "in 180 days": a bare number is not an invoice
        found[m.group(0)] = next(iter(candidates))
    return found
