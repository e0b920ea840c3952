"""The server-rendered pages: login, CSRF, roles, rate limit, forms, escaping."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from records.inbox import ActivityEvent, Correction, Draft, EvalRun
from records.ledger import Note
from tests.api.conftest import PASSWORD, get_message, login, reparse, seed_case
from tests.utils.documents import ADVICE, photo_of

XSS = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def test_pages_redirect_to_login(client: TestClient) -> None:
    r = client.get("/queue?state=all", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/login?next=%2Fqueue%3Fstate%3Dall")


def test_login_sets_a_safe_cookie(client: TestClient, users: dict) -> None:
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    r = client.post(
        "/login",
        data={
            "username": "alice",
            "password": PASSWORD,
            "csrf_token": csrf.group(1),
            "next": "//evil.example/",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/queue"
    cookie = r.headers["set-cookie"]
    assert "arinbox_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get("/queue").status_code == 200


def test_login_without_csrf_is_refused(client: TestClient, users: dict) -> None:
    client.get("/login")
    r = client.post("/login", data={"username": "alice", "password": PASSWORD})
    assert r.status_code == 403


def test_wrong_password_and_rate_limit(client: TestClient, users: dict) -> None:
    for _ in range(5):
        page = client.get("/login")
        csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert csrf
        r = client.post(
            "/login",
            data={"username": "alice", "password": "wrong-password", "csrf_token": csrf.group(1)},
        )
        assert r.status_code == 401 and "wrong password" in r.text
    page = client.get("/login")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf
    blocked = client.post(
        "/login",
        data={"username": "alice", "password": PASSWORD, "csrf_token": csrf.group(1)},
        follow_redirects=False,
    )
    assert blocked.status_code == 429 and "Too many" in blocked.text
    # Another user from the same address is not locked out.
    assert login(client, "mona")


def test_forms_need_the_csrf_token(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    case = seed_case(session)
    csrf = login(client, "alice")
    r = client.post(f"/cases/{case.message_id}/approve", data={"body": "hi"})
    assert r.status_code == 403
    r = client.post(f"/cases/{case.message_id}/approve", data={"csrf_token": "forged"})
    assert r.status_code == 403
    assert get_message(session, case.message_id).state == "drafted"
    # The JSON API with a cookie session needs the CSRF header too.
    assert client.post(f"/api/cases/{case.message_id}/approve").status_code == 403
    ok = client.post(f"/api/cases/{case.message_id}/approve", headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 200


def test_queue_page_filters_and_counts(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    seed_case(session, subject="Promise from Acme")
    seed_case(
        session, subject="Streitfall Bergmann", language="de", account="BERG", intents=["dispute"]
    )
    login(client, "alice")
    page = client.get("/queue")
    assert "Promise from Acme" in page.text and "Streitfall Bergmann" in page.text
    assert re.search(r"drafted <b>2</b>", page.text)
    only_de = client.get("/queue?language=de")
    assert "Streitfall Bergmann" in only_de.text and "Promise from Acme" not in only_de.text
    only_dispute = client.get("/queue?intent=dispute")
    assert "Promise from Acme" not in only_dispute.text


def test_case_page_review_flow(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    first = seed_case(session, subject="first", actions=True)
    second = seed_case(session, subject="second")
    csrf = login(client, "alice")
    page = client.get(f"/cases/{first.message_id}")
    assert page.status_code == 200
    assert "<mark>we will pay INV-2026-0012 on Friday.</mark>" in page.text
    assert "<details><summary>Quoted text" in page.text
    assert f"/cases/{second.message_id}" in page.text  # j goes to the next case
    assert "87%" in page.text and "Acme Corp" in page.text

    r = client.post(
        f"/cases/{first.message_id}/draft",
        data={"csrf_token": csrf, "body": "Edited text"},
        follow_redirects=False,
    )
    assert r.status_code == 303
    r = client.post(
        f"/cases/{first.message_id}/approve", data={"csrf_token": csrf, "body": "Edited again"}
    )
    assert r.status_code == 200 and "Approved" in r.text
    session.expire_all()
    draft = session.get(Draft, first.draft_id)
    assert draft is not None and draft.state == "approved" and draft.body == "Edited again"

    r = client.post(f"/cases/{second.message_id}/reject", data={"csrf_token": csrf, "reason": ""})
    assert r.status_code == 400
    r = client.post(
        f"/cases/{second.message_id}/reject", data={"csrf_token": csrf, "reason": "not our invoice"}
    )
    assert r.status_code == 200 and get_message(session, second.message_id).state == "rejected"

    r = client.post(
        f"/cases/{second.message_id}/correct",
        data={"csrf_token": csrf, "intents": ["dispute", "other"]},
    )
    assert r.status_code == 200
    row = session.exec(select(Correction)).one()
    assert row.new_value == ["dispute", "other"]

    r = client.post(
        f"/cases/{second.message_id}/reassign", data={"csrf_token": csrf, "assignee": "mona"}
    )
    assert r.status_code == 200 and get_message(session, second.message_id).assigned_to == "mona"

    undo = client.post(
        f"/actions/{first.toolcall_ids['pause_dunning']}/undo",
        data={"csrf_token": csrf, "case_id": first.message_id},
    )
    assert undo.status_code == 200 and "Action undone" in undo.text
    actions = {e.action for e in session.exec(select(ActivityEvent))}
    assert {"edit", "approve", "reject", "correct", "reassign", "undo"} <= actions


def test_collector_cannot_approve_failed_message(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    case = seed_case(session, state="failed")
    csrf = login(client, "alice")
    r = client.post(f"/cases/{case.message_id}/approve", data={"csrf_token": csrf})
    assert r.status_code == 403
    client.cookies.clear()
    csrf = login(client, "mona")
    r = client.post(f"/cases/{case.message_id}/approve", data={"csrf_token": csrf})
    assert r.status_code == 200


def test_roles(client: TestClient, session: Session, users: dict) -> None:
    session.add(
        EvalRun(
            dataset="golden",
            dataset_hash="x",
            model="local",
            n_cases=10,
            metrics={"intent_f1": 0.91, "notes": "text"},
        )
    )
    session.commit()
    csrf = login(client, "alice")
    assert client.get("/dashboard").status_code == 403
    assert client.get("/users").status_code == 403
    r = client.post(
        "/users",
        data={"csrf_token": csrf, "username": "eve", "password": "x" * 10, "role": "admin"},
    )
    assert r.status_code == 403
    assert "Dashboard" not in client.get("/queue").text

    client.cookies.clear()
    login(client, "mona")
    board = client.get("/dashboard")
    assert board.status_code == 200 and "<svg" in board.text and "intent_f1 0.91" in board.text
    assert client.get("/users").status_code == 403

    client.cookies.clear()
    csrf = login(client, "root")
    assert client.get("/users").status_code == 200
    r = client.post(
        "/users",
        data={
            "csrf_token": csrf,
            "username": "bob",
            "password": "long-enough-pw",
            "role": "collector",
        },
    )
    assert r.status_code == 200 and "bob" in r.text
    client.cookies.clear()
    assert login(client, "bob", "long-enough-pw")


def test_buyer_strings_are_escaped(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    case = seed_case(
        session,
        subject=f"Invoice {XSS}",
        from_=f'"Evil {XSS}" <ap@acme.example>',
        body=f"Please see {XSS} attached",
        html=f'<p>Hello</p>{XSS}<a href="javascript:alert(3)">click</a>',
        attachments=[(f"{XSS}.pdf", "application/pdf", b"%PDF")],
        draft_body=f"Draft quoting {XSS}",
    )
    login(client, "alice")
    for url in (f"/cases/{case.message_id}", "/queue"):
        text = client.get(url).text
        assert "<script>alert" not in text
        assert "<img src=x" not in text and 'onerror="alert' not in text
        assert "javascript:alert" not in text
    text = client.get(f"/cases/{case.message_id}").text
    assert "&lt;script&gt;alert(" in text  # shown, as text
    assert client.get("/queue").headers["content-security-policy"].startswith("default-src 'self'")


def test_errors_are_pages_for_browsers_and_json_for_the_api(
    client: TestClient, users: dict
) -> None:
    login(client, "alice")
    page = client.get("/dashboard", headers={"Accept": "text/html"})
    assert page.status_code == 403 and "<h1>403</h1>" in page.text
    assert page.headers["content-type"].startswith("text/html")
    api = client.get("/api/cases/12345", headers={"Accept": "text/html"})
    assert api.status_code == 404 and api.json() == {"detail": "case not found"}


def test_the_case_page_shows_the_text_read_from_an_attached_document(
    client: TestClient, session: Session, ledger: dict, users: dict, settings
) -> None:
    """The remittance table the triage read, for the collector to check; escaped like mail."""
    case = seed_case(
        session,
        attachments=[
            ("advice.csv", "text/csv", f"INV-2026-0012;1.250,00\n{XSS}".encode()),
            ("logo.png", "image/png", b"\x89PNG"),
        ],
    )
    reparse(session, case.message_id, settings)
    login(client, "alice")
    page = client.get(f"/cases/{case.message_id}").text
    assert page.count("<summary>Text read from the file</summary>") == 1
    assert "INV-2026-0012;1.250,00" in page
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_the_case_page_says_which_text_was_read_by_ocr(
    client: TestClient, session: Session, ledger: dict, users: dict, settings
) -> None:
    """A scan's text may misread a figure: the collector is told to check it against the file."""
    case = seed_case(
        session,
        attachments=[
            ("advice.csv", "text/csv", b"INV-2026-0012;1.250,00"),
            ("IMG_2041.jpg", "image/jpeg", photo_of(ADVICE, "JPEG")),
        ],
    )
    reparse(session, case.message_id, settings)
    login(client, "alice")
    page = client.get(f"/cases/{case.message_id}").text
    assert page.count("<summary>Text read from the file</summary>") == 1
    ocr = "<summary>Text read from the file by OCR (a scan: check figures against the file)"
    assert page.count(ocr) == 1
    assert "INV-2026-0047 2026-10-05 830.50" in page


def test_the_case_page_shows_the_accounts_latest_notes(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    """An out-of-office's stand-in, noted on an earlier case, is in view on the next one."""
    earlier = seed_case(session, subject="Automatic reply")
    case = seed_case(session, subject="Invoice copy")
    session.add(
        Note(
            account_id="ACME",
            message_id=earlier.message_id,
            text=f"Automatic reply; alternative contact: bob@acme.example {XSS}",
        )
    )
    session.add(Note(account_id="LUMI", text="Another customer's note"))
    session.commit()
    login(client, "alice")
    page = client.get(f"/cases/{case.message_id}").text
    notes = page.split('id="account-notes"', 1)[1].split("</ul>", 1)[0]
    assert "alternative contact: bob@acme.example" in notes
    assert f'<a href="/cases/{earlier.message_id}">its case</a>' in notes
    assert "Another customer" not in notes and "<script>alert" not in notes
    api = client.get(f"/api/cases/{case.message_id}").json()
    assert [n["case"] for n in api["account"]["notes"]] == [earlier.message_id]
