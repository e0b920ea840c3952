"""Live accuracy from collectors' reviews, and the anonymised export of reviewed mail."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from sqlmodel import Session, select

from agent.pipeline import process_message
from agent.schema import PromiseFacts, Triage
from arinbox.settings import Settings
from evals.dataset import load_dataset
from evals.export import export_live, scale_factor
from evals.live import live_metrics
from records.inbox import Correction, Draft, DraftState
from records.store import store_raw_message
from tests.evals.scripted import ScriptedModel
from tests.utils.mail import build_raw

SCRIPT = {
    "Copy please": Triage(
        intents=["invoice_copy_request"], invoices=["INV-2026-0012"], language="en", confidence=0.9
    ),
    "Payment": Triage(
        intents=["promise_to_pay"],
        invoices=["INV-2026-0012"],
        language="en",
        promise=PromiseFacts(amount=None),
        confidence=0.6,
    ),
    "Unreviewed": Triage(intents=["other"], language="en", confidence=0.3),
}
BODIES = {
    "Copy please": "Hi, please send a copy of INV-2026-0012 (PO-7781). Call me on "
    "+49 30 1234 5678. Jane Doe, Acme Corp, ap@acme.example",
    "Payment": "We paid 1,250.00 EUR for INV-2026-0012 yesterday. Jane",
    "Unreviewed": "Hello?",
}


def _process(session: Session, settings: Settings) -> dict[str, int]:
    model = ScriptedModel(SCRIPT)
    ids = {}
    for subject, body in BODIES.items():
        message, _ = store_raw_message(
            session, build_raw(subject=subject, body=body), source="file"
        )
        session.commit()
        process_message(session, message, model=model, settings=settings)
        ids[subject] = message.id
    return ids


def _review(session: Session, ids: dict[str, int]) -> None:
    draft = session.exec(select(Draft).where(Draft.message_id == ids["Copy please"])).one()
    draft.state = DraftState.approved
    session.add(draft)
    # The collector says the second message is a payment confirmation, not a promise.
    session.add(
        Correction(
            message_id=ids["Payment"],
            field="intents",
            old_value=["promise_to_pay"],
            new_value=["payment_confirmation"],
            username="clara",
        )
    )
    session.commit()


def test_live_metrics_count_corrections_as_errors(session, ledger, settings) -> None:
    assert live_metrics(session)["n_cases"] == 0
    _review(session, _process(session, settings))
    m = live_metrics(session, resamples=50)
    assert (m["n_cases"], m["corrected"], m["confirmed"]) == (2, 1, 1)
    assert m["intent"]["exact_match"] == 0.5
    assert m["account"]["accuracy"] == 1.0
    assert m["intent"]["per_label"]["payment_confirmation"]["recall"] == 0.0
    (week,) = m["by_week"]
    assert week.startswith("20") and "-W" in week
    assert m["by_intent"]["invoice_copy_request"]["exact_match"] == 1.0
    assert m["by_intent"]["payment_confirmation"]["exact_match"] == 0.0
    assert "needs_human" not in m and "drafts" not in m


def test_export_live_is_anonymised_and_loads_as_a_dataset(
    session, ledger, settings, tmp_path: Path
) -> None:
    _review(session, _process(session, settings))
    out = tmp_path / "live"
    report = export_live(
        session, out, ar_mailbox=settings.ar_mailbox, company_name=settings.company_name
    )
    assert report.cases == 2 and report.accounts == 1
    text = (out / "ledger.json").read_text() + (out / "cases.jsonl").read_text()
    for secret in (
        "ACME",
        "Acme",
        "Jane",
        "Doe",
        "ap@acme.example",
        "acme.example",
        "INV-2026-0012",
        "PO-7781",
        "C-10023",
        "1250.00",
        "1,250.00",
        "+49 30 1234 5678",
    ):
        assert secret not in text, secret
    ds = load_dataset(out)
    ledger_out = json.loads((out / "ledger.json").read_text())
    (account,) = ledger_out["accounts"]
    numbers = {inv["number"] for inv in account["invoices"]}
    by_review = {c.provenance["review"]: c for c in ds.cases}
    copy, paid = by_review["confirmed"], by_review["corrected"]
    assert copy.expected["account"] == account["id"]
    assert copy.expected["intents"] == ["invoice_copy_request"]
    assert set(copy.expected["invoices"]) <= numbers and copy.expected["invoices"]
    # The same invoice gets the same stand-in in the text, the labels and the ledger.
    assert copy.expected["invoices"][0] in copy.email["body"]
    assert paid.expected["intents"] == ["payment_confirmation"]
    assert "promise" not in paid.expected  # corrected away with its intent
    new_amount = next(
        inv["amount"]
        for inv in account["invoices"]
        if inv["number"] == copy.expected["invoices"][0]
    )
    assert f"{float(new_amount):,.2f}" in paid.email["body"]
    assert account["contacts"][0]["email"] in copy.email["from"]


def test_the_amount_scale_is_never_close_to_one() -> None:
    """A factor of 1.00 would export the real amounts (it happened once in 61 exports)."""
    factors = {scale_factor(seed) for seed in range(256)}
    assert all(abs(f - 1) >= Decimal("0.05") for f in factors)
    assert min(factors) == Decimal("0.70") and max(factors) == Decimal("1.30")
    assert len(factors) == 52
