"""A message's cost against the ledger's size: its account's history, the other accounts.

Each round is a fresh database with the test ledger, where the buyer's account also has
`H` paid invoices (one a day, years back) or the ledger `A` other accounts, and `--n`
invoice-copy requests waiting. One worker (in this process, the local model warmed up
first) drafts them all; the first one, which also builds the accounts' directory, is not
timed. The round with neither is the baseline, measured in the same run;
the others are quoted against it.

    python -m benchmarks.bench_account_history --n 300 --history 0,1000,5000,20000
    python -m benchmarks.bench_account_history --history 0 --accounts 20000
    python -m benchmarks.bench_account_history --database-url postgresql://…/test
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, select

from agent.pipeline import warm_up
from agent.worker import process_pending
from benchmarks.bench_imap_latency import bench_env, bench_settings, buyer_message, load_model
from records.ledger import Account, Invoice
from records.store import store_raw_message

FIRST_DAY = date(2015, 1, 1)


def _add_history(session: Session, account_id: str, paid: int) -> None:
    session.add_all(
        Invoice(
            account_id=account_id,
            number=f"HIST-{i:06d}",
            issue_date=FIRST_DAY + timedelta(days=i % 3000),
            due_date=FIRST_DAY + timedelta(days=i % 3000 + 30),
            amount=Decimal("100.00"),
            open_amount=Decimal("0.00"),
        )
        for i in range(paid)
    )


def _add_accounts(session: Session, count: int) -> None:
    session.add_all(
        Account(id=f"OTHER-{i:06d}", name=f"Other Customer {i} GmbH", domains=[f"c{i}.example"])
        for i in range(count)
    )


def _round(
    n: int, history: int, accounts: int, data_dir: Path, database_url: str | None
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="arinbox-bench-"))
    try:
        with bench_env(work, data_dir, database_url) as (settings, engine):
            with Session(engine) as session:
                named = select(Invoice).where(Invoice.number == "INV-2026-0012")
                account_id = session.exec(named).one().account_id
                _add_history(session, account_id, history)
                _add_accounts(session, accounts)
                for i in range(n):
                    store_raw_message(session, buyer_message(i, "hist"), source="bench")
                session.commit()
                if engine.dialect.name == "postgresql":
                    # What autovacuum does after a large import: the planner's statistics.
                    session.connection().execute(text("ANALYZE invoice"))
                    session.connection().execute(text("ANALYZE account"))
                    session.commit()
            model = load_model(settings, "local")
            warm_up(model, settings)
            # The first message also builds the accounts' directory (once per process and
            # change of the accounts): the figures are for the messages after it.
            process_pending(engine, model=model, settings=settings, limit=1)
            wall, cpu = time.perf_counter(), time.process_time()
            done = process_pending(engine, model=model, settings=settings)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "paid_invoices": history,
        "other_accounts": accounts,
        "drafted": done,
        "messages_per_s": round(done / wall, 1),
        "cpu_ms_per_message": round(1000 * cpu / max(done, 1), 2),
    }


def run(
    n: int,
    histories: list[int],
    accounts: list[int],
    data_dir: Path,
    database_url: str | None,
) -> dict[str, Any]:
    sizes = [(h, 0) for h in sorted({0, *histories})] + [(0, a) for a in sorted(accounts) if a]
    rounds = [_round(n, h, a, data_dir, database_url) for h, a in sizes]
    base = rounds[0]["cpu_ms_per_message"]
    for r in rounds:
        r["cpu_vs_baseline"] = round(r["cpu_ms_per_message"] / base, 2)
    return {
        "benchmark": "account_history",
        "model": "local",
        "n": n,
        "database": "postgresql" if database_url else "sqlite",
        "rounds": rounds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=300, help="messages drafted per round")
    parser.add_argument(
        "--history", default="0,1000,5000,20000", help="paid invoices on the account, per round"
    )
    parser.add_argument(
        "--accounts", default="", help="other accounts in the ledger, per extra round"
    )
    parser.add_argument("--database-url", default=None, help="PostgreSQL instead of SQLite")
    parser.add_argument("--data-dir", type=Path, default=None, help="keeps the local model")
    args = parser.parse_args()
    histories = [int(h) for h in args.history.split(",") if h.strip()]
    accounts = [int(a) for a in args.accounts.split(",") if a.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp)
        load_model(bench_settings(Path(tmp), data_dir), "local")  # built once, before any round
        print(json.dumps(run(args.n, histories, accounts, data_dir, args.database_url), indent=2))


if __name__ == "__main__":
    main()
