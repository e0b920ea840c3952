"""The collectors' pages: the queue and the case, and the review forms on the case page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import col, select

from agent import closing, contacts, handwritten, review, tasks
from agent.schema import DISPUTE_REASONS, INTENTS, LANGUAGES
from api.case import load_case
from api.deps import CsrfChecked, PageUser, SessionDep, SettingsDep
from api.queue import QueueFilter, list_cases, neighbours
from api.tasks import TaskFilter, list_tasks
from api.templating import render_page
from records.inbox import Draft, MessageState, User

router = APIRouter(include_in_schema=False)
T = TypeVar("T")
FILTER_KEYS = ("state", "intent", "account", "language", "assigned", "q")


def _queue_filter(request: Request) -> QueueFilter:
    q = request.query_params
    try:
        page = max(1, int(q.get("page", "1")))
    except ValueError:
        page = 1
    return QueueFilter(
        state=q.get("state") or "todo",
        intent=q.get("intent") or None,
        account=q.get("account") or None,
        language=q.get("language") or None,
        assigned=q.get("assigned") or None,
        q=(q.get("q") or "").strip()[:200] or None,
        page=page,
    )


def _filter_query(f: QueueFilter) -> str:
    return urlencode({k: v for k in FILTER_KEYS if (v := getattr(f, k))})


def _case_url(case_id: int | None, f: QueueFilter) -> str:
    if case_id is None:
        return ""
    query = _filter_query(f)
    return f"/cases/{case_id}" + (f"?{query}" if query else "")


@router.get("/")
def home() -> Response:
    return RedirectResponse("/queue", status_code=303)


@router.get("/queue", response_class=HTMLResponse)
def queue_page(request: Request, session: SessionDep, user: PageUser) -> Response:
    f = _queue_filter(request)
    result = list_cases(session, f)
    collectors = list(session.exec(select(User.username).where(col(User.active).is_(True))))
    return render_page(
        request,
        "queue.html",
        {
            "page": result,
            "f": f,
            "fq": _filter_query(f),
            "close_reasons": closing.CLOSE_REASONS,
            "closable": {str(s) for s in closing.CLOSABLE_STATES},
            "fq_but_state": urlencode(
                {k: v for k in FILTER_KEYS if k != "state" and (v := getattr(f, k))}
            ),
            "states": ["todo", "all", *[s.value for s in MessageState]],
            "intents": INTENTS,
            "languages": LANGUAGES,
            "collectors": collectors,
        },
    )


@router.get("/cases/{case_id}", response_class=HTMLResponse)
def case_page(case_id: int, request: Request, session: SessionDep, user: PageUser) -> Response:
    view = load_case(session, case_id)
    if view is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "case not found")
    f = _queue_filter(request)
    prev_id, next_id = neighbours(session, f, case_id)
    collectors = list(session.exec(select(User.username).where(col(User.active).is_(True))))
    evidence = [e.get("sentence", "") for e in (view.triage.evidence if view.triage else [])]
    return render_page(
        request,
        "case.html",
        {
            "v": view,
            "fq": _filter_query(f),
            "prev_url": _case_url(prev_id, f),
            "next_url": _case_url(next_id, f),
            "queue_url": "/queue" + (f"?{_filter_query(f)}" if _filter_query(f) else ""),
            "evidence": evidence,
            "intents": INTENTS,
            "dispute_reasons": DISPUTE_REASONS,
            "collectors": collectors,
            "close_reasons": closing.CLOSE_REASONS,
            "can_close": view.message.state in closing.CLOSABLE_STATES,
            "can_reopen": view.message.state in closing.REOPENABLE_STATES,
            "can_write": handwritten.can_write(view.message, view.draft),
            "can_identify": not view.message.verified
            and view.message.state in contacts.IDENTIFIABLE_STATES,
            "can_approve": view.draft is not None
            and view.draft.state in ("pending", "failed")
            and not (view.message.state == MessageState.failed and user.role == "collector"),
        },
    )


def _back(case_id: int, notice: str, fq: str = "") -> Response:
    query = urlencode({"notice": notice}) + (f"&{fq}" if fq else "")
    return RedirectResponse(f"/cases/{case_id}?{query}", status_code=303)


def _latest_draft(session: SessionDep, case_id: int) -> Draft:
    draft = session.exec(
        select(Draft).where(Draft.message_id == case_id).order_by(col(Draft.id).desc())
    ).first()
    if draft is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "this case has no draft")
    return draft


def _run(session: SessionDep, action: Callable[[], T]) -> T:
    """Run a review action and commit; a refused action becomes its HTTP error."""
    try:
        result = action()
    except review.ReviewError as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    session.commit()
    return result


@router.post("/cases/{case_id}/draft", dependencies=[CsrfChecked])
def save_draft(
    case_id: int,
    session: SessionDep,
    user: PageUser,
    body: Annotated[str, Form(max_length=100_000)],
    fq: Annotated[str, Form()] = "",
) -> Response:
    draft = _latest_draft(session, case_id)
    _run(
        session,
        lambda: review.edit_draft(session=session, user=user, draft_id=draft.id or 0, body=body),
    )
    return _back(case_id, "Draft saved.", fq)


@router.post("/cases/{case_id}/approve", dependencies=[CsrfChecked])
def approve_page(
    case_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: PageUser,
    body: Annotated[str | None, Form(max_length=100_000)] = None,
    fq: Annotated[str, Form()] = "",
) -> Response:
    draft = _latest_draft(session, case_id)
    _run(
        session,
        lambda: review.approve_draft(
            session=session,
            user=user,
            draft_id=draft.id or 0,
            settings=settings,
            body=body,
        ),
    )
    return _back(case_id, "Approved: the reply will be sent.", fq)


@router.post("/cases/{case_id}/reject", dependencies=[CsrfChecked])
def reject_page(
    case_id: int,
    session: SessionDep,
    user: PageUser,
    reason: Annotated[str, Form(max_length=2000)] = "",
    fq: Annotated[str, Form()] = "",
) -> Response:
    draft = _latest_draft(session, case_id)
    _run(
        session,
        lambda: review.reject_draft(
            session=session, user=user, draft_id=draft.id or 0, reason=reason
        ),
    )
    return _back(case_id, "Draft rejected.", fq)


@router.post("/cases/{case_id}/close", dependencies=[CsrfChecked])
def close_page(
    case_id: int,
    session: SessionDep,
    user: PageUser,
    reason: Annotated[str, Form()],
    note: Annotated[str, Form(max_length=2000)] = "",
    fq: Annotated[str, Form()] = "",
) -> Response:
    _run(
        session,
        lambda: closing.close_case(
            session=session, user=user, message_id=case_id, reason=reason, note=note
        ),
    )
    return _back(case_id, f"Case closed: {closing.CLOSE_REASONS.get(reason, reason)}.", fq)


@router.post("/queue/close", dependencies=[CsrfChecked])
def close_selected_page(
    session: SessionDep,
    user: PageUser,
    reason: Annotated[str, Form()],
    ids: Annotated[list[int] | None, Form()] = None,
    note: Annotated[str, Form(max_length=2000)] = "",
    fq: Annotated[str, Form()] = "",
) -> Response:
    """Close the cases ticked on the queue page."""
    if not ids:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, "no case selected")
    closed, refused = _run(
        session,
        lambda: closing.close_cases(
            session=session, user=user, message_ids=ids, reason=reason, note=note
        ),
    )
    notice = f"Closed {len(closed)} case{'' if len(closed) == 1 else 's'}."
    if refused:
        first = next(iter(refused.items()))
        notice += f" {len(refused)} not closed (case {first[0]}: {first[1]})."
    query = urlencode({"notice": notice}) + (f"&{fq}" if fq else "")
    return RedirectResponse(f"/queue?{query}", status_code=303)


@router.post("/cases/{case_id}/reopen", dependencies=[CsrfChecked])
def reopen_page(
    case_id: int, session: SessionDep, user: PageUser, fq: Annotated[str, Form()] = ""
) -> Response:
    _run(session, lambda: closing.reopen_case(session=session, user=user, message_id=case_id))
    return _back(case_id, "Case reopened.", fq)


@router.post("/cases/{case_id}/reply", dependencies=[CsrfChecked])
def reply_page(
    case_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: PageUser,
    body: Annotated[str, Form(max_length=100_000)],
    fq: Annotated[str, Form()] = "",
) -> Response:
    _run(
        session,
        lambda: handwritten.write_reply(
            session=session, user=user, message_id=case_id, body=body, settings=settings
        ),
    )
    return _back(case_id, "Reply saved as a draft: approve it to send.", fq)


@router.post("/cases/{case_id}/identify", dependencies=[CsrfChecked])
def identify_page(
    case_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: PageUser,
    account: Annotated[str, Form(max_length=200)],
    fq: Annotated[str, Form()] = "",
) -> Response:
    message = _run(
        session,
        lambda: contacts.identify_sender(
            session=session,
            user=user,
            message_id=case_id,
            account_id=account,
            ar_mailbox=settings.ar_mailbox,
        ),
    )
    return _back(case_id, f"Sender added to {message.account_id}: the message is read again.", fq)


@router.post("/contact-changes/{change_id}/{decision}", dependencies=[CsrfChecked])
def contact_change_page(
    change_id: int,
    decision: str,
    session: SessionDep,
    user: PageUser,
    case_id: Annotated[int, Form()],
    fq: Annotated[str, Form()] = "",
) -> Response:
    if decision not in ("apply", "decline"):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such decision")
    _run(
        session,
        lambda: contacts.decide_contact_change(
            session=session, user=user, change_id=change_id, apply=decision == "apply"
        ),
    )
    return _back(
        case_id,
        "Contact change applied." if decision == "apply" else "Contact change declined.",
        fq,
    )


@router.get("/tasks", response_class=HTMLResponse)
def tasks_page(request: Request, session: SessionDep, user: PageUser) -> Response:
    q = request.query_params
    try:
        page = max(1, int(q.get("page", "1")))
    except ValueError:
        page = 1
    f = TaskFilter(
        status=q.get("status") or "open",
        kind=q.get("kind") or None,
        account=q.get("account") or None,
        page=page,
    )
    query = urlencode({k: v for k in ("status", "kind", "account") if (v := getattr(f, k))})
    return render_page(
        request,
        "tasks.html",
        {"page": list_tasks(session, f), "f": f, "fq": query, "kinds": tasks.TASK_KINDS},
    )


@router.post("/tasks/{task_id}/done", dependencies=[CsrfChecked])
def task_done_page(
    task_id: int,
    session: SessionDep,
    user: PageUser,
    case_id: Annotated[int | None, Form()] = None,
    fq: Annotated[str, Form()] = "",
) -> Response:
    """Mark a task done, from the task list or from its case."""
    _run(session, lambda: tasks.complete_task(session=session, user=user, task_id=task_id))
    if case_id is not None:
        return _back(case_id, "Task done.", "")
    query = urlencode({"notice": "Task done."}) + (f"&{fq}" if fq else "")
    return RedirectResponse(f"/tasks?{query}", status_code=303)


@router.post("/cases/{case_id}/reassign", dependencies=[CsrfChecked])
def reassign_page(
    case_id: int,
    session: SessionDep,
    user: PageUser,
    assignee: Annotated[str, Form()] = "",
    fq: Annotated[str, Form()] = "",
) -> Response:
    _run(
        session,
        lambda: review.reassign_case(
            session=session, user=user, message_id=case_id, assignee=assignee or None
        ),
    )
    return _back(case_id, f"Assigned to {assignee}." if assignee else "Unassigned.", fq)


@router.post("/cases/{case_id}/correct", dependencies=[CsrfChecked])
def correct_page(
    case_id: int,
    session: SessionDep,
    user: PageUser,
    intents: Annotated[list[str] | None, Form()] = None,
    dispute_reason: Annotated[str, Form()] = "",
    fq: Annotated[str, Form()] = "",
) -> Response:
    changes: dict[str, Any] = {"intents": intents or []}
    if dispute_reason:
        changes["dispute_reason"] = dispute_reason
    _run(
        session,
        lambda: review.correct_triage(
            session=session, user=user, message_id=case_id, changes=changes
        ),
    )
    return _back(case_id, "Correction saved: the model will learn from it.", fq)


@router.post("/actions/{toolcall_id}/undo", dependencies=[CsrfChecked])
def undo_page(
    toolcall_id: int,
    session: SessionDep,
    user: PageUser,
    case_id: Annotated[int, Form()],
    fq: Annotated[str, Form()] = "",
) -> Response:
    _run(session, lambda: review.undo_action(session=session, user=user, toolcall_id=toolcall_id))
    return _back(case_id, "Action undone.", fq)
