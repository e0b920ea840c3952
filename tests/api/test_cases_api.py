"""The JSON API through FastAPI's TestClient, authenticated with a Bearer token."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from records.inbox import ActivityEvent, Correction, Draft, ToolCall
from records.ledger import Dispute, DunningHold, Promise
from tests.api.conftest import get_message, reparse, seed_case


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_healthz_needs_no_login(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}


def test_api_requires_authentication(client: TestClient, session: Session, ledger: dict) -> None:
    case = seed_case(session)
    assert client.get("/api/cases").status_code == 401
    assert client.get(f"/api/cases/{case.message_id}").status_code == 401
    assert client.post(f"/api/cases/{case.message_id}/approve").status_code == 401
    bad = {"Authorization": "Bearer arb_not-a-token"}
    assert client.get("/api/cases", headers=bad).status_code == 401


def test_list_filters_counts_and_priority_order(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    low = seed_case(session, subject="low", priority=1)
    high = seed_case(session, subject="high", priority=50)
    human = seed_case(
        session,
        subject="human",
        state="needs_human",
        needs_human=True,
        intents=["payment_plan_request"],
        draft_body=None,
    )
    seed_case(session, subject="german", language="de", account="BERG", intents=["dispute"])
    seed_case(session, subject="done", state="sent")

    r = client.get("/api/cases", headers=_auth(token))
    assert r.status_code == 200
    data = r.json()
    assert data["counts"]["drafted"] == 3
    assert data["counts"]["needs_human"] == 1
    assert data["counts"]["sent"] == 1
    assert data["counts"]["todo"] == 4
    order = [i["subject"] for i in data["items"]]
    assert order[:3] == ["human", "high", "low"]
    assert "done" not in order
    assert data["items"][0]["id"] == human.message_id
    assert data["items"][1]["id"] == high.message_id and data["items"][2]["id"] == low.message_id

    by_intent = client.get("/api/cases?intent=dispute", headers=_auth(token)).json()
    assert [i["subject"] for i in by_intent["items"]] == ["german"]
    assert by_intent["items"][0]["intents"] == ["dispute"]
    by_lang = client.get("/api/cases?language=de&state=all", headers=_auth(token)).json()
    assert [i["subject"] for i in by_lang["items"]] == ["german"]
    by_account = client.get("/api/cases?account=BERG", headers=_auth(token)).json()
    assert by_account["total"] == 1
    sent = client.get("/api/cases?state=sent", headers=_auth(token)).json()
    assert [i["subject"] for i in sent["items"]] == ["done"]


def test_pagination(client: TestClient, session: Session, ledger: dict, token: str) -> None:
    for n in range(7):
        seed_case(session, subject=f"m{n}")
    first = client.get("/api/cases?per_page=3", headers=_auth(token)).json()
    third = client.get("/api/cases?per_page=3&page=3", headers=_auth(token)).json()
    assert first["pages"] == 3 and len(first["items"]) == 3
    assert len(third["items"]) == 1
    assert {i["id"] for i in first["items"]}.isdisjoint({i["id"] for i in third["items"]})


def test_case_detail(client: TestClient, session: Session, ledger: dict, token: str) -> None:
    case = seed_case(
        session,
        actions=True,
        html=(
            "<p>we will pay <b>Friday</b><script>alert(1)</script><img src=x onerror=alert(2)></p>"
        ),
        attachments=[("remittance.pdf", "application/pdf", b"%PDF-1.4 remit")],
    )
    r = client.get(f"/api/cases/{case.message_id}", headers=_auth(token))
    assert r.status_code == 200
    data = r.json()
    assert data["message"]["from_addr"] == "ap@acme.example"
    assert data["message"]["new_text"].startswith("Hi, we will pay")
    assert "Please pay" in data["message"]["quoted_text"]
    assert "<b>Friday</b>" in data["message"]["html"]
    assert "script" not in data["message"]["html"] and "onerror" not in data["message"]["html"]
    assert data["triage"]["intents"] == ["promise_to_pay"]
    assert data["triage"]["confidence"] == 0.87
    assert data["triage"]["evidence"][0]["sentence"].startswith("we will pay")
    tools = {a["tool"]: a for a in data["actions"]}
    assert tools["record_promise"]["reversible"] and not tools["add_note"]["reversible"]
    account = data["account"]
    assert account["id"] == "ACME"
    assert {i["number"] for i in account["open_invoices"]} == {"INV-2026-0012", "INV-2026-0047"}
    inv = next(i for i in account["open_invoices"] if i["number"] == "INV-2026-0012")
    assert inv["dunning_paused"] is True and inv["ageing"] in ("31-60", "61-90", "90+")
    assert account["promises"][0]["status"] == "open"
    assert account["disputes"][0]["reason"] == "pricing"
    assert data["draft"]["attachments"][0]["filename"] == "INV-2026-0012.pdf"
    assert data["message"]["attachments"][0]["filename"] == "remittance.pdf"
    assert client.get("/api/cases/999999", headers=_auth(token)).status_code == 404


def test_edit_then_approve(client: TestClient, session: Session, ledger: dict, token: str) -> None:
    case = seed_case(session)
    r = client.patch(
        f"/api/cases/{case.message_id}/draft",
        headers=_auth(token),
        json={"body": "Dear Jane, noted: Friday."},
    )
    assert r.status_code == 200 and r.json()["edited"] is True
    r = client.post(f"/api/cases/{case.message_id}/approve", headers=_auth(token))
    assert r.status_code == 200
    msgid = r.json()["outgoing_message_id"]
    assert msgid.startswith("<") and msgid.endswith("@northwind.example>")
    again = client.post(f"/api/cases/{case.message_id}/approve", headers=_auth(token))
    assert again.status_code == 200 and again.json()["outgoing_message_id"] == msgid

    session.expire_all()
    draft = session.get(Draft, case.draft_id)
    assert draft is not None
    assert draft.state == "approved" and draft.approved_by == "alice"
    assert draft.body == "Dear Jane, noted: Friday." and draft.original_body.startswith(
        "Dear Jane,\n"
    )
    assert get_message(session, case.message_id).state == "approved"
    actions = [e.action for e in session.exec(select(ActivityEvent))]
    assert actions.count("approve") == 1 and actions.count("edit") == 1
    # An approved draft cannot be edited any more.
    late = client.patch(
        f"/api/cases/{case.message_id}/draft", headers=_auth(token), json={"body": "changed"}
    )
    assert late.status_code == 409


def test_reject_needs_reason(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(session)
    assert (
        client.post(
            f"/api/cases/{case.message_id}/reject", headers=_auth(token), json={"reason": ""}
        ).status_code
        == 422
    )
    r = client.post(
        f"/api/cases/{case.message_id}/reject",
        headers=_auth(token),
        json={"reason": "Wrong invoice quoted"},
    )
    assert r.status_code == 200 and r.json()["state"] == "rejected"
    assert get_message(session, case.message_id).state == "rejected"
    assert (
        client.post(f"/api/cases/{case.message_id}/approve", headers=_auth(token)).status_code
        == 409
    )


def test_reassign(client: TestClient, session: Session, ledger: dict, token: str) -> None:
    case = seed_case(session)
    r = client.post(
        f"/api/cases/{case.message_id}/reassign", headers=_auth(token), json={"assignee": "mona"}
    )
    assert r.json()["assigned_to"] == "mona"
    mine = client.get("/api/cases?assigned=mona", headers=_auth(token)).json()
    assert [i["id"] for i in mine["items"]] == [case.message_id]
    unknown = client.post(
        f"/api/cases/{case.message_id}/reassign", headers=_auth(token), json={"assignee": "nobody"}
    )
    assert unknown.status_code == 400


def test_correction_is_stored(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(session)
    r = client.post(
        f"/api/cases/{case.message_id}/correction",
        headers=_auth(token),
        json={"intents": ["dispute"], "facts": {"dispute_reason": "pricing"}},
    )
    assert r.status_code == 200
    rows = {c.field: c for c in session.exec(select(Correction))}
    assert rows["intents"].old_value == ["promise_to_pay"] and rows["intents"].new_value == [
        "dispute"
    ]
    assert rows["dispute_reason"].new_value == "pricing" and rows["intents"].username == "alice"
    bad = client.post(
        f"/api/cases/{case.message_id}/correction",
        headers=_auth(token),
        json={"intents": ["gossip"]},
    )
    assert bad.status_code == 400


def test_undo_actions(client: TestClient, session: Session, ledger: dict, token: str) -> None:
    case = seed_case(session, actions=True)
    ids = case.toolcall_ids
    r = client.post(f"/api/actions/{ids['record_promise']}/undo", headers=_auth(token))
    assert r.status_code == 200 and r.json()["tool"] == "cancel_promise"
    client.post(f"/api/actions/{ids['open_dispute']}/undo", headers=_auth(token))
    again = client.post(f"/api/actions/{ids['open_dispute']}/undo", headers=_auth(token))
    assert again.status_code == 200
    assert (
        client.post(f"/api/actions/{ids['add_note']}/undo", headers=_auth(token)).status_code == 409
    )

    session.expire_all()
    assert session.exec(select(Promise)).one().status == "cancelled"
    dispute = session.exec(select(Dispute)).one()
    assert dispute.status == "resolved" and dispute.outcome == "withdrawn"
    assert all(not h.active for h in session.exec(select(DunningHold)))
    calls = list(session.exec(select(ToolCall).order_by(ToolCall.id)))  # type: ignore[arg-type]
    assert len(calls) == 6  # the 4 originals are kept, plus one row per undo
    assert {c.tool for c in calls if c.actor == "alice"} == {"cancel_promise", "withdraw_dispute"}
    detail = client.get(f"/api/cases/{case.message_id}", headers=_auth(token)).json()
    undone = {a["tool"] for a in detail["actions"] if a["undone"]}
    assert undone == {"record_promise", "open_dispute"}


def test_attachment_downloads(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(session, attachments=[("<b>remit</b>.pdf", "application/pdf", b"%PDF-remit")])
    r = client.get(f"/api/messages/{case.message_id}/attachments/0", headers=_auth(token))
    assert r.status_code == 200 and r.content == b"%PDF-remit"
    assert r.headers["content-disposition"].startswith("attachment;")
    assert "<" not in r.headers["content-disposition"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert (
        client.get(
            f"/api/messages/{case.message_id}/attachments/5", headers=_auth(token)
        ).status_code
        == 404
    )
    draft = session.get(Draft, case.draft_id)
    assert draft is not None
    att = client.get(f"/api/cases/{case.message_id}", headers=_auth(token)).json()["draft"][
        "attachments"
    ][0]
    got = client.get(att["url"], headers=_auth(token))
    assert got.status_code == 200 and got.content == b"%PDF-1.4 invoice copy"
    assert (
        client.get(f"/api/drafts/{case.draft_id}/attachments/999", headers=_auth(token)).status_code
        == 404
    )


def test_attachments_follow_the_parser(
    client: TestClient, session: Session, ledger: dict, token: str, settings
) -> None:
    """Inline parts, odd names and the parser's own listing agree with the download."""
    case = seed_case(
        session,
        attachments=[
            ("../../etc/passwd", "text/plain", b"not really"),
            ("statement.csv", "text/csv", b"a,b\n1,2\n"),
        ],
        html="<p>hi</p>",
    )
    parsed = reparse(session, case.message_id, settings)
    names = [a.filename for a in parsed.attachments]
    assert names == ["passwd", "statement.csv"]
    first = client.get(f"/api/messages/{case.message_id}/attachments/0", headers=_auth(token))
    second = client.get(f"/api/messages/{case.message_id}/attachments/1", headers=_auth(token))
    assert first.content == b"not really" and "passwd" in first.headers["content-disposition"]
    assert second.content == b"a,b\n1,2\n"


def test_case_detail_lists_the_thread(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    from datetime import UTC, datetime

    from records.inbox import Message

    first = seed_case(session, subject="Reminder", received_at=datetime(2026, 11, 1, tzinfo=UTC))
    reply = seed_case(session, subject="RE: Reminder", account=None)
    for case in (first, reply):
        message = session.get(Message, case.message_id)
        assert message is not None
        message.thread_id = "<root@northwind.example>"
        session.add(message)
    session.commit()
    data = client.get(f"/api/cases/{reply.message_id}", headers=_auth(token)).json()
    assert data["account"] is None
    assert [t["id"] for t in data["thread"]] == [first.message_id]
