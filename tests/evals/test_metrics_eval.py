"""Metrics on hand-made predictions with known values."""

from __future__ import annotations

import random

import numpy as np
import pytest
from sklearn.metrics import f1_score
from sklearn.preprocessing import MultiLabelBinarizer

from agent.schema import INTENTS
from evals.compare import compare_runs, mcnemar_exact
from evals.gate import GateSpecError, check_gate, parse_thresholds
from evals.metrics import bootstrap_ci, compute_metrics, confusion_matrix, flatten, lookup
from tests.evals.scripted import make_case as case


def test_per_label_and_macro_f1_known_values() -> None:
    cases = [
        case("1", ["dispute"], ["dispute"]),
        case("2", ["dispute"], ["promise_to_pay"]),
        case("3", ["promise_to_pay"], ["promise_to_pay"]),
        case("4", ["promise_to_pay", "dispute"], ["promise_to_pay"]),
    ]
    m = compute_metrics(cases, resamples=50)
    # dispute: tp=1 fp=0 fn=2 → P=1, R=1/3, F1=0.5; promise: tp=2 fp=1 fn=0 → F1=0.8
    dispute = m["intent"]["per_label"]["dispute"]
    assert dispute == {
        "precision": 1.0,
        "recall": pytest.approx(1 / 3, abs=1e-6),
        "f1": 0.5,
        "support": 3,
        "predicted": 1,
    }
    assert m["intent"]["per_label"]["promise_to_pay"]["f1"] == pytest.approx(0.8)
    assert m["intent"]["macro_f1"] == pytest.approx(0.65)
    assert m["intent"]["exact_match"] == 0.5
    assert m["n_cases"] == 4


def test_macro_f1_agrees_with_scikit_learn() -> None:
    rnd = random.Random(7)
    labels = list(INTENTS)
    cases = []
    for i in range(60):
        exp = rnd.sample(labels, rnd.choice([1, 1, 2]))
        pred = exp if rnd.random() < 0.5 else rnd.sample(labels, rnd.choice([0, 1, 2]))
        cases.append(case(str(i), exp, pred))
    m = compute_metrics(cases, resamples=10)
    mlb = MultiLabelBinarizer(classes=labels)
    y_true = mlb.fit_transform([c["expected"]["intents"] for c in cases])
    y_pred = mlb.transform([c["predicted"]["intents"] for c in cases])
    used = [j for j in range(len(labels)) if y_true[:, j].any() or y_pred[:, j].any()]
    want = f1_score(y_true[:, used], y_pred[:, used], average="macro", zero_division=0)
    assert m["intent"]["macro_f1"] == pytest.approx(want, abs=1e-6)


def test_field_metrics() -> None:
    cases = [
        case(
            "p1",
            ["promise_to_pay"],
            ["promise_to_pay"],
            exp_promise={"date": "2026-11-20", "amount": None},
            promise={"date": "2026-11-20", "amount": None},
            exp_invoices=["A", "B"],
            invoices=["A"],
            exp_paused=True,
            paused=True,
        ),
        case(
            "p2",
            ["promise_to_pay"],
            ["promise_to_pay"],
            exp_promise={"date": "2026-11-20", "amount": "100.00"},
            promise={"date": "2026-11-21", "amount": "100"},
            exp_invoices=["C"],
            invoices=["C", "D"],
            account="BERG",
            exp_paused=True,
        ),
        case("h1", ["other"], ["other"], exp_nh=True, nh=True, exp_account=None, account=None),
        case("h2", ["other"], ["dispute"], exp_nh=True, nh=False, pred_language="de"),
    ]
    m = compute_metrics(cases, resamples=50)
    assert m["promise"] == {"n": 2, "date_accuracy": 0.5, "amount_accuracy": 1.0}
    # invoices micro: tp=2 fp=1 fn=1
    assert m["invoices"]["f1"] == pytest.approx(2 / 3, abs=1e-6)
    assert m["account"]["accuracy"] == 0.75
    assert m["dunning_paused"]["accuracy"] == 0.75
    assert m["language"]["accuracy"] == 0.75
    # needs_human: tp=1, fn=1, fp=0 → F1 = 2/3
    assert m["needs_human"]["f1"] == pytest.approx(2 / 3, abs=1e-6)
    assert m["needs_human"]["precision"] == 1.0


def test_an_error_case_is_wrong_on_every_field() -> None:
    c = case("e", ["dispute"], ["dispute"], error="boom")
    assert all(v is False for v in c["correct"].values() if v is not None)
    m = compute_metrics([c], resamples=10)
    assert m["errors"] == 1
    assert m["intent"]["exact_match"] == 0.0


