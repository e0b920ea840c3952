"""Throughput and load time of the offline local triage model.

    .venv/bin/python benchmarks/bench_local_model.py [--split dev] [--rounds 3]

Prints JSON: messages_per_s on one core (parse, match and database writes excluded: the
triage call alone, with and without the corrections memory), load_s (reading the
artefact; build_s is the one-off build when the data changed), first_triage_s.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

# One core: pin the process and keep numerical libraries single-threaded.
for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="dev", help="dataset split to triage (train/dev/test)")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the split")
    parser.add_argument("--data-dir", type=Path, default=None, help="where the artefact lives")
    args = parser.parse_args()

    from sqlmodel import Session

    from agent.context import load_context
    from agent.local.corpus import DATASET_DIR
    from agent.local.model import LocalModel
    from agent.local.store import current_artefact_path, load_artefact
    from agent.match import match_account
    from agent.parse import parse_message
    from agent.references import named_invoices
    from arinbox.settings import Settings
    from connectors.ledger_import import import_ledger_json
    from evals.dataset import load_dataset
    from records.db import make_engine, migrate

    tmp = Path(tempfile.mkdtemp(prefix="bench-local-"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        data_dir=args.data_dir or ROOT / "var",
        database_url=f"sqlite:///{tmp / 'bench.sqlite'}",
    )
    started = time.perf_counter()
    path = current_artefact_path(settings)
    build_s = time.perf_counter() - started
    started = time.perf_counter()
    artefact = load_artefact(path)
    load_s = time.perf_counter() - started

    dataset = load_dataset(DATASET_DIR / args.split)
    engine = make_engine(settings.resolved_database_url)
    migrate(engine)
    inputs = []
    with Session(engine) as session:
        import_ledger_json(session, dataset.ledger)
        session.commit()
        for case in dataset.cases:
            parsed = parse_message(case.raw(), received_at=case.received_at, settings=settings)
            match, refs = match_account(session, parsed)
            context = load_context(session, match.account_id, invoices=named_invoices(refs))
            inputs.append((parsed, match, refs, context))

    bare = LocalModel(artefact)  # no settings: no corrections memory
    started = time.perf_counter()
    bare.triage(*inputs[0], inputs[0][0].received_at)
    first_s = time.perf_counter() - started
    result = {
        "split": args.split,
        "messages": len(inputs),
        "rounds": args.rounds,
        "load_s": round(load_s, 3),
        "build_s": round(build_s, 3),
        "first_triage_s": round(first_s, 3),
        **_rates("", bare, inputs, args.rounds),
        **_rates("_with_memory", LocalModel(artefact, settings), inputs, args.rounds),
        "model_version": artefact.version,
        "cpu": os.cpu_count(),
        "python": sys.version.split()[0],
        "measured_at": datetime.now().astimezone().isoformat(timespec="seconds"),
    }
    print(json.dumps(result, indent=2))  # noqa: T201 - a benchmark prints its JSON


def _rates(suffix: str, model: object, inputs: list, rounds: int) -> dict[str, float]:
    """Messages per wall-clock second and per CPU second (the latter ignores other load)."""
    triage = model.triage  # type: ignore[attr-defined]
    triage(*inputs[0], inputs[0][0].received_at)  # warm up (memory opened, patterns compiled)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for parsed, match, refs, context in inputs:
            triage(parsed, match, refs, context, parsed.received_at)
    n = rounds * len(inputs)
    return {
        f"messages_per_s{suffix}": round(n / (time.perf_counter() - wall), 1),
        f"messages_per_cpu_s{suffix}": round(n / (time.process_time() - cpu), 1),
    }


if __name__ == "__main__":
    main()
