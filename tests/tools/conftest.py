"""Fixtures for the tool tests: a stored message and a ToolContext factory over the ledger."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlmodel import Session, select

from arinbox.settings import Settings
from records.inbox import Message
from records.ledger import Invoice
from records.store import store_raw_message
from tests.utils.mail import build_raw
from tools.context import ToolContext

RECEIVED = datetime(2026, 11, 16, 9, 12, tzinfo=UTC)


@pytest.fixture
def message(session: Session, ledger: dict) -> Message:
    stored, _ = store_raw_message(session, build_raw(), source="file", received_at=RECEIVED)
    session.commit()
    return stored


@pytest.fixture
def make_ctx(session: Session, settings: Settings, message: Message) -> Callable[..., ToolContext]:
    def make(account_id: str | None = "ACME", verified: bool = True, **kw: Any) -> ToolContext:
        numbers = session.exec(select(Invoice.number).where(Invoice.account_id == account_id))
        return ToolContext(
            session=session,
            message=kw.pop("message", message),
            account_id=account_id,
            verified=verified,
            received_at=kw.pop("received_at", RECEIVED),
            settings=settings,
            model="test-model",
            prompt_version="p1",
            invoice_numbers=frozenset(numbers.all()),
            **kw,
        )

    return make
