"""The review workflow: what a collector does to a case (approve, edit, reject, reassign,
correct the triage, undo an action). The API and the web pages both call these.

Each function changes the records in the caller's session (the caller commits) and writes
an ActivityEvent, so every human action can be traced to a person and a moment.
"""

from __future__ import annotations

import email.utils
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from agent.draft import attachments
from agent.draft.documents import DocumentNotFound
from agent.schema import DISPUTE_REASONS, INTENTS, LANGUAGES
from arinbox.settings import Settings
from records.inbox import (
    ActivityEvent,
    Correction,
    Draft,
    DraftState,
    Message,
    MessageState,
    ToolCall,
    TriageResult,
    User,
)
from records.ledger import Dispute, DunningHold, Invoice, Promise
from records.types import utcnow

# Tools whose effect a collector may take back, and how the undo is named in the audit.
REVERSIBLE_TOOLS = {
    "pause_dunning": "end_dunning_hold",
    "record_payment_claim": "end_dunning_hold",  # the claim stays (a task for cash application)
    "record_promise": "cancel_promise",
    "open_dispute": "withdraw_dispute",
}
EDITABLE_DRAFT_STATES = (DraftState.pending, DraftState.failed)
CORRECTABLE_FIELDS = ("intents", "invoices", "promise", "dispute_reason", "language", "account")


class ReviewError(Exception):
    """A review action that cannot be done; `status` is the HTTP status the API answers."""

    status = 400


class NotFoundError(ReviewError):
    """The case, draft or action does not exist."""

    status = 404


class ForbiddenError(ReviewError):
    """The user's role does not allow this action."""

    status = 403


class ConflictError(ReviewError):
    """The target is in a state that does not allow the action (e.g. a draft already sent)."""

    status = 409


def log_activity(
    *,
    session: Session,
    user: User,
    action: str,
    target: str,
    target_id: object,
    details: dict[str, Any] | None = None,
) -> None:
    """Record that `user` did `action` on a target (the trail every human action leaves)."""
    session.add(
        ActivityEvent(
            actor=user.username,
            action=action,
            target_type=target,
            target_id=str(target_id),
            details=details or {},
        )
    )


def _draft(session: Session, draft_id: int) -> tuple[Draft, Message]:
    draft = session.get(Draft, draft_id)
    if draft is None:
        raise NotFoundError(f"draft {draft_id} not found")
    message = session.get(Message, draft.message_id)
    if message is None:
        raise NotFoundError(f"message {draft.message_id} not found")
    return draft, message


def _touch(session: Session, *objs: Draft | Message) -> None:
    now = utcnow()
    for obj in objs:
        obj.updated_at = now
        session.add(obj)


def mailbox_domain(ar_mailbox: str) -> str:
    """The domain of our AR mailbox, for the Message-IDs of what we send."""
    _, addr = email.utils.parseaddr(ar_mailbox)
    return addr.rpartition("@")[2] or "localhost"


def edit_draft(
    *, session: Session, user: User, draft_id: int, body: str, subject: str | None = None
) -> Draft:
    """Replace the draft's text, keeping what the agent wrote in `original_body`."""
    draft, message = _draft(session, draft_id)
    if draft.state not in EDITABLE_DRAFT_STATES:
        raise ConflictError(f"draft is {draft.state}; only a pending draft can be edited")
    if not draft.edited:
        draft.original_body = draft.original_body or draft.body
    changed = body != draft.body or (subject is not None and subject != draft.subject)
    if changed:
        draft.body = body
        if subject is not None:
            draft.subject = subject
        draft.edited = draft.body != draft.original_body or draft.edited
        _touch(session, draft)
        log_activity(
            session=session,
            user=user,
            action="edit",
            target="draft",
            target_id=draft.id,
            details={"message_id": message.id, "chars": len(body)},
        )
    return draft


