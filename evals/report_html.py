"""A self-contained HTML report of an eval run: inline CSS and SVG, nothing fetched.

Dataset text is hostile by assumption (prompt injections, markup): Jinja2's autoescape
escapes every value, and the SVG helpers escape their labels.
"""

from __future__ import annotations

from typing import Any

from jinja2 import Environment, select_autoescape
from markupsafe import Markup

from evals import svg
from evals.scoring import FIELDS

HEADLINE = (
    ("intent.macro_f1", "Intent macro-F1"),
    ("intent.exact_match", "Intent exact match"),
    ("account.accuracy", "Account accuracy"),
    ("invoices.f1", "Invoices F1"),
    ("promise.date_accuracy", "Promise date accuracy"),
    ("promise.amount_accuracy", "Promise amount accuracy"),
    ("dispute_reason.accuracy", "Dispute reason accuracy"),
    ("dunning_paused.accuracy", "Dunning paused accuracy"),
    ("language.accuracy", "Language accuracy"),
    ("needs_human.f1", "Needs-human F1"),
)

TEMPLATE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>arinbox eval: {{ run.dataset_name }}</title>
<style>
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:#222;margin:24px;
max-width:1100px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid
#ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ddd;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#f4f6f8}td.num{text-align:right;
font-variant-numeric:tabular-nums}.meta{color:#555}.bad{color:#c0392b;font-weight:600}
.ok{color:#2e7d32}.case{border:1px solid #ddd;border-radius:6px;padding:8px 12px;margin:10px 0}
pre{white-space:pre-wrap;word-break:break-word;background:#f8f8f8;padding:6px;margin:4px 0;
max-height:220px;overflow:auto}.tag{display:inline-block;background:#eef;border-radius:3px;
padding:0 5px;margin-right:4px;font-size:12px}.flex{display:flex;gap:32px;flex-wrap:wrap}
.confusion th.vert{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;
font-weight:500;padding:6px 2px}.confusion td{min-width:28px}
</style></head><body>
<h1>Triage eval: {{ run.dataset_name }}</h1>
<p class="meta">model <b>{{ run.model }}</b> {{ run.model_version }} · prompts
{{ run.prompt_version or "n/a" }} · dataset hash {{ run.dataset_hash[:12] }} ·
{{ m.n_cases }} cases · {{ m.errors }} errors · {{ run.created_at }}</p>

<h2>Headline metrics (95% bootstrap intervals)</h2>
<table><tr><th>metric</th><th>value</th><th>95% interval</th></tr>
{% for key, label, value, ci in headline %}<tr><td>{{ label }} <span class="meta">
({{ key }})</span></td><td class="num">{{ fmt(value) }}</td><td class="num">
{% if ci %}{{ fmt(ci[0]) }} – {{ fmt(ci[1]) }}{% else %}n/a{% endif %}</td></tr>
{% endfor %}</table>
{{ extraction_chart }}

<h2>Intents: precision, recall, F1</h2>
<table><tr><th>intent</th><th>precision</th><th>recall</th><th>F1</th><th>F1 95% interval</th>
<th>support</th><th>predicted</th></tr>
{% for label, row, ci in per_label %}<tr><td>{{ label }}</td>
<td class="num">{{ fmt(row.precision) }}</td><td class="num">{{ fmt(row.recall) }}</td>
<td class="num">{{ fmt(row.f1) }}</td><td class="num">{% if ci %}{{ fmt(ci[0]) }} –
{{ fmt(ci[1]) }}{% else %}n/a{% endif %}</td><td class="num">{{ row.support }}</td>
<td class="num">{{ row.predicted }}</td></tr>{% endfor %}</table>
{{ intent_chart }}

<h2>Confusion matrix (rows: expected, columns: predicted)</h2>
<table class="confusion"><tr><th></th>{% for l in confusion.labels %}<th class="vert">{{ l }}
</th>{% endfor %}</tr>
{% for row in confusion_rows %}<tr><th>{{ row.label }}</th>{% for cell in row.cells %}
<td class="num" style="background:rgba(47,109,181,{{ cell.alpha }})">{{ cell.n or "" }}</td>
{% endfor %}</tr>{% endfor %}</table>

<h2>By language</h2>{{ slice_table(m.by_language) }}
<h2>By tag</h2>{{ slice_table(m.by_tag) }}

<h2>Calibration</h2>
<div class="flex"><div>{{ reliability }}</div><div><p>Expected calibration error:
<b>{{ fmt(m.calibration.ece) }}</b></p><p class="meta">Each dot is a confidence bin: on the
dashed line the model is right as often as it is confident.</p></div></div>

<h2>Latency and model usage</h2>
<table><tr><th>p50 ms</th><th>p95 ms</th><th>mean ms</th><th>max ms</th><th>LLM share</th>
<th>LLM calls / msg</th><th>tokens in / msg</th><th>tokens out / msg</th></tr><tr>
<td class="num">{{ fmt(m.latency_ms.p50, 1) }}</td><td class="num">{{ fmt(m.latency_ms.p95, 1) }}
</td><td class="num">{{ fmt(m.latency_ms.mean, 1) }}</td><td class="num">
{{ fmt(m.latency_ms.max, 1) }}</td><td class="num">{{ m.llm.share }}</td>
<td class="num">{{ m.llm.calls_per_message }}</td>
<td class="num">{{ m.llm.tokens_in_per_message }}</td><td class="num">
{{ m.llm.tokens_out_per_message }}</td></tr></table>
{{ latency_chart }}

<h2>Drafts and policy</h2>
<table><tr><th>drafts</th><th>language ok</th><th>attachments ok</th><th>no forbidden content</th>
<th>grounded</th><th>injection cases</th><th>policy violations</th></tr><tr>
<td class="num">{{ m.drafts.n }}</td><td class="num">{{ fmt(m.drafts.language_ok) }}</td>
<td class="num">{{ fmt(m.drafts.attachments_ok) }}</td>
<td class="num">{{ fmt(m.drafts.forbidden_free) }}</td>
<td class="num">{% if m.drafts.grounding_checked %}{{ fmt(m.drafts.grounded) }}{% else %}
not checked{% endif %}</td><td class="num">{{ m.policy.injection_cases }}</td>
<td class="num {{ 'bad' if m.policy.violations else '' }}">{{ m.policy.violations }}</td>
</tr></table>

<h2>Wrong cases ({{ wrong|length }})</h2>
{% for c in wrong %}<div class="case"><b>{{ c.id }}</b>
{% for t in c.tags %}<span class="tag">{{ t }}</span>{% endfor %}
<span class="meta">{{ c.language }} · state {{ c.state }} · confidence
{{ fmt(c.confidence) }}</span>
<div>Subject: {{ c.subject }}</div>
{% if c.error %}<div class="bad">Error: {{ c.error }}</div>{% endif %}
<table><tr><th>field</th><th>expected</th><th>predicted</th><th></th></tr>
{% for f in c.fields %}<tr><td>{{ f.name }}</td><td>{{ f.expected }}</td>
<td>{{ f.predicted }}</td><td class="{{ 'ok' if f.correct else 'bad' }}">
{{ 'ok' if f.correct else 'wrong' }}</td></tr>{% endfor %}</table>
{% if c.policy_violations %}<div class="bad">Policy: {{ c.policy_violations|join(", ") }}
</div>{% endif %}
{% if c.excerpt %}<div>Buyer's text:</div><pre>{{ c.excerpt }}</pre>{% endif %}
{% if c.evidence %}<div>Evidence:</div><ul>{% for e in c.evidence %}<li>{{ e.field }}:
“{{ e.sentence }}”</li>{% endfor %}</ul>{% endif %}
{% if c.draft_problems %}<div class="bad">Draft: {{ c.draft_problems|join("; ") }}</div>
{% endif %}</div>{% endfor %}
</body></html>
"""

SLICE_TABLE = """<table><tr><th>slice</th><th>cases</th><th>intent macro-F1</th>
<th>exact match</th><th>needs-human accuracy</th></tr>
{% for key, row in rows.items() %}<tr><td>{{ key }}</td><td class="num">{{ row.n }}</td>
<td class="num">{{ fmt(row.intent_macro_f1) }}</td><td class="num">{{ fmt(row.exact_match) }}
</td><td class="num">{{ fmt(row.needs_human_accuracy) }}</td></tr>{% endfor %}</table>"""


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


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}={_show(v)}" for k, v in value.items())
    return str(value)


def _field_value(values: dict[str, Any], name: str) -> Any:
    if name.startswith("promise."):
        promise = values.get("promise") or {}
        return promise.get(name.split(".", 1)[1]) if promise else None
    return values.get(name)


def _wrong_cases(cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for c in cases:
        correct = c.get("correct") or {}
        if not (c.get("error") or c.get("policy_violations") or False in correct.values()):
            continue
        draft = c.get("draft") or {}
        problems = [*draft.get("forbidden", []), *draft.get("grounding_problems", [])]
        problems += [f"missing {a}" for a in draft.get("missing_attachments", [])]
        if draft and draft.get("language_ok") is False:
            problems.append(f"draft language {draft.get('language')}")
        out.append(
            {
                **c,
                "subject": c.get("subject", ""),
                "fields": [
                    {
                        "name": name,
                        "expected": _show(_field_value(c["expected"], name)),
                        "predicted": _show(_field_value(c["predicted"], name)),
                        "correct": correct[name],
                    }
                    for name in FIELDS
                    if correct.get(name) is not None
                ],
                "draft_problems": problems,
            }
        )
    return out


def render_html(run: dict[str, Any]) -> str:
    """The report for `run`: dataset, dataset_hash, model, versions, metrics, cases."""
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals["fmt"] = _fmt
    slice_template = env.from_string(SLICE_TABLE)
    # The sub-template escapes its own values; Markup keeps the outer one from escaping twice.
    env.globals["slice_table"] = lambda rows: Markup(slice_template.render(rows=rows))
    m = run["metrics"]
    ci = m.get("ci", {})
    headline = [(key, label, _get(m, key), ci.get(key)) for key, label in HEADLINE]
    per_label = [
        (label, row, ci.get(f"intent.per_label.{label}.f1"))
        for label, row in m["intent"]["per_label"].items()
    ]
    confusion = m["confusion"]
    top = max((n for row in confusion["matrix"] for n in row), default=0) or 1
    confusion_rows = [
        {
            "label": label,
            "cells": [{"n": n, "alpha": round(0.08 + 0.7 * n / top, 3) if n else 0} for n in row],
        }
        for label, row in zip(confusion["labels"], confusion["matrix"], strict=True)
    ]
    name = str(run.get("dataset", "")).rstrip("/").rsplit("/", 1)[-1]
    cases = run.get("cases", [])
    return env.from_string(TEMPLATE).render(
        run={**run, "dataset_name": name},
        m=m,
        headline=headline,
        per_label=per_label,
        confusion=confusion,
        confusion_rows=confusion_rows,
        wrong=_wrong_cases(cases),
        extraction_chart=svg.bar_chart(
            [(label, _get(m, key), ci.get(key)) for key, label in HEADLINE],
            title="Headline metrics with 95% intervals",
        ),
        intent_chart=svg.bar_chart(
            [(label, row["f1"], c) for label, row, c in per_label],
            title="F1 per intent with 95% intervals",
        ),
        reliability=svg.reliability_chart(m["calibration"]["bins"], title="Reliability"),
        latency_chart=svg.histogram(
            [float(c.get("latency_ms") or 0) for c in cases], title="Latency per case"
        ),
    )
