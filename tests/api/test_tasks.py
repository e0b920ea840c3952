"""The tasks the tools leave for people: listed, done from the list or the case, and done
with the contact change they were about."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi.testclient import TestClient
from sqlmodel import Session, select

from records.inbox import ActivityEvent
from records.ledger import ContactChange, Task
from tests.api.conftest import login, seed_case

T0 = datetime(2026, 11, 16, 9, tzinfo=UTC)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _task(session: Session, kind: str, title: str, **fields: object) -> int:
    task = Task.model_validate({"kind": kind, "title": title, **fields})
    session.add(task)
    session.commit()
    return task.id or 0


def test_the_task_list_oldest_first_with_counts_per_kind(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(session, subject="Instalments?", intents=["payment_plan_request"])
    plan = _task(
        session, "payment_plan", "Decide on instalments", account_id="ACME",
        message_id=case.message_id, created_at=T0 + timedelta(hours=2),
    )  # fmt: skip
    cash = _task(session, "cash_application", "Match 500.00 EUR", account_id="BERG", created_at=T0)
    _task(session, "follow_up", "Old one", status="done", created_at=T0 - timedelta(days=1))

    data = client.get("/api/tasks", headers=_auth(token)).json()
    assert [i["id"] for i in data["items"]] == [cash, plan]  # open, oldest first
    assert data["open_by_kind"] == {"payment_plan": 1, "cash_application": 1}
    assert data["items"][1]["case"] == case.message_id
    assert data["items"][1]["account_name"] == "Acme Corp"
    by_kind = client.get("/api/tasks?kind=cash_application", headers=_auth(token)).json()
    assert [i["id"] for i in by_kind["items"]] == [cash]
    assert client.get("/api/tasks?status=all", headers=_auth(token)).json()["total"] == 3

    r = client.post(f"/api/tasks/{cash}/done", headers=_auth(token))
    assert r.status_code == 200 and r.json()["status"] == "done"
    assert client.post(f"/api/tasks/{cash}/done", headers=_auth(token)).status_code == 200
    assert client.post("/api/tasks/999/done", headers=_auth(token)).status_code == 404
    done = session.exec(select(ActivityEvent).where(ActivityEvent.action == "complete_task")).all()
    assert len(done) == 1 and done[0].details["kind"] == "cash_application"


def test_tasks_are_done_from_the_list_and_from_their_case(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    case = seed_case(session, subject="Instalments?", intents=["payment_plan_request"])
    plan = _task(session, "payment_plan", "Decide on instalments", message_id=case.message_id)
    cash = _task(session, "cash_application", "Match 500.00 EUR", account_id="ACME")
    csrf = login(client, "alice")
    page = client.get("/tasks")
    assert "Decide on instalments" in page.text and f'id="task-done-{cash}"' in page.text
    assert 'href="/tasks"' in client.get("/queue").text  # in the header of every page
    r = client.post(f"/tasks/{cash}/done", data={"csrf_token": csrf})
    assert r.status_code == 200 and "Task done." in r.text and "Match 500.00 EUR" not in r.text

    case_page = client.get(f"/cases/{case.message_id}")
    assert f'id="task-done-{plan}"' in case_page.text
    r = client.post(f"/tasks/{plan}/done", data={"csrf_token": csrf, "case_id": case.message_id})
    assert r.status_code == 200 and f"/cases/{case.message_id}" in str(r.url)
    session.expire_all()
    assert session.get(Task, plan).status == "done"  # type: ignore[union-attr]


def test_deciding_a_contact_change_does_its_task(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(session, subject="New address", intents=["contact_update"])
    change = ContactChange(
        account_id="ACME", message_id=case.message_id, new_email="invoices@acme.example"
    )
    session.add(change)
    session.commit()
    task = _task(
        session, "contact_change", "Review contact change", account_id="ACME",
        message_id=case.message_id, details={"contact_change_id": change.id},
    )  # fmt: skip
    other = _task(session, "payment_plan", "Unrelated", message_id=case.message_id)
    r = client.post(f"/api/contact-changes/{change.id}/apply", headers=_auth(token))
    assert r.status_code == 200
    session.expire_all()
    assert session.get(Task, task).status == "done"  # type: ignore[union-attr]
    assert session.get(Task, other).status == "open"  # type: ignore[union-attr]


def test_a_tasks_details_are_shown_on_the_list_and_its_case(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    """Cash application sees what to match without opening the case: amount, date, invoices."""
    case = seed_case(session, subject="Zahlungsavis", intents=["payment_confirmation"])
    details = {
        "payment_claim_id": 7,
        "paid_date": "2026-11-20",
        "amount": "7971.94",
        "reference": "<b>ZA-1</b>",
        "invoices": ["RE-10462", "RE-10433"],
        "lines": {"RE-10462": "4924.94", "RE-10433": "3047.00"},
        "note": None,
    }
    _task(
        session, "cash_application", "Match the payment", account_id="ACME",
        message_id=case.message_id, details=details,
    )  # fmt: skip
    login(client, "alice")
    line = (
        "paid date 2026-11-20 · amount 7971.94 · reference &lt;b&gt;ZA-1&lt;/b&gt; · "
        "invoices RE-10462, RE-10433 · lines RE-10462 4924.94, RE-10433 3047.00"
    )
    assert line in client.get("/tasks").text
    assert line in client.get(f"/cases/{case.message_id}").text
    assert "payment claim id" not in client.get("/tasks").text
