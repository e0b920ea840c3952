"""Eval runs kept as `EvalRun` rows, so runs can be listed, compared and re-rendered."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from evals.compare import Comparison, compare_runs
from evals.runner import RunResult
from records.inbox import EvalRun


def save_run(session: Session, result: RunResult) -> EvalRun:
    """Store `result` (metrics and per-case correctness) and return the row with its id."""
    row = EvalRun(
        dataset=result.dataset,
        dataset_hash=result.dataset_hash,
        model=result.model,
        model_version=result.model_version,
        prompt_version=result.prompt_version,
        n_cases=len(result.cases),
        metrics={**result.metrics, "duration_s": result.duration_s},
        cases=result.cases,
        created_at=result.started_at,
    )
    session.add(row)
    session.commit()
    session.refresh(row)
    return row


def list_runs(session: Session, *, limit: int = 20, dataset: str | None = None) -> list[EvalRun]:
    """The newest runs first, optionally only those whose dataset path contains `dataset`."""
    query = select(EvalRun).order_by(col(EvalRun.created_at).desc(), col(EvalRun.id).desc())
    if dataset:
        query = query.where(col(EvalRun.dataset).contains(dataset))
    return list(session.exec(query.limit(limit)))


class RunNotFound(LookupError):
    """No EvalRun has that id."""


def get_run(session: Session, run_id: int) -> EvalRun:
    row = session.get(EvalRun, run_id)
    if row is None:
        raise RunNotFound(f"no eval run #{run_id} (see `arinbox eval history`)")
    return row


def run_as_dict(row: EvalRun) -> dict[str, Any]:
    """A stored run in the shape the reports take."""
    return {
        "id": row.id,
        "dataset": row.dataset,
        "dataset_hash": row.dataset_hash,
        "model": row.model,
        "model_version": row.model_version,
        "prompt_version": row.prompt_version,
        "created_at": row.created_at.isoformat(timespec="seconds"),
        "metrics": row.metrics,
        "cases": row.cases,
    }


def compare_stored(session: Session, run_a: int, run_b: int) -> tuple[EvalRun, EvalRun, Comparison]:
    """Compare two stored runs (A is the baseline, deltas are B − A)."""
    a, b = get_run(session, run_a), get_run(session, run_b)
    comparison = compare_runs(
        a.metrics, a.cases, b.metrics, b.cases, same_dataset=a.dataset_hash == b.dataset_hash
    )
    return a, b, comparison
