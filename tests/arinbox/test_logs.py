"""Log lines: the structured fields reach the text an operator reads as well as the JSON."""

from __future__ import annotations

import io
import json
import logging
import sys

import pytest

from arinbox.logs import JsonFormatter, TextFormatter, configure_logging


def _record(msg: str = "tool call", exc: bool = False, **extra: object) -> logging.LogRecord:
    record = logging.getLogger("tools.registry").makeRecord(
        "tools.registry", logging.INFO, __file__, 1, msg, (), None, extra=extra
    )
    if exc:
        try:
            raise ValueError("boom")
        except ValueError:
            record.exc_info = sys.exc_info()
    return record


def test_a_text_line_names_its_fields() -> None:
    line = TextFormatter().format(_record(tool="pause_dunning", allowed=True, message_pk=12))
    expected = "tools.registry: tool call tool='pause_dunning' allowed=True message_pk=12"
    assert line.endswith(expected)


def test_a_text_line_without_fields_is_the_plain_line() -> None:
    line = TextFormatter().format(_record("listening"))
    assert line.endswith("INFO tools.registry: listening")


def test_the_fields_stay_on_the_first_line_above_a_traceback() -> None:
    lines = TextFormatter().format(_record("processing failed", exc=True, message_pk=7)).split("\n")
    assert lines[0].endswith("processing failed message_pk=7")
    assert lines[1] == "Traceback (most recent call last):"
    assert lines[-1] == "ValueError: boom"


def test_a_json_line_keeps_the_fields_as_fields() -> None:
    payload = json.loads(JsonFormatter().format(_record(tool="add_note", message_pk=3)))
    assert (payload["msg"], payload["tool"], payload["message_pk"]) == ("tool call", "add_note", 3)


def test_uvicorns_coloured_copy_of_the_message_is_no_field() -> None:
    record = _record("Uvicorn running on %s", color_message="Uvicorn running on \x1b[1m%s\x1b[0m")
    assert "color_message" not in TextFormatter().format(record)
    assert "color_message" not in json.loads(JsonFormatter().format(record))


def test_log_lines_follow_sys_stderr_when_it_is_swapped(monkeypatch: pytest.MonkeyPatch) -> None:
    """A CLI runner's captured stderr, closed when it is done, must not break later lines."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        first = io.StringIO()
        monkeypatch.setattr(sys, "stderr", first)
        configure_logging("INFO")
        logging.getLogger("arinbox.test").info("one")
        first.close()
        second = io.StringIO()
        monkeypatch.setattr(sys, "stderr", second)
        logging.getLogger("arinbox.test").info("two")
        assert second.getvalue().rstrip().endswith("arinbox.test: two")
    finally:
        root.handlers[:], level = saved
        root.setLevel(level)
