"""A cold start on a backlog: N messages waiting in Dovecot until all are drafted.

Writes N messages straight into a throwaway Dovecot's Maildir (fast), lets Dovecot index
them, then starts the IMAP listener and the worker(s) cold and times them until every
message is stored, then processed. Next to it, in the same run, the raw rate of an
imapclient FETCH + email parse loop over the same folder. Prints JSON.

    python -m benchmarks.bench_imap_backlog --n 10000 --workers 1 --model scripted
    python -m benchmarks.bench_imap_backlog --n 10000 --workers 2 --model local \
        --database-url postgresql://postgres@127.0.0.1:5432/test
"""

from __future__ import annotations

import argparse
import email
import json
import shutil
import tempfile
import time
from email import policy
from pathlib import Path
from typing import Any

from agent.parse import parse_message
from arinbox.settings import Settings
from benchmarks.bench_imap_latency import (
    arinbox_running,
    bench_env,
    build_model_apart,
    buyer_message,
    count_done,
    peak_rss_mb,
)
from tests.connectors.conftest import DovecotServer, start_dovecot


def raw_fetch_rate(
    server: DovecotServer, batch: int = 100, settings: Settings | None = None
) -> dict[str, Any]:
    """imapclient FETCH BODY.PEEK[] in batches + a parse: the ceiling we compare to.

    Without `settings` the parse is the standard library's (`email.message_from_bytes`);
    with them it is arinbox's own `parse_message` (MIME, HTML, quote and signature split,
    language), the parse every message goes through before triage.
    """
    started = time.perf_counter()
    parsed = 0
    with server.client() as client:
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["ALL"])
        for start in range(0, len(uids), batch):
            data = client.fetch(uids[start : start + batch], ["BODY.PEEK[]", "INTERNALDATE"])
            for item in data.values():
                raw = item[b"BODY[]"]
                if settings is None:
                    message = email.message_from_bytes(raw, policy=policy.default)
                    parsed += message["Message-ID"] is not None
                else:
                    when = item[b"INTERNALDATE"]
                    parsed += parse_message(raw, received_at=when, settings=settings) is not None
    elapsed = time.perf_counter() - started
    return {"messages": parsed, "seconds": round(elapsed, 2), "per_s": round(parsed / elapsed, 1)}


def run(
    n: int,
    workers: int,
    model_kind: str,
    timeout_s: float,
    data_dir: Path | None = None,
    database_url: str | None = None,
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="arinbox-bench-"))
    result: dict[str, Any] = {
        "benchmark": "imap_backlog",
        "model": model_kind,
        "n": n,
        "database": "postgresql" if database_url else "sqlite",
    }
    try:
        with (
            start_dovecot() as server,
            bench_env(work, data_dir, database_url) as (
                settings,
                engine,
            ),
        ):
            if workers:
                build_model_apart(settings, model_kind)  # once, not by each worker
            server.write_maildir(buyer_message(i, "backlog") for i in range(n))
            started = time.perf_counter()
            with server.client() as client:  # Dovecot indexes the new files on SELECT
                client.select_folder("INBOX")
                assert len(client.search(["ALL"])) == n
            result["dovecot_index_s"] = round(time.perf_counter() - started, 2)
            rss_before = peak_rss_mb()

            started = time.perf_counter()
            stored_s = None
            with arinbox_running(
                server, "INBOX", engine, settings, model_kind, workers
            ) as listener:
                deadline = started + timeout_s
                while time.perf_counter() < deadline:
                    stored, done, drafts = count_done(engine)
                    if stored_s is None and stored >= n:
                        stored_s = time.perf_counter() - started
                    if done >= n or (workers == 0 and stored >= n):
                        break
                    time.sleep(0.2)
            total_s = time.perf_counter() - started
            stored, done, drafts = count_done(engine)
            result["arinbox"] = {
                "workers": workers,
                "stored": stored,
                "processed": done,
                "drafts": drafts,
                "stored_s": round(stored_s, 2) if stored_s else None,
                "stored_per_s": round(n / stored_s, 1) if stored_s else None,
                "processed_s": round(total_s, 2),
                "processed_per_s": round(done / total_s, 1),
                # The listener is a thread of this process: its peak is this process's.
                "listener_process_peak_rss_mb_before": rss_before,
                "listener_process_peak_rss_mb": peak_rss_mb(),
                "worker_peak_rss_mb": listener.worker_peak_rss_mb,  # type: ignore[attr-defined]
            }
            result["raw_imapclient_fetch_parse"] = raw_fetch_rate(server)
            result["raw_imapclient_fetch_arinbox_parse"] = raw_fetch_rate(server, settings=settings)
            arinbox_rate = result["arinbox"]["processed_per_s"]
            result["share_of_raw"] = {
                name: round(arinbox_rate / result[name]["per_s"], 3)
                for name in ("raw_imapclient_fetch_parse", "raw_imapclient_fetch_arinbox_parse")
            }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="messages waiting in the folder")
    parser.add_argument(
        "--workers", type=int, default=1, help="worker threads (0: the listener alone)"
    )
    parser.add_argument("--model", default="scripted", help="scripted, local, openai, hybrid")
    parser.add_argument("--timeout", type=float, default=3600, help="give up after seconds")
    parser.add_argument("--data-dir", type=Path, help="keeps the local model between runs")
    parser.add_argument(
        "--database-url", help="a PostgreSQL database (a schema of its own); default SQLite"
    )
    args = parser.parse_args()
    result = run(
        args.n, args.workers, args.model, args.timeout, args.data_dir, args.database_url or None
    )
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
