"""Ledger tables: what the ERP knows, and what arinbox records on top of it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel, col

from records.types import Money, UTCDateTime, empty_dict, empty_list, utcnow


class Account(SQLModel, table=True):
    id: str = Field(primary_key=True, max_length=64)
    name: str
    customer_number: str | None = Field(default=None, index=True)
    domains: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    language: str = "en"
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Indexed: the matcher's directory asks for the latest change (agent/directory.py).
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class Contact(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("account_id", "email"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(foreign_key="account.id", index=True)
    email: str = Field(index=True)  # always stored lower-case
    name: str = ""
    language: str | None = None


class Company(SQLModel, table=True):
    """Our own side: the supplier whose AR mailbox arinbox serves."""

    id: int | None = Field(default=None, primary_key=True)
    name: str
    ar_mailbox: str


class Invoice(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(foreign_key="account.id", index=True)
    number: str = Field(unique=True, index=True)
    kind: str = "invoice"  # invoice | credit_note
    issue_date: date
    due_date: date
    amount: Decimal = Field(sa_type=Money)
    open_amount: Decimal = Field(sa_type=Money)
    currency: str = "EUR"
    po_number: str | None = Field(default=None, index=True)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# The account context (agent/context.py) reads an account's open invoices and its latest
# paid ones, never all of them: with these two neither read walks the account's history
# (migration 0016). SQLite keeps amounts as exact text, hence the cast; a partial index
# serves a query whose WHERE repeats its condition word for word (INVOICE_IS_OPEN).
INVOICE_IS_OPEN = "CAST(open_amount AS NUMERIC(18, 2)) != 0"
Index(
    "ix_invoice_open",
    col(Invoice.account_id),
    sqlite_where=text(INVOICE_IS_OPEN),
    postgresql_where=text(INVOICE_IS_OPEN),
)
Index(
    "ix_invoice_account_issued",
    col(Invoice.account_id),
    col(Invoice.issue_date),
    col(Invoice.id),
)


class Dispute(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, index=True)
    account_id: str = Field(foreign_key="account.id", index=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    reason: str
    buyer_words: str = ""
    status: str = "open"  # open | resolved
    assigned_team: str | None = None
    outcome: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class Promise(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(foreign_key="account.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    promised_date: date
    amount: Decimal | None = Field(default=None, sa_type=Money)  # None: the open amount
    currency: str = "EUR"
    invoice_numbers: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    open_amount_at_promise: Decimal | None = Field(default=None, sa_type=Money)
    buyer_words: str = ""
    status: str = "open"  # open | kept | broken | cancelled
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PaymentClaim(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(foreign_key="account.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    paid_date: date | None = None
    amount: Decimal | None = Field(default=None, sa_type=Money)
    reference: str | None = None
    invoice_numbers: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    status: str = "pending_match"  # pending_match | matched | not_found
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DunningHold(SQLModel, table=True):
    """Dunning paused on one invoice, until a date or until its source is resolved."""

    id: int | None = Field(default=None, primary_key=True)
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    account_id: str = Field(foreign_key="account.id", index=True)
    reason: str  # dispute | promise | payment_claim | manual
    source_id: int | None = None  # the dispute, promise or claim behind it
    until_date: date | None = None  # None: until the source is resolved
    active: bool = Field(default=True, index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    ended_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    end_reason: str | None = None

    def end(self, reason: str) -> None:
        """Dunning may resume on this invoice; the hold row stays as the record of why."""
        self.active = False
        self.ended_at = utcnow()
        self.end_reason = reason


class Task(SQLModel, table=True):
    """Work the tools leave for a person; the task list reads it by status (migration 0021)."""

    __table_args__ = (Index("ix_task_status_kind", "status", "kind", "created_at"),)
    id: int | None = Field(default=None, primary_key=True)
    account_id: str | None = Field(default=None, foreign_key="account.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    kind: str  # payment_plan | cash_application | contact_change | review | follow_up
    title: str
    details: dict[str, Any] = Field(default_factory=empty_dict, sa_type=JSON)
    status: str = "open"  # open | done
    assigned_to: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    account_id: str | None = Field(default=None, foreign_key="account.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    text: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ContactChange(SQLModel, table=True):
    """A contact change a buyer asked for: proposed, never applied without a collector."""

    id: int | None = Field(default=None, primary_key=True)
    account_id: str = Field(foreign_key="account.id", index=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    new_email: str | None = None
    new_name: str | None = None
    old_email: str | None = None
    buyer_words: str = ""
    status: str = "proposed"  # proposed | applied | rejected
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
