"""Fixtures for the dunning hand-off: a message in ACME's thread and tools to act on it."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from sqlmodel import Session

from arinbox.settings import Settings
from records.inbox import Message
from records.store import store_raw_message
from tests.utils.mail import build_raw
from tools.context import ToolContext
from tools.registry import ToolOutcome, call_tool

RECEIVED = datetime(2026, 11, 16, 9, 12, tzinfo=UTC)


def buyer_message(session: Session, body: str = "Hello", *, language: str = "en") -> Message:
    raw = build_raw(body=body, subject="RE: Overdue invoice INV-2026-0012")
    message, _ = store_raw_message(session, raw, source="file", received_at=RECEIVED)
    message.account_id = "ACME"
    message.verified = True
    message.language = language
    message.state = "sent"
    session.add(message)
    session.flush()
    return message


def act(
    session: Session, settings: Settings, message: Message, tool: str, args: dict[str, Any]
) -> ToolOutcome:
    ctx = ToolContext(
        session=session,
        message=message,
        account_id="ACME",
        verified=True,
        received_at=RECEIVED,
        settings=settings,
        invoice_numbers=frozenset({"INV-2026-0012", "INV-2026-0047"}),
    )
    outcome = call_tool(ctx, tool, args)
    assert outcome.allowed, outcome.refusal_reason
    session.commit()
    return outcome


class Receiver:
    """A webhook receiver on loopback: records each POST, answers scripted status codes."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        self.codes: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                receiver.requests.append(({k.lower(): v for k, v in self.headers.items()}, body))
                code = receiver.codes.pop(0) if receiver.codes else 200
                self.send_response(code)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/dunning"

    def events(self) -> list[dict[str, Any]]:
        return [json.loads(body) for _, body in self.requests]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    r = Receiver()
    r.thread.start()
    yield r
    r.server.shutdown()
    r.server.server_close()
