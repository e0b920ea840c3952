"""PostgreSQL unreachable for a while: the worker waits, then the backlog drains.

The worker reaches PostgreSQL through a loopback TCP proxy that the test switches off
(every open connection cut, new ones refused) and on again, mid-backlog.

Nothing here may outlive the test: a proxied connection left idle in a transaction keeps
its locks, and the schema's DROP at teardown would wait for it for ever (it once hung CI).
So the proxy closes every socket it ever opened, the worker's sessions time out when idle
in a transaction, the engines are disposed, the backends still named after this test are
terminated, and the DROP gives up after a lock timeout instead of waiting.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, col, func, select

from agent.worker import run_forever
from arinbox.settings import Settings
from connectors.ledger_import import import_ledger_json
from records.db import make_engine, migrate
from records.inbox import Message, MessageState, TriageResult
from tests.conftest import FIXTURES
from tests.reliability.conftest import store_workload
from tests.reliability.records_check import assert_exactly_once
from tests.utils.models import FixedTriage

PG = os.environ.get("ARINBOX_TEST_DATABASE_URL")
N_MESSAGES = 40
# A session idle in a transaction longer than this is ended by the server itself.
IDLE_IN_TRANSACTION_MS = 5_000

# The suite's first pass runs on SQLite, which has no connection to cut.
pytestmark = pytest.mark.skipif(
    PG is None, reason="outage of a networked database; runs in the second pass"
)


class SwitchProxy:
    """Forwards loopback TCP to `target` while on; `off()` cuts every connection and
    refuses new ones until `on()`; `close()` ends it all.

    Every socket handed out (the client's side and ours to the target) is tracked until it
    is closed, so switching off or closing leaves no connection open behind the test.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.cut = 0  # connections cut by off() or close()
        self.refused = 0  # connections refused while off
        self._on = True
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port: int = self._listener.getsockname()[1]
        self._threads = [threading.Thread(target=self._accept, daemon=True)]
        self._threads[0].start()

    def off(self) -> None:
        with self._lock:
            self._on = False
            sockets, self._open = self._open, set()
            self.cut += len(sockets) // 2
        _close(*sockets)

    def on(self) -> None:
        with self._lock:
            self._on = True

    def close(self) -> None:
        self.off()
        # shutdown() wakes the thread blocked in accept(); close() alone would not.
        with contextlib.suppress(OSError):
            self._listener.shutdown(socket.SHUT_RDWR)
        self._listener.close()
        for thread in self._threads:
            thread.join(5)

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return  # closed
            with self._lock:
                refuse = not self._on
                if refuse:
                    self.refused += 1
                else:
                    self._open.add(client)
            if refuse:
                _close(client)
                continue
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                self._drop(client)
                continue
            with self._lock:
                switched_off = client not in self._open  # off() ran meanwhile and closed it
                if not switched_off:
                    self._open.add(upstream)
            if switched_off:
                _close(upstream)
                continue
            for src, dst in ((client, upstream), (upstream, client)):
                thread = threading.Thread(target=self._pipe, args=(src, dst), daemon=True)
                self._threads.append(thread)
                thread.start()

    def _pipe(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            self._drop(src, dst)  # one side gone: so is the other

    def _drop(self, *sockets: socket.socket) -> None:
        with self._lock:
            self._open.difference_update(sockets)
        _close(*sockets)


def _close(*sockets: socket.socket) -> None:
    for sock in sockets:
        # shutdown() first: it wakes a thread blocked in recv() on this socket.
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()


@dataclass
class OutageDatabase:
    url: str
    schema: str
    app: str  # application_name of every connection this test opens


def _drop_schema(admin: Engine, db: OutageDatabase) -> None:
    """DROP the schema without ever waiting for ever on a lock."""
    for _attempt in range(5):
        with admin.connect() as conn:
            # Whatever this test left connected (it should be nothing) is ended first.
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE application_name = :app AND pid <> pg_backend_pid()"
                ),
                {"app": db.app},
            )
            conn.commit()
            try:
                with conn.begin():
                    conn.execute(text("SET LOCAL lock_timeout = '5s'"))
                    conn.execute(text(f'DROP SCHEMA IF EXISTS "{db.schema}" CASCADE'))
                return
            except OperationalError:  # a lock still held: terminate again, then retry
                time.sleep(0.5)
    pytest.fail(f"schema {db.schema} could not be dropped: a lock was held for 25 s")


