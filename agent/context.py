"""The account context a model reads and a draft is grounded in."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import BindParameter, bindparam, or_, text, union
from sqlalchemy.orm import aliased, defer
from sqlmodel import Session, col, select
from sqlmodel.sql.expression import SelectOfScalar

from records.inbox import Message
from records.ledger import (
    INVOICE_IS_OPEN,
    Account,
    Contact,
    Dispute,
    DunningHold,
    Invoice,
    Promise,
)

# A long-standing account has years of paid invoices and settled cases. Reading them all
# for every message made a message's cost grow with the account's age (5,000 paid invoices:
# 8 -> 237 ms; docs/mailbox.md). A message needs what is still open, what it names, and
# the latest of the rest: a buyer writes about last month's payment, not one from 2019.
RECENT_PAID_INVOICES = 50
RECENT_SETTLED_CASES = 20

# Built once: a statement built per call costs more than its round trip on SQLite (the
# ORM's comparisons and a fresh cache key each time; see docs/mailbox.md).
_ACCOUNT: BindParameter[str] = bindparam("account_id")
_NUMBERS: BindParameter[list[str]] = bindparam("numbers", expanding=True)
_CONTACTS = select(Contact).where(Contact.account_id == _ACCOUNT)


# The index's own condition, as SQL text: a partial index serves only a query that
# repeats it, literal 0 included (a bound parameter would not match).
_IS_OPEN = text(INVOICE_IS_OPEN)
_IS_PAID = text(f"NOT ({INVOICE_IS_OPEN})")
_paid = aliased(Invoice)
# Each part reads by an index of its own (records/ledger.py); one OR over the account's
# rows would test every invoice it ever had.
_WANTED = union(
    select(Invoice.id).where(Invoice.account_id == _ACCOUNT, _IS_OPEN),
    select(Invoice.id).where(Invoice.account_id == _ACCOUNT, col(Invoice.number).in_(_NUMBERS)),
    select(Dispute.invoice_id).where(Dispute.account_id == _ACCOUNT, Dispute.status == "open"),
    select(DunningHold.invoice_id).where(
        DunningHold.account_id == _ACCOUNT, col(DunningHold.active).is_(True)
    ),
    select(
        select(_paid.id)
        .where(_paid.account_id == _ACCOUNT, _IS_PAID)
        .order_by(col(_paid.issue_date).desc(), col(_paid.id).desc())
        .limit(RECENT_PAID_INVOICES)
        .subquery()
        .c.id
    ),
)
_INVOICES = (
    select(Invoice)
    .where(col(Invoice.id).in_(_WANTED))
    .order_by(col(Invoice.due_date), col(Invoice.id))
)


def _open_or_recent(record: type[Dispute] | type[Promise]) -> SelectOfScalar[Any]:
    """The account's open cases of this kind, and its latest settled ones."""
    settled = aliased(record)
    latest = (
        select(settled.id)
        .where(settled.account_id == _ACCOUNT, settled.status != "open")
        .order_by(col(settled.created_at).desc(), col(settled.id).desc())
        .limit(RECENT_SETTLED_CASES)
    )
    return (
        select(record)
        .where(
            record.account_id == _ACCOUNT,
            or_(col(record.status) == "open", col(record.id).in_(latest)),
        )
        .order_by(col(record.id))
    )


_DISPUTES = _open_or_recent(Dispute)
_PROMISES = _open_or_recent(Promise)
_HOLDS = select(DunningHold).where(
    DunningHold.account_id == _ACCOUNT, col(DunningHold.active).is_(True)
)
# The raw bytes and the parse stay unread: the context shows subjects and dates.
_THREAD = (
    select(Message)
    .options(defer(Message.raw), defer(Message.parsed))  # type: ignore[arg-type]
    .where(Message.thread_id == bindparam("thread_id"))
    .order_by(col(Message.received_at).desc(), col(Message.id).desc())
    .limit(10)
)


@dataclass
class AccountContext:
    """Everything the ledger knows about one account, loaded once per message."""

    account: Account | None = None
    contacts: list[Contact] = field(default_factory=list)
    # Open ones, the ones asked for, those under an open dispute or a hold, the latest paid.
    invoices: list[Invoice] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)  # open ones and the latest settled
    promises: list[Promise] = field(default_factory=list)  # the same
    holds: list[DunningHold] = field(default_factory=list)
    thread: list[Message] = field(default_factory=list)  # earlier messages, oldest first

    @property
    def open_invoices(self) -> list[Invoice]:
        return [inv for inv in self.invoices if inv.open_amount > 0]

    def invoice(self, number: str) -> Invoice | None:
        for inv in self.invoices:
            if inv.number == number:
                return inv
        return None

    def overdue(self, today: date) -> list[Invoice]:
        return [inv for inv in self.open_invoices if inv.due_date < today]


def load_context(
    session: Session,
    account_id: str | None,
    thread_id: str | None = None,
    *,
    invoices: Collection[str] = (),
) -> AccountContext:
    """Load the account's records (empty context for no account).

    `invoices` are numbers the caller needs whatever their state (those the message names);
    of the paid ones, only the latest are read otherwise.
    """
    thread = _thread(session, thread_id)
    if account_id is None:
        return AccountContext(thread=thread)
    account = session.get(Account, account_id)
    if account is None:
        return AccountContext(thread=thread)
    params = {"account_id": account_id}
    named = {"account_id": account_id, "numbers": sorted(set(invoices))}
    return AccountContext(
        account=account,
        contacts=list(session.exec(_CONTACTS, params=params)),
        invoices=list(session.exec(_INVOICES, params=named)),
        disputes=list(session.exec(_DISPUTES, params=params)),
        promises=list(session.exec(_PROMISES, params=params)),
        holds=list(session.exec(_HOLDS, params=params)),
        thread=thread,
    )


def _thread(session: Session, thread_id: str | None) -> list[Message]:
    if not thread_id:
        return []
    return list(session.exec(_THREAD, params={"thread_id": thread_id}))[::-1]
