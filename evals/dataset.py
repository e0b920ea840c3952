"""Eval datasets (DOMAIN.md "Eval dataset format"): loading, validation, RFC 822, hashing."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from agent.schema import DISPUTE_REASONS, INTENTS

EXPECTED_KEYS = (
    "intents",
    "account",
    "invoices",
    "promise",
    "dispute_reason",
    "dunning_paused",
    "language",
    "needs_human",
)


class DatasetError(ValueError):
    """The dataset folder is not in the DOMAIN.md format; the message says where and why."""


@dataclass
class Case:
    """One labelled message: the e-mail (inline or as an .eml file) and what should happen."""

    id: str
    received_at: datetime
    expected: dict[str, Any]
    email: dict[str, Any] | None = None
    eml: Path | None = None
    tags: list[str] = field(default_factory=list)
    provenance: Any = None
    line: int = 0

    @property
    def language(self) -> str | None:
        """The buyer's language as labelled."""
        value = self.expected.get("language")
        return str(value) if value else None

    def raw(self) -> bytes:
        """The message as RFC 822 bytes, the way the IMAP listener would store it."""
        if self.eml is not None:
            return self.eml.read_bytes()
        assert self.email is not None  # validated on load
        return email_to_rfc822(self.email, received_at=self.received_at, case_id=self.id)


@dataclass
class Dataset:
    path: Path
    ledger: dict[str, Any]
    cases: list[Case]
    hash: str

    @property
    def name(self) -> str:
        return self.path.name


