"""PDF attachments: invoice copies (from the ERP's folder, else rendered) and statements.

Rendered documents use a core PDF font, so their text is kept to Windows-1252 (which
has €, £ and the accents of the six reply languages); anything else is transliterated.
The creation date comes from the document's own date so the same records always give
the same bytes. Labels are in the reply's language (`prompts/documents/<language>.json`).
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from collections.abc import Sequence
from datetime import UTC, date, datetime, time
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos
from sqlmodel import Session, select

from agent.draft.ageing import BUCKETS, ageing, days_overdue, open_items
from agent.draft.formatting import REPLY_LANGUAGES, format_day, format_money
from arinbox.settings import Settings
from prompts.files import DOCUMENTS_DIR
from records.ledger import Account, Invoice

log = logging.getLogger(__name__)

PDF_ENCODING = "windows-1252"
_UNSAFE_FILENAME = re.compile(r"[^A-Za-z0-9._-]+")
# Letters that Unicode does not decompose into a base letter plus an accent.
_NO_DECOMPOSITION = str.maketrans(
    {"Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "ı": "i", "Ħ": "H", "ħ": "h", "ŀ": "l", "Ŀ": "L"}
)


class DocumentNotFound(LookupError):
    """The invoice or account asked for is not in the ledger."""


def invoice_copy_pdf(
    session: Session, number: str, settings: Settings, *, language: str = "en"
) -> tuple[str, bytes]:
    """(filename, PDF bytes) of invoice `number`: the ERP's PDF when present, else rendered."""
    invoice = session.exec(select(Invoice).where(Invoice.number == number)).first()
    if invoice is None:
        raise DocumentNotFound(f"invoice {number!r} is not in the ledger")
    filename = invoice_copy_filename(number)
    stored = _stored_copy(settings.invoice_pdf_dir, number)
    if stored is not None:
        return filename, stored
    account = session.get(Account, invoice.account_id)
    return filename, _render_invoice(invoice, account, settings, _Doc(language))


def statement_pdf(
    session: Session, account_id: str, as_of: date, settings: Settings, *, language: str = "en"
) -> tuple[str, bytes]:
    """(filename, PDF bytes) of the account's open items on `as_of`, with ageing buckets."""
    account = session.get(Account, account_id)
    if account is None:
        raise DocumentNotFound(f"account {account_id!r} is not in the ledger")
    invoices = session.exec(select(Invoice).where(Invoice.account_id == account_id)).all()
    items = open_items(invoices)
    filename = statement_filename(account_id, as_of)
    return filename, _render_statement(account, items, as_of, settings, _Doc(language))


def invoice_copy_filename(number: str) -> str:
    return f"{safe_filename(number)}.pdf"


def statement_filename(account_id: str, as_of: date) -> str:
    return f"statement-{safe_filename(account_id)}-{as_of.isoformat()}.pdf"


def safe_filename(name: str) -> str:
    """A file name stem made of letters, digits, dots, dashes and underscores only."""
    return _UNSAFE_FILENAME.sub("-", name).strip(".-") or "document"


def _stored_copy(folder: Path | None, number: str) -> bytes | None:
    if folder is None or not folder.is_dir():
        return None
    for stem in dict.fromkeys((number, safe_filename(number))):
        path = folder / f"{stem}.pdf"
        # The number comes from the ledger, but never let it walk out of the folder.
        if path.resolve().parent != folder.resolve() or not path.is_file():
            continue
        content = path.read_bytes()
        if content.startswith(b"%PDF"):
            return content
        log.warning("invoice copy is not a PDF, rendering instead", extra={"path": str(path)})
    return None


def pdf_text(text: str) -> str:
    """`text` reduced to what a core font can show: Windows-1252, accents kept."""
    out: list[str] = []
    text = text.replace("\u202f", "\u00a0").replace("\u2009", " ").translate(_NO_DECOMPOSITION)
    for ch in text:
        try:
            ch.encode(PDF_ENCODING)
            out.append(ch)
        except UnicodeEncodeError:
            base = (
                unicodedata.normalize("NFKD", ch)
                .encode(PDF_ENCODING, "ignore")
                .decode(PDF_ENCODING)
            )
            out.append(base or "?")
    return "".join(out)


def _new_pdf(title: str, on: date, settings: Settings) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.core_fonts_encoding = PDF_ENCODING
    pdf.set_creation_date(datetime.combine(on, time(0, 0), tzinfo=UTC))
    pdf.set_title(pdf_text(title))
    pdf.set_author(pdf_text(settings.company_name))
    pdf.set_creator("arinbox")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    _line(pdf, settings.company_name, 8)
    pdf.set_font("Helvetica", size=9)
    _line(pdf, f"{settings.ar_display_name} - {settings.ar_mailbox}", 5)
    pdf.ln(8)
    pdf.set_font("Helvetica", style="B", size=14)
    _line(pdf, title, 8)
    pdf.ln(2)
    pdf.set_font("Helvetica", size=10)
    return pdf


