"""SIGKILL the worker at random moments: every message ends processed once, none lost."""

from __future__ import annotations

import json
import random
import subprocess
import time
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from agent.local.model import load_local_model
from agent.worker import process_pending
from arinbox.settings import Settings
from connectors.ledger_import import import_ledger_json
from records.db import make_engine, migrate
from records.inbox import Message
from tests.reliability.conftest import SOAK, expire_leases, start_worker, store_workload
from tests.reliability.records_check import WAITING, assert_exactly_once, effects_by_message

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
N_MESSAGES, N_KILLS = (1000, 20) if SOAK else (60, 3)


def _finished(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(
            select(func.count()).select_from(Message).where(col(Message.state).not_in(WAITING))
        ).one()


def _wait_for(engine: Engine, target: int, proc: subprocess.Popen[bytes], limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while _finished(engine) < target:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            pytest.fail(f"worker exited with {proc.returncode}: {err[-2000:]}")
        if time.monotonic() > deadline:
            pytest.fail(f"worker made no progress to {target} in {limit_s} s")
        time.sleep(0.02)


def _control(tmp_path: Path, settings: Settings, n: int) -> tuple[Engine, list[int]]:
    """The same workload processed once, in process, with no fault: what the records should be."""
    engine = make_engine(f"sqlite:///{tmp_path / 'control.sqlite'}")
    migrate(engine)
    with Session(engine) as session:
        import_ledger_json(session, json.loads((FIXTURES / "ledger.json").read_text()))
        session.commit()
    pks = store_workload(engine, n)
    process_pending(engine, model=load_local_model(settings), settings=settings)
    return engine, pks


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing_and_repeats_nothing(
    engine: Engine,
    model_settings: Settings,
    ledger: dict,
    workdir: Path,
    tmp_path: Path,
    record_property: pytest.RecordProperty,
) -> None:
    pks = store_workload(engine, N_MESSAGES)
    rng = random.Random(7)
    mid_message = 0
    kills = 0
    started = time.monotonic()
    while kills < N_KILLS:
        before = _finished(engine)
        left = N_MESSAGES - before
        if left <= 1:
            break
        proc = start_worker(model_settings, workdir)
        # Let it get going, then kill it at a random moment in the middle of its work.
        step = rng.randint(1, max(1, left // (N_KILLS - kills + 1)))
        _wait_for(engine, before + step, proc, limit_s=300)
        time.sleep(rng.uniform(0, 0.08))
        proc.kill()
        proc.wait(30)
        if proc.stderr:
            proc.stderr.close()
        kills += 1
        mid_message += expire_leases(engine) > 0
    final = start_worker(model_settings, workdir, "--once")
    _, err = final.communicate(timeout=600)
    assert final.returncode == 0, err.decode(errors="replace")[-2000:]
    elapsed = time.monotonic() - started

    assert kills == N_KILLS
    assert mid_message >= 1, "no kill landed while a message was claimed"
    assert_exactly_once(engine, pks)
    control, control_pks = _control(tmp_path, model_settings, N_MESSAGES)
    try:
        got = effects_by_message(engine, pks)
        want = effects_by_message(control, control_pks)
    finally:
        control.dispose()
    differing = [i for i, (g, w) in enumerate(zip(got, want, strict=True)) if g != w]
    assert not differing, (differing[:5], [got[i] for i in differing[:3]], want[differing[0]])
    print(
        f"\nFIGURES worker: messages={N_MESSAGES} kills={kills} mid={mid_message} s={elapsed:.0f}"
    )
    record_property(
        "kill_figures",
        {
            "messages": N_MESSAGES,
            "kills": kills,
            "mid_message": mid_message,
            "seconds": round(elapsed, 1),
        },
    )
