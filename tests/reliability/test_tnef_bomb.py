"""A hostile winmail.dat: reading it is bounded in time, memory and files listed.

Each payload is a few bytes to a few megabytes crafted here, every one aimed at a count
the format lets the sender choose: lengths, property and value counts, attributes,
attachments, nesting, a compressed body's declared size. Each is read in a child process
with a memory limit and a timeout, so a parser that loops or grows without bound fails
the test instead of hanging the run or swapping the machine.
"""

from __future__ import annotations

import struct
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from agent.parse.tnef import MAX_FILES
from agent.schema import ParsedMessage
from agent.worker import process_pending
from arinbox.settings import Settings
from records.inbox import Message, MessageState, TriageResult
from records.store import store_raw_message
from tests.utils.bounded import read_in_a_child
from tests.utils.mail import build_raw
from tests.utils.models import FixedTriage

BUDGET_S = 5.0  # the slowest payload reads in well under a second

# --- the format, as a sender can write it (MS-OXTNEF) ------------------------------------

SIGNATURE = struct.pack("<IH", 0x223E9F78, 0x0001)
MESSAGE, ATTACHMENT = 1, 2
IMESSAGE = b"\x07\x03\x02\x00\x00\x00\x00\x00\xc0\x00\x00\x00\x00\x00\x00\x46"


def attribute(level: int, name: int, payload: bytes, *, declared: int | None = None) -> bytes:
    """One TNEF attribute; `declared` is the length written, whatever the payload is."""
    length = len(payload) if declared is None else declared
    checksum = sum(payload) & 0xFFFF
    return struct.pack("<BHHI", level, name, 0x0006, length) + payload + struct.pack("<H", checksum)


def counted(kind: int, tag: int, value: bytes) -> bytes:
    """A MAPI property holding one counted, padded byte string."""
    return struct.pack("<HHII", kind, tag, 1, len(value)) + value + b"\0" * (-len(value) % 4)


def mapi(*props: bytes) -> bytes:
    return struct.pack("<I", len(props)) + b"".join(props)


def winmail(*attributes: bytes) -> bytes:
    version = attribute(MESSAGE, 0x9006, struct.pack("<I", 0x10000))
    return SIGNATURE + version + b"".join(attributes)


def one_attachment(name: str, data: bytes) -> bytes:
    return (
        attribute(ATTACHMENT, 0x9002, b"\0" * 14)  # rendering data: starts an attachment
        + attribute(ATTACHMENT, 0x8010, name.encode() + b"\0")
        + attribute(ATTACHMENT, 0x800F, data)
    )


def nested(depth: int) -> bytes:
    """A message whose one attachment is a message whose one attachment is ... `depth` deep."""
    inner = winmail(one_attachment("core.txt", b"x"))
    for _ in range(depth):
        embedded = counted(0x000D, 0x3701, IMESSAGE + inner)  # PR_ATTACH_DATA_OBJ
        inner = winmail(
            attribute(ATTACHMENT, 0x9002, b"\0" * 14),
            attribute(ATTACHMENT, 0x9005, mapi(embedded)),
        )
    return inner


def compressed_rtf_bomb() -> bytes:
    """PR_RTF_COMPRESSED whose header claims a 4 GB body (LZFu, MS-OXRTFCP)."""
    header = struct.pack("<IIII", 200, 0xFFFFFFF0, 0x75465A4C, 0)
    return winmail(
        attribute(MESSAGE, 0x9003, mapi(counted(0x0102, 0x1009, header + b"\xff" * 200)))
    )


PAYLOADS: dict[str, Callable[[], bytes]] = {
    # An attribute that says 4 GB and holds 100 bytes.
    "huge declared length": lambda: winmail(
        attribute(MESSAGE, 0x800C, b"x" * 100, declared=0xFFFFFFF0)
    ),
    # 36 bytes that declare four billion MAPI properties (tnefparse: hours of looping).
    "four billion properties": lambda: winmail(attribute(MESSAGE, 0x9003, b"\xff" * 4)),
    # A multi-valued short with four billion values (tnefparse: gigabytes of objects).
    "four billion values": lambda: winmail(
        attribute(MESSAGE, 0x9003, struct.pack("<IHHI", 1, 0x1002, 0x0001, 0xFFFFFFFF))
    ),
    # A recipient row with four billion properties.
    "recipient table": lambda: winmail(
        attribute(MESSAGE, 0x9004, struct.pack("<II", 1, 0xFFFFFFFF))
    ),
    # 200,000 empty attributes before a 3 MB body (tnefparse copies the rest at each one).
    "many attributes": lambda: winmail(
        attribute(MESSAGE, 0x0000, b"") * 200_000, attribute(MESSAGE, 0x800C, b"x" * 3_000_000)
    ),
    "compressed body claiming 4 GB": compressed_rtf_bomb,
    # 2,000 levels of embedded messages (tnefparse: RecursionError).
    "nested messages": lambda: nested(2_000),
    "thousands of attachments": lambda: winmail(
        *(one_attachment(f"file-{n}.pdf", b"%PDF") for n in range(5_000))
    ),
}

