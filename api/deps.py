"""Typed dependencies for routes: the settings, a database session, the signed-in user."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from sqlalchemy.engine import Engine
from sqlmodel import Session

from api.security import CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE, SessionCodec, WebSession, csrf_ok
from api.users import has_role, user_for_token
from arinbox.settings import Settings
from records.inbox import User

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class LoginRequired(Exception):
    """A page was asked for without a valid session: the app redirects to the login page."""


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_db(request: Request) -> Iterator[Session]:
    engine: Engine = request.app.state.engine
    with Session(engine, expire_on_commit=False) as session:
        yield session


SettingsDep = Annotated[Settings, Depends(get_settings)]
SessionDep = Annotated[Session, Depends(get_db)]


def web_session(request: Request) -> WebSession | None:
    """The valid session cookie of this request, if any."""
    codec: SessionCodec = request.app.state.sessions
    return codec.read(request.cookies.get(SESSION_COOKIE))


def _active_user(session: Session, user_id: int) -> User | None:
    user = session.get(User, user_id)
    return user if user is not None and user.active else None


def current_user(request: Request, session: SessionDep) -> User:
    """The user behind a Bearer token or a session cookie (cookie writes need the CSRF header)."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() == "bearer" and token:
        user = user_for_token(session=session, token=token.strip())
        if user is None:
            raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
        if session.dirty:
            session.commit()  # last_used_at
        return user
    web = web_session(request)
    user = _active_user(session, web.user_id) if web else None
    if web is None or user is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED,
            "authentication required",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if request.method not in SAFE_METHODS and not csrf_ok(
        web.csrf, request.headers.get(CSRF_HEADER)
    ):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "missing or invalid CSRF token")
    return user


CurrentUser = Annotated[User, Depends(current_user)]


def require_role(role: str) -> Callable[[User], User]:
    """A dependency that lets through users with `role` or a higher one."""

    def check(user: CurrentUser) -> User:
        if not has_role(user, role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"{role} role required")
        return user

    return check


def page_user(request: Request, session: SessionDep) -> User:
    """The user of a page request; no valid session sends the browser to the login page."""
    web = web_session(request)
    user = _active_user(session, web.user_id) if web else None
    if user is None:
        raise LoginRequired()
    request.state.csrf = web.csrf if web else ""
    request.state.user = user
    return user


PageUser = Annotated[User, Depends(page_user)]


def require_page_role(role: str) -> Callable[[User], User]:
    def check(user: PageUser) -> User:
        if not has_role(user, role):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"{role} role required")
        return user

    return check


async def form_csrf(request: Request) -> None:
    """Reject a form POST whose CSRF field does not match the session's token."""
    web = web_session(request)
    form = await request.form()
    given = form.get(CSRF_FIELD)
    if web is None or not csrf_ok(web.csrf, given if isinstance(given, str) else None):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "missing or invalid CSRF token")


CsrfChecked = Depends(form_csrf)