def load_dataset(path: Path) -> Dataset:
    """Read and validate a dataset folder; a `DatasetError` names the file and line at fault."""
    path = Path(path)
    if not path.is_dir():
        raise DatasetError(f"{path}: not a folder (a dataset is a folder with ledger.json)")
    ledger_file = path / "ledger.json"
    cases_file = path / "cases.jsonl"
    for needed in (ledger_file, cases_file):
        if not needed.is_file():
            raise DatasetError(f"{needed}: missing")
    try:
        ledger = json.loads(ledger_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DatasetError(f"{ledger_file}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    if not isinstance(ledger, dict) or not isinstance(ledger.get("accounts"), list):
        raise DatasetError(f"{ledger_file}: expected an object with an 'accounts' list")
    cases: list[Case] = []
    seen: set[str] = set()
    text = cases_file.read_text(encoding="utf-8")
    for lineno, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{cases_file}:{lineno}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{where}: not valid JSON ({exc.msg})") from exc
        case = _case(data, path, where, lineno)
        if case.id in seen:
            raise DatasetError(f"{where}: duplicate case id {case.id!r}")
        seen.add(case.id)
        cases.append(case)
    if not cases:
        raise DatasetError(f"{cases_file}: no cases")
    return Dataset(path=path, ledger=ledger, cases=cases, hash=dataset_hash(path))


def _case(data: Any, root: Path, where: str, lineno: int) -> Case:
    if not isinstance(data, dict):
        raise DatasetError(f"{where}: a case must be a JSON object")
    case_id = data.get("id")
    if not isinstance(case_id, str) or not case_id:
        raise DatasetError(f"{where}: 'id' must be a non-empty string")
    where = f"{where} ({case_id})"
    received_at = _datetime(data.get("received_at"), f"{where}: received_at")
    email, eml = data.get("email"), data.get("eml")
    if (email is None) == (eml is None):
        raise DatasetError(f"{where}: give exactly one of 'email' or 'eml'")
    eml_path: Path | None = None
    if eml is not None:
        eml_path = (root / str(eml)).resolve()
        if not eml_path.is_relative_to(root.resolve()) or not eml_path.is_file():
            raise DatasetError(f"{where}: eml {eml!r} is not a file inside the dataset")
    else:
        _check_email(email, where)
    expected = data.get("expected")
    if not isinstance(expected, dict):
        raise DatasetError(f"{where}: 'expected' must be an object")
    _check_expected(expected, where)
    tags = data.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise DatasetError(f"{where}: 'tags' must be a list of strings")
    return Case(
        id=case_id,
        received_at=received_at,
        expected=expected,
        email=email,
        eml=eml_path,
        tags=tags,
        provenance=data.get("provenance"),
        line=lineno,
    )


def _datetime(value: Any, where: str) -> datetime:
    if not isinstance(value, str):
        raise DatasetError(f"{where} must be an ISO 8601 string")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise DatasetError(f"{where}: {value!r} is not ISO 8601") from exc
    if moment.tzinfo is None:
        raise DatasetError(f"{where}: {value!r} needs a timezone offset")
    return moment


def _check_email(email: Any, where: str) -> None:
    if not isinstance(email, dict):
        raise DatasetError(f"{where}: 'email' must be an object")
    for key in ("from", "body"):
        if not isinstance(email.get(key), str):
            raise DatasetError(f"{where}: email.{key} must be a string")
    for i, att in enumerate(email.get("attachments") or []):
        if not isinstance(att, dict) or not att.get("filename"):
            raise DatasetError(f"{where}: email.attachments[{i}] needs a filename")
        content_type = att.get("content_type", "application/octet-stream")
        if "/" not in str(content_type):
            raise DatasetError(f"{where}: email.attachments[{i}].content_type {content_type!r}")


def _check_expected(expected: dict[str, Any], where: str) -> None:
    intents = expected.get("intents")
    if not isinstance(intents, list) or not intents:
        raise DatasetError(f"{where}: expected.intents must be a non-empty list")
    for intent in intents:
        if intent not in INTENTS:
            raise DatasetError(f"{where}: unknown intent {intent!r} (one of {', '.join(INTENTS)})")
    reason = expected.get("dispute_reason")
    if reason is not None and reason not in DISPUTE_REASONS:
        raise DatasetError(f"{where}: unknown dispute_reason {reason!r}")
    invoices = expected.get("invoices", [])
    if not isinstance(invoices, list):
        raise DatasetError(f"{where}: expected.invoices must be a list")
    promise = expected.get("promise")
    if promise is not None:
        if not isinstance(promise, dict):
            raise DatasetError(f"{where}: expected.promise must be an object or null")
        if promise.get("date") is not None:
            try:
                date.fromisoformat(str(promise["date"]))
            except ValueError as exc:
                raise DatasetError(f"{where}: expected.promise.date {promise['date']!r}") from exc
        if promise.get("amount") is not None:
            try:
                Decimal(str(promise["amount"]))
            except InvalidOperation as exc:
                raise DatasetError(
                    f"{where}: expected.promise.amount {promise['amount']!r}"
                ) from exc
    for key in ("dunning_paused", "needs_human"):
        if key in expected and not isinstance(expected[key], bool):
            raise DatasetError(f"{where}: expected.{key} must be true or false")


def email_to_rfc822(email: dict[str, Any], *, received_at: datetime, case_id: str = "") -> bytes:
    """Build the RFC 822 bytes of a dataset `email` object with the standard library.

    Attachments get a small placeholder payload of the declared type; the Message-ID is
    derived from the case id so re-runs produce the same bytes.
    """
    msg = EmailMessage()
    msg["From"] = email["from"]
    msg["To"] = _addresses(email.get("to")) or "ar@northwind.example"
    if email.get("cc"):
        msg["Cc"] = _addresses(email["cc"])
    msg["Subject"] = email.get("subject", "")
    msg["Date"] = format_datetime(received_at)
    digest = hashlib.sha256(f"{case_id}\0{email['from']}".encode()).hexdigest()[:20]
    msg["Message-ID"] = email.get("message_id") or f"<eval-{digest}@arinbox.eval>"
    if email.get("in_reply_to"):
        msg["In-Reply-To"] = email["in_reply_to"]
        msg["References"] = email.get("references") or email["in_reply_to"]
    for key, value in (email.get("headers") or {}).items():
        if key.lower() in {"from", "to", "cc", "subject", "date", "message-id"}:
            del msg[key]
        msg[key] = str(value)
    msg.set_content(email["body"])
    if email.get("html"):
        msg.add_alternative(email["html"], subtype="html")
    for att in email.get("attachments") or []:
        content_type = str(att.get("content_type") or "application/octet-stream")
        maintype, subtype = content_type.split("/", 1)
        payload = placeholder_payload(content_type, att["filename"])
        if maintype == "text":
            msg.add_attachment(payload.decode(), subtype=subtype, filename=att["filename"])
        else:
            msg.add_attachment(
                payload, maintype=maintype, subtype=subtype, filename=att["filename"]
            )
    # Fixed boundaries: the same case always gives the same bytes (and the same hash).
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"==arinbox-eval-{digest}-{i}==")
    return msg.as_bytes()


def _addresses(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value or "")


def placeholder_payload(content_type: str, filename: str) -> bytes:
    """A few bytes that look like the declared type (enough for sniffing, not for reading)."""
    if content_type == "application/pdf":
        return b"%PDF-1.4\n% placeholder " + filename.encode() + b"\n%%EOF\n"
    if content_type.startswith("image/png"):
        return b"\x89PNG\r\n\x1a\n" + b"\0" * 16
    if content_type.startswith(("image/jpeg", "image/jpg")):
        return b"\xff\xd8\xff\xe0" + b"\0" * 16 + b"\xff\xd9"
    if content_type.startswith("text/"):
        return f"placeholder for {filename}\n".encode()
    return b"placeholder " + filename.encode()


def dataset_hash(path: Path) -> str:
    """sha256 over ledger.json, cases.jsonl and the emails/ files, in sorted order."""
    path = Path(path)
    files = [path / "ledger.json", path / "cases.jsonl"]
    emails = path / "emails"
    if emails.is_dir():
        files += sorted(p for p in emails.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for file in files:
        digest.update(file.relative_to(path).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(file.read_bytes()).digest())
    return digest.hexdigest()
