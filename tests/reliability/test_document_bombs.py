"""A hostile PDF or workbook attached to a message: reading its text is bounded.

Each payload is a small file crafted here, aimed at what the format lets its sender
choose: a compressed stream that inflates to hundreds of megabytes, a page of a million
text operators, arrays nested deep, a declared length of gigabytes, thousands of pages; a
workbook whose sheet unpacks to hundreds of megabytes, or whose XML expands entities a
billion times. Each is read in a child process with a memory limit and a timeout, so a
reader that loops or grows without bound fails the test instead of hanging the run. A
file beyond the bounds is a defect on the message; the message itself is triaged like any
other.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable

import pytest
from openpyxl import Workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from agent.worker import process_pending
from arinbox.settings import Settings
from records.inbox import Message, MessageState
from records.store import store_raw_message
from tests.utils.bounded import read_in_a_child
from tests.utils.documents import XLSX
from tests.utils.mail import build_raw
from tests.utils.models import FixedTriage

BUDGET_S = 5.0  # the slowest payload reads in under half a second


def pdf(pages: list[bytes], *, compress: bool = True, declared: int | None = None) -> bytes:
    """A PDF whose pages have these content streams, written object by object."""
    count = len(pages)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids ["
        + b" ".join(f"{3 + 2 * n} 0 R".encode() for n in range(count))
        + f"] /Count {count} >>".encode(),
    ]
    font = f"{3 + 2 * count} 0 R".encode()
    for n, content in enumerate(pages):
        stream = zlib.compress(content, 9) if compress else content
        length = len(stream) if declared is None else declared
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] "
            + f"/Contents {4 + 2 * n} 0 R ".encode()
            + b"/Resources << /Font << /F1 "
            + font
            + b" >> >> >>"
        )
        objects.append(
            (b"<< /Filter /FlateDecode " if compress else b"<< ")
            + f"/Length {length} >>\nstream\n".encode()
            + stream
            + b"\nendstream"
        )
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    return out + f"startxref\n{xref}\n%%EOF\n".encode()


TEXT = b"BT /F1 12 Tf 10 10 Td (INV-2026-0012 1,250.00) Tj ET\n"
PAYLOADS: dict[str, Callable[[], bytes]] = {
    # 200 KB that inflate to 200 MB (pypdf's own bound is 75 MB per stream).
    "deflate bomb": lambda: pdf([TEXT + b" " * 200_000_000]),
    # 8 KB holding 700,000 text operators (pypdf's own bound: 8.5 s on one page).
    "a million operators": lambda: pdf([b"BT /F1 12 Tf " + b"(a) Tj " * 700_000 + b"ET"]),
    # Arrays opened 100,000 deep.
    "nested arrays": lambda: pdf([b"BT /F1 12 Tf " + b"[" * 100_000 + b" ET"], compress=False),
    # A stream that declares four gigabytes.
    "huge declared length": lambda: pdf([TEXT], compress=False, declared=4_000_000_000),
    # 3,000 pages of text: the first pages are read.
    "thousands of pages": lambda: pdf([TEXT] * 3_000),
}

CHILD = """
from agent.parse.attachment_text import attachment_text
data = sys.stdin.buffer.read()
started = time.perf_counter()
text, defect, _ = attachment_text(data, "application/pdf", "advice.pdf")
seconds = time.perf_counter() - started
tracemalloc.start()
attachment_text(data, "application/pdf", "advice.pdf")
print(json.dumps({"seconds": seconds, "text": text, "defect": defect,
                  "peak_bytes": tracemalloc.get_traced_memory()[1]}))
"""


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_a_hostile_pdf_is_read_within_bounds(name: str) -> None:
    # The timeout is far above BUDGET_S: only a reader that does not stop gets there.
    result = read_in_a_child(CHILD, PAYLOADS[name](), timeout_s=60)
    assert result["seconds"] < BUDGET_S, result
    assert result["peak_bytes"] < 100_000_000, result
    if name in ("deflate bomb", "a million operators"):
        assert result["defect"] == "attachment 'advice.pdf': unreadable PDF (LimitReachedError)"
        assert result["text"] == ""
    if name == "thousands of pages":  # the first five pages, nothing more
        assert result["text"].count("INV-2026-0012") == 5 and result["defect"] is None


LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + b"".join(
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10 if n > 1 else "&lol;" * 10}">'.encode()
        for n in range(1, 10)
    )
    + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
    b"</sheetData></worksheet>"
)


def workbook_with_sheet(sheet_xml: bytes) -> bytes:
    """A real workbook (openpyxl's own) whose first sheet's XML is replaced."""
    book = io.BytesIO()
    Workbook().save(book)
    out = io.BytesIO()
    with zipfile.ZipFile(book) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in source.infolist():
            sheet = item.filename == "xl/worksheets/sheet1.xml"
            zf.writestr(item.filename, sheet_xml if sheet else source.read(item.filename))
    return out.getvalue()


WORKBOOKS: dict[str, Callable[[], bytes]] = {
    # 10^9 "lol"s from a few hundred bytes of entities (defusedxml refuses entities).
    "billion laughs": lambda: workbook_with_sheet(LAUGHS),
    # A sheet of 200 MB of spaces in 200 KB.
    "inflating sheet": lambda: workbook_with_sheet(b" " * 200_000_000),
}
WORKBOOK_CHILD = CHILD.replace('"application/pdf", "advice.pdf"', f'"{XLSX}", "advice.xlsx"')


@pytest.mark.parametrize("name", list(WORKBOOKS))
def test_a_hostile_workbook_is_read_within_bounds(name: str) -> None:
    result = read_in_a_child(WORKBOOK_CHILD, WORKBOOKS[name](), timeout_s=60)
    assert result["seconds"] < BUDGET_S and result["peak_bytes"] < 100_000_000, result
    assert result["text"] == ""
    if name == "billion laughs":  # openpyxl wraps defusedxml's EntitiesForbidden
        assert result["defect"] == "attachment 'advice.xlsx': unreadable workbook (ValueError)"
    else:
        assert result["defect"].startswith("attachment 'advice.xlsx': workbook unpacks to 200")
        assert result["defect"].endswith(" bytes, text not read")


def test_the_pipeline_reads_each_bomb_and_carries_on(
    engine: Engine, settings: Settings, ledger: dict
) -> None:
    with Session(engine) as session:
        for name, build in PAYLOADS.items():
            raw = build_raw(
                subject=f"Remittance {name}",
                body="Please find attached our remittance advice.",
                attachments=[("advice.pdf", "application/pdf", build())],
            )
            store_raw_message(session, raw, source="file")
        session.commit()
    model = FixedTriage("payment_confirmation")
    assert process_pending(engine, model=model, settings=settings) == len(PAYLOADS)
    with Session(engine) as session:
        messages = list(session.exec(select(Message)))
    assert all(m.state != MessageState.failed for m in messages)
    bombed = [m for m in messages if any("LimitReachedError" in d for d in m.parsed["defects"])]
    assert {m.subject for m in bombed} >= {
        "Remittance deflate bomb",
        "Remittance a million operators",
    }
