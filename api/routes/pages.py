"""The server-rendered pages: login, queue, case, dashboard, users."""

from __future__ import annotations

import secrets
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from sqlmodel import col, select

from agent import review
from agent.schema import DISPUTE_REASONS, INTENTS, LANGUAGES
from api.case import load_case
from api.charts import bar_chart, stacked_columns
from api.dashboard import load_dashboard
from api.deps import (
    CsrfChecked,
    PageUser,
    SessionDep,
    SettingsDep,
    require_page_role,
)
from api.queue import QueueFilter, list_cases, neighbours
from api.security import SESSION_COOKIE, SESSION_MAX_AGE_S, LoginRateLimiter, SessionCodec
from api.users import ROLES, UserError, authenticate, create_user, has_role
from records.inbox import Draft, MessageState, User

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "arinbox_login_csrf"
FILTER_KEYS = ("state", "intent", "account", "language", "assigned")


def _render(request: Request, name: str, context: dict[str, Any], code: int = 200) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    user = getattr(request.state, "user", None)
    base = {
        "user": user,
        "csrf": getattr(request.state, "csrf", ""),
        "is_manager": user is not None and has_role(user, "manager"),
        "is_admin": user is not None and has_role(user, "admin"),
        "notice": request.query_params.get("notice", "")[:200],
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=code)


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _safe_next(target: str | None) -> str:
    # Only our own paths: never redirect a user off-site after login.
    # Browsers read "/\\host" like "//host": no backslash, no scheme-relative path.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/queue"


# --- login ---------------------------------------------------------------------------------


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/queue", error: str = "") -> Response:
    token = secrets.token_urlsafe(32)
    response = _render(request, "login.html", {"login_csrf": token, "next": next, "error": error})
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        max_age=3600,
    )
    return response


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    username: Annotated[str, Form(max_length=150)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/queue",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not secrets.compare_digest(expected, csrf_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "missing or invalid CSRF token")
    limiter: LoginRateLimiter = request.app.state.login_limiter
    address = request.client.host if request.client else "?"
    if limiter.blocked(username, address):
        response = login_page(
            request, next, "Too many failed attempts. Try again in a few minutes."
        )
        response.status_code = status.HTTP_429_TOO_MANY_REQUESTS
        return response
    user = authenticate(session=session, username=username, password=password)
    if user is None:
        limiter.failed(username, address)
        response = login_page(request, next, "Unknown user or wrong password.")
        response.status_code = status.HTTP_401_UNAUTHORIZED
        return response
    limiter.succeeded(username, address)
    session.commit()  # a rehashed password
    codec: SessionCodec = request.app.state.sessions
    _, cookie = codec.new(user.id or 0)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        httponly=True,
        samesite="lax",
        secure=_secure(request),
        max_age=SESSION_MAX_AGE_S,
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout", dependencies=[CsrfChecked])
def logout() -> Response:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


# --- queue and case ------------------------------------------------------------------------


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
    return _render(
        request,
        "queue.html",
        {
            "page": result,
            "f": f,
            "fq": _filter_query(f),
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
    return _render(
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


def _run(session: SessionDep, action: Any) -> None:
    """Run a review action and commit; a refused action becomes its HTTP error."""
    try:
        action()
    except review.ReviewError as exc:
        raise HTTPException(exc.status, str(exc)) from exc
    session.commit()


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
            ar_mailbox=settings.ar_mailbox,
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


# --- manager and admin ---------------------------------------------------------------------

ManagerPage = Annotated[User, Depends(require_page_role("manager"))]
AdminPage = Annotated[User, Depends(require_page_role("admin"))]


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, session: SessionDep, _user: ManagerPage) -> Response:
    d = load_dashboard(session)
    return _render(
        request,
        "dashboard.html",
        {
            "d": d,
            "intent_chart": stacked_columns(d.weeks, d.by_intent),
            "language_chart": stacked_columns(d.weeks, d.by_language),
            "reason_chart": bar_chart({k: float(v) for k, v in d.disputes_by_reason.items()}),
            "age_chart": bar_chart({k: float(v) for k, v in d.disputes_by_age.items()}),
            "promise_chart": bar_chart({k: float(v) for k, v in d.promises.items()}),
        },
    )


@router.get("/users", response_class=HTMLResponse)
def users_page(
    request: Request, session: SessionDep, _user: AdminPage, error: str = ""
) -> Response:
    users = list(session.exec(select(User).order_by(col(User.username))))
    return _render(request, "users.html", {"users": users, "roles": ROLES, "error": error})


@router.post("/users", dependencies=[CsrfChecked])
def add_user(
    request: Request,
    session: SessionDep,
    admin: AdminPage,
    username: Annotated[str, Form(max_length=150)],
    password: Annotated[str, Form(max_length=1000)],
    role: Annotated[str, Form()],
) -> Response:
    try:
        create_user(session=session, username=username, password=password, role=role)
    except UserError as exc:
        response = users_page(request, session, admin, error=str(exc))
        response.status_code = status.HTTP_400_BAD_REQUEST
        return response
    review.log_activity(
        session=session,
        user=admin,
        action="user_add",
        target="user",
        target_id=username,
        details={"role": role},
    )
    session.commit()
    return RedirectResponse("/users?" + urlencode({"notice": f"User {username} added."}), 303)


@router.post("/users/{user_id}/active", dependencies=[CsrfChecked])
def toggle_user(user_id: int, session: SessionDep, admin: AdminPage) -> Response:
    target = session.get(User, user_id)
    if target is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "user not found")
    if target.id == admin.id:
        raise HTTPException(status.HTTP_409_CONFLICT, "you cannot deactivate yourself")
    target.active = not target.active
    session.add(target)
    review.log_activity(
        session=session,
        user=admin,
        action="user_active",
        target="user",
        target_id=target.username,
        details={"active": target.active},
    )
    session.commit()
    return RedirectResponse("/users", 303)
