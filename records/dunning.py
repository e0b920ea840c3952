"""The dunning hand-off: an outbox of hold events and the webhook deliveries made from it.

Every change to a `DunningHold` (started, changed, ended) is written as a `HoldEvent` in
the same transaction as the change itself (an SQLAlchemy flush hook), so no change can be
committed without its event and no event exists for a change that was rolled back.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, event, insert, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm.attributes import get_history
from sqlmodel import Field, SQLModel

from records.ledger import Account, DunningHold, Invoice
from records.types import UTCDateTime, empty_dict, utcnow


class HoldEvent(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hold_id: int = Field(index=True)
    event: str  # hold.started | hold.changed | hold.ended
    payload: dict[str, Any] = Field(default_factory=empty_dict, sa_type=JSON)
    fanned_out: bool = Field(default=False, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class WebhookDelivery(SQLModel, table=True):
    """One POST of one event to one URL: its status, attempts and last answer."""

    id: int | None = Field(default=None, primary_key=True)
    event_id: int = Field(foreign_key="holdevent.id", index=True)
    url: str
    status: str = Field(default="pending", index=True)  # pending | delivered | failed
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    last_status_code: int | None = None
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    delivered_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


def hold_payload(
    hold: DunningHold, invoice: str | None, customer_number: str | None
) -> dict[str, Any]:
    return {
        "hold_id": hold.id,
        "account_id": hold.account_id,
        "customer_number": customer_number,
        "invoice": invoice,
        "reason": hold.reason,
        "until_date": hold.until_date.isoformat() if hold.until_date else None,
        "active": hold.active,
        "created_at": hold.created_at.isoformat() if hold.created_at else None,
        "ended_at": hold.ended_at.isoformat() if hold.ended_at else None,
        "end_reason": hold.end_reason,
    }


def _kind(hold: DunningHold, is_new: bool) -> str | None:
    if is_new:
        return "hold.started" if hold.active else None
    active = get_history(hold, "active")
    if active.has_changes() and not hold.active:
        return "hold.ended"
    until = get_history(hold, "until_date")
    if until.has_changes() and hold.active:
        return "hold.changed"
    return None


@event.listens_for(OrmSession, "after_flush")
def _record_hold_events(session: OrmSession, _context: object) -> None:
    changes = [(h, True) for h in session.new if isinstance(h, DunningHold)]
    changes += [(h, False) for h in session.dirty if isinstance(h, DunningHold)]
    rows = []
    for hold, is_new in changes:
        kind = _kind(hold, is_new)
        if kind is None:
            continue
        connection = session.connection()
        found = connection.execute(
            select(Invoice.number, Account.customer_number)  # type: ignore[call-overload]
            .join(Account, Account.id == Invoice.account_id)
            .where(Invoice.id == hold.invoice_id)
        ).first()
        number, customer = (found[0], found[1]) if found else (None, None)
        rows.append(
            {
                "hold_id": hold.id,
                "event": kind,
                "payload": {"event": kind, **hold_payload(hold, number, customer)},
                "fanned_out": False,
                "created_at": utcnow(),
            }
        )
    if rows:
        session.connection().execute(insert(HoldEvent.__table__), rows)  # type: ignore[attr-defined]
