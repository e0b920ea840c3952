"""The SMTP sender: approved drafts go out once, in their thread, with a copy in Sent.

Exactly once, as far as SMTP allows:
- a draft is claimed (`approved` → `sending`, committed) BEFORE the SMTP attempt, with a
  Message-ID fixed at approval (set and committed here if missing);
- the moment the server accepts it, the draft becomes `sent` (and its message `sent`) in
  one commit; only then is a copy APPENDed to the IMAP Sent folder (a crash there loses
  the copy, never sends twice);
- a draft found in `sending` on start was interrupted before that commit: its Message-ID
  is looked up in the Sent folder first (servers that file sent mail themselves put it
  there); found → `sent` without sending again, not found → sent now.
The one window left is SMTP's own: the server has taken the message but the process died
before it read the 250 reply or committed (one round trip and one commit); where the
server does not file sent mail itself, that message goes out twice.
Transient failures (4xx, connection errors) are retried with backoff, then the draft
waits for the next round; permanent ones (5xx) fail the draft with the server's reply.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import smtplib
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, formataddr, make_msgid, parseaddr
from pathlib import Path
from typing import Literal

from imapclient.exceptions import IMAPClientError
from pydantic import SecretStr
from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select
from tenacity import Retrying, retry_if_exception, stop_after_attempt, wait_exponential_jitter

from arinbox.settings import Settings
from connectors.imap_listener import ImapAuthError, connect, ensure_folder
from connectors.mailboxes import MailboxConfig, load_mailboxes
from connectors.oauth2 import OAuth2TokenError, read_access_token, smtp_xoauth2_authobject
from records.addresses import takes_no_replies
from records.inbox import Draft, DraftAttachment, DraftState, Message, MessageState
from records.types import utcnow

log = logging.getLogger(__name__)

# Drafts that answer the message they belong to: the agent's reply and one a person wrote.
# (A follow-up or a dispute notice is a letter we start; its message may be old.)
ANSWER_KINDS = ("reply", "manual")
_IMAP_ERRORS = (OSError, imaplib.IMAP4.error, IMAPClientError, OAuth2TokenError, ImapAuthError)


class SmtpAuthError(RuntimeError):
    """Raised when the SMTP server refuses our credentials: the sender stops."""


class PermanentSendError(RuntimeError):
    """The server refused the message for good (5xx); the reply is kept on the draft."""


class TransientSendError(RuntimeError):
    """The server could not take the message now (4xx, connection); worth retrying."""


@dataclass(frozen=True)
class SmtpConfig:
    """How to reach the SMTP server."""

    host: str
    port: int = 587
    tls: Literal["ssl", "starttls", "none"] = "starttls"
    user: str | None = None
    password: SecretStr | None = None
    oauth2_token_command: str | None = None
    oauth2_token_file: Path | None = None
    ca_file: Path | None = None  # a private CA for the server's certificate
    timeout_s: float = 60.0

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        if not settings.smtp_host:
            raise ValueError("ARINBOX_SMTP_HOST is not set")
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            tls=settings.smtp_tls,
            user=settings.smtp_user,
            password=settings.smtp_password,
            oauth2_token_command=settings.imap_oauth2_token_command,
            oauth2_token_file=settings.imap_oauth2_token_file,
        )


@dataclass
class SendReport:
    sent: int = 0
    recovered: int = 0  # found in Sent: marked sent without sending again
    failed: int = 0
    deferred: int = 0  # transient failure: back to `approved` for the next round
    errors: dict[int, str] = field(default_factory=dict)


def refusal_reason(draft: Draft, message: Message | None, settings: Settings) -> str | None:
    """Why this draft must not be sent at all, or None."""
    own = {settings.ar_mailbox.lower()}
    for address in [draft.to_addr, *draft.cc_addrs]:
        addr = parseaddr(address)[1].lower()
        if not addr or "@" not in addr:
            return f"invalid recipient address {address!r}"
        if addr in own:
            return f"recipient {addr} is our own address"
        if takes_no_replies(addr):
            return f"recipient {addr} is a no-reply or system address"
    parsed = (message.parsed if message is not None else None) or {}
    if draft.kind not in ANSWER_KINDS:
        return None
    if parsed.get("auto_reply"):
        return "the message answered is an auto-reply"
    if parsed.get("auto_generated"):
        return "the message answered was sent by a program (Auto-Submitted: auto-generated)"
    if parsed.get("bounce"):
        return "the message answered is a bounce"
    return None


def _unmade(attachments: list[DraftAttachment]) -> str | None:
    """A file approval should have made but did not (approved outside the review flow)."""
    for attachment in attachments:
        if attachment.content is None:
            return f"attachment {attachment.filename} was never made; approve the draft again"
    return None


def build_email(
    draft: Draft, attachments: list[DraftAttachment], settings: Settings
) -> EmailMessage:
    """The e-mail for `draft`: our From, the thread headers, the body, the attachments."""
    msg = EmailMessage()
    # formataddr quotes the name: a colon or comma in it cannot turn From into a group.
    msg["From"] = formataddr((_one_line(settings.ar_display_name), settings.ar_mailbox))
    msg["To"] = _one_line(draft.to_addr)
    if draft.cc_addrs:
        msg["Cc"] = ", ".join(_one_line(a) for a in draft.cc_addrs)
    msg["Subject"] = _one_line(draft.subject)
    msg["Date"] = format_datetime(utcnow())
    msg["Message-ID"] = draft.outgoing_message_id or ""
    references = [r for r in draft.references if r]
    if draft.in_reply_to:
        msg["In-Reply-To"] = draft.in_reply_to
        if draft.in_reply_to not in references:
            references.append(draft.in_reply_to)
    if references:
        msg["References"] = " ".join(references)
    msg.set_content(draft.body)
    for attachment in attachments:
        if attachment.content is None:
            raise ValueError(_unmade([attachment]))
        maintype, _, subtype = attachment.content_type.partition("/")
        msg.add_attachment(
            attachment.content,
            maintype=maintype or "application",
            subtype=subtype or "octet-stream",
            filename=attachment.filename,
        )
    return msg


def _one_line(value: str) -> str:
    return " ".join(value.replace("\r", " ").replace("\n", " ").split())


def _mailbox_domain(address: str) -> str:
    return address.rsplit("@", 1)[-1] or "localhost"


def _is_transient(exc: BaseException) -> bool:
    return isinstance(exc, TransientSendError)


def deliver(msg: EmailMessage, config: SmtpConfig, from_addr: str) -> dict[str, str]:
    """Hand `msg` to the SMTP server once; return refused recipients (when others took it).

    Raises TransientSendError, PermanentSendError or SmtpAuthError.
    """
    recipients = [parseaddr(a)[1] for a in msg.get_all("To", []) + msg.get_all("Cc", [])]
    try:
        with _open_smtp(config) as smtp:
            refused = smtp.send_message(msg, from_addr=from_addr, to_addrs=recipients)
    except smtplib.SMTPAuthenticationError as exc:
        raise SmtpAuthError(f"SMTP login refused: {exc.smtp_code} {_text(exc.smtp_error)}") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        reply = "; ".join(f"{r}: {c} {_text(m)}" for r, (c, m) in exc.recipients.items())
        if all(400 <= c < 500 for c in codes):
            raise TransientSendError(reply) from exc
        raise PermanentSendError(reply) from exc
    except smtplib.SMTPResponseException as exc:
        reply = f"{exc.smtp_code} {_text(exc.smtp_error)}"
        if 400 <= exc.smtp_code < 500:
            raise TransientSendError(reply) from exc
        raise PermanentSendError(reply) from exc
    except (smtplib.SMTPException, OSError, OAuth2TokenError) as exc:
        raise TransientSendError(f"{type(exc).__name__}: {exc}") from exc
    return {r: f"{c} {_text(m)}" for r, (c, m) in refused.items()}


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _open_smtp(config: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    smtp: smtplib.SMTP
    if config.tls == "ssl":
        smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout_s, context=context)
    else:
        smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout_s)
    try:
        smtp.ehlo()
        if config.tls == "starttls":
            smtp.starttls(context=context)
            smtp.ehlo()
        if config.user and (config.oauth2_token_command or config.oauth2_token_file):
            token = read_access_token(
                command=config.oauth2_token_command,
                file=config.oauth2_token_file,
            )
            smtp.auth("XOAUTH2", smtp_xoauth2_authobject(config.user, token))
        elif config.user and config.password is not None:
            smtp.login(config.user, config.password.get_secret_value())
    except BaseException:
        with contextlib.suppress(smtplib.SMTPException, OSError):
            smtp.close()
        raise
    return smtp


def append_to_sent(msg: EmailMessage, mailbox: MailboxConfig) -> None:
    """File a copy of what was sent in the mailbox's Sent folder (created if missing)."""
    client = connect(mailbox)
    try:
        ensure_folder(client, mailbox.sent_folder)
        client.append(mailbox.sent_folder, msg.as_bytes(), flags=[b"\\Seen"])
    finally:
        with contextlib.suppress(*_IMAP_ERRORS):
            client.logout()


