"""What reading an attached remittance advice adds to a message's parse.

    python -m benchmarks.bench_attachment_text [--n 300]

Parses the same buyer message N times in five forms, in one run: plain (the baseline), with
a one-page PDF remittance advice, with a five-page one (the most pages read), with an
Excel workbook and with a CSV advice. Prints JSON: per form, parse ms per message (p50,
mean) and the ratio of its mean to the plain message's; and the peak of Python
allocations while parsing the five-page form.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
import tracemalloc
from datetime import UTC, datetime
from typing import Any

from agent.parse import parse_message
from arinbox.settings import Settings
from tests.utils.documents import XLSX, pdf_of, workbook_of
from tests.utils.mail import build_raw

NOW = datetime(2026, 11, 16, 9, 12, tzinfo=UTC)
BODY = "Hello,\n\nPlease find attached our remittance advice.\n\nKind regards,\nJane"


def advice_lines(rows: int) -> list[str]:
    lines = ["Acme Corp - Remittance advice", "Payment date: 13.11.2026 Reference: PAY-88812"]
    lines += [f"INV-2026-{n:04d}    2026-09-01    {100 + n},50" for n in range(rows)]
    return [*lines, "Total paid EUR 12,345.50"]


def forms() -> dict[str, bytes]:
    lines = advice_lines(30)
    return {
        "plain": build_raw(subject="Remittance advice", body=BODY),
        "pdf_1_page": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("advice.pdf", "application/pdf", pdf_of(lines, 1))],
        ),
        "pdf_5_pages": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("advice.pdf", "application/pdf", pdf_of(lines, 5))],
        ),
        "xlsx": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("advice.xlsx", XLSX, workbook_of([ln.split() for ln in lines]))],
        ),
        "csv": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("advice.csv", "text/csv", "\n".join(lines).encode())],
        ),
    }


def time_parse(raw: bytes, n: int, settings: Settings) -> list[float]:
    parse_message(raw, received_at=NOW, settings=settings)  # warm: first-use loading
    times = []
    for _ in range(n):
        started = time.perf_counter()
        parse_message(raw, received_at=NOW, settings=settings)
        times.append((time.perf_counter() - started) * 1000)
    return times


def run(n: int) -> dict[str, Any]:
    settings = Settings(_env_file=None, environment="test")  # type: ignore[call-arg]
    raws = forms()
    # Interleaved rounds, so a noisy neighbour slows every form alike.
    samples: dict[str, list[float]] = {name: [] for name in raws}
    for _ in range(5):
        for name, raw in raws.items():
            samples[name] += time_parse(raw, max(n // 5, 1), settings)
    base = statistics.fmean(samples["plain"])
    result: dict[str, Any] = {"benchmark": "attachment_text", "n": n, "forms": {}}
    for name, times in samples.items():
        result["forms"][name] = {
            "bytes": len(raws[name]),
            "p50_ms": round(statistics.median(times), 3),
            "mean_ms": round(statistics.fmean(times), 3),
            "ratio_to_plain": round(statistics.fmean(times) / base, 2),
        }
    tracemalloc.start()
    parse_message(raws["pdf_5_pages"], received_at=NOW, settings=settings)
    result["pdf_5_pages_peak_alloc_mb"] = round(tracemalloc.get_traced_memory()[1] / 1e6, 2)
    tracemalloc.stop()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="parses per form")
    print(json.dumps(run(parser.parse_args().n), indent=2))


if __name__ == "__main__":
    main()