def approve_draft(
    *,
    session: Session,
    user: User,
    draft_id: int,
    settings: Settings,
    body: str | None = None,
    subject: str | None = None,
) -> Draft:
    """Approve the draft for sending (optionally editing it first); twice is a no-op.

    The outgoing Message-ID is fixed here, so a sender that crashes and retries sends the
    same message, never a second one with a new identity. The draft's files not yet
    opened are made here too: the sender sends bytes, it does not render.
    """
    draft, message = _draft(session, draft_id)
    if draft.state in (DraftState.approved, DraftState.sending, DraftState.sent):
        return draft
    if draft.state not in EDITABLE_DRAFT_STATES:
        raise ConflictError(f"draft is {draft.state}; it cannot be approved")
    if message.state == MessageState.failed and user.role == "collector":
        raise ForbiddenError("the message failed processing; a manager must approve it")
    try:
        attachments.make_all(session, draft_id, settings)
    except DocumentNotFound as exc:
        raise ConflictError(f"an attachment cannot be made: {exc}") from exc
    if body is not None:
        edit_draft(session=session, user=user, draft_id=draft_id, body=body, subject=subject)
    now = utcnow()
    draft.state = DraftState.approved
    draft.outgoing_message_id = draft.outgoing_message_id or email.utils.make_msgid(
        domain=mailbox_domain(settings.ar_mailbox)
    )
    draft.approved_by = user.username
    draft.approved_at = now
    draft.error = None
    message.state = MessageState.approved
    _touch(session, draft, message)
    log_activity(
        session=session,
        user=user,
        action="approve",
        target="draft",
        target_id=draft.id,
        details={"message_id": message.id, "edited": draft.edited},
    )
    return draft


def reject_draft(*, session: Session, user: User, draft_id: int, reason: str) -> Draft:
    """Reject the draft: nothing is sent; the reason is kept for the team and the model."""
    reason = reason.strip()
    if not reason:
        raise ReviewError("a reason is required to reject a draft")
    draft, message = _draft(session, draft_id)
    if draft.state == DraftState.rejected:
        return draft
    if draft.state not in EDITABLE_DRAFT_STATES:
        raise ConflictError(f"draft is {draft.state}; it cannot be rejected")
    draft.state = DraftState.rejected
    draft.rejected_reason = reason[:2000]
    message.state = MessageState.rejected
    _touch(session, draft, message)
    log_activity(
        session=session,
        user=user,
        action="reject",
        target="draft",
        target_id=draft.id,
        details={"message_id": message.id, "reason": reason[:500]},
    )
    return draft


def reassign_case(
    *, session: Session, user: User, message_id: int, assignee: str | None
) -> Message:
    """Give the case to another collector (None: back to the team's queue)."""
    message = session.get(Message, message_id)
    if message is None:
        raise NotFoundError(f"case {message_id} not found")
    if assignee:
        target = session.exec(select(User).where(User.username == assignee)).first()
        if target is None or not target.active:
            raise ReviewError(f"no active user named {assignee!r}")
    previous = message.assigned_to
    message.assigned_to = assignee or None
    _touch(session, message)
    log_activity(
        session=session,
        user=user,
        action="reassign",
        target="message",
        target_id=message.id,
        details={"from": previous, "to": message.assigned_to},
    )
    return message


def _validate_correction(field: str, value: Any) -> Any:
    if field == "intents":
        if not isinstance(value, list) or not value:
            raise ReviewError("intents must be a non-empty list")
        unknown = [v for v in value if v not in INTENTS]
        if unknown:
            raise ReviewError(f"unknown intents: {', '.join(map(str, unknown))}")
        return sorted(set(value), key=INTENTS.index)
    if field == "dispute_reason" and value is not None and value not in DISPUTE_REASONS:
        raise ReviewError(f"unknown dispute reason {value!r}")
    if field == "language" and value not in LANGUAGES:
        raise ReviewError(f"unsupported language {value!r}")
    if field == "invoices" and not (
        isinstance(value, list) and all(isinstance(v, str) for v in value)
    ):
        raise ReviewError("invoices must be a list of invoice numbers")
    return value


def correct_triage(
    *, session: Session, user: User, message_id: int, changes: dict[str, Any]
) -> list[Correction]:
    """Store a collector's corrections of the current triage; the local model learns from them.

    Only fields whose value differs from the triage are stored. The TriageResult is left
    as the model wrote it (it is the model's record); the correction is the label.
    """
    message = session.get(Message, message_id)
    if message is None:
        raise NotFoundError(f"case {message_id} not found")
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise ReviewError(f"cannot correct {', '.join(sorted(unknown))}")
    triage = session.exec(
        select(TriageResult).where(TriageResult.message_id == message_id, TriageResult.current)
    ).first()
    facts = triage.facts if triage else {}
    corrections: list[Correction] = []
    for field, raw in changes.items():
        value = _validate_correction(field, raw)
        old = _current_value(field, triage, facts, message)
        if old == value:
            continue
        corrections.append(
            Correction(
                message_id=message_id,
                field=field,
                old_value=old,
                new_value=value,
                username=user.username,
            )
        )
    for correction in corrections:
        session.add(correction)
    if corrections:
        log_activity(
            session=session,
            user=user,
            action="correct",
            target="message",
            target_id=message_id,
            details={c.field: c.new_value for c in corrections},
        )
    return corrections


