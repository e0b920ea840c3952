"""The worker loop: claim messages waiting in the inbox and take each through the pipeline."""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Callable

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from agent.pipeline import process_message
from agent.triage import TriageModel
from arinbox.settings import Settings
from records.inbox import Message, MessageState
from records.types import utcnow

log = logging.getLogger(__name__)
WAITING = (MessageState.received, MessageState.parsed)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def claim_next(session: Session, me: str) -> Message | None:
    """Claim one waiting message; on PostgreSQL with SKIP LOCKED so workers never collide."""
    query = (
        select(Message)
        .where(col(Message.state).in_(WAITING), Message.direction == "inbound")
        .order_by(col(Message.received_at), col(Message.id))
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    message = session.exec(query).first()
    if message is not None:
        message.claimed_by = me
        message.claimed_at = utcnow()
        session.add(message)
    return message


def process_pending(
    engine: Engine,
    *,
    model: TriageModel,
    settings: Settings,
    limit: int | None = None,
    on_done: Callable[[Message], None] | None = None,
) -> int:
    """Process waiting messages until none is left (or `limit`); return how many."""
    me = worker_id()
    done = 0
    while limit is None or done < limit:
        with Session(engine, expire_on_commit=False) as session:
            message = claim_next(session, me)
            if message is None:
                session.rollback()
                return done
            try:
                process_message(session, message, model=model, settings=settings)
            except Exception as exc:
                # A bug or an outage must not lose the message: keep it, say why, move on.
                log.exception("processing failed", extra={"message_pk": message.id})
                session.rollback()
                _mark_failed(session, message.id or 0, f"{type(exc).__name__}: {exc}")
            done += 1
            if on_done is not None:
                on_done(message)
    return done


def _mark_failed(session: Session, message_pk: int, reason: str) -> None:
    message = session.get(Message, message_pk)
    if message is None:
        return
    message.state = MessageState.failed
    message.error = reason[:2000]
    message.attempts += 1
    message.updated_at = utcnow()
    session.add(message)
    session.commit()


def run_forever(
    engine: Engine, *, model: TriageModel, settings: Settings, idle_s: float = 0.5
) -> None:
    """Process the backlog, then keep polling for new messages."""
    while True:
        if process_pending(engine, model=model, settings=settings) == 0:
            time.sleep(idle_s)
