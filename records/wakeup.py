"""Waking idle workers when mail waits: PostgreSQL's LISTEN/NOTIFY, polling elsewhere.

The transaction that stores a message (or puts a failed one back) announces it; on
PostgreSQL that is a NOTIFY, which the server delivers at commit, so a worker never
wakes before the row is there to claim. A worker with nothing to do waits on a
`Wakeup`: one thread per process LISTENs and wakes every waiting worker thread at once.
The wait still ends after the poll interval, so a notice lost with a dropped connection
costs one interval at most, never a message. SQLite has no such channel: its workers
poll the local file, which costs little.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

log = logging.getLogger(__name__)
CHANNEL = "arinbox_inbox"
_RECONNECT_S = (0.5, 30.0)  # first and longest pause before listening again


def announce(session: Session) -> None:
    """Tell waiting workers, when this transaction commits, that messages wait."""
    if session.get_bind().dialect.name == "postgresql":
        # The payload is the schema, so two installations sharing a database (or tests
        # running side by side) wake only their own workers. The server folds the same
        # notice sent twice in one transaction into one.
        session.execute(text("SELECT pg_notify(:channel, current_schema())"), {"channel": CHANNEL})


class Wakeup:
    """Wait until messages are announced, or a timeout passes; `close` ends every wait.

    Use `mark()` before looking for work and `wait(timeout, since=mark)` after finding
    none: a notice that came in between ends the wait at once instead of being missed.
    """

    def __init__(self, engine: Engine) -> None:
        self._cond = threading.Condition()
        self._generation = 0
        self._closed = False
        self._listening = threading.Event()
        self._thread: threading.Thread | None = None
        if engine.dialect.name == "postgresql":
            self._thread = threading.Thread(
                target=self._listen, args=(engine,), name="arinbox-wakeup", daemon=True
            )
            self._thread.start()

    @property
    def listens(self) -> bool:
        """True while a LISTEN is in place (PostgreSQL, connected)."""
        return self._listening.is_set()

    def mark(self) -> int:
        with self._cond:
            return self._generation

    def wait(self, timeout: float, since: int | None = None) -> bool:
        """Wait up to `timeout` s for an announcement after `since`; True if one came."""
        with self._cond:
            start = self._generation if since is None else since
            return (
                self._cond.wait_for(lambda: self._generation != start or self._closed, timeout)
                and not self._closed
            )

    def wake(self) -> None:
        """Wake every waiting thread (what a notice does)."""
        with self._cond:
            self._generation += 1
            self._cond.notify_all()

    def close(self) -> None:
        """End every wait and stop listening; a second call does nothing."""
        with self._cond:
            if self._closed:
                return
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _listen(self, engine: Engine) -> None:
        pause = _RECONNECT_S[0]
        while not self._closed:
            try:
                self._listen_once(engine)
                pause = _RECONNECT_S[0]
            except Exception as exc:  # a dropped connection: poll meanwhile, then listen again
                self._listening.clear()
                log.warning("not listening for new mail (%s); polling meanwhile", exc)
                deadline = time.monotonic() + pause
                while not self._closed and time.monotonic() < deadline:
                    time.sleep(0.1)
                pause = min(pause * 2, _RECONNECT_S[1])

    def _listen_once(self, engine: Engine) -> None:
        # A connection of its own, outside the pool: it stays in LISTEN for the process's
        # life and must never be handed to a query.
        raw = engine.raw_connection()
        connection: Any = raw.driver_connection
        raw.detach()
        try:
            connection.autocommit = True
            row = connection.execute("SELECT current_schema()").fetchone()
            ours = row[0] if row else None
            connection.execute(f"LISTEN {CHANNEL}")
            self._listening.set()
            self.wake()  # anything announced before we listened is looked for now
            while not self._closed:
                for notice in connection.notifies(timeout=1.0, stop_after=1):
                    if notice.payload == ours:
                        self.wake()
        finally:
            self._listening.clear()
            raw.close()
