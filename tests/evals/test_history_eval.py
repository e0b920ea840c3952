"""`arinbox eval` through typer's CliRunner: run, gate, history, compare, report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.schema import Triage
from arinbox.cli import app
from arinbox.settings import get_settings
from tests.evals.scripted import CASES, ScriptedModel, script, write_dataset


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    """A fresh configured database, and `build_model` answering with a scripted model."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ARINBOX_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    monkeypatch.setenv("ARINBOX_DATA_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("ARINBOX_ENVIRONMENT", "test")
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    holder = {"model": ScriptedModel(script()), "kinds": []}

    def build_model(settings, kind=None):
        holder["kinds"].append(kind)
        return holder["model"]

    monkeypatch.setattr("agent.triage.build_model", build_model)
    holder["dataset"] = write_dataset(tmp_path / "tiny")
    yield holder
    get_settings.cache_clear()


def invoke(*args: str):
    return CliRunner().invoke(app, ["eval", *args], catch_exceptions=False)


def test_bare_form_writes_json_and_html_and_saves_the_run(env: dict, tmp_path: Path) -> None:
    out_json, out_html = tmp_path / "out" / "m.json", tmp_path / "out" / "r.html"
    result = invoke(
        str(env["dataset"]), "--json", str(out_json), "--html", str(out_html), "--model", "local"
    )
    assert result.exit_code == 0, result.output
    assert env["kinds"] == ["local"]
    assert "intent.macro_f1" in result.output and "saved as eval run #1" in result.output
    data = json.loads(out_json.read_text())
    for key in (
        "n_cases",
        "errors",
        "latency_ms",
        "llm",
        "drafts",
        "policy",
        "by_language",
        "by_tag",
        "confusion",
        "calibration",
        "ci",
        "cases",
        "run",
    ):
        assert key in data, key
    assert data["n_cases"] == len(CASES)
    assert set(data["intent"]["per_label"]["dispute"]) >= {"precision", "recall", "f1", "support"}
    for key in (
        "account.accuracy",
        "invoices.f1",
        "promise.date_accuracy",
        "promise.amount_accuracy",
        "dispute_reason.accuracy",
        "dunning_paused.accuracy",
        "language.accuracy",
        "needs_human.f1",
    ):
        group, name = key.split(".")
        assert name in data[group], key
    assert {"p50", "p95"} <= set(data["latency_ms"])
    assert {"calls_per_message", "tokens_in_per_message"} <= set(data["llm"])
    assert data["run"]["model"] == "local" and data["run"]["id"] == 1
    html = out_html.read_text()
    assert "&lt;script&gt;" in html and "<script" not in html


def test_run_subcommand_and_gate_exit_codes(env: dict) -> None:
    passing = invoke(
        "run", str(env["dataset"]), "--no-save", "--fail-under", "intent.macro_f1=0.1,n_cases=6"
    )
    assert passing.exit_code == 0, passing.output
    failing = invoke(
        str(env["dataset"]),
        "--no-save",
        "--fail-under",
        "intent.macro_f1=0.99,needs_human.f1=0.1,nope.x=1",
    )
    assert failing.exit_code == 3
    assert "gate: intent.macro_f1" in failing.output
    assert "gate: nope.x = not measured" in failing.output
    assert "gate: needs_human.f1" not in failing.output
    bad_spec = invoke(str(env["dataset"]), "--fail-under", "intent.macro_f1")
    assert bad_spec.exit_code == 2
    assert invoke(str(env["dataset"]), "--model", "gpt").exit_code == 2


def test_a_broken_dataset_exits_2_with_the_line(env: dict) -> None:
    with (env["dataset"] / "cases.jsonl").open("a") as handle:
        handle.write("{oops\n")
    result = invoke(str(env["dataset"]))
    assert result.exit_code == 2
    assert f"cases.jsonl:{len(CASES) + 1}" in result.output


def test_history_compare_and_report(env: dict, tmp_path: Path) -> None:
    assert "no eval runs yet" in invoke("history").output
    assert invoke(str(env["dataset"])).exit_code == 0
    better = script()
    better["A question"] = Triage(intents=["other"], confidence=0.7)
    better["Statement please"] = Triage(
        intents=["dispute"], invoices=["INV-2026-0012"], dispute_reason="other", confidence=0.6
    )
    env["model"] = ScriptedModel(better)
    assert invoke(str(env["dataset"])).exit_code == 0

    history = invoke("history")
    assert history.exit_code == 0
    assert "tiny" in history.output and "scripted-1" in history.output
    assert history.output.index("│ 2 ") < history.output.index("│ 1 ")  # newest first

    compare = invoke("compare", "1", "2", "--json", str(tmp_path / "cmp.json"))
    assert compare.exit_code == 0, compare.output
    assert "McNemar" in compare.output
    assert "right only in A 1, right only in B 1" in compare.output
    assert "statement-2" in compare.output and "question-6" in compare.output
    cmp = json.loads((tmp_path / "cmp.json").read_text())
    assert cmp["mcnemar"]["p_value"] == pytest.approx(1.0)
    assert [f["id"] for f in cmp["flipped"]] == ["statement-2", "question-6"]

    assert invoke("compare", "1", "99").exit_code == 2
    report = invoke("report", "2", "--html", str(tmp_path / "again.html"))
    assert report.exit_code == 0
    assert "Triage eval: tiny" in (tmp_path / "again.html").read_text()


def test_live_and_export_live_commands(env: dict, tmp_path: Path) -> None:
    empty = invoke("live", "--json", str(tmp_path / "live.json"))
    assert empty.exit_code == 0 and "no reviewed messages yet" in empty.output
    assert json.loads((tmp_path / "live.json").read_text())["n_cases"] == 0
    assert invoke("live", "--since", "yesterday").exit_code == 2
    out = tmp_path / "export"
    exported = invoke("export-live", str(out))
    assert exported.exit_code == 0, exported.output
    assert "0 cases, 0 accounts" in exported.output
    assert (out / "ledger.json").exists()
    assert invoke("export-live", str(out)).exit_code == 2  # never overwrites
