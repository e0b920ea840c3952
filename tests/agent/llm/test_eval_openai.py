"""`arinbox eval DATASET --model openai` end to end against our OpenAI-compatible server.

The server plays a model that reads each request, recognises the case by its subject and
answers as a good model would (the expected triage, the matching tool calls, then a
letter built from the facts it was given): the point is the plumbing, from the CLI
through LangChain and the real openai client to the records, the draft and the metrics.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from arinbox.cli import app
from tests.utils.fake_openai import FakeOpenAI, text, tool_calls

DEV = Path(__file__).resolve().parents[3] / "evals" / "datasets" / "arinbox" / "dev"
WANTED = ("promise_to_pay", "dispute", "invoice_copy_request", "statement_request", "other")


def _small_dataset(tmp_path: Path) -> tuple[Path, dict[str, dict[str, Any]]]:
    cases: list[dict[str, Any]] = []
    for line in (DEV / "cases.jsonl").read_text().splitlines():
        case = json.loads(line)
        intents = case["expected"]["intents"]
        single = "email" in case and len(intents) == 1 and intents[0] in WANTED
        if single and not any(c["expected"]["intents"] == intents for c in cases):
            cases.append(case)
    folder = tmp_path / "mini"
    folder.mkdir()
    (folder / "ledger.json").write_text((DEV / "ledger.json").read_text())
    (folder / "cases.jsonl").write_text("\n".join(json.dumps(c) for c in cases) + "\n")
    return folder, {c["email"]["subject"]: c for c in cases}


def _oracle(by_subject: dict[str, dict[str, Any]]):  # type: ignore[no-untyped-def]
    def answer(request: dict[str, Any]) -> Any:
        if not request.get("tools"):  # the letter: rewrite the approved facts
            facts = str(request["messages"][0]["content"])
            letter = facts.split("keep every number exactly:\n", 1)[1]
            return text(letter.split("\nYour previous letter")[0])
        user = request["messages"][1]["content"]
        subject = re.search(r"^Subject: (.*)$", user, re.M)
        case = by_subject[subject.group(1) if subject else ""]
        exp = case["expected"]
        promise = exp.get("promise") or {}
        submission = {
            "intents": exp["intents"],
            "invoices": exp["invoices"],
            "promise_date": promise.get("date"),
            "promise_amount": promise.get("amount"),
            "dispute_reason": exp.get("dispute_reason"),
            "language": exp["language"],
            "confidence": 0.9,
            "evidence": [{"field": exp["intents"][0], "sentence": case["email"]["body"][:80]}],
        }
        calls: list[tuple[str, dict[str, Any]]] = []
        if exp["intents"] == ["dispute"] and exp["invoices"]:
            calls.append(
                ("open_dispute", {"invoices": exp["invoices"], "reason": exp["dispute_reason"]})
            )
        if exp["intents"] == ["other"]:
            calls.append(("request_human", {"reason": "not an AR matter"}))
        return tool_calls(*calls, ("submit_triage", submission))

    return answer


@pytest.mark.skipif(not DEV.is_dir(), reason="the project's dev split is part of the repo")
def test_eval_with_the_openai_backend(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    dataset, by_subject = _small_dataset(tmp_path)
    assert len(by_subject) == len(WANTED)
    with FakeOpenAI(responder=_oracle(by_subject)) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", "test-key")
        # The local model (the fallback) is built once and kept in pytest's cache.
        monkeypatch.setenv(
            "ARINBOX_DATA_DIR", str(request.config.cache.mkdir("arinbox-local-model"))
        )
        monkeypatch.setenv("ARINBOX_DATABASE_URL", f"sqlite:///{tmp_path / 'history.sqlite'}")
        out = tmp_path / "out.json"
        result = CliRunner().invoke(
            app, ["eval", str(dataset), "--model", "openai", "--json", str(out)]
        )
        assert result.exit_code == 0, result.output
        requests = list(server.requests)
    metrics = json.loads(out.read_text())
    assert metrics["n_cases"] == len(by_subject)
    assert metrics["intent"]["macro_f1"] > 0.95
    assert metrics["account"]["accuracy"] == 1.0
    triage_requests = [r for r in requests if r.get("tools")]
    seen = {re.search(r"^Subject: (.*)$", r["messages"][1]["content"], re.M).group(1)
            for r in triage_requests}  # fmt: skip
    assert seen == set(by_subject)
    assert all("<untrusted_email>" in r["messages"][1]["content"] for r in triage_requests)
    letters = [r for r in requests if not r.get("tools")]
    assert letters, "replies were written by the model"
    llm = metrics["llm"]
    assert 1.0 <= llm["calls_per_message"] <= 2.0  # the goal: at most two round trips
    assert llm["tokens_in_per_message"] > 0
