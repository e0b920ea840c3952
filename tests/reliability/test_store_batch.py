"""The listener's batch store keeps messages exactly as the one-at-a-time store does."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from records.store import RawMail, store_raw_batch, store_raw_message
from tests.utils.mail import build_raw

RECEIVED = datetime(2026, 11, 20, 8, 30, tzinfo=UTC)
# Columns that differ between two stored messages by definition.
OWN = {"id", "raw", "raw_sha256", "message_id", "created_at", "updated_at"}


def _rows(engine: Engine) -> list[dict[str, object]]:
    """Every stored message as the database holds it (JSON as text, NULL as None)."""
    with engine.connect() as connection:
        result = connection.execute(text("SELECT * FROM message ORDER BY id"))
        return [dict(row._mapping) for row in result]


def test_a_batch_stores_every_column_as_one_at_a_time_does(engine: Engine) -> None:
    one = build_raw(message_id="<one@acme.example>", subject="Copy of INV-1", body="Please.")
    batched = build_raw(message_id="<two@acme.example>", subject="Copy of INV-1", body="Please.")
    with Session(engine) as session:
        store_raw_message(
            session, one, source="imap", mailbox="ar", imap_uid=7, received_at=RECEIVED
        )
        created = store_raw_batch(
            session, [RawMail(batched, 7, RECEIVED)], source="imap", mailbox="ar"
        )
        session.commit()
    assert created == 1
    first, second = _rows(engine)
    assert {k: v for k, v in first.items() if k not in OWN} == {
        k: v for k, v in second.items() if k not in OWN
    }
    assert second["message_id"] == "<two@acme.example>" and second["raw"] == batched
    assert second["state"] == "received" and second["subject"] == "Copy of INV-1"


def test_a_batch_stores_each_message_once(engine: Engine) -> None:
    earlier = build_raw(message_id="<earlier@acme.example>", body="Stored before.")
    a = build_raw(message_id="<a@acme.example>", body="A")
    b = build_raw(message_id="<b@acme.example>", body="B")
    b_again = b.replace(b"B", b"B, with a header a server added", 1)
    no_id = build_raw(body="No Message-ID header").replace(b"Message-ID:", b"X-Gone:", 1)
    with Session(engine) as session:
        store_raw_message(session, earlier, source="imap")
        session.commit()
        mails = [RawMail(m) for m in (a, a, b, b_again, earlier, no_id, no_id)]
        created = store_raw_batch(session, mails, source="imap")
        session.commit()
        # The same batch again (a restart before the cursor moved): nothing new.
        again = store_raw_batch(session, mails, source="imap")
        session.commit()
    assert (created, again) == (3, 0)
    stored = _rows(engine)
    assert [r["message_id"] for r in stored] == [
        "<earlier@acme.example>",
        "<a@acme.example>",
        "<b@acme.example>",
        None,
    ]
    assert stored[2]["raw"] == b  # the first of two with one Message-ID is kept
