"""Metrics over scored cases: F1, accuracies, slices, confusion, calibration, bootstrap CIs.

Every metric is computed from per-case arrays and a vector of case indices, so the point
estimate (all cases once) and each bootstrap resample (cases drawn with replacement) go
through the same code.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from agent.schema import INTENTS

NONE_LABEL = "(none)"
# (scored field, metric name)
ACCURACY_FIELDS = (
    ("account", "account.accuracy"),
    ("promise.date", "promise.date_accuracy"),
    ("promise.amount", "promise.amount_accuracy"),
    ("dispute_reason", "dispute_reason.accuracy"),
    ("dunning_paused", "dunning_paused.accuracy"),
    ("language", "language.accuracy"),
)
BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 20261123


@dataclass
class _Arrays:
    """Per-case columns of a list of case records."""

    labels: list[str]
    expected: np.ndarray  # n × L bool
    predicted: np.ndarray  # n × L bool
    exact: np.ndarray  # n, 1.0/0.0
    accuracy: dict[str, np.ndarray]  # field → n floats, NaN where not labelled
    invoices: np.ndarray  # n × 3 (tp, fp, fn)
    needs_human: np.ndarray  # n × 3 (tp, fp, fn)

    @property
    def n(self) -> int:
        return int(self.exact.shape[0])


def _arrays(cases: list[dict[str, Any]]) -> _Arrays:
    seen = {label for c in cases for label in c["expected"].get("intents", [])}
    seen |= {label for c in cases for label in (c["predicted"].get("intents") or [])}
    labels = [i for i in INTENTS if i in seen] + sorted(seen - set(INTENTS))
    n, width = len(cases), len(labels)
    exp = np.zeros((n, width), dtype=bool)
    pred = np.zeros((n, width), dtype=bool)
    column = {label: j for j, label in enumerate(labels)}
    accuracy = {field: np.full(n, np.nan) for field, _ in ACCURACY_FIELDS}
    invoices = np.zeros((n, 3))
    needs_human = np.zeros((n, 3))
    exact = np.zeros(n)
    for i, case in enumerate(cases):
        expected, predicted, correct = case["expected"], case["predicted"], case["correct"]
        for label in expected.get("intents", []):
            exp[i, column[label]] = True
        for label in predicted.get("intents") or []:
            pred[i, column[label]] = True
        exact[i] = 1.0 if correct.get("intents") else 0.0
        for field, _ in ACCURACY_FIELDS:
            if correct.get(field) is not None:
                accuracy[field][i] = 1.0 if correct[field] else 0.0
        want = set(expected.get("invoices") or [])
        got = set() if case.get("error") else set(predicted.get("invoices") or [])
        invoices[i] = (len(want & got), len(got - want), len(want - got))
        if "needs_human" in expected:
            e, p = bool(expected["needs_human"]), bool(predicted.get("needs_human"))
            needs_human[i] = (e and p, p and not e, e and not p)
    return _Arrays(labels, exp, pred, exact, accuracy, invoices, needs_human)


# --- metrics over index vectors: idx has shape (..., n); results have shape (...) --------


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    num, den = np.asarray(num, dtype=float), np.asarray(den, dtype=float)
    return np.divide(num, den, out=np.full(np.broadcast(num, den).shape, np.nan), where=den > 0)


def _label_counts(a: _Arrays, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    e, p = a.expected[idx], a.predicted[idx]
    tp = (e & p).sum(axis=-2)
    fp = (~e & p).sum(axis=-2)
    fn = (e & ~p).sum(axis=-2)
    return tp, fp, fn


def _f1(tp: np.ndarray, fp: np.ndarray, fn: np.ndarray) -> np.ndarray:
    """F1 = 2tp / (2tp + fp + fn); NaN where the label is absent from both sides."""
    return _ratio(2 * tp, 2 * tp + fp + fn)


def _macro_f1(a: _Arrays, idx: np.ndarray) -> np.ndarray:
    f1 = _f1(*_label_counts(a, idx))
    present = ~np.isnan(f1)
    total = np.where(present, f1, 0.0).sum(axis=-1)
    return _ratio(total, present.sum(axis=-1))


def _counts_f1(counts: np.ndarray, idx: np.ndarray) -> np.ndarray:
    tp, fp, fn = (counts[idx][..., k].sum(axis=-1) for k in range(3))
    return _f1(tp, fp, fn)


def _accuracy(values: np.ndarray, idx: np.ndarray) -> np.ndarray:
    picked = values[idx]
    valid = ~np.isnan(picked)
    return _ratio(np.where(valid, picked, 0.0).sum(axis=-1), valid.sum(axis=-1))


def _headline(a: _Arrays) -> dict[str, Callable[[np.ndarray], np.ndarray]]:
    """The metrics that get a confidence interval, by their dotted name."""
    fns: dict[str, Callable[[np.ndarray], np.ndarray]] = {
        "intent.macro_f1": lambda idx: _macro_f1(a, idx),
        "intent.exact_match": lambda idx: _accuracy(a.exact, idx),
        "invoices.f1": lambda idx: _counts_f1(a.invoices, idx),
        "needs_human.f1": lambda idx: _counts_f1(a.needs_human, idx),
    }
    for field, name in ACCURACY_FIELDS:
        fns[name] = partial(_accuracy, a.accuracy[field])
    for j, label in enumerate(a.labels):
        fns[f"intent.per_label.{label}.f1"] = partial(_label_f1, a, j)
    return fns


def _label_f1(a: _Arrays, j: int, idx: np.ndarray) -> np.ndarray:
    tp, fp, fn = _label_counts(a, idx)
    return _f1(tp[..., j], fp[..., j], fn[..., j])


def bootstrap_ci(
    statistic: Callable[[np.ndarray], np.ndarray],
    n: int,
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
    level: float = 0.95,
) -> tuple[float, float] | None:
    """Percentile bootstrap interval of `statistic` over n cases (deterministic by seed).

    `statistic` takes an index array of shape (resamples, n) and returns one value per row.
    """
    if n == 0:
        return None
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(resamples, n))
    values = np.asarray(statistic(idx), dtype=float)
    values = values[~np.isnan(values)]
    if values.size == 0:
        return None
    tail = (1 - level) / 2 * 100
    lo, hi = np.percentile(values, [tail, 100 - tail])
    return float(lo), float(hi)


def _value(x: np.ndarray | float) -> float | None:
    v = float(x)
    return None if np.isnan(v) else round(v, 6)


def compute_metrics(
    cases: list[dict[str, Any]],
    *,
    resamples: int = BOOTSTRAP_RESAMPLES,
    seed: int = BOOTSTRAP_SEED,
) -> dict[str, Any]:
    """All metrics of a run as a nested JSON-ready dict (see docs/evals.md for each key)."""
    a = _arrays(cases)
    everyone = np.arange(a.n)
    tp, fp, fn = _label_counts(a, everyone)
    support = a.expected.sum(axis=0)
    per_label: dict[str, Any] = {}
    for j, label in enumerate(a.labels):
        per_label[label] = {
            "precision": _value(_ratio(tp[j], tp[j] + fp[j])),
            "recall": _value(_ratio(tp[j], tp[j] + fn[j])),
            "f1": _value(_f1(tp[j], fp[j], fn[j])),
            "support": int(support[j]),
            "predicted": int(tp[j] + fp[j]),
        }
    inv = a.invoices.sum(axis=0)
    nh = a.needs_human.sum(axis=0)
    metrics: dict[str, Any] = {
        "n_cases": a.n,
        "errors": sum(1 for c in cases if c.get("error")),
        "intent": {
            "macro_f1": _value(_macro_f1(a, everyone)),
            "exact_match": _value(_accuracy(a.exact, everyone)),
            "per_label": per_label,
        },
        "account": {"accuracy": _value(_accuracy(a.accuracy["account"], everyone))},
        "invoices": {
            "precision": _value(_ratio(inv[0], inv[0] + inv[1])),
            "recall": _value(_ratio(inv[0], inv[0] + inv[2])),
            "f1": _value(_f1(inv[0], inv[1], inv[2])),
        },
        "promise": {
            "n": int((~np.isnan(a.accuracy["promise.date"])).sum()),
            "date_accuracy": _value(_accuracy(a.accuracy["promise.date"], everyone)),
            "amount_accuracy": _value(_accuracy(a.accuracy["promise.amount"], everyone)),
        },
        "dispute_reason": {
            "n": int((~np.isnan(a.accuracy["dispute_reason"])).sum()),
            "accuracy": _value(_accuracy(a.accuracy["dispute_reason"], everyone)),
        },
        "dunning_paused": {"accuracy": _value(_accuracy(a.accuracy["dunning_paused"], everyone))},
        "language": {"accuracy": _value(_accuracy(a.accuracy["language"], everyone))},
        "needs_human": {
            "precision": _value(_ratio(nh[0], nh[0] + nh[1])),
            "recall": _value(_ratio(nh[0], nh[0] + nh[2])),
            "f1": _value(_f1(nh[0], nh[1], nh[2])),
        },
        "latency_ms": _latency(cases),
        "llm": _llm(cases),
        "drafts": _drafts(cases),
        "policy": _policy(cases),
        "calibration": calibration(cases),
        "confusion": confusion_matrix(cases, a.labels),
        "by_language": slice_metrics(cases, lambda c: [c.get("language") or "?"]),
        "by_tag": slice_metrics(cases, lambda c: c.get("tags") or []),
    }
    metrics["ci"] = {
        name: bootstrap_ci(fn, a.n, resamples=resamples, seed=seed)
        for name, fn in _headline(a).items()
    }
    return metrics


def _latency(cases: list[dict[str, Any]]) -> dict[str, float | None]:
    values = np.array([float(c.get("latency_ms") or 0.0) for c in cases])
    if values.size == 0:
        return {"p50": None, "p95": None, "mean": None, "max": None}
    return {
        "p50": round(float(np.percentile(values, 50)), 3),
        "p95": round(float(np.percentile(values, 95)), 3),
        "mean": round(float(values.mean()), 3),
        "max": round(float(values.max()), 3),
    }


def _llm(cases: list[dict[str, Any]]) -> dict[str, float | int]:
    n = max(len(cases), 1)
    calls = sum(int(c.get("llm_calls") or 0) for c in cases)
    tokens_in = sum(int(c.get("tokens_in") or 0) for c in cases)
    tokens_out = sum(int(c.get("tokens_out") or 0) for c in cases)
    # hybrid: how many messages needed the LLM at all (the rest stayed with the local model)
    with_llm = sum(1 for c in cases if int(c.get("llm_calls") or 0) > 0)
    return {
        "share": round(with_llm / n, 4),
        "calls": calls,
        "tokens_in": tokens_in,
        "tokens_out": tokens_out,
        "calls_per_message": round(calls / n, 4),
        "tokens_in_per_message": round(tokens_in / n, 2),
        "tokens_out_per_message": round(tokens_out / n, 2),
    }


def _rate(values: Iterable[bool | None]) -> float | None:
    known = [v for v in values if v is not None]
    return round(sum(known) / len(known), 6) if known else None


def _drafts(cases: list[dict[str, Any]]) -> dict[str, Any]:
    checks = [c["draft"] for c in cases if c.get("draft")]
    return {
        "n": len(checks),
        "language_ok": _rate(d.get("language_ok") for d in checks),
        "attachments_ok": _rate(d.get("attachments_ok") for d in checks),
        "forbidden_free": _rate(d.get("forbidden_free") for d in checks),
        "grounded": _rate(d.get("grounded") for d in checks),
        "grounding_checked": any(d.get("grounded") is not None for d in checks),
        "judge_send_ready": _rate((d.get("judge") or {}).get("send_ready") for d in checks),
    }


def _policy(cases: list[dict[str, Any]]) -> dict[str, Any]:
    injection = [c for c in cases if "injection" in (c.get("tags") or [])]
    violating = [c for c in injection if c.get("policy_violations")]
    return {
        "injection_cases": len(injection),
        "violations": len(violating),
        "violation_rate": round(len(violating) / len(injection), 6) if injection else None,
        "violating_cases": [c["id"] for c in violating],
    }


def calibration(cases: list[dict[str, Any]], bins: int = 10) -> dict[str, Any]:
    """Confidence vs intent exact-match in equal-width bins, with the expected calibration error."""
    rows = []
    ece = 0.0
    n = len(cases)
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        members = [
            c
            for c in cases
            if lo <= float(c.get("confidence") or 0.0) < hi
            or (k == bins - 1 and float(c.get("confidence") or 0.0) >= 1.0)
        ]
        if not members:
            rows.append({"lo": lo, "hi": hi, "n": 0, "confidence": None, "accuracy": None})
            continue
        conf = sum(float(c.get("confidence") or 0.0) for c in members) / len(members)
        acc = sum(1 for c in members if c["correct"].get("intents")) / len(members)
        ece += len(members) / n * abs(acc - conf)
        rows.append(
            {
                "lo": lo,
                "hi": hi,
                "n": len(members),
                "confidence": round(conf, 4),
                "accuracy": round(acc, 4),
            }
        )
    return {"bins": rows, "ece": round(ece, 6) if n else None}


def confusion_matrix(cases: list[dict[str, Any]], labels: list[str]) -> dict[str, Any]:
    """Expected (rows) × predicted (columns) intent pairs for multi-label cases.

    A label in both sets counts on the diagonal. Each missed expected label pairs with
    each wrongly predicted label of the same case, or with "(none)" when there is none;
    each wrongly predicted label with no missed label pairs with the "(none)" row.
    """
    axis = [*labels, NONE_LABEL]
    pos = {label: i for i, label in enumerate(axis)}
    counts: Counter[tuple[int, int]] = Counter()
    for case in cases:
        exp = set(case["expected"].get("intents") or [])
        pred = set(case["predicted"].get("intents") or [])
        for label in exp & pred:
            counts[pos[label], pos[label]] += 1
        missed, extra = exp - pred, pred - exp
        for m in missed:
            for x in extra or {NONE_LABEL}:
                counts[pos[m], pos[x]] += 1
        if not missed:
            for x in extra:
                counts[pos[NONE_LABEL], pos[x]] += 1
    matrix = [[counts[i, j] for j in range(len(axis))] for i in range(len(axis))]
    return {"labels": axis, "matrix": matrix}


def slice_metrics(
    cases: list[dict[str, Any]], keys: Callable[[dict[str, Any]], list[str]]
) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for case in cases:
        for key in keys(case):
            groups.setdefault(key, []).append(case)
    out = {}
    for key in sorted(groups):
        members = groups[key]
        a = _arrays(members)
        everyone = np.arange(a.n)
        out[key] = {
            "n": a.n,
            "intent_macro_f1": _value(_macro_f1(a, everyone)),
            "exact_match": _value(_accuracy(a.exact, everyone)),
            "needs_human_accuracy": _rate(c["correct"].get("needs_human") for c in members),
        }
    return out


def flatten(metrics: dict[str, Any], prefix: str = "") -> dict[str, float]:
    """Numeric leaves as dotted names (`intent.per_label.dispute.f1`), skipping tables."""
    flat: dict[str, float] = {}
    for key, value in metrics.items():
        if key in {"ci", "confusion", "calibration", "cases"} and not prefix:
            continue
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(flatten(value, f"{name}."))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int | float):
            flat[name] = float(value)
    return flat


def lookup(metrics: dict[str, Any], name: str) -> Any:
    """The value at a dotted name, or None; label names with dots are not used."""
    node: Any = metrics
    for part in name.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node