# Reads a payload from stdin under a memory limit and prints what was read, how fast, and
# the most memory the reading took, counted in a second reading (counting slows it down).
CHILD = """
from agent.parse.attachments import tnef_contents
data = sys.stdin.buffer.read()
started = time.perf_counter()
files, text, problem = tnef_contents(data)
seconds = time.perf_counter() - started
tracemalloc.start()
tnef_contents(data)
print(json.dumps({"seconds": seconds, "files": len(files), "text": len(text),
                  "problem": problem, "peak_bytes": tracemalloc.get_traced_memory()[1]}))
"""


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_a_hostile_winmail_dat_is_read_within_bounds(name: str) -> None:
    # The timeout is far above BUDGET_S: only a parser that does not stop gets there.
    result = read_in_a_child(CHILD, PAYLOADS[name](), timeout_s=30)
    assert result["seconds"] < BUDGET_S, result
    # What is kept is at most the size of the payload (5 MB at most) a few times over.
    assert result["peak_bytes"] < 40_000_000, result
    assert result["files"] <= MAX_FILES, result
    if name == "thousands of attachments":
        assert result["files"] == MAX_FILES
        assert result["problem"].endswith(
            f"winmail.dat holds 5000 files: the first {MAX_FILES} are listed"
        )
        # The PDFs inside are read like any attachment: the first five only ("%PDF" alone
        # is no PDF, so each is a defect).
        assert "'file-4.pdf': unreadable PDF" in result["problem"]
        assert "file-5.pdf" not in result["problem"]
    if name == "nested messages":  # the outer attachment is listed; what it embeds is not opened
        assert result["files"] == 1


def test_the_pipeline_reads_each_bomb_and_carries_on_with_the_next_message(
    engine: Engine, settings: Settings, ledger: dict
) -> None:
    bombs: list[int] = []
    ordinary: list[int] = []
    with Session(engine) as session:
        for n, (name, build) in enumerate(PAYLOADS.items()):
            raw = build_raw(
                subject=f"Invoice copy {n}",
                body="Please see the attached.",
                attachments=[("winmail.dat", "application/ms-tnef", build())],
            )
            bomb, _ = store_raw_message(session, raw, source="file")
            after, _ = store_raw_message(
                session,
                build_raw(subject=f"Question {n}", body=f"Could you send INV-2026-0012? ({name})"),
                source="file",
            )
            bombs.append(bomb.id or 0)
            ordinary.append(after.id or 0)
        session.commit()

    # A worker thread, so that a parser that never returns fails here instead of hanging.
    done: list[int] = []
    worker = threading.Thread(
        target=lambda: done.append(
            process_pending(engine, model=FixedTriage("other"), settings=settings)
        ),
        daemon=True,
    )
    started = time.monotonic()
    worker.start()
    worker.join(120)
    assert done == [2 * len(PAYLOADS)], f"the worker stopped after {time.monotonic() - started} s"

    with Session(engine) as session:
        for pk, name in zip(bombs, PAYLOADS, strict=True):
            message = session.get(Message, pk)
            assert message is not None
            if message.state == MessageState.failed:  # allowed, with the reason kept
                assert message.error, name
                continue
            assert message.state not in (MessageState.received, MessageState.parsed), name
            parsed = ParsedMessage.model_validate(message.parsed)
            assert len(parsed.attachments) <= settings.max_attachments, name
        many = session.get(Message, bombs[list(PAYLOADS).index("thousands of attachments")])
        assert many is not None and many.parsed is not None
        assert any("5000 files" in d for d in many.parsed["defects"])
        states = session.exec(select(Message.state).where(col(Message.id).in_(ordinary))).all()
        assert MessageState.failed not in states
        triaged = session.exec(
            select(TriageResult.message_id).where(col(TriageResult.message_id).in_(ordinary))
        ).all()
        assert sorted(triaged) == sorted(ordinary)
