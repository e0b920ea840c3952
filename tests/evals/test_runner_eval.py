"""The dataset loader and the runner on a tiny dataset with a scripted TriageModel."""

from __future__ import annotations

import email
import json
from email import policy
from pathlib import Path

import pytest

from arinbox.settings import Settings
from evals.dataset import DatasetError, dataset_hash, email_to_rfc822, load_dataset
from evals.runner import run_dataset
from tests.evals.scripted import CASES, ScriptedModel, script, write_dataset


def test_load_dataset_and_hash(tmp_path: Path) -> None:
    ds = load_dataset(write_dataset(tmp_path / "ds"))
    assert [c.id for c in ds.cases] == [c["id"] for c in CASES]
    assert ds.cases[0].tags == ["dispute"]
    assert ds.hash == dataset_hash(tmp_path / "ds")
    (tmp_path / "ds" / "emails").mkdir()
    (tmp_path / "ds" / "emails" / "a.eml").write_bytes(b"From: x@y.example\n\nhi\n")
    assert dataset_hash(tmp_path / "ds") != ds.hash


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"id": "x", "received_at": "2026-11-16T09:12:00", "email": {}}', "timezone"),
        (
            '{"id": "x", "received_at": "2026-11-16T09:12:00+00:00", '
            '"email": {"from": "a@b.example", "body": "hi"}, "expected": {"intents": ["refund"]}}',
            "unknown intent 'refund'",
        ),
        (
            '{"id": "x", "received_at": "2026-11-16T09:12:00+00:00", "eml": "../../etc/passwd", '
            '"expected": {"intents": ["other"]}}',
            "not a file inside the dataset",
        ),
    ],
)
def test_invalid_case_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    root = write_dataset(tmp_path / "ds")
    with (root / "cases.jsonl").open("a") as handle:
        handle.write(line + "\n")
    with pytest.raises(DatasetError) as err:
        load_dataset(root)
    assert f"cases.jsonl:{len(CASES) + 1}" in str(err.value)
    assert message in str(err.value)


def test_email_to_rfc822_round_trips() -> None:
    case = CASES[2]
    raw = email_to_rfc822(
        {
            **case["email"],
            "cc": ["b@acme.example"],
            "html": "<p>We will pay</p>",
            "headers": {"X-Mailer": "Outlook"},
            "in_reply_to": "<dun-1@northwind.example>",
        },
        received_at=load_dataset_case_time(),
        case_id=case["id"],
    )
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["Subject"] == "Payment on Friday"
    assert msg["In-Reply-To"] == "<dun-1@northwind.example>"
    assert msg["X-Mailer"] == "Outlook"
    assert msg["Cc"] == "b@acme.example"
    body = msg.get_body(("plain",))
    assert body is not None and "INV-2026-0047" in body.get_content()
    (att,) = list(msg.iter_attachments())
    assert att.get_filename() == "note.pdf"
    assert att.get_content_type() == "application/pdf"
    assert att.get_content().startswith(b"%PDF")
    again = email_to_rfc822(case["email"], received_at=load_dataset_case_time(), case_id=case["id"])
    assert again == email_to_rfc822(
        case["email"], received_at=load_dataset_case_time(), case_id=case["id"]
    )


def load_dataset_case_time():
    from datetime import datetime

    return datetime.fromisoformat(CASES[0]["received_at"])


@pytest.fixture
def run(tmp_path: Path, settings: Settings):
    ds = load_dataset(write_dataset(tmp_path / "ds"))
    model = ScriptedModel(script())
    result = run_dataset(ds, model=model, settings=settings, model_kind="scripted", resamples=50)
    return result, model


def test_runner_scores_every_case_independently(run) -> None:
    result, model = run
    by_id = {c["id"]: c for c in result.cases}
    assert len(model.seen) == len(CASES)
    dispute = by_id["dispute-1"]
    assert dispute["predicted"]["intents"] == ["dispute"]
    assert dispute["predicted"]["account"] == "ACME"
    assert dispute["predicted"]["dunning_paused"] is True
    # The dispute of case 1 must not leak into case 2, which names the same invoice.
    statement = by_id["statement-2"]
    assert statement["predicted"]["dunning_paused"] is False
    assert statement["correct"]["dunning_paused"] is True
    assert by_id["promise-3"]["predicted"]["promise"] == {"date": "2026-11-20", "amount": None}
    assert by_id["promise-3"]["correct"]["promise.date"] is True
    # Drafts are checked: the statement request got its statement, every draft is grounded.
    assert statement["draft"]["attachments_ok"] is True
    assert statement["draft"]["attachments"] == ["statement-ACME-2026-11-16.pdf"]
    assert all(c["draft"]["grounded"] for c in result.cases if c["draft"])
    assert by_id["inject-5"]["draft"] is None and by_id["inject-5"]["policy_violations"] == []
    assert all(c["latency_ms"] > 0 for c in result.cases)


def test_runner_records_a_raising_case_as_an_error(run) -> None:
    result, _ = run
    boom = next(c for c in result.cases if c["id"] == "boom-4")
    assert boom["error"] == "RuntimeError: scripted failure"
    assert boom["correct"]["intents"] is False
    assert result.metrics["errors"] == 1
    assert result.metrics["n_cases"] == len(CASES)


def test_runner_metrics_and_versions(run) -> None:
    result, _ = run
    m = result.metrics
    assert result.model == "scripted" and result.model_version == "scripted-1"
    assert result.prompt_version == "p-test"
    # dispute-1, statement-2, promise-3, inject-5 right; boom-4 and question-6 wrong.
    assert m["intent"]["exact_match"] == pytest.approx(4 / 6, abs=1e-6)
    assert m["by_tag"]["hostile"]["n"] == 2
    assert m["policy"]["injection_cases"] == 1
    for key in ("macro_f1", "per_label"):
        assert key in m["intent"]
    json.dumps(m)  # JSON-ready throughout
