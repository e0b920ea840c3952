"""The managers' dashboard and the admins' users page."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlmodel import col, select

from agent import review
from api.charts import bar_chart, stacked_columns
from api.dashboard import load_dashboard
from api.deps import CsrfChecked, SessionDep, require_page_role
from api.templating import render_page
from api.users import ROLES, UserError, create_user
from records.inbox import User

router = APIRouter(include_in_schema=False)

ManagerPage = Annotated[User, Depends(require_page_role("manager"))]
AdminPage = Annotated[User, Depends(require_page_role("admin"))]


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, session: SessionDep, _user: ManagerPage) -> Response:
    d = load_dashboard(session)
    return render_page(
        request,
        "dashboard.html",
        {
            "d": d,
            "intent_chart": stacked_columns(d.weeks, d.by_intent),
            "language_chart": stacked_columns(d.weeks, d.by_language),
            "reason_chart": bar_chart({k: float(v) for k, v in d.disputes_by_reason.items()}),
            "age_chart": bar_chart({k: float(v) for k, v in d.disputes_by_age.items()}),
            "promise_chart": bar_chart({k: float(v) for k, v in d.promises.items()}),
            "waiting_chart": bar_chart({k: float(v) for k, v in d.waiting_by_age.items()}),
            "closed_chart": bar_chart({k: float(v) for k, v in d.closed_by_reason.items()}),
        },
    )


@router.get("/users", response_class=HTMLResponse)
def users_page(
    request: Request, session: SessionDep, _user: AdminPage, error: str = ""
) -> Response:
    users = list(session.exec(select(User).order_by(col(User.username))))
    return render_page(request, "users.html", {"users": users, "roles": ROLES, "error": error})


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
