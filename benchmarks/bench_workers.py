"""Scale-out on PostgreSQL: one worker process against two, same backlog, same run.

Each round gets a fresh schema holding the dev split's ledger and `--n` messages
(the dev cases, repeated with unique Message-IDs), then `arinbox worker --once` runs in
1 and in 2 processes. Checked every round: every message processed exactly once (one
triage each, none left waiting, no message triaged twice).

    python -m benchmarks.bench_workers --n 1000 --database-url postgresql://…/test
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, text
from sqlmodel import Session, col, select

from arinbox.settings import Settings
from connectors.ledger_import import import_ledger_json
from evals.dataset import email_to_rfc822, load_dataset
from records.db import make_engine, migrate
from records.inbox import Message, TriageResult
from records.store import store_raw_message

DEV = Path(__file__).resolve().parents[1] / "evals" / "datasets" / "arinbox" / "dev"


def _seed(url: str, schema: str, n: int) -> str:
    admin = make_engine(url)
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    scoped = f"{url}?options=-csearch_path%3D{schema}"
    engine = make_engine(scoped)
    migrate(engine)
    dataset = load_dataset(DEV)
    cases = [c for c in dataset.cases if c.email]
    with Session(engine) as session:
        import_ledger_json(session, dataset.ledger)
        for i in range(n):
            case = cases[i % len(cases)]
            raw = email_to_rfc822(
                case.email or {}, received_at=case.received_at, case_id=f"{case.id}-{i}"
            )
            store_raw_message(session, raw, source="eval", received_at=case.received_at)
        session.commit()
    engine.dispose()
    return scoped


def _round(url: str, n: int, workers: int, data_dir: Path) -> dict[str, Any]:
    schema = f"bench_w{workers}_{int(time.time())}"
    scoped = _seed(url, schema, n)
    env = {
        **os.environ,
        "ARINBOX_DATABASE_URL": scoped,
        "ARINBOX_DATA_DIR": str(data_dir),
        "ARINBOX_MODEL": "local",
        "ARINBOX_LOG_LEVEL": "WARNING",
    }
    started = time.perf_counter()
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "arinbox", "worker", "--once"],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        for _ in range(workers)
    ]
    codes = [p.wait() for p in procs]
    elapsed = time.perf_counter() - started
    engine = make_engine(scoped)
    with Session(engine) as session:
        triages = session.exec(select(func.count()).select_from(TriageResult)).one()
        per_message = session.exec(
            select(TriageResult.message_id, func.count())
            .group_by(TriageResult.message_id)
            .having(func.count() > 1)
        ).all()
        waiting = session.exec(
            select(func.count())
            .select_from(Message)
            .where(col(Message.state).in_(["received", "parsed"]))
        ).one()
        failed = session.exec(
            select(func.count()).select_from(Message).where(Message.state == "failed")
        ).one()
    engine.dispose()
    with make_engine(url).begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    return {
        "workers": workers,
        "exit_codes": codes,
        "elapsed_s": round(elapsed, 2),
        "messages_per_s": round(n / elapsed, 2),
        "triaged": triages,
        "failed": failed,
        "left_waiting": waiting,
        "processed_twice": len(per_message),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "ARINBOX_BENCH_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
        ),
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp)
        # Build the local model once, so neither round pays for it.
        from agent.local.model import load_local_model

        load_local_model(Settings(_env_file=None, data_dir=data_dir))  # type: ignore[call-arg]
        one = _round(args.database_url, args.n, 1, data_dir)
        two = _round(args.database_url, args.n, 2, data_dir)
    print(
        json.dumps(
            {
                "benchmark": "workers_postgresql",
                "n": args.n,
                "one": one,
                "two": two,
                "speedup": round(two["messages_per_s"] / one["messages_per_s"], 2),
                "exactly_once": all(
                    r["processed_twice"] == 0 and r["left_waiting"] == 0 and r["triaged"] == args.n
                    for r in (one, two)
                ),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
