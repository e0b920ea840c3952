"""The text of attached documents: remittance advice as PDF, Excel, CSV or text, within bounds."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from agent.parse import attachment_text as reading
from agent.parse import parse_message
from agent.parse.attachment_text import attachment_text, readable_kind
from arinbox.settings import Settings
from tests.utils.documents import ADVICE, XLS, XLSX, pdf_of, workbook_of, xls_of
from tests.utils.mail import build_raw

NOW = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


def parse(raw: bytes) -> object:
    return parse_message(raw, received_at=NOW, settings=Settings(_env_file=None))  # type: ignore[call-arg]


def test_a_pdf_remittance_advice_is_read_into_its_attachment_not_the_body() -> None:
    raw = build_raw(
        subject="Remittance advice",
        body="Please find attached our remittance advice.",
        attachments=[("remittance.pdf", "application/pdf", pdf_of(ADVICE))],
    )
    parsed = parse(raw)
    (attachment,) = parsed.attachments  # type: ignore[attr-defined]
    assert "INV-2026-0047 2026-10-05 830.50" in attachment.text.splitlines()
    assert "Total paid EUR 2,080.50" in attachment.text
    assert "INV-2026" not in parsed.new_text  # type: ignore[attr-defined]
    assert parsed.attachment_text == attachment.text  # type: ignore[attr-defined]
    assert parsed.defects == []  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("filename", "content_type"),
    [
        ("advice.csv", "text/csv"),
        ("advice.csv", "application/octet-stream"),
        ("a.txt", "text/plain"),
    ],
)
def test_csv_and_text_files_are_read_by_type_or_by_extension(
    filename: str, content_type: str
) -> None:
    data = "invoice;paid\r\nINV-2026-0012;1.250,00\r\n".encode("cp1252")
    raw = build_raw(attachments=[(filename, content_type, data)])
    (attachment,) = parse(raw).attachments  # type: ignore[attr-defined]
    assert attachment.text == "invoice;paid\nINV-2026-0012;1.250,00"


def test_images_and_other_files_are_listed_without_text() -> None:
    raw = build_raw(
        attachments=[
            ("scan.png", "image/png", b"\x89PNG\r\n"),
            ("x.docx", "application/zip", b"PK"),
        ]
    )
    assert [a.text for a in parse(raw).attachments] == ["", ""]  # type: ignore[attr-defined]
    assert readable_kind("application/octet-stream", "payment.PDF") == "pdf"
    assert readable_kind("application/octet-stream", "payment.exe") is None


def test_a_broken_pdf_is_a_defect_and_the_message_is_kept() -> None:
    broken = pdf_of(ADVICE)[:400]
    raw = build_raw(body="Remittance attached.", attachments=[("r.pdf", "application/pdf", broken)])
    parsed = parse(raw)
    assert parsed.attachments[0].text == ""  # type: ignore[attr-defined]
    assert any("'r.pdf': unreadable PDF" in d for d in parsed.defects)  # type: ignore[attr-defined]
    assert parsed.new_text == "Remittance attached."  # type: ignore[attr-defined]


def test_an_encrypted_pdf_is_not_read() -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_of(ADVICE))))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    text, defect, _ = attachment_text(out.getvalue(), "application/pdf", "locked.pdf")
    assert text == "" and defect == "attachment 'locked.pdf': encrypted PDF, text not read"


def test_only_the_first_pages_and_characters_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_PAGES", 2)
    text, *_ = attachment_text(pdf_of(["Page {page}"], pages=6), "application/pdf", "long.pdf")
    assert text.splitlines() == ["Page 1", "Page 2"]
    monkeypatch.setattr(reading, "MAX_CHARS", 10)
    text, *_ = attachment_text(b"a\n\nb   c\t\td\n" * 10, "text/plain", "x.txt")
    assert text == "a\nb c d\na"


def test_a_file_over_the_size_bound_is_listed_with_a_defect(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reading, "MAX_FILE_BYTES", 1000)
    raw = build_raw(attachments=[("big.pdf", "application/pdf", pdf_of(ADVICE * 20))])
    parsed = parse(raw)
    assert parsed.attachments[0].text == ""  # type: ignore[attr-defined]
    assert any("'big.pdf'" in d and "not read" in d for d in parsed.defects)  # type: ignore[attr-defined]


def test_only_the_first_files_of_a_message_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_FILES_READ", 2)
    files = [(f"f{n}.txt", "text/plain", f"file {n}".encode()) for n in range(4)]
    parsed = parse(build_raw(attachments=files))
    assert [a.text for a in parsed.attachments] == ["file 0", "file 1", "", ""]  # type: ignore[attr-defined]


def test_real_pdfs_of_the_corpora_are_read_or_named_in_a_defect(corpora: Path) -> None:
    """A PDF another project's tests attach (readable), and their broken one (a defect)."""
    readable = parse((corpora / "flanker/tests/fixtures/messages/attached-pdf.eml").read_bytes())
    assert readable.attachments[0].text == "Test."  # type: ignore[attr-defined]
    broken = corpora / "ruby-mail/spec/fixtures/emails/attachment_emails/attachment_pdf.eml"
    parsed = parse(broken.read_bytes())
    assert parsed.attachments[0].filename == "broken.pdf"  # type: ignore[attr-defined]
    assert parsed.defects == ["attachment 'broken.pdf': unreadable PDF (PdfStreamError)"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "content_type", "build"),
    [
        ("advice.xlsx", XLSX, workbook_of),
        ("advice.xlsx", "application/octet-stream", workbook_of),
        ("Zahlungsavis.XLS", XLS, xls_of),  # Excel 97-2003, as older ERPs export it
        ("Zahlungsavis.XLS", "application/octet-stream", xls_of),
    ],
)
def test_an_excel_remittance_advice_is_read_row_by_row(
    name: str, content_type: str, build: Callable[[list[list[object]], tuple[int, ...]], bytes]
) -> None:
    """Dates read as dates and money by the cell's format; .xls stores every number as a
    float, and a PO number there still reads whole."""
    rows: list[list[object]] = [
        ["Remittance advice", None, "Payment date", date(2026, 11, 13)],
        ["Invoice", "PO", "Paid"],
        ["INV-2026-0012", 7781, 1250],
        ["INV-2026-0047", None, 830.5],
    ]
    raw = build_raw(attachments=[(name, content_type, build(rows, (2,)))])
    (attachment,) = parse(raw).attachments  # type: ignore[attr-defined]
    assert attachment.text.splitlines() == [
        "Remittance advice Payment date 2026-11-13",
        "Invoice PO Paid",
        "INV-2026-0012 7781 1250.00",  # a whole number formatted as money reads as money
        "INV-2026-0047 830.50",
    ]


