"""`arinbox user add` and `arinbox user token`, run through typer's CliRunner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select
from typer.testing import CliRunner

from api.users import authenticate, user_for_token
from arinbox.cli import app
from arinbox.settings import get_settings
from records.db import make_engine
from records.inbox import User


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("ARINBOX_DATABASE_URL", url)
    monkeypatch.setenv("ARINBOX_ENVIRONMENT", "test")
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_user_add_and_token(cli_env: str) -> None:
    runner = CliRunner()
    r = runner.invoke(
        app, ["user", "add", "carol", "--role", "manager", "--password", "s3cret-pass"]
    )
    assert r.exit_code == 0, r.output
    assert "carol" in r.output
    r = runner.invoke(app, ["user", "add", "dave"], input="another-pass\nanother-pass\n")
    assert r.exit_code == 0, r.output
    dup = runner.invoke(app, ["user", "add", "carol", "--password", "s3cret-pass"])
    assert dup.exit_code == 2
    bad = runner.invoke(app, ["user", "add", "erin", "--role", "king", "--password", "s3cret-pass"])
    assert bad.exit_code == 2
    r = runner.invoke(app, ["user", "token", "carol", "erp-sync"])
    assert r.exit_code == 0, r.output
    value = r.output.strip()
    assert value.startswith("arb_")

    engine = make_engine(cli_env)
    with Session(engine) as session:
        carol = session.exec(select(User).where(User.username == "carol")).one()
        assert carol.role == "manager" and carol.password_hash.startswith("$argon2")
        assert authenticate(session=session, username="dave", password="another-pass")
        assert authenticate(session=session, username="dave", password="wrong") is None
        found = user_for_token(session=session, token=value)
        assert found is not None and found.username == "carol"
    engine.dispose()
