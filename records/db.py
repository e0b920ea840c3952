"""The engine, sessions and schema migrations.

Migrations are Alembic revisions shipped inside the package (`records/migrations`), run
programmatically so `arinbox` brings its own schema up to date on start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Index, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.schema import CreateIndex, SchemaItem
from sqlmodel import Session, create_engine

import records.models  # noqa: F401  (registers every table on SQLModel.metadata)
from records.sqlite_gate import GatedConnection, before_write, gate_path

MIGRATIONS = Path(__file__).parent / "migrations"


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`.

    SQLite gets WAL, a busy timeout and a writer gate (records/sqlite_gate.py), so workers,
    the listener and the API take turns to write without sleeping past their turn.
    """
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        on_disk = bool(path) and path != ":memory:"
        if on_disk:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        connect_args = {"check_same_thread": False, "timeout": 30, "factory": GatedConnection}
        engine = create_engine(url, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        if on_disk:
            gate = str(gate_path(path))
            event.listen(engine, "connect", lambda dbapi, _rec: setattr(dbapi, "gate_file", gate))
            event.listen(engine, "before_cursor_execute", before_write)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    # WAL with NORMAL sync cannot corrupt the file; a power cut may only lose the newest
    # commits, which IMAP (not yet acknowledged) and idempotent effects make good again.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (every branch head)."""
    cfg = alembic_config(engine.url.render_as_string(hide_password=False))
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, "heads")


@lru_cache
def engine_for(url: str, pool_size: int = 10) -> Engine:
    """One engine per URL per process, migrated on first use.

    `pool_size` bounds the PostgreSQL connections kept open; a worker running N messages at
    once needs at least N (SQLite has no pool to size).
    """
    kwargs = {} if url.startswith("sqlite") else {"pool_size": pool_size, "max_overflow": 10}
    engine = make_engine(url, **kwargs)
    migrate(engine)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session committed on success and rolled back on error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def made_on(connection: Connection) -> Callable[..., bool]:
    """Alembic's include_object hook: a model index made only on other databases is left out
    (autogenerate and the test that compares the models with the migrations use it).

    An index declared with `.ddl_if(dialect=...)` (`ix_triageresult_intents` is SQLite's
    only) is not created on the others, but alembic does not read that condition. Nothing
    else is left out: the comparison already skips alembic's own `alembic_version` table.
    """

    def include(
        item: SchemaItem, name: str | None, kind: str, reflected: bool, compare_to: Any
    ) -> bool:
        condition = getattr(item, "_ddl_if", None)  # what `.ddl_if(...)` recorded
        if reflected or condition is None:
            return True
        if not isinstance(item, Index):
            raise TypeError(f"{item!r} has a ddl_if condition nothing reads")
        return bool(condition._should_execute(CreateIndex(item), item, connection))

    return include
