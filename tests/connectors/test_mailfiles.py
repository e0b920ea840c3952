"""Reading messages from .eml files, folders, Maildir and mbox."""

from __future__ import annotations

import mailbox
from datetime import UTC, datetime
from pathlib import Path

from connectors.mailfiles import iter_raw_messages
from tests.utils.mail import build_raw


def _subjects(items: list[tuple[bytes, datetime | None]]) -> list[str]:
    out = []
    for raw, _ in items:
        for line in raw.splitlines():
            if line.startswith(b"Subject: "):
                out.append(line[9:].decode())
    return out


def test_single_eml_file_has_no_delivery_time(tmp_path: Path) -> None:
    path = tmp_path / "one.eml"
    raw = build_raw(subject="Invoice INV-1")
    path.write_bytes(raw)
    assert list(iter_raw_messages([path])) == [(raw, None)]


def test_directory_of_eml_files_in_name_order_and_nested(tmp_path: Path) -> None:
    (tmp_path / "b.eml").write_bytes(build_raw(subject="second"))
    (tmp_path / "a.eml").write_bytes(build_raw(subject="first"))
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.eml").write_bytes(build_raw(subject="third"))
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "README").write_bytes(b"Not a message.\n")
    (tmp_path / "mail_test_1").write_bytes(build_raw(subject="no extension"))
    assert _subjects(list(iter_raw_messages([tmp_path]))) == [
        "first",
        "second",
        "no extension",
        "third",
    ]


def test_maildir_reads_new_and_cur_with_delivery_time(tmp_path: Path) -> None:
    box = mailbox.Maildir(tmp_path / "Mail", create=True)
    box.add(build_raw(subject="unread"))
    kept = mailbox.MaildirMessage(build_raw(subject="read"))
    kept.set_subdir("cur")
    box.add(kept)
    (tmp_path / "Mail" / "tmp" / "123.partial").write_bytes(b"Subject: half-delivered\n\nx")
    items = list(iter_raw_messages([tmp_path / "Mail"]))
    assert sorted(_subjects(items)) == ["read", "unread"]
    for _, delivered in items:
        assert delivered is not None and delivered.tzinfo is not None
        assert abs((datetime.now(UTC) - delivered).total_seconds()) < 3600


def test_maildir_found_inside_a_plain_folder(tmp_path: Path) -> None:
    (tmp_path / "export").mkdir()
    box = mailbox.Maildir(tmp_path / "export" / "INBOX", create=True)
    box.add(build_raw(subject="inside"))
    assert _subjects(list(iter_raw_messages([tmp_path / "export"]))) == ["inside"]


def test_mbox_yields_each_message_with_from_line_time(tmp_path: Path) -> None:
    path = tmp_path / "archive"
    box = mailbox.mbox(path, create=True)
    for subject in ("one", "two"):
        message = mailbox.mboxMessage(build_raw(subject=subject, body="From now on we pay.\n"))
        message.set_from("ap@acme.example", (2026, 11, 16, 9, 12, 5, 0, 320, 0))
        box.add(message)
    box.flush()
    box.close()
    items = list(iter_raw_messages([path]))
    assert _subjects(items) == ["one", "two"]
    assert items[0][1] == datetime(2026, 11, 16, 9, 12, 5, tzinfo=UTC)
    assert not items[0][0].startswith(b"From ")


def test_missing_path_yields_nothing(tmp_path: Path) -> None:
    assert list(iter_raw_messages([tmp_path / "nope.eml"])) == []
