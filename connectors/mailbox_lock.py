"""One listener per mailbox at a time, with another taking over when it dies.

On PostgreSQL: a session advisory lock, held by a connection kept open for as long as
the listener runs; it is released by the server when that process dies, however it dies.
On SQLite (one machine): an exclusive `flock` on a file beside the database, which the
kernel releases the same way.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import threading
from pathlib import Path
from typing import IO, Any

from sqlalchemy import text
from sqlalchemy.engine import Engine

log = logging.getLogger(__name__)


def lock_key(name: str) -> int:
    """A stable signed 64-bit key for `name` (advisory locks take a bigint)."""
    digest = hashlib.blake2b(f"arinbox-listener:{name}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


class MailboxLock:
    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self.name = name
        self._connection: Any = None
        self._file: IO[bytes] | None = None

    def try_acquire(self) -> bool:
        if self.engine.dialect.name == "postgresql":
            connection = self.engine.connect()
            got = connection.execute(
                text("SELECT pg_try_advisory_lock(:key)"), {"key": lock_key(self.name)}
            ).scalar()
            connection.commit()  # the session lock outlives the transaction
            if got:
                self._connection = connection
                return True
            connection.close()
            return False
        path = self._lock_path()
        handle = path.open("ab")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.close()
            return False
        self._file = handle
        return True

    def acquire(self, stop: threading.Event, poll_s: float = 2.0) -> bool:
        """Wait for the lock (another listener may hold it); False when stopped first."""
        waiting_said = False
        while not stop.is_set():
            if self.try_acquire():
                log.info("mailbox lock taken", extra={"mailbox": self.name})
                return True
            if not waiting_said:
                log.info(
                    "another listener holds this mailbox; waiting to take over",
                    extra={"mailbox": self.name},
                )
                waiting_said = True
            stop.wait(poll_s)
        return False

    def release(self) -> None:
        if self._connection is not None:
            self._connection.close()  # ends the session: the advisory lock goes with it
            self._connection = None
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None

    def _lock_path(self) -> Path:
        database = self.engine.url.database or ""
        folder = Path(database).parent if database and database != ":memory:" else Path(".")
        safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in self.name)
        return folder / f".listener-{safe}.lock"
