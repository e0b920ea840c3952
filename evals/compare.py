"""Comparing two eval runs: metric deltas and McNemar's exact test on per-case correctness."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from scipy.stats import binomtest

from evals.metrics import flatten


@dataclass
class McNemar:
    """Discordant pairs of two runs over the same cases, and the exact two-sided p-value."""

    both_right: int
    both_wrong: int
    only_a: int  # right in A, wrong in B
    only_b: int  # wrong in A, right in B
    p_value: float


@dataclass
class Comparison:
    deltas: dict[str, tuple[float | None, float | None, float | None]]  # name → (a, b, b - a)
    mcnemar: McNemar
    flipped: list[dict[str, Any]] = field(default_factory=list)  # id, a, b (intent correct)
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)
    same_dataset: bool = True


def mcnemar_exact(only_a: int, only_b: int) -> float:
    """Exact McNemar p-value: a two-sided binomial test of the discordant pairs at 1/2."""
    n = only_a + only_b
    if n == 0:
        return 1.0
    return float(binomtest(only_a, n, 0.5, alternative="two-sided").pvalue)


def compare_runs(
    metrics_a: dict[str, Any],
    cases_a: list[dict[str, Any]],
    metrics_b: dict[str, Any],
    cases_b: list[dict[str, Any]],
    *,
    same_dataset: bool = True,
    field_name: str = "intents",
) -> Comparison:
    """Deltas of every numeric metric, and McNemar over cases both runs share (by id)."""
    flat_a, flat_b = flatten(metrics_a), flatten(metrics_b)
    deltas: dict[str, tuple[float | None, float | None, float | None]] = {}
    for name in sorted(set(flat_a) | set(flat_b)):
        a, b = flat_a.get(name), flat_b.get(name)
        deltas[name] = (a, b, None if a is None or b is None else round(b - a, 6))
    right_a = {c["id"]: bool(c["correct"].get(field_name)) for c in cases_a}
    right_b = {c["id"]: bool(c["correct"].get(field_name)) for c in cases_b}
    shared = [cid for cid in right_a if cid in right_b]
    counts = {(True, True): 0, (True, False): 0, (False, True): 0, (False, False): 0}
    flipped = []
    for cid in shared:
        pair = (right_a[cid], right_b[cid])
        counts[pair] += 1
        if pair[0] != pair[1]:
            flipped.append({"id": cid, "a": pair[0], "b": pair[1]})
    only_a, only_b = counts[True, False], counts[False, True]
    return Comparison(
        deltas=deltas,
        mcnemar=McNemar(
            both_right=counts[True, True],
            both_wrong=counts[False, False],
            only_a=only_a,
            only_b=only_b,
            p_value=mcnemar_exact(only_a, only_b),
        ),
        flipped=flipped,
        only_in_a=sorted(set(right_a) - set(right_b)),
        only_in_b=sorted(set(right_b) - set(right_a)),
        same_dataset=same_dataset,
    )
