"""Labelled examples for the local model, read from an eval dataset split.

Each case goes through the same parser as live mail, so the model learns from the text
it will see at run time: the buyer's new text, apart from the quoted reminder.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from agent.schema import INTENTS, ParsedMessage
from arinbox.settings import Settings

log = logging.getLogger(__name__)

# evals/datasets/arinbox/ at the repository root: the labelled splits the model learns from.
DATASET_DIR = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "arinbox"
# Hand-written sets beside it, phrased independently of the phrasebooks that generate the
# splits: they train the model too, weighted up, because they are closer to how buyers
# really write than any template. The sealed `holdout` set never trains anything.
WRITTEN_SETS = (
    "written-en",
    "written-eu",
    "written2-en",
    "written2-eu",
    "written3-en",
    "written3-eu",
    "written4-en",
    "written4-eu",
    "written5-en",
    "written5-fr",
    "written6-it",
    "written6-fr",
    "probe-en",
    "probe-eu",
)
WRITTEN_WEIGHT = 2.0


class CorpusError(ValueError):
    """A training split is missing or malformed; the message says which file and line."""


@dataclass(frozen=True)
class Example:
    """One labelled message as the model reads it."""

    id: str
    subject: str
    text: str
    intents: tuple[str, ...]
    language: str | None = None
    dispute_reason: str | None = None
    parsed_language: str | None = None
    auto_reply_flag: bool = False
    weight: float = 1.0  # how much the example counts when fitting
    expected: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


def written_dirs(dataset_dir: Path = DATASET_DIR) -> list[Path]:
    """The hand-written training sets next to `dataset_dir` that exist, in a stable order."""
    root = dataset_dir.parent
    return [root / name for name in WRITTEN_SETS if (root / name / "cases.jsonl").is_file()]


def split_files(folder: Path) -> list[Path]:
    """The files a split consists of, in a stable order (for hashing)."""
    files = [folder / "cases.jsonl"]
    emails = folder / "emails"
    if emails.is_dir():
        files += sorted(p for p in emails.rglob("*") if p.is_file())
    return files


def hash_files(files: Iterable[Path], salt: str = "") -> str:
    """sha256 over file names and contents (and `salt`), hex."""
    digest = hashlib.sha256(salt.encode())
    for path in files:
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() if path.is_file() else b"<missing>")
    return digest.hexdigest()


def load_split(folder: Path, settings: Settings) -> list[Example]:
    """Every case of one split folder (cases.jsonl and its emails/), parsed."""
    cases_file = folder / "cases.jsonl"
    if not cases_file.is_file():
        raise CorpusError(f"{cases_file}: missing (the local model trains on this split)")
    from agent.parse import ParseError

    examples = []
    for lineno, line in enumerate(cases_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
            examples.append(_example(case, folder, settings))
        except ParseError as exc:
            # The parser refuses it in production too: nothing to learn from, keep going.
            where = {"file": str(cases_file), "line": lineno, "reason": str(exc)}
            log.warning("unparseable training case skipped", extra=where)
        except (KeyError, ValueError, TypeError, OSError) as exc:
            raise CorpusError(f"{cases_file}:{lineno}: {exc}") from exc
    return examples


def _example(case: dict[str, Any], folder: Path, settings: Settings) -> Example:
    from agent.parse import parse_message

    received_at = datetime.fromisoformat(case["received_at"])
    if case.get("eml"):
        raw = (folder / case["eml"]).read_bytes()
    else:
        raw = _rfc822(case["email"], received_at)
    parsed = parse_message(raw, received_at=received_at, settings=settings)
    return example_from_parsed(str(case["id"]), parsed, case["expected"])


def example_from_parsed(case_id: str, parsed: ParsedMessage, expected: dict[str, Any]) -> Example:
    """An Example from a parsed message and its `expected` labels (DOMAIN.md format)."""
    intents = tuple(i for i in INTENTS if i in set(expected.get("intents") or []))
    return Example(
        id=case_id,
        subject=parsed.subject,
        text=parsed.new_text,
        intents=intents,
        language=expected.get("language"),
        dispute_reason=expected.get("dispute_reason"),
        parsed_language=parsed.language,
        auto_reply_flag=parsed.auto_reply or parsed.bounce,
        expected=expected,
    )


def _rfc822(email: dict[str, Any], received_at: datetime) -> bytes:
    """A dataset `email` object as RFC 822 bytes (attachments only named: the text matters)."""
    msg = EmailMessage()
    msg["From"] = email["from"]
    to = email.get("to") or "ar@northwind.example"
    msg["To"] = ", ".join(to) if isinstance(to, list) else to
    msg["Subject"] = email.get("subject", "")
    msg["Date"] = format_datetime(received_at)
    for key, value in (email.get("headers") or {}).items():
        if key.lower() not in {"from", "to", "subject", "date"}:
            msg[key] = str(value)
    msg.set_content(email.get("body", ""))
    if email.get("html"):
        msg.add_alternative(email["html"], subtype="html")
    for att in email.get("attachments") or []:
        maintype, _, subtype = str(att.get("content_type", "application/octet-stream")).partition(
            "/"
        )
        msg.add_attachment(b"", maintype=maintype, subtype=subtype or "octet-stream",
                           filename=att.get("filename", "attachment"))  # fmt: skip
    return msg.as_bytes()
