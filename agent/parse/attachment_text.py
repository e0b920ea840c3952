"""The text of the documents a buyer attaches: a remittance advice as PDF, Excel (.xlsx and
the old .xls), CSV or text, or scanned or photographed (read by OCR, `agent/parse/ocr.py`).

An AP department's payment run mails "Please find attached our remittance advice" and
lists the invoices it paid only in the file. Reading the file lets triage name those
invoices, so reminders pause on exactly them and cash application gets the amounts.

PDFs are read with pypdf, Excel workbooks with openpyxl (.xlsx) and xlrd (.xls): all
pure Python (nothing for the operator to install) and maintained. We bound what they
read: only the first pages or rows of a file of moderate size, only so many characters,
a workbook whose parts inflate beyond a limit is not opened, and a file that cannot be
read becomes a defect on the message, never a failure of it.

A PDF page without a text layer (a scan) and an attached image the size of a page are
read by OCR when Tesseract is installed: the largest image of each of the first pages,
at most MAX_OCR_IMAGES images a message, each within the OCR's timeout. Logos, icons and
banners are too small to be read, so a signature's images cost nothing.
"""

from __future__ import annotations

import functools
import io
import logging
import re
import struct
import warnings
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from agent.parse.charset import decode_bytes, safe_text
from agent.parse.ocr import Ocr, OcrError, worth_reading

if TYPE_CHECKING:
    from PIL.Image import Image

log = logging.getLogger(__name__)

MAX_FILES_READ = 5  # documents of one message (winmail.dat's apart)
MAX_FILE_BYTES = 5 * 1024 * 1024  # a remittance advice is kilobytes; bigger files are not read
MAX_IMAGE_BYTES = 20 * 1024 * 1024  # a phone's photograph is megabytes (decoding is bounded
# by its pixels, MAX_PIXELS, not its bytes)
DRAFT_ABOVE = 3600  # px: a larger JPEG is decoded at half size (a 12 MP photo, 2016 px wide)
MAX_PAGES = 5
MAX_CHARS = 8_000  # per file: a payment run's table of a few hundred invoices
MAX_ROWS = 500  # per sheet of a workbook, the first three sheets
MAX_INFLATED_BYTES = 50 * 1024 * 1024  # a workbook's parts, unpacked
MAX_OCR_IMAGES = 3  # per message: scanned pages and photographs read by OCR
MAX_OCR_PAGES = 2  # of a scanned PDF: an advice's invoices fit on its first pages
SCANNED_BELOW = 20  # characters of a page's text layer: fewer, and the page is a scan
_PDF_TYPES = {"application/pdf", "application/x-pdf"}
_TEXT_TYPES = {"text/plain", "text/csv", "text/tab-separated-values", "application/csv"}
_XLSX_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
_XLS_TYPES = {"application/vnd.ms-excel", "application/msexcel", "application/x-msexcel",
              "application/x-excel", "application/excel"}  # fmt: skip
_IMAGE_TYPES = {"image/png", "image/jpeg", "image/pjpeg", "image/tiff", "image/heic", "image/heif"}
_EXTENSIONS = {
    ".pdf": "pdf",
    ".csv": "text",
    ".txt": "text",
    ".tsv": "text",
    ".xlsx": "xlsx",
    ".xls": "xls",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".heic": "image",
    ".heif": "image",
}
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


class DocumentText(NamedTuple):
    """What was read of one attached file: its text, or the defect that says why not."""

    text: str = ""
    defect: str | None = None
    by_ocr: bool = False  # read by OCR from a scan or a photograph: may misread a character


@dataclass
class OcrBudget:
    """The OCR of one message: at most MAX_OCR_IMAGES images, however many files it has."""

    ocr: Ocr
    left: int = MAX_OCR_IMAGES

    def take(self) -> bool:
        if self.left <= 0:
            return False
        self.left -= 1
        return True


@dataclass
class MessageDocuments:
    """Reads the attached documents of one message within its limits (files, OCR)."""

    ocr: OcrBudget | None = None
    files_read: int = 0

    def read(
        self, data: bytes, content_type: str, filename: str | None, charset: str | None = None
    ) -> DocumentText:
        """The file's text when it is a document we read and the message's limits allow."""
        kind = readable_kind(content_type, filename)
        if kind is None or self.files_read >= MAX_FILES_READ:
            return DocumentText()
        if kind == "image" and (self.ocr is None or not _page_sized(data)):
            return DocumentText()  # a logo or an icon, or no OCR: not a document we read
        self.files_read += 1
        return attachment_text(data, content_type, filename, charset, ocr=self.ocr)


def readable_kind(content_type: str, filename: str | None) -> str | None:
    """'pdf', 'xlsx', 'text' or 'image' when the attachment may be a document we read."""
    if content_type in _PDF_TYPES:
        return "pdf"
    if content_type in _XLSX_TYPES:
        return "xlsx"
    if content_type in _XLS_TYPES:
        return "xls"
    if content_type in _TEXT_TYPES:
        return "text"
    if content_type in _IMAGE_TYPES:
        return "image"
    if content_type == "application/octet-stream" and filename:
        # Some AP systems send every file as octet-stream: the extension says what it is.
        ext = filename[filename.rfind(".") :].lower() if "." in filename else ""
        return _EXTENSIONS.get(ext)
    return None


