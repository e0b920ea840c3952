"""Cross-validated intent accuracy over the hand-written sets. Prints JSON.

The generated splits share their phrasebooks, so dev flatters the model. This folds the
hand-written training sets (docs/datasets.md) k ways: each fold is classified by a model
fitted on the generated train split and the other folds (thresholds tuned on dev, as in
production), so every hand-written case is scored once, unseen. It measures the intent
classifier alone (no rules, extractors or policy), the part that training choices move.

    python -m benchmarks.bench_cv_written --folds 4
    python -m benchmarks.bench_cv_written --exclude written4-en --exclude written4-eu
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from agent.local.corpus import DATASET_DIR, WRITTEN_SETS, WRITTEN_WEIGHT, Example, load_split
from agent.local.model import LocalModel
from agent.local.train import fit
from agent.schema import INTENTS, ParsedMessage
from arinbox.settings import Settings


def cross_validate(
    generated: list[Example], dev: list[Example], written: list[Example], folds: int
) -> dict[str, Any]:
    """Intent macro-F1, exact match and per-intent F1 over `written`, each case unseen."""
    counts = {i: [0, 0, 0] for i in INTENTS}  # tp, fp, fn
    exact = 0
    for fold in range(folds):
        held = written[fold::folds]
        rest = [e for n, e in enumerate(written) if n % folds != fold]
        model = LocalModel(fit(generated + rest, dev), None)
        for example in held:
            parsed = ParsedMessage(
                subject=example.subject,
                new_text=example.text,
                received_at=datetime.now(UTC),
                auto_reply=example.auto_reply_flag,
            )
            predicted, gold = set(model.classify(parsed).intents), set(example.intents)
            exact += predicted == gold
            for intent in INTENTS:
                counts[intent][0] += intent in predicted and intent in gold
                counts[intent][1] += intent in predicted and intent not in gold
                counts[intent][2] += intent not in predicted and intent in gold
    f1 = {
        i: (2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0)
        for i, (tp, fp, fn) in counts.items()
    }
    return {
        "intent_macro_f1": round(float(np.mean(list(f1.values()))), 3),
        "exact_match": round(exact / max(len(written), 1), 3),
        "per_intent_f1": {i: round(v, 3) for i, v in f1.items()},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=4)
    parser.add_argument("--seed", type=int, default=0, help="shuffles the cases into folds")
    parser.add_argument(
        "--exclude", action="append", default=[], help="a written set to leave out (repeatable)"
    )
    args = parser.parse_args()
    logging.disable(logging.WARNING)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, environment="test", data_dir=Path(tmp))  # type: ignore[call-arg]
        sets = [name for name in WRITTEN_SETS if name not in args.exclude]
        written = [
            replace(example, weight=WRITTEN_WEIGHT)
            for name in sets
            for example in load_split(DATASET_DIR.parent / name, settings)
        ]
        random.Random(args.seed).shuffle(written)
        result = cross_validate(
            load_split(DATASET_DIR / "train", settings),
            load_split(DATASET_DIR / "dev", settings),
            written,
            args.folds,
        )
    result = {
        "benchmark": "cv_written",
        "sets": sets,
        "cases": len(written),
        "folds": args.folds,
        **result,
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
