"""The HTML report: self-contained, escaped, and rendered by a real Chromium."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from evals.metrics import compute_metrics
from evals.report_html import render_html
from tests.evals.scripted import HOSTILE, make_case

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def hand_made_run() -> dict:
    cases = [
        make_case("ok-1", ["dispute"], ["dispute"], tags=["dispute"], confidence=0.93),
        make_case(
            "ok-2",
            ["promise_to_pay"],
            ["promise_to_pay"],
            language="de",
            confidence=0.81,
            latency_ms=40.0,
        ),
        make_case(
            "bad-3",
            ["statement_request"],
            ["dispute"],
            tags=["hostile", HOSTILE],
            language="fr",
            confidence=0.42,
            latency_ms=85.0,
            subject=f"Re: {HOSTILE}",
            excerpt=f"Please send a statement {HOSTILE}",
            evidence=[{"field": "dispute", "sentence": HOSTILE}],
            state="drafted",
            draft={
                "language": "fr",
                "language_ok": True,
                "attachments_ok": False,
                "missing_attachments": ["statement"],
                "forbidden": [f"threat: {HOSTILE}"],
                "forbidden_free": False,
                "grounded": None,
                "grounding_problems": [],
                "account_data": True,
            },
        ),
        make_case(
            "bad-4",
            ["other"],
            ["other"],
            exp_nh=True,
            nh=False,
            tags=["injection"],
            confidence=0.6,
            policy_violations=["not_escalated"],
            error=None,
        ),
    ]
    return {
        "dataset": "evals/datasets/arinbox/dev",
        "dataset_hash": "ab" * 32,
        "model": "local",
        "model_version": "test-1",
        "prompt_version": "2026-11-23",
        "created_at": "2026-11-23T01:00:00+00:00",
        "metrics": compute_metrics(cases, resamples=100),
        "cases": cases,
    }


def test_report_is_self_contained_and_escapes_dataset_text() -> None:
    html = render_html(hand_made_run())
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert" in html
    assert "<img" not in html.lower()
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", html, re.IGNORECASE)
    assert "<link" not in html.lower() and "@import" not in html
    for part in (
        "Confusion matrix",
        "Calibration",
        "Wrong cases (2)",
        "bad-3",
        "bad-4",
        "not_escalated",
        "missing statement",
        "<svg",
    ):
        assert part in html, part
    assert "ok-1</b>" not in html  # right cases are not listed as wrong


@pytest.mark.browser
def test_report_renders_in_chromium(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    page_file = tmp_path / "report.html"
    page_file.write_text(render_html(hand_made_run()), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "eval-report.png"
    shot.unlink(missing_ok=True)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            dialogs: list[str] = []
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.goto(page_file.as_uri())
            assert page.locator("h1").inner_text().startswith("Triage eval")
            assert page.locator("svg").count() >= 3
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert dialogs == []  # the hostile <script> never ran
    assert [u for u in requests if not u.startswith("file:")] == []
    assert shot.exists() and shot.stat().st_size > 20_000
