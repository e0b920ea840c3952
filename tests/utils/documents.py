"""Documents a buyer attaches, made in code: a remittance advice as PDF or Excel workbook."""

from __future__ import annotations

import io

from fpdf import FPDF
from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ADVICE = [
    "Acme Corp - Remittance advice",
    "Payment date: 13.11.2026    Reference: PAY-88812",
    "Invoice          Date          Paid",
    "INV-2026-0012    2026-09-01    1,250.00",
    "INV-2026-0047    2026-10-05      830.50",
    "Total paid EUR 2,080.50",
]


def pdf_of(lines: list[str], pages: int = 1) -> bytes:
    """A PDF with `lines` on each of `pages` pages ("{page}" becomes the page's number)."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=11)
    for page in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line.replace("{page}", str(page + 1)), new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def workbook_of(rows: list[list[object]], money_columns: tuple[int, ...] = ()) -> bytes:
    """An .xlsx whose first sheet holds `rows`; cells of `money_columns` formatted as money."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    for column in money_columns:
        for (cell,) in sheet.iter_rows(min_col=column + 1, max_col=column + 1):
            cell.number_format = "#,##0.00"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
