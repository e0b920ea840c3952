"""Server time of the queue and the case page over a large inbox (SQLite).

Seeds N messages (default 100,000) with triage, drafts and tool calls, then requests the
queue (several filters, several pages) and case pages through the app in-process and
reads the app's own Server-Timing header. Prints JSON.

    python -m benchmarks.bench_pages --messages 100000 --requests 200
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import insert
from sqlmodel import Session

from agent.schema import intent_mask
from api.app import create_app
from api.users import create_user
from arinbox.settings import Settings
from connectors.ledger_import import import_ledger_json
from records.db import make_engine, migrate
from records.inbox import Draft, Message, ToolCall, TriageResult

INTENTS = ["dispute", "promise_to_pay", "invoice_copy_request", "payment_confirmation",
           "statement_request", "auto_reply", "other"]  # fmt: skip
STATES = ["drafted"] * 5 + ["needs_human"] * 2 + ["sent"] * 10 + ["closed"] * 3 + ["failed"]
LANGS = ["en", "en", "en", "de", "fr", "es", "nl"]


def _ledger(n_accounts: int) -> dict[str, Any]:
    accounts = []
    for a in range(n_accounts):
        accounts.append(
            {
                "id": f"A{a:04d}",
                "name": f"Account {a}",
                "customer_number": f"C-{a:05d}",
                "domains": [f"buyer{a}.example"],
                "contacts": [{"email": f"ap@buyer{a}.example", "name": "AP", "language": "en"}],
                "invoices": [
                    {
                        "number": f"INV-{a:04d}-{i}",
                        "issue_date": "2026-08-01",
                        "due_date": "2026-09-01",
                        "amount": "1000.00",
                        "open_amount": "1000.00",
                        "currency": "EUR",
                    }
                    for i in range(5)
                ],  # fmt: skip
            }
        )
    return {"company": {"name": "Bench", "ar_mailbox": "ar@northwind.example"},
            "accounts": accounts}  # fmt: skip


def seed(engine: Any, n: int, n_accounts: int, rng: random.Random) -> None:
    with Session(engine) as session:
        import_ledger_json(session, _ledger(n_accounts))
        create_user(session=session, username="bench", password="bench-password", role="admin")
        session.commit()
    start = datetime(2026, 6, 1, tzinfo=UTC)
    batch = 5000
    with engine.begin() as conn:
        for base in range(0, n, batch):
            messages, triages, drafts, calls = [], [], [], []
            for i in range(base, min(n, base + batch)):
                mid = i + 1
                a = rng.randrange(n_accounts)
                state = rng.choice(STATES)
                body = f"Hello, about INV-{a:04d}-1, message {i}.".encode()
                raw = b"From: AP <ap@buyer%d.example>\r\nSubject: Invoice %d\r\n\r\n" % (a, i)
                intents = [rng.choice(INTENTS)]
                messages.append(
                    {
                        "id": mid, "raw_sha256": hashlib.sha256(raw + body).hexdigest(),
                        "raw": raw + body, "message_id": f"<m{i}@buyer.example>",
                        "direction": "inbound", "source": "file", "subject": f"Invoice {i}",
                        "from_addr": f"ap@buyer{a}.example", "from_name": "AP",
                        "references": [], "received_at": start + timedelta(minutes=2 * i),
                        "state": state, "attempts": 0, "account_id": f"A{a:04d}",
                        "verified": True, "language": rng.choice(LANGS),
                        "needs_human": state == "needs_human",
                        "needs_human_reasons": [], "priority": rng.randrange(100),
                        "intent_mask": intent_mask(intents),
                        "parsed": {"new_text": body.decode(), "quoted_text": "", "attachments": []},
                        "created_at": start, "updated_at": start,
                    }
                )  # fmt: skip
                triages.append(
                    {"message_id": mid, "current": True, "model": "local", "model_version": "",
                     "prompt_version": "", "intents": intents, "confidence": rng.random(),
                     "verified": True, "evidence": [],
                     "facts": {"intents": intents, "invoices": [f"INV-{a:04d}-1"]},
                     "needs_human": False, "needs_human_reasons": [], "llm_calls": 0,
                     "tokens_in": 0, "tokens_out": 0, "latency_ms": 1.0, "created_at": start}
                )  # fmt: skip
                if state in ("drafted", "sent"):
                    drafts.append(
                        {"message_id": mid, "kind": "reply",
                         "state": "pending" if state == "drafted" else "sent", "language": "en",
                         "to_addr": "ap@x.example", "cc_addrs": [], "subject": "RE",
                         "body": "Dear customer, ...", "original_body": "Dear customer, ...",
                         "edited": False, "flagged": False, "references": [],
                         "send_attempts": 0, "created_at": start, "updated_at": start}
                    )  # fmt: skip
                calls.append(
                    {"message_id": mid, "idempotency_key": f"{mid}:note", "tool": "add_note",
                     "arguments": {}, "result": {}, "allowed": True, "actor": "agent",
                     "model": "local", "prompt_version": "", "created_at": start}
                )  # fmt: skip
            conn.execute(insert(Message), messages)
            conn.execute(insert(TriageResult), triages)
            if drafts:
                conn.execute(insert(Draft), drafts)
            conn.execute(insert(ToolCall), calls)


def _server_ms(response: Any) -> float:
    assert response.status_code == 200, response.status_code
    timing = response.headers["server-timing"]
    return float(timing.split("dur=", 1)[1])


def _stats(values: list[float]) -> dict[str, float]:
    values = sorted(values)
    p95 = values[min(len(values) - 1, int(round(0.95 * (len(values) - 1))))]
    return {"n": len(values), "p50_ms": round(statistics.median(values), 2),
            "p95_ms": round(p95, 2), "max_ms": round(values[-1], 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite"
        settings = Settings(_env_file=None, environment="test", data_dir=Path(tmp),  # type: ignore[call-arg]
                            database_url=f"sqlite:///{db}")  # fmt: skip
        engine = make_engine(settings.resolved_database_url)
        migrate(engine)
        started = time.perf_counter()
        seed(engine, args.messages, args.accounts, rng)
        seed_s = time.perf_counter() - started
        client = TestClient(create_app(settings, engine=engine))
        login = client.get("/login")
        csrf = login.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        client.post("/login", data={"username": "bench", "password": "bench-password",
                                    "csrf_token": csrf})  # fmt: skip
        queue_urls = ["/queue", "/queue?state=all", "/queue?intent=dispute",
                      "/queue?language=de", "/queue?state=all&page=500",
                      "/queue?account=A0007&state=all", "/api/cases"]  # fmt: skip
        for url in queue_urls:  # warm up
            client.get(url)
        queue = [_server_ms(client.get(queue_urls[i % len(queue_urls)]))
                 for i in range(args.requests)]  # fmt: skip
        per_url = {
            url: _stats([_server_ms(client.get(url)) for _ in range(max(5, args.requests // 20))])
            for url in queue_urls
        }
        # The search box scans (LIKE '%…%'): an invoice number (in the triage's facts), a
        # sender's domain, an account's name, a case number; each over every state.
        search_urls = ["/queue?state=all&q=INV-0007-1", "/queue?state=all&q=buyer12.example",
                       "/queue?state=all&q=Account+42", "/queue?state=all&q=%2312345",
                       "/api/cases?state=all&q=INV-0007-1"]  # fmt: skip
        for url in search_urls:  # warm up
            client.get(url)
        search = {
            url: _stats([_server_ms(client.get(url)) for _ in range(max(5, args.requests // 20))])
            for url in search_urls
        }
        case_ids = [rng.randrange(1, args.messages + 1) for _ in range(args.requests)]
        case = [_server_ms(client.get(f"/cases/{i}")) for i in case_ids]
        case_api = [_server_ms(client.get(f"/api/cases/{i}")) for i in case_ids[:50]]
        client.close()
        engine.dispose()
    print(
        json.dumps(
            {
                "messages": args.messages,
                "database": "sqlite",
                "seed_seconds": round(seed_s, 1),
                "queue_page": _stats(queue),
                "queue_by_url": per_url,
                "search_by_url": search,
                "case_page": _stats(case),
                "case_api": _stats(case_api),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
