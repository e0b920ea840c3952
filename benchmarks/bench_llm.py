"""The openai backend: round trips, input tokens and throughput against a slow model.

A scripted OpenAI-compatible server on loopback answers every request after
`--delay-ms` (default 800 ms, a realistic hosted-model latency). Messages are the
single-intent cases of the dev split; the worker keeps `--concurrency` calls in flight.
Input tokens are estimated as characters / 4 of what is sent (messages and tool
definitions): the server cannot count real tokens without the provider's tokenizer.

    python -m benchmarks.bench_llm --n 200 --concurrency 48
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import func
from sqlmodel import Session, select

from agent.llm.chat import make_chat_model
from agent.llm.model import LLMTriageModel
from agent.local.model import load_local_model
from agent.worker import process_pending
from arinbox.settings import Settings
from benchmarks.databases import create_own_schema, drop_own_schema
from connectors.ledger_import import import_ledger_json
from evals.dataset import email_to_rfc822, load_dataset
from records.db import make_engine, migrate
from records.inbox import Message, TriageResult
from records.store import store_raw_message
from tests.utils.fake_openai import Delay, FakeOpenAI, text, tool_calls

DEV = Path(__file__).resolve().parents[1] / "evals" / "datasets" / "arinbox" / "dev"


def _responder(delay_s: float):  # type: ignore[no-untyped-def]
    def answer(request: dict[str, Any]) -> Any:
        if not request.get("tools"):
            return Delay(delay_s, text("Dear customer,\n\nThank you for your message.\n"))
        submission = {
            "intents": ["statement_request"],
            "invoices": [],
            "language": "en",
            "confidence": 0.9,
            "evidence": [],
        }
        return Delay(delay_s, tool_calls(("submit_triage", submission)))

    return answer


def _engine(url: str, pool: int) -> tuple[Any, str]:
    """SQLite file, or a fresh schema of its own in the PostgreSQL database given.

    Returns the engine and the URL a worker process uses to reach the same place.
    """
    scoped = create_own_schema(url)
    if scoped == url:
        return make_engine(url), url
    return make_engine(scoped, pool_size=pool), scoped


def _drop_own_schema(engine: Any, url: str, scoped: str) -> None:
    """The schema `_engine` made for this run (PostgreSQL only), so none is left behind."""
    engine.dispose()
    drop_own_schema(url, scoped)


def _worker_processes(settings: Settings, url: str, processes: int, concurrency: int) -> None:
    """`arinbox worker --once` in `processes` processes, as an operator would run them."""
    env = {
        **os.environ,
        "ARINBOX_DATABASE_URL": url,
        "ARINBOX_DATA_DIR": str(settings.data_dir),
        "OPENAI_BASE_URL": settings.openai_base_url or "",
        "OPENAI_API_KEY": "x",
        "ARINBOX_OPENAI_MODEL": settings.openai_model,
        "ARINBOX_LOG_LEVEL": "WARNING",
    }
    command = [
        sys.executable,
        "-m",
        "arinbox",
        "worker",
        "--once",
        "--model",
        "openai",
        "--concurrency",
        str(concurrency),
    ]
    procs = [
        subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL) for _ in range(processes)
    ]
    for proc in procs:
        proc.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--delay-ms", type=float, default=800.0)
    parser.add_argument("--concurrency", type=int, default=48)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--processes", type=int, default=0, help="worker processes (0: threads in this process)"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)

    dataset = load_dataset(DEV)
    singles = [c for c in dataset.cases if len(c.expected["intents"]) == 1 and c.email]
    with tempfile.TemporaryDirectory() as tmp, FakeOpenAI(_responder(args.delay_ms / 1000)) as fake:
        settings = Settings(
            _env_file=None,
            data_dir=Path(tmp) / "var",  # type: ignore[call-arg]
            database_url=args.database_url or f"sqlite:///{tmp}/bench.sqlite",
            model="openai",
            openai_base_url=fake.base_url,
            openai_api_key=SecretStr("x"),
            openai_model="bench",
            openai_timeout_s=30,
        )
        engine, worker_url = _engine(settings.resolved_database_url, args.concurrency + 4)
        migrate(engine)
        with Session(engine) as session:
            import_ledger_json(session, dataset.ledger)
            for i in range(args.n):
                case = singles[i % len(singles)]
                raw = email_to_rfc822(
                    case.email or {}, received_at=case.received_at, case_id=f"{case.id}-{i}"
                )
                store_raw_message(session, raw, source="eval", received_at=case.received_at)
            session.commit()
        model = LLMTriageModel(make_chat_model(settings), settings=settings, fallback=None)
        if args.processes:
            load_local_model(settings)  # the workers' fallback, built once before the clock
        started = time.perf_counter()
        if args.processes:
            _worker_processes(settings, worker_url, args.processes, args.concurrency)
        elif args.concurrency == 1:  # in this thread, so a profiler sees the work
            process_pending(engine=engine, model=model, settings=settings)
        threads = [
            threading.Thread(
                target=process_pending,
                kwargs={"engine": engine, "model": model, "settings": settings},
            )
            for _ in range(args.concurrency if args.concurrency > 1 and not args.processes else 0)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - started
        requests = list(fake.requests)
        with Session(engine) as session:
            triaged = session.exec(select(func.count()).select_from(TriageResult)).one()
            messages = session.exec(select(func.count()).select_from(Message)).one()
            calls = session.exec(select(func.sum(TriageResult.llm_calls))).one() or 0
            first, last = session.exec(
                select(func.min(TriageResult.created_at), func.max(TriageResult.created_at))
            ).one()
        steady_s = (last - first).total_seconds() if first and last else 0.0
        _drop_own_schema(engine, settings.resolved_database_url, worker_url)
    triage_tokens = [
        len(json.dumps(r["messages"]) + json.dumps(r.get("tools", []))) / 4
        for r in requests
        if r.get("tools")
    ]
    all_tokens = sum(
        len(json.dumps(r["messages"]) + json.dumps(r.get("tools", []))) / 4 for r in requests
    )
    print(
        json.dumps(
            {
                "benchmark": "llm_backend",
                "messages": messages,
                "triaged": triaged,
                "delay_ms": args.delay_ms,
                "concurrency": args.concurrency,
                "elapsed_s": round(elapsed, 2),
                "processes": args.processes,
                "messages_per_s": round(triaged / elapsed, 2),
                "messages_per_s_steady": round((triaged - 1) / steady_s, 2) if steady_s else None,
                "round_trips_per_message": round(calls / max(triaged, 1), 3),
                "est_input_tokens_triage_request_p50": round(statistics.median(triage_tokens)),
                "est_input_tokens_per_message": round(all_tokens / max(triaged, 1)),
                "serial_bound_messages_per_s": round(
                    1000 / (args.delay_ms * calls / max(triaged, 1)), 2
                ),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
