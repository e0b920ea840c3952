"""The quality gate: `--fail-under intent.macro_f1=0.9,needs_human.f1=0.85`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evals.metrics import lookup

GATE_EXIT_CODE = 3


class GateSpecError(ValueError):
    """The --fail-under text is not a comma-separated list of metric=number."""


@dataclass
class GateFailure:
    metric: str
    threshold: float
    value: float | None  # None: the run did not measure it (counts as a failure)

    def __str__(self) -> str:
        shown = "not measured" if self.value is None else f"{self.value:.4f}"
        return f"{self.metric} = {shown} < {self.threshold}"


def parse_thresholds(spec: str) -> dict[str, float]:
    """'a.b=0.9, c=0.5' → {'a.b': 0.9, 'c': 0.5}."""
    out: dict[str, float] = {}
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        name, sep, value = part.partition("=")
        if not sep or not name.strip():
            raise GateSpecError(f"{part!r}: expected metric=threshold")
        try:
            out[name.strip()] = float(value)
        except ValueError as exc:
            raise GateSpecError(f"{part!r}: {value!r} is not a number") from exc
    return out


def check_gate(metrics: dict[str, Any], thresholds: dict[str, float]) -> list[GateFailure]:
    """Every metric below its threshold (or missing): empty when the gate passes."""
    failures = []
    for name, threshold in thresholds.items():
        value = lookup(metrics, name)
        if not isinstance(value, int | float) or isinstance(value, bool):
            failures.append(GateFailure(name, threshold, None))
        elif value < threshold:
            failures.append(GateFailure(name, threshold, float(value)))
    return failures
