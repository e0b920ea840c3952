"""Live accuracy: the triage against what collectors confirmed or corrected.

A message with `Correction` rows counts with the corrected values as the truth; a
message whose draft was approved or sent without a correction counts as agreement;
anything else is not reviewed and left out. The records have the same shape as an eval
run's cases, so the metrics carry the same names.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from evals.metrics import compute_metrics, slice_metrics
from evals.scoring import score_case
from records.inbox import Correction, Draft, DraftState, Message, TriageResult

# The triage fields a collector can correct (agent/review.py), in dataset `expected` terms.
LABELLED = ("intents", "account", "invoices", "promise", "dispute_reason", "language")
CONFIRMING = (DraftState.approved, DraftState.sending, DraftState.sent)


@dataclass
class LiveCase:
    """One reviewed message: its triage, the label it earned, and why."""

    message: Message
    triage: TriageResult
    predicted: dict[str, Any]
    expected: dict[str, Any]
    corrected: bool


def predicted_of_triage(triage: TriageResult, message: Message) -> dict[str, Any]:
    facts = triage.facts or {}
    promise = facts.get("promise")
    return {
        "intents": sorted(triage.intents),
        "account": triage.account_id if triage.account_id is not None else message.account_id,
        "invoices": sorted(facts.get("invoices") or []),
        "promise": (
            {"date": promise.get("date"), "amount": promise.get("amount")} if promise else None
        ),
        "dispute_reason": facts.get("dispute_reason"),
        "language": triage.language or message.language,
    }


def reviewed_cases(
    session: Session, *, since: datetime | None = None, until: datetime | None = None
) -> list[LiveCase]:
    """Inbound messages a collector corrected, or whose draft they approved unchanged."""
    query = select(Message).where(Message.direction == "inbound")
    if since is not None:
        query = query.where(col(Message.received_at) >= since)
    if until is not None:
        query = query.where(col(Message.received_at) < until)
    out = []
    for message in session.exec(query.order_by(col(Message.received_at))):
        triage = session.exec(
            select(TriageResult).where(
                TriageResult.message_id == message.id, col(TriageResult.current).is_(True)
            )
        ).first()
        if triage is None:
            continue
        corrections = list(
            session.exec(
                select(Correction)
                .where(Correction.message_id == message.id)
                .order_by(col(Correction.created_at), col(Correction.id))
            )
        )
        predicted = predicted_of_triage(triage, message)
        if corrections:
            expected = {k: predicted[k] for k in LABELLED}
            for correction in corrections:  # the newest correction of a field wins
                if correction.field in LABELLED:
                    expected[correction.field] = correction.new_value
        elif _confirmed(session, message):
            expected = {k: predicted[k] for k in LABELLED}
        else:
            continue
        # A promise or a reason only belongs to the label when its intent does.
        if expected.get("promise") is None or "promise_to_pay" not in expected["intents"]:
            expected.pop("promise", None)
        if "dispute" not in expected["intents"]:
            expected["dispute_reason"] = None
        out.append(LiveCase(message, triage, predicted, expected, bool(corrections)))
    return out


def _confirmed(session: Session, message: Message) -> bool:
    draft = session.exec(
        select(Draft).where(
            Draft.message_id == message.id, col(Draft.state).in_([s.value for s in CONFIRMING])
        )
    ).first()
    return draft is not None


def iso_week(moment: datetime) -> str:
    year, week, _ = moment.isocalendar()
    return f"{year}-W{week:02d}"


def live_records(cases: list[LiveCase]) -> list[dict[str, Any]]:
    """The reviewed messages as eval case records (same shape as a run's `cases`)."""
    records = []
    for case in cases:
        week = iso_week(case.message.received_at)
        records.append(
            {
                "id": f"msg-{case.message.id}",
                "tags": [week, "corrected" if case.corrected else "confirmed"],
                "week": week,
                "language": case.expected.get("language"),
                "expected": case.expected,
                "predicted": case.predicted,
                "correct": score_case(case.expected, case.predicted),
                "error": None,
                "confidence": case.triage.confidence,
                "latency_ms": case.triage.latency_ms,
                "llm_calls": case.triage.llm_calls,
                "tokens_in": case.triage.tokens_in,
                "tokens_out": case.triage.tokens_out,
                "model": case.triage.model,
            }
        )
    return records


def live_metrics(
    session: Session,
    *,
    since: datetime | None = None,
    until: datetime | None = None,
    resamples: int = 1000,
) -> dict[str, Any]:
    """Metrics over reviewed live mail, with `by_week` and `by_intent` breakdowns."""
    records = live_records(reviewed_cases(session, since=since, until=until))
    if not records:
        return {"n_cases": 0, "corrected": 0, "confirmed": 0}
    metrics = compute_metrics(records, resamples=resamples)
    unmeasured = ("needs_human", "dunning_paused", "drafts", "policy", "by_tag")
    for key in unmeasured:
        metrics.pop(key, None)
    metrics["ci"] = {k: v for k, v in metrics["ci"].items() if not k.startswith(unmeasured)}
    metrics["corrected"] = sum(1 for r in records if "corrected" in r["tags"])
    metrics["confirmed"] = len(records) - metrics["corrected"]
    metrics["by_week"] = slice_metrics(records, lambda r: [r["week"]])
    metrics["by_intent"] = slice_metrics(records, lambda r: list(r["expected"]["intents"]))
    for group in ("by_week", "by_intent", "by_language"):
        for row in metrics[group].values():
            row.pop("needs_human_accuracy", None)
    return metrics
