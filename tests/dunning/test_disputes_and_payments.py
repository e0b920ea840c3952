from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from sqlmodel import Session, select

from agent.disputes import DisputeError, assign_unrouted, resolve
from arinbox.ledger_watch import import_drops
from arinbox.settings import Settings
from connectors.dunning_export import COLUMNS, active_holds, expire_holds, holds_csv
from connectors.ledger_import import apply_payments
from records.ledger import Dispute, DunningHold, Invoice
from tests.conftest import FIXTURES
from tests.dunning.conftest import act, buyer_message


def _dispute(session: Session, settings: Settings, reason: str = "damaged") -> str:
    outcome = act(
        session,
        settings,
        buyer_message(session, "Goods arrived damaged."),
        "open_dispute",
        {"invoices": ["INV-2026-0047"], "reason": reason},
    )
    return str(outcome.result["disputes"][0]["reference"])


def test_disputes_are_routed_by_reason(session: Session, ledger: dict, settings: Settings) -> None:
    _dispute(session, settings, "damaged")
    assert assign_unrouted(session, settings) == 1
    assert session.exec(select(Dispute)).one().assigned_team == "logistics"
    assert assign_unrouted(session, settings) == 0


def test_resolution_ends_the_hold_and_drafts_the_notice(
    session: Session, ledger: dict, settings: Settings
) -> None:
    reference = _dispute(session, settings)
    draft = resolve(
        session,
        reference=reference,
        outcome="credited",
        actor="alice",
        settings=settings,
        credit_amount=Decimal("80.50"),
    )
    session.commit()
    assert draft is not None and draft.kind == "dispute_notice" and draft.state == "pending"
    assert reference in draft.body
    assert not draft.flagged, draft.flag_reason
    dispute = session.exec(select(Dispute)).one()
    assert dispute.status == "resolved" and dispute.outcome == "credited"
    assert not session.exec(select(DunningHold)).one().active
    with pytest.raises(DisputeError, match="already resolved"):
        resolve(session, reference=reference, outcome="confirmed", actor="alice", settings=settings)
    with pytest.raises(DisputeError, match="outcome"):
        resolve(session, reference=reference, outcome="waived", actor="a", settings=settings)


def test_payment_in_full_ends_holds_and_is_applied_once(
    session: Session, ledger: dict, settings: Settings
) -> None:
    _dispute(session, settings)
    payment = {"invoice_number": "INV-2026-0047", "amount": "830.50", "reference": "B-77"}
    report = apply_payments(session, [payment, {"invoice_number": "NOPE-1", "amount": "1"}])
    assert (report.applied, report.holds_ended, report.unknown_invoices) == (1, 1, ["NOPE-1"])
    again = apply_payments(session, [payment])
    assert (again.applied, again.already_applied) == (0, 1)
    invoice = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0047")).one()
    assert invoice.open_amount == Decimal("0.00")


def test_csv_export_parses_back(session: Session, ledger: dict, settings: Settings) -> None:
    _dispute(session, settings)
    act(
        session,
        settings,
        buyer_message(session, "Friday"),
        "record_promise",
        {"invoices": ["INV-2026-0012"], "date": "2026-11-20"},
    )
    rows = list(csv.DictReader(io.StringIO(holds_csv(active_holds(session)))))
    assert tuple(rows[0]) == COLUMNS
    by_invoice = {r["invoice_number"]: r for r in rows}
    assert by_invoice["INV-2026-0047"]["reason"] == "dispute"
    assert by_invoice["INV-2026-0047"]["hold_until"] == ""
    assert by_invoice["INV-2026-0012"]["hold_until"] == "2026-11-23"
    assert all(r["dunning_block"] == "X" and r["customer_number"] == "C-10023" for r in rows)
    assert [r.invoice_number for r in active_holds(session, invoice="INV-2026-0012")] == [
        "INV-2026-0012"
    ]


def test_holds_with_an_until_date_expire(
    session: Session, ledger: dict, settings: Settings
) -> None:
    from datetime import date

    act(
        session,
        settings,
        buyer_message(session, "Friday"),
        "record_promise",
        {"invoices": ["INV-2026-0012"], "date": "2026-11-20"},
    )
    assert expire_holds(session, date(2026, 11, 23)) == 0
    assert expire_holds(session, date(2026, 11, 24)) == 1
    hold = session.exec(select(DunningHold)).one()
    assert not hold.active and hold.end_reason == "expired"


def test_drop_folder_imports_and_sets_failures_aside(
    engine: object, tmp_path: Path, session: Session
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "ledger.json").write_text((FIXTURES / "ledger.json").read_text())
    (drop / "broken.json").write_text(json.dumps({"accounts": [{"id": "X"}]}))
    (drop / "notes.txt").write_text("ignored")
    imported, failed = import_drops(engine, drop)  # type: ignore[arg-type]
    assert (imported, failed) == (1, 1)
    assert (drop / "processed" / "ledger.json").exists()
    assert "name" in (drop / "failed" / "broken.json.error").read_text()
    assert (drop / "notes.txt").exists()
    assert session.exec(select(Invoice)).all()
