"""Documents a buyer attaches, made in code: a remittance advice as PDF or Excel workbook
(.xlsx, or .xls as older ERPs export it),
or scanned (a PDF of one black-and-white image a page) or photographed (an image, HEIC
as an iPhone takes it too)."""

from __future__ import annotations

import io
from datetime import date

import xlwt
from fpdf import FPDF
from openpyxl import Workbook
from PIL import Image, ImageDraw, ImageFont
from pillow_heif import register_heif_opener

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLS = "application/vnd.ms-excel"
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


def xls_of(rows: list[list[object]], money_columns: tuple[int, ...] = ()) -> bytes:
    """An old .xls (Excel 97-2003, as ERPs export it); dates formatted as dates."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Avis")
    money = xlwt.easyxf(num_format_str="#,##0.00")
    day = xlwt.easyxf(num_format_str="DD.MM.YYYY")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is None:
                continue
            style = day if isinstance(value, date) else money if c in money_columns else None
            sheet.write(r, c, value, style) if style else sheet.write(r, c, value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def page_image(lines: list[str], dpi: int = 200) -> Image.Image:
    """An A4 page with `lines` in 12 pt type, as a scanner at `dpi` sees it (greyscale)."""
    width, height = round(8.27 * dpi), round(11.69 * dpi)
    page = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=round(12 * dpi / 72))
    for n, line in enumerate(lines):
        draw.text((dpi, dpi + n * round(20 * dpi / 72)), line, fill=0, font=font)
    return page


def scanned_pdf_of(lines: list[str], pages: int = 1) -> bytes:
    """A PDF as a scanner makes it: one black-and-white image a page, no text layer."""
    scans = [page_image(lines).convert("1") for _ in range(pages)]
    out = io.BytesIO()
    scans[0].save(out, "PDF", resolution=200, save_all=True, append_images=scans[1:])
    return out.getvalue()


def photo_of(
    lines: list[str], image_format: str = "PNG", size: tuple[int, int] | None = None
) -> bytes:
    """The page as an image file (a phone's photograph, a fax's TIFF), resized to `size`.

    "HEIF" is an iPhone's HEIC photograph: in colour, lossy, as a camera writes it.
    """
    page = page_image(lines)
    page = page.resize(size) if size else page
    out = io.BytesIO()
    if image_format == "HEIF":
        register_heif_opener()
        page.convert("RGB").save(out, "HEIF", quality=60)
    else:
        page.save(out, image_format)
    return out.getvalue()
