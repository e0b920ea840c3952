"""Where a worker's CPU goes per message, next to the raw FETCH + parse loop of the backlog goal.

    python -m benchmarks.bench_worker_phases [--n 2000]

Takes N benchmark messages (the backlog's) through each phase on its own, one phase over
all messages before the next, on SQLite with the test ledger: the standard library's
parse (what the raw loop does), arinbox's parse, the account match, loading the account's
records, the local model's triage, and then the whole pipeline (acting, drafting, every
write and commit) on N freshly stored messages. Prints JSON: CPU ms per message per phase,
and the part of the whole that reading (parse, match, records, triage) takes.

The backlog goal (issue: drafted >= 50 % of the raw rate) gives a worker, on two cores,
about 4 x the raw loop's time per message; `raw_loop_ms` is an input (from
bench_imap_backlog's `raw` figure of the same machine), so the budget can be printed.
"""

from __future__ import annotations

import argparse
import email
import json
import shutil
import tempfile
import time
from collections.abc import Callable
from email import policy
from pathlib import Path
from typing import Any

from sqlmodel import Session

from agent.context import load_context
from agent.match import match_account
from agent.parse import parse_message
from agent.pipeline import warm_up
from agent.references import named_invoices
from agent.triage import build_model
from agent.worker import process_pending
from benchmarks.bench_imap_latency import bench_env, build_model_apart, buyer_message
from records.store import RawMail, store_raw_batch
from records.types import utcnow


def cpu_ms_per(n: int, work: Callable[[], object]) -> float:
    started = time.process_time()
    work()
    return round((time.process_time() - started) * 1000 / n, 3)


def run(n: int, raw_loop_ms: float | None, data_dir: Path | None) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="arinbox-bench-"))
    try:
        with bench_env(work, data_dir) as (settings, engine):
            build_model_apart(settings, "local")
            model = build_model(settings, "local")
            warm_up(model, settings)
            raws = [buyer_message(i, "phases") for i in range(n)]
            now = utcnow()
            phases: dict[str, float] = {}
            phases["stdlib_parse"] = cpu_ms_per(
                n, lambda: [email.message_from_bytes(r, policy=policy.default) for r in raws]
            )
            parsed = [parse_message(r, received_at=now, settings=settings) for r in raws]
            phases["arinbox_parse"] = cpu_ms_per(
                n, lambda: [parse_message(r, received_at=now, settings=settings) for r in raws]
            )
            with Session(engine) as session:
                matches = [match_account(session, p) for p in parsed]
                phases["match"] = cpu_ms_per(n, lambda: [match_account(session, p) for p in parsed])
                contexts = [
                    load_context(session, m.account_id, None, invoices=named_invoices(refs))
                    for m, refs in matches
                ]
                phases["account_records"] = cpu_ms_per(
                    n,
                    lambda: [
                        load_context(session, m.account_id, None, invoices=named_invoices(refs))
                        for m, refs in matches
                    ],
                )
                phases["triage"] = cpu_ms_per(
                    n,
                    lambda: [
                        model.triage(p, m, refs, c, now)  # type: ignore[attr-defined]
                        for p, (m, refs), c in zip(parsed, matches, contexts, strict=True)
                    ],
                )
                store_raw_batch(
                    session, [RawMail(raw=r, received_at=now) for r in raws], source="imap"
                )
                session.commit()
            phases["whole_pipeline"] = cpu_ms_per(
                n, lambda: process_pending(engine, model=model, settings=settings)
            )
    finally:
        shutil.rmtree(work, ignore_errors=True)
    reading = sum(phases[k] for k in ("arinbox_parse", "match", "account_records", "triage"))
    result: dict[str, Any] = {
        "benchmark": "worker_phases",
        "n": n,
        "cpu_ms_per_message": phases,
        "reading_ms": round(reading, 3),
        "reading_share_of_whole": round(reading / phases["whole_pipeline"], 2),
    }
    if raw_loop_ms:
        # 50 % of the raw rate on two cores: each message may take 2 / (0.5 / raw) ms of CPU,
        # less what the listener spends storing it (measured apart; not subtracted here).
        result["budget_ms_two_cores"] = round(4 * raw_loop_ms, 3)
        result["whole_over_budget"] = round(phases["whole_pipeline"] / (4 * raw_loop_ms), 2)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000, help="messages per phase")
    parser.add_argument(
        "--raw-loop-ms", type=float, help="ms per message of bench_imap_backlog's raw loop"
    )
    parser.add_argument("--data-dir", type=Path, help="keeps the local model between runs")
    args = parser.parse_args()
    print(json.dumps(run(args.n, args.raw_loop_ms, args.data_dir), indent=2))


if __name__ == "__main__":
    main()
