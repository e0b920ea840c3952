"""Claims: a message is held by exactly one worker, and a dead worker's lease expires."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from agent.schema import Triage
from agent.worker import LEASE, claim_batch, claim_next, process_pending, release, run_forever
from arinbox.settings import Settings
from records.inbox import Message
from records.store import store_raw_message
from records.types import utcnow
from tests.connectors.conftest import wait_for
from tests.utils.mail import build_raw
from tests.utils.models import FixedTriage
from tests.utils.plans import sqlite_plan


def _store(engine: Engine, n: int) -> None:
    with Session(engine) as session:
        for i in range(n):
            store_raw_message(session, build_raw(body=f"message {i}"), source="file")
        session.commit()


def test_concurrent_claims_never_share_a_message(engine: Engine) -> None:
    _store(engine, 40)
    claimed: list[int] = []
    lock = threading.Lock()

    def worker(name: str) -> None:
        with Session(engine, expire_on_commit=False) as session:
            while (message := claim_next(session, name)) is not None:
                with lock:
                    claimed.append(message.id or 0)
                # Simulate processing by moving it on, as the pipeline does.
                message.state = "closed"
                session.add(message)
                session.commit()

    threads = [threading.Thread(target=worker, args=(f"w{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(claimed) == 40 and len(set(claimed)) == 40


def test_a_claim_is_a_lease(engine: Engine) -> None:
    _store(engine, 1)
    with Session(engine, expire_on_commit=False) as session:
        first = claim_next(session, "dead-worker")
        assert first is not None
        assert claim_next(session, "other") is None  # held
        first.claimed_at = utcnow() - LEASE - timedelta(seconds=1)
        session.add(first)
        session.commit()
        again = claim_next(session, "other")  # the dead worker's lease expired
        assert again is not None and again.id == first.id and again.claimed_by == "other"
        release(session, again.id or 0)
        assert session.get(Message, again.id).claimed_by is None


class Exploding:
    name = "local"
    version = "boom"

    def triage(self, *args: object) -> object:
        raise RuntimeError("model bug")


def test_a_failure_keeps_the_message_failed_with_the_reason(
    engine: Engine, settings: Settings
) -> None:
    with Session(engine) as session:
        store_raw_message(session, build_raw(body="We will pay on Friday."), source="file")
        session.commit()
    done = process_pending(engine, model=Exploding(), settings=settings)  # type: ignore[arg-type]
    assert done == 1
    with Session(engine) as session:
        message = session.exec(select(Message)).one()
        assert message.state == "failed"
        assert "model bug" in (message.error or "") and message.claimed_by is None


class WarmedUp(FixedTriage):
    """Records when it was warmed up and when it first read a message."""

    def __init__(self, fail: bool = False) -> None:
        super().__init__("other")
        self.fail = fail
        self.events: list[str] = []

    def warm_up(self) -> None:
        self.events.append("warm_up")
        if self.fail:
            raise RuntimeError("memory unavailable")

    def triage(self, *args: Any) -> Triage:
        self.events.append("triage")
        return super().triage(*args)


@pytest.mark.parametrize("fail", [False, True], ids=["warm", "warm-up-fails"])
def test_a_worker_warms_its_model_up_before_it_claims_mail(
    engine: Engine, settings: Settings, fail: bool
) -> None:
    _store(engine, 1)
    model = WarmedUp(fail=fail)
    stop = threading.Event()
    worker = threading.Thread(
        target=run_forever,
        args=(engine,),
        kwargs={"model": model, "settings": settings, "stop": stop, "idle_s": 0.05},
        daemon=True,
    )
    worker.start()
    try:
        wait_for(lambda: "triage" in model.events, timeout=30)
    finally:
        stop.set()
        worker.join(timeout=30)
    # A failed warm-up is only logged: the message is still read.
    assert model.events == ["warm_up", "triage"]
    with Session(engine) as session:
        assert session.exec(select(Message)).one().state != "received"


def test_a_claim_reads_the_oldest_waiting_off_their_index(engine: Engine) -> None:
    """Not a sort of the whole backlog: the waiting messages' partial index, in order."""
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan is read on SQLite; the other planner picks by table statistics")
    _store(engine, 30)
    with Session(engine, expire_on_commit=False) as session:
        plan = sqlite_plan(engine, lambda: claim_batch(session, "w", 4), "ORDER BY")
        oldest = session.exec(select(Message.id).order_by(col(Message.id)).limit(4)).all()
        claimed = session.exec(select(Message.id).where(Message.claimed_by == "w")).all()
    # The partial index serves only a query that repeats its condition word for word.
    assert "USING INDEX ix_message_waiting" in plan
    assert "TEMP B-TREE" not in plan
    assert sorted(claimed) == sorted(oldest)
