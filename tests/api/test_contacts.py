"""A collector's decisions on contacts: a buyer's change applied or declined, and an
unknown sender identified and read again by the pipeline with the local model."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from agent import contacts
from agent.triage import TriageModel, build_model
from agent.worker import process_pending
from arinbox.settings import Settings
from records.inbox import ActivityEvent, Draft, Message
from records.ledger import Contact, ContactChange, DunningHold, Promise
from records.store import store_raw_message
from tests.api.conftest import get_message, login, seed_case
from tests.utils.mail import build_raw


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _contacts(session: Session, account: str) -> dict[str, tuple[str, str | None]]:
    session.expire_all()
    rows = session.exec(select(Contact).where(Contact.account_id == account))
    return {c.email: (c.name, c.language) for c in rows}


def _proposed(session: Session, message_id: int, **fields: str) -> int:
    change = ContactChange.model_validate(
        {"account_id": "ACME", "message_id": message_id, **fields}
    )
    session.add(change)
    session.commit()
    return change.id or 0


def test_a_contact_change_is_applied_or_declined_by_a_collector(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    case = seed_case(
        session,
        subject="New AP address",
        body="From now on please send invoices to invoices@acme.example, not ap@acme.example.",
        intents=["contact_update"],
    )
    moved = _proposed(
        session, case.message_id, new_email="invoices@acme.example", old_email="ap@acme.example"
    )
    renamed = _proposed(
        session, case.message_id, new_name="Jane Smith", old_email="ap@acme.example"
    )
    csrf = login(client, "alice")
    page = client.get(f"/cases/{case.message_id}")
    assert f'id="apply-contact-{moved}"' in page.text and "replacing ap@acme.example" in page.text

    r = client.post(
        f"/contact-changes/{moved}/apply", data={"csrf_token": csrf, "case_id": case.message_id}
    )
    assert r.status_code == 200 and "Contact change applied." in r.text
    # The new address takes the old contact's name and language; the old one is gone.
    assert _contacts(session, "ACME") == {"invoices@acme.example": ("Jane Doe", "en")}
    r = client.post(
        f"/contact-changes/{renamed}/decline", data={"csrf_token": csrf, "case_id": case.message_id}
    )
    assert r.status_code == 200 and "declined" in r.text
    assert session.get(ContactChange, renamed).status == "rejected"  # type: ignore[union-attr]
    assert _contacts(session, "ACME") == {"invoices@acme.example": ("Jane Doe", "en")}
    # Decided is decided: applying the declined one is a conflict, applying twice a no-op.
    r = client.post(
        f"/contact-changes/{renamed}/apply", data={"csrf_token": csrf, "case_id": case.message_id}
    )
    assert r.status_code == 409
    r = client.post(
        f"/contact-changes/{moved}/apply", data={"csrf_token": csrf, "case_id": case.message_id}
    )
    assert r.status_code == 200
    actions = [e.action for e in session.exec(select(ActivityEvent))]
    assert actions.count("apply_contact_change") == 1 and "decline_contact_change" in actions


def test_a_rename_only_renames(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(session, subject="Name", intents=["contact_update"])
    change = _proposed(session, case.message_id, new_name="Jane Smith", old_email="ap@acme.example")
    r = client.post(f"/api/contact-changes/{change}/apply", headers=_auth(token))
    assert r.status_code == 200 and r.json()["status"] == "applied"
    assert _contacts(session, "ACME") == {"ap@acme.example": ("Jane Smith", "en")}
    assert client.post("/api/contact-changes/999/apply", headers=_auth(token)).status_code == 404


def _processed(
    session: Session,
    engine: Engine,
    settings: Settings,
    built_model_dir: Path,
    *,
    from_: str,
    subject: str,
    body: str,
) -> tuple[TriageModel, int]:
    """The message stored and taken through the pipeline by a worker (the local model)."""
    shutil.copytree(built_model_dir, settings.data_dir / "models", dirs_exist_ok=True)
    model = build_model(settings, "local")
    raw = build_raw(from_=from_, subject=subject, body=body)
    message, _ = store_raw_message(
        session, raw, source="file", received_at=datetime(2026, 11, 16, 9, tzinfo=UTC)
    )
    session.commit()
    process_pending(engine, model=model, settings=settings)
    return model, message.id or 0


def test_an_identified_sender_is_read_again_as_a_contact(
    client: TestClient,
    session: Session,
    engine: Engine,
    ledger: dict,
    token: str,
    settings: Settings,
    built_model_dir: Path,
) -> None:
    model, message_id = _processed(
        session,
        engine,
        settings,
        built_model_dir,
        from_="Tom Baker <tom.baker.home@gmail.example>",
        subject="Invoice INV-2026-0047",
        body="Hello, we will pay INV-2026-0047 on Friday 20 November.\nTom, Acme Corp",
    )
    first = get_message(session, message_id)
    assert first.state == "needs_human" and not first.verified
    assert session.exec(select(Promise)).first() is None  # an unverified promise: none kept

    r = client.post(
        f"/api/cases/{first.id}/identify", json={"account": "ACME"}, headers=_auth(token)
    )
    assert r.status_code == 200 and r.json()["state"] == "received"
    assert "tom.baker.home@gmail.example" in _contacts(session, "ACME")
    process_pending(engine, model=model, settings=settings)

    again = get_message(session, first.id or 0)
    assert again.verified and again.account_id == "ACME" and again.state == "drafted"
    promise = session.exec(select(Promise)).one()
    assert promise.invoice_numbers == ["INV-2026-0047"]
    assert session.exec(select(DunningHold)).first() is not None
    draft = session.exec(select(Draft).where(Draft.message_id == again.id)).one()
    assert draft.state == "pending" and draft.to_addr == "tom.baker.home@gmail.example"

    # By customer number too; not for an unknown account or a case whose reply is on its way.
    assert contacts.find_account(session, "C-10023").id == "ACME"  # type: ignore[union-attr]
    assert (
        client.post(
            f"/api/cases/{first.id}/identify", json={"account": "NOPE"}, headers=_auth(token)
        ).status_code
        == 400
    )
    client.post(f"/api/cases/{first.id}/approve", headers=_auth(token))
    r = client.post(
        f"/api/cases/{first.id}/identify", json={"account": "ACME"}, headers=_auth(token)
    )
    assert r.status_code == 409


def test_identify_rejects_the_draft_written_for_a_stranger(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(session, from_="Tom <tom@gmail.example>", account=None, state="drafted")
    message = session.get(Message, case.message_id)
    assert message is not None and not message.verified
    r = client.post(
        f"/api/cases/{case.message_id}/identify", json={"account": "ACME"}, headers=_auth(token)
    )
    assert r.status_code == 200
    session.expire_all()
    draft = session.get(Draft, case.draft_id)
    assert draft is not None and draft.state == "rejected"
    assert draft.rejected_reason == "sender identified as a contact of ACME"


def test_a_case_read_again_gets_a_new_draft_in_place_of_the_rejected_one(
    client: TestClient,
    session: Session,
    engine: Engine,
    ledger: dict,
    token: str,
    settings: Settings,
    built_model_dir: Path,
) -> None:
    """A sender at the account's domain (verified, drafted) made a named contact: read again."""
    model, message_id = _processed(
        session,
        engine,
        settings,
        built_model_dir,
        from_="Tom Baker <tom@acme.example>",
        subject="Copy of INV-2026-0047",
        body="Hello, could you send me a copy of invoice INV-2026-0047?\nTom",
    )
    assert get_message(session, message_id).state == "drafted"
    r = client.post(
        f"/api/cases/{message_id}/identify", json={"account": "ACME"}, headers=_auth(token)
    )
    assert r.status_code == 200
    process_pending(engine, model=model, settings=settings)
    assert get_message(session, message_id).state == "drafted"
    drafts = session.exec(select(Draft).where(Draft.message_id == message_id)).all()
    assert sorted(d.state for d in drafts) == ["pending", "rejected"]


