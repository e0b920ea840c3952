"""Operational counters shared by every process (listeners, senders, workers).

Prometheus counters live in one process's memory; arinbox runs many processes on many
machines, so the counts that matter to an operator are kept in the database and read by
`/metrics` of whichever API process is scraped.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import update
from sqlmodel import Field, Session, SQLModel

from records.types import UTCDateTime, utcnow


class OpsCounter(SQLModel, table=True):
    name: str = Field(primary_key=True, max_length=120)  # e.g. imap_reconnects:mailbox-a
    value: int = 0
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


def bump(session: Session, name: str, by: int = 1) -> None:
    """Add `by` to counter `name` (created at zero), committed with the caller's transaction."""
    done = session.execute(
        update(OpsCounter)
        .where(OpsCounter.name == name)  # type: ignore[arg-type]
        .values(value=OpsCounter.value + by, updated_at=utcnow())
    )
    if done.rowcount == 0:  # type: ignore[attr-defined]
        session.add(OpsCounter(name=name, value=by))
    session.flush()
