"""Storing messages from files, and putting failed ones back in the queue."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from rich.progress import Progress
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from connectors.mailfiles import iter_raw_messages
from records.inbox import Message, MessageState
from records.store import store_raw_message
from records.types import utcnow
from records.wakeup import announce


def ingest_paths(engine: Engine, paths: Iterable[Path], batch: int = 200) -> tuple[int, int]:
    """Store every message under `paths`; return (stored, already known)."""
    stored = skipped = 0
    with Progress(transient=True) as progress, Session(engine) as session:
        task = progress.add_task("ingesting", total=None)
        for n, (raw, received_at) in enumerate(iter_raw_messages(paths), start=1):
            _, created = store_raw_message(session, raw, source="file", received_at=received_at)
            stored += created
            skipped += not created
            progress.advance(task)
            if n % batch == 0:
                session.commit()
        session.commit()
    return stored, skipped


def count_waiting(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(
            select(func.count())
            .select_from(Message)
            .where(col(Message.state).in_([MessageState.received, MessageState.parsed]))
        ).one()


def requeue_failed(engine: Engine, message_pk: int | None = None) -> int:
    """Failed messages go back to `received` (parsing again is safe: effects are idempotent)."""
    with Session(engine) as session:
        query = select(Message).where(Message.state == MessageState.failed)
        if message_pk is not None:
            query = query.where(Message.id == message_pk)
        count = 0
        for message in session.exec(query):
            message.state = MessageState.received
            message.updated_at = utcnow()
            session.add(message)
            count += 1
        if count:
            announce(session)
        session.commit()
        return count
