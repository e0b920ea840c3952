"""PDF attachments: invoice copies (folder first, else rendered) and statements with ageing."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pypdf
import pytest
from sqlmodel import Session, select

from agent.draft.ageing import ageing, bucket_of, open_items
from agent.draft.documents import (
    DocumentNotFound,
    invoice_copy_pdf,
    pdf_text,
    safe_filename,
    statement_pdf,
)
from agent.schema import LANGUAGES
from arinbox.settings import Settings
from prompts.files import DOCUMENTS_DIR
from records.ledger import Account, Invoice

AS_OF = date(2026, 11, 23)


def text_of(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_rendered_invoice_copy_carries_the_ledger_facts(
    session: Session, ledger: dict, settings: Settings
) -> None:
    filename, content = invoice_copy_pdf(session, "INV-2026-0012", settings)

    assert filename == "INV-2026-0012.pdf"
    assert content.startswith(b"%PDF")
    text = text_of(content)
    for fact in (
        settings.company_name,
        "Copy of invoice INV-2026-0012",
        "Acme Corp (C-10023)",
        "1 September 2026",
        "1 October 2026",
        "PO-7781",
        "€1,250.00",
    ):
        assert fact in text, (fact, text)


def test_rendered_copy_is_the_same_bytes_every_time(
    session: Session, ledger: dict, settings: Settings
) -> None:
    assert invoice_copy_pdf(session, "INV-2026-0200", settings) == invoice_copy_pdf(
        session, "INV-2026-0200", settings
    )


def test_rendered_copy_keeps_accents_and_transliterates_the_rest(
    session: Session, ledger: dict, settings: Settings
) -> None:
    account = session.get(Account, "LUMI")
    assert account is not None
    account.name = "Lumière Łódź 株式会社"
    session.add(account)
    session.commit()

    _, content = invoice_copy_pdf(session, "INV-2026-0200", settings)

    text = text_of(content)
    assert "Lumière Lódz ????" in text
    assert "€1,150.00" in text  # open amount, after the partial payment


def test_the_erp_pdf_in_the_folder_is_preferred(
    session: Session, ledger: dict, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "invoices"
    folder.mkdir()
    original = b"%PDF-1.7\n% the ERP's own invoice\n%%EOF\n"
    (folder / "INV-2026-0012.pdf").write_bytes(original)
    (folder / "INV-2026-0047.pdf").write_bytes(b"not a pdf at all")
    settings.invoice_pdf_dir = folder

    assert invoice_copy_pdf(session, "INV-2026-0012", settings) == ("INV-2026-0012.pdf", original)
    # A file that is not a PDF is not sent; the copy is rendered from the ledger instead.
    _, rendered = invoice_copy_pdf(session, "INV-2026-0047", settings)
    assert rendered.startswith(b"%PDF") and "INV-2026-0047" in text_of(rendered)
    # No file for this invoice: rendered too.
    _, rendered = invoice_copy_pdf(session, "INV-2026-0101", settings)
    assert "Bergmann Logistik AG" in text_of(rendered)


def test_invoice_numbers_cannot_leave_the_folder(
    session: Session, ledger: dict, settings: Settings, tmp_path: Path
) -> None:
    folder = tmp_path / "invoices"
    folder.mkdir()
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.7 secret")
    session.add(
        Invoice(
            account_id="ACME",
            number="../secret",
            issue_date=date(2026, 9, 1),
            due_date=date(2026, 10, 1),
            amount=Decimal(1),
            open_amount=Decimal(1),
        )
    )
    session.commit()
    settings.invoice_pdf_dir = folder

    filename, content = invoice_copy_pdf(session, "../secret", settings)

    assert filename == "secret.pdf"
    assert b"%PDF-1.7 secret" not in content and content.startswith(b"%PDF")


def test_an_invoice_not_in_the_ledger_is_refused(
    session: Session, ledger: dict, settings: Settings
) -> None:
    with pytest.raises(DocumentNotFound):
        invoice_copy_pdf(session, "INV-0000-0000", settings)
    with pytest.raises(DocumentNotFound):
        statement_pdf(session, "NOPE", AS_OF, settings)


@pytest.mark.parametrize(
    ("days_past_due", "bucket"),
    [
        (-5, "current"),
        (0, "current"),
        (1, "1-30"),
        (30, "1-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "over_90"),
        (400, "over_90"),
    ],
)
def test_bucket_boundaries(days_past_due: int, bucket: str) -> None:
    assert bucket_of(AS_OF - timedelta(days=days_past_due), AS_OF) == bucket


def add_invoice(
    session: Session, number: str, days_past_due: int, open_amount: str, currency: str = "EUR"
) -> None:
    due = AS_OF - timedelta(days=days_past_due)
    session.add(
        Invoice(
            account_id="ACME",
            number=number,
            issue_date=due - timedelta(days=30),
            due_date=due,
            amount=Decimal(open_amount),
            open_amount=Decimal(open_amount),
            currency=currency,
        )
    )


def test_statement_lists_open_items_with_ageing_and_total(
    session: Session, ledger: dict, settings: Settings
) -> None:
    # Already on ACME: INV-2026-0012 (53 days past due, 1250.00), INV-2026-0047 (23, 830.50).
    add_invoice(session, "INV-2026-0300", -10, "100.00")  # not yet due
    add_invoice(session, "INV-2026-0301", 75, "200.00")
    add_invoice(session, "INV-2026-0302", 120, "300.00")
    add_invoice(session, "CN-2026-0001", 5, "-50.00")  # a credit note reduces the balance
    add_invoice(session, "INV-2026-0303", 45, "0.00")  # paid: not an open item
    add_invoice(session, "INV-2026-0400", 10, "99.00", currency="USD")
    session.commit()

    filename, content = statement_pdf(session, "ACME", AS_OF, settings)

    assert filename == "statement-ACME-2026-11-23.pdf"
    text = text_of(content)
    assert "Statement of account" in text and "Acme Corp (C-10023)" in text
    assert "As of: 23 November 2026" in text
    assert "INV-2026-0303" not in text
    for number in (
        "INV-2026-0012",
        "INV-2026-0047",
        "INV-2026-0300",
        "INV-2026-0301",
        "INV-2026-0302",
        "CN-2026-0001",
        "INV-2026-0400",
    ):
        assert number in text
    # EUR: current 100.00 | 1-30 830.50 - 50.00 | 31-60 1250.00 | 61-90 200.00 | >90 300.00
    assert "EUR €100.00 €780.50 €1,250.00 €200.00 €300.00 €2,630.50" in text
    assert "USD US$0.00 US$99.00 US$0.00 US$0.00 US$0.00 US$99.00" in text
    assert statement_pdf(session, "ACME", AS_OF, settings)[1] == content


def test_ageing_totals_per_currency(session: Session, ledger: dict) -> None:
    add_invoice(session, "INV-2026-0301", 75, "200.00")
    session.commit()
    invoices = list(session.exec(select(Invoice).where(Invoice.account_id == "ACME")))

    [eur] = ageing(open_items(invoices), AS_OF)

    assert eur.currency == "EUR"
    assert eur.total == Decimal("2280.50")
    assert eur.overdue == Decimal("2280.50")
    assert eur.buckets["61-90"] == Decimal("200.00")


def test_statement_of_an_account_without_open_items(
    session: Session, ledger: dict, settings: Settings
) -> None:
    for invoice in session.exec(select(Invoice).where(Invoice.account_id == "ACME")):
        invoice.open_amount = Decimal("0.00")
        session.add(invoice)
    session.commit()

    _, content = statement_pdf(session, "ACME", AS_OF, settings)

    assert "There are no open items on your account." in text_of(content)


def test_pdf_text_and_safe_filename() -> None:
    assert pdf_text("1\u202f250,00\u00a0€ – Ærø “ok”") == "1\u00a0250,00\u00a0€ – Ærø “ok”"
    assert pdf_text("Łukasz 東") == "Lukasz ?"
    assert safe_filename("RE 2026/001") == "RE-2026-001"
    assert safe_filename("../..") == "document"


def test_document_labels_exist_for_every_language() -> None:
    keys = None
    for language in LANGUAGES:
        labels = json.loads((DOCUMENTS_DIR / f"{language}.json").read_text(encoding="utf-8"))
        keys = keys or set(labels)
        assert set(labels) == keys, language
        assert all(value.strip() for value in labels.values())


def test_documents_speak_the_replys_language(
    session: Session, ledger: dict, settings: Settings
) -> None:
    _, statement = statement_pdf(session, "ACME", AS_OF, settings, language="de")
    _, copy = invoice_copy_pdf(session, "INV-2026-0200", settings, language="fr")

    text = text_of(statement)
    assert "Aufstellung der offenen Posten" in text and "Stand: 23. November 2026" in text
    assert "Nicht fällig" in text and "2.080,50 €" in text
    text = text_of(copy)
    assert "Copie de la facture INV-2026-0200" in text
    assert "20 août 2026" in text and "1 150,00 €" in text
