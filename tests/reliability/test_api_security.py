"""The API and pages: who may call what, no 5xx on any input, an audit nobody can edit."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from api.app import create_app
from api.users import create_token, create_user
from arinbox.settings import Settings
from records.inbox import ToolCall
from tests.api.conftest import PASSWORD, login, seed_case

PUBLIC = {"/healthz", "/readyz", "/metrics", "/login", "/", "/docs", "/openapi.json"}
# The least role each route needs, as docs/web.md lists it; everything else: collector.
NEEDS = {"/dashboard": "manager", "/users": "admin", "/users/{user_id}/active": "admin"}
MANAGER_API = {
    "/api/dunning/webhooks/{delivery_id}/replay",
    "/api/ledger/accounts",
    "/api/ledger/payments",
}
RANK = {"anonymous": 0, "collector": 1, "manager": 2, "admin": 3}
ROLES = {"collector": "alice", "manager": "mona", "admin": "root"}


def _routes(app: Any) -> list[tuple[str, str]]:
    """Every (method, path) the app serves, through included routers too."""
    found: list[tuple[str, str]] = []
    stack = list(app.routes)
    while stack:
        route = stack.pop()
        if hasattr(route, "original_router"):
            stack.extend(route.original_router.routes)
        elif isinstance(route, APIRoute):
            found.extend((m, route.path) for m in route.methods)
    # Logging out ends the session: that route goes last.
    return sorted(found, key=lambda mp: (mp[1] == "/logout", mp))


def _needed(method: str, path: str) -> str:
    if path in PUBLIC:
        return "anonymous"
    if path in MANAGER_API:
        return "manager"
    return NEEDS.get(path, "collector")


@pytest.fixture
def seeded(session: Session, ledger: dict) -> dict[str, int]:
    for name, role in (("alice", "collector"), ("mona", "manager"), ("root", "admin")):
        create_user(session=session, username=name, password=PASSWORD, role=role)
    case = seed_case(session, actions=True)
    session.commit()
    return {"case": case.message_id, "toolcall": next(iter(case.toolcall_ids.values()))}


def test_permissions_matrix(settings: Settings, engine: Engine, seeded: dict[str, int]) -> None:
    app = create_app(settings, engine=engine)
    routes = _routes(app)
    assert len(routes) >= 30
    ids = {
        "case_id": seeded["case"],
        "message_id": seeded["case"],
        "toolcall_id": 10**6,  # a missing row: the role check must still come first
        "draft_id": 10**6,
        "att_id": 1,
        "n": 0,
        "user_id": 10**6,
        "delivery_id": 10**6,
        "change_id": 10**6,
        "decision": "apply",
        "task_id": 10**6,
        "reference": "D-NONE",
    }
    wrong: list[str] = []
    for role in RANK:
        client = TestClient(app)
        csrf = login(client, ROLES[role]) if role != "anonymous" else ""
        for method, path in routes:
            url = re.sub(r"\{(\w+)\}", lambda m: str(ids[m.group(1)]), path)
            if method == "GET":
                r = client.get(url, follow_redirects=False)
            elif path.startswith("/api"):
                r = client.request(method, url, json={}, headers={"X-CSRF-Token": csrf})
            else:
                r = client.post(url, data={"csrf_token": csrf}, follow_redirects=False)
            needed = _needed(method, path)
            allowed = RANK[role] >= RANK[needed]
            if path == "/login" and method == "POST":
                continue  # a login form without a password is refused whoever sends it
            if allowed:
                ok = r.status_code not in (401, 403) and r.status_code < 500
                if role == "anonymous" and path in PUBLIC - {"/login"} and method == "GET":
                    ok = ok and r.status_code < 300 or (path == "/" and r.status_code < 400)
            elif role == "anonymous":
                ok = (
                    r.status_code == 401
                    if path.startswith("/api")
                    else r.status_code
                    in (
                        303,
                        401,
                        403,
                    )
                )
                if r.status_code == 303:
                    ok = r.headers["location"].startswith("/login")
            else:
                ok = r.status_code == 403
            if not ok:
                wrong.append(f"{role} {method} {path}: {r.status_code}")
    assert wrong == [], "\n".join(wrong)


def test_the_audit_trail_cannot_be_edited_through_the_api(
    settings: Settings, engine: Engine, session: Session, seeded: dict[str, int]
) -> None:
    app = create_app(settings, engine=engine)
    writes = [(m, p) for m, p in _routes(app) if m in ("PUT", "PATCH", "DELETE")]
    # The only edit route is the draft's; nothing deletes anything.
    assert writes == [("PATCH", "/api/cases/{case_id}/draft")]
    before = {c.id: c.model_dump() for c in session.exec(select(ToolCall)).all()}
    token = create_token(session=session, username="alice", name="audit")
    session.commit()
    client = TestClient(app, headers={"Authorization": f"Bearer {token}"})
    undone = client.post(f"/api/actions/{seeded['toolcall']}/undo")
    assert undone.status_code < 500
    session.expire_all()
    after = {c.id: c.model_dump() for c in session.exec(select(ToolCall)).all()}
    # Every row that was there is unchanged; an undo only adds rows.
    assert {k: after[k] for k in before} == before
    if undone.status_code == 200:
        assert len(after) > len(before)
        assert any(row["actor"] == "alice" for k, row in after.items() if k not in before)


def test_buyer_html_is_sanitised_before_any_page_shows_it(
    settings: Settings, engine: Engine, session: Session, seeded: dict[str, int]
) -> None:
    html = (
        '<p onclick="steal()">Hi</p><script>alert(1)</script><img src="https://x.example/t">'
        '<a href="javascript:alert(2)">pay</a><iframe src="https://evil.example"></iframe>'
        '<style>body{display:none}</style><form action="https://evil.example"><input></form>'
    )
    case = seed_case(session, html=html, subject="html case")
    session.commit()
    client = TestClient(create_app(settings, engine=engine))
    login(client, "alice")
    shown = client.get(f"/api/cases/{case.message_id}").json()["message"]["html"]
    page = client.get(f"/cases/{case.message_id}").text
    for text in (shown, page):
        for bad in ("alert(1)", "onclick", "javascript:", "evil.example", "x.example/t"):
            assert bad not in text.lower(), bad
    for bad in ("<script", "<iframe", "<img", "<form", "<style"):
        assert bad not in shown.lower(), bad
    assert "Hi" in shown and "pay" in shown
