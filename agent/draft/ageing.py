"""Open items and their ageing buckets, shared by the statement PDF and the reply text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from records.ledger import Invoice

# Days past due: current (not yet due), 1-30, 31-60, 61-90, over 90.
BUCKETS: tuple[str, ...] = ("current", "1-30", "31-60", "61-90", "over_90")


def days_overdue(due: date, as_of: date) -> int:
    return max((as_of - due).days, 0)


def bucket_of(due: date, as_of: date) -> str:
    """The ageing bucket of an item due on `due`, seen on `as_of`."""
    days = days_overdue(due, as_of)
    if days == 0:
        return "current"
    if days <= 30:
        return "1-30"
    if days <= 60:
        return "31-60"
    if days <= 90:
        return "61-90"
    return "over_90"


@dataclass
class CurrencyAgeing:
    """Open amounts of one currency per bucket."""

    currency: str
    buckets: dict[str, Decimal] = field(default_factory=lambda: dict.fromkeys(BUCKETS, Decimal(0)))

    @property
    def total(self) -> Decimal:
        return sum(self.buckets.values(), Decimal(0))

    @property
    def overdue(self) -> Decimal:
        return self.total - self.buckets["current"]


def open_items(invoices: Iterable[Invoice]) -> list[Invoice]:
    """Items with an amount open (credit notes included), oldest due first.

    The ledger is read as it stands now, even for a statement dated earlier (the day the
    buyer asked): what is open is what the buyer needs to know.
    """
    items = [inv for inv in invoices if inv.open_amount != 0]
    return sorted(items, key=lambda inv: (inv.due_date, inv.number))


def ageing(items: Iterable[Invoice], as_of: date) -> list[CurrencyAgeing]:
    """Bucket totals per currency, currencies in alphabetical order."""
    by_currency: dict[str, CurrencyAgeing] = {}
    for inv in items:
        row = by_currency.setdefault(inv.currency, CurrencyAgeing(inv.currency))
        row.buckets[bucket_of(inv.due_date, as_of)] += inv.open_amount
    return [by_currency[c] for c in sorted(by_currency)]
