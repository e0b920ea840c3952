"""Scanned and photographed documents read by OCR (Tesseract, run for real), within bounds.

Tesseract is a system package (`make test` installs it); without it these tests fail, as
the Dovecot tests do without Dovecot, rather than skip.
"""

from __future__ import annotations

import io
import random
import stat
import struct
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFilter
from pillow_heif import register_heif_opener

from agent.parse import attachment_text as reading
from agent.parse import parse_message
from agent.parse.attachment_text import MessageDocuments, OcrBudget, attachment_text
from agent.parse.ocr import Ocr, ocr_from_settings
from agent.schema import ParsedMessage
from arinbox.settings import Settings
from tests.utils.documents import ADVICE, page_image, pdf_of, photo_of, scanned_pdf_of
from tests.utils.mail import build_raw

NOW = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
PDF = "application/pdf"


@pytest.fixture
def ocr(settings: Settings) -> Ocr:
    found = ocr_from_settings(settings)
    assert found is not None, "Tesseract is not installed: run `make system-deps`"
    return found


def parsed_with(settings: Settings, *files: tuple[str, str, bytes]) -> ParsedMessage:
    raw = build_raw(
        subject="Remittance", body="Please find our advice attached.", attachments=list(files)
    )
    return parse_message(raw, received_at=NOW, settings=settings)


def fake_tesseract(tmp_path: Path, script: str, languages: str = "eng") -> str:
    """A program in Tesseract's place: lists its languages, then runs `script` on a page."""
    path = tmp_path / "tesseract"
    listed = "\\n".join(languages.split())
    path.write_text(
        f'#!/bin/sh\nif [ "$1" = --list-langs ]; then printf "List of languages:\\n{listed}\\n"; '
        f"exit 0; fi\n{script}\n"
    )
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def tsv_of(line: str, confidence: float = 96.5) -> str:
    """A shell command printing `line` as Tesseract's TSV output: one line of its words."""
    columns = "level page_num block_num par_num line_num word_num left top width height conf"
    rows = [[*columns.split(), "text"]]
    rows += [["5", "1", "1", "1", "1", str(n), "0", "0", "9", "9", str(confidence), word]
             for n, word in enumerate(line.split(), start=1)]  # fmt: skip
    table = "\\n".join("\\t".join(row) for row in rows)
    return f"printf '{table}\\n'"


def test_a_scanned_advice_is_read_by_ocr(settings: Settings, ocr: Ocr) -> None:
    """A PDF of one black-and-white image a page has no text layer: OCR reads its table."""
    assert pdf_of(ADVICE) != scanned_pdf_of(ADVICE)
    found = attachment_text(scanned_pdf_of(ADVICE), PDF, "scan.pdf", ocr=OcrBudget(ocr))
    assert found.by_ocr and found.defect is None
    assert "INV-2026-0012 2026-09-01 1,250.00" in found.text
    assert "INV-2026-0047 2026-10-05 830.50" in found.text
    assert "Total paid EUR 2,080.50" in found.text


def test_a_pdf_with_a_text_layer_is_not_read_by_ocr(ocr: Ocr) -> None:
    found = attachment_text(pdf_of(ADVICE), PDF, "advice.pdf", ocr=OcrBudget(ocr))
    assert not found.by_ocr and "INV-2026-0047" in found.text


@pytest.mark.parametrize(("name", "ctype", "image_format"), [
    ("IMG_2041.jpg", "image/jpeg", "JPEG"),
    ("advice.png", "image/png", "PNG"),
    ("fax.tif", "image/tiff", "TIFF"),
    ("IMG_2042.HEIC", "image/heic", "HEIF"),
    ("IMG_2043.heic", "application/octet-stream", "HEIF"),
])  # fmt: skip
def test_a_photographed_advice_is_read_from_the_message(
    settings: Settings, ocr: Ocr, name: str, ctype: str, image_format: str
) -> None:
    parsed = parsed_with(settings, (name, ctype, photo_of(ADVICE, image_format)))
    (photo,) = parsed.attachments
    assert photo.ocr and "INV-2026-0047 2026-10-05 830.50" in photo.text
    assert "INV-2026-0012" in parsed.attachment_text and not parsed.defects


