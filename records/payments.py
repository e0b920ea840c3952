"""Payments the ERP reports: each applied once to its invoice's open amount."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from records.types import Money, UTCDateTime, utcnow


class LedgerPayment(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("key"),)
    id: int | None = Field(default=None, primary_key=True)
    key: str  # the ERP's reference, or invoice|date|amount: the same payment is applied once
    invoice_id: int = Field(foreign_key="invoice.id", index=True)
    amount: Decimal = Field(sa_type=Money)
    paid_on: date | None = None
    reference: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
