"""The text of the documents a buyer attaches: a remittance advice as PDF, Excel, CSV or text.

An AP department's payment run mails "Please find attached our remittance advice" and
lists the invoices it paid only in the file. Reading the file lets triage name those
invoices, so reminders pause on exactly them and cash application gets the amounts.

PDFs are read with pypdf and Excel workbooks (.xlsx) with openpyxl: both pure Python
(nothing for the operator to install) and maintained. We bound what they read: only the
first pages or rows of a file of moderate size, only so many characters, a workbook
whose parts inflate beyond a limit is not opened, and a file that cannot be read becomes
a defect on the message, never a failure of it.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal

from agent.parse.charset import decode_bytes, safe_text

log = logging.getLogger(__name__)

MAX_FILES_READ = 5  # documents of one message (winmail.dat's apart)
MAX_FILE_BYTES = 5 * 1024 * 1024  # a remittance advice is kilobytes; bigger files are not read
MAX_PAGES = 5
MAX_CHARS = 8_000  # per file: a payment run's table of a few hundred invoices
MAX_ROWS = 500  # per sheet of a workbook, the first three sheets
MAX_INFLATED_BYTES = 50 * 1024 * 1024  # a workbook's parts, unpacked
_PDF_TYPES = {"application/pdf", "application/x-pdf"}
_TEXT_TYPES = {"text/plain", "text/csv", "text/tab-separated-values", "application/csv"}
_XLSX_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_EXTENSIONS = {".pdf": "pdf", ".csv": "text", ".txt": "text", ".tsv": "text", ".xlsx": "xlsx"}
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
# pypdf's own bounds are sized for viewers (75 MB per stream, 2 million tokens per page:
# a 7.7 KB file of 700,000 text operators kept it busy 8.5 s). An advice's page is a few
# thousand tokens and tens of kilobytes, so a file far beyond that is no advice: pypdf
# raises LimitReachedError at these bounds and the file becomes a defect.
_PDF_BOUNDS = {
    "maximum_declared_stream_length": 8_000_000,
    "zlib_maximum_output_length": 8_000_000,
    "lzw_maximum_output_length": 8_000_000,
    "run_length_maximum_output_length": 8_000_000,
    "brotli_maximum_output_length": 8_000_000,
    "array_based_stream_maximum_output_length": 8_000_000,
    "stream_decoding_work_maximum_length": 16_000_000,
    "stream_parsing_work_maximum_count": 200_000,
    "xform_maximum_invocations_per_extraction": 200,
}


def readable_kind(content_type: str, filename: str | None) -> str | None:
    """'pdf', 'xlsx' or 'text' when the attachment is a document we read, else None."""
    if content_type in _PDF_TYPES:
        return "pdf"
    if content_type in _XLSX_TYPES:
        return "xlsx"
    if content_type in _TEXT_TYPES:
        return "text"
    if content_type == "application/octet-stream" and filename:
        # Some AP systems send every file as octet-stream: the extension says what it is.
        ext = filename[filename.rfind(".") :].lower() if "." in filename else ""
        return _EXTENSIONS.get(ext)
    return None


def attachment_text(
    data: bytes, content_type: str, filename: str | None, charset: str | None = None
) -> tuple[str, str | None]:
    """(text, defect): the document's text, tidied and cut to MAX_CHARS; a defect says why not."""
    kind = readable_kind(content_type, filename)
    if kind is None or not data:
        return "", None
    name = filename or "attachment"
    if len(data) > MAX_FILE_BYTES:
        return "", f"attachment {name!r}: {len(data)} bytes, text not read (over {MAX_FILE_BYTES})"
    if kind == "text":
        text, _ = decode_bytes(data, charset)
        return _tidy(text), None
    if kind == "xlsx":
        return _xlsx_text(data, name)
    return _pdf_text(data, name)


# pypdf and openpyxl are imported in the functions that read a document: they hold about
# 30 MB a worker that never sees one does not need (the backlog benchmark's workers: 357 MB
# with them imported up front, 346 MB without).


def _pdf_text(data: bytes, name: str) -> tuple[str, str | None]:
    from pypdf import PdfReader, apply_configuration, get_configuration
    from pypdf.errors import PyPdfError

    try:
        with apply_configuration(get_configuration().with_overwrites(**_PDF_BOUNDS)):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                return "", f"attachment {name!r}: encrypted PDF, text not read"
            text = _first_chars(page.extract_text() or "" for page in reader.pages[:MAX_PAGES])
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError) as exc:
        # pypdf raises its own errors and, on broken files, plain Python ones too.
        log.info("unreadable PDF", extra={"attachment": name, "error": type(exc).__name__})
        return "", f"attachment {name!r}: unreadable PDF ({type(exc).__name__})"
    except RecursionError:
        return "", f"attachment {name!r}: PDF too deeply nested to read"
    return text, None


def _xlsx_text(data: bytes, name: str) -> tuple[str, str | None]:
    """A workbook's first sheets (three at most), a line per row."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(item.file_size for item in archive.infolist())
        if inflated > MAX_INFLATED_BYTES:
            return "", f"attachment {name!r}: workbook unpacks to {inflated} bytes, text not read"
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = (
            row for sheet in workbook.worksheets[:3] for row in sheet.iter_rows(max_row=MAX_ROWS)
        )
        cells = ((_cell(c.value, getattr(c, "number_format", "")) for c in row) for row in rows)
        text = _first_chars(" ".join(t for t in line if t) for line in cells)
        workbook.close()
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as exc:
        # openpyxl raises plain Python errors on a file that is not a workbook.
        log.info("unreadable workbook", extra={"attachment": name, "error": type(exc).__name__})
        return "", f"attachment {name!r}: unreadable workbook ({type(exc).__name__})"
    return text, None


def _first_chars(parts: Iterable[str]) -> str:
    """The parts (pages, rows) read until MAX_CHARS are reached, tidied: no more is read."""
    taken: list[str] = []
    size = 0
    for part in parts:
        taken.append(part)
        size += len(part)
        if size >= MAX_CHARS:
            break
    return _tidy("\n".join(taken))


def _cell(value: object, number_format: str) -> str:
    """A cell as a remittance reads it: money with two decimals, dates as ISO dates.

    A whole number is money when its cell is formatted as money ("#,##0.00", "€ 0"); else
    it stays whole (an invoice or PO number, a quantity).
    """
    if value is None:
        return ""
    money = "0.00" in number_format or any(c in number_format for c in "€$£")
    if isinstance(value, float | Decimal) or (isinstance(value, int) and money):
        return f"{value:.2f}"
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _tidy(text: str) -> str:
    """One space between words, no blank lines, at most MAX_CHARS characters."""
    lines = (_SPACES.sub(" ", line).strip() for line in safe_text(text).splitlines())
    return "\n".join(line for line in lines if line)[:MAX_CHARS].rstrip()
