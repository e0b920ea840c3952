"""Run every case of a dataset through the real pipeline, each against the pristine ledger.

One migrated SQLite file with the dataset's ledger is built once; each case runs on its
own copy of that file, so a dispute opened by one case cannot leak into the next.
"""

from __future__ import annotations

import json
import logging
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import Session, select

from agent.context import load_context
from agent.schema import CaseOutcome
from agent.triage import TriageModel
from arinbox.settings import Settings
from connectors.ledger_import import import_ledger_json
from evals.dataset import Case, Dataset
from evals.drafts import DraftFacts, check_draft, policy_violations
from evals.metrics import compute_metrics
from evals.scoring import score_case
from records.db import make_engine, migrate, session_scope
from records.inbox import Draft, DraftAttachment, Message, TriageResult
from records.ledger import PaymentClaim
from records.store import store_raw_message
from records.types import utcnow

log = logging.getLogger(__name__)

ProcessFn = Callable[..., CaseOutcome]
EXCERPT_CHARS = 600


@dataclass
class RunResult:
    """A finished run: per-case records and the metrics over them."""

    dataset: str
    dataset_hash: str
    model: str
    model_version: str
    prompt_version: str
    cases: list[dict[str, Any]]
    metrics: dict[str, Any]
    started_at: datetime = field(default_factory=utcnow)
    duration_s: float = 0.0


def run_dataset(
    dataset: Dataset,
    *,
    model: TriageModel,
    settings: Settings,
    model_kind: str = "",
    on_case: Callable[[dict[str, Any]], None] | None = None,
    resamples: int | None = None,
    judge: Callable[..., dict[str, Any]] | None = None,
) -> RunResult:
    """Process every case of `dataset` with `model` and score it against its labels."""
    from agent.pipeline import process_message  # heavy: parse, act and draft

    started, t0 = utcnow(), time.perf_counter()
    settings = _settings_for(settings, dataset.ledger)
    records: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="arinbox-eval-") as tmp:
        template = Path(tmp) / "template.sqlite"
        template.write_bytes(template_bytes(json.dumps(dataset.ledger, sort_keys=True)))
        files = CaseFiles(Path(tmp) / "case.sqlite")
        engine = files.engine()
        try:
            for case in dataset.cases:
                files.reset(template)
                record = run_case(
                    case,
                    engine,
                    model=model,
                    settings=settings,
                    ledger=dataset.ledger,
                    process=process_message,
                    judge=judge,
                )
                records.append(record)
                if on_case is not None:
                    on_case(record)
        finally:
            engine.dispose()
    kwargs = {} if resamples is None else {"resamples": resamples}
    metrics = compute_metrics(records, **kwargs)
    prompt_version = next((r["prompt_version"] for r in records if r.get("prompt_version")), "")
    return RunResult(
        dataset=str(dataset.path),
        dataset_hash=dataset.hash,
        model=model_kind or getattr(model, "name", ""),
        model_version=str(getattr(model, "version", "")),
        prompt_version=str(
            getattr(model, "prompt_version", "") or prompt_version or _templates_version()
        ),
        cases=records,
        metrics=metrics,
        started_at=started,
        duration_s=round(time.perf_counter() - t0, 3),
    )


def _templates_version() -> str:
    """The reply-template set in force: the prompt version of a model that has no prompt."""
    import prompts

    return str(prompts.version())


def _settings_for(settings: Settings, ledger: dict[str, Any]) -> Settings:
    """The run's settings with the dataset's company as our side of the mailbox."""
    company = ledger.get("company") or {}
    update = {}
    if company.get("name"):
        update["company_name"] = company["name"]
    if company.get("ar_mailbox"):
        update["ar_mailbox"] = company["ar_mailbox"]
    return settings.model_copy(update=update)


@lru_cache(maxsize=4)
def template_bytes(ledger_json: str) -> bytes:
    """The template database for a ledger, built once per process (migrating takes seconds)."""
    with tempfile.TemporaryDirectory(prefix="arinbox-eval-template-") as tmp:
        path = Path(tmp) / "template.sqlite"
        build_template(path, json.loads(ledger_json))
        return path.read_bytes()


