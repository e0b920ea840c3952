"""The SMTP sender against aiosmtpd, with its copy and recovery through a real Dovecot."""

from __future__ import annotations

import email
from email import policy
from email.message import EmailMessage

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from arinbox.settings import Settings
from connectors.mailboxes import MailboxConfig
from connectors.smtp_sender import Sender, SmtpConfig, build_email, refusal_reason
from records.inbox import Draft, DraftAttachment, DraftState, Message, MessageState
from records.store import store_raw_message
from tests.connectors.conftest import DovecotServer, SmtpServer
from tests.utils.mail import build_raw

PDF = b"%PDF-1.4\n% test invoice copy\n%%EOF\n"


def _draft(
    engine: Engine,
    *,
    to: str = "Jane Doe <ap@acme.example>",
    subject: str = "Re: Invoice INV-1001",
    parsed: dict | None = None,
    attach: bool = True,
    outgoing: str | None = "<reply-1@northwind.example>",
) -> int:
    with Session(engine, expire_on_commit=False) as session:
        message, _ = store_raw_message(
            session,
            build_raw(message_id="<q1@acme.example>", subject="Invoice INV-1001"),
            source="imap",
        )
        message.state = MessageState.approved
        message.parsed = parsed
        session.add(message)
        session.flush()
        draft = Draft(
            message_id=message.id or 0,
            state=DraftState.approved,
            to_addr=to,
            subject=subject,
            body="Dear Jane,\n\nplease find the copy of INV-1001 attached.\n",
            outgoing_message_id=outgoing,
            in_reply_to="<q1@acme.example>",
            references=["<q0@acme.example>"],
        )
        session.add(draft)
        session.flush()
        if attach:
            session.add(
                DraftAttachment(draft_id=draft.id or 0, filename="INV-1001.pdf", content=PDF)
            )
        session.commit()
        return draft.id or 0


def _sender(
    engine: Engine,
    settings: Settings,
    smtp_server: SmtpServer,
    mailbox: MailboxConfig | None,
) -> Sender:
    return Sender(
        engine,
        settings,
        smtp=SmtpConfig(host=smtp_server.host, port=smtp_server.port, tls="none"),
        mailboxes=[mailbox] if mailbox else [],
        backoff_initial_s=0.01,
        backoff_max_s=0.05,
        recover_after_s=0,  # the "crashed" sender in these tests is gone at once
    )


def _get(engine: Engine, draft_id: int) -> tuple[Draft, Message]:
    with Session(engine) as session:
        draft = session.get(Draft, draft_id)
        assert draft is not None
        message = session.get(Message, draft.message_id)
        assert message is not None
        return draft, message


def _sent_copies(dovecot: DovecotServer, folder: str, message_id: str) -> int:
    with dovecot.client() as client:
        if not client.folder_exists(folder):
            return 0
        client.select_folder(folder, readonly=True)
        return len(client.search(["HEADER", "Message-ID", message_id]))


@pytest.fixture
def sent_mailbox(dovecot: DovecotServer, folder: str) -> MailboxConfig:
    return dovecot.mailbox("INBOX", sent_folder=f"{folder}-sent")


def test_send_with_thread_headers_and_attachment_and_copy_in_sent(
    engine: Engine,
    settings: Settings,
    smtp_server: SmtpServer,
    dovecot: DovecotServer,
    sent_mailbox: MailboxConfig,
) -> None:
    draft_id = _draft(engine, subject="Re: Invoice\r\nBcc: victim@evil.example")
    report = _sender(engine, settings, smtp_server, sent_mailbox).send_approved()
    assert report.sent == 1
    [(mail_from, rcpts, content)] = smtp_server.handler.received
    assert mail_from == settings.ar_mailbox
    assert rcpts == ["ap@acme.example"]
    received = email.message_from_bytes(content, policy=policy.default)
    assert received["From"] == f"{settings.ar_display_name} <{settings.ar_mailbox}>"
    assert received["Subject"] == "Re: Invoice Bcc: victim@evil.example"  # one line, no header
    assert received["Bcc"] is None
    assert received["Message-ID"] == "<reply-1@northwind.example>"
    assert received["In-Reply-To"] == "<q1@acme.example>"
    assert received["References"] == "<q0@acme.example> <q1@acme.example>"
    assert received["Date"] is not None
    assert isinstance(received, EmailMessage)
    [attachment] = list(received.iter_attachments())
    assert attachment.get_filename() == "INV-1001.pdf"
    assert attachment.get_content() == PDF
    assert "copy of INV-1001" in received.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    draft, message = _get(engine, draft_id)
    assert draft.state == DraftState.sent and draft.sent_at is not None
    assert draft.send_attempts == 1
    assert message.state == MessageState.sent
    assert _sent_copies(dovecot, sent_mailbox.sent_folder, "<reply-1@northwind.example>") == 1


