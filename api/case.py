"""Everything the case page shows about one message, gathered in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, or_
from sqlmodel import Session, col, select

from agent.context import load_context
from agent.review import is_reversible, undone_calls
from api.mailview import fallback_text, sanitize_html
from records.inbox import (
    ActivityEvent,
    Correction,
    Draft,
    DraftAttachment,
    Message,
    ToolCall,
    TriageResult,
)
from records.ledger import Account, ContactChange, Dispute, DunningHold, Note, Promise, Task
from records.types import utcnow


@dataclass
class InvoiceLine:
    number: str
    due_date: date
    amount: Decimal
    open_amount: Decimal
    currency: str
    days_overdue: int
    bucket: str  # current | 1-30 | 31-60 | 61-90 | 90+
    on_hold: bool


@dataclass
class CaseView:
    message: Message
    parsed: dict[str, Any]
    new_text: str
    quoted_text: str
    html: str | None  # sanitised
    attachments: list[dict[str, Any]]
    triage: TriageResult | None
    actions: list[ToolCall]
    reversible: set[int]
    undone: set[int]
    account: Account | None
    invoices: list[InvoiceLine]
    disputes: list[Dispute]
    promises: list[Promise]
    holds: list[DunningHold]
    thread: list[Message]
    draft: Draft | None
    draft_attachments: list[DraftAttachment]
    corrections: list[Correction]
    activity: list[ActivityEvent] = field(default_factory=list)
    contact_changes: list[ContactChange] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    invoice_by_id: dict[int, str] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)


def ageing_bucket(days_overdue: int) -> str:
    if days_overdue <= 0:
        return "current"
    for limit, name in ((30, "1-30"), (60, "31-60"), (90, "61-90")):
        if days_overdue <= limit:
            return name
    return "90+"


def load_case(session: Session, message_id: int, *, today: date | None = None) -> CaseView | None:
    message = session.get(Message, message_id)
    if message is None:
        return None
    today = today or utcnow().date()
    parsed = message.parsed or {}
    new_text = parsed.get("new_text") if parsed else None
    html = parsed.get("html") if parsed else None
    triage = session.exec(
        select(TriageResult).where(
            TriageResult.message_id == message_id, col(TriageResult.current).is_(True)
        )
    ).first()
    actions = list(
        session.exec(
            select(ToolCall).where(ToolCall.message_id == message_id).order_by(col(ToolCall.id))
        )
    )
    context = load_context(session, message.account_id, message.thread_id)
    held = {h.invoice_id for h in context.holds}
    invoices = [
        InvoiceLine(
            number=inv.number,
            due_date=inv.due_date,
            amount=inv.amount,
            open_amount=inv.open_amount,
            currency=inv.currency,
            days_overdue=(today - inv.due_date).days,
            bucket=ageing_bucket((today - inv.due_date).days),
            on_hold=inv.id in held,
        )
        for inv in context.open_invoices
    ]
    draft = session.exec(
        select(Draft).where(Draft.message_id == message_id).order_by(col(Draft.id).desc())
    ).first()
    draft_attachments = (
        list(session.exec(select(DraftAttachment).where(DraftAttachment.draft_id == draft.id)))
        if draft
        else []
    )
    return CaseView(
        message=message,
        parsed=parsed,
        new_text=new_text if isinstance(new_text, str) else fallback_text(message.raw),
        quoted_text=str(parsed.get("quoted_text") or ""),
        html=sanitize_html(html) if isinstance(html, str) and html.strip() else None,
        attachments=list(parsed.get("attachments") or []),
        triage=triage,
        actions=actions,
        reversible={a.id for a in actions if a.id is not None and is_reversible(a)},
        undone=undone_calls(session, [a.id for a in actions if a.id is not None]),
        account=context.account,
        invoices=invoices,
        disputes=context.disputes,
        promises=context.promises,
        holds=context.holds,
        thread=[m for m in context.thread if m.id != message_id],
        draft=draft,
        draft_attachments=draft_attachments,
        corrections=list(
            session.exec(
                select(Correction)
                .where(Correction.message_id == message_id)
                .order_by(col(Correction.id))
            )
        ),
        activity=_activity(session, message_id),
        tasks=list(
            session.exec(select(Task).where(Task.message_id == message_id).order_by(col(Task.id)))
        ),
        contact_changes=list(
            session.exec(select(ContactChange).where(ContactChange.message_id == message_id))
        ),
        invoice_by_id={i.id: i.number for i in context.invoices if i.id is not None},
        notes=_recent_notes(session, message.account_id),
    )


NOTES_SHOWN = 8


def _recent_notes(session: Session, account_id: str | None) -> list[Note]:
    """The account's latest notes, newest first: who is away until when and who stands in,
    an address that bounced, a dispute contested again, a reply not drafted and why."""
    if account_id is None:
        return []
    return list(
        session.exec(
            select(Note)
            .where(Note.account_id == account_id)
            .order_by(col(Note.created_at).desc(), col(Note.id).desc())
            .limit(NOTES_SHOWN)
        )
    )


def _activity(session: Session, message_id: int) -> list[ActivityEvent]:
    """What people did to the case and to every draft of it (one rejected, one written)."""
    drafts = [str(i) for i in session.exec(select(Draft.id).where(Draft.message_id == message_id))]
    on_message = and_(
        col(ActivityEvent.target_type) == "message", col(ActivityEvent.target_id) == str(message_id)
    )
    on_drafts = and_(
        col(ActivityEvent.target_type) == "draft", col(ActivityEvent.target_id).in_(drafts)
    )
    where = or_(on_message, on_drafts) if drafts else on_message
    rows = session.exec(select(ActivityEvent).where(where))
    return sorted(rows, key=lambda e: (e.created_at, e.id or 0))


def case_json(view: CaseView) -> dict[str, Any]:
    """The case as the JSON API returns it."""
    m = view.message
    t = view.triage
    d = view.draft
    return {
        "id": m.id,
        "state": m.state,
        "needs_human": m.needs_human,
        "needs_human_reasons": m.needs_human_reasons,
        "assigned_to": m.assigned_to,
        "error": m.error,
        "message": {
            "message_id": m.message_id,
            "from_addr": m.from_addr,
            "from_name": m.from_name,
            "to": view.parsed.get("to", []),
            "cc": view.parsed.get("cc", []),
            "subject": m.subject,
            "received_at": m.received_at.isoformat(),
            "language": m.language,
            "new_text": view.new_text,
            "quoted_text": view.quoted_text,
            "html": view.html,
            "attachments": [
                {**a, "index": i, "url": f"/api/messages/{m.id}/attachments/{i}"}
                for i, a in enumerate(view.attachments)
            ],
        },
        "triage": None
        if t is None
        else {
            "model": t.model,
            "intents": t.intents,
            "confidence": t.confidence,
            "facts": t.facts,
            "evidence": t.evidence,
            "created_at": t.created_at.isoformat(),
        },
        "actions": [
            {
                "id": a.id,
                "tool": a.tool,
                "allowed": a.allowed,
                "refusal_reason": a.refusal_reason,
                "arguments": a.arguments,
                "result": a.result,
                "actor": a.actor,
                "reversible": a.id in view.reversible,
                "undone": a.id in view.undone,
                "created_at": a.created_at.isoformat(),
            }
            for a in view.actions
        ],
        "account": _account_json(view),
        "thread": [
            {
                "id": t.id,
                "subject": t.subject,
                "received_at": t.received_at.isoformat(),
                "direction": t.direction,
                "state": t.state,
            }
            for t in view.thread
        ],
        "draft": None
        if d is None
        else {
            "id": d.id,
            "state": d.state,
            "to": d.to_addr,
            "cc": d.cc_addrs,
            "subject": d.subject,
            "body": d.body,
            "original_body": d.original_body,
            "edited": d.edited,
            "language": d.language,
            "outgoing_message_id": d.outgoing_message_id,
            "approved_by": d.approved_by,
            "approved_at": d.approved_at.isoformat() if d.approved_at else None,
            "rejected_reason": d.rejected_reason,
            "attachments": [
                {
                    "id": a.id,
                    "filename": a.filename,
                    "content_type": a.content_type,
                    "kind": a.kind,
                    "url": f"/api/drafts/{d.id}/attachments/{a.id}",
                }
                for a in view.draft_attachments
            ],
        },
        "corrections": [
            {"field": c.field, "old": c.old_value, "new": c.new_value, "by": c.username}
            for c in view.corrections
        ],
    }


def _account_json(view: CaseView) -> dict[str, Any] | None:
    if view.account is None:
        return None
    return {
        "id": view.account.id,
        "name": view.account.name,
        "verified": view.message.verified,
        "open_invoices": [
            {
                "number": i.number,
                "due_date": i.due_date.isoformat(),
                "amount": str(i.amount),
                "open_amount": str(i.open_amount),
                "currency": i.currency,
                "days_overdue": i.days_overdue,
                "ageing": i.bucket,
                "dunning_paused": i.on_hold,
            }
            for i in view.invoices
        ],
        "disputes": [
            {"reference": x.reference, "reason": x.reason, "status": x.status}
            for x in view.disputes
        ],
        "promises": [
            {
                "id": p.id,
                "date": p.promised_date.isoformat(),
                "amount": None if p.amount is None else str(p.amount),
                "status": p.status,
            }
            for p in view.promises
        ],
        "holds": [
            {
                "id": h.id,
                "invoice": view.invoice_by_id.get(h.invoice_id),
                "reason": h.reason,
                "until": h.until_date.isoformat() if h.until_date else None,
            }
            for h in view.holds
        ],
        "notes": [
            {"text": n.text, "case": n.message_id, "created_at": n.created_at.isoformat()}
            for n in view.notes
        ],
    }