def attachment_text(
    data: bytes,
    content_type: str,
    filename: str | None,
    charset: str | None = None,
    *,
    ocr: OcrBudget | None = None,
) -> DocumentText:
    """The document's text, tidied and cut to MAX_CHARS; else a defect that says why not.

    Scanned pages and images are read only with `ocr` (and within its budget).
    """
    kind = readable_kind(content_type, filename)
    if kind is None or not data:
        return DocumentText()
    name = filename or "attachment"
    limit = MAX_IMAGE_BYTES if kind == "image" else MAX_FILE_BYTES
    if len(data) > limit:
        return DocumentText(
            defect=f"attachment {name!r}: {len(data)} bytes, text not read (over {limit})"
        )
    if kind == "text":
        text, _ = decode_bytes(data, charset)
        return DocumentText(_tidy(text))
    if kind == "xlsx":
        return _xlsx_text(data, name)
    if kind == "xls":
        return _xls_text(data, name)
    if kind == "image":
        return _image_text(data, name, ocr)
    return _pdf_text(data, name, ocr)


# pypdf and openpyxl are imported in the functions that read a document: they hold about
# 30 MB a worker that never sees one does not need (the backlog benchmark's workers: 357 MB
# with them imported up front, 346 MB without).


def _pdf_text(data: bytes, name: str, ocr: OcrBudget | None) -> DocumentText:
    from pypdf import PdfReader, apply_configuration, get_configuration
    from pypdf.errors import PyPdfError

    errors = (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, OSError)

    try:
        with apply_configuration(get_configuration().with_overwrites(**_PDF_BOUNDS)):
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                return DocumentText(defect=f"attachment {name!r}: encrypted PDF, text not read")
            pages = reader.pages[:MAX_PAGES]
            text = _first_chars(page.extract_text() or "" for page in pages)
            if len(text.replace(" ", "")) < SCANNED_BELOW:
                return _scanned_pdf_text(pages[:MAX_OCR_PAGES], name, ocr) or DocumentText(text)
    except errors as exc:
        # pypdf raises its own errors and, on broken files, plain Python ones too (and
        # Pillow, decoding a scan, OSError for a truncated image).
        log.info("unreadable PDF", extra={"attachment": name, "error": type(exc).__name__})
        return DocumentText(defect=f"attachment {name!r}: unreadable PDF ({type(exc).__name__})")
    except RecursionError:
        return DocumentText(defect=f"attachment {name!r}: PDF too deeply nested to read")
    return DocumentText(text)


def _scanned_pdf_text(
    pages: Sequence[Any], name: str, ocr: OcrBudget | None
) -> DocumentText | None:
    """OCR of a PDF without a text layer; None when its pages hold no page-sized image."""
    scans = [(page, key) for page in pages if (key := _scan_of(page)) is not None]
    if not scans:
        return None
    if ocr is None:
        return DocumentText(defect=f"attachment {name!r}: scanned PDF, no text layer (no OCR)")
    found = _ocr_text((_decoded(page, key) for page, key in scans), name, ocr)
    if not found.text and not found.defect:
        return DocumentText(defect=f"attachment {name!r}: scanned PDF, OCR found no text")
    return found


def _scan_of(page: Any) -> str | None:
    """The name of the page's largest page-sized image (a scan is one image a page).

    Sizes are read from the image's dictionary, so a declared giant is skipped, not decoded.
    """
    from pypdf.generic import DictionaryObject, NullObject

    resources = page.get("/Resources", NullObject()).get_object()
    objects = resources.get("/XObject", NullObject()).get_object() if resources else None
    if not isinstance(objects, DictionaryObject):
        return None
    sized = []
    for key in list(objects.keys())[:50]:
        item = objects[key]
        if isinstance(item, DictionaryObject) and item.get("/Subtype") == "/Image":
            width, height = int(item.get("/Width", 0)), int(item.get("/Height", 0))
            if worth_reading(width, height):
                sized.append((width * height, str(key)))
    return max(sized)[1] if sized else None


def _decoded(page: Any, key: str) -> Image:
    from PIL.Image import DecompressionBombError

    try:
        return page.images[key].image
    except DecompressionBombError as exc:  # the JPEG inside is bigger than its dictionary says
        raise ValueError(str(exc)) from exc


