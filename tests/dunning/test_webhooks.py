from __future__ import annotations

from datetime import timedelta

import httpx
from pydantic import SecretStr
from sqlmodel import Session, select

from arinbox.settings import Settings
from connectors import webhooks
from records.dunning import HoldEvent, WebhookDelivery
from records.ledger import DunningHold
from records.types import utcnow
from tests.dunning.conftest import Receiver, act, buyer_message

SECRET = "s3cret-shared-with-the-erp"


def _configure(settings: Settings, receiver: Receiver) -> Settings:
    settings.webhook_urls = [receiver.url]
    settings.webhook_secret = SecretStr(SECRET)
    return settings


def test_a_hold_change_is_an_event_in_the_same_transaction(
    session: Session, ledger: dict, settings: Settings
) -> None:
    message = buyer_message(session)
    act(
        session,
        settings,
        message,
        "open_dispute",
        {"invoices": ["INV-2026-0012"], "reason": "pricing"},
    )
    events = session.exec(select(HoldEvent)).all()
    assert [e.event for e in events] == ["hold.started"]
    assert events[0].payload["invoice"] == "INV-2026-0012"
    assert events[0].payload["customer_number"] == "C-10023"
    hold = session.exec(select(DunningHold)).one()
    hold.active = False
    hold.end_reason = "test"
    session.add(hold)
    session.rollback()  # a change rolled back leaves no event behind
    assert len(session.exec(select(HoldEvent)).all()) == 1


def test_delivery_is_signed_retried_after_a_500_and_replayable(
    session: Session, ledger: dict, settings: Settings, receiver: Receiver
) -> None:
    _configure(settings, receiver)
    message = buyer_message(session)
    act(
        session,
        settings,
        message,
        "record_promise",
        {"invoices": ["INV-2026-0012"], "date": "2026-11-20"},
    )
    receiver.codes = [500]
    with httpx.Client(timeout=5) as client:
        assert webhooks.run_once(session, settings, client) == (0, 1)
        delivery = session.exec(select(WebhookDelivery)).one()
        assert delivery.status == "pending" and delivery.attempts == 1
        assert delivery.last_status_code == 500
        assert delivery.next_attempt_at > utcnow()
        # Not yet due: nothing is sent.
        assert webhooks.deliver_due(session, settings, client) == (0, 0)
        later = utcnow() + timedelta(hours=2)
        assert webhooks.deliver_due(session, settings, client, now=later) == (1, 0)
        session.refresh(delivery)
        assert delivery.status == "delivered" and delivery.attempts == 2

        headers, body = receiver.requests[-1]
        assert webhooks.verify(SECRET, body, headers["x-arinbox-signature"])
        assert not webhooks.verify("another secret", body, headers["x-arinbox-signature"])
        assert headers["x-arinbox-event"] == "hold.started"
        event = receiver.events()[-1]
        assert event["invoice"] == "INV-2026-0012" and event["until_date"] == "2026-11-23"

        webhooks.replay(session, delivery.id or 0)
        assert webhooks.deliver_due(session, settings, client) == (1, 0)
    assert len(receiver.requests) == 3
    assert receiver.requests[-1][1] == body  # a replay sends the same signed body


def test_gives_up_after_max_attempts(
    session: Session, ledger: dict, settings: Settings, receiver: Receiver
) -> None:
    _configure(settings, receiver)
    settings.webhook_max_attempts = 2
    act(
        session,
        settings,
        buyer_message(session),
        "open_dispute",
        {"invoices": ["INV-2026-0047"], "reason": "quantity"},
    )
    receiver.codes = [503, 503]
    far = utcnow() + timedelta(days=1)
    with httpx.Client(timeout=5) as client:
        webhooks.run_once(session, settings, client)
        webhooks.deliver_due(session, settings, client, now=far)
    delivery = session.exec(select(WebhookDelivery)).one()
    assert delivery.status == "failed" and delivery.attempts == 2


def test_an_ended_hold_is_announced(
    session: Session, ledger: dict, settings: Settings, receiver: Receiver
) -> None:
    _configure(settings, receiver)
    act(
        session,
        settings,
        buyer_message(session),
        "open_dispute",
        {"invoices": ["INV-2026-0012"], "reason": "damaged"},
    )
    hold = session.exec(select(DunningHold)).one()
    hold.active = False
    hold.ended_at = utcnow()
    hold.end_reason = "collector ended it"
    session.add(hold)
    session.commit()
    with httpx.Client(timeout=5) as client:
        webhooks.run_once(session, settings, client)
    kinds = [e["event"] for e in receiver.events()]
    assert kinds == ["hold.started", "hold.ended"]
    assert receiver.events()[1]["end_reason"] == "collector ended it"