def test_bootstrap_ci_contains_point_and_is_deterministic() -> None:
    rnd = random.Random(3)
    cases = [
        case(str(i), ["dispute"], ["dispute"] if rnd.random() < 0.8 else ["other"])
        for i in range(80)
    ]
    m1 = compute_metrics(cases)
    m2 = compute_metrics(cases)
    assert m1["ci"] == m2["ci"]
    for name in ("intent.macro_f1", "intent.exact_match", "intent.per_label.dispute.f1"):
        lo, hi = m1["ci"][name]
        point = lookup(m1, name)
        assert lo <= point <= hi, name
        assert hi - lo > 0.01
    values = np.array([1.0] * 8 + [0.0] * 2)
    ci = bootstrap_ci(lambda idx: values[idx].mean(axis=-1), 10)
    assert ci is not None and ci[0] <= 0.8 <= ci[1]


def test_slices_confusion_and_calibration() -> None:
    cases = [
        case("1", ["dispute"], ["dispute"], tags=["hard"], language="de", confidence=0.95),
        case("2", ["dispute", "promise_to_pay"], ["dispute", "other"], confidence=0.15),
        case("3", ["statement_request"], [], tags=["hard"], confidence=0.05),
    ]
    m = compute_metrics(cases, resamples=20)
    assert m["by_language"]["de"] == {
        "n": 1,
        "intent_macro_f1": 1.0,
        "exact_match": 1.0,
        "needs_human_accuracy": 1.0,
    }
    assert m["by_tag"]["hard"]["n"] == 2
    assert m["by_tag"]["hard"]["exact_match"] == 0.5
    conf = confusion_matrix(cases, ["dispute", "promise_to_pay", "statement_request", "other"])
    ax = {label: i for i, label in enumerate(conf["labels"])}
    mat = conf["matrix"]
    assert mat[ax["dispute"]][ax["dispute"]] == 2
    assert mat[ax["promise_to_pay"]][ax["other"]] == 1
    assert mat[ax["statement_request"]][ax["(none)"]] == 1
    bins = m["calibration"]["bins"]
    assert bins[9]["n"] == 1 and bins[9]["accuracy"] == 1.0
    assert bins[0]["n"] == 1 and bins[1]["n"] == 1
    assert m["calibration"]["ece"] == pytest.approx((0.05 + 0.15 + 0.05) / 3, abs=1e-4)


def test_mcnemar_known_table() -> None:
    # discordant 1 vs 9: two-sided exact binomial p = 2 * P(X <= 1 | n=10) = 22/1024
    assert mcnemar_exact(1, 9) == pytest.approx(22 / 1024)
    assert mcnemar_exact(0, 0) == 1.0
    assert mcnemar_exact(5, 5) == pytest.approx(1.0)


def test_compare_runs_flips_and_deltas() -> None:
    a = [
        case("1", ["dispute"], ["dispute"]),
        case("2", ["other"], ["dispute"]),
        case("3", ["other"], ["other"]),
    ]
    b = [
        case("1", ["dispute"], ["other"]),
        case("2", ["other"], ["other"]),
        case("3", ["other"], ["other"]),
    ]
    cmp = compare_runs(compute_metrics(a, resamples=5), a, compute_metrics(b, resamples=5), b)
    assert cmp.mcnemar.only_a == 1 and cmp.mcnemar.only_b == 1 and cmp.mcnemar.both_right == 1
    assert [f["id"] for f in cmp.flipped] == ["1", "2"]
    assert cmp.deltas["n_cases"] == (3.0, 3.0, 0.0)


def test_gate() -> None:
    metrics = {"intent": {"macro_f1": 0.8}, "needs_human": {"f1": 0.9}}
    thresholds = parse_thresholds("intent.macro_f1=0.9, needs_human.f1=0.85,missing.x=0.1")
    failures = check_gate(metrics, thresholds)
    assert [f.metric for f in failures] == ["intent.macro_f1", "missing.x"]
    assert "not measured" in str(failures[1])
    with pytest.raises(GateSpecError):
        parse_thresholds("intent.macro_f1:0.9")


def test_flatten_skips_tables() -> None:
    flat = flatten(compute_metrics([case("1", ["dispute"], ["dispute"])], resamples=5))
    assert flat["intent.per_label.dispute.f1"] == 1.0
    assert not any(k.startswith(("ci", "confusion", "calibration")) for k in flat)