def _current_value(field: str, triage: TriageResult | None, facts: dict[str, Any],
                   message: Message) -> Any:  # fmt: skip
    if field == "intents":
        return sorted(triage.intents, key=_intent_order) if triage else []
    if field == "account":
        return message.account_id
    if field == "language":
        return message.language or facts.get("language")
    return facts.get(field)


def _intent_order(intent: str) -> int:
    return INTENTS.index(intent) if intent in INTENTS else len(INTENTS)  # type: ignore[arg-type]


def is_reversible(call: ToolCall) -> bool:
    return call.allowed and call.tool in REVERSIBLE_TOOLS


def undone_calls(session: Session, call_ids: list[int]) -> set[int]:
    """Which of these tool calls a collector has already undone."""
    if not call_ids:
        return set()
    keys = [f"undo:{i}" for i in call_ids]
    rows = session.exec(
        select(ToolCall.idempotency_key).where(col(ToolCall.idempotency_key).in_(keys))
    )
    return {int(k.split(":", 1)[1]) for k in rows}


def undo_action(*, session: Session, user: User, toolcall_id: int) -> ToolCall:
    """Take back a reversible action: end the hold, cancel the promise, withdraw the dispute.

    Nothing is deleted: the original ToolCall stays, the records change status, and the
    undo itself is a new ToolCall row (actor = the collector). Undoing twice is a no-op.
    """
    call = session.get(ToolCall, toolcall_id)
    if call is None:
        raise NotFoundError(f"action {toolcall_id} not found")
    if not is_reversible(call):
        raise ConflictError(f"{call.tool} cannot be undone")
    key = f"undo:{toolcall_id}"
    existing = session.exec(select(ToolCall).where(ToolCall.idempotency_key == key)).first()
    if existing is not None:
        return existing
    why = f"undone by {user.username}"
    if call.tool in ("pause_dunning", "record_payment_claim"):
        changed = {"holds_ended": _end_holds(session, _holds_of(session, call), why)}
    elif call.tool == "record_promise":
        changed = _cancel_promises(session, call, why)
    else:
        changed = _withdraw_disputes(session, call, why)
    undo = ToolCall(
        message_id=call.message_id,
        idempotency_key=key,
        tool=REVERSIBLE_TOOLS[call.tool],
        arguments={"toolcall_id": toolcall_id},
        result=changed,
        actor=user.username,
    )
    session.add(undo)
    log_activity(
        session=session,
        user=user,
        action="undo",
        target="toolcall",
        target_id=toolcall_id,
        details={"tool": call.tool, **changed},
    )
    return undo


def _ids(result: dict[str, Any], *keys: str, nested: tuple[str, str] | None = None) -> list[int]:
    """Record ids a tool reported: as one id, a list of ids, or rows of a nested list."""
    found: list[int] = []
    for key in keys:
        value = result.get(key)
        if isinstance(value, int):
            found.append(value)
        elif isinstance(value, list):
            found.extend(v for v in value if isinstance(v, int))
    if nested is not None:
        rows = result.get(nested[0])
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict) and isinstance(row.get(nested[1]), int):
                found.append(row[nested[1]])
    return found


def _holds_of(session: Session, call: ToolCall) -> list[DunningHold]:
    ids = _ids(call.result, "hold_id", "hold_ids", nested=("holds", "hold_id"))
    if ids:
        return list(session.exec(select(DunningHold).where(col(DunningHold.id).in_(ids))))
    # A tool that did not report ids: this message's holds of the kind this tool makes.
    reason = "payment_claim" if call.tool == "record_payment_claim" else "manual"
    query = select(DunningHold).where(
        DunningHold.message_id == call.message_id, DunningHold.reason == reason
    )
    invoices = call.arguments.get("invoices") or call.arguments.get("invoice_numbers")
    holds = list(session.exec(query))
    if invoices:
        wanted = {
            inv.id for inv in session.exec(select(Invoice).where(col(Invoice.number).in_(invoices)))
        }
        holds = [h for h in holds if h.invoice_id in wanted]
    return holds