@pytest.fixture
def outage_db() -> Iterator[OutageDatabase]:
    assert PG is not None
    tag = uuid.uuid4().hex[:10]
    db = OutageDatabase(url=PG, schema=f"outage_{tag}", app=f"arinbox-outage-{tag}")
    admin = make_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{db.schema}"'))
    try:
        yield db
    finally:
        _drop_schema(admin, db)
        admin.dispose()


@pytest.fixture
def direct(outage_db: OutageDatabase) -> Iterator[Engine]:
    """The test's own way in: straight to PostgreSQL, never cut."""
    engine = make_engine(
        outage_db.url,
        connect_args={
            "options": f"-csearch_path={outage_db.schema}",
            "application_name": outage_db.app,
        },
    )
    migrate(engine)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def proxy(outage_db: OutageDatabase) -> Iterator[SwitchProxy]:
    url = make_url(outage_db.url)
    switch = SwitchProxy((url.host or "127.0.0.1", url.port or 5432))
    try:
        yield switch
    finally:
        switch.close()


@pytest.fixture
def via_proxy(outage_db: OutageDatabase, proxy: SwitchProxy) -> Iterator[Engine]:
    """The worker's way in, through the proxy."""
    url = make_url(outage_db.url).set(host="127.0.0.1", port=proxy.port)
    engine = make_engine(
        url.render_as_string(hide_password=False),
        connect_args={
            "options": (
                f"-csearch_path={outage_db.schema} "
                f"-cidle_in_transaction_session_timeout={IDLE_IN_TRANSACTION_MS}"
            ),
            "application_name": outage_db.app,
            "connect_timeout": 5,
        },
    )
    try:
        yield engine
    finally:
        proxy.close()  # before dispose: a cut connection cannot hang its own close
        engine.dispose()


def _count(engine: Engine, query: Any) -> int:
    with Session(engine) as session:
        return int(session.exec(query).one())


def _wait_until(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


def test_the_backlog_drains_after_the_database_comes_back(
    direct: Engine, via_proxy: Engine, proxy: SwitchProxy, settings: Settings
) -> None:
    with Session(direct) as session:
        import_ledger_json(session, json.loads((FIXTURES / "ledger.json").read_text()))
        session.commit()
    pks = store_workload(direct, N_MESSAGES)
    triaged = select(func.count()).select_from(TriageResult)
    waiting = (
        select(func.count())
        .select_from(Message)
        .where(col(Message.state).in_([MessageState.received, MessageState.parsed]))
    )

    stop = threading.Event()
    worker = threading.Thread(
        target=run_forever,
        kwargs={
            "engine": via_proxy,
            "model": FixedTriage("statement_request", delay_s=0.05),
            "settings": settings,
            "idle_s": 0.1,
            "stop": stop,
        },
        daemon=True,
    )
    worker.start()
    try:
        _wait_until(lambda: _count(direct, triaged) >= 5, 30, "the first messages")
        proxy.off()
        # A commit already on its way when the proxy was cut lands within moments.
        time.sleep(0.5)
        during = _count(direct, triaged)
        time.sleep(2.5)
        assert _count(direct, triaged) == during  # nothing gets through while it is down
        proxy.on()
        _wait_until(lambda: _count(direct, waiting) == 0, 60, "the backlog to drain")
    finally:
        stop.set()
        worker.join(30)
    assert not worker.is_alive()

    assert 5 <= during < N_MESSAGES  # the outage came mid-backlog
    assert proxy.cut >= 1 and proxy.refused >= 1  # it cut the worker off, and it tried again
    assert_exactly_once(direct, pks)
    with Session(direct) as session:
        # Triaged once: no message was triaged again after its attempt was cut short.
        per_message = Counter(session.exec(select(TriageResult.message_id)).all())
        assert per_message == Counter(dict.fromkeys(pks, 1))
        claimed = session.exec(select(Message.id).where(col(Message.claimed_by).is_not(None))).all()
        assert claimed == []
