"""The ERP's side of the API: holds out, ledger and payments in, disputes resolved, ops."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from api.app import create_app
from api.users import create_token, create_user
from arinbox.settings import Settings
from records.ledger import DunningHold, Invoice
from tests.dunning.conftest import act, buyer_message


def _client(settings: Settings, engine: object, session: Session) -> tuple[TestClient, dict, dict]:
    create_user(session=session, username="alice", password="pw-long-enough-1", role="collector")
    create_user(session=session, username="mona", password="pw-long-enough-2", role="manager")
    collector = create_token(session=session, username="alice", name="erp-read")
    manager = create_token(session=session, username="mona", name="erp-write")
    session.commit()
    client = TestClient(create_app(settings, engine=engine))  # type: ignore[arg-type]
    return (
        client,
        {"Authorization": f"Bearer {collector}"},
        {"Authorization": f"Bearer {manager}"},
    )


def test_holds_out_as_json_and_csv(
    session: Session, engine: object, ledger: dict, settings: Settings
) -> None:
    act(
        session,
        settings,
        buyer_message(session),
        "open_dispute",
        {"invoices": ["INV-2026-0012"], "reason": "pricing"},
    )
    client, reader, _ = _client(settings, engine, session)
    assert client.get("/api/dunning/holds").status_code == 401
    body = client.get("/api/dunning/holds", headers=reader).json()
    assert body["count"] == 1 and body["holds"][0]["invoice_number"] == "INV-2026-0012"
    none = client.get("/api/dunning/holds?invoice=INV-2026-0047", headers=reader).json()
    assert none["count"] == 0
    text = client.get("/api/dunning/holds?format=csv", headers=reader).text
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["reason"] == "dispute" and rows[0]["dunning_block"] == "X"


def test_ledger_and_payments_in_need_a_manager(
    session: Session, engine: object, ledger: dict, settings: Settings
) -> None:
    act(
        session,
        settings,
        buyer_message(session),
        "open_dispute",
        {"invoices": ["INV-2026-0047"], "reason": "quantity"},
    )
    client, reader, writer = _client(settings, engine, session)
    payment = {
        "payments": [{"invoice_number": "INV-2026-0047", "amount": "830.50", "reference": "BANK-9"}]
    }
    assert client.post("/api/ledger/payments", json=payment, headers=reader).status_code == 403
    report = client.post("/api/ledger/payments", json=payment, headers=writer).json()
    assert report["applied"] == 1 and report["holds_ended"] == 1
    session.expire_all()
    assert not session.exec(select(DunningHold)).one().active
    account = {
        "accounts": [
            {
                "id": "NEWCO",
                "name": "New Co",
                "domains": ["newco.example"],
                "invoices": [
                    {
                        "number": "N-1",
                        "issue_date": "2026-11-01",
                        "due_date": "2026-12-01",
                        "amount": "10.00",
                    }
                ],
            }
        ]
    }
    created = client.post("/api/ledger/accounts", json=account, headers=writer).json()
    assert created["invoices_created"] == 1
    assert session.exec(select(Invoice).where(Invoice.number == "N-1")).one()
    bad = {"accounts": [{"id": "X", "name": "X", "invoices": [{"number": "X-1"}]}]}
    assert client.post("/api/ledger/accounts", json=bad, headers=writer).status_code == 422


def test_resolve_dispute_over_the_api(
    session: Session, engine: object, ledger: dict, settings: Settings
) -> None:
    outcome = act(
        session,
        settings,
        buyer_message(session),
        "open_dispute",
        {"invoices": ["INV-2026-0012"], "reason": "damaged"},
    )
    reference = outcome.result["disputes"][0]["reference"]
    client, reader, _ = _client(settings, engine, session)
    done = client.post(
        f"/api/disputes/{reference}/resolve", json={"outcome": "corrected"}, headers=reader
    )
    assert done.status_code == 200 and done.json()["draft_id"]
    again = client.post(
        f"/api/disputes/{reference}/resolve", json={"outcome": "corrected"}, headers=reader
    )
    assert again.status_code == 409


def test_readyz_and_metrics(
    session: Session, engine: object, ledger: dict, settings: Settings
) -> None:
    act(
        session,
        settings,
        buyer_message(session),
        "open_dispute",
        {"invoices": ["INV-2026-0012"], "reason": "damaged"},
    )
    client, _, _ = _client(settings, engine, session)
    assert client.get("/readyz").json() == {"ready": True}
    metrics = client.get("/metrics").text
    assert 'arinbox_messages{state="sent"} 1.0' in metrics
    assert "arinbox_triage_latency_ms_bucket" in metrics
    assert "arinbox_llm_tokens_total" in metrics
