"""`arinbox ingest` as a real process: an mbox stored in batches, each message once."""

from __future__ import annotations

import mailbox
from pathlib import Path

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from arinbox.settings import Settings
from records.inbox import Message
from tests.utils.mail import build_raw
from tests.utils.processes import run_arinbox

UNIQUE = 440  # more than two batches of 200, so the last batch is a partial one


def test_an_mbox_is_stored_once_whatever_it_repeats(
    engine: Engine, settings: Settings, tmp_path: Path
) -> None:
    raws = [
        build_raw(message_id=f"<ingest-{i}@acme.example>", subject=f"Invoice {i}", body=f"#{i}")
        for i in range(UNIQUE)
    ]
    box = mailbox.mbox(tmp_path / "archive.mbox")
    for raw in [*raws, *raws[:10]]:  # the first ten exported twice
        box.add(mailbox.mboxMessage(raw))
    box.close()

    first = run_arinbox(settings, "ingest", str(tmp_path / "archive.mbox"))
    again = run_arinbox(settings, "ingest", str(tmp_path / "archive.mbox"))

    assert f"{UNIQUE} stored, 10 already known" in first
    assert f"0 stored, {UNIQUE + 10} already known" in again
    with Session(engine) as session:
        count = session.exec(select(func.count()).select_from(Message)).one()
        subjects = session.exec(select(Message.subject).order_by(col(Message.id))).all()
        sources = set(session.exec(select(Message.source)).all())
    assert count == UNIQUE
    assert subjects[0] == "Invoice 0" and subjects[-1] == f"Invoice {UNIQUE - 1}"
    assert sources == {"file"}
