"""The migrations and the models describe one schema.

A database is built by the migrations (`records.db.migrate`), while the code, and any
future `alembic revision --autogenerate`, reads the models (`SQLModel.metadata`). Alembic's
autogenerate comparison of the two must find nothing: every table, column, type, nullability,
server default, index and constraint the migrations make is declared on a model, and the
other way round. Runs on SQLite and, with ARINBOX_TEST_DATABASE_URL set, on PostgreSQL.
"""

from __future__ import annotations

import pprint
import re
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.schema import CreateIndex
from sqlmodel import SQLModel

import records.models  # noqa: F401  (registers every table on SQLModel.metadata)
from records.db import alembic_config, made_on, migrate


def _shown(value: Any) -> str:
    """A server default or type as SQL text, not as an object's address."""
    value = getattr(value, "arg", value)  # a DefaultClause's text
    return repr(getattr(value, "text", value))


def _readable(diff: list[Any], dialect: Dialect) -> str:
    """Alembic's diff, a line per difference (column changes come as lists of tuples)."""
    lines = []
    for change in [c for item in diff for c in (item if isinstance(item, list) else [item])]:
        kind, *rest = change
        if kind in ("add_index", "remove_index"):
            lines.append(f"{kind}: {CreateIndex(rest[0]).compile(dialect=dialect)}")
        elif kind in ("add_table", "remove_table"):
            lines.append(f"{kind}: {rest[0].name}")
        elif kind in ("add_column", "remove_column"):
            _schema, table, column = rest
            lines.append(f"{kind}: {table}.{column.name} {column.type}")
        elif kind.startswith("modify_"):
            _schema, table, column, _existing, migrated, modelled = rest
            lines.append(
                f"{kind}: {table}.{column}: {_shown(migrated)} (migrations), "
                f"{_shown(modelled)} (models)"
            )
        else:
            lines.append(f"{kind}: {rest!r}")
    return "\n".join(lines)


def test_the_migrated_schema_is_the_models_schema(engine: Engine) -> None:
    migrate(engine)  # the fixture's database is migrated already; this is a no-op then
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                # No false positive on either database: the custom types (Money,
                # UTCDateTime) compare as what they render on each. (Alembic lets a
                # VARCHAR without a length in the database match any length on a model.)
                "compare_type": True,
                "compare_server_default": True,
                "include_object": made_on(connection),
            },
        )
        diff = compare_metadata(context, SQLModel.metadata)
    assert not diff, (
        f"the migrations and the models differ on {engine.dialect.name} "
        "(add: only the models have it; remove: only the migrations make it):\n"
        + _readable(diff, engine.dialect)
    )


def _statement(sql: str) -> str:
    """A CREATE INDEX statement without the spacing and quoting that do not change it."""
    return re.sub(r'[\s"`\[\]]', "", sql)


def test_sqlite_indexes_have_the_models_order_and_conditions(engine: Engine) -> None:
    """On SQLite alembic compares an index's column names only: SQLite's reflection drops a
    column's DESC, and a partial index's WHERE is not compared. SQLite keeps each index's
    CREATE statement, which must be the one the model's index compiles to."""
    if engine.dialect.name != "sqlite":
        pytest.skip("reads SQLite's stored CREATE statements; the test above covers the rest")
    with engine.connect() as connection:
        stored: dict[str, str] = dict(
            connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            ).all()
        )
    modelled = {
        str(index.name): str(CreateIndex(index).compile(dialect=sqlite.dialect()))
        for table in SQLModel.metadata.sorted_tables
        for index in table.indexes
        if index._ddl_if is None or index._ddl_if.dialect in (None, "sqlite")
    }
    differ = {
        name: {"migrations": stored.get(name), "models": modelled.get(name)}
        for name in stored.keys() | modelled.keys()
        if _statement(stored.get(name) or "") != _statement(modelled.get(name) or "")
    }
    assert differ == {}, "indexes the migrations and the models make differently:\n" + (
        pprint.pformat(differ, width=100)
    )


def test_the_migrations_end_in_one_head(engine: Engine) -> None:
    script = ScriptDirectory.from_config(alembic_config(str(engine.url)))
    assert len(script.get_heads()) == 1  # `alembic upgrade head` needs exactly one
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_heads()
    assert set(current) == set(script.get_heads())
