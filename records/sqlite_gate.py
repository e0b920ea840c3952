"""One writer at a time on a SQLite file, handed over the moment it is free.

SQLite lets one connection write at a time. A connection that finds the file locked
waits in SQLite's busy handler, which sleeps 1, 2, 5, 10, 15, 20, 25 … 100 ms between
tries whatever happens meanwhile: two workers that each hold the write lock for 3 ms of
an 8 ms message spend half their time asleep (docs/mailbox.md has the figures).

The gate is a lock file beside the database (`arinbox.sqlite-writer`). A connection
takes it before its first write statement and gives it back when its transaction ends
(commit, rollback, close), so the next writer starts at once. It only orders writers
that all go through it: a writer that does not (the sqlite3 shell, another program) is
still waited out by SQLite's busy timeout, and a connection that cannot get the gate
within that timeout goes on without it, exactly as it would have without the gate. A
thread that already holds the gate through another connection does not wait for itself:
its second connection goes straight to SQLite, which says "database is locked" as before.
"""

from __future__ import annotations

import fcntl
import os
import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
# Short naps: the gate is held for a few milliseconds; a nap longer than that is the
# waste the gate is here to remove.
FIRST_NAP_S = 0.0001
LONGEST_NAP_S = 0.0005
_held: Counter[int] = Counter()  # gates held, by thread


def gate_path(database: str) -> Path:
    """The lock file of the SQLite file `database`."""
    return Path(f"{database}-writer")


class GatedConnection(sqlite3.Connection):
    """A sqlite3 connection that holds the file's writer gate while it writes."""

    gate_file: str | None = None
    gate_wait_s: float = 30.0
    _gate_fd: int | None = None
    _gate_thread: int = 0

    @property
    def holds_gate(self) -> bool:
        return self._gate_fd is not None

    def take_gate(self) -> None:
        """Hold the writer gate until this transaction ends (waits up to `gate_wait_s`)."""
        thread = threading.get_ident()
        if self.gate_file is None or self._gate_fd is not None or _held[thread]:
            return
        fd = os.open(self.gate_file, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = time.monotonic() + self.gate_wait_s
        nap = FIRST_NAP_S
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)  # SQLite's own busy timeout takes over from here
                    return
                time.sleep(nap)
                nap = min(nap * 2, LONGEST_NAP_S)
                continue
            self._gate_fd, self._gate_thread = fd, thread
            _held[thread] += 1
            return

    def give_gate(self) -> None:
        fd, self._gate_fd = self._gate_fd, None
        if fd is None:
            return
        os.close(fd)  # closing the descriptor releases the lock
        _held[self._gate_thread] -= 1
        if not _held[self._gate_thread]:
            del _held[self._gate_thread]

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self.give_gate()

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self.give_gate()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.give_gate()


def before_write(_conn: Any, cursor: Any, statement: str, *_args: Any, **_kwargs: Any) -> None:
    """SQLAlchemy's before_cursor_execute hook: a write statement takes the gate first."""
    connection = cursor.connection
    if isinstance(connection, GatedConnection) and statement.lstrip()[:7].upper().startswith(
        WRITES
    ):
        connection.take_gate()
