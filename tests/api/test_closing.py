"""Cases no draft answers: closing them, reopening them, a reply written by hand.

Through the JSON API (Bearer token) and the pages' forms, against the test database.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from agent import closing, handwritten
from api.dashboard import load_dashboard
from arinbox.settings import Settings
from connectors.smtp_sender import refusal_reason
from records.inbox import ActivityEvent, Correction, Draft, User
from tests.api.conftest import get_message, login, seed_case


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _stranger_spam(session: Session) -> int:
    """What a shared inbox gets from strangers: read as a dispute, matched to no account."""
    case = seed_case(
        session,
        subject="Low or High Blood Pressure? We can help.",
        body="Struggling with your bill? We can help.",
        from_="Promo <offers@spam.example>",
        intents=["dispute"],
        state="needs_human",
        account=None,
        needs_human=True,
        draft_body=None,
    )
    return case.message_id


def test_close_takes_a_case_off_the_queue_and_teaches_the_model(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    spam = _stranger_spam(session)
    assert client.get("/api/cases", headers=_auth(token)).json()["counts"]["todo"] == 1

    r = client.post(
        f"/api/cases/{spam}/close",
        json={"reason": "not_for_ar", "note": "advert"},
        headers=_auth(token),
    )
    assert r.status_code == 200 and r.json()["state"] == "closed"
    counts = client.get("/api/cases", headers=_auth(token)).json()["counts"]
    assert counts["todo"] == 0 and counts["closed"] == 1
    label = session.exec(select(Correction).where(Correction.message_id == spam)).one()
    assert (label.field, label.old_value, label.new_value) == ("intents", ["dispute"], ["other"])
    event = session.exec(select(ActivityEvent).where(ActivityEvent.action == "close")).one()
    assert event.details["reason"] == "not_for_ar" and event.details["note"] == "advert"

    # Twice is a no-op; reopening puts it back in the queue, as needing a human.
    again = client.post(
        f"/api/cases/{spam}/close", json={"reason": "not_for_ar"}, headers=_auth(token)
    )
    assert again.status_code == 200
    assert (
        len(list(session.exec(select(ActivityEvent).where(ActivityEvent.action == "close")))) == 1
    )
    r = client.post(f"/api/cases/{spam}/reopen", headers=_auth(token))
    assert r.status_code == 200 and r.json()["state"] == "needs_human"
    message = get_message(session, spam)
    assert message.needs_human and closing.REOPENED in message.needs_human_reasons
    assert client.get("/api/cases", headers=_auth(token)).json()["counts"]["todo"] == 1


def test_close_refuses_what_it_cannot_do(
    client: TestClient, session: Session, ledger: dict, token: str, settings: Settings
) -> None:
    spam = _stranger_spam(session)
    r = client.post(f"/api/cases/{spam}/close", json={"reason": "boring"}, headers=_auth(token))
    assert r.status_code == 400 and "not_for_ar" in r.json()["detail"]
    sent = seed_case(session, subject="answered", state="sent")
    r = client.post(
        f"/api/cases/{sent.message_id}/close", json={"reason": "handled"}, headers=_auth(token)
    )
    assert r.status_code == 409
    r = client.post(f"/api/cases/{sent.message_id}/reopen", headers=_auth(token))
    assert r.status_code == 409

    approved = seed_case(session, subject="on its way")
    client.post(f"/api/cases/{approved.message_id}/approve", headers=_auth(token))
    r = client.post(
        f"/api/cases/{approved.message_id}/close", json={"reason": "handled"}, headers=_auth(token)
    )
    assert r.status_code == 409 and "being sent" in r.json()["detail"]
    assert (
        client.post(
            "/api/cases/999999/close", json={"reason": "handled"}, headers=_auth(token)
        ).status_code
        == 404
    )


def test_closing_a_drafted_case_rejects_its_draft(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(session, subject="settled by phone")
    r = client.post(
        f"/api/cases/{case.message_id}/close", json={"reason": "handled"}, headers=_auth(token)
    )
    assert r.status_code == 200
    session.expire_all()
    draft = session.get(Draft, case.draft_id)
    assert draft is not None and draft.state == "rejected"
    assert draft.rejected_reason == "case closed: handled outside arinbox"
    r = client.post(f"/api/cases/{case.message_id}/approve", headers=_auth(token))
    assert r.status_code == 409  # nothing of a closed case can be sent later


def test_a_reply_written_by_hand_is_a_pending_draft_in_the_thread(
    client: TestClient, session: Session, ledger: dict, token: str, settings: Settings
) -> None:
    plan = seed_case(
        session,
        subject="RE: Overdue invoice INV-2026-0012",
        body="Could we pay in three instalments?",
        intents=["payment_plan_request"],
        state="needs_human",
        needs_human=True,
        draft_body=None,
    )
    message = get_message(session, plan.message_id)
    r = client.post(
        f"/api/cases/{plan.message_id}/reply",
        json={"body": "Dear Jane,\n\nthree instalments are fine: 31 Dec, 31 Jan, 28 Feb.\n"},
        headers=_auth(token),
    )
    assert r.status_code == 200, r.text
    assert r.json()["subject"] == "Re: Overdue invoice INV-2026-0012"
    draft = session.get(Draft, r.json()["id"])
    assert draft is not None
    assert (draft.kind, draft.state, draft.to_addr) == ("manual", "pending", "ap@acme.example")
    assert draft.in_reply_to == message.message_id
    assert draft.references == [message.message_id]
    assert get_message(session, plan.message_id).state == "drafted"

    # A second one while the first waits: edit that one instead.
    r = client.post(f"/api/cases/{plan.message_id}/reply", json={"body": "x"}, headers=_auth(token))
    assert r.status_code == 409 and "edit or reject its draft" in r.json()["detail"]
    r = client.post(f"/api/cases/{plan.message_id}/approve", headers=_auth(token))
    assert r.status_code == 200 and r.json()["outgoing_message_id"]
    session.expire_all()
    approved = session.get(Draft, draft.id)
    assert approved is not None
    assert refusal_reason(approved, get_message(session, plan.message_id), settings) is None


def test_no_reply_by_hand_to_a_machine(
    client: TestClient, session: Session, ledger: dict, token: str, settings: Settings
) -> None:
    ooo = seed_case(session, subject="Out of office", state="closed", draft_body=None)
    message = get_message(session, ooo.message_id)
    message.parsed = {**(message.parsed or {}), "auto_reply": True}
    session.add(message)
    session.commit()
    r = client.post(f"/api/cases/{ooo.message_id}/reply", json={"body": "Hi"}, headers=_auth(token))
    assert r.status_code == 409 and "auto-reply" in r.json()["detail"]
    # And the sender refuses a hand-written draft to it made some other way.
    draft = Draft(
        message_id=ooo.message_id,
        kind=handwritten.MANUAL,
        to_addr=message.from_addr,
        subject="Re",
        body="Hi",
        original_body="Hi",
        language="en",
    )
    assert refusal_reason(draft, message, settings) == "the message answered is an auto-reply"
    assert (
        client.post(
            f"/api/cases/{ooo.message_id}/reply", json={"body": ""}, headers=_auth(token)
        ).status_code
        == 422
    )


def test_dashboard_counts_closed_cases_and_leaves_hand_written_replies_out(
    session: Session, ledger: dict, users: dict, settings: Settings
) -> None:
    alice = session.exec(select(User).where(User.username == "alice")).one()
    agent_reply = seed_case(session, subject="agent")
    plan = seed_case(session, subject="plan", state="needs_human", draft_body=None)
    spam = _stranger_spam(session)
    from agent import review

    review.approve_draft(
        session=session, user=alice, draft_id=agent_reply.draft_id or 0, settings=settings
    )
    mine = handwritten.write_reply(
        session=session, user=alice, message_id=plan.message_id, body="By hand", settings=settings
    )
    review.approve_draft(session=session, user=alice, draft_id=mine.id or 0, settings=settings)
    closing.close_case(session=session, user=alice, message_id=spam, reason="not_for_ar")
    session.commit()
    board = load_dashboard(session)
    assert board.live_reviewed == 3  # two approved drafts and one closed case
    assert board.live_intent_corrections == 1  # closing spam as not for AR labels it `other`
    assert board.approved == 1 and board.approved_unedited == 1  # the agent's draft only
    assert board.closed_by_reason == {closing.CLOSE_REASONS["not_for_ar"]: 1}


def test_case_page_closes_reopens_and_writes(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    spam = _stranger_spam(session)
    csrf = login(client, "alice")
    page = client.get(f"/cases/{spam}")
    assert 'id="close-form"' in page.text and 'id="reply-form"' in page.text
    assert '<details id="write" open>' in page.text  # no draft, needs a human: open
    r = client.post(
        f"/cases/{spam}/close", data={"csrf_token": csrf, "reason": "not_for_ar", "note": "advert"}
    )
    assert r.status_code == 200 and "Case closed: not for AR" in r.text
    assert 'id="reopen-form"' in r.text and 'id="close-form"' not in r.text
    assert "close: not for AR: spam, sales, misdirected (advert)" in r.text
    r = client.post(f"/cases/{spam}/reopen", data={"csrf_token": csrf})
    assert r.status_code == 200 and get_message(session, spam).state == "needs_human"
    r = client.post(f"/cases/{spam}/reply", data={"csrf_token": csrf, "body": "Please remove us."})
    assert r.status_code == 200 and "approve it to send" in r.text
    assert 'id="approve-form"' in r.text and "Please remove us." in r.text
    assert 'id="reply-form"' not in r.text  # the written reply waits: no second one
    assert client.post(f"/cases/{spam}/close", data={"reason": "handled"}).status_code == 403


def test_closing_the_ticked_cases_of_the_queue(
    client: TestClient, session: Session, ledger: dict, users: dict, token: str
) -> None:
    spam = [_stranger_spam(session) for _ in range(3)]
    sent = seed_case(session, subject="answered", state="sent")
    r = client.post(
        "/api/cases/close",
        json={"ids": [spam[0], spam[1], sent.message_id, 999999], "reason": "not_for_ar"},
        headers=_auth(token),
    )
    assert r.status_code == 200
    assert r.json()["closed"] == [spam[0], spam[1]]
    assert set(r.json()["refused"]) == {str(sent.message_id), "999999"}
    assert get_message(session, sent.message_id).state == "sent"  # the refusal changed nothing
    labels = session.exec(select(Correction)).all()
    assert sorted(c.message_id for c in labels if c.new_value == ["other"]) == spam[:2]

    csrf = login(client, "alice")
    queue = client.get("/queue")
    assert f'name="ids" value="{spam[2]}" form="bulk-form"' in queue.text
    r = client.post(
        "/queue/close",
        data={"csrf_token": csrf, "ids": [str(spam[2])], "reason": "duplicate"},
    )
    assert r.status_code == 200 and "Closed 1 case." in r.text
    assert get_message(session, spam[2]).state == "closed"
    r = client.post("/queue/close", data={"csrf_token": csrf, "reason": "duplicate"})
    assert r.status_code == 400
    too_many = client.post(
        "/api/cases/close",
        json={"ids": list(range(1, 202)), "reason": "handled"},
        headers=_auth(token),
    )
    assert too_many.status_code == 422
