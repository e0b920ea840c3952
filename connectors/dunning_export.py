"""Active dunning holds as rows an ERP can import as dunning blocks."""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass
from datetime import date

from sqlmodel import Session, col, select

from records.ledger import Account, DunningHold, Invoice

COLUMNS = (
    "customer_id",
    "customer_number",
    "invoice_number",
    "dunning_block",
    "reason",
    "hold_from",
    "hold_until",
    "hold_id",
)


@dataclass(frozen=True)
class HoldRow:
    customer_id: str
    customer_number: str
    invoice_number: str
    dunning_block: str  # "X": blocked; the ERP's usual flag
    reason: str
    hold_from: str
    hold_until: str  # empty: until resolved
    hold_id: int


def active_holds(
    session: Session, *, account: str | None = None, invoice: str | None = None
) -> list[HoldRow]:
    query = (
        select(DunningHold, Invoice, Account)
        .join(Invoice, col(Invoice.id) == col(DunningHold.invoice_id))
        .join(Account, col(Account.id) == col(DunningHold.account_id))
        .where(col(DunningHold.active).is_(True))
        .order_by(col(Account.id), col(Invoice.number), col(DunningHold.id))
    )
    if account:
        query = query.where(Account.id == account)
    if invoice:
        query = query.where(Invoice.number == invoice)
    return [
        HoldRow(
            customer_id=acc.id,
            customer_number=acc.customer_number or "",
            invoice_number=inv.number,
            dunning_block="X",
            reason=hold.reason,
            hold_from=hold.created_at.date().isoformat(),
            hold_until=hold.until_date.isoformat() if hold.until_date else "",
            hold_id=hold.id or 0,
        )
        for hold, inv, acc in session.exec(query)
    ]


def holds_csv(rows: list[HoldRow]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(asdict(row))
    return buffer.getvalue()


def expire_holds(session: Session, today: date) -> int:
    """Holds whose until-date has passed end by themselves; return how many ended."""

    ended = 0
    for hold in session.exec(
        select(DunningHold).where(
            col(DunningHold.active).is_(True), col(DunningHold.until_date) < today
        )
    ):
        hold.end("expired")
        session.add(hold)
        ended += 1
    session.flush()
    return ended
