"""The SQLite writer gate: taken by a write, given back when the transaction ends."""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from records.db import make_engine
from records.sqlite_gate import GatedConnection, gate_path


@pytest.fixture
def database(tmp_path: Path) -> Iterator[tuple[Engine, Path]]:
    path = tmp_path / "gate.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))
    yield engine, gate_path(str(path))
    engine.dispose()


def _gated(conn: Connection) -> GatedConnection:
    dbapi = conn.connection.dbapi_connection
    assert isinstance(dbapi, GatedConnection)
    return dbapi


def _gate_is_free(gate: Path) -> bool:
    """Whether another descriptor could take the gate now (and it lets go at once)."""
    fd = os.open(gate, os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


@pytest.mark.parametrize("end", ["commit", "rollback", "close"])
def test_a_write_holds_the_gate_until_its_transaction_ends(
    database: tuple[Engine, Path], end: str
) -> None:
    engine, gate = database
    conn = engine.connect()
    conn.execute(text("SELECT count(*) FROM note")).scalar_one()
    assert not _gated(conn).holds_gate  # reading takes nothing
    conn.execute(text("INSERT INTO note (body) VALUES ('a')"))
    assert _gated(conn).holds_gate
    assert not _gate_is_free(gate)
    dbapi = _gated(conn)
    getattr(conn, end)()
    assert not dbapi.holds_gate
    assert _gate_is_free(gate)
    conn.close()
    with engine.connect() as check:
        kept = check.execute(text("SELECT count(*) FROM note")).scalar_one()
    assert kept == (1 if end == "commit" else 0)


def test_a_second_writer_waits_at_the_gate_not_inside_sqlite(
    database: tuple[Engine, Path],
) -> None:
    engine, _gate = database
    first = engine.connect()
    first.execute(text("INSERT INTO note (body) VALUES ('first')"))
    second = engine.connect()
    waiting = _gated(second)
    wrote = threading.Event()

    def write() -> None:
        second.execute(text("INSERT INTO note (body) VALUES ('second')"))
        wrote.set()

    writer = threading.Thread(target=write)
    writer.start()
    assert not wrote.wait(0.3)  # held at the gate while the first writes
    # It has not begun a transaction: SQLite's busy handler (naps of up to 100 ms) is
    # not where it waits.
    assert not waiting.in_transaction and not waiting.holds_gate
    first.commit()
    assert wrote.wait(5)
    writer.join()
    assert waiting.holds_gate
    second.commit()
    first.close()
    second.close()
    with engine.connect() as check:
        bodies = check.execute(text("SELECT body FROM note ORDER BY id")).scalars().all()
    assert bodies == ["first", "second"]


def test_a_thread_does_not_wait_for_the_gate_it_holds(tmp_path: Path) -> None:
    """Two connections of one thread: the second goes straight to SQLite's own lock."""
    path = tmp_path / "gate.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)"))
    first = engine.connect()
    first.execute(text("INSERT INTO note (body) VALUES ('first')"))
    second = engine.connect()
    _gated(second).gate_wait_s = 60.0  # would outlast the test if it waited for itself
    second.exec_driver_sql("PRAGMA busy_timeout=100")
    with pytest.raises(OperationalError, match="locked"):
        second.execute(text("INSERT INTO note (body) VALUES ('second')"))
    assert not _gated(second).holds_gate
    second.close()
    first.commit()
    first.close()
    engine.dispose()


def test_a_gate_held_elsewhere_too_long_is_passed_by(database: tuple[Engine, Path]) -> None:
    """Someone keeps the lock file (and not SQLite): the writer goes on after its wait."""
    engine, gate = database
    squatter = os.open(gate, os.O_RDWR | os.O_CREAT)
    fcntl.flock(squatter, fcntl.LOCK_EX)
    try:
        with engine.connect() as conn:
            _gated(conn).gate_wait_s = 0.2
            conn.execute(text("INSERT INTO note (body) VALUES ('anyway')"))
            assert not _gated(conn).holds_gate
            conn.commit()
    finally:
        os.close(squatter)
    with engine.connect() as check:
        assert check.execute(text("SELECT count(*) FROM note")).scalar_one() == 1


def test_an_in_memory_database_has_no_gate() -> None:
    engine = make_engine("sqlite:///:memory:")
    with engine.connect() as conn:
        conn.execute(text("CREATE TABLE note (id INTEGER PRIMARY KEY)"))
        conn.execute(text("INSERT INTO note DEFAULT VALUES"))
        assert not _gated(conn).holds_gate
        conn.commit()
    engine.dispose()
