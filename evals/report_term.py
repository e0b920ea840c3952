"""Rich tables for the terminal: a run's metrics, the run history, a comparison."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from evals.compare import Comparison
from evals.report_html import HEADLINE
from records.inbox import EvalRun


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _get(metrics: dict[str, Any], dotted: str) -> Any:
    node: Any = metrics
    for part in dotted.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return node


def short_path(path: str) -> str:
    """The last two parts of a dataset path (`arinbox/dev`), enough to tell runs apart."""
    parts = path.replace("\\", "/").rstrip("/").split("/")
    return "/".join(parts[-2:])


def print_run(console: Console, run: dict[str, Any]) -> None:
    """Headline metrics with intervals, then per-intent P/R/F1, then the usage figures."""
    m = run["metrics"]
    ci = m.get("ci", {})
    head = Table(
        title=f"eval {escape(str(run.get('dataset', '')))} · model {escape(str(run['model']))} "
        f"{escape(str(run.get('model_version', '')))} · {m['n_cases']} cases, "
        f"{m['errors']} errors"
    )
    head.add_column("metric")
    head.add_column("value", justify="right")
    head.add_column("95% interval", justify="right")
    for key, _label in HEADLINE:
        interval = ci.get(key)
        head.add_row(
            key,
            _fmt(_get(m, key)),
            f"{interval[0]:.3f} – {interval[1]:.3f}" if interval else "n/a",
        )
    console.print(head)
    intents = Table(title="intents")
    for name in ("intent", "precision", "recall", "F1", "support"):
        intents.add_column(name, justify="left" if name == "intent" else "right")
    for label, row in m["intent"]["per_label"].items():
        intents.add_row(
            escape(label),
            _fmt(row["precision"]),
            _fmt(row["recall"]),
            _fmt(row["f1"]),
            str(row["support"]),
        )
    console.print(intents)
    lat, llm, pol = m["latency_ms"], m["llm"], m["policy"]
    console.print(
        f"latency p50 {_fmt(lat['p50'], 1)} ms, p95 {_fmt(lat['p95'], 1)} ms · "
        f"LLM share {llm.get('share', 0)}, calls/msg {llm['calls_per_message']}, "
        "tokens in/out per msg "
        f"{llm['tokens_in_per_message']}/{llm['tokens_out_per_message']} · "
        f"drafts {m['drafts']['n']} · injection violations {pol['violations']}/"
        f"{pol['injection_cases']}",
        highlight=False,
    )


def print_history(console: Console, runs: list[EvalRun]) -> None:
    table = Table(title="eval runs")
    for name in (
        "id",
        "when (UTC)",
        "dataset",
        "hash",
        "model",
        "version",
        "prompts",
        "cases",
        "macro-F1",
        "exact",
        "needs-human F1",
    ):
        table.add_column(name, overflow="fold")
    for r in runs:
        table.add_row(
            str(r.id),
            r.created_at.strftime("%Y-%m-%d %H:%M"),
            escape(short_path(r.dataset)),
            r.dataset_hash[:8],
            escape(r.model),
            escape(r.model_version),
            escape(r.prompt_version),
            str(r.n_cases),
            _fmt(_get(r.metrics, "intent.macro_f1")),
            _fmt(_get(r.metrics, "intent.exact_match")),
            _fmt(_get(r.metrics, "needs_human.f1")),
        )
    console.print(table)


def print_comparison(console: Console, a: EvalRun, b: EvalRun, cmp: Comparison) -> None:
    if not cmp.same_dataset:
        console.print(
            "[yellow]warning: the runs used different dataset contents (hash differs); "
            "only cases with the same id are paired[/yellow]"
        )
    table = Table(title=f"run #{a.id} (A) → run #{b.id} (B)")
    for name in ("metric", "A", "B", "B − A"):
        table.add_column(name, justify="left" if name == "metric" else "right")
    for name, (va, vb, delta) in cmp.deltas.items():
        if name.startswith(("by_language.", "by_tag.")) or name.endswith(".n"):
            continue
        style = "" if not delta else ("green" if delta > 0 else "red")
        if name.startswith(("latency_ms.", "llm.", "errors", "policy.")) and delta:
            style = "red" if delta > 0 else "green"  # lower is better for these
        shown = _fmt(delta) if delta is None or not delta else f"{delta:+.3f}"
        table.add_row(name, _fmt(va), _fmt(vb), f"[{style}]{shown}[/{style}]" if style else shown)
    console.print(table)
    mc = cmp.mcnemar
    console.print(
        f"McNemar (intent exact match, {mc.both_right + mc.both_wrong + mc.only_a + mc.only_b} "
        f"paired cases): right only in A {mc.only_a}, right only in B {mc.only_b}, "
        f"exact p = {mc.p_value:.4g}",
        highlight=False,
    )
    if cmp.flipped:
        flips = Table(title="cases that flipped")
        flips.add_column("case")
        flips.add_column("A")
        flips.add_column("B")
        for f in cmp.flipped:
            flips.add_row(
                escape(f["id"]), "right" if f["a"] else "wrong", "right" if f["b"] else "wrong"
            )
        console.print(flips)


def print_live(console: Console, metrics: dict[str, Any]) -> None:
    """Live accuracy: the headline fields, then the weekly and per-intent slices."""
    head = Table(
        title=f"live accuracy · {metrics['n_cases']} reviewed messages "
        f"({metrics['corrected']} corrected, {metrics['confirmed']} approved unchanged)"
    )
    head.add_column("metric")
    head.add_column("value", justify="right")
    head.add_column("95% interval", justify="right")
    ci = metrics.get("ci", {})
    for key, _label in HEADLINE:
        value = _get(metrics, key)
        if value is None and key.startswith(("needs_human", "dunning_paused")):
            continue
        interval = ci.get(key)
        head.add_row(
            key, _fmt(value), f"{interval[0]:.3f} – {interval[1]:.3f}" if interval else "n/a"
        )
    console.print(head)
    for group, title in (
        ("by_week", "ISO week"),
        ("by_intent", "intent"),
        ("by_language", "language"),
    ):
        table = Table(title=f"by {title}")
        for name in (title, "messages", "intent macro-F1", "exact match"):
            table.add_column(name, justify="left" if name == title else "right")
        for key, row in metrics.get(group, {}).items():
            table.add_row(
                escape(key), str(row["n"]), _fmt(row["intent_macro_f1"]), _fmt(row["exact_match"])
            )
        console.print(table)
