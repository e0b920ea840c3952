"""Storing messages from files, and putting failed ones back in the queue."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from rich.progress import Progress
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from connectors.mailfiles import iter_raw_messages
from records.inbox import Message, MessageState
from records.store import RawMail, store_raw_batch
from records.types import utcnow
from records.wakeup import announce


def ingest_paths(engine: Engine, paths: Iterable[Path], batch: int = 200) -> tuple[int, int]:
    """Store every message under `paths`, `batch` per commit; return (stored, already known).

    Each batch is stored as the IMAP listener stores a fetched chunk (`store_raw_batch`):
    one duplicate check per kind and one INSERT.
    """
    stored = seen = 0
    mails = (RawMail(raw, received_at=at) for raw, at in iter_raw_messages(paths))
    with Progress(transient=True) as progress, Session(engine) as session:
        task = progress.add_task("ingesting", total=None)
        for chunk in _chunks(mails, batch):
            stored += store_raw_batch(session, chunk, source="file")
            session.commit()
            seen += len(chunk)
            progress.advance(task, len(chunk))
    return stored, seen - stored


def _chunks(items: Iterable[RawMail], size: int) -> Iterator[list[RawMail]]:
    """Lists of `size` items, the last one shorter (itertools.batched is Python 3.12+)."""
    chunk: list[RawMail] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


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
