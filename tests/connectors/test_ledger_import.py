from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from arinbox.settings import Settings
from connectors.ledger_import import LedgerImportError, import_ledger_file
from records.ledger import Account, Contact, Invoice
from tests.conftest import FIXTURES
from tests.utils.processes import run_arinbox


def test_json_import_creates_accounts_contacts_invoices(session: Session) -> None:
    report = import_ledger_file(session, FIXTURES / "ledger.json")
    session.commit()
    assert report.accounts == 3
    assert report.invoices_created == 4
    acme = session.get(Account, "ACME")
    assert acme is not None and acme.domains == ["acme.example"]
    inv = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0047")).one()
    assert inv.open_amount == Decimal("830.50")
    assert isinstance(inv.amount, Decimal)


def test_reimport_updates_open_amount_without_duplicates(session: Session, tmp_path: Path) -> None:
    import_ledger_file(session, FIXTURES / "ledger.json")
    data = json.loads((FIXTURES / "ledger.json").read_text())
    data["accounts"][0]["invoices"][0]["open_amount"] = "250.00"
    changed = tmp_path / "ledger.json"
    changed.write_text(json.dumps(data))
    report = import_ledger_file(session, changed)
    session.commit()
    assert report.invoices_created == 0 and report.invoices_updated == 4
    assert len(session.exec(select(Invoice)).all()) == 4
    assert len(session.exec(select(Contact)).all()) == 3
    inv = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0012")).one()
    assert inv.open_amount == Decimal("250.00")


def test_csv_open_items(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "open_items.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "customer_id",
                "customer_name",
                "contact_email",
                "invoice_number",
                "issue_date",
                "due_date",
                "amount",
                "open_amount",
                "currency",
                "po_number",
            ]
        )
        writer.writerow(
            [
                "ZETA",
                "Zeta BV",
                "AP@Zeta.example",
                "Z-1",
                "2026-10-01",
                "2026-10-31",
                "1000.00",
                "400.00",
                "EUR",
                "PO-9",
            ]
        )
        writer.writerow(
            [
                "ZETA",
                "Zeta BV",
                "ap@zeta.example",
                "Z-2",
                "2026-10-05",
                "2026-11-04",
                "99.99",
                "99.99",
                "EUR",
                "",
            ]
        )
    report = import_ledger_file(session, path)
    session.commit()
    assert report.invoices_created == 2
    zeta = session.get(Account, "ZETA")
    assert zeta is not None and zeta.domains == ["zeta.example"]
    assert len(session.exec(select(Contact).where(Contact.account_id == "ZETA")).all()) == 1
    again = import_ledger_file(session, path)
    assert again.invoices_created == 0


def test_bad_amount_is_a_clear_error(session: Session, tmp_path: Path) -> None:
    data = json.loads((FIXTURES / "ledger.json").read_text())
    data["accounts"][0]["invoices"][0]["amount"] = "twelve"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data))
    with pytest.raises(LedgerImportError, match=r"accounts\[0\].invoices\[0\].amount"):
        import_ledger_file(session, path)


def test_the_planner_knows_the_imported_ledger_at_once(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    """After `arinbox ledger import` the planner's row counts are the ledger's, not guesses."""
    if engine.dialect.name != "postgresql":
        pytest.skip(
            "planner statistics are kept by the networked database; runs in the second pass"
        )
    data = json.loads((FIXTURES / "ledger.json").read_text())
    data["accounts"][0]["invoices"] += [
        {
            "number": f"PAID-{i:05d}",
            "issue_date": "2024-01-01",
            "due_date": "2024-01-31",
            "amount": "10.00",
            "open_amount": "0.00",
        }
        for i in range(3000)
    ]
    ledger = tmp_path / "ledger.json"
    ledger.write_text(json.dumps(data))

    printed = run_arinbox(settings, "ledger", "import", str(ledger))

    invoices = sum(len(account.get("invoices", [])) for account in data["accounts"])
    assert f"{invoices} invoices created" in printed
    with engine.connect() as connection:
        analysed, rows = connection.execute(
            text(
                "SELECT s.last_analyze IS NOT NULL, c.reltuples FROM pg_stat_user_tables s"
                " JOIN pg_class c ON c.oid = s.relid"
                " WHERE s.schemaname = current_schema() AND s.relname = 'invoice'"
            )
        ).one()
    assert analysed and rows >= 3000
