"""Idle workers wake when mail is announced (LISTEN/NOTIFY) and stop at once when told."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from agent.worker import run_forever
from arinbox.ingest import requeue_failed
from arinbox.settings import Settings
from records.inbox import Message, MessageState
from records.store import store_raw_message
from records.wakeup import Wakeup, announce
from tests.connectors.conftest import wait_for
from tests.utils.mail import build_raw
from tests.utils.models import FixedTriage

NOTIFY_ONLY = "LISTEN/NOTIFY exists on the networked database only; runs in the second pass"


def _needs_notify(engine: Engine) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip(NOTIFY_ONLY)


def _store(engine: Engine, n: int) -> int:
    with Session(engine) as session:
        message, _ = store_raw_message(
            session, build_raw(message_id=f"<wake{n}@acme.example>"), source="imap"
        )
        session.commit()
        return message.id or 0


def _state(engine: Engine, message_pk: int) -> str:
    with Session(engine) as session:
        message = session.get(Message, message_pk)
        assert message is not None
        return message.state


def _listening(engine: Engine) -> Wakeup:
    """A Wakeup past its start (on PostgreSQL: listening, its own first wake spent)."""
    wakeup = Wakeup(engine)
    if engine.dialect.name == "postgresql":
        wait_for(lambda: wakeup.listens, timeout=10, what="LISTEN in place")
        wakeup.wait(0.5)  # the wake it gives itself on connecting
    return wakeup


def _slow_polling_worker(
    engine: Engine, settings: Settings, stop: threading.Event
) -> threading.Thread:
    """A worker thread (not started) that polls once a minute: only a notice wakes it sooner."""
    return threading.Thread(
        target=run_forever,
        args=(engine,),
        kwargs={"model": FixedTriage("other"), "settings": settings, "stop": stop, "idle_s": 60},
        daemon=True,
    )


def test_a_wake_between_looking_and_waiting_is_not_waited_past(engine: Engine) -> None:
    wakeup = _listening(engine)
    try:
        assert wakeup.wait(0.05) is False  # nothing announced: the timeout ends it
        since = wakeup.mark()
        wakeup.wake()  # mail came while the worker was still looking
        started = time.monotonic()
        assert wakeup.wait(30, since) is True
        assert time.monotonic() - started < 1
    finally:
        wakeup.close()


def test_an_idle_worker_stops_at_once_whatever_its_poll_interval(
    engine: Engine, settings: Settings, ledger: dict
) -> None:
    stop = threading.Event()
    worker = _slow_polling_worker(engine, settings, stop)
    worker.start()
    time.sleep(0.5)  # the backlog is empty: the worker is waiting
    stop.set()
    worker.join(timeout=5)
    assert not worker.is_alive()


def test_an_idle_worker_wakes_when_mail_is_stored(
    engine: Engine, settings: Settings, ledger: dict
) -> None:
    _needs_notify(engine)
    stop = threading.Event()
    worker = _slow_polling_worker(engine, settings, stop)
    first = _store(engine, 1)
    worker.start()
    try:
        wait_for(lambda: _state(engine, first) != MessageState.received, what="the first message")
        time.sleep(1.0)  # nothing left: the worker waits
        second = _store(engine, 2)
        started = time.monotonic()
        wait_for(
            lambda: _state(engine, second) != MessageState.received,
            timeout=10,
            what="the second message",
        )
        assert time.monotonic() - started < 10
    finally:
        stop.set()
        worker.join(timeout=10)
    assert not worker.is_alive()


def test_the_notice_comes_with_the_commit_and_not_with_a_rollback(engine: Engine) -> None:
    _needs_notify(engine)
    wakeup = _listening(engine)
    try:
        with Session(engine) as session:
            since = wakeup.mark()
            announce(session)
            assert wakeup.wait(0.5, since) is False  # not before the commit
            session.rollback()
        assert wakeup.wait(0.5, since) is False  # and never for a rollback
        _store(engine, 3)
        assert wakeup.wait(10, since) is True
    finally:
        wakeup.close()


def test_mail_for_another_schema_does_not_wake_us(engine: Engine) -> None:
    _needs_notify(engine)
    wakeup = _listening(engine)
    try:
        with Session(engine) as session:
            since = wakeup.mark()
            session.execute(text("SET LOCAL search_path TO public"))
            announce(session)  # another installation's mail, in the same database
            session.commit()
        assert wakeup.wait(1.0, since) is False
    finally:
        wakeup.close()


def test_putting_failed_mail_back_wakes_the_workers(engine: Engine) -> None:
    _needs_notify(engine)
    message_pk = _store(engine, 4)
    with Session(engine) as session:
        message = session.get(Message, message_pk)
        assert message is not None
        message.state = MessageState.failed
        session.add(message)
        session.commit()
    wakeup = _listening(engine)
    try:
        since = wakeup.mark()
        assert requeue_failed(engine, message_pk) == 1
        assert wakeup.wait(10, since) is True
    finally:
        wakeup.close()
