"""Bad input through store + the pipeline's parse step: parsed or `failed` with a reason."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from agent.pipeline import process_message
from agent.schema import ParsedMessage, Triage
from arinbox.settings import Settings
from connectors.smtp_sender import build_email
from records.inbox import Draft, Message, MessageState
from records.store import store_raw_message
from tests.reliability.conftest import SOAK
from tests.utils.mail import build_raw

N_GENERATED = 10_000 if SOAK else 2_000


class StopAfterParse:
    """A model that is never reached unless parsing succeeded: it records and stops there."""

    name = "local"
    version = "parse-only"

    def __init__(self) -> None:
        self.reached = 0

    def triage(self, *args: object) -> Triage:
        self.reached += 1
        return Triage(intents=["other"], confidence=0.1)


def _through(session: Session, raw: bytes, settings: Settings) -> Message:
    """Store `raw` and take it through parsing (and, if it parses, the rest of the pipeline)."""
    message, _ = store_raw_message(session, raw, source="file")
    session.commit()
    if message.state == MessageState.received:
        process_message(session, message, model=StopAfterParse(), settings=settings)
    assert message.state not in (MessageState.received, MessageState.parsed), message.state
    if message.state == MessageState.failed:
        assert message.error and message.error.startswith("parse: "), message.error
    else:
        assert message.parsed is not None
        ParsedMessage.model_validate(message.parsed)
    return message


def test_every_corpus_file_is_stored_and_parsed_or_failed_with_a_reason(
    engine: Engine, settings: Settings, ledger: dict, corpora: Path
) -> None:
    files = sorted(p for p in corpora.rglob("*") if p.is_file())
    assert len(files) > 700
    failed = 0
    with Session(engine, expire_on_commit=False) as session:
        for path in files:
            failed += _through(session, path.read_bytes(), settings).state == "failed"
    assert failed < len(files)


# Pieces a broken message is made of: boundaries, charsets, encodings, nesting, truncation.
_HEADERS = st.lists(
    st.sampled_from(
        [
            b"From: =?utf-8?b?w6Q=?= <ap@acme.example>",
            b"From: <<@@>>;;",
            b"Subject: =?x-unknown?q?=FF?=",
            b"Subject: =?utf-8?q?Hi=0D=0ABcc:_evil@x.example?=",
            b"Subject: " + b"A" * 5000,
            b"X-Long: " + b"x " * 40000,
            b'Content-Type: text/plain; charset="utf-7"',
            b'Content-Type: text/plain; charset="x-made-up"',
            b"Content-Transfer-Encoding: base64",
            b"Content-Transfer-Encoding: quoted-printable",
            b"Authentication-Results: mx; spf=fail; dmarc=fail",
            b"Message-ID: <" + b"m" * 2000 + b">",
            b"Date: tomorrow",
        ]
    ),
    max_size=6,
)
_BODY = st.one_of(
    st.binary(max_size=300),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"=?=\r\n=ZZ", b"SGVsbG8=\r\n!!!", b"\xff\xfe\x00H\x00i", b"."]),
)


@st.composite
def broken_messages(draw: st.DrawFn) -> bytes:
    headers = draw(_HEADERS)
    boundary = draw(st.sampled_from([b"b1", b"", b'"', b"b" * 200]))
    depth = draw(st.integers(0, 60))
    parts = [b'Content-Type: multipart/mixed; boundary="' + boundary + b'"', *headers, b""]
    body = b""
    for _ in range(depth):  # deep nesting, each level with its own (maybe broken) boundary
        body += b"--" + boundary + b'\r\nContent-Type: multipart/mixed; boundary="' + boundary
        body += b'"\r\n\r\n'
    body += b"--" + boundary + b"\r\nContent-Type: text/plain\r\n\r\n" + draw(_BODY)
    if draw(st.booleans()):
        body += b"\r\n--" + boundary + b"--\r\n"
    raw = b"\r\n".join(parts) + b"\r\n" + body
    cut = draw(st.integers(0, len(raw)))  # truncated anywhere, or not at all
    return raw[:cut] if draw(st.booleans()) else raw


@pytest.mark.slow
def test_generated_malformed_messages_never_crash_the_pipeline(
    engine: Engine, settings: Settings, ledger: dict
) -> None:
    seen = {"parsed": 0, "failed": 0}

    @hyp_settings(
        max_examples=N_GENERATED,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(raw=broken_messages(), salt=st.integers(0, 10**9))
    def run(raw: bytes, salt: int) -> None:
        raw = raw + b"\r\n" + str(salt).encode()  # stored bytes are unique per example
        with Session(engine, expire_on_commit=False) as session:
            message = _through(session, raw, settings)
        seen["failed" if message.state == "failed" else "parsed"] += 1

    run()
    print(f"\nFIGURES generated: {seen}")
    assert sum(seen.values()) >= N_GENERATED * 0.9
    assert seen["parsed"] > 0 and seen["failed"] >= 0


def _fails_with(session: Session, raw: bytes, settings: Settings, words: str) -> None:
    message = _through(session, raw, settings)
    assert message.state == MessageState.failed and words in (message.error or ""), message.error


def test_limits(engine: Engine, settings: Settings, ledger: dict) -> None:
    settings.max_message_bytes = 2_000_000
    settings.max_attachments = 5
    settings.max_attachment_bytes = 100_000
    settings.max_header_bytes = 8_000
    with Session(engine, expire_on_commit=False) as session:
        big = build_raw(
            body="x" * 100, attachments=[("a.bin", "application/pdf", b"0" * 2_100_000)]
        )
        _fails_with(session, big, settings, "over the limit")
        long_header = build_raw(body="hi", headers={"X-Junk": "y " * 6000})
        _fails_with(session, long_header, settings, "headers are")
        many = build_raw(
            body="see files",
            attachments=[(f"f{i}.pdf", "application/pdf", b"%PDF") for i in range(12)],
        )
        kept = _through(session, many, settings)
        assert len(kept.parsed["attachments"]) == 5  # type: ignore[index]
        fat = build_raw(body="file", attachments=[("fat.pdf", "application/pdf", b"1" * 200_000)])
        assert _through(session, fat, settings).state != MessageState.failed
        # A zip bomb is never opened: it is a file of its stored size.
        bomb = io.BytesIO()
        with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("zeros.bin", b"\0" * 50_000_000)
        zipped = build_raw(body="zip", attachments=[("b.zip", "application/zip", bomb.getvalue())])
        parsed = _through(session, zipped, settings).parsed
        assert parsed is not None
        assert [a["size"] for a in parsed["attachments"]] == [len(bomb.getvalue())]


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "..\\..\\boot.ini", "/abs/evil.pdf", "a\x00b\r\n.pdf", "C:\\x\\y.pdf"],
)
def test_attachment_names_are_cleaned(
    engine: Engine, settings: Settings, ledger: dict, name: str
) -> None:
    raw = build_raw(body="file", attachments=[("x.pdf", "application/pdf", b"%PDF")])
    raw = raw.replace(b'filename="x.pdf"', b'filename="' + name.encode("latin-1") + b'"')
    with Session(engine, expire_on_commit=False) as session:
        parsed = _through(session, raw, settings).parsed
    assert parsed is not None
    (cleaned,) = [a["filename"] for a in parsed["attachments"]]
    assert "/" not in cleaned and "\\" not in cleaned and ".." not in cleaned
    assert not any(ord(ch) < 32 for ch in cleaned)


def test_cr_lf_from_a_buyer_never_reaches_an_outgoing_header(settings: Settings) -> None:
    draft = Draft(
        message_id=1,
        to_addr="ap@acme.example\r\nBcc: victim@evil.example",
        cc_addrs=["x@acme.example\nBcc: more@evil.example"],
        subject="Re: hello\r\nBcc: victim@evil.example\r\n\r\nInjected body",
        body="Dear Jane",
        outgoing_message_id="<1@northwind.example>",
    )
    settings.ar_display_name = "AR\r\nBcc: inside@evil.example"
    msg = build_email(draft, [], settings)
    wire = msg.as_bytes()
    head = wire.split(b"\n\n", 1)[0]
    lines = head.split(b"\n")
    assert not any(line.lower().startswith((b"bcc:", b"injected")) for line in lines), lines
    assert b"Injected body" not in wire.split(b"\n\n", 1)[1]
    assert msg["Bcc"] is None
    for key in ("Subject", "To", "Cc", "From"):
        assert "\r" not in str(msg[key]) and "\n" not in str(msg[key])


def test_a_buyer_subject_with_cr_lf_gives_a_one_line_draft_subject(
    engine: Engine, model_settings: Settings, ledger: dict
) -> None:
    from agent.local.model import load_local_model
    from agent.worker import process_pending

    raw = build_raw(body="Please send a copy of invoice INV-2026-0012. Jane")
    evil = b"Subject: =?utf-8?q?INV-2026-0012=0D=0ABcc:_victim@evil.example?="
    raw = b"\n".join(evil if line.startswith(b"Subject:") else line for line in raw.split(b"\n"))
    with Session(engine) as session:
        store_raw_message(session, raw, source="file")
        session.commit()
    process_pending(engine, model=load_local_model(model_settings), settings=model_settings)
    with Session(engine) as session:
        draft = session.exec(select(Draft)).one()
        assert "\r" not in draft.subject and "\n" not in draft.subject, draft.subject
        draft.outgoing_message_id = "<2@northwind.example>"
        head = build_email(draft, [], model_settings).as_bytes().split(b"\n\n", 1)[0]
    assert not any(line.lower().startswith(b"bcc:") for line in head.split(b"\n"))
