"""Fixtures for the LLM backend: our OpenAI-compatible server and a case to triage."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from pydantic import SecretStr
from sqlmodel import Session

from agent.context import AccountContext, load_context
from agent.match import match_account
from agent.schema import AccountMatch, ParsedMessage, Triage
from arinbox.settings import Settings
from records.inbox import Message
from records.store import store_raw_message
from tests.utils.fake_openai import FakeOpenAI
from tests.utils.mail import build_raw

RECEIVED = datetime(2026, 11, 16, 9, 12, tzinfo=UTC)


@pytest.fixture
def fake_openai() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


@pytest.fixture
def llm_settings(settings: Settings, fake_openai: FakeOpenAI) -> Settings:
    settings.model = "openai"
    settings.openai_base_url = fake_openai.base_url
    settings.openai_api_key = SecretStr("test-key")
    settings.openai_model = "scripted-model"
    settings.openai_timeout_s = 2.0
    settings.openai_max_retries = 3
    return settings


class ScriptedLocal:
    """Stands in for the local model as the fallback: answers one fixed triage."""

    name = "local"
    version = "scripted"

    def __init__(self, triage: Triage) -> None:
        self.answer = triage
        self.calls = 0

    def triage(self, *args: object, **kwargs: object) -> Triage:
        self.calls += 1
        return self.answer.model_copy(deep=True)


@dataclass
class Case:
    message: Message
    parsed: ParsedMessage
    match: AccountMatch
    context: AccountContext


def make_case(
    session: Session,
    *,
    body: str,
    from_: str = "Jane Doe <ap@acme.example>",
    subject: str = "RE: Overdue invoice INV-2026-0012",
    quoted: str = "",
) -> Case:
    raw = build_raw(from_=from_, subject=subject, body=body)
    message, _ = store_raw_message(session, raw, source="eval", received_at=RECEIVED)
    name, addr = from_.split("<")
    parsed = ParsedMessage(
        message_id=message.message_id,
        from_addr=addr.rstrip(">").strip().lower(),
        from_name=name.strip(),
        subject=subject,
        received_at=RECEIVED,
        new_text=body,
        quoted_text=quoted,
        language="en",
    )
    match, _refs = match_account(session, parsed)
    context = load_context(session, match.account_id)
    return Case(message, parsed, match, context)