def _end_holds(session: Session, holds: list[DunningHold], why: str) -> list[int]:
    ended: list[int] = []
    for hold in holds:
        if not hold.active:
            continue
        hold.end(why)
        session.add(hold)
        ended.append(hold.id or 0)
    return ended


def _source_holds(session: Session, reason: str, source_ids: list[int]) -> list[DunningHold]:
    if not source_ids:
        return []
    return list(
        session.exec(
            select(DunningHold).where(
                DunningHold.reason == reason, col(DunningHold.source_id).in_(source_ids)
            )
        )
    )


def _cancel_promises(session: Session, call: ToolCall, why: str) -> dict[str, Any]:
    ids = _ids(call.result, "promise_id", "promise_ids")
    query = select(Promise).where(
        col(Promise.id).in_(ids) if ids else Promise.message_id == call.message_id
    )
    cancelled: list[int] = []
    for promise in session.exec(query):
        if promise.status == "open":
            promise.status = "cancelled"
            session.add(promise)
            cancelled.append(promise.id or 0)
    ended = _end_holds(session, _source_holds(session, "promise", cancelled), why)
    return {"promises_cancelled": cancelled, "holds_ended": ended}


def _withdraw_disputes(session: Session, call: ToolCall, why: str) -> dict[str, Any]:
    ids = _ids(call.result, "dispute_id", "dispute_ids", nested=("disputes", "dispute_id"))
    query = select(Dispute).where(
        col(Dispute.id).in_(ids) if ids else Dispute.message_id == call.message_id
    )
    withdrawn: list[int] = []
    for dispute in session.exec(query):
        if dispute.status == "open":
            dispute.status = "resolved"
            dispute.outcome = "withdrawn"
            dispute.resolved_at = utcnow()
            session.add(dispute)
            withdrawn.append(dispute.id or 0)
    ended = _end_holds(session, _source_holds(session, "dispute", withdrawn), why)
    return {"disputes_withdrawn": withdrawn, "holds_ended": ended}


# --- queue priority ----------------------------------------------------------------------

DISPUTE_PRIORITY = 1_000_000  # a dispute outranks any amount


def queue_priority(
    *, intents: Iterable[str], amount_at_stake: Decimal, on_account: bool = True
) -> int:
    """The queue's priority after "needs a human": disputes first, then the amount at stake.

    A dispute matched to no account does not jump the queue: most of what a shared inbox
    receives from strangers is spam and newsletters, and a model that reads "we can help
    with your bill" as a dispute must not put it above a customer's real one.
    """
    score = min(int(max(amount_at_stake, Decimal(0))), DISPUTE_PRIORITY - 1)
    return score + (DISPUTE_PRIORITY if on_account and "dispute" in intents else 0)


def set_priority(
    *,
    session: Session,
    message: Message,
    triage: tuple[list[str], list[str]] | None = None,
    ledger: list[Invoice] | None = None,
) -> int:
    """Store `queue_priority` on the message from its current triage and the ledger.

    The amount at stake is the open amount of the invoices the triage names on the
    message's account (all its overdue invoices when none is named). Call it when a
    message reaches its review state (the pipeline's last step). The pipeline passes
    what it holds already, `triage` (intents, invoices) and `ledger` (the account's
    invoices), so nothing is read again.
    """
    if triage is None:
        current = session.exec(
            select(TriageResult).where(
                TriageResult.message_id == message.id, col(TriageResult.current).is_(True)
            )
        ).first()
        intents = list(current.intents) if current else []
        named = list((current.facts or {}).get("invoices") or []) if current else []
    else:
        intents, named = triage
    amount = Decimal(0)
    if message.account_id:
        if ledger is None:
            ledger = list(
                session.exec(select(Invoice).where(Invoice.account_id == message.account_id))
            )
        amount = amount_at_stake(ledger, named, message.received_at.date())
    message.priority = queue_priority(
        intents=intents, amount_at_stake=amount, on_account=message.account_id is not None
    )
    session.add(message)
    return message.priority


def amount_at_stake(ledger: list[Invoice], named: list[str], today: date) -> Decimal:
    """Open amount of the `named` invoices, or of every overdue one when none is named."""
    if named:
        wanted = set(named)
        chosen = [inv for inv in ledger if inv.number in wanted]
    else:
        chosen = [inv for inv in ledger if inv.due_date < today]
    return sum((inv.open_amount for inv in chosen), Decimal(0))
