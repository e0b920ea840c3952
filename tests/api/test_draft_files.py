"""A draft's files: named when drafted, made when first opened or on approval, then kept."""

from __future__ import annotations

import io
from decimal import Decimal

import pypdf
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from agent import review
from agent.draft import attachments
from agent.draft.documents import invoice_copy_pdf
from arinbox.settings import Settings
from records.inbox import Draft, DraftAttachment, DraftState, User
from records.ledger import Invoice
from tests.api.conftest import seed_case


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _text(content: bytes) -> str:
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(content)).pages)


def _case_with_unmade_files(session: Session, language: str = "en") -> tuple[int, int]:
    """A drafted case whose draft names an invoice copy and a statement, neither made."""
    case = seed_case(session, draft_body="Dear Jane,\n\nplease find the copy attached.\n")
    draft_id = case.draft_id or 0
    for old in session.exec(select(DraftAttachment).where(DraftAttachment.draft_id == draft_id)):
        session.delete(old)
    session.add(attachments.invoice_copy(draft_id, "INV-2026-0012", language))
    received = session.get(Draft, draft_id)
    assert received is not None
    session.add(attachments.statement(draft_id, "ACME", received.created_at.date(), language))
    session.commit()
    return case.message_id, draft_id


def _files(session: Session, draft_id: int) -> list[DraftAttachment]:
    session.expire_all()
    query = select(DraftAttachment).where(DraftAttachment.draft_id == draft_id)
    return list(session.exec(query.order_by(col(DraftAttachment.id))))


def test_approving_makes_every_file_the_draft_names(
    client: TestClient, session: Session, ledger: dict, token: str, settings: Settings
) -> None:
    case_id, draft_id = _case_with_unmade_files(session, language="de")
    assert [f.content for f in _files(session, draft_id)] == [None, None]

    r = client.post(f"/api/cases/{case_id}/approve", headers=_auth(token))

    assert r.status_code == 200, r.text
    copy, statement = _files(session, draft_id)
    assert copy.content is not None and statement.content is not None
    # The same bytes the renderer makes for that invoice in the draft's language.
    assert copy.content == invoice_copy_pdf(session, "INV-2026-0012", settings, language="de")[1]
    assert "Rechnung" in _text(copy.content)
    assert "Aufstellung der offenen Posten" in _text(statement.content)


def test_a_file_once_opened_is_sent_as_it_was_seen(
    client: TestClient, session: Session, ledger: dict, token: str
) -> None:
    case_id, draft_id = _case_with_unmade_files(session)
    case = client.get(f"/api/cases/{case_id}", headers=_auth(token)).json()
    url = case["draft"]["attachments"][0]["url"]
    seen = client.get(url, headers=_auth(token))
    assert seen.status_code == 200 and seen.content.startswith(b"%PDF")
    assert "€1,250.00" in _text(seen.content)
    # The ledger moves on (a part payment) between the collector's look and the approval.
    invoice = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0012")).one()
    invoice.open_amount = Decimal("250.00")
    session.add(invoice)
    session.commit()

    assert client.get(url, headers=_auth(token)).content == seen.content
    assert client.post(f"/api/cases/{case_id}/approve", headers=_auth(token)).status_code == 200
    assert _files(session, draft_id)[0].content == seen.content


def test_a_file_whose_invoice_left_the_ledger_stops_approval(
    client: TestClient, session: Session, ledger: dict, token: str, settings: Settings
) -> None:
    case_id, draft_id = _case_with_unmade_files(session)
    invoice = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0012")).one()
    invoice.number = "INV-2026-0012-VOID"
    session.add(invoice)
    session.commit()

    r = client.post(f"/api/cases/{case_id}/approve", headers=_auth(token))

    assert r.status_code == 409
    assert "INV-2026-0012" in r.json()["detail"]
    session.expire_all()
    draft = session.get(Draft, draft_id)
    assert draft is not None and draft.state == DraftState.pending
    assert draft.outgoing_message_id is None
    case = client.get(f"/api/cases/{case_id}", headers=_auth(token)).json()
    opened = client.get(case["draft"]["attachments"][0]["url"], headers=_auth(token))
    assert opened.status_code == 409
    alice = session.exec(select(User).where(User.username == "alice")).one()
    # The review flow says the same to a caller that is not the API.
    with pytest.raises(review.ConflictError, match="cannot be made"):
        review.approve_draft(session=session, user=alice, draft_id=draft_id, settings=settings)
