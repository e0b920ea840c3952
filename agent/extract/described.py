"""Invoices a buyer describes instead of numbering them.

"Your last invoice", "the November invoice", "both of these" (above a reminder that lists
them): buyers point at invoices this way as often as they copy the number. Each form
resolves only when the account's ledger leaves one reading; otherwise nothing is named
and the case goes on as if no invoice were given.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from agent.extract.text import fold

LANGS = ("en", "de", "fr", "es", "nl", "it")

# "last/latest invoice" in six languages, folded (lower-case, no accents).
_LATEST = re.compile(
    r"\b(?:(?:last|latest|most recent|newest|recent) invoice"
    r"|(?:letzte|neueste|juengste|jungste)[nrs]? rechnung"
    r"|(?:derniere|plus recente) facture|facture la plus recente"
    r"|(?:ultima|mas reciente) factura|factura mas reciente"
    r"|(?:laatste|meest recente|recentste) factuur"
    r"|ultima fattura|fattura piu recente)\b"
)

# "both of these", "these two invoices", "beide Rechnungen", "les deux factures"…: the
# invoices of the reminder quoted below, when it names exactly that many.
_BOTH = re.compile(
    r"\b(?:both (?:of )?(?:these|them|those|invoices)|these two|the two invoices"
    r"|beide(?:n)? (?:rechnungen|posten)|die beiden rechnungen"
    r"|les deux(?: factures)?|ces deux factures"
    r"|(?:las|ambas|estas) dos facturas|ambas facturas"
    r"|beide facturen|(?:deze )?twee facturen"
    r"|entrambe(?: le fatture)?|(?:le|queste) due fatture)\b"
)
_ALL_OF_THEM = re.compile(
    r"\b(?:all (?:of )?(?:these|them|those|the invoices listed)|these invoices"
    r"|alle (?:diese |genannten )?rechnungen|diese rechnungen"
    r"|toutes (?:ces|les) factures|ces factures"
    r"|todas (?:estas|las) facturas|estas facturas"
    r"|al(?:le)? deze facturen|deze facturen"
    r"|tutte (?:queste|le) fatture|queste fatture)\b"
)


@lru_cache(maxsize=1)
def _month_names() -> dict[str, int]:
    """Folded wide month names of the six languages → 1..12."""
    from babel import Locale

    names: dict[str, int] = {}
    for lang in LANGS:
        for context in ("format", "stand-alone"):
            for num, name in Locale(lang).months[context]["wide"].items():
                names.setdefault(fold(name), num)
    return names


@lru_cache(maxsize=1)
def _month_invoice() -> re.Pattern[str]:
    months = "|".join(sorted(map(re.escape, _month_names()), key=len, reverse=True))
    m = f"(?:{months})"
    return re.compile(
        rf"\b(?:{m} invoice|invoice (?:of|from|for|dated) {m}"
        rf"|rechnung (?:vom|von|fur|aus dem|aus) {m}|{m}(?:-)?rechnung"
        rf"|facture (?:de|du mois de|d') ?{m}"
        rf"|factura (?:de|del mes de) {m}"
        rf"|factuur (?:van|voor) {m}|{m}factuur"
        rf"|fattura (?:di|del mese di) {m})\b"
    )


def latest_invoice(text: str, issued: Sequence[tuple[str, date]]) -> str | None:
    """The newest invoice when the buyer writes "your last invoice" and one is newest."""
    if not issued or not _LATEST.search(fold(text)):
        return None
    newest = max(day for _, day in issued)
    numbers = [number for number, day in issued if day == newest]
    return numbers[0] if len(numbers) == 1 else None


def invoice_of_month(text: str, issued: Sequence[tuple[str, date]], today: date) -> str | None:
    """The one invoice issued in the month the buyer names ("the November invoice")."""
    folded = fold(text)
    match = _month_invoice().search(folded)
    if match is None:
        return None
    names = _month_names()
    month = next((names[w] for w in re.findall(r"[a-z]+", match.group(0)) if w in names), None)
    if month is None:
        return None
    # The latest such month not after today: "the November invoice" in January is last year's.
    year = today.year if month <= today.month else today.year - 1
    numbers = [n for n, day in issued if (day.year, day.month) == (year, month)]
    return numbers[0] if len(numbers) == 1 else None


def quoted_set(text: str, quoted: Sequence[str]) -> list[str]:
    """The quoted reminder's invoices when the buyer says "both of these" / "all of them".

    `quoted` holds the account's invoices the quote names, in order; "both" needs exactly
    two of them, "all of these" takes them all.
    """
    folded = fold(text)
    if len(quoted) == 2 and _BOTH.search(folded):
        return list(quoted)
    if len(quoted) >= 2 and _ALL_OF_THEM.search(folded):
        return list(quoted)
    return []
