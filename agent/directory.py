"""The ledger's accounts as matching reads them: names, domains and customer numbers.

Every message asks which accounts its sender's domain belongs to, which account names
its text mentions and which customer numbers it quotes. Reading every account for each
message grows with the ledger (thousands of accounts) and was a good part of a drafted
message's cost, so the answers are kept per process and read again only when the
accounts change, or after `MAX_AGE_S`. The check is one query of three indexed lookups
(last update, id range): an import or an edit of an account moves one of them.
"""

from __future__ import annotations

import re
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, select

from agent.extract.text import fold
from agent.names import NameIndex
from records.ledger import Account

# Legal forms dropped from an account's name before looking for it in a text.
_LEGAL_FORM = re.compile(
    r"[\s,]+(?:gmbh(?: & co\.? kg)?|ag|kg|ohg|e\.?k\.?|sarl|sas|sa|s\.a\.|sl|s\.l\.|slu"
    r"|bv|b\.v\.|nv|n\.v\.|spa|s\.p\.a\.|srl|s\.r\.l\.|ltd\.?|limited|inc\.?|corp\.?|llc|plc)$"
)
# Shorter names ("ACME") would match too much ordinary text.
_MIN_NAME = 5


@dataclass(frozen=True)
class Directory:
    """What the matcher needs of every account, built once per change of the accounts."""

    key: tuple[object, ...]
    built_at: float = field(default_factory=time.monotonic)
    by_domain: dict[str, tuple[str, ...]] = field(default_factory=dict)
    by_customer_number: dict[str, tuple[str, ...]] = field(default_factory=dict)
    names: NameIndex | None = None  # folded core names -> account

    def expired(self) -> bool:
        return time.monotonic() - self.built_at > MAX_AGE_S

    def accounts_for_domain(self, domain: str) -> tuple[str, ...]:
        return self.by_domain.get(domain.lower(), ())

    def accounts_named(self, text: str) -> list[str]:
        """Ids of the accounts whose name (without its legal form) `text` mentions."""
        if self.names is None:
            return []
        return sorted(self.names.find(fold(text)))


_lock = threading.Lock()
_cached: Directory | None = None

# Whether the accounts changed: the latest change and the id range, each answered from an
# index (migration 0018). SQLite reads a lone min() or max() off an index but scans the
# table for several aggregates in one SELECT, and a count scans it anyway: with 20,000
# accounts the old one-SELECT check (count, min, max, max) cost 4 ms a message. Built once
# (a statement built per call costs more than its round trip, docs/mailbox.md).
_STAMP = select(
    select(func.max(Account.updated_at)).scalar_subquery(),
    select(func.min(Account.id)).scalar_subquery(),
    select(func.max(Account.id)).scalar_subquery(),
)
# A new or edited account moves the stamp (import and edits set `updated_at`); a deleted
# one, or an edit made by hand that leaves `updated_at` alone, may not: the directory is
# read again after this long whatever the stamp says.
MAX_AGE_S = 300.0


def directory(session: Session) -> Directory:
    """The accounts' directory, re-read only when the accounts changed.

    Checked once per transaction: a message asks three times (references, sender,
    names) within one.
    """
    transaction = session.get_transaction()
    held = session.info.get("arinbox.directory")
    if transaction is not None and held is not None and held[0] is transaction:
        return held[1]  # type: ignore[no-any-return]
    found = _current(session)  # begins the transaction when none had begun
    session.info["arinbox.directory"] = (session.get_transaction(), found)
    return found


def _current(session: Session) -> Directory:
    global _cached
    updated, low, high = session.exec(_STAMP).one()
    key = (str(session.get_bind().engine.url), updated, low, high)
    with _lock:
        if _cached is None or _cached.key != key or _cached.expired():
            _cached = _build(session, key)
        return _cached


def _build(session: Session, key: tuple[object, ...]) -> Directory:
    by_domain: dict[str, list[str]] = {}
    by_customer_number: dict[str, list[str]] = {}
    by_name: dict[str, str] = {}
    rows = session.exec(select(Account.id, Account.name, Account.customer_number, Account.domains))
    for account_id, name, customer_number, domains in rows:
        for domain in domains or []:
            by_domain.setdefault(str(domain).lower(), []).append(account_id)
        if customer_number:
            by_customer_number.setdefault(customer_number, []).append(account_id)
        core = _LEGAL_FORM.sub("", fold(name).strip())
        if len(core) >= _MIN_NAME:
            by_name[core] = account_id
    return Directory(
        key=key,
        by_domain={domain: tuple(sorted(set(ids))) for domain, ids in by_domain.items()},
        by_customer_number={n: tuple(sorted(ids)) for n, ids in by_customer_number.items()},
        names=NameIndex(by_name.items()) if by_name else None,
    )
