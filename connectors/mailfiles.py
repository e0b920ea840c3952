"""Messages from files: .eml files, folders of them, Maildir folders and mbox files."""

from __future__ import annotations

import logging
import mailbox
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

_EML_SUFFIXES = {".eml", ".msg"}
_MBOX_SUFFIXES = {".mbox", ".mbx", ".mbs"}
_FROM_LINE_DATE = re.compile(
    rb"(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    rb" +\d{1,2} \d{1,2}:\d{2}:\d{2} \d{4}"
)
_HEADER_START = re.compile(rb"[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]")
_MAILDIR_STAMP = re.compile(r"^(\d{9,11})\.")


def iter_raw_messages(paths: Iterable[Path]) -> Iterator[tuple[bytes, datetime | None]]:
    """Each message's raw bytes and, when the store records it, its delivery time."""
    for path in paths:
        path = Path(path)
        if is_maildir(path):
            yield from _maildir(path)
        elif path.is_dir():
            yield from _directory(path)
        elif path.is_file():
            yield from _file(path)
        else:
            log.warning("no such mail file or folder", extra={"path": str(path)})


def is_maildir(path: Path) -> bool:
    return path.is_dir() and (path / "cur").is_dir() and (path / "new").is_dir()


def _directory(folder: Path) -> Iterator[tuple[bytes, datetime | None]]:
    """Every message below `folder`: Maildirs, mbox files and single-message files."""
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") and not is_maildir(child):
            continue  # hidden files; Maildir++ subfolders (".Sent") are Maildirs and kept
        if is_maildir(child):
            yield from _maildir(child)
        elif child.is_dir():
            yield from _directory(child)
        elif child.is_file() and _looks_like_mail(child):
            yield from _file(child)


def _looks_like_mail(path: Path) -> bool:
    """.eml/.msg/.mbox files, and name-only files that start like a message or an mbox."""
    suffix = path.suffix.lower()
    if suffix in _EML_SUFFIXES | _MBOX_SUFFIXES:
        return True
    if suffix:
        return False
    with path.open("rb") as handle:
        head = handle.read(200).lstrip()
    return head.startswith(b"From ") or bool(_HEADER_START.match(head))


def _file(path: Path) -> Iterator[tuple[bytes, datetime | None]]:
    if path.suffix.lower() in _MBOX_SUFFIXES or _is_mbox(path):
        yield from _mbox(path)
    else:
        yield path.read_bytes(), None


def _is_mbox(path: Path) -> bool:
    """An mbox starts with a "From " separator line (a single message never does)."""
    with path.open("rb") as handle:
        head = handle.read(5)
    return head == b"From "


def _maildir(folder: Path) -> Iterator[tuple[bytes, datetime | None]]:
    """new/ and cur/ (tmp/ holds messages still being delivered, so it is left alone)."""
    for sub in ("new", "cur"):
        for item in sorted((folder / sub).iterdir()):
            if item.is_file() and not item.name.startswith("."):
                yield item.read_bytes(), _maildir_time(item)
    for child in sorted(folder.iterdir()):
        if child.name.startswith(".") and is_maildir(child):
            yield from _maildir(child)


def _maildir_time(item: Path) -> datetime:
    """Delivery time: the Unix time a Maildir file name starts with, else its mtime."""
    stamp = _MAILDIR_STAMP.match(item.name)
    seconds = int(stamp.group(1)) if stamp else item.stat().st_mtime
    return datetime.fromtimestamp(seconds, tz=UTC)


def _mbox(path: Path) -> Iterator[tuple[bytes, datetime | None]]:
    box = mailbox.mbox(path, create=False)
    try:
        for key in box.iterkeys():
            data = box.get_bytes(key, from_=True)
            first, _, rest = data.partition(b"\n")
            if not first.startswith(b"From "):
                yield data, None
                continue
            yield rest, _from_line_time(first)
    finally:
        box.close()


def _from_line_time(line: bytes) -> datetime | None:
    """The delivery time in an mbox "From sender Mon Jan  2 10:00:00 2026" line (UTC)."""
    found = _FROM_LINE_DATE.search(line)
    if found is None:
        return None
    text = b" ".join(found.group(0).split()).decode("ascii")
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %Y").replace(tzinfo=UTC)
    except ValueError:
        return None