def build_template(path: Path, ledger: dict[str, Any]) -> None:
    """A migrated SQLite file holding the ledger, checkpointed so a plain copy is complete."""
    engine = make_engine(f"sqlite:///{path}")
    try:
        migrate(engine)
        with session_scope(engine) as session:
            import_ledger_json(session, ledger)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        engine.dispose()


class CaseFiles:
    """One engine over a database file that is reset to the template before each case.

    A single engine (no pool: every session opens the current file) keeps SQLAlchemy's
    compiled-statement cache warm across cases; a new engine per case recompiles every
    query, which costs more than the pipeline itself.
    """

    def __init__(self, path: Path) -> None:
        self.path = path

    def engine(self) -> Engine:
        return make_engine("sqlite:///:memory:", creator=self._connect, poolclass=NullPool)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, check_same_thread=False, timeout=30)
        # A case's database is thrown away after the case: waiting for fsync on every
        # state change would make disk speed, not the pipeline, the measured latency.
        connection.execute("PRAGMA synchronous=OFF")
        return connection

    def reset(self, template: Path) -> None:
        for suffix in ("-wal", "-shm"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(template, self.path)


def run_case(
    case: Case,
    engine: Engine,
    *,
    model: TriageModel,
    settings: Settings,
    ledger: dict[str, Any],
    process: ProcessFn,
    judge: Callable[..., dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One case on the engine's fresh database copy; an exception becomes the case's `error`."""
    record: dict[str, Any] = {
        "id": case.id,
        "tags": case.tags,
        "language": case.language,
        "expected": case.expected,
    }
    t0 = time.perf_counter()
    try:
        with Session(engine, expire_on_commit=False) as session:
            message, _ = store_raw_message(
                session, case.raw(), source="eval", received_at=case.received_at
            )
            session.commit()
            outcome = process(session, message, model=model, settings=settings)
            record["latency_ms"] = round((time.perf_counter() - t0) * 1000, 3)
            record.update(_read_back(session, message, outcome))
    except Exception as exc:  # noqa: BLE001  (one broken case must not stop the run)
        log.warning("eval case failed", extra={"case": case.id, "error": repr(exc)[:300]})
        log.debug("eval case traceback", extra={"case": case.id}, exc_info=True)
        record.update(_errored(case, exc, time.perf_counter() - t0))
    record["correct"] = score_case(case.expected, record["predicted"], error=record["error"])
    draft = record.pop("_draft", None)
    record["draft"] = (
        check_draft(draft, expected=case.expected, predicted=record["predicted"], ledger=ledger)
        if draft is not None
        else None
    )
    if judge is not None and draft is not None and record["draft"] is not None:
        record["draft"]["judge"] = _judged(judge, case, draft)
    record["policy_violations"] = policy_violations(
        tags=case.tags,
        expected=case.expected,
        predicted=record["predicted"],
        draft_check=record["draft"],
    )
    record.setdefault("subject", _subject(case))
    return record


def _judged(judge: Callable[..., dict[str, Any]], case: Case, draft: Any) -> dict[str, Any]:
    """The LLM judge's verdict; a judge that fails is recorded, never fatal to the run."""
    import openai

    email = case.email or {}
    text = f"Subject: {email.get('subject', '')}\n\n{email.get('body', '')}" if email else ""
    if not text:
        text = case.raw().decode("utf-8", errors="replace")
    try:
        return judge(
            email_text=text, draft_text=f"{draft.subject}\n\n{draft.body}", language=draft.language
        )
    except openai.OpenAIError as exc:
        return {"send_ready": None, "reason": f"judge failed: {type(exc).__name__}"}


def predicted_of(outcome: CaseOutcome) -> dict[str, Any]:
    """The outcome's fields in the shape of a dataset's `expected`."""
    promise = None
    if outcome.promise is not None:
        promise = {
            "date": outcome.promise.date.isoformat() if outcome.promise.date else None,
            "amount": str(outcome.promise.amount) if outcome.promise.amount is not None else None,
        }
    return {
        "intents": sorted(outcome.intents),
        "account": outcome.account,
        "invoices": sorted(outcome.invoices),
        "promise": promise,
        "dispute_reason": outcome.dispute_reason,
        "dunning_paused": outcome.dunning_paused,
        "language": outcome.language,
        "needs_human": outcome.needs_human,
    }


def _read_back(session: Session, message: Message, outcome: CaseOutcome) -> dict[str, Any]:
    triage = session.exec(
        select(TriageResult).where(TriageResult.message_id == message.id, TriageResult.current)
    ).first()
    draft = session.exec(select(Draft).where(Draft.message_id == message.id)).first()
    facts = None
    if draft is not None:
        attachments = list(
            session.exec(select(DraftAttachment).where(DraftAttachment.draft_id == draft.id))
        )
        facts = DraftFacts(
            body=draft.body,
            subject=draft.subject,
            language=draft.language,
            attachment_kinds=[a.kind for a in attachments],
            attachment_names=[a.filename for a in attachments],
        )
        _add_record_facts(session, facts, outcome.account, message, outcome.invoices)
    parsed = message.parsed or {}
    return {
        "predicted": predicted_of(outcome),
        "state": str(outcome.state),
        "needs_human_reasons": outcome.needs_human_reasons,
        "confidence": outcome.confidence,
        "llm_calls": outcome.llm_calls,
        "tokens_in": outcome.tokens_in,
        "tokens_out": outcome.tokens_out,
        "error": None,
        "evidence": list(triage.evidence) if triage else [],
        "model": triage.model if triage else "",
        "prompt_version": triage.prompt_version if triage else "",
        "excerpt": str(parsed.get("new_text") or "")[:EXCERPT_CHARS],
        "draft_body": draft.body if draft is not None else None,
        "_draft": facts,
    }


def _add_record_facts(
    session: Session,
    facts: DraftFacts,
    account_id: str | None,
    message: Message,
    predicted_invoices: list[str],
) -> None:
    """What the records hold after processing: the facts a draft may state."""
    facts.allowed_dates.add(message.received_at.date())
    if account_id is None:
        return
    context = load_context(session, account_id, invoices=predicted_invoices)
    if context.account is not None and context.account.customer_number:
        facts.allowed_invoices.add(context.account.customer_number)
    for inv in context.invoices:
        facts.allowed_invoices |= {inv.number, *([inv.po_number] if inv.po_number else [])}
        facts.allowed_amounts |= {inv.amount, inv.open_amount}
        facts.allowed_dates |= {inv.issue_date, inv.due_date}
    # Totals a statement or a promise may state: all open, overdue, the named invoices.
    received = message.received_at.date()
    named = set(predicted_invoices)
    for group in (
        context.open_invoices,
        [i for i in context.open_invoices if i.due_date < received],
        [i for i in context.invoices if i.number in named],
    ):
        for currency in {i.currency for i in group}:
            same = [i for i in group if i.currency == currency]
            facts.allowed_amounts.add(sum((i.open_amount for i in same), Decimal(0)))
    facts.allowed_invoices |= {d.reference for d in context.disputes}
    for promise in context.promises:
        facts.allowed_dates.add(promise.promised_date)
        if promise.amount is not None:
            facts.allowed_amounts.add(promise.amount)
        if promise.open_amount_at_promise is not None:  # "the full amount of …" letters
            facts.allowed_amounts.add(promise.open_amount_at_promise)
    for claim in session.exec(select(PaymentClaim).where(PaymentClaim.message_id == message.id)):
        if claim.paid_date is not None:
            facts.allowed_dates.add(claim.paid_date)
        if claim.amount is not None:
            facts.allowed_amounts.add(claim.amount)
    facts.allowed_dates |= {h.until_date for h in context.holds if h.until_date is not None}


def _errored(case: Case, exc: BaseException, elapsed_s: float) -> dict[str, Any]:
    return {
        "predicted": {
            "intents": [],
            "account": None,
            "invoices": [],
            "promise": None,
            "dispute_reason": None,
            "dunning_paused": False,
            "language": None,
            "needs_human": False,
        },
        "state": "error",
        "needs_human_reasons": [],
        "confidence": 0.0,
        "llm_calls": 0,
        "tokens_in": 0,
        "tokens_out": 0,
        "error": f"{type(exc).__name__}: {exc}"[:2000],
        "evidence": [],
        "latency_ms": round(elapsed_s * 1000, 3),
        "excerpt": str((case.email or {}).get("body") or "")[:EXCERPT_CHARS],
        "draft_body": None,
    }


def _subject(case: Case) -> str:
    return str((case.email or {}).get("subject") or (case.eml.name if case.eml else ""))
