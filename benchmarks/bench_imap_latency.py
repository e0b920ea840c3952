"""Append → draft latency through a real Dovecot, the IMAP listener and the worker.

Starts a throwaway Dovecot on loopback (the test suite's harness; needs `dovecot-imapd`),
a SQLite database with the test ledger, the listener (a thread) and worker processes, then
APPENDs N messages at a steady pace and watches for each message's draft row. Prints JSON.

    python -m benchmarks.bench_imap_latency --n 200 --rate 5 --model scripted

`--model local` uses the offline local model (built on first use from the labelled
examples, which takes minutes: pass `--data-dir` to keep it between runs). `scripted`
answers every message as an invoice-copy request, so the figure is the mailbox path plus
parse, match, act and draft (the invoice copy named, made later) without model time.
`--database-url postgresql://…` runs on a PostgreSQL schema of its own; `--worker-poll-s
0.5` makes the workers poll as `arinbox worker` does (on PostgreSQL they also wake on
NOTIFY).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import statistics
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from agent.context import AccountContext
from agent.references import Reference
from agent.schema import AccountMatch, ParsedMessage, Triage
from agent.triage import TriageModel, build_model
from agent.worker import run_forever
from arinbox.settings import Settings
from benchmarks.databases import own_database
from connectors.imap_listener import ImapListener
from connectors.ledger_import import import_ledger_json
from records.db import make_engine, migrate
from records.inbox import Draft, Message, MessageState
from tests.connectors.conftest import DovecotServer, start_dovecot
from tests.utils.mail import build_raw

ROOT = Path(__file__).resolve().parents[1]
DONE_STATES = {
    MessageState.drafted,
    MessageState.needs_human,
    MessageState.closed,
    MessageState.failed,
}


class ScriptedCopyRequests:
    """Every message is an invoice-copy request for INV-2026-0012 (no model time)."""

    name = "scripted"
    version = "scripted-1"

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage:
        return Triage(
            intents=["invoice_copy_request"],
            invoices=["INV-2026-0012"],
            confidence=0.95,
            language="en",
        )


def load_model(settings: Settings, kind: str) -> TriageModel:
    return ScriptedCopyRequests() if kind == "scripted" else build_model(settings, kind)


def buyer_message(i: int, tag: str) -> bytes:
    return build_raw(
        subject=f"Copy of invoice INV-2026-0012 ({i})",
        body=(
            "Hello,\n\ncould you please send us a copy of invoice INV-2026-0012? "
            f"Our PO is PO-7781.\n\nThanks,\nJane ({tag}-{i})"
        ),
        message_id=f"<bench-{tag}-{i}@acme.example>",
    )


@contextmanager
def bench_env(
    work: Path, data_dir: Path | None = None, database_url: str | None = None
) -> Iterator[tuple[Settings, Engine]]:
    """Settings and a migrated database with the test ledger: SQLite in `work`, or a
    PostgreSQL schema of its own in `database_url` (dropped at the end)."""
    with own_database(database_url or f"sqlite:///{work / 'arinbox.sqlite'}") as url:
        settings = bench_settings(work, data_dir, url)
        engine = make_engine(settings.resolved_database_url)
        migrate(engine)
        with Session(engine) as session:
            ledger = json.loads((ROOT / "tests/fixtures/ledger.json").read_text())
            import_ledger_json(session, ledger)
            session.commit()
        try:
            yield settings, engine
        finally:
            engine.dispose()


def bench_settings(work: Path, data_dir: Path | None = None, url: str | None = None) -> Settings:
    """A database in `work` (or at `url`); `data_dir` keeps the local model between runs."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        data_dir=data_dir or work / "var",
        database_url=url or f"sqlite:///{work / 'arinbox.sqlite'}",
    )


def _worker_process(settings: Settings, model_kind: str, poll_s: float = 0.05) -> None:
    """One worker process, as `arinbox listen --with-worker` runs it (SIGTERM stops it);
    `arinbox worker` polls every 0.5 s (on PostgreSQL it also wakes on NOTIFY)."""
    engine = make_engine(settings.resolved_database_url)
    run_forever(engine, model=load_model(settings, model_kind), settings=settings, idle_s=poll_s)


@contextmanager
def arinbox_running(
    server: DovecotServer,
    folder: str,
    engine: Engine,
    settings: Settings,
    model_kind: str,
    workers: int = 1,
    poll_s: float = 0.05,
) -> Iterator[ImapListener]:
    """The listener (a thread here) and `workers` worker processes, stopped on exit."""
    stop = threading.Event()
    listener = ImapListener(server.mailbox(folder, idle_check_s=1.0), engine, stop=stop)
    thread = threading.Thread(target=listener.run, daemon=True)
    context = multiprocessing.get_context("spawn")
    processes = [
        context.Process(target=_worker_process, args=(settings, model_kind, poll_s))
        for _ in range(workers)
    ]
    for process in processes:
        process.start()
    thread.start()
    listener.worker_pids = [p.pid for p in processes]  # type: ignore[attr-defined]
    try:
        yield listener
    finally:
        stop.set()
        listener.worker_peak_rss_mb = [  # type: ignore[attr-defined]
            peak_rss_mb(p.pid) for p in processes if p.pid is not None
        ]
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(timeout=60)
        thread.join(timeout=60)


