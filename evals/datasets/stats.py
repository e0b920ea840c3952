"""Count cases per split, intent, language and tag; write the tables into docs/datasets.md."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE.parents[1] / "docs" / "datasets.md"
START, END = "<!-- counts:start -->", "<!-- counts:end -->"
FOLDERS = {
    "train": HERE / "arinbox" / "train",
    "dev": HERE / "arinbox" / "dev",
    "test": HERE / "arinbox" / "test",
    "hostile": HERE / "hostile",
}
INTENTS = (
    "dispute",
    "promise_to_pay",
    "invoice_copy_request",
    "payment_confirmation",
    "payment_plan_request",
    "statement_request",
    "contact_update",
    "auto_reply",
    "other",
)
LANGS = ("en", "de", "fr", "es", "nl", "it")


def load(folder: Path) -> list[dict]:
    lines = (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def table(rows: list[str], cols: list[str], cell: dict[tuple[str, str], int]) -> str:
    out = ["| | " + " | ".join(cols) + " |", "|---" * (len(cols) + 1) + "|"]
    for r in rows:
        out.append(f"| {r} | " + " | ".join(str(cell.get((r, c), 0)) for c in cols) + " |")
    return "\n".join(out)


def render() -> str:
    data = {name: load(folder) for name, folder in FOLDERS.items()}
    cols = list(FOLDERS) + ["total"]
    cell: Counter[tuple[str, str]] = Counter()
    tags: Counter[tuple[str, str]] = Counter()
    reasons: Counter[tuple[str, str]] = Counter()
    for name, cases in data.items():
        for c in cases:
            e = c["expected"]
            for key in ["cases", f"lang:{e['language']}", *e["intents"]]:
                cell[(key, name)] += 1
                cell[(key, "total")] += 1
            if len(e["intents"]) > 1:
                cell[("multi_intent", name)] += 1
                cell[("multi_intent", "total")] += 1
            for key in ("needs_human", "dunning_paused"):
                if e[key]:
                    cell[(key, name)] += 1
                    cell[(key, "total")] += 1
            if e["account"] is None:
                cell[("account null", name)] += 1
                cell[("account null", "total")] += 1
            if e.get("dispute_reason"):
                reasons[(e["dispute_reason"], name)] += 1
                reasons[(e["dispute_reason"], "total")] += 1
            for t in c["tags"]:
                if not t.startswith("lang:"):
                    tags[(t, name)] += 1
                    tags[(t, "total")] += 1
    rows = [
        "cases",
        *[f"lang:{x}" for x in LANGS],
        *INTENTS,
        "multi_intent",
        "needs_human",
        "dunning_paused",
        "account null",
    ]
    tag_rows = sorted({t for t, _ in tags}, key=lambda t: (-tags[(t, "total")], t))
    reason_rows = sorted({r for r, _ in reasons})
    return "\n\n".join(
        [
            "### Cases per split, language and intent (a multi-intent case counts once per intent)",
            table(rows, cols, cell),
            "### Dispute reasons",
            table(reason_rows, cols, reasons),
            "### Tags",
            table(tag_rows, cols, tags),
        ]
    )


def write_docs_table() -> None:
    text = DOCS.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOCS.write_text(f"{head}{START}\n{render()}\n{END}{tail}", encoding="utf-8")
