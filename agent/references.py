"""Finding the ledger's invoice, PO and customer numbers in a buyer's text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlmodel import Session, col, select

from records.ledger import Account, Invoice

# Tokens that could be a document number: letters/digits joined by - / _ . (at least one digit).
_TOKEN = re.compile(r"(?<![\w-])([A-Za-z0-9][A-Za-z0-9\-/_.]{1,40}[A-Za-z0-9])(?![\w-])")


@dataclass(frozen=True)
class Reference:
    """A number in the text that the ledger knows."""

    kind: str  # invoice | po | customer
    text: str  # as written
    invoice: str | None  # the ledger invoice number (invoice and po kinds)
    account_id: str


def candidate_tokens(text: str) -> set[str]:
    """Upper-cased tokens with a digit in them, as they might name a document."""
    tokens = set()
    for match in _TOKEN.finditer(text):
        token = match.group(1).rstrip(".").upper()
        if any(ch.isdigit() for ch in token):
            tokens.add(token)
            # "INV 2026-0012" and "#2026-0012" forms: also try the bare tail after a prefix.
            tokens.add(token.lstrip("#"))
    return tokens


def find_references(session: Session, text: str) -> list[Reference]:
    """Every invoice, PO or customer number of the ledger that `text` names."""
    tokens = candidate_tokens(text)
    if not tokens:
        return []
    refs: list[Reference] = []
    for inv in session.exec(select(Invoice).where(col(Invoice.number).in_(tokens))):
        refs.append(Reference("invoice", inv.number, inv.number, inv.account_id))
    for inv in session.exec(select(Invoice).where(col(Invoice.po_number).in_(tokens))):
        refs.append(Reference("po", inv.po_number or "", inv.number, inv.account_id))
    for acc in session.exec(select(Account).where(col(Account.customer_number).in_(tokens))):
        refs.append(Reference("customer", acc.customer_number or "", None, acc.id))
    return refs
