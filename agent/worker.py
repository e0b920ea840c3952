"""The worker loop: claim messages waiting in the inbox and take each through the pipeline.

A claim is a committed lease (`claimed_by`, `claimed_at`), taken with a conditional
UPDATE so two workers never hold the same message, on PostgreSQL and SQLite alike. On
PostgreSQL the candidates are read with `FOR UPDATE SKIP LOCKED`, so many workers on many
machines do not queue behind each other. A worker that dies leaves its lease to expire;
effects are idempotent, so the next worker resumes the message without repeating them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import socket
import threading
import time
from collections.abc import Callable
from datetime import timedelta
from types import FrameType

from sqlalchemy import or_, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlmodel import Session, col, select
from tenacity import Retrying, retry_if_exception, stop_after_delay
from tenacity.wait import wait_random_exponential

from agent.pipeline import advance_message, warm_up
from agent.triage import TriageModel, acts_as_it_triages
from arinbox.settings import Settings
from records.inbox import MESSAGE_IS_WAITING, WAITING_STATE, WAITING_STATES, Message, MessageState
from records.types import utcnow
from records.wakeup import Wakeup

log = logging.getLogger(__name__)
LEASE = timedelta(minutes=5)
# Messages a quick model claims at once (one UPDATE for them all). Measured with
# benchmarks/bench_stored_backlog --claim-batch, 3,000 messages, 2 workers, 2 cores: on
# SQLite 16 drafted about 10 % more per second than 4 (medians of 4 runs each) and 1 about
# 30 % less; on PostgreSQL 16 and 4 were within the noise, 1 about 10 % less. A worker
# killed outright leaves at most this many claimed until their lease runs out.
CLAIM_BATCH = 16
# Word for word the condition of the waiting messages' index (records/inbox.py), so the
# oldest are read in order off it, however long the backlog. Without statistics, SQLite's
# planner would rather search the state index and sort every waiting message; `likely()`
# tells it the state term filters little, so it reads the waiting index in order (the
# index still matches: SQLite looks through `likely()`).
_WAITING = text(MESSAGE_IS_WAITING)
_WAITING_ON_SQLITE = text(MESSAGE_IS_WAITING.replace(WAITING_STATE, f"likely({WAITING_STATE})"))


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"


def _locked(exc: BaseException) -> bool:
    """SQLite's one writer was busy past the busy timeout: worth another try."""
    return isinstance(exc, OperationalError) and "locked" in str(exc).lower()


def claim_next(session: Session, me: str) -> Message | None:
    """Claim one waiting message (oldest first); a busy SQLite file is waited out."""
    claimed = claim_batch(session, me, 1)
    return session.get(Message, claimed[0], populate_existing=True) if claimed else None


def claim_batch(session: Session, me: str, limit: int) -> list[int]:
    """Claim up to `limit` waiting messages (oldest first) in one commit; their ids in order."""
    retrying = Retrying(
        retry=retry_if_exception(_locked),
        stop=stop_after_delay(120),
        wait=wait_random_exponential(multiplier=0.05, max=2.0),
        before_sleep=lambda _state: session.rollback(),
        reraise=True,
    )
    return retrying(_claim_batch, session, me, limit)


def _claim_batch(session: Session, me: str, limit: int) -> list[int]:
    dialect = session.get_bind().dialect.name
    cutoff = utcnow() - LEASE
    # Our own claim is ours to take again (an attempt the database cut short).
    claimable = or_(
        col(Message.claimed_by).is_(None),
        col(Message.claimed_at) < cutoff,
        col(Message.claimed_by) == me,
    )
    query = (
        select(Message.id)
        .where(_WAITING_ON_SQLITE if dialect == "sqlite" else _WAITING, claimable)
        .order_by(col(Message.received_at), col(Message.id))
        .limit(max(8, 2 * limit))
    )
    if dialect == "postgresql":
        query = query.with_for_update(skip_locked=True)
    candidates = [pk for pk in session.exec(query).all() if pk is not None]
    # Another worker may take some between our read and our update (SQLite reads do not
    # lock): the update re-checks each row and says which ones are ours.
    for start in range(0, len(candidates), limit):
        taken = session.execute(
            update(Message)
            .where(
                col(Message.id).in_(candidates[start : start + limit]),
                claimable,
                col(Message.state).in_(WAITING_STATES),
            )
            .values(claimed_by=me, claimed_at=utcnow())
            .returning(col(Message.id))
            .execution_options(synchronize_session=False)
        )
        ours = set(taken.scalars().all())
        if ours:
            session.commit()
            return [pk for pk in candidates if pk in ours]
    session.rollback()
    return []


def release(session: Session, message_pk: int) -> None:
    """Give a claimed message back (graceful shutdown, or done)."""
    session.execute(
        update(Message)
        .where(col(Message.id) == message_pk)
        .values(claimed_by=None, claimed_at=None)
    )
    session.commit()


