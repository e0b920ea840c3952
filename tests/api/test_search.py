"""Searching the cases: what a buyer on the phone names, in any state."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from records.inbox import TriageResult
from tests.api.conftest import login, seed_case


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _names(session: Session, message_id: int, invoices: list[str]) -> None:
    triage = session.exec(select(TriageResult).where(TriageResult.message_id == message_id)).one()
    triage.facts = {**triage.facts, "invoices": invoices}
    session.add(triage)
    session.commit()


def _found(client: TestClient, token: str, query: str, state: str = "all") -> list[str]:
    r = client.get("/api/cases", params={"q": query, "state": state}, headers=_auth(token))
    assert r.status_code == 200, r.text
    return sorted(item["subject"] for item in r.json()["items"])


def test_search_finds_a_case_by_what_the_buyer_names(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    acme = seed_case(session, subject="Payment on Friday", state="sent")
    _names(session, acme.message_id, ["INV-2026-0012"])
    berg = seed_case(
        session,
        subject="Preis falsch",
        from_="Klaus Berg <buchhaltung@berg.example>",
        account="BERG",
        language="de",
        intents=["dispute"],
    )
    _names(session, berg.message_id, ["INV-2026-0031"])
    stranger = seed_case(
        session,
        subject="100% off: deal_of_the_day",
        from_="Promo <offers@spam.example>",
        account=None,
        state="needs_human",
        draft_body=None,
    )
    _names(session, stranger.message_id, [])

    assert _found(client, token, "inv-2026-0031") == ["Preis falsch"]  # a fact, any case
    assert _found(client, token, "INV-2026-0012") == ["Payment on Friday"]  # a sent case too
    assert _found(client, token, "berg.example") == ["Preis falsch"]  # the sender's address
    assert _found(client, token, "klaus") == ["Preis falsch"]  # the sender's name
    assert _found(client, token, "acme corp") == ["Payment on Friday"]  # the account's name
    assert _found(client, token, "  friday ") == ["Payment on Friday"]  # the subject
    assert _found(client, token, f"#{stranger.message_id}") == ["100% off: deal_of_the_day"]
    # LIKE's wildcards are the buyer's characters, not patterns.
    assert _found(client, token, "100%") == ["100% off: deal_of_the_day"]
    assert _found(client, token, "payment_on") == []  # "_" is not "any one character"
    assert _found(client, token, "nothing like it") == []
    # Under the other filters: the sent case is not to do.
    assert _found(client, token, "INV-2026-0012", state="todo") == []
    counts = client.get(
        "/api/cases", params={"q": "example", "state": "all"}, headers=_auth(token)
    ).json()["counts"]
    assert counts["all"] == 3 and counts["sent"] == 1 and counts["todo"] == 2


def test_search_box_on_the_queue_page(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    done = seed_case(session, subject="Paid INV-2026-0012", state="sent")
    seed_case(session, subject="Statement please")
    login(client, "alice")
    page = client.get("/queue", params={"q": "paid inv", "state": "all"})
    assert page.status_code == 200
    assert f'href="/cases/{done.message_id}?state=all&amp;q=paid+inv"' in page.text
    assert "Statement please" not in page.text
    assert 'name="q" value="paid inv"' in page.text  # the filters keep the search
    assert 'href="/queue?state=sent&amp;q=paid+inv"' in page.text  # so do the counts
