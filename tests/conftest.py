"""Shared fixtures: settings in a temp folder, a migrated database, the test ledger."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from arinbox.settings import Settings
from connectors.ledger_import import import_ledger_json
from records.db import make_engine, migrate

FIXTURES = Path(__file__).parent / "fixtures"
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _pg_url() -> str | None:
    """Set ARINBOX_TEST_DATABASE_URL to a PostgreSQL URL to run the suite on PostgreSQL."""
    return os.environ.get("ARINBOX_TEST_DATABASE_URL") or None


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        data_dir=tmp_path / "var",
        database_url=f"sqlite:///{tmp_path / 'arinbox.sqlite'}",
    )


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    pg = _pg_url()
    if pg is None:
        eng = make_engine(settings.resolved_database_url)
        migrate(eng)
        yield eng
        eng.dispose()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(pg)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(pg, connect_args={"options": f"-csearch_path={schema}"})
    migrate(eng)
    settings.database_url = pg
    yield eng
    eng.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def ledger(session: Session) -> dict:
    data = json.loads((FIXTURES / "ledger.json").read_text())
    import_ledger_json(session, data)
    session.commit()
    return data


@pytest.fixture(scope="session")
def corpora() -> Path:
    if not CORPORA.is_dir():
        pytest.fail(f"the shared corpora are missing at {CORPORA}")
    return CORPORA
