"""What reading an attached remittance advice adds to a message's parse.

    python -m benchmarks.bench_attachment_text [--n 300] [--n-ocr 20]

Parses the same buyer message N times in seven forms, in one run: plain (the baseline),
with a one-page PDF remittance advice, with a five-page one (the most pages read), with an
Excel workbook (.xlsx, and an old .xls), with a CSV advice, and with three signature
logos (images too small to be read). Then N_OCR times each in the forms read by OCR
(Tesseract installed): a scanned one-page advice (a PDF of a black-and-white image) and a
phone's photograph of it (JPEG, and as an iPhone's HEIC). Prints JSON: per form, parse ms
per message (p50, mean) and the ratio of its mean to the plain message's; the peak of
Python allocations while parsing the five-page form; and the largest resident size of a
Tesseract process.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
import tracemalloc
from datetime import UTC, datetime
from typing import Any

from agent.parse import parse_message
from arinbox.settings import Settings
from tests.utils.documents import XLS, XLSX, pdf_of, photo_of, scanned_pdf_of, workbook_of, xls_of
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
        "xls": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("advice.xls", XLS, xls_of([list(ln.split()) for ln in lines]))],
        ),
        "csv": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("advice.csv", "text/csv", "\n".join(lines).encode())],
        ),
        "three_logos": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[
                (f"image00{n}.png", "image/png", photo_of(["ACME"], "PNG", size=(240, 80)))
                for n in range(1, 4)
            ],
        ),
    }


def ocr_forms() -> dict[str, bytes]:
    lines = advice_lines(30)
    return {
        "scanned_pdf_1_page": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("scan.pdf", "application/pdf", scanned_pdf_of(lines))],
        ),
        "photo_jpeg": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("IMG_2041.jpg", "image/jpeg", photo_of(lines, "JPEG"))],
        ),
        "photo_heic": build_raw(
            subject="Remittance advice",
            body=BODY,
            attachments=[("IMG_2042.HEIC", "image/heic", photo_of(lines, "HEIF"))],
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


def run(n: int, n_ocr: int) -> dict[str, Any]:
    settings = Settings(_env_file=None, environment="test")  # type: ignore[call-arg]
    raws = forms()
    scanned = ocr_forms()
    # Interleaved rounds, so a noisy neighbour slows every form alike.
    samples: dict[str, list[float]] = {name: [] for name in [*raws, *scanned]}
    for _ in range(5):
        for name, raw in raws.items():
            samples[name] += time_parse(raw, max(n // 5, 1), settings)
        for name, raw in scanned.items():
            samples[name] += time_parse(raw, max(n_ocr // 5, 1), settings)
    raws |= scanned
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
    # ru_maxrss of the children: the largest Tesseract run of this process, in KB on Linux.
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["ocr_process_peak_rss_mb"] = round(children / 1024, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300, help="parses per form")
    parser.add_argument("--n-ocr", type=int, default=20, help="parses per form read by OCR")
    args = parser.parse_args()
    print(json.dumps(run(args.n, args.n_ocr), indent=2))


if __name__ == "__main__":
    main()