@pytest.mark.parametrize("degrees", [90, 180, 270])
def test_a_page_scanned_sideways_or_upside_down_is_turned_first(ocr: Ocr, degrees: int) -> None:
    """Tesseract's orientation detection turns the page; read as it lies, it gave nothing
    (90, 270) or mirrored nonsense (180: "09°080'2 HN pled")."""
    assert ocr.orients, "Tesseract's orientation data (osd) is missing"
    turned = page_image(ADVICE).rotate(degrees, expand=True, fillcolor=255)
    text = ocr.read(turned).text
    assert "INV-2026-0047 2026-10-05 830.50" in text and "Total paid EUR 2,080.50" in text
    assert "INV-2026-0047" not in replace(ocr, orients=False).read(turned).text


def test_only_a_page_read_with_low_confidence_is_checked_for_orientation(
    settings: Settings, tmp_path: Path
) -> None:
    """An upright page costs one run; a doubtful one an orientation check, and a turned
    page a second reading, which is the text kept."""
    calls = tmp_path / "calls"
    first, turned = "Paid INV-1 EUR 100.00", "Paid INV-2 EUR 200.00"
    for confidence, expected, runs in ((96.5, first, 1), (41.0, turned, 3)):
        calls.unlink(missing_ok=True)
        settings.ocr_command = fake_tesseract(
            tmp_path,
            f'echo "$*" >> "{calls}"\n'
            f'case "$*" in *"--psm 0"*) printf "Rotate: 180\\nOrientation confidence: 6.1\\n";;\n'
            f'  *) if [ -f "{calls}.read" ]; then {tsv_of(turned)}; '
            f'else touch "{calls}.read"; {tsv_of(first, confidence)}; fi;; esac',
            languages="eng osd",
        )
        Path(f"{calls}.read").unlink(missing_ok=True)
        ocr = ocr_from_settings(settings)
        assert ocr is not None and ocr.orients
        assert ocr.read(page_image(["INV-1"])).text == expected
        assert len(calls.read_text().splitlines()) == runs


def test_a_phones_portrait_photograph_is_set_upright_by_its_exif(ocr: Ocr) -> None:
    """Stored sideways with the EXIF orientation 6 ("turn 90 degrees clockwise to view")."""
    stored = page_image(ADVICE).rotate(90, expand=True, fillcolor=255)
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    stored.save(out, "JPEG", exif=exif)
    found = attachment_text(
        out.getvalue(), "image/jpeg", "IMG.jpg", ocr=OcrBudget(replace(ocr, orients=False))
    )
    assert "INV-2026-0047 2026-10-05 830.50" in found.text


def test_an_iphones_heic_photograph_held_sideways_is_read_upright(ocr: Ocr) -> None:
    """HEIC keeps the camera's turn in the file (irot, and EXIF orientation 6); libheif
    applies it while decoding, and the page is not turned a second time."""
    register_heif_opener()
    stored = page_image(ADVICE).rotate(90, expand=True, fillcolor=255).convert("RGB")
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    stored.save(out, "HEIF", exif=exif.tobytes(), quality=60)
    found = attachment_text(
        out.getvalue(), "image/heic", "IMG.HEIC", ocr=OcrBudget(replace(ocr, orients=False))
    )
    assert "INV-2026-0047 2026-10-05 830.50" in found.text