def test_the_case_page_identifies_an_unknown_sender(
    client: TestClient, session: Session, ledger: dict, users: dict
) -> None:
    case = seed_case(
        session,
        from_="Tom <tom.baker.home@gmail.example>",
        account=None,
        state="needs_human",
        needs_human=True,
        draft_body=None,
    )
    known = seed_case(session, subject="known")
    csrf = login(client, "alice")
    assert 'id="identify-form"' in client.get(f"/cases/{case.message_id}").text
    assert 'id="identify-form"' not in client.get(f"/cases/{known.message_id}").text  # verified
    r = client.post(
        f"/cases/{case.message_id}/identify",
        data={"csrf_token": csrf, "account": " acme   corp "},  # its name, as typed
    )
    assert r.status_code == 200 and "Sender added to ACME: the message is read again." in r.text
    assert get_message(session, case.message_id).state == "received"
    assert "tom.baker.home@gmail.example" in _contacts(session, "ACME")


def test_a_machine_is_nobodys_contact(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case = seed_case(
        session, from_="Mail Delivery <mailer-daemon@mx.example>", account=None, state="closed"
    )
    message = get_message(session, case.message_id)
    message.parsed = {**(message.parsed or {}), "bounce": True}
    session.add(message)
    session.commit()
    r = client.post(
        f"/api/cases/{case.message_id}/identify", json={"account": "ACME"}, headers=_auth(token)
    )
    assert r.status_code == 409 and "a bounce" in r.json()["detail"]
    assert "mailer-daemon@mx.example" not in _contacts(session, "ACME")
