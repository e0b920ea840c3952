"""A bounce through the pipeline: whose address failed, and work only for our customers.

A reply we sent that bounces finds its account by the returned Message-ID; a reminder
sent by the ERP finds it by the failed contact's address; backscatter from spam that
forged our address finds nobody and leaves no task.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, select

from agent.local.model import LocalModel, load_local_model
from agent.pipeline import process_message
from agent.schema import CaseOutcome
from arinbox.settings import Settings
from records.inbox import Draft, DraftState, Message
from records.ledger import Task
from records.store import store_raw_message
from tests.agent.test_parse_bounces import DSN
from tests.utils.mail import build_raw

RECEIVED = datetime(2026, 11, 16, 9, 12, tzinfo=UTC)


@pytest.fixture
def model(built_model_dir: Path, settings: Settings) -> LocalModel:
    built = Settings(_env_file=None, environment="test", data_dir=built_model_dir.parent)  # type: ignore[call-arg]
    return LocalModel(load_local_model(built).artefact, settings)


def receive(session: Session, model: LocalModel, settings: Settings, raw: bytes) -> CaseOutcome:
    message, _ = store_raw_message(session, raw, source="imap", received_at=RECEIVED)
    session.commit()
    return process_message(session, message, model=model, settings=settings)


def sent_reply(session: Session, outgoing_id: str) -> None:
    """A buyer's message of ACME with the reply we sent to it."""
    buyer, _ = store_raw_message(session, build_raw(body="We will pay on Friday."), source="file")
    buyer.account_id = "ACME"
    session.add(buyer)
    session.flush()
    session.add(
        Draft(
            message_id=buyer.id or 0,
            state=DraftState.sent,
            to_addr="ap@acme.example",
            outgoing_message_id=outgoing_id,
        )
    )
    session.commit()


def test_our_reply_that_bounced_is_a_task_on_its_account(
    session: Session, ledger: dict, model: LocalModel, settings: Settings
) -> None:
    sent_reply(session, "<reply-1@northwind.example>")
    outcome = receive(session, model, settings, DSN)
    assert outcome.account == "ACME" and not outcome.verified and not outcome.needs_human
    assert outcome.draft_id is None  # never an answer to a mail server
    task = session.exec(select(Task)).one()
    assert (task.kind, task.account_id) == ("follow_up", "ACME")
    assert task.title == "Our e-mail to ap@acme.example bounced: check the contact"
    assert task.details["returned_message_id"] == "<reply-1@northwind.example>"


def test_a_bounce_of_the_erps_reminder_finds_the_account_by_the_failed_contact(
    session: Session, ledger: dict, model: LocalModel, settings: Settings
) -> None:
    raw = DSN.replace(b"<reply-1@northwind.example>", b"<erp-dunning-77@erp.northwind.example>")
    outcome = receive(session, model, settings, raw)
    assert outcome.account == "ACME" and not outcome.verified
    assert session.exec(select(Task)).one().account_id == "ACME"


def test_backscatter_finds_nobody_and_leaves_no_task(
    session: Session, ledger: dict, model: LocalModel, settings: Settings
) -> None:
    raw = (
        DSN.replace(b"<reply-1@northwind.example>", b"<spam-1@forged.example>")
        .replace(b"AP@acme.example", b"victim@stranger.example")
        .replace(b"mx.acme.example", b"mx.stranger.example")
    )
    outcome = receive(session, model, settings, raw)
    assert outcome.account is None and not outcome.needs_human
    assert session.exec(select(Task)).all() == []
    message = session.exec(select(Message).where(Message.subject.startswith("Delivery"))).one()  # type: ignore[union-attr]
    assert message.state == "closed"
