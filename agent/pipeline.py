"""One message's way through: parse → match → triage → act → draft, one state at a time.

Each step ends in a database write of the message's state, so a process killed at any
point resumes from the last state. Effects are idempotent (tool calls carry an
idempotency key), so resuming never repeats a dispute, a promise or a hold.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from sqlalchemy import bindparam, update
from sqlmodel import Session, col, select

from agent import guard
from agent.act import act_on_triage
from agent.context import AccountContext, load_context
from agent.draft import draft_reply
from agent.followup import cancel_follow_ups
from agent.match import match_account
from agent.parse import ParseError, parse_message
from agent.references import Reference, accounts_named, named_invoices
from agent.review import set_priority
from agent.schema import (
    HUMAN_FLAGS,
    AccountMatch,
    ActResult,
    CaseOutcome,
    ParsedMessage,
    Triage,
    intent_mask,
)
from agent.triage import TriageModel, acts_as_it_triages, warm_up_model
from arinbox.settings import Settings
from records.inbox import Draft, Message, MessageState, TriageResult
from records.ledger import DunningHold, Invoice
from records.types import storable, utcnow
from tools.registry import CONTEXT_TOOLS

log = logging.getLogger(__name__)
# Built once (docs/mailbox.md: a statement built per call costs more than its round trip).
_RETIRE_TRIAGE = (
    update(TriageResult)
    .where(
        col(TriageResult.message_id) == bindparam("message_pk"),
        col(TriageResult.current).is_(True),
    )
    .values(current=False)
    # The pipeline reads a triage back only by query (outcome_of), so the criteria need
    # not be evaluated over every object the session holds (a quarter of the statement's
    # cost); an old row loaded earlier in this session keeps its in-memory flag.
    .execution_options(synchronize_session=False)
)


# A plain message whose way through loads what is loaded on first use.
_WARM_UP = (
    b"From: Buyer <ap@buyer.example>\r\nTo: ar@supplier.example\r\n"
    b"Subject: Copy of invoice INV-0001\r\nMessage-ID: <warm-up@arinbox.invalid>\r\n\r\n"
    b"Hello, could you please send us a copy of invoice INV-0001? Thank you.\r\n"
)


def warm_up(model: TriageModel, settings: Settings) -> None:
    """Load now what a message's first way through loads lazily (about a second).

    The language identifier, the model's memory and date patterns: a worker that loads
    them before it claims mail leaves the first messages to a warm worker.
    """
    try:
        parse_message(_WARM_UP, received_at=utcnow(), settings=settings)
    except ParseError:
        log.warning("warming up the parser failed", exc_info=True)
    warm_up_model(model)


def process_message(
    session: Session, message: Message, *, model: TriageModel, settings: Settings
) -> CaseOutcome:
    """Take `message` as far as it goes without a human and say how the case stands."""
    advance_message(session, message, model=model, settings=settings)
    return outcome_of(session, message)


def advance_message(
    session: Session, message: Message, *, model: TriageModel, settings: Settings
) -> None:
    """Take `message` as far as it goes without a human; commit after every state.

    The worker calls this rather than `process_message`: reading the outcome back costs
    a few queries per message that nobody there looks at.
    """
    # A slow model (one that calls an LLM) must not run inside the parse's write
    # transaction: SQLite has one writer. A quick one shares a single commit with it.
    slow = acts_as_it_triages(model)
    if message.state == MessageState.received and not _parse(
        session, message, settings, commit=slow
    ):
        return
    if message.state == MessageState.parsed:
        _triage_act_draft(session, message, model=model, settings=settings)


def _parse(session: Session, message: Message, settings: Settings, *, commit: bool) -> bool:
    try:
        parsed = parse_message(message.raw, received_at=message.received_at, settings=settings)
    except ParseError as exc:
        _fail(session, message, f"parse: {exc}")
        return False
    message.parsed = parsed.model_dump(mode="json")
    message.thread_id = _thread_id(parsed)
    message.in_reply_to = parsed.in_reply_to
    message.references = parsed.references
    message.language = parsed.language
    if commit:
        _set_state(session, message, MessageState.parsed)
    else:
        message.state = MessageState.parsed
        session.add(message)
    return True


def _triage_act_draft(
    session: Session, message: Message, *, model: TriageModel, settings: Settings
) -> None:
    parsed = ParsedMessage.model_validate(message.parsed)
    started = time.perf_counter()
    run = None
    if acts_as_it_triages(model):
        match, refs, context = _read(session, message, parsed)
        run = model.run(session, message, parsed, match, refs, context)
        triage = run.triage
    else:
        # Reading and triage write nothing yet, so nothing is flushed before the tools
        # act: SQLite's one write lock is held for the acting and drafting only, and
        # workers read and triage side by side.
        with session.no_autoflush:
            match, refs, context = _read(session, message, parsed)
            triage = model.triage(parsed, match, refs, context, message.received_at)
    own_names = [context.account.name] if context.account else []
    own_domains = [*context.account.domains] if context.account else []
    own_domains.append(settings.ar_mailbox.rsplit("@", 1)[-1])
    others = [
        account
        for account in accounts_named(session, f"{parsed.subject}\n{parsed.new_text}")
        if account != match.account_id
    ]
    findings = guard.inspect(
        parsed,
        [*own_names, settings.company_name],
        own_domains,
        others,
        account_known=match.account_id is not None,
    )
    guard.apply(triage, findings)
    act = _act(session, message, parsed, match, triage, context, settings, run)
    draft = None
    if act.reply:
        # The tools' writes (holds, disputes, promises) belong in the letter; nothing
        # written there, nothing to reload.
        wrote = any(a.allowed and a.tool in CONTEXT_TOOLS for a in act.actions)
        fresh = (
            load_context(
                session,
                match.account_id,
                message.thread_id,
                invoices=[*named_invoices(refs), *triage.invoices],
            )
            if wrote
            else context
        )
        draft = draft_reply(
            session,
            message=message,
            parsed=parsed,
            match=match,
            triage=triage,
            act=act,
            context=fresh,
            settings=settings,
        )
    _record_triage(session, message, triage, match, (time.perf_counter() - started) * 1000)
    message.account_id = match.account_id
    # A failed SPF/DKIM/DMARC check: the address matched, but the sender is not verified.
    message.verified = match.verified and not parsed.auth_failed
    message.language = triage.language
    reasons = [*act.needs_human_reasons, *(f for f in triage.flags if f.startswith(HUMAN_FLAGS))]
    message.needs_human = act.needs_human or bool(reasons)
    message.needs_human_reasons = reasons
    # The queue's order: disputes first, then the amount at stake.
    set_priority(
        session=session,
        message=message,
        triage=(list(triage.intents), list(triage.invoices)),
        ledger=context.invoices if context.account is not None else None,
    )
    if message.needs_human:
        state = MessageState.needs_human
    elif draft is not None:
        state = MessageState.drafted
    else:
        state = MessageState.closed
    _set_state(session, message, state)
    if draft is not None and run is not None and run.acted and hasattr(model, "write_reply"):
        _model_letter(session, message, model, run, draft, act, fresh)


def _read(
    session: Session, message: Message, parsed: ParsedMessage
) -> tuple[AccountMatch, list[Reference], AccountContext]:
    """The account the message is about, the numbers it names, and what the ledger holds."""
    match, refs = match_account(session, parsed)
    if match.account_id is not None and match.verified and not parsed.auto_reply:
        # The buyer wrote again: a follow-up drafted before this message is out of date.
        cancel_follow_ups(session, match.account_id, message.received_at)
    context = load_context(
        session, match.account_id, message.thread_id, invoices=named_invoices(refs)
    )
    return match, refs, context


def _model_letter(
    session: Session,
    message: Message,
    model: TriageModel,
    run: Any,
    draft: Draft,
    act: ActResult,
    context: AccountContext,
) -> None:
    """The model's letter replaces the committed template draft's text, or flags it.

    Runs after the case is committed, so no database lock is held while the model writes
    (SQLite has one writer at a time); a crash here leaves the template draft in place.
    """
    from agent.llm.letter import write_letter

    triage = run.triage
    before = dict(triage.usage)
    write_letter(
        model,  # type: ignore[arg-type]
        run,
        draft=draft,
        act=act,
        context=context,
        triage=triage,
        received=message.received_at.date(),
    )
    draft.updated_at = utcnow()
    session.add(draft)
    current = session.exec(
        select(TriageResult).where(TriageResult.message_id == message.id, TriageResult.current)
    ).first()
    if current is not None:
        current.llm_calls += triage.usage.get("llm_calls", 0) - before.get("llm_calls", 0)
        current.tokens_in += triage.usage.get("tokens_in", 0) - before.get("tokens_in", 0)
        current.tokens_out += triage.usage.get("tokens_out", 0) - before.get("tokens_out", 0)
        session.add(current)
    session.commit()


def _act(
    session: Session,
    message: Message,
    parsed: ParsedMessage,
    match: AccountMatch,
    triage: Triage,
    context: AccountContext,
    settings: Settings,
    run: Any,
) -> ActResult:
    """The actor completes what the triage warrants; a model's own calls count as done.

    When the case needs a collector, what a model recorded (inside its savepoint) is
    dropped and the actor runs again without it: a case for a human gets no disputes,
    promises or holds, whichever backend read it (docs/policy.md).
    """
    prior = run.outcomes if run is not None and run.acted else ()
    act = act_on_triage(
        session,
        message=message,
        parsed=parsed,
        match=match,
        triage=triage,
        context=context,
        settings=settings,
        prior=prior,
    )
    savepoint = getattr(run, "savepoint", None)
    if savepoint is None or not savepoint.is_active:
        return act
    if not act.needs_human:
        savepoint.commit()
        return act
    reasons = act.needs_human_reasons
    savepoint.rollback()
    again = act_on_triage(
        session,
        message=message,
        parsed=parsed,
        match=match,
        triage=triage,
        context=context,
        settings=settings,
    )
    again.needs_human = True
    again.needs_human_reasons = list(dict.fromkeys([*reasons, *again.needs_human_reasons]))
    return again


def _record_triage(
    session: Session, message: Message, triage: Triage, match: AccountMatch, latency_ms: float
) -> None:
    session.execute(_RETIRE_TRIAGE, params={"message_pk": message.id})
    usage = triage.usage
    session.add(
        TriageResult(
            message_id=message.id or 0,
            model=triage.model,
            model_version=triage.model_version,
            prompt_version=triage.prompt_version,
            intents=list(triage.intents),
            confidence=triage.confidence,
            language=triage.language,
            account_id=match.account_id,
            verified=match.verified,
            facts=storable(triage.model_dump(mode="json")),
            evidence=storable([e.model_dump() for e in triage.evidence]),
            llm_calls=int(usage.get("llm_calls", 0)),
            tokens_in=int(usage.get("tokens_in", 0)),
            tokens_out=int(usage.get("tokens_out", 0)),
            latency_ms=latency_ms,
        )
    )
    message.intent_mask = intent_mask(triage.intents)
    message.state = MessageState.triaged


def _set_state(session: Session, message: Message, state: MessageState) -> None:
    message.state = state
    message.updated_at = utcnow()
    if state not in (MessageState.received, MessageState.parsed):
        # Done with the message: the worker's claim goes in the same commit.
        message.claimed_by = None
        message.claimed_at = None
    session.add(message)
    session.commit()


def _fail(session: Session, message: Message, reason: str) -> None:
    message.error = reason[:2000]
    message.attempts += 1
    log.warning("message failed", extra={"message_pk": message.id, "reason": reason[:200]})
    _set_state(session, message, MessageState.failed)


def _thread_id(parsed: ParsedMessage) -> str | None:
    """The thread's root Message-ID: the first reference, else the parent, else itself."""
    if parsed.references:
        return parsed.references[0]
    return parsed.in_reply_to or parsed.message_id


