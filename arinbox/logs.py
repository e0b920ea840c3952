"""Logging set-up: human-readable lines by default, one JSON object per line on request."""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

# uvicorn repeats its message with terminal colour codes as `color_message`: not a field.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record, with the `extra` fields kept as structured fields."""

    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, Any] = {
            "ts": self.formatTime(record),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        payload.update(_extras(record))
        if record.exc_info:
            payload["exc"] = self.formatException(record.exc_info)
        return json.dumps(payload, default=str)


class TextFormatter(logging.Formatter):
    """One human-readable line per record, the `extra` fields appended as key=value.

    Without them a line says "tool call" or "message failed" but not which tool or which
    message: the JSON lines carry those fields, and so must the text an operator reads.
    """

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        extra = [f"{k}={v!r}" if isinstance(v, str) else f"{k}={v}" for k, v in _extras(record)]
        if not extra:
            return line
        head, newline, rest = line.partition("\n")  # a traceback stays below the line
        return f"{head} {' '.join(extra)}{newline}{rest}"


def _extras(record: logging.LogRecord) -> list[tuple[str, Any]]:
    return [(k, v) for k, v in vars(record).items() if k not in _STANDARD]


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to `sys.stderr` as it is when a record is written, not when set up.

    A plain StreamHandler keeps the stream it was made with. A test runner or a CLI
    runner that swaps `sys.stderr` for its own capture, and closes that capture when it is
    done, then leaves every later log line failing with "I/O operation on closed file".
    """

    @property
    def stream(self) -> Any:  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass  # always the current sys.stderr


def configure_logging(level: str = "INFO", json_lines: bool = False) -> None:
    handler = StderrHandler()
    handler.setFormatter(JsonFormatter() if json_lines else TextFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