def test_a_photograph_without_writing_is_no_document(settings: Settings, ocr: Ocr) -> None:
    """Damaged goods photographed for a dispute: OCR finds a few marks at low confidence
    ("= a. 7 E 1 N" at 55 %), which are no text, and no defect; a scanned PDF that gives
    no text says so."""
    rng = random.Random(7)
    photo = Image.new("RGB", (1600, 1200), (120, 100, 80))
    draw = ImageDraw.Draw(photo)
    for _ in range(60):
        x, y = rng.randrange(1600), rng.randrange(1200)
        box = (x, y, x + rng.randrange(40, 400), y + rng.randrange(40, 300))
        draw.rectangle(box, fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)))
    photo = photo.filter(ImageFilter.GaussianBlur(2))
    assert not ocr.read(photo).is_text
    jpeg, pdf = io.BytesIO(), io.BytesIO()
    photo.save(jpeg, "JPEG")
    photo.save(pdf, "PDF", resolution=150)
    parsed = parsed_with(
        settings, ("IMG_0042.jpg", "image/jpeg", jpeg.getvalue()), ("scan.pdf", PDF, pdf.getvalue())
    )
    assert [a.text for a in parsed.attachments] == ["", ""]
    assert parsed.defects == ["attachment 'scan.pdf': scanned PDF, OCR found no text"]


def test_a_large_phone_photograph_is_read(ocr: Ocr) -> None:
    """A 22-megapixel JPEG of 6 MB (over the 5 MB of other files) is read; decoded at half
    its size (JPEG's draft mode), the advice in it is still found."""
    page = page_image(ADVICE, dpi=400)
    photo = Image.new("L", (4032, 5376), 235)
    photo.paste(page, (300, 300))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=100, subsampling=0)
    data = out.getvalue() + b"\0" * max(0, 6_000_000 - len(out.getvalue()))  # a camera's padding
    assert len(data) > reading.MAX_FILE_BYTES
    found = attachment_text(data, "image/jpeg", "IMG_2041.jpg", ocr=OcrBudget(ocr))
    assert found.defect is None and "INV-2026-0047 2026-10-05 830.50" in found.text


def test_logos_and_icons_are_never_read(settings: Settings, tmp_path: Path) -> None:
    """A signature's images are too small to be a page: Tesseract is not even started."""
    calls = tmp_path / "calls"
    settings.ocr_command = fake_tesseract(tmp_path, f'echo page >> "{calls}"; exit 0')
    logo = photo_of(["ACME"], "PNG", size=(240, 80))
    banner = photo_of(["ACME"], "PNG", size=(900, 180))
    parsed = parsed_with(
        settings, ("image001.png", "image/png", logo), ("b.png", "image/png", banner)
    )
    assert [a.text for a in parsed.attachments] == ["", ""] and not parsed.defects
    assert not calls.exists()


def test_without_ocr_a_scan_is_a_defect_a_person_sees(settings: Settings) -> None:
    """Tesseract missing (or OCR switched off): the message is kept and says why."""
    for change in ({"ocr_command": "/nonexistent/tesseract"}, {"ocr": False}):
        off = settings.model_copy(update=change)
        parsed = parsed_with(off, ("scan.pdf", PDF, scanned_pdf_of(ADVICE)))
        assert parsed.attachments[0].text == ""
        assert parsed.defects == ["attachment 'scan.pdf': scanned PDF, no text layer (no OCR)"]


def test_only_installed_languages_are_asked_for(settings: Settings, tmp_path: Path) -> None:
    settings.ocr_command = fake_tesseract(tmp_path, "exit 0")
    assert ocr_from_settings(settings) == Ocr(settings.ocr_command, "eng", settings.ocr_timeout_s)
    assert ocr_from_settings(settings.model_copy(update={"ocr_languages": "deu+fra"})) is None


def test_a_hanging_or_failing_ocr_is_a_defect(settings: Settings, tmp_path: Path) -> None:
    scan = ("scan.pdf", PDF, scanned_pdf_of(ADVICE))
    settings.ocr_timeout_s = 0.5
    settings.ocr_command = fake_tesseract(tmp_path, "sleep 30")
    parsed = parsed_with(settings, scan)
    assert parsed.defects == ["attachment 'scan.pdf': OCR took over 0.5 s"]
    settings.ocr_command = fake_tesseract(tmp_path, 'echo "Error, unknown format" >&2; exit 1')
    parsed = parsed_with(settings, scan)
    assert parsed.defects == ["attachment 'scan.pdf': OCR failed: Error, unknown format"]
    assert parsed.attachments[0].text == ""


