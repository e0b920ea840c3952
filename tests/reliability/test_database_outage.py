"""PostgreSQL unreachable for a while: the worker waits, then the backlog drains.

The worker reaches PostgreSQL through a loopback TCP proxy that the test switches off
(every open connection cut, new ones refused) and on again, mid-backlog.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, func, select

from agent.context import AccountContext
from agent.references import Reference
from agent.schema import AccountMatch, ParsedMessage, Triage
from agent.worker import run_forever
from arinbox.settings import Settings
from connectors.ledger_import import import_ledger_json
from records.db import make_engine, migrate
from records.inbox import Message, TriageResult
from tests.conftest import FIXTURES
from tests.reliability.conftest import store_workload
from tests.reliability.records_check import assert_exactly_once

PG = os.environ.get("ARINBOX_TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"


class SwitchProxy:
    """Forwards loopback TCP to PostgreSQL while `up`; `down()` cuts and refuses."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.up = threading.Event()
        self.up.set()
        self._socks: list[socket.socket] = []
        self._lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def down(self) -> None:
        self.up.clear()
        with self._lock:
            for sock in self._socks:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self._socks.clear()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            server = socket.create_connection(self.target)
            with self._lock:
                self._socks += [client, server]
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.close()


class Statement:
    """A scripted triage: the outage is the subject here, not the model."""

    name = "local"
    version = "scripted"

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage:
        time.sleep(0.05)
        return Triage(intents=["statement_request"], confidence=0.9, language=parsed.language)


@pytest.fixture
def schema() -> Iterator[str]:
    name = f"outage_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{name}"'))
    yield name
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{name}" CASCADE'))
    admin.dispose()


def test_the_backlog_drains_after_the_database_comes_back(schema: str, settings: Settings) -> None:
    options: dict[str, Any] = {"connect_args": {"options": f"-csearch_path={schema}"}}
    direct = make_engine(PG, **options)
    migrate(direct)
    with Session(direct) as session:
        import_ledger_json(session, json.loads((FIXTURES / "ledger.json").read_text()))
        session.commit()
    pks = store_workload(direct, 40)

    proxy = SwitchProxy(("127.0.0.1", 5432))
    via_proxy = make_engine(PG.replace("127.0.0.1:5432", f"127.0.0.1:{proxy.port}"), **options)
    stop = threading.Event()
    worker = threading.Thread(
        target=run_forever,
        kwargs={
            "engine": via_proxy,
            "model": Statement(),
            "settings": settings,
            "idle_s": 0.1,
            "stop": stop,
        },
        daemon=True,
    )
    worker.start()

    def triaged() -> int:
        with Session(direct) as session:
            return session.exec(select(func.count()).select_from(TriageResult)).one()

    deadline = time.monotonic() + 60
    while triaged() < 5 and time.monotonic() < deadline:
        time.sleep(0.05)
    proxy.down()
    during = triaged()
    time.sleep(3)
    assert triaged() == during  # nothing gets through while it is down
    proxy.up.set()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        with Session(direct) as session:
            waiting = session.exec(
                select(func.count())
                .select_from(Message)
                .where(col(Message.state).in_(["received", "parsed"]))
            ).one()
        if waiting == 0:
            break
        time.sleep(0.2)
    stop.set()
    worker.join(30)
    assert 5 <= during < 40
    assert_exactly_once(direct, pks)
    via_proxy.dispose()
    direct.dispose()