def peak_rss_mb(pid: int | None = None) -> float:
    """A process's peak resident set (VmHWM), in MB; this process when `pid` is None."""
    status = Path(f"/proc/{pid or 'self'}/status")
    try:
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)  # kB
    except OSError:
        pass
    return 0.0


def build_model_apart(settings: Settings, kind: str) -> None:
    """Build the local model's artefact in a child process, so its fitting (scikit-learn,
    hundreds of MB) does not count in the measuring process's peak memory."""
    if kind not in ("local", "hybrid"):
        return
    context = multiprocessing.get_context("spawn")
    builder = context.Process(target=load_model, args=(settings, kind))
    builder.start()
    builder.join()


def count_done(engine: Engine) -> tuple[int, int, int]:
    """(stored, processed to a resting state, drafts)."""
    with Session(engine) as session:
        stored = session.exec(select(func.count()).select_from(Message)).one()
        done = session.exec(
            select(func.count()).select_from(Message).where(col(Message.state).in_(DONE_STATES))
        ).one()
        drafts = session.exec(select(func.count()).select_from(Draft)).one()
    return stored, done, drafts


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def _watch(
    engine: Engine, stored_at: dict[str, float], drafted_at: dict[str, float], stop: threading.Event
) -> None:
    """Note when each message's row, then its draft row, first becomes visible (committed)."""
    while not stop.is_set():
        with Session(engine) as session:
            stored = session.exec(select(Message.message_id)).all()
            drafted = session.exec(
                select(Message.message_id).join(Draft, col(Draft.message_id) == col(Message.id))
            ).all()
        now = time.time()
        for rows, seen_at in ((stored, stored_at), (drafted, drafted_at)):
            for message_id in rows:
                if message_id and message_id not in seen_at:
                    seen_at[message_id] = now
        stop.wait(0.02)


def _summary(appended_at: dict[str, float], seen_at: dict[str, float]) -> dict[str, Any]:
    latencies = [seen_at[m] - t for m, t in appended_at.items() if m in seen_at]
    return {
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "max": max(latencies) if latencies else None,
        "mean": statistics.fmean(latencies) if latencies else None,
        "missing": len(appended_at) - len(latencies),
    }


def run(
    n: int,
    rate: float,
    model_kind: str,
    workers: int = 1,
    data_dir: Path | None = None,
    database_url: str | None = None,
    poll_s: float = 0.05,
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="arinbox-bench-"))
    try:
        with (
            start_dovecot() as server,
            bench_env(work, data_dir, database_url) as (settings, engine),
        ):
            load_model(settings, model_kind)  # built once here, not by each worker
            folder = server.new_folder()
            appended_at: dict[str, float] = {}
            stored_at: dict[str, float] = {}
            drafted_at: dict[str, float] = {}
            watch_stop = threading.Event()
            watcher = threading.Thread(
                target=_watch, args=(engine, stored_at, drafted_at, watch_stop), daemon=True
            )
            running = arinbox_running(server, folder, engine, settings, model_kind, workers, poll_s)
            with running as listener:
                deadline = time.monotonic() + 30
                while not listener.connected.is_set() and time.monotonic() < deadline:
                    time.sleep(0.05)
                # Warm up: the worker processes load the model and their imports first.
                with server.client() as client:
                    client.append(folder, buyer_message(0, "warmup"))
                deadline = time.monotonic() + 900
                while count_done(engine)[2] < 1 and time.monotonic() < deadline:
                    time.sleep(0.1)
                watcher.start()
                started = time.monotonic()
                with server.client() as client:
                    for i in range(n):
                        target = started + i / rate
                        time.sleep(max(0.0, target - time.monotonic()))
                        appended_at[f"<bench-lat-{i}@acme.example>"] = time.time()
                        client.append(folder, buyer_message(i, "lat"))
                deadline = time.monotonic() + 120
                while not appended_at.keys() <= drafted_at.keys() and time.monotonic() < deadline:
                    time.sleep(0.05)
                watch_stop.set()
                watcher.join(timeout=5)
            stored, done, drafts = (x - 1 for x in count_done(engine))  # less the warm-up
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "benchmark": "imap_latency",
        "model": model_kind,
        "n": n,
        "rate_per_s": rate,
        "workers": workers,
        "worker_poll_s": poll_s,
        "database": "postgresql" if database_url else "sqlite",
        "stored": stored,
        "processed": done,
        "drafts": drafts,
        "append_to_stored_s": _summary(appended_at, stored_at),
        "append_to_draft_s": _summary(appended_at, drafted_at),
        "goal_p95_s": 1.5,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200, help="messages to append")
    parser.add_argument("--rate", type=float, default=5.0, help="appends per second")
    parser.add_argument("--model", default="scripted", help="scripted, local, openai, hybrid")
    parser.add_argument("--workers", type=int, default=1, help="worker threads")
    parser.add_argument("--data-dir", type=Path, help="keeps the local model between runs")
    parser.add_argument("--database-url", help="a PostgreSQL URL (a schema of its own is used)")
    parser.add_argument(
        "--worker-poll-s", type=float, default=0.05, help="an idle worker's poll interval"
    )
    args = parser.parse_args()
    result = run(
        args.n,
        args.rate,
        args.model,
        args.workers,
        args.data_dir,
        args.database_url,
        args.worker_poll_s,
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
