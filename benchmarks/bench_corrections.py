"""How fast collectors' corrections improve the local model, replayed from the train split.

    .venv/bin/python benchmarks/bench_corrections.py [--base-share 0.3]

A base model learns from the first `base-share` of the train split (in a fixed shuffled
order). The rest of the split plays the collectors: each message the model gets wrong is
corrected (its labelled intents go to the corrections memory at once), and dev accuracy
is measured after 0, 10, 25, 50, ... corrections; then the corrected messages are read
again (how often a repeat of a corrected message is now right), and a last point
retrains with the corrections folded in. Prints JSON (no plot: matplotlib is not a dependency).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

CHECKPOINTS = (0, 10, 25, 50, 100, 200, 400)
RECEIVED = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-share", type=float, default=0.3)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    from agent.local.corpus import DATASET_DIR, Example, load_split
    from agent.local.model import LocalModel
    from agent.local.train import fit
    from agent.schema import INTENTS, ParsedMessage
    from arinbox.settings import Settings

    tmp = Path(tempfile.mkdtemp(prefix="bench-corrections-"))
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        data_dir=tmp,
        database_url=f"sqlite:///{tmp / 'bench.sqlite'}",
    )
    train = load_split(DATASET_DIR / "train", settings)
    dev = load_split(DATASET_DIR / "dev", settings)
    random.Random(args.seed).shuffle(train)
    cut = int(len(train) * args.base_share)
    base, stream = train[:cut], train[cut:]
    model = LocalModel(fit(base, dev, version="bench-base"), settings)

    def parsed(e: Example) -> ParsedMessage:
        return ParsedMessage(subject=e.subject, new_text=e.text, received_at=RECEIVED,
                             auto_reply=e.auto_reply_flag)  # fmt: skip

    def evaluate(m: LocalModel) -> dict[str, float]:
        exact, tp, fp, fn = (
            0,
            dict.fromkeys(INTENTS, 0),
            dict.fromkeys(INTENTS, 0),
            dict.fromkeys(INTENTS, 0),
        )
        for e in dev:
            got = set(m.classify(parsed(e)).intents)
            want = set(e.intents)
            exact += got == want
            for i in INTENTS:
                tp[i] += i in got and i in want
                fp[i] += i in got and i not in want
                fn[i] += i not in got and i in want
        f1 = [2 * tp[i] / (2 * tp[i] + fp[i] + fn[i]) for i in INTENTS if tp[i] + fp[i] + fn[i]]
        return {"exact_match": round(exact / len(dev), 4), "macro_f1": round(sum(f1) / len(f1), 4)}

    curve = []
    corrected: list[Example] = []
    started = time.perf_counter()
    curve.append({"corrections": 0, **evaluate(model)})
    for e in stream:
        if len(corrected) >= CHECKPOINTS[-1]:
            break
        if set(model.classify(parsed(e)).intents) == set(e.intents):
            continue
        model.learn(f"bench-{e.id}", parsed(e), list(e.intents), e.dispute_reason)
        corrected.append(e)
        if len(corrected) in CHECKPOINTS:
            curve.append({"corrections": len(corrected), **evaluate(model)})
    if curve[-1]["corrections"] != len(corrected):
        curve.append({"corrections": len(corrected), **evaluate(model)})
    # The messages collectors corrected, read again (a buyer's next mail in the same words):
    fixed = sum(set(model.classify(parsed(e)).intents) == set(e.intents) for e in corrected)
    retrained = LocalModel(fit(base + corrected, dev, version="bench-retrained"))
    result = {
        "base_train_size": len(base),
        "stream_size": len(stream),
        "dev_size": len(dev),
        "curve_nearest_neighbour": curve,
        "corrected_messages_right_on_repeat": round(fixed / max(1, len(corrected)), 4),
        "retrained_with_corrections": {"corrections": len(corrected), **evaluate(retrained)},
        "full_train_for_reference": {
            "train_size": len(train),
            **evaluate(LocalModel(fit(train, dev))),
        },
        "seconds": round(time.perf_counter() - started, 1),
    }
    print(json.dumps(result, indent=2))  # noqa: T201 - a benchmark prints its JSON


if __name__ == "__main__":
    main()
