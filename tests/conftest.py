"""Shared fixtures: settings in a temp folder, a migrated database, the test ledger."""

from __future__ import annotations

import json
import logging
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from arinbox.settings import Settings, get_settings
from connectors.ledger_import import import_ledger_json
from records.db import make_engine, migrate

FIXTURES = Path(__file__).parent / "fixtures"

# aiosmtpd's server threads log connection teardown after a test's log capture has
# closed; at WARNING they stay quiet instead of printing "Logging error" tracebacks.
logging.getLogger("mail.log").setLevel(logging.WARNING)
CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def _pg_url() -> str | None:
    """Set ARINBOX_TEST_DATABASE_URL to a PostgreSQL URL to run the suite on PostgreSQL."""
    return os.environ.get("ARINBOX_TEST_DATABASE_URL") or None


@pytest.fixture(autouse=True)
def _fresh_settings() -> Iterator[None]:
    """Commands read the process-wide settings; a test's environment must not outlive it."""
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        data_dir=tmp_path / "var",
        database_url=f"sqlite:///{tmp_path / 'arinbox.sqlite'}",
    )


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One migrated SQLite file per test process; each test gets a copy (migrating is slow)."""
    path = tmp_path_factory.mktemp("template") / "arinbox.sqlite"
    eng = make_engine(f"sqlite:///{path}")
    migrate(eng)
    with eng.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    eng.dispose()
    return path


@pytest.fixture(scope="session")
def _pg_schema() -> Iterator[tuple[str, str] | None]:
    """One migrated PostgreSQL schema per test process; tests truncate it, not rebuild it."""
    pg = _pg_url()
    if pg is None:
        yield None
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = make_engine(pg)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(
        pg, connect_args={"options": f"-csearch_path={schema} -csynchronous_commit=off"}
    )
    migrate(eng)
    eng.dispose()
    yield pg, schema
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def engine(
    settings: Settings, _sqlite_template: Path, _pg_schema: tuple[str, str] | None
) -> Iterator[Engine]:
    if _pg_schema is None:
        target = Path(settings.resolved_database_url.split("///", 1)[1])
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(_sqlite_template, target)
        eng = make_engine(settings.resolved_database_url)
        yield eng
        eng.dispose()
        return
    pg, schema = _pg_schema
    eng = make_engine(
        pg, connect_args={"options": f"-csearch_path={schema} -csynchronous_commit=off"}
    )
    # DELETE, not TRUNCATE: TRUNCATE waits for every open reader of a table to finish.
    with eng.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(table.delete())
        conn.execute(
            text(
                "SELECT setval(c.oid, 1, false) FROM pg_class c JOIN pg_namespace n "
                "ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND n.nspname = :schema"
            ),
            {"schema": schema},
        )
    settings.database_url = f"{pg}?options=-csearch_path%3D{schema}"
    yield eng
    eng.dispose()


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


@pytest.fixture(scope="session")
def built_model_dir(request: pytest.FixtureRequest) -> Path:
    """The local model artefact, built once and kept in pytest's cache between sessions."""
    from agent.local.model import load_local_model

    folder = Path(request.config.cache.mkdir("arinbox-local-model"))
    load_local_model(Settings(_env_file=None, environment="test", data_dir=folder))  # type: ignore[call-arg]
    return folder / "models"