def _line(pdf: FPDF, text: str, height: float) -> None:
    pdf.cell(0, height, pdf_text(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)


@lru_cache(maxsize=8)
def _labels(language: str) -> dict[str, str]:
    labels: dict[str, str] = json.loads(
        (DOCUMENTS_DIR / f"{language}.json").read_text(encoding="utf-8")
    )
    return labels


class _Doc:
    """Labels, money and dates of one rendered document, in one language."""

    def __init__(self, language: str) -> None:
        self.language = language if language in REPLY_LANGUAGES else "en"
        self.labels = _labels(self.language)

    def __getitem__(self, key: str) -> str:
        return self.labels[key]

    def money(self, amount: Decimal, currency: str) -> str:
        return format_money(amount, currency, self.language)

    def day(self, day: date) -> str:
        return format_day(day, self.language)


def _customer(account: Account | None, fallback: str) -> str:
    if account is None:
        return fallback
    return (
        f"{account.name} ({account.customer_number})" if account.customer_number else account.name
    )


def _render_invoice(
    invoice: Invoice, account: Account | None, settings: Settings, doc: _Doc
) -> bytes:
    credit = invoice.kind == "credit_note"
    title = doc["credit_note_title" if credit else "invoice_title"].format(number=invoice.number)
    pdf = _new_pdf(title, invoice.issue_date, settings)
    rows = [
        (doc["customer"], _customer(account, invoice.account_id)),
        (doc["credit_note_number" if credit else "invoice_number"], invoice.number),
        (doc["issue_date"], doc.day(invoice.issue_date)),
        (doc["due_date"], doc.day(invoice.due_date)),
        (doc["po_number"], invoice.po_number or "-"),
        (doc["currency"], invoice.currency),
        (doc["amount"], doc.money(invoice.amount, invoice.currency)),
        (doc["open_amount"], doc.money(invoice.open_amount, invoice.currency)),
    ]
    _grid(pdf, rows, widths=(45, 135), aligns=("L", "L"), heading=False)
    pdf.ln(6)
    pdf.set_font("Helvetica", style="I", size=8)
    pdf.multi_cell(0, 4, pdf_text(doc["copy_note"]))
    return bytes(pdf.output())


def _grid(
    pdf: FPDF,
    rows: Sequence[tuple[str, ...]],
    *,
    widths: tuple[float, ...],
    aligns: tuple[str, ...],
    heading: bool = True,
) -> None:
    """A bordered table of one-line cells; the first row bold when `heading`.

    fpdf2's `table()` measures and wraps every cell, which made it three quarters of the
    cost of a drafted reply; our cells are short labels, dates and amounts, so a fixed
    row height is enough, and text too wide for its column is shortened with an ellipsis.
    """
    size = pdf.font_size_pt
    for n, row in enumerate(rows):
        bold = heading and n == 0
        pdf.set_font("Helvetica", style="B" if bold else "", size=size)
        for text, width, align in zip(row, widths, aligns, strict=True):
            # A cell never wraps, so a no-break space is just a space (as multi_cell writes it).
            text = pdf_text(text).replace("\u00a0", " ")
            pdf.cell(width, 7, _fit(pdf, text, width - 2), border=1, align=align)
        pdf.ln(7)
    pdf.set_font("Helvetica", size=size)


def _natural_widths(pdf: FPDF, rows: list[tuple[str, ...]]) -> tuple[float, ...]:
    """Column widths that fit every cell, the font shrunk (to 6 pt at least) to fit the page."""
    room = pdf.w - pdf.l_margin - pdf.r_margin
    while True:
        pdf.set_font("Helvetica", style="B", size=pdf.font_size_pt)
        widths = [
            max(pdf.get_string_width(pdf_text(row[n])) for row in rows) + 3
            for n in range(len(rows[0]))
        ]
        pdf.set_font("Helvetica", size=pdf.font_size_pt)
        if sum(widths) <= room or pdf.font_size_pt <= 6:
            spare = max(room - sum(widths), 0) / len(widths)
            return tuple(width + spare for width in widths)
        pdf.set_font_size(pdf.font_size_pt - 0.5)


def _fit(pdf: FPDF, text: str, width: float) -> str:
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "...") > width:
        text = text[:-1]
    return text + "..."


def _render_statement(
    account: Account, items: list[Invoice], as_of: date, settings: Settings, doc: _Doc
) -> bytes:
    pdf = _new_pdf(doc["statement_title"], as_of, settings)
    _line(pdf, f"{doc['customer']}: {_customer(account, account.id)}", 6)
    _line(pdf, f"{doc['as_of']}: {doc.day(as_of)}", 6)
    pdf.ln(4)
    if not items:
        _line(pdf, doc["no_open_items"], 6)
        return bytes(pdf.output())
    keys = ("document", "issue_date", "due_date", "days_overdue", "open_amount")
    lines = [tuple(doc[key] for key in keys)] + [
        (
            inv.number,
            doc.day(inv.issue_date),
            doc.day(inv.due_date),
            str(days_overdue(inv.due_date, as_of)),
            doc.money(inv.open_amount, inv.currency),
        )
        for inv in items
    ]
    _grid(pdf, lines, widths=(38, 32, 32, 22, 46), aligns=("L", "L", "L", "R", "R"))
    pdf.ln(6)
    pdf.set_font("Helvetica", style="B", size=11)
    _line(pdf, doc["ageing"], 7)
    pdf.set_font("Helvetica", size=9)
    header = (doc["currency"], *(doc[bucket] for bucket in BUCKETS), doc["total"])
    lines = [header] + [
        (
            row.currency,
            *(doc.money(row.buckets[bucket], row.currency) for bucket in BUCKETS),
            doc.money(row.total, row.currency),
        )
        for row in ageing(items, as_of)
    ]
    _grid(
        pdf, lines, widths=_natural_widths(pdf, lines), aligns=("L",) + ("R",) * (len(header) - 1)
    )
    return bytes(pdf.output())
