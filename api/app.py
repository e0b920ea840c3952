"""The FastAPI application factory (`uvicorn api.app:create_app --factory`)."""

from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from psycopg.errors import NumericValueOutOfRange
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import LoginRequired
from api.routes import apidocs, cases, dunning, health, login, manage, ops, pages
from api.security import LoginRateLimiter, SessionCodec
from api.templating import make_templates
from arinbox.settings import Settings, get_settings
from records.db import engine_for

HERE = Path(__file__).parent


def create_app(settings: Settings | None = None, *, engine: Engine | None = None) -> FastAPI:
    """Build the app: JSON API under /api, the pages, static files, OpenAPI docs at /docs."""
    settings = settings or get_settings()
    settings.check_production()
    app = FastAPI(
        title="arinbox",
        summary="AR shared-inbox assistant: the review queue and its JSON API.",
        docs_url=None,  # our own /docs page: Swagger UI would load from a CDN
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.engine = engine or engine_for(settings.resolved_database_url)
    app.state.sessions = SessionCodec(settings.secret_key.get_secret_value())
    app.state.login_limiter = LoginRateLimiter()
    app.state.templates = make_templates(HERE / "templates")
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(health.router)
    app.include_router(cases.router)
    app.include_router(login.router)
    app.include_router(pages.router)
    app.include_router(manage.router)
    app.include_router(apidocs.router)
    app.include_router(dunning.router)
    app.include_router(ops.router)

    @app.exception_handler(LoginRequired)
    async def _to_login(request: Request, _exc: LoginRequired) -> Response:
        target = request.url.path
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)

    @app.exception_handler(OverflowError)
    async def _out_of_range(request: Request, _exc: OverflowError) -> Response:
        # An id past 64 bits in a path cannot name a row (SQLite cannot even bind it).
        return await _http_error(request, StarletteHTTPException(404, "Not Found"))

    @app.exception_handler(DataError)
    async def _data_error(request: Request, exc: DataError) -> Response:
        # PostgreSQL refuses an id past its integer range: no such row, as on SQLite.
        if isinstance(exc.orig, NumericValueOutOfRange):
            return await _http_error(request, StarletteHTTPException(404, "Not Found"))
        if "NUL" in str(exc.orig):  # a NUL character in a filter cannot match any row
            return await _http_error(request, StarletteHTTPException(400, "NUL in input"))
        raise exc

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        # The JSON API (and any client that does not ask for HTML) gets FastAPI's JSON.
        wants_html = "text/html" in request.headers.get("accept", "")
        if request.url.path.startswith("/api") or not wants_html:
            return await http_exception_handler(request, exc)
        templates = app.state.templates
        return templates.TemplateResponse(
            request,
            "error.html",
            {"status_code": exc.status_code, "detail": exc.detail, "user": None, "csrf": ""},
            status_code=exc.status_code,
        )

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        response: Response = await call_next(request)
        # Server time, for the browser's devtools and benchmarks/bench_pages.py.
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        # Our pages load only our own CSS and JS; buyer HTML is sanitised on top of this.
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        )
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    return app