def test_missing_message_id_is_set_and_committed_before_sending(
    engine: Engine, settings: Settings, smtp_server: SmtpServer
) -> None:
    settings.smtp_append_sent = False
    draft_id = _draft(engine, outgoing=None, attach=False)
    sender = _sender(engine, settings, smtp_server, None)
    assert sender.claim(draft_id)
    draft, _ = _get(engine, draft_id)
    assert draft.state == DraftState.sending
    assert draft.outgoing_message_id and draft.outgoing_message_id.endswith("@northwind.example>")
    assert not sender.claim(draft_id)  # a second sender cannot take it


def test_transient_451_is_retried_and_sent_once(
    engine: Engine, settings: Settings, smtp_server: SmtpServer
) -> None:
    settings.smtp_append_sent = False
    smtp_server.handler.replies = ["451 4.3.0 Try again later"]
    draft_id = _draft(engine)
    report = _sender(engine, settings, smtp_server, None).send_approved()
    assert report.sent == 1
    assert len(smtp_server.handler.received) == 1
    assert _get(engine, draft_id)[0].state == DraftState.sent


def test_transient_failure_that_outlasts_retries_waits_in_approved(
    engine: Engine, settings: Settings, smtp_server: SmtpServer
) -> None:
    settings.smtp_append_sent = False
    smtp_server.handler.replies = ["421 4.3.2 Service shutting down"] * 10
    draft_id = _draft(engine)
    report = _sender(engine, settings, smtp_server, None).send_approved()
    assert report.deferred == 1
    draft, _ = _get(engine, draft_id)
    assert draft.state == DraftState.approved
    assert draft.error and "421" in draft.error
    assert smtp_server.handler.received == []


def test_permanent_550_fails_the_draft_with_the_server_reply(
    engine: Engine, settings: Settings, smtp_server: SmtpServer
) -> None:
    settings.smtp_append_sent = False
    smtp_server.handler.replies = ["550 5.7.1 Relaying denied"]
    draft_id = _draft(engine)
    report = _sender(engine, settings, smtp_server, None).send_approved()
    assert report.failed == 1
    draft, _ = _get(engine, draft_id)
    assert draft.state == DraftState.failed
    assert draft.error and "550 5.7.1 Relaying denied" in draft.error
    assert smtp_server.handler.received == []


def test_a_file_never_made_is_not_sent_without_it(
    engine: Engine, settings: Settings, smtp_server: SmtpServer
) -> None:
    """Approval makes a draft's files; a draft approved some other way fails, visibly."""
    settings.smtp_append_sent = False
    draft_id = _draft(engine, attach=False)
    with Session(engine) as session:
        session.add(
            DraftAttachment(
                draft_id=draft_id,
                filename="INV-1001.pdf",
                source={"invoice": "INV-1001", "language": "en"},
            )
        )
        session.commit()
    report = _sender(engine, settings, smtp_server, None).send_approved()
    assert report.failed == 1 and report.sent == 0
    draft, _ = _get(engine, draft_id)
    assert draft.state == DraftState.failed
    assert draft.error and "INV-1001.pdf was never made" in draft.error
    assert smtp_server.handler.received == []


