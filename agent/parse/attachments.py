"""Attachment names made safe to show and store, and the files inside a TNEF winmail.dat."""

from __future__ import annotations

import mimetypes
import re
import unicodedata

from agent.parse import attachment_text as documents
from agent.parse.charset import safe_text
from agent.parse.tnef import TnefError, read_tnef
from agent.schema import AttachmentInfo

MAX_NAME = 180
_SEPARATORS = re.compile(r"[\\/]+")
_UNSAFE = re.compile(r'[<>:"|?*]')


def clean_filename(name: str | None, index: int, content_type: str) -> str:
    """A file name with no directory, traversal, control or reserved characters."""
    text = unicodedata.normalize("NFC", name or "")
    text = "".join(ch for ch in text if unicodedata.category(ch) not in {"Cc", "Cf", "Cs"})
    text = _SEPARATORS.split(text)[-1]  # keep the last path component only
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split()).strip(" .")
    if len(text) > MAX_NAME:
        stem, dot, ext = text.rpartition(".")
        ext = ext if dot and len(ext) <= 10 else ""
        text = (stem if ext else text)[: MAX_NAME - len(ext) - 1].rstrip(" .")
        text = f"{text}.{ext}" if ext else text
    if not text:
        ext = mimetypes.guess_extension(content_type) or ".bin"
        text = f"attachment-{index}{ext}"
    return text


def tnef_contents(
    data: bytes, reader: documents.MessageDocuments | None = None
) -> tuple[list[AttachmentInfo], str, str | None]:
    """(files, body text, problem) of a winmail.dat; problem is a defect to record.

    Unreadable: no files and why. More files than MAX_FILES: the first ones and how many.
    The text of the documents inside (an Outlook user's remittance advice) is read like
    that of any attachment, within the message's limits (`reader`; a winmail.dat read on
    its own has limits of its own).
    """
    reader = reader if reader is not None else documents.MessageDocuments()
    try:
        tnef = read_tnef(data)
    except TnefError as exc:
        return [], "", f"unreadable winmail.dat: {exc}"[:200]
    files: list[AttachmentInfo] = []
    problems: list[str] = []
    for n, item in enumerate(tnef.files, start=1):
        ctype = mimetypes.guess_type(item.name)[0] or "application/octet-stream"
        name = clean_filename(item.name, n, ctype)
        found = reader.read(item.data, ctype, name)
        problems += [found.defect] if found.defect else []
        files.append(
            AttachmentInfo(
                filename=name, content_type=ctype, size=item.size, text=found.text, ocr=found.by_ocr
            )
        )
    if tnef.files_total > len(files):
        problems.append(
            f"winmail.dat holds {tnef.files_total} files: the first {len(files)} are listed"
        )
    return files, safe_text(tnef.body).strip(), "; ".join(problems)[:500] or None
