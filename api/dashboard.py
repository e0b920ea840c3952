"""The managers' numbers: volumes, triage accuracy, review speed, promises, disputes."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Integer, cast, func, union
from sqlmodel import Session, col, select

from agent.closing import CLOSE_REASONS
from agent.handwritten import MANUAL
from api.queue import TODO_STATES
from records.inbox import (
    ActivityEvent,
    Correction,
    Draft,
    DraftState,
    EvalRun,
    Message,
    TriageResult,
)
from records.ledger import Dispute, Promise
from records.types import utcnow

WEEKS = 8


@dataclass
class Dashboard:
    weeks: list[str]
    by_intent: dict[str, list[int]]
    by_language: dict[str, list[int]]
    eval_runs: list[dict[str, Any]]
    live_reviewed: int
    live_intent_corrections: int
    live_intent_accuracy: float | None
    approved: int
    approved_unedited: int
    approval_unedited_rate: float | None
    median_hours_to_approval: float | None
    promises: dict[str, int]
    disputes_by_reason: dict[str, int]
    disputes_by_age: dict[str, int]
    states: dict[str, int] = field(default_factory=dict)
    # Queue health: how long the cases still to do have waited since they arrived.
    waiting_by_age: dict[str, int] = field(default_factory=dict)
    oldest_waiting_hours: float | None = None
    closed_by_reason: dict[str, int] = field(default_factory=dict)  # closed by a person


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _volumes(session: Session, since: datetime, weeks: list[date]):  # type: ignore[no-untyped-def]
    index = {w: i for i, w in enumerate(weeks)}
    by_intent: dict[str, list[int]] = defaultdict(lambda: [0] * len(weeks))
    by_language: dict[str, list[int]] = defaultdict(lambda: [0] * len(weeks))
    rows = session.exec(
        select(Message.received_at, Message.language, TriageResult.intents)
        .join(
            TriageResult,
            (col(TriageResult.message_id) == col(Message.id)) & col(TriageResult.current),
            isouter=True,
        )
        .where(Message.received_at >= since, Message.direction == "inbound")
    )
    for received_at, language, intents in rows:
        i = index.get(_week_start(received_at.date()))
        if i is None:
            continue
        by_language[language or "?"][i] += 1
        for intent in intents or ["untriaged"]:
            by_intent[intent][i] += 1
    return dict(by_intent), dict(by_language)


def _eval_runs(session: Session) -> list[dict[str, Any]]:
    """The latest run per dataset and model, with its numeric headline metrics."""
    latest: dict[tuple[str, str], EvalRun] = {}
    for run in session.exec(select(EvalRun).order_by(col(EvalRun.created_at).desc()).limit(50)):
        latest.setdefault((run.dataset, run.model), run)
    return [
        {
            "dataset": run.dataset,
            "model": run.model,
            "n_cases": run.n_cases,
            "created_at": run.created_at,
            "metrics": {k: v for k, v in run.metrics.items() if isinstance(v, int | float)},
        }
        for run in latest.values()
    ]


def _age_bucket(days: int) -> str:
    for limit, name in ((7, "0-7 d"), (30, "8-30 d"), (90, "31-90 d")):
        if days <= limit:
            return name
    return "90+ d"


WAITING_AGES = ((24, "< 1 day"), (72, "1-3 days"), (168, "3-7 days"))


def _waiting(session: Session, now: datetime) -> tuple[dict[str, int], float | None]:
    """The cases still to do (the queue's to-do states) by time since arrival."""
    names = [name for _, name in WAITING_AGES] + ["> 7 days"]
    age = sa.case(
        *[
            (col(Message.received_at) > now - timedelta(hours=limit), name)
            for limit, name in WAITING_AGES
        ],
        else_=names[-1],
    )
    rows = session.exec(
        select(age, func.count(), func.min(Message.received_at))
        .where(Message.direction == "inbound", col(Message.state).in_(TODO_STATES))
        .group_by(age)
    )
    counts = dict.fromkeys(names, 0)
    oldest: datetime | None = None
    for name, n, first in rows:
        counts[str(name)] = int(n)
        oldest = first if oldest is None or first < oldest else oldest
    hours = None if oldest is None else max(0.0, (now - oldest).total_seconds() / 3600)
    return counts, hours


def _closed_by_reason(session: Session, since: datetime) -> dict[str, int]:
    """Cases people closed without a reply since `since`, by the reason they gave."""
    rows = session.exec(
        select(ActivityEvent.details).where(
            ActivityEvent.action == "close",
            ActivityEvent.target_type == "message",
            col(ActivityEvent.created_at) >= since,
        )
    )
    return dict(Counter(CLOSE_REASONS.get(str(d.get("reason")), "other") for d in rows))


def _reviewed_cases(session: Session) -> int:
    """Cases a person has ruled on: a draft approved or rejected, or the case closed."""
    drafts = select(Draft.message_id).where(
        col(Draft.state).in_(["approved", "sending", "sent", "rejected"])
    )
    closed = select(cast(ActivityEvent.target_id, Integer)).where(
        ActivityEvent.action == "close", ActivityEvent.target_type == "message"
    )
    both = union(drafts, closed).subquery()
    return int(session.exec(select(func.count()).select_from(both)).one())


def load_dashboard(session: Session, *, now: datetime | None = None) -> Dashboard:
    now = now or utcnow()
    this_week = _week_start(now.date())
    weeks = [this_week - timedelta(weeks=WEEKS - 1 - i) for i in range(WEEKS)]
    since = datetime.combine(weeks[0], datetime.min.time(), tzinfo=now.tzinfo)
    by_intent, by_language = _volumes(session, since, weeks)

    reviewed = _reviewed_cases(session)
    corrected = session.exec(
        select(func.count(func.distinct(Correction.message_id))).where(
            Correction.field == "intents"
        )
    ).one()
    sent_states = [DraftState.approved.value, DraftState.sending.value, DraftState.sent.value]
    approved_rows = list(
        session.exec(
            select(Draft.edited, Draft.approved_at, Message.received_at)
            .join(Message, col(Message.id) == col(Draft.message_id))
            .where(
                col(Draft.state).in_(sent_states),
                col(Draft.approved_at).is_not(None),
                Draft.kind != MANUAL,  # the agent's drafts: a person's own text is not "unedited"
            )
        )
    )
    hours = [
        (approved_at - received_at).total_seconds() / 3600
        for _, approved_at, received_at in approved_rows
        if approved_at is not None
    ]
    unedited = sum(1 for edited, _, _ in approved_rows if not edited)
    promises = {
        status: int(n)
        for status, n in session.exec(select(Promise.status, func.count()).group_by(Promise.status))
    }
    open_disputes = list(
        session.exec(select(Dispute.reason, Dispute.created_at).where(Dispute.status == "open"))
    )
    waiting_by_age, oldest_waiting = _waiting(session, now)
    states = {
        str(state): int(n)
        for state, n in session.exec(select(Message.state, func.count()).group_by(Message.state))
    }
    return Dashboard(
        weeks=[w.strftime("%d %b") for w in weeks],
        by_intent=by_intent,
        by_language=by_language,
        eval_runs=_eval_runs(session),
        live_reviewed=reviewed,
        live_intent_corrections=corrected,
        live_intent_accuracy=max(0.0, 1 - corrected / reviewed) if reviewed else None,
        approved=len(approved_rows),
        approved_unedited=unedited,
        approval_unedited_rate=unedited / len(approved_rows) if approved_rows else None,
        median_hours_to_approval=statistics.median(hours) if hours else None,
        promises={k: promises.get(k, 0) for k in ("open", "kept", "broken", "cancelled")},
        disputes_by_reason=dict(Counter(reason for reason, _ in open_disputes)),
        disputes_by_age=dict(
            Counter(_age_bucket((now - created).days) for _, created in open_disputes)
        ),
        states=states,
        waiting_by_age=waiting_by_age,
        oldest_waiting_hours=oldest_waiting,
        closed_by_reason=_closed_by_reason(session, since),
    )
