"""Prometheus metrics read from the database at scrape time.

Queue depth, triage latency, LLM calls, tokens and errors, IMAP reconnects and SMTP
failures are facts of the whole deployment (many workers, listeners and senders), so one
API process reports them from the records rather than from its own memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client.core import (
    CounterMetricFamily,
    GaugeMetricFamily,
    HistogramMetricFamily,
    Metric,
)
from prometheus_client.registry import Collector
from sqlalchemy import case, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from records.inbox import Draft, Message, TriageResult
from records.ops import OpsCounter

LATENCY_BUCKETS_MS = (50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0, 30000.0)


class RecordsCollector(Collector):
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def collect(self) -> Iterator[Metric]:
        with Session(self.engine) as session:
            yield from self._queue(session)
            yield from self._triage(session)
            yield from self._counters(session)

    def _queue(self, session: Session) -> Iterator[Metric]:
        messages = GaugeMetricFamily("arinbox_messages", "Messages by state", labels=["state"])
        for state, count in session.exec(
            select(Message.state, func.count()).group_by(Message.state)
        ):
            messages.add_metric([state], count)
        yield messages
        drafts = GaugeMetricFamily("arinbox_drafts", "Drafts by state", labels=["state"])
        for state, count in session.exec(select(Draft.state, func.count()).group_by(Draft.state)):
            drafts.add_metric([state], count)
        yield drafts
        failed = session.exec(
            select(func.count()).select_from(Draft).where(Draft.state == "failed")
        ).one()
        smtp = CounterMetricFamily("arinbox_smtp_failures", "Drafts the SMTP server refused")
        smtp.add_metric([], failed)
        yield smtp

    def _triage(self, session: Session) -> Iterator[Metric]:
        latency = col(TriageResult.latency_ms)
        sums = [func.sum(case((latency <= b, 1), else_=0)) for b in LATENCY_BUCKETS_MS]
        row = session.exec(
            select(
                func.count(),
                func.coalesce(func.sum(latency), 0.0),
                *sums,  # type: ignore[call-overload]
                func.coalesce(func.sum(TriageResult.llm_calls), 0),
                func.coalesce(func.sum(TriageResult.tokens_in), 0),
                func.coalesce(func.sum(TriageResult.tokens_out), 0),
                func.sum(case((col(TriageResult.model).like("fallback:%"), 1), else_=0)),
            )
        ).one()
        total, total_ms = int(row[0]), float(row[1])
        buckets = [
            (str(b), int(v or 0)) for b, v in zip(LATENCY_BUCKETS_MS, row[2:11], strict=True)
        ]
        histogram = HistogramMetricFamily(
            "arinbox_triage_latency_ms", "Time from parsed to triaged, per message (ms)"
        )
        histogram.add_metric([], [*buckets, ("+Inf", total)], sum_value=total_ms)
        yield histogram
        calls, tokens_in, tokens_out, errors = (int(v or 0) for v in row[11:15])
        yield _counter("arinbox_llm_calls", "Model round trips", calls)
        tokens = CounterMetricFamily("arinbox_llm_tokens", "Model tokens", labels=["direction"])
        tokens.add_metric(["input"], tokens_in)
        tokens.add_metric(["output"], tokens_out)
        yield tokens
        yield _counter("arinbox_llm_errors", "Messages where the LLM failed (fell back)", errors)

    def _counters(self, session: Session) -> Iterator[Metric]:
        reconnects = CounterMetricFamily(
            "arinbox_imap_reconnects", "IMAP reconnections", labels=["mailbox"]
        )
        for counter in session.exec(
            select(OpsCounter).where(col(OpsCounter.name).startswith("imap_reconnects:"))
        ):
            reconnects.add_metric([counter.name.split(":", 1)[1]], counter.value)
        yield reconnects


def _counter(name: str, doc: str, value: int) -> CounterMetricFamily:
    metric = CounterMetricFamily(name, doc)
    metric.add_metric([], value)
    return metric