def found_in_sent(message_id: str, mailbox: MailboxConfig) -> bool:
    """Whether the Sent folder holds a message with this Message-ID."""
    client = connect(mailbox)
    try:
        if not client.folder_exists(mailbox.sent_folder):
            return False
        client.select_folder(mailbox.sent_folder, readonly=True)
        return bool(client.search(["HEADER", "Message-ID", message_id]))
    finally:
        with contextlib.suppress(*_IMAP_ERRORS):
            client.logout()


class Sender:
    """Sends approved drafts; one instance per process (several may share a database)."""

    def __init__(
        self,
        engine: Engine,
        settings: Settings,
        *,
        smtp: SmtpConfig | None = None,
        mailboxes: list[MailboxConfig] | None = None,
        retries: int = 4,
        recover_after_s: float = 900.0,
        backoff_initial_s: float = 1.0,
        backoff_max_s: float = 30.0,
        deliver_fn: Callable[[EmailMessage, SmtpConfig, str], dict[str, str]] = deliver,
    ) -> None:
        self.engine = engine
        self.settings = settings
        self.smtp = smtp or SmtpConfig.from_settings(settings)
        self.mailboxes = load_mailboxes(settings) if mailboxes is None else mailboxes
        self.retries = retries
        self.recover_after_s = recover_after_s
        self.backoff_initial_s = backoff_initial_s
        self.backoff_max_s = backoff_max_s
        self.deliver_fn = deliver_fn

    # --- the loop -----------------------------------------------------------------------

    def run(self, stop: threading.Event, interval_s: float = 5.0) -> None:
        """Every `interval_s` until stop: recover interrupted drafts, send approved ones."""
        while not stop.is_set():
            self.recover()
            self.send_approved()
            stop.wait(interval_s)

    def send_approved(self) -> SendReport:
        """Send every draft waiting in `approved`."""
        report = SendReport()
        with Session(self.engine) as session:
            ids = session.exec(
                select(Draft.id).where(Draft.state == DraftState.approved).order_by(col(Draft.id))
            ).all()
        for draft_id in ids:
            if draft_id is not None and self.claim(draft_id):
                self._send_claimed(draft_id, report)
        return report

    def recover(self) -> SendReport:
        """Drafts left in `sending` by a process that died: sent already, or send now.

        Only drafts untouched for `recover_after_s` are taken (a live sender may be in the
        middle of an SMTP attempt with another), each by a conditional update so two
        recovering senders never both take one.
        """
        report = SendReport()
        cutoff = utcnow() - timedelta(seconds=self.recover_after_s)
        with Session(self.engine) as session:
            ids = session.exec(
                select(Draft.id).where(
                    Draft.state == DraftState.sending, col(Draft.updated_at) <= cutoff
                )
            ).all()
        for draft_id in ids:
            if draft_id is None or not self._take_over(draft_id, cutoff):
                continue
            with Session(self.engine, expire_on_commit=False) as session:
                draft = session.get(Draft, draft_id)
                message = session.get(Message, draft.message_id) if draft else None
            if draft is None:
                continue
            mailbox = self._mailbox_for(message)
            if mailbox is None:
                # Without a Sent folder to look in, sending again could send twice.
                self._finish_failed(
                    draft_id,
                    "interrupted while sending and no Sent folder to check: "
                    "verify whether it went out, then approve again",
                )
                report.failed += 1
                continue
            try:
                already = found_in_sent(draft.outgoing_message_id or "", mailbox)
            except _IMAP_ERRORS as exc:
                log.warning(
                    "Sent folder not readable; the draft waits: %s",
                    exc,
                    extra={"draft_id": draft_id},
                )
                report.deferred += 1
                continue
            if already:
                log.info("draft found in Sent: marked sent", extra={"draft_id": draft_id})
                self._finish_sent(draft_id, note="recovered: found in the Sent folder")
                report.recovered += 1
            else:
                self._send_claimed(draft_id, report)
        return report

    # --- one draft ------------------------------------------------------------------------

    def _take_over(self, draft_id: int, cutoff: datetime) -> bool:
        """Take a stale `sending` draft (refreshing it so nobody else takes it meanwhile)."""
        with Session(self.engine) as session:
            result = session.execute(
                update(Draft)
                .where(
                    col(Draft.id) == draft_id,
                    col(Draft.state) == DraftState.sending,
                    col(Draft.updated_at) <= cutoff,
                )
                .values(send_attempts=Draft.send_attempts + 1, updated_at=utcnow())
            )
            session.commit()
            return result.rowcount == 1  # type: ignore[attr-defined]

    def claim(self, draft_id: int) -> bool:
        """`approved` → `sending` (committed before any SMTP); False if someone else has it."""
        with Session(self.engine, expire_on_commit=False) as session:
            draft = session.get(Draft, draft_id)
            if draft is None or draft.state != DraftState.approved:
                return False
            outgoing = draft.outgoing_message_id or make_msgid(
                domain=_mailbox_domain(self.settings.ar_mailbox)
            )
            result = session.execute(
                update(Draft)
                .where(col(Draft.id) == draft_id, col(Draft.state) == DraftState.approved)
                .values(
                    state=DraftState.sending,
                    outgoing_message_id=outgoing,
                    send_attempts=Draft.send_attempts + 1,
                    updated_at=utcnow(),
                )
            )
            session.commit()
            return result.rowcount == 1  # type: ignore[attr-defined]

    def _send_claimed(self, draft_id: int, report: SendReport) -> None:
        with Session(self.engine, expire_on_commit=False) as session:
            draft = session.get(Draft, draft_id)
            if draft is None:
                return
            message = session.get(Message, draft.message_id)
            attachments = list(
                session.exec(select(DraftAttachment).where(DraftAttachment.draft_id == draft_id))
            )
        reason = refusal_reason(draft, message, self.settings) or _unmade(attachments)
        if reason is not None:
            log.warning("draft not sent: %s", reason, extra={"draft_id": draft_id})
            self._finish_failed(draft_id, f"not sent: {reason}")
            report.failed += 1
            report.errors[draft_id] = reason
            return
        msg = build_email(draft, attachments, self.settings)
        try:
            refused = self.deliver_with_retries(msg)
        except PermanentSendError as exc:
            log.warning("SMTP refused the draft: %s", exc, extra={"draft_id": draft_id})
            self._finish_failed(draft_id, f"SMTP: {exc}")
            report.failed += 1
            report.errors[draft_id] = str(exc)
            return
        except TransientSendError as exc:
            log.warning("SMTP unavailable, the draft waits: %s", exc, extra={"draft_id": draft_id})
            self._defer(draft_id, f"SMTP (will retry): {exc}")
            report.deferred += 1
            report.errors[draft_id] = str(exc)
            return
        except SmtpAuthError as exc:
            self._defer(draft_id, str(exc))
            raise
        note = "; ".join(f"refused {r}: {why}" for r, why in refused.items()) or None
        # Committed the moment the server has it, before the copy to Sent: a crash during
        # the APPEND (an IMAP connection and upload, seconds) must not look unsent.
        self._finish_sent(draft_id, note=note)
        report.sent += 1
        self.file_in_sent(msg, self._mailbox_for(message))

    def deliver_with_retries(self, msg: EmailMessage) -> dict[str, str]:
        """SMTP, retried with backoff on transient failures; the refused recipients."""
        retrying = Retrying(
            retry=retry_if_exception(_is_transient),
            stop=stop_after_attempt(self.retries),
            wait=wait_exponential_jitter(initial=self.backoff_initial_s, max=self.backoff_max_s),
            reraise=True,
        )
        refused: dict[str, str] = retrying(
            self.deliver_fn, msg, self.smtp, self.settings.ar_mailbox
        )
        return refused

    def file_in_sent(self, msg: EmailMessage, mailbox: MailboxConfig | None) -> None:
        """The copy in the IMAP Sent folder, where the server does not file one itself."""
        if mailbox is None or not self.settings.smtp_append_sent:
            return
        try:
            append_to_sent(msg, mailbox)
        except _IMAP_ERRORS as exc:
            # The e-mail is out: never let a failed copy cause a second one.
            log.warning("sent, but the copy to Sent failed: %s", exc)

    def _mailbox_for(self, message: Message | None) -> MailboxConfig | None:
        if not self.mailboxes:
            return None
        if message is not None and message.mailbox:
            for mailbox in self.mailboxes:
                if mailbox.name == message.mailbox:
                    return mailbox
        return self.mailboxes[0]

    # --- state writes ---------------------------------------------------------------------

    def _finish_sent(self, draft_id: int, note: str | None = None) -> None:
        with Session(self.engine) as session:
            draft = session.get(Draft, draft_id)
            if draft is None:
                return
            now = utcnow()
            draft.state = DraftState.sent
            draft.sent_at = now
            draft.error = note
            draft.updated_at = now
            session.add(draft)
            message = session.get(Message, draft.message_id)
            if message is not None:
                message.state = MessageState.sent
                message.updated_at = now
                session.add(message)
            session.commit()

    def _finish_failed(self, draft_id: int, reason: str) -> None:
        self._set_state(draft_id, DraftState.failed, reason)

    def _defer(self, draft_id: int, reason: str) -> None:
        self._set_state(draft_id, DraftState.approved, reason)

    def _set_state(self, draft_id: int, state: DraftState, reason: str) -> None:
        with Session(self.engine) as session:
            draft = session.get(Draft, draft_id)
            if draft is None:
                return
            draft.state = state
            draft.error = reason[:2000]
            draft.updated_at = utcnow()
            session.add(draft)
            session.commit()
