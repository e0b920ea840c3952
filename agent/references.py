"""Finding the ledger's invoice, PO and customer numbers in a buyer's text."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from agent.extract.text import fold
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


# Legal forms dropped from an account's name before looking for it in a text.
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:gmbh(?: & co\.? kg)?|ag|kg|ohg|e\.?k\.?|sarl|sas|sa|s\.a\.|sl|s\.l\.|slu"
    r"|bv|b\.v\.|nv|n\.v\.|spa|s\.p\.a\.|srl|s\.r\.l\.|ltd\.?|limited|inc\.?|corp\.?|llc|plc)$"
)
_names_lock = threading.Lock()
_names: tuple[tuple[object, ...], re.Pattern[str] | None, dict[str, str]] | None = None


def accounts_named(session: Session, text: str) -> list[str]:
    """Ids of the ledger accounts whose name (without its legal form) `text` mentions.

    The names are read again only when the accounts change (their count or id range) and
    are searched with one compiled pattern, so this stays cheap with thousands of accounts.
    """
    pattern, by_name = _name_pattern(session)
    if pattern is None:
        return []
    found = {by_name[m.group(0)] for m in pattern.finditer(fold(text))}
    return sorted(found)


def _name_pattern(session: Session) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    global _names
    count, low, high = session.exec(
        select(func.count(), func.min(Account.id), func.max(Account.id))
    ).one()
    bind = session.get_bind()
    key = (str(bind.engine.url), count, low, high)
    with _names_lock:
        if _names is not None and _names[0] == key:
            return _names[1], _names[2]
        by_name: dict[str, str] = {}
        for account_id, name in session.exec(select(Account.id, Account.name)):
            core = _LEGAL_FORM.sub("", fold(name).strip())
            if len(core) >= 5:  # "ACME" alone would match too much ordinary text
                by_name[core] = account_id
        alternatives = "|".join(re.escape(n) for n in sorted(by_name, key=len, reverse=True))
        pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)") if by_name else None
        _names = (key, pattern, by_name)
        return pattern, by_name
