"""An OpenAI-compatible HTTP server on loopback that answers scripted responses.

Tests talk to it through the real `openai` client (via LangChain), so the request and
response plumbing is exercised exactly as with a real provider. Scripted steps:
a response body (dict), `Status(code, body, headers)`, `Delay(seconds, step)` or
`Raw(text)` for malformed bodies. When the script is empty, `responder(request)` answers.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_ids = itertools.count(1)


@dataclass
class Status:
    code: int
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Delay:
    seconds: float
    step: Any


@dataclass
class Raw:
    text: str


def tool_calls(
    *calls: tuple[str, dict[str, Any]],
    prompt_tokens: int = 900,
    completion_tokens: int = 80,
    content: str | None = None,
) -> dict[str, Any]:
    """A chat completion whose assistant message calls `calls` (name, arguments)."""
    return _completion(
        {
            "role": "assistant",
            "content": content,
            "tool_calls": [
                {
                    "id": f"call_{next(_ids)}",
                    "type": "function",
                    "function": {"name": name, "arguments": json.dumps(args)},
                }
                for name, args in calls
            ],
        },
        "tool_calls",
        prompt_tokens,
        completion_tokens,
    )


def broken_tool_call(name: str, arguments_text: str) -> dict[str, Any]:
    """A tool call whose arguments are not valid JSON."""
    return _completion(
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": f"call_{next(_ids)}",
                    "type": "function",
                    "function": {"name": name, "arguments": arguments_text},
                }
            ],
        },
        "tool_calls",
        900,
        40,
    )


def text(content: str, prompt_tokens: int = 1200, completion_tokens: int = 150) -> dict[str, Any]:
    """A chat completion answering plain text."""
    return _completion(
        {"role": "assistant", "content": content}, "stop", prompt_tokens, completion_tokens
    )


def _completion(message: dict[str, Any], finish: str, p: int, c: int) -> dict[str, Any]:
    return {
        "id": f"chatcmpl-{next(_ids)}",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "scripted",
        "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
        "usage": {"prompt_tokens": p, "completion_tokens": c, "total_tokens": p + c},
    }


class FakeOpenAI:
    """The server; use as a context manager. `base_url` goes to OPENAI_BASE_URL."""

    def __init__(self, responder: Callable[[dict[str, Any]], Any] | None = None) -> None:
        self.script: list[Any] = []
        self.requests: list[dict[str, Any]] = []
        self.paths: list[str] = []
        self.responder = responder
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def enqueue(self, *steps: Any) -> None:
        with self._lock:
            self.script.extend(steps)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def _next(self, request: dict[str, Any]) -> Any:
        with self._lock:
            self.requests.append(request)
            if self.script:
                return self.script.pop(0)
        if self.responder is None:
            return Status(500, {"error": {"message": "script exhausted", "type": "server_error"}})
        return self.responder(request)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                return

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                fake.paths.append(self.path)
                self._answer(fake._next(body))

            def _answer(self, step: Any) -> None:
                if isinstance(step, Delay):
                    time.sleep(step.seconds)
                    step = step.step
                code, headers, payload = 200, {}, step
                if isinstance(step, Status):
                    code, headers = step.code, step.headers
                    payload = step.body or {"error": {"message": f"status {code}"}}
                data = step.text.encode() if isinstance(step, Raw) else json.dumps(payload).encode()
                try:
                    self.send_response(code)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for key, value in headers.items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    return  # the client gave up (a timeout test)

        return Handler