def process_pending(
    engine: Engine,
    *,
    model: TriageModel,
    settings: Settings,
    limit: int | None = None,
    on_done: Callable[[Message], None] | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Process waiting messages until none is left (or `limit`, or `stop`); return how many."""
    me = worker_id()
    # A quick model takes a few messages per claim (one commit for them all); a slow one
    # (an LLM) one at a time, so other workers are not kept waiting behind its calls.
    batch = 1 if acts_as_it_triages(model) else CLAIM_BATCH
    done = 0
    while (limit is None or done < limit) and not (stop is not None and stop.is_set()):
        with Session(engine, expire_on_commit=False) as session:
            wanted = batch if limit is None else min(batch, limit - done)
            claimed = claim_batch(session, me, wanted)
            if not claimed:
                return done
            for position, message_pk in enumerate(claimed):
                if stop is not None and stop.is_set():
                    for left in claimed[position:]:  # not started: give them back
                        release(session, left)
                    return done
                # Each message reads the records afresh, as if in a session of its own.
                session.expire_all()
                message = session.get(Message, message_pk)
                if message is None or message.state not in WAITING_STATES:
                    release(session, message_pk)
                    continue
                if not _advance(session, message, model=model, settings=settings):
                    break  # the database failed: claim again (our own claims come first)
                done += 1
                if on_done is not None:
                    on_done(message)
    return done


def _advance(session: Session, message: Message, *, model: TriageModel, settings: Settings) -> bool:
    """One message through the pipeline; False when the database failed under it."""
    message_pk = message.id or 0
    try:
        advance_message(session, message, model=model, settings=settings)
    except (OperationalError, InterfaceError):
        # The database itself failed, not the message: leave it claimed by us (we take it
        # again first); if the database is down, the next claim raises and the caller
        # waits for it.
        with contextlib.suppress(DBAPIError):
            session.rollback()
        log.warning(
            "database error while processing; trying again", extra={"message_pk": message_pk}
        )
        time.sleep(0.5)
        return False
    except Exception as exc:
        # A bug or an outage must not lose the message: keep it, say why, move on.
        log.exception("processing failed", extra={"message_pk": message_pk})
        session.rollback()
        _mark_failed(session, message_pk, f"{type(exc).__name__}: {exc}")
        release(session, message_pk)
        return True
    if message.claimed_by is not None:  # the pipeline's last commit released it
        release(session, message_pk)
    return True


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
    engine: Engine,
    *,
    model: TriageModel,
    settings: Settings,
    idle_s: float = 0.5,
    stop: threading.Event | None = None,
    periodic: Callable[[], object] | None = None,
    concurrency: int = 1,
) -> None:
    """Process the backlog, then wait for mail; SIGTERM finishes the messages in hand, then stops.

    An idle worker wakes when mail is announced (PostgreSQL's NOTIFY, records/wakeup.py)
    or after `idle_s`, whichever comes first; on SQLite it polls every `idle_s`.

    `concurrency` threads each claim and process messages, so a slow model (an LLM answering
    in a second) keeps that many calls in flight instead of one. `periodic` (the schedules:
    promise follow-up, hold expiry, webhooks) runs at most every
    `settings.schedule_interval_s`, between messages, on the first thread.
    """
    stop = stop or threading.Event()
    wakeup = Wakeup(engine)
    if threading.current_thread() is threading.main_thread():

        def _stop(_sig: int, _frame: FrameType | None) -> None:
            log.info("stopping after the messages in hand")
            stop.set()

        signal.signal(signal.SIGTERM, _stop)
        signal.signal(signal.SIGINT, _stop)
    # Before the first claim: a message waiting on a cold model (a second or more) could
    # have gone to a warm worker instead.
    warm_up(model, settings)
    threads = [
        threading.Thread(
            target=_loop,
            args=(engine, model, settings, idle_s, wakeup, stop, periodic if n == 0 else None),
            name=f"worker-{n}",
            daemon=True,
        )
        for n in range(max(concurrency, 1))
    ]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads):
        if stop.is_set():
            wakeup.close()  # idle threads stop waiting for mail
        for thread in threads:
            thread.join(0.2)
    wakeup.close()


def _loop(
    engine: Engine,
    model: TriageModel,
    settings: Settings,
    idle_s: float,
    wakeup: Wakeup,
    stop: threading.Event,
    periodic: Callable[[], object] | None,
) -> None:
    last_periodic = float("-inf")
    outage = 0.0
    while not stop.is_set():
        if (
            periodic is not None
            and time.monotonic() - last_periodic >= settings.schedule_interval_s
        ):
            last_periodic = time.monotonic()
            try:
                periodic()
            except Exception:  # a failing schedule must not stop message processing
                log.exception("periodic jobs failed")
        since = wakeup.mark()  # mail announced while we look is not waited past
        try:
            done = process_pending(engine, model=model, settings=settings, stop=stop)
        except DBAPIError as exc:
            # The database is down or unreachable: wait and try again. A message claimed
            # when it went is retaken when its lease expires; nothing is lost.
            outage = min(outage * 2 or 1.0, 30.0)
            log.warning(
                "database unavailable, retrying in %.0f s: %s", outage, type(exc.orig).__name__
            )
            stop.wait(outage)
            continue
        outage = 0.0
        if done == 0:
            wakeup.wait(idle_s, since)
