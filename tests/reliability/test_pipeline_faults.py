"""Through the whole pipeline: LLM faults, a locked database, mail loops, nothing in the logs."""

from __future__ import annotations

import logging
import random
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from pydantic import SecretStr
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from agent.llm.factory import build_llm_model
from agent.local.model import load_local_model
from agent.worker import process_pending
from arinbox.settings import Settings
from records.inbox import Draft, Message, MessageState, TriageResult
from records.ledger import PaymentClaim
from records.store import store_raw_message
from tests.reliability.conftest import store_workload
from tests.utils.fake_openai import Delay, FakeOpenAI, Raw, Status, broken_tool_call, tool_calls
from tests.utils.mail import build_raw

DEFINED = {
    MessageState.drafted,
    MessageState.needs_human,
    MessageState.closed,
    MessageState.failed,
}
PROMISE = {
    "intents": ["promise_to_pay"],
    "invoices": ["INV-2026-0012"],
    "promise_date": "2026-11-27",
    "promise_amount": None,
    "language": "en",
    "confidence": 0.93,
    "evidence": [{"field": "promise_to_pay", "sentence": "we will pay INV-2026-0012"}],
}


def _llm(settings: Settings, server: FakeOpenAI) -> Settings:
    settings.model = "openai"
    settings.openai_base_url = server.base_url
    settings.openai_api_key = SecretStr("sk-test-SECRET-do-not-log-4711")
    settings.openai_model = "scripted-model"
    settings.openai_timeout_s = 0.5
    settings.openai_max_retries = 2
    return settings


def test_llm_faults_leave_every_message_in_a_defined_state(
    engine: Engine, model_settings: Settings, ledger: dict
) -> None:
    """Rate limits, 5xx, timeouts, malformed answers: triaged, fallback or needs_human."""
    rng = random.Random(11)
    faults = [
        lambda: Status(429, {"error": {"message": "slow"}}, {"Retry-After": "0"}),
        lambda: Status(500),
        lambda: Status(503),
        lambda: Delay(1.0, tool_calls(("submit_triage", PROMISE))),
        lambda: Raw("{not json"),
        lambda: broken_tool_call("record_promise", '{"invoices": ['),
        lambda: tool_calls(("submit_triage", {"intents": "nonsense"})),
        lambda: tool_calls(("submit_triage", PROMISE)),  # a good answer now and then
    ]
    with FakeOpenAI(lambda _request: rng.choice(faults)()) as server:
        settings = _llm(model_settings, server)
        pks = store_workload(engine, 24)
        model = build_llm_model(settings)
        assert process_pending(engine, model=model, settings=settings) == len(pks)
        asked = len(server.requests)
    seen: set[str] = set()
    with Session(engine) as session:
        for pk in pks:
            message = session.get(Message, pk)
            assert message is not None and message.state in DEFINED, (pk, message)
            if message.state == MessageState.failed:
                assert message.error  # the reason; `arinbox retry` puts it back
                seen.add("failed")
                continue
            triage = session.exec(
                select(TriageResult).where(TriageResult.message_id == pk, TriageResult.current)
            ).one()
            if triage.model.startswith("fallback"):
                # The local model's triage, with the LLM's failure and its reason kept.
                assert any("the LLM failed" in f for f in triage.facts["flags"]), triage.facts
            seen.add(triage.model.split(":")[0])
    assert asked >= len(pks) and "fallback" in seen, (asked, seen)


