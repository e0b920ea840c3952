"""Webhooks: hold events POSTed to the systems that send reminders, signed and retried.

Retries are a persisted schedule (`next_attempt_at`), not a loop in memory: a receiver
that is down for an hour must not hold a worker for an hour, and a restart must not lose
the schedule. That is why tenacity, which retries within one call, is not used here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import random
from datetime import datetime, timedelta

import httpx
from sqlmodel import Session, col, select

from arinbox.settings import Settings
from records.dunning import HoldEvent, WebhookDelivery
from records.types import utcnow

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Arinbox-Signature"
BASE_DELAY_S = 5.0
MAX_DELAY_S = 3600.0


def sign(secret: str, body: bytes) -> str:
    """`sha256=<hex>`: HMAC-SHA256 of the exact body bytes with the shared secret."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, signature: str) -> bool:
    """What a receiver does (and our tests do): constant-time comparison."""
    return hmac.compare_digest(sign(secret, body), signature)


def event_body(event: HoldEvent) -> bytes:
    return json.dumps(
        {"id": event.id, "created_at": event.created_at.isoformat(), **event.payload},
        sort_keys=True,
        separators=(",", ":"),
    ).encode()


def fan_out(session: Session, urls: list[str]) -> int:
    """One pending delivery per configured URL for each new event; return how many."""
    created = 0
    events = session.exec(select(HoldEvent).where(col(HoldEvent.fanned_out).is_(False))).all()
    for event in events:
        for url in urls:
            session.add(WebhookDelivery(event_id=event.id or 0, url=url))
            created += 1
        event.fanned_out = True
        session.add(event)
    session.commit()
    return created


def backoff(attempts: int) -> timedelta:
    """Exponential with full jitter, capped at an hour."""
    ceiling = min(MAX_DELAY_S, BASE_DELAY_S * 2 ** max(attempts - 1, 0))
    return timedelta(seconds=random.uniform(ceiling / 2, ceiling))  # noqa: S311


def deliver_due(
    session: Session, settings: Settings, client: httpx.Client, now: datetime | None = None
) -> tuple[int, int]:
    """POST every delivery that is due; return (delivered, failed attempts)."""
    now = now or utcnow()
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    due = session.exec(
        select(WebhookDelivery)
        .where(WebhookDelivery.status == "pending", col(WebhookDelivery.next_attempt_at) <= now)
        .order_by(col(WebhookDelivery.id))
    ).all()
    delivered = failed = 0
    for delivery in due:
        event = session.get(HoldEvent, delivery.event_id)
        if event is None:
            continue
        body = event_body(event)
        headers = {
            "Content-Type": "application/json",
            "X-Arinbox-Event": event.event,
            "X-Arinbox-Delivery": str(delivery.id),
            SIGNATURE_HEADER: sign(secret, body),
        }
        delivery.attempts += 1
        try:
            response = client.post(delivery.url, content=body, headers=headers)
            delivery.last_status_code = response.status_code
            ok = 200 <= response.status_code < 300
            delivery.last_error = None if ok else response.text[:500]
        except httpx.HTTPError as exc:
            ok = False
            delivery.last_error = f"{type(exc).__name__}: {exc}"[:500]
        if ok:
            delivery.status = "delivered"
            delivery.delivered_at = utcnow()
            delivered += 1
        else:
            failed += 1
            if delivery.attempts >= settings.webhook_max_attempts:
                delivery.status = "failed"
            else:
                delivery.next_attempt_at = now + backoff(delivery.attempts)
            log.warning(
                "webhook delivery failed",
                extra={"delivery": delivery.id, "attempts": delivery.attempts},
            )
        session.add(delivery)
        session.commit()
    return delivered, failed


def replay(session: Session, delivery_id: int) -> WebhookDelivery | None:
    """Send a delivery again (a receiver lost it, or it failed for good)."""
    delivery = session.get(WebhookDelivery, delivery_id)
    if delivery is None:
        return None
    delivery.status = "pending"
    delivery.next_attempt_at = utcnow()
    session.add(delivery)
    session.commit()
    return delivery


def run_once(
    session: Session, settings: Settings, client: httpx.Client | None = None
) -> tuple[int, int]:
    """Fan out new events and deliver what is due."""
    fan_out(session, settings.webhook_urls)
    own = client is None
    client = client or httpx.Client(timeout=10.0)
    try:
        return deliver_due(session, settings, client)
    finally:
        if own:
            client.close()
