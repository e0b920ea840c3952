"""The accounts' directory: cached per process, never stale after the accounts change."""

from __future__ import annotations

import copy
from datetime import UTC, datetime

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from agent.directory import _STAMP, directory
from agent.match import match_account
from agent.schema import ParsedMessage
from connectors.ledger_import import import_ledger_json
from records.ledger import Account
from tests.utils.plans import sqlite_plan


def _acme(ledger: dict) -> dict:
    return next(a for a in ledger["accounts"] if a["id"] == "ACME")


def test_domains_names_and_customer_numbers_are_found(session: Session, ledger: dict) -> None:
    found = directory(session)
    assert found.accounts_for_domain("ACME.example") == ("ACME",)
    assert found.accounts_for_domain("nowhere.example") == ()
    assert found.by_customer_number[_acme(ledger)["customer_number"]] == ("ACME",)
    # "Acme Corp" is too short a name to look for in running text (under five letters).
    assert "ACME" not in found.accounts_named("Acme Corp wrote to us")


def test_an_imported_change_is_seen_by_the_next_transaction(session: Session, ledger: dict) -> None:
    assert directory(session).accounts_for_domain("acme-group.example") == ()
    session.commit()
    changed = copy.deepcopy(ledger)
    acme = _acme(changed)
    acme["domains"] = [*acme["domains"], "acme-group.example"]
    acme["name"] = "Acme Industrial Holdings Ltd"
    import_ledger_json(session, changed)
    session.commit()

    found = directory(session)
    assert found.accounts_for_domain("acme-group.example") == ("ACME",)
    assert found.accounts_named("a note from acme industrial holdings about it") == ["ACME"]
    parsed = ParsedMessage(
        from_addr="clerk@acme-group.example",
        subject="Invoice",
        new_text="Hi",
        received_at=datetime(2026, 11, 23, 12, 0, tzinfo=UTC),
    )
    match, _ = match_account(session, parsed)
    assert match.account_id == "ACME" and match.verified and match.method == "domain"


def test_one_check_per_transaction(session: Session, ledger: dict) -> None:
    statements: list[str] = []
    bind = session.get_bind()

    def count(*args: object) -> None:
        statements.append(str(args[2]))

    directory(session)  # the transaction's check
    event.listen(bind, "before_cursor_execute", count)
    try:
        directory(session)
        directory(session)
        assert statements == []  # asked again in the same transaction: nothing read
        session.commit()
        directory(session)
        assert len(statements) == 1  # a new transaction checks once, reads nothing more
    finally:
        event.remove(bind, "before_cursor_execute", count)


def test_a_deleted_account_is_gone_once_the_directory_is_old(
    session: Session, ledger: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deletion need not move the stamp: neither the latest change nor an end of the ids."""
    old = datetime(2020, 1, 1, tzinfo=UTC)
    session.add(Account(id="BEE", name="Bee Trading GmbH", domains=["bee.example"], updated_at=old))
    session.commit()
    assert "BEE" not in directory(session).key  # between ACME and LUMI, changed long ago
    session.commit()
    assert directory(session).accounts_for_domain("bee.example") == ("BEE",)
    session.commit()
    stamp = directory(session).key
    session.commit()
    session.execute(text("DELETE FROM account WHERE id = 'BEE'"))
    session.commit()
    assert directory(session).key == stamp  # the check cannot see this deletion
    assert directory(session).accounts_for_domain("bee.example") == ("BEE",)
    session.commit()
    monkeypatch.setattr("agent.directory.MAX_AGE_S", 0.0)
    assert directory(session).accounts_for_domain("bee.example") == ()


def test_the_change_check_reads_indexes_not_the_accounts(
    engine: Engine, session: Session, ledger: dict
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("the plan is read on SQLite; the other planner picks by table statistics")
    plan = sqlite_plan(engine, lambda: session.exec(_STAMP).one(), "account.updated_at")
    assert "SCAN account" not in plan  # every lookup is a SEARCH of an index
    assert "ix_account_updated_at" in plan