def test_a_locked_sqlite_database_delays_but_drops_nothing(
    engine: Engine, model_settings: Settings, ledger: dict
) -> None:
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite write locks only")
    pks = store_workload(engine, 12)
    path = Path(engine.url.database or "")
    blocker = sqlite3.connect(path, timeout=1, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # holds the write lock, as another writer would
    released = threading.Event()

    def release_later() -> None:
        time.sleep(3)
        blocker.rollback()
        released.set()

    threading.Thread(target=release_later, daemon=True).start()
    started = time.monotonic()
    done = process_pending(engine, model=load_local_model(model_settings), settings=model_settings)
    waited = time.monotonic() - started
    blocker.close()
    assert released.is_set() and waited >= 2.5  # it waited for the lock, it did not skip
    assert done == len(pks)
    with Session(engine) as session:
        states = [session.get(Message, pk).state for pk in pks]  # type: ignore[union-attr]
    assert all(s in DEFINED - {MessageState.failed} for s in states), states


def test_mail_loops_are_never_answered(
    engine: Engine, model_settings: Settings, ledger: dict
) -> None:
    ask = "Please send a copy of invoice INV-2026-0012 and pay INV-2026-0047 by Friday."
    loops = {
        "auto-reply": build_raw(body=ask, headers={"Auto-Submitted": "auto-replied"}),
        "auto-generated": build_raw(body=ask, headers={"Auto-Submitted": "auto-generated"}),
        "precedence": build_raw(body=ask, headers={"Precedence": "bulk"}),
        "bounce": build_raw(
            from_="Mail Delivery System <MAILER-DAEMON@acme.example>",
            subject="Undelivered Mail Returned to Sender",
            body=ask,
        ),
        "list": build_raw(body=ask, headers={"List-Id": "<ap.acme.example>"}),
        "ourselves": build_raw(from_="Accounts Receivable <ar@northwind.example>", body=ask),
        "x-autoreply": build_raw(body=ask, headers={"X-Autoreply": "yes"}),
    }
    with Session(engine) as session:
        pks = {
            name: store_raw_message(session, raw, source="file")[0].id
            for name, raw in loops.items()
        }
        session.commit()
    process_pending(engine, model=load_local_model(model_settings), settings=model_settings)
    with Session(engine) as session:
        answered = {
            name: session.get(Message, pk).state  # type: ignore[union-attr]
            for name, pk in pks.items()
            if session.exec(select(Draft).where(Draft.message_id == pk)).first() is not None
        }
    assert answered == {}


def test_a_bulk_sent_payment_advice_is_recorded_but_not_answered(
    engine: Engine, model_settings: Settings, ledger: dict
) -> None:
    """Precedence: bulk keeps a message from being answered, not from being read."""
    raw = build_raw(
        subject="Payment advice INV-2026-0012",
        body="We have paid invoice INV-2026-0012 today by bank transfer, reference PAY-88121.",
        headers={"Precedence": "bulk"},
    )
    with Session(engine) as session:
        pk = store_raw_message(session, raw, source="file")[0].id
        session.commit()
    process_pending(engine, model=load_local_model(model_settings), settings=model_settings)
    with Session(engine) as session:
        triage = session.exec(select(TriageResult).where(TriageResult.message_id == pk)).one()
        assert "payment_confirmation" in triage.intents and "auto_reply" not in triage.intents
        assert session.exec(select(PaymentClaim)).first() is not None
        assert session.exec(select(Draft).where(Draft.message_id == pk)).first() is None


def test_no_secret_and_no_message_body_in_the_logs(
    engine: Engine,
    model_settings: Settings,
    ledger: dict,
    caplog: pytest.LogCaptureFixture,
) -> None:
    body_marker = "Zebrafish-Quartz-8812 our bank is DE89370400440532013000"
    model_settings.smtp_password = SecretStr("smtp-SECRET-pw-1234")
    model_settings.secret_key = SecretStr("session-SECRET-key-5678")
    with FakeOpenAI() as server:
        settings = _llm(model_settings, server)
        server.enqueue(Status(500), Status(500), Raw("{broken"), Raw("{broken"))
        with Session(engine) as session:
            for subject in ("one", "two"):
                raw = build_raw(
                    subject=subject, body=f"We will pay INV-2026-0012 soon. {body_marker}"
                )
                store_raw_message(session, raw, source="file")
            store_raw_message(session, b"\xff\xfe" + body_marker.encode() * 3, source="file")
            session.commit()
        with caplog.at_level(logging.INFO):
            process_pending(engine, model=build_llm_model(settings), settings=settings)
    logged = caplog.text + "".join(str(vars(r)) for r in caplog.records)
    assert caplog.records  # the run did log
    for secret in (
        "sk-test-SECRET-do-not-log-4711",
        "smtp-SECRET-pw-1234",
        "session-SECRET-key-5678",
        "Zebrafish-Quartz",
        "DE89370400440532013000",
    ):
        assert secret not in logged, secret
