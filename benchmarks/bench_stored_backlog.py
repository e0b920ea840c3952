"""The workers alone on a stored backlog: N messages waiting in the database, K processes.

What bench_imap_backlog measures with the listener and Dovecot beside it, without them:
the messages are stored first, each worker process loads and warms its model, and the
clock starts when all are ready. Prints JSON: messages drafted per second, CPU per
message (the workers' own), and the SQLite write-ahead log's size at the end.

    python -m benchmarks.bench_stored_backlog --n 10000 --workers 2
    python -m benchmarks.bench_stored_backlog --n 10000 --workers 2 \
        --database-url postgresql://postgres@127.0.0.1:5432/test

`--claim-batch 1,4,16 --rounds 2` compares how many messages a worker claims at once (one
commit claims them all; agent.worker.CLAIM_BATCH): the sizes run in turn, round after
round, and each is quoted against the first size measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import shutil
import statistics
import tempfile
import time
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Event
from pathlib import Path
from typing import Any

from sqlmodel import Session

from agent import worker
from agent.pipeline import warm_up
from agent.triage import build_model
from agent.worker import process_pending
from arinbox.settings import Settings
from benchmarks.bench_imap_latency import bench_env, build_model_apart, buyer_message
from records.db import make_engine
from records.store import RawMail, store_raw_batch
from records.types import utcnow


def _worker(settings: Settings, claim_batch: int, ready: Event, go: Event, out: Queue) -> None:
    worker.CLAIM_BATCH = claim_batch
    engine = make_engine(settings.resolved_database_url)
    model = build_model(settings, "local")
    warm_up(model, settings)
    ready.set()
    go.wait()
    cpu = time.process_time()
    done = process_pending(engine, model=model, settings=settings)
    out.put((done, time.process_time() - cpu))
    engine.dispose()


def run(
    n: int,
    workers: int,
    data_dir: Path | None,
    database_url: str | None,
    claim_batch: int = worker.CLAIM_BATCH,
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="arinbox-bench-"))
    context = multiprocessing.get_context("spawn")
    try:
        with bench_env(work, data_dir, database_url) as (settings, engine):
            build_model_apart(settings, "local")
            with Session(engine) as session:
                mails = [
                    RawMail(raw=buyer_message(i, "stored"), received_at=utcnow()) for i in range(n)
                ]
                store_raw_batch(session, mails, source="imap")
                session.commit()
            go, out = context.Event(), context.Queue()
            readies = [context.Event() for _ in range(workers)]
            processes = [
                context.Process(target=_worker, args=(settings, claim_batch, ready, go, out))
                for ready in readies
            ]
            for process in processes:
                process.start()
            for ready in readies:
                ready.wait()
            started = time.perf_counter()
            go.set()
            results = [out.get() for _ in processes]
            seconds = time.perf_counter() - started
            for process in processes:
                process.join()
            done = sum(r[0] for r in results)
            wal = work / "arinbox.sqlite-wal"
            return {
                "benchmark": "stored_backlog",
                "database": "postgresql" if database_url else "sqlite",
                "n": n,
                "workers": workers,
                "claim_batch": claim_batch,
                "drafted": done,
                "seconds": round(seconds, 2),
                "drafted_per_s": round(done / seconds, 1),
                "worker_cpu_ms_per_message": round(sum(r[1] for r in results) * 1000 / done, 2),
                "sqlite_wal_mb": round(wal.stat().st_size / 1e6, 1) if wal.exists() else None,
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="messages stored before the start")
    parser.add_argument("--workers", type=int, default=2, help="worker processes")
    parser.add_argument("--data-dir", type=Path, help="keeps the local model between runs")
    parser.add_argument(
        "--database-url", help="a PostgreSQL database (a schema of its own); default SQLite"
    )
    parser.add_argument(
        "--claim-batch",
        default=str(worker.CLAIM_BATCH),
        help="messages claimed at once; a comma-separated list compares sizes",
    )
    parser.add_argument("--rounds", type=int, default=1, help="times each size runs")
    args = parser.parse_args()
    sizes = [int(size) for size in args.claim_batch.split(",")]
    database_url = args.database_url or None
    if len(sizes) == 1 and args.rounds == 1:
        result = run(args.n, args.workers, args.data_dir, database_url, sizes[0])
    else:
        result = compare_claim_batches(
            args.n, args.workers, args.data_dir, database_url, sizes, args.rounds
        )
    print(json.dumps(result, indent=2))


def compare_claim_batches(
    n: int,
    workers: int,
    data_dir: Path | None,
    database_url: str | None,
    sizes: list[int],
    rounds: int,
) -> dict[str, Any]:
    """Drafted /s per claim size, the sizes in turn round after round, each quoted against
    the first size's median."""
    rates: dict[int, list[float]] = {size: [] for size in sizes}
    for _ in range(rounds):
        for size in sizes:
            rates[size].append(run(n, workers, data_dir, database_url, size)["drafted_per_s"])
    base = statistics.median(rates[sizes[0]])
    return {
        "benchmark": "stored_backlog_claim_batch",
        "database": "postgresql" if database_url else "sqlite",
        "n": n,
        "workers": workers,
        "drafted_per_s": {str(size): rates[size] for size in sizes},
        f"median_vs_batch_{sizes[0]}": {
            str(size): round(statistics.median(rates[size]) / base, 3) for size in sizes
        },
    }


if __name__ == "__main__":
    main()