def test_a_broken_old_workbook_is_a_defect_and_prints_nothing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Cut short or with bytes overwritten anywhere: text or a defect, never an exception.

    xlrd writes its warnings to stdout unless given a log: a worker's output stays clean.
    """
    whole = xls_of([["INV-2026-0012", 1250.0]] * 40, (1,))
    broken = [whole[:cut] for cut in range(1, len(whole), 97)]
    broken += [whole[:at] + b"\xff" * 16 + whole[at + 16 :] for at in range(0, len(whole), 61)]
    found = [attachment_text(data, XLS, "advice.xls") for data in broken]  # nothing raises
    defects = {f.defect for f in found if f.defect}
    assert "attachment 'advice.xls': unreadable workbook (XLRDError)" in defects
    assert all(d.startswith("attachment 'advice.xls': unreadable workbook (") for d in defects)
    assert sum(bool(f.text) for f in found) > 0 and len(defects) > 1
    assert capsys.readouterr().out == ""


def test_a_broken_or_inflating_workbook_is_a_defect(monkeypatch: pytest.MonkeyPatch) -> None:
    text, defect, _ = attachment_text(b"PK\x03\x04 not a workbook", XLSX, "advice.xlsx")
    assert text == "" and defect == "attachment 'advice.xlsx': unreadable workbook (BadZipFile)"
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b" " * 60_000_000)  # 60 MB in 60 KB
    text, defect, _ = attachment_text(packed.getvalue(), XLSX, "bomb.xlsx")
    assert text == "" and defect == (
        "attachment 'bomb.xlsx': workbook unpacks to 60000000 bytes, text not read"
    )


def test_a_pdf_inside_a_winmail_dat_is_read_too() -> None:
    """Outlook's rich text wraps the advice in a winmail.dat: the PDF inside is read."""
    from tests.reliability.test_tnef_bomb import one_attachment, winmail

    tnef = winmail(one_attachment("Remittance.pdf", pdf_of(ADVICE)))
    raw = build_raw(attachments=[("winmail.dat", "application/ms-tnef", tnef)])
    (attachment,) = parse(raw).attachments  # type: ignore[attr-defined]
    assert attachment.filename == "Remittance.pdf"
    assert "INV-2026-0047 2026-10-05 830.50" in attachment.text.splitlines()
