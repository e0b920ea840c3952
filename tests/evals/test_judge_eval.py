"""The optional LLM judge: a verdict per draft through the real openai client, off by default."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from arinbox.cli import app
from tests.utils.fake_openai import FakeOpenAI, tool_calls

DEV = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "arinbox" / "dev"


def _mini(tmp_path: Path) -> Path:
    cases = []
    for line in (DEV / "cases.jsonl").read_text().splitlines():
        case = json.loads(line)
        if "email" in case and case["expected"]["intents"] == ["invoice_copy_request"]:
            cases.append(case)
        if len(cases) == 2:
            break
    folder = tmp_path / "mini"
    folder.mkdir()
    (folder / "ledger.json").write_text((DEV / "ledger.json").read_text())
    (folder / "cases.jsonl").write_text("\n".join(json.dumps(c) for c in cases) + "\n")
    return folder


def _verdicts(request: dict[str, Any]) -> Any:
    assert request["tool_choice"]["function"]["name"] == "submit_verdict"
    ready = "Please find attached" in request["messages"][1]["content"]
    return tool_calls(
        (
            "submit_verdict",
            {
                "asks": ["a copy"],
                "send_ready": ready,
                "reason": "answers the ask" if ready else "no copy",
            },
        )
    )


def test_judge_verdicts_land_in_each_draft_and_the_metrics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    dataset = _mini(tmp_path)
    with FakeOpenAI(responder=_verdicts) as server:
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv(
            "ARINBOX_DATA_DIR", str(request.config.cache.mkdir("arinbox-local-model"))
        )
        monkeypatch.setenv("ARINBOX_DATABASE_URL", f"sqlite:///{tmp_path / 'h.sqlite'}")
        out = tmp_path / "out.json"
        runner = CliRunner()
        plain = runner.invoke(
            app, ["eval", str(dataset), "--model", "local", "--no-save", "--json", str(out)]
        )
        assert plain.exit_code == 0, plain.output
        assert server.requests == []  # off by default
        judged = runner.invoke(
            app,
            ["eval", str(dataset), "--model", "local", "--no-save", "--judge", "--json", str(out)],
        )
        assert judged.exit_code == 0, judged.output
        requests = list(server.requests)
    metrics = json.loads(out.read_text())
    verdicts = [c["draft"]["judge"] for c in metrics["cases"] if c.get("draft")]
    assert verdicts and len(requests) == len(verdicts)  # one verdict per draft
    assert all(v["send_ready"] is not None and v["reason"] for v in verdicts)
    assert metrics["drafts"]["judge_send_ready"] is not None
    untrusted = requests[0]["messages"][1]["content"]
    assert untrusted.startswith("<untrusted_email>")
