"""The account context a model reads and a draft is grounded in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import BindParameter, bindparam
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from records.inbox import Message
from records.ledger import Account, Contact, Dispute, DunningHold, Invoice, Promise

# Built once: a statement built per call costs more than its round trip on SQLite (the
# ORM's comparisons and a fresh cache key each time; see docs/mailbox.md).
_ACCOUNT: BindParameter[str] = bindparam("account_id")
_CONTACTS = select(Contact).where(Contact.account_id == _ACCOUNT)
_INVOICES = select(Invoice).where(Invoice.account_id == _ACCOUNT).order_by(col(Invoice.due_date))
_DISPUTES = select(Dispute).where(Dispute.account_id == _ACCOUNT)
_PROMISES = select(Promise).where(Promise.account_id == _ACCOUNT)
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
    invoices: list[Invoice] = field(default_factory=list)  # all, open or not
    disputes: list[Dispute] = field(default_factory=list)
    promises: list[Promise] = field(default_factory=list)
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
    session: Session, account_id: str | None, thread_id: str | None = None
) -> AccountContext:
    """Load the account's records (empty context for no account)."""
    thread = _thread(session, thread_id)
    if account_id is None:
        return AccountContext(thread=thread)
    account = session.get(Account, account_id)
    if account is None:
        return AccountContext(thread=thread)
    params = {"account_id": account_id}
    return AccountContext(
        account=account,
        contacts=list(session.exec(_CONTACTS, params=params)),
        invoices=list(session.exec(_INVOICES, params=params)),
        disputes=list(session.exec(_DISPUTES, params=params)),
        promises=list(session.exec(_PROMISES, params=params)),
        holds=list(session.exec(_HOLDS, params=params)),
        thread=thread,
    )


def _thread(session: Session, thread_id: str | None) -> list[Message]:
    if not thread_id:
        return []
    return list(session.exec(_THREAD, params={"thread_id": thread_id}))[::-1]
