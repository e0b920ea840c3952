"""The JSON API: the queue, a case, and the review actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Query, Response, status
from pydantic import BaseModel, Field
from sqlmodel import select

from agent import closing, contacts, handwritten, review, tasks
from agent.draft import attachments
from agent.draft.documents import DocumentNotFound
from api.case import case_json, load_case
from api.deps import CurrentUser, SessionDep, SettingsDep
from api.mailview import find_attachment
from api.queue import QueueFilter, list_cases
from api.tasks import TaskFilter, list_tasks
from records.inbox import Draft, DraftAttachment, Message

router = APIRouter(prefix="/api", tags=["cases"])
T = TypeVar("T")


class DraftEdit(BaseModel):
    body: str = Field(max_length=100_000)
    subject: str | None = Field(default=None, max_length=998)


class Approve(BaseModel):
    body: str | None = Field(default=None, max_length=100_000)  # edit and approve in one step
    subject: str | None = Field(default=None, max_length=998)


class Reject(BaseModel):
    reason: str = Field(min_length=1, max_length=2000)


class Reassign(BaseModel):
    assignee: str | None = None  # None: back to the team's queue


class Close(BaseModel):
    reason: str  # handled | not_for_ar | duplicate
    note: str = Field(default="", max_length=2000)


class CloseMany(BaseModel):
    ids: list[int] = Field(min_length=1, max_length=200)
    reason: str  # handled | not_for_ar | duplicate
    note: str = Field(default="", max_length=2000)


class Identify(BaseModel):
    account: str = Field(min_length=1, max_length=200)


class Reply(BaseModel):
    body: str = Field(min_length=1, max_length=100_000)
    subject: str | None = Field(default=None, max_length=998)


class CorrectionIn(BaseModel):
    intents: list[str] | None = None
    facts: dict[str, Any] = Field(default_factory=dict)  # invoices, promise, dispute_reason...


def download(content: bytes, filename: str, content_type: str) -> Response:
    """A file the browser saves and never renders (it may come from a buyer)."""
    return Response(
        content,
        media_type=content_type or "application/octet-stream",
        headers={
            "Content-Disposition": f"attachment; filename*=UTF-8''{quote(filename, safe='')}",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "sandbox; default-src 'none'",
        },
    )


def _fail(exc: review.ReviewError) -> HTTPException:
    return HTTPException(exc.status, str(exc))


def _committed(session: SessionDep, action: Callable[[], T]) -> T:
    """Run a review action and commit; a refused action becomes its HTTP error."""
    try:
        result = action()
    except review.ReviewError as exc:
        raise _fail(exc) from exc
    session.commit()
    return result


def _draft_of(session: SessionDep, case_id: int) -> Draft:
    draft = session.exec(
        select(Draft).where(Draft.message_id == case_id).order_by(Draft.id.desc())  # type: ignore[union-attr]
    ).first()
    if draft is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "this case has no draft")
    return draft


@router.get("/cases")
def cases(
    session: SessionDep,
    _user: CurrentUser,
    state: str = "todo",
    intent: str | None = None,
    account: str | None = None,
    language: str | None = None,
    assigned: str | None = None,
    q: Annotated[str | None, Query(max_length=200)] = None,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """The queue with counts per state, sorted: needs a human, priority, age.

    `q` searches subject, sender, account and the triage's facts (invoice numbers).
    """
    result = list_cases(
        session,
        QueueFilter(
            state=state,
            intent=intent,
            account=account,
            language=language,
            assigned=assigned,
            q=q,
            page=page,
            per_page=per_page,
        ),  # fmt: skip
    )
    return {
        "counts": result.counts,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "items": [{**vars(r), "received_at": r.received_at.isoformat()} for r in result.rows],
    }


@router.get("/cases/{case_id}")
def case_detail(case_id: int, session: SessionDep, _user: CurrentUser) -> dict[str, Any]:
    """One case: the message, triage, actions, account context and the draft."""
    view = load_case(session, case_id)
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "case not found")
    return case_json(view)


@router.patch("/cases/{case_id}/draft")
def edit_draft(
    case_id: int, body: DraftEdit, session: SessionDep, user: CurrentUser
) -> dict[str, Any]:
    """Replace the draft's text (the agent's text stays in original_body)."""
    draft = _draft_of(session, case_id)
    _committed(
        session,
        lambda: review.edit_draft(
            session=session, user=user, draft_id=draft.id or 0, body=body.body, subject=body.subject
        ),
    )
    return {"id": draft.id, "state": draft.state, "edited": draft.edited, "body": draft.body}


@router.post("/cases/{case_id}/approve")
def approve(
    case_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: CurrentUser,
    body: Approve | None = None,
) -> dict[str, Any]:
    """Approve the draft for sending, optionally with edited text; twice is a no-op."""
    draft = _draft_of(session, case_id)
    _committed(
        session,
        lambda: review.approve_draft(
            session=session,
            user=user,
            draft_id=draft.id or 0,
            settings=settings,
            body=body.body if body else None,
            subject=body.subject if body else None,
        ),
    )
    return {
        "id": draft.id,
        "state": draft.state,
        "outgoing_message_id": draft.outgoing_message_id,
        "approved_by": draft.approved_by,
    }


@router.post("/cases/{case_id}/reject")
def reject(case_id: int, body: Reject, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """Reject the draft with a reason; nothing is sent."""
    draft = _draft_of(session, case_id)
    _committed(
        session,
        lambda: review.reject_draft(
            session=session, user=user, draft_id=draft.id or 0, reason=body.reason
        ),
    )
    return {"id": draft.id, "state": draft.state, "rejected_reason": draft.rejected_reason}


@router.post("/cases/{case_id}/reassign")
def reassign(
    case_id: int, body: Reassign, session: SessionDep, user: CurrentUser
) -> dict[str, Any]:
    """Give the case to another user (null: back to the team's queue)."""
    message = _committed(
        session,
        lambda: review.reassign_case(
            session=session, user=user, message_id=case_id, assignee=body.assignee
        ),
    )
    return {"id": message.id, "assigned_to": message.assigned_to}


@router.post("/cases/close")
def close_many(body: CloseMany, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """Close several cases at once; those that cannot be closed are listed with the reason."""
    closed, refused = _committed(
        session,
        lambda: closing.close_cases(
            session=session, user=user, message_ids=body.ids, reason=body.reason, note=body.note
        ),
    )
    return {"closed": closed, "refused": {str(k): v for k, v in refused.items()}}


@router.post("/cases/{case_id}/close")
def close(case_id: int, body: Close, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """Close a case no draft will answer; a draft still waiting is rejected with it."""
    message = _committed(
        session,
        lambda: closing.close_case(
            session=session, user=user, message_id=case_id, reason=body.reason, note=body.note
        ),
    )
    return {"id": message.id, "state": message.state}


@router.post("/cases/{case_id}/reopen")
def reopen(case_id: int, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """Put a closed or rejected case back in the queue."""
    message = _committed(
        session, lambda: closing.reopen_case(session=session, user=user, message_id=case_id)
    )
    return {"id": message.id, "state": message.state}


@router.post("/cases/{case_id}/reply")
def reply(
    case_id: int, body: Reply, session: SessionDep, settings: SettingsDep, user: CurrentUser
) -> dict[str, Any]:
    """A reply written by hand, stored as a pending draft in the buyer's thread."""
    draft = _committed(
        session,
        lambda: handwritten.write_reply(
            session=session,
            user=user,
            message_id=case_id,
            body=body.body,
            subject=body.subject,
            settings=settings,
        ),
    )
    return {"id": draft.id, "state": draft.state, "to": draft.to_addr, "subject": draft.subject}


@router.post("/cases/{case_id}/identify")
def identify(
    case_id: int, body: Identify, session: SessionDep, settings: SettingsDep, user: CurrentUser
) -> dict[str, Any]:
    """Add the sender as a contact of an account and process the message again."""
    message = _committed(
        session,
        lambda: contacts.identify_sender(
            session=session,
            user=user,
            message_id=case_id,
            account_id=body.account,
            ar_mailbox=settings.ar_mailbox,
        ),
    )
    return {"id": message.id, "state": message.state}


@router.post("/contact-changes/{change_id}/{decision}")
def decide_contact_change(
    change_id: int, decision: Literal["apply", "decline"], session: SessionDep, user: CurrentUser
) -> dict[str, Any]:
    """Apply or decline a contact change a buyer asked for."""
    change = _committed(
        session,
        lambda: contacts.decide_contact_change(
            session=session, user=user, change_id=change_id, apply=decision == "apply"
        ),
    )
    return {"id": change.id, "status": change.status}


@router.get("/tasks")
def task_list(
    session: SessionDep,
    _user: CurrentUser,
    status: Literal["open", "done", "all"] = "open",
    kind: str | None = None,
    account: str | None = None,
    page: Annotated[int, Query(ge=1)] = 1,
    per_page: Annotated[int, Query(ge=1, le=200)] = 50,
) -> dict[str, Any]:
    """Tasks the tools left (cash application, payment plans, contact changes...), oldest first."""
    result = list_tasks(
        session,
        TaskFilter(status=status, kind=kind, account=account, page=page, per_page=per_page),
    )
    return {
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "open_by_kind": result.counts,
        "items": [
            {
                "id": r.task.id,
                "kind": r.task.kind,
                "title": r.task.title,
                "status": r.task.status,
                "account": r.task.account_id,
                "account_name": r.account_name,
                "case": r.task.message_id,
                "details": r.task.details,
                "created_at": r.task.created_at.isoformat(),
            }
            for r in result.rows
        ],
    }


@router.post("/tasks/{task_id}/done")
def task_done(task_id: int, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """Mark a task done; twice is a no-op."""
    task = _committed(
        session, lambda: tasks.complete_task(session=session, user=user, task_id=task_id)
    )
    return {"id": task.id, "status": task.status}


@router.post("/cases/{case_id}/correction")
def correct(
    case_id: int, body: CorrectionIn, session: SessionDep, user: CurrentUser
) -> dict[str, Any]:
    """Correct the triage's intents and/or facts; stored as labels the model learns from."""
    changes = dict(body.facts)
    if body.intents is not None:
        changes["intents"] = body.intents
    if not changes:
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, "nothing to correct")
    rows = _committed(
        session,
        lambda: review.correct_triage(
            session=session, user=user, message_id=case_id, changes=changes
        ),
    )
    return {"corrections": [{"id": c.id, "field": c.field, "new": c.new_value} for c in rows]}


@router.post("/actions/{toolcall_id}/undo")
def undo(toolcall_id: int, session: SessionDep, user: CurrentUser) -> dict[str, Any]:
    """Undo a reversible action (dunning hold, promise, dispute); the audit row stays."""
    call = _committed(
        session, lambda: review.undo_action(session=session, user=user, toolcall_id=toolcall_id)
    )
    return {"id": call.id, "tool": call.tool, "result": call.result}


@router.get("/drafts/{draft_id}/attachments/{att_id}")
def draft_attachment(
    draft_id: int, att_id: int, session: SessionDep, settings: SettingsDep, _user: CurrentUser
) -> Response:
    """Download an attachment of a draft (an invoice copy, a statement), made if not yet."""
    att = session.get(DraftAttachment, att_id)
    if att is None or att.draft_id != draft_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "attachment not found")
    try:
        content = attachments.made(session, att, settings)
    except DocumentNotFound as exc:
        raise HTTPException(status.HTTP_409_CONFLICT, f"cannot be made: {exc}") from exc
    session.commit()
    return download(content, att.filename, att.content_type)


@router.get("/messages/{message_id}/attachments/{n}")
def message_attachment(
    message_id: int, n: int, session: SessionDep, _user: CurrentUser
) -> Response:
    """Download the n-th original attachment of a buyer's message."""
    message = session.get(Message, message_id)
    if message is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "message not found")
    listed = list((message.parsed or {}).get("attachments") or [])
    att = find_attachment(message.raw, listed, n)
    if att is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "attachment not found")
    return download(att.content, att.filename, att.content_type)
