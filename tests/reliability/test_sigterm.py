"""SIGTERM: the worker finishes the message in hand, leaves nothing claimed, exits 0."""

from __future__ import annotations

import signal
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from arinbox.settings import Settings
from records.inbox import Message
from tests.reliability.conftest import start_worker, store_workload
from tests.reliability.records_check import assert_exactly_once
from tests.reliability.test_kill_worker import _finished, _wait_for

# Enough that the signal lands mid-backlog even when this process is descheduled for a few
# seconds after it sees the fifth message done (60 were all drafted in that gap once, on a
# loaded machine, and the test failed while the worker behaved).
N_MESSAGES = 600


def test_sigterm_finishes_the_message_in_hand_then_exits(
    engine: Engine, model_settings: Settings, ledger: dict, workdir: Path
) -> None:
    pks = store_workload(engine, N_MESSAGES)
    proc = start_worker(model_settings, workdir)
    _wait_for(engine, 5, proc, limit_s=300)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err.decode(errors="replace")[-2000:]
    stopped_at = _finished(engine)
    assert stopped_at < N_MESSAGES  # it stopped before the backlog was done
    with Session(engine) as session:
        claimed = session.exec(select(Message.id).where(col(Message.claimed_by).is_not(None)))
        assert claimed.all() == []  # nothing is left claimed for a lease to expire
    rest = start_worker(model_settings, workdir, "--once")
    _, err = rest.communicate(timeout=600)
    assert rest.returncode == 0, err.decode(errors="replace")[-2000:]
    assert_exactly_once(engine, pks)
