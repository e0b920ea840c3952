"""`make demo`'s command end to end: seed, process offline, serve; a collector finds drafts."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import func
from sqlmodel import Session, col, select

from records.db import make_engine
from records.inbox import Draft, DraftState, Message, MessageState, ToolCall
from tests.connectors.conftest import free_port

ROOT = Path(__file__).resolve().parents[2]


def _serve_demo(tmp_path: Path, built_model_dir: Path, port: int) -> subprocess.Popen[bytes]:
    data = tmp_path / "var"
    shutil.copytree(built_model_dir, data / "models")  # the suite's one model build
    env = {
        **os.environ,
        "ARINBOX_DATA_DIR": str(data),
        "ARINBOX_DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite'}",
        "ARINBOX_ENVIRONMENT": "development",
    }
    return subprocess.Popen(
        [sys.executable, "-m", "arinbox", "demo", "--host", "127.0.0.1", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def _wait_for_page(base: str, proc: subprocess.Popen[bytes], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, (proc.stdout.read() if proc.stdout else b"").decode()[-3000:]
        try:
            if httpx.get(f"{base}/login", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise AssertionError("the demo did not serve its login page in time")


def test_the_demo_serves_drafts_waiting_for_approval(tmp_path: Path, built_model_dir: Path) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = _serve_demo(tmp_path, built_model_dir, port)
    try:
        _wait_for_page(base, proc)
        with httpx.Client(base_url=base, timeout=10, follow_redirects=True) as browser:
            form = browser.get("/login").text
            csrf = re.search(r'name="csrf_token" value="([^"]+)"', form)
            assert csrf
            answer = browser.post(
                "/login",
                data={
                    "username": "collector",
                    "password": "collector-demo",
                    "csrf_token": csrf.group(1),
                    "next": "/queue",
                },
            )
            assert answer.status_code == 200 and answer.url.path == "/queue"
            queue = answer.text
            # The payment advice lists its invoices only in its PDF: the case shows the file's
            # text and the claim names the two invoices.
            found = browser.get("/queue", params={"q": "Zahlungsavis", "state": "all"}).text
            link = re.search(r'<a href="(/cases/\d+)[^"]*">Zahlungsavis ZA-2026-11-0042</a>', found)
            assert link, "the demo's payment advice is in the queue"
            advice = browser.get(link.group(1)).text
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    engine = make_engine(f"sqlite:///{tmp_path / 'demo.sqlite'}")
    try:
        with Session(engine) as session:
            messages = session.exec(select(func.count()).select_from(Message)).one()
            failed = session.exec(
                select(func.count())
                .select_from(Message)
                .where(col(Message.state) == MessageState.failed)
            ).one()
            pending = session.exec(
                select(Draft.subject).where(col(Draft.state) == DraftState.pending)
            ).all()
            claims = session.exec(
                select(ToolCall.arguments).where(col(ToolCall.tool) == "record_payment_claim")
            ).all()
    finally:
        engine.dispose()
    demo_mail = len(list((ROOT / "arinbox" / "demo_data" / "mailbox").glob("*.eml")))
    assert messages == demo_mail and failed == 0
    assert "<summary>Text read from the file</summary>" in advice
    assert "RE-10462 4500012056 4.924,94 0,00 4.924,94" in advice
    claim = next(c for c in claims if "RE-10462" in c["invoices"])
    assert sorted(claim["invoices"]) == ["RE-10433", "RE-10462"]
    assert claim["amount"] == "7971.94" and claim["date"] == "2026-11-20"
    assert len(pending) >= demo_mail // 3, "most demo messages deserve a reply"
    # The collector's queue shows the cases whose drafts wait for approval.
    assert sum(subject in queue for subject in pending) >= 1
