"""A database of its own for one benchmark run: a SQLite file, or a PostgreSQL schema.

On PostgreSQL the run gets a fresh schema (reached through `search_path` in the URL, so
worker processes find it too) and drops it at the end, so no run leaves tables behind.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from records.db import make_engine


def create_own_schema(url: str) -> str:
    """The URL to use: `url` itself for SQLite, else one scoped to a new schema."""
    if url.startswith("sqlite"):
        return url
    schema = f"bench_{int(time.time())}_{uuid.uuid4().hex[:6]}"
    _execute(url, f'CREATE SCHEMA "{schema}"')
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema}"


def drop_own_schema(url: str, scoped: str) -> None:
    """Drop the schema `create_own_schema` made (nothing to do for SQLite)."""
    if scoped == url:
        return
    schema = scoped.rsplit("search_path%3D", 1)[1]
    _execute(url, f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def _execute(url: str, statement: str) -> None:
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(statement)
    finally:
        engine.dispose()


@contextmanager
def own_database(url: str) -> Iterator[str]:
    """A URL for this run alone; its schema (PostgreSQL) is dropped on exit."""
    scoped = create_own_schema(url)
    try:
        yield scoped
    finally:
        drop_own_schema(url, scoped)
