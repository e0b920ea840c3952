"""Per-case scoring: which fields of a prediction match the labelled `expected`."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

# The fields scored per case, in the order reports show them.
FIELDS = (
    "intents",
    "account",
    "invoices",
    "promise.date",
    "promise.amount",
    "dispute_reason",
    "dunning_paused",
    "language",
    "needs_human",
)


def score_case(
    expected: dict[str, Any], predicted: dict[str, Any], *, error: str | None = None
) -> dict[str, bool | None]:
    """Field → correct (True/False), or None where the case does not label that field.

    A case whose processing raised (`error`) is wrong on every labelled field.
    """
    correct: dict[str, bool | None] = {}
    raw_promise = expected.get("promise")
    has_promise = isinstance(raw_promise, dict)
    exp_promise: dict[str, Any] = raw_promise if isinstance(raw_promise, dict) else {}
    pred_promise = predicted.get("promise") or {}
    checks: dict[str, tuple[bool, Any]] = {
        "intents": (True, lambda: set(expected["intents"]) == set(predicted.get("intents") or [])),
        "account": ("account" in expected, lambda: expected["account"] == predicted.get("account")),
        "invoices": (
            "invoices" in expected,
            lambda: set(expected["invoices"] or []) == set(predicted.get("invoices") or []),
        ),
        "promise.date": (
            has_promise,
            lambda: _same(exp_promise.get("date"), pred_promise.get("date")),
        ),
        "promise.amount": (
            has_promise,
            lambda: _same_amount(exp_promise.get("amount"), pred_promise.get("amount")),
        ),
        "dispute_reason": (
            expected.get("dispute_reason") is not None,
            lambda: expected["dispute_reason"] == predicted.get("dispute_reason"),
        ),
        "dunning_paused": (
            "dunning_paused" in expected,
            lambda: bool(expected["dunning_paused"]) == bool(predicted.get("dunning_paused")),
        ),
        "language": (
            bool(expected.get("language")),
            lambda: expected["language"] == predicted.get("language"),
        ),
        "needs_human": (
            "needs_human" in expected,
            lambda: bool(expected["needs_human"]) == bool(predicted.get("needs_human")),
        ),
    }
    for name in FIELDS:
        applies, check = checks[name]
        if not applies:
            correct[name] = None
        else:
            correct[name] = False if error else bool(check())
    return correct


def _same(a: Any, b: Any) -> bool:
    return (str(a) if a is not None else None) == (str(b) if b is not None else None)


def _same_amount(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except InvalidOperation:
        return False
