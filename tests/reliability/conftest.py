"""Fixtures for the reliability tests: a mixed workload, worker subprocesses, soak sizes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from arinbox.settings import Settings
from records.inbox import Draft, DraftState, Message, MessageState
from records.store import store_raw_message
from records.types import utcnow
from tests.utils.mail import build_raw
from tests.utils.processes import ROOT, arinbox_env

SOAK = os.environ.get("ARINBOX_SOAK") == "1"

# (sender, body) pairs for the test ledger's contacts: every intent that has an effect.
WORKLOAD = [
    ("Jane Doe <ap@acme.example>", "Hi, we will pay INV-2026-0012 on 2026-11-27. Jane ({n})"),
    (
        "Jane Doe <ap@acme.example>",
        "We dispute invoice INV-2026-0047: the unit price is wrong, we agreed 10% less. ({n})",
    ),
    (
        "Klaus Weber <buchhaltung@bergmann-logistik.example>",
        "Please send us a copy of invoice INV-2026-0101. Thanks ({n})",
    ),
    (
        "Compta <compta@lumiere-sarl.example>",
        "We paid invoice INV-2026-0200 yesterday by bank transfer. ({n})",
    ),
    (
        "Jane Doe <ap@acme.example>",
        "I am out of the office until Monday with limited access to e-mail. ({n})",
    ),
    (
        "Klaus Weber <buchhaltung@bergmann-logistik.example>",
        "Could we pay INV-2026-0101 in three monthly instalments? ({n})",
    ),
]


def store_workload(engine: Engine, n: int) -> list[int]:
    """Store `n` distinct messages cycling through WORKLOAD; return their primary keys."""
    pks: list[int] = []
    with Session(engine) as session:
        for i in range(n):
            sender, body = WORKLOAD[i % len(WORKLOAD)]
            raw = build_raw(from_=sender, subject=f"Invoice question {i}", body=body.format(n=i))
            message, created = store_raw_message(session, raw, source="file")
            assert created
            pks.append(message.id or 0)
        session.commit()
    return pks


def expire_leases(engine: Engine) -> int:
    """What the 5-minute lease does for a dead worker, without waiting five minutes."""
    with Session(engine) as session:
        result = session.execute(
            update(Message)
            .where(col(Message.claimed_by).is_not(None))
            .values(claimed_at=utcnow().replace(year=2000))
        )
        session.commit()
        return int(result.rowcount)  # type: ignore[attr-defined]


def worker_env(settings: Settings) -> dict[str, str]:
    """The environment a worker subprocess needs to use the test's database."""
    return arinbox_env(
        settings,
        ARINBOX_SCHEDULE_INTERVAL_S="3600",
        ARINBOX_LOG_LEVEL="WARNING",
        PYTHONPATH=str(ROOT),
    )


def start_worker(settings: Settings, cwd: Path, *args: str) -> subprocess.Popen[bytes]:
    """`arinbox worker` in a subprocess, as an operator runs it."""
    code = "from arinbox.cli import app; app(prog_name='arinbox')"
    return subprocess.Popen(
        [sys.executable, "-c", code, "worker", *args],
        cwd=cwd,
        env=worker_env(settings),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    """An empty working folder, so no `.env` or `arinbox.toml` leaks into a subprocess."""
    path = tmp_path / "cwd"
    path.mkdir()
    yield path


@pytest.fixture
def model_settings(settings: Settings, built_model_dir: Path) -> Settings:
    """The test's settings with the built local model copied into its data folder."""
    shutil.copytree(built_model_dir, settings.data_dir / "models", dirs_exist_ok=True)
    return settings


def approved_draft(
    engine: Engine,
    *,
    buyer: bytes,
    subject: str,
    body: str,
    to_addr: str,
    outgoing_message_id: str,
) -> int:
    """The buyer's message `buyer` stored with a draft a collector approved: what a sender
    picks up."""
    with Session(engine) as session:
        message, _ = store_raw_message(session, buyer, source="file")
        message.state = MessageState.approved
        session.add(message)
        session.flush()
        draft = Draft(
            message_id=message.id or 0,
            state=DraftState.approved,
            to_addr=to_addr,
            subject=subject,
            body=body,
            outgoing_message_id=outgoing_message_id,
        )
        session.add(draft)
        session.commit()
        return draft.id or 0
