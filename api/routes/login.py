"""Logging in and out: the login form (its own CSRF cookie), the rate limit, the session."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api.deps import CsrfChecked, SessionDep
from api.security import SESSION_COOKIE, SESSION_MAX_AGE_S, LoginRateLimiter, SessionCodec
from api.templating import render_page
from api.users import authenticate

router = APIRouter(include_in_schema=False)
LOGIN_CSRF_COOKIE = "arinbox_login_csrf"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _safe_next(target: str | None) -> str:
    # Only our own paths: never redirect a user off-site after login.
    # Browsers read "/\\host" like "//host": no backslash, no scheme-relative path.
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/queue"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/queue", error: str = "") -> Response:
    token = secrets.token_urlsafe(32)
    response = render_page(
        request, "login.html", {"login_csrf": token, "next": next, "error": error}
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        max_age=3600,
    )
    return response


def _refused(request: Request, next: str, error: str, status_code: int) -> Response:
    response = login_page(request, next, error)
    response.status_code = status_code
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
    # Counted as a failure (in the database, for every web process) until it succeeds.
    if not limiter.attempt(session, username, address):
        return _refused(
            request,
            next,
            "Too many failed attempts. Try again in a few minutes.",
            status.HTTP_429_TOO_MANY_REQUESTS,
        )
    # An unknown user costs the same password check as a wrong password.
    user = authenticate(session=session, username=username, password=password)
    if user is None:
        return _refused(
            request, next, "Unknown user or wrong password.", status.HTTP_401_UNAUTHORIZED
        )
    limiter.succeeded(session, username, address)
    session.commit()  # the cleared failures, a rehashed password
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
