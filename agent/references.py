"""Finding the ledger's invoice, PO and customer numbers in a buyer's text."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import BindParameter, bindparam, or_
from sqlmodel import Session, col, select

from agent.directory import directory
from records.ledger import Invoice

# Tokens that could be a document number: letters/digits joined by - / _ . (at least one digit).
_TOKEN = re.compile(r"(?<![\w-])([A-Za-z0-9][A-Za-z0-9\-/_.]{1,40}[A-Za-z0-9])(?![\w-])")
# Built once (docs/mailbox.md: a statement built per call costs more than its round trip).
_TOKENS: BindParameter[list[str]] = bindparam("tokens", expanding=True)
_NAMED = select(Invoice.number, Invoice.po_number, Invoice.account_id).where(
    or_(col(Invoice.number).in_(_TOKENS), col(Invoice.po_number).in_(_TOKENS))
)


@dataclass(frozen=True)
class Reference:
    """A number in the text that the ledger knows."""

    kind: str  # invoice | po | customer
    text: str  # as written
    invoice: str | None  # the ledger invoice number (invoice and po kinds)
    account_id: str


def named_invoices(refs: list[Reference]) -> list[str]:
    """The ledger invoices `refs` name by number or PO, paid or not."""
    return [ref.invoice for ref in refs if ref.invoice]


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
    by_number: list[Reference] = []
    by_po: list[Reference] = []
    rows = session.exec(_NAMED, params={"tokens": sorted(tokens)})
    for number, po_number, account_id in rows:
        if number in tokens:
            by_number.append(Reference("invoice", number, number, account_id))
        if po_number in tokens:
            by_po.append(Reference("po", po_number or "", number, account_id))
    customers = directory(session).by_customer_number
    by_customer = [
        Reference("customer", token, None, account_id)
        for token in sorted(tokens)
        for account_id in customers.get(token, ())
    ]
    return [*by_number, *by_po, *by_customer]


def accounts_named(session: Session, text: str) -> list[str]:
    """Ids of the ledger accounts whose name (without its legal form) `text` mentions."""
    return directory(session).accounts_named(text)