def test_crash_after_acceptance_before_commit_sends_no_second_email(
    engine: Engine,
    settings: Settings,
    smtp_server: SmtpServer,
    dovecot: DovecotServer,
    sent_mailbox: MailboxConfig,
) -> None:
    draft_id = _draft(engine)
    first = _sender(engine, settings, smtp_server, sent_mailbox)
    assert first.claim(draft_id)
    with Session(engine) as session:  # what the dying process had built
        draft = session.get(Draft, draft_id)
        assert draft is not None
        msg = build_email(draft, [], settings)
    first.deliver_with_retries(msg)  # accepted ...
    first.file_in_sent(msg, sent_mailbox)  # ... and filed in Sent, then the process dies
    assert len(smtp_server.handler.received) == 1
    assert _get(engine, draft_id)[0].state == DraftState.sending

    report = _sender(engine, settings, smtp_server, sent_mailbox).recover()
    assert report.recovered == 1 and report.sent == 0
    assert len(smtp_server.handler.received) == 1
    draft, message = _get(engine, draft_id)
    assert draft.state == DraftState.sent and message.state == MessageState.sent
    assert _sent_copies(dovecot, sent_mailbox.sent_folder, "<reply-1@northwind.example>") == 1


def test_crash_before_smtp_is_sent_on_recovery(
    engine: Engine,
    settings: Settings,
    smtp_server: SmtpServer,
    sent_mailbox: MailboxConfig,
) -> None:
    draft_id = _draft(engine)
    assert _sender(engine, settings, smtp_server, sent_mailbox).claim(draft_id)  # then dies
    report = _sender(engine, settings, smtp_server, sent_mailbox).recover()
    assert report.sent == 1 and report.recovered == 0
    assert len(smtp_server.handler.received) == 1
    assert _get(engine, draft_id)[0].state == DraftState.sent


def test_interrupted_draft_without_sent_folder_fails_instead_of_risking_a_second_email(
    engine: Engine, settings: Settings, smtp_server: SmtpServer
) -> None:
    draft_id = _draft(engine)
    sender = _sender(engine, settings, smtp_server, None)
    assert sender.claim(draft_id)
    report = sender.recover()
    assert report.failed == 1
    draft, _ = _get(engine, draft_id)
    assert draft.state == DraftState.failed and "Sent folder" in (draft.error or "")
    assert smtp_server.handler.received == []


@pytest.mark.parametrize(
    ("to", "parsed", "reason"),
    [
        ("noreply@acme.example", None, "no-reply"),
        ("Billing <no-reply@acme.example>", None, "no-reply"),
        ("DoNotReply@acme.example", None, "no-reply"),
        ("MAILER-DAEMON@mx.acme.example", None, "no-reply"),
        ("postmaster@acme.example", None, "no-reply"),
        ("AR <ar@northwind.example>", None, "our own address"),
        ("ap@acme.example", {"auto_reply": True}, "auto-reply"),
        ("ap@acme.example", {"bounce": True}, "bounce"),
        ("ap@acme.example", {"auto_generated": True}, "sent by a program"),
    ],
)
def test_never_sends_to_auto_replies_bounces_no_reply_or_ourselves(
    engine: Engine,
    settings: Settings,
    smtp_server: SmtpServer,
    to: str,
    parsed: dict | None,
    reason: str,
) -> None:
    settings.smtp_append_sent = False
    draft_id = _draft(engine, to=to, parsed=parsed)
    report = _sender(engine, settings, smtp_server, None).send_approved()
    assert report.failed == 1
    draft, _ = _get(engine, draft_id)
    assert draft.state == DraftState.failed
    assert reason in (draft.error or "")
    assert smtp_server.handler.received == []


def test_ordinary_addresses_are_not_refused(settings: Settings) -> None:
    draft = Draft(message_id=1, to_addr="Reply Team <replies@acme.example>")
    assert refusal_reason(draft, None, settings) is None


def test_recovery_leaves_a_draft_another_sender_is_sending_right_now(
    engine: Engine,
    settings: Settings,
    smtp_server: SmtpServer,
    sent_mailbox: MailboxConfig,
) -> None:
    draft_id = _draft(engine)
    assert _sender(engine, settings, smtp_server, sent_mailbox).claim(draft_id)  # alive, busy
    patient = Sender(
        engine,
        settings,
        smtp=SmtpConfig(host=smtp_server.host, port=smtp_server.port, tls="none"),
        mailboxes=[sent_mailbox],
        recover_after_s=600,
    )
    report = patient.recover()
    assert (report.sent, report.recovered, report.failed) == (0, 0, 0)
    assert smtp_server.handler.received == []
    assert _get(engine, draft_id)[0].state == DraftState.sending