def outcome_of(session: Session, message: Message) -> CaseOutcome:
    """The case as an eval or the API sees it, read back from the records."""
    triage = session.exec(
        select(TriageResult).where(TriageResult.message_id == message.id, TriageResult.current)
    ).first()
    draft = session.exec(select(Draft).where(Draft.message_id == message.id)).first()
    facts = Triage.model_validate(triage.facts) if triage else Triage()
    return CaseOutcome(
        message_pk=message.id,
        state=message.state,
        intents=list(triage.intents) if triage else [],
        account=message.account_id,
        verified=message.verified,
        invoices=facts.invoices,
        promise=facts.promise,
        dispute_reason=facts.dispute_reason,
        dunning_paused=dunning_paused(session, message.account_id, facts.invoices),
        language=message.language or facts.language,
        needs_human=message.needs_human or message.state == MessageState.failed,
        needs_human_reasons=message.needs_human_reasons,
        confidence=triage.confidence if triage else 0.0,
        draft_id=draft.id if draft else None,
        llm_calls=triage.llm_calls if triage else 0,
        tokens_in=triage.tokens_in if triage else 0,
        tokens_out=triage.tokens_out if triage else 0,
        error=message.error,
    )


def dunning_paused(session: Session, account_id: str | None, invoices: list[str]) -> bool:
    """Whether dunning is paused on at least one of `invoices` of the account."""
    if account_id is None or not invoices:
        return False
    row = session.exec(
        select(DunningHold.id)
        .join(Invoice, col(Invoice.id) == col(DunningHold.invoice_id))
        .where(
            Invoice.account_id == account_id,
            col(Invoice.number).in_(invoices),
            col(DunningHold.active).is_(True),
        )
    ).first()
    return row is not None