def _image_text(data: bytes, name: str, ocr: OcrBudget | None) -> DocumentText:
    """OCR of an attached scan or photograph: the first frames of a fax's TIFF, each a page."""
    if ocr is None:
        return DocumentText()
    from PIL import Image as PILImage
    from PIL import ImageSequence, UnidentifiedImageError

    try:
        image = _open_image(data)
        if not worth_reading(*image.size):
            return DocumentText()
        if image.format == "JPEG" and max(image.size) > DRAFT_ABOVE:
            # JPEG decodes at a fraction of its size directly: a quarter of the memory and
            # time, and still about 180 dpi on a page that fills a 12 MP photograph.
            image.draft("L", (image.width // 2, image.height // 2))
        frames = [
            frame.copy()
            for frame, _ in zip(ImageSequence.Iterator(image), range(MAX_OCR_PAGES), strict=False)
            if worth_reading(*frame.size)
        ]
    except PILImage.DecompressionBombError:
        return DocumentText()  # far beyond MAX_PIXELS: no page, as a logo is none
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        log.info("unreadable image", extra={"attachment": name, "error": type(exc).__name__})
        return DocumentText(defect=f"attachment {name!r}: unreadable image ({type(exc).__name__})")
    # A photograph with no writing on it (damaged goods, a pallet) gives no text, and
    # nothing for a collector to be told (_ocr_text keeps only pages of writing).
    return _ocr_text(frames, name, ocr) if frames else DocumentText()


def _ocr_text(images: Iterable[Image], name: str, ocr: OcrBudget) -> DocumentText:
    """The pages' text by OCR, page after page, within the message's OCR budget; a page
    with no writing found on it gives none."""
    pages: list[str] = []
    for image in images:
        if not ocr.take():
            return DocumentText(
                _first_chars(pages),
                f"attachment {name!r}: not all pages read by OCR ({MAX_OCR_IMAGES} a message)",
                bool(pages),
            )
        try:
            found = ocr.ocr.read(image)
        except OcrError as exc:
            return DocumentText(_first_chars(pages), f"attachment {name!r}: {exc}", bool(pages))
        pages += [found.text] if found.is_text else []
    return DocumentText(_first_chars(pages), None, bool(pages))


def _page_sized(data: bytes) -> bool:
    """The image is the size of a page (read from its header only; not decoded)."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        with _open_image(data) as image:
            return worth_reading(*image.size)
    except (UnidentifiedImageError, OSError, ValueError, PILImage.DecompressionBombError):
        return False


def _open_image(data: bytes) -> Image:
    """The image, its header read; Pillow's bomb warning is ours to act on (MAX_PIXELS)."""
    from PIL import Image as PILImage

    _open_heif_too()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
        return PILImage.open(io.BytesIO(data))


@functools.cache
def _open_heif_too() -> None:
    """Pillow opens HEIC/HEIF (an iPhone's photographs) once pillow-heif registers it.

    libheif applies the file's own rotation (irot/imir) while decoding and sets the EXIF
    orientation to 1, so the OCR's EXIF transpose does not turn the page twice. The
    bomb check (MAX_PIXELS) is Pillow's and applies as to any other image.
    """
    from pillow_heif import register_heif_opener

    register_heif_opener()


def _xlsx_text(data: bytes, name: str) -> DocumentText:
    """A workbook's first sheets (three at most), a line per row."""
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            inflated = sum(item.file_size for item in archive.infolist())
        if inflated > MAX_INFLATED_BYTES:
            return DocumentText(
                defect=f"attachment {name!r}: workbook unpacks to {inflated} bytes, text not read"
            )
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
        defect = f"attachment {name!r}: unreadable workbook ({type(exc).__name__})"
        return DocumentText(defect=defect)
    return DocumentText(text)


def _xls_text(data: bytes, name: str) -> DocumentText:
    """An old Excel 97-2003 workbook (what many ERPs still export), read like an .xlsx.

    xlrd reads the binary format in pure Python; its cells carry their number format, so
    money and dates read as in a workbook of today.
    """
    import xlrd
    from xlrd.compdoc import CompDocError

    try:
        # xlrd writes its warnings to stdout unless given a log of its own.
        book = xlrd.open_workbook(
            file_contents=data, formatting_info=True, on_demand=True, logfile=io.StringIO()
        )
        lines = []
        for index in range(min(book.nsheets, 3)):
            sheet = book.sheet_by_index(index)
            lines += [
                " ".join(t for t in (_xls_cell(book, c) for c in sheet.row(r)) if t)
                for r in range(min(sheet.nrows, MAX_ROWS))
            ]
        text = _first_chars(lines)
        book.release_resources()
    except (xlrd.XLRDError, CompDocError, ValueError, TypeError, KeyError, IndexError,
            AssertionError, struct.error, OSError) as exc:  # fmt: skip
        # xlrd raises its own error, and plain Python ones (even assertions) on broken files.
        error = "struct.error" if isinstance(exc, struct.error) else type(exc).__name__
        log.info("unreadable workbook", extra={"attachment": name, "error": error})
        return DocumentText(defect=f"attachment {name!r}: unreadable workbook ({error})")
    return DocumentText(text)


def _xls_cell(book: Any, cell: Any) -> str:
    """An .xls cell as _cell reads an .xlsx one: every number is a float there."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        return _cell(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode), "")
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        number_format = book.format_map[book.xf_list[cell.xf_index].format_key].format_str
        whole = float(cell.value).is_integer()
        return _cell(int(cell.value) if whole else cell.value, number_format)
    return _cell(cell.value if cell.ctype == xlrd.XL_CELL_TEXT else None, "")


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