def test_ocr_stops_at_the_messages_budget(settings: Settings, tmp_path: Path) -> None:
    """Five page-sized photographs: three are read, the rest say they were not."""
    calls = tmp_path / "calls"
    paid = "Paid INV-1 EUR 100.00"
    settings.ocr_command = fake_tesseract(tmp_path, f'echo page >> "{calls}"; {tsv_of(paid)}')
    photo = photo_of(["INV-1"], "PNG", size=(600, 800))
    parsed = parsed_with(settings, *[(f"p{n}.png", "image/png", photo) for n in range(5)])
    assert [a.text for a in parsed.attachments] == [paid] * 3 + [""] * 2
    assert calls.read_text().count("page") == reading.MAX_OCR_IMAGES == 3
    assert parsed.defects == [
        f"attachment 'p{n}.png': not all pages read by OCR (3 a message)" for n in (3, 4)
    ]


def test_only_the_first_pages_of_a_scan_are_read(settings: Settings, tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    settings.ocr_command = fake_tesseract(
        tmp_path, f'echo page >> "{calls}"; {tsv_of("the scanned page text")}'
    )
    found = MessageDocuments(OcrBudget(ocr_from_settings(settings))).read(  # type: ignore[arg-type]
        scanned_pdf_of(ADVICE, pages=4), PDF, "scan.pdf"
    )
    assert found.text == "the scanned page text\nthe scanned page text" and found.by_ocr
    assert calls.read_text().count("page") == reading.MAX_OCR_PAGES == 2


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a giant image in a few bytes (a decompression bomb's header)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


@pytest.mark.parametrize("side", [10_000, 60_000])
def test_a_giant_image_is_never_decoded(settings: Settings, tmp_path: Path, side: int) -> None:
    """100 million pixels declared (Pillow warns) or 3.6 billion (Pillow refuses): skipped
    on the header, with no warning and no defect, and Tesseract is never started."""
    calls = tmp_path / "calls"
    settings.ocr_command = fake_tesseract(tmp_path, f'echo page >> "{calls}"')
    bomb = _png_header_only(side, side)
    parsed = parsed_with(settings, ("scan.png", "image/png", bomb))  # warnings are errors here
    assert parsed.attachments[0].text == "" and not parsed.defects and not calls.exists()
    ocr = ocr_from_settings(settings)
    assert ocr is not None
    found = attachment_text(bomb, "image/png", "scan.png", ocr=OcrBudget(ocr))
    assert found == ("", None, False) and not calls.exists()


def test_a_broken_image_of_page_size_is_a_defect(settings: Settings, tmp_path: Path) -> None:
    settings.ocr_command = fake_tesseract(tmp_path, "exit 0")
    truncated = photo_of(ADVICE, "PNG")[:4000]
    parsed = parsed_with(settings, ("scan.png", "image/png", truncated))
    assert parsed.attachments[0].text == ""
    assert parsed.defects == ["attachment 'scan.png': unreadable image (OSError)"]


def test_a_broken_heic_photograph_is_a_defect(settings: Settings, tmp_path: Path) -> None:
    """Cut short after its header (which says a page): a defect a collector sees."""
    settings.ocr_command = fake_tesseract(tmp_path, "exit 0")
    heic = photo_of(ADVICE, "HEIF")
    parsed = parsed_with(settings, ("IMG.heic", "image/heic", heic[: len(heic) // 2]))
    assert parsed.attachments[0].text == ""
    assert parsed.defects == ["attachment 'IMG.heic': unreadable image (ValueError)"]
