"""The IMAP listener: store every new message of a mailbox folder, then mark it on the server.

Guarantees, in order of importance:
- store first, acknowledge after: a message is committed to the database (with the
  cursor) before it is marked with the keyword or moved; the database is the truth;
- nothing is stored twice: the cursor (UIDVALIDITY, last UID) says where we are, and
  `store_raw_batch` dedupes by bytes and Message-ID when the cursor must be reset;
- the listener catches up on start and after every reconnect (UID SEARCH UID last+1:*),
  waits with IDLE where the server has it (re-issued every `idle_renew_s`) and polls
  where not, and reconnects with exponential backoff and jitter on network errors.
An authentication failure stops the mailbox (`ImapAuthError`): retrying would not help.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import random
import ssl
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError
from imapclient.util import to_bytes
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlmodel import Session, col, select
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    wait_exponential_jitter,
)

from connectors.mailbox_lock import MailboxLock
from connectors.mailboxes import MailboxConfig
from connectors.oauth2 import OAuth2TokenError, read_access_token
from records.inbox import MailboxCursor, Message
from records.ops import bump
from records.store import RawMail, store_raw_batch
from records.types import utcnow

log = logging.getLogger(__name__)

# Worth a reconnect: the network, the server going away, a command the server refused
# (a folder deleted under us), a token not readable yet, the database busy for a moment,
# or a concurrent insert of the same message (redoing the batch finds it stored).
RETRYABLE = (
    OSError,
    imaplib.IMAP4.abort,
    IMAPClientError,
    OAuth2TokenError,
    OperationalError,
    IntegrityError,
)
_BODY = b"BODY[]"
_HEADER_FIELDS = b"BODY[HEADER.FIELDS (MESSAGE-ID)]"
_PEEK_MESSAGE_ID = "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"


class ImapAuthError(RuntimeError):
    """Raised when the server refuses our credentials; the mailbox stops."""

    def __init__(self, mailbox: str, reason: str) -> None:
        super().__init__(f"IMAP login to {mailbox} refused: {reason}")
        self.mailbox = mailbox
        self.reason = reason


@dataclass
class SyncReport:
    """What one catch-up did."""

    seen: int = 0  # UIDs above the cursor
    stored: int = 0  # new Message rows
    known: int = 0  # already in the database (same bytes or Message-ID)
    resynced: bool = False  # UIDVALIDITY changed: the cursor was reset


def connect(config: MailboxConfig) -> IMAPClient:
    """A logged-in client for `config` (password or XOAUTH2), not yet in a folder."""
    context = ssl.create_default_context(cafile=str(config.ca_file) if config.ca_file else None)
    if config.tls == "none" and not config.is_loopback:
        log.warning("IMAP without TLS to a remote host", extra={"mailbox": config.name})
    client = IMAPClient(
        config.host,
        port=config.port,
        ssl=config.tls == "ssl",
        ssl_context=context if config.tls == "ssl" else None,
        timeout=config.timeout_s,
    )
    client.normalise_times = False  # keep INTERNALDATE timezone-aware
    try:
        if config.tls == "starttls":
            client.starttls(context)
        if config.uses_oauth2:
            token = read_access_token(
                command=config.oauth2_token_command, file=config.oauth2_token_file
            )
            client.oauth2_login(config.user, token, vendor=config.oauth2_vendor)
        else:
            password = config.password.get_secret_value() if config.password else ""
            client.login(config.user, password)
    except LoginError as exc:
        _close(client)
        raise ImapAuthError(config.name, str(exc)) from exc
    except BaseException:
        _close(client)
        raise
    return client


def ensure_folder(client: IMAPClient, name: str) -> None:
    """Create `name` unless it exists; a CREATE that loses a race to another session is fine."""
    if client.folder_exists(name):
        return
    try:
        client.create_folder(name)
    except IMAPClientError:
        # Another session (a second listener, the sender, a person's mail client) may
        # have created it between our LIST and CREATE; only a folder still missing is
        # an error.
        if not client.folder_exists(name):
            raise


def _close(client: IMAPClient) -> None:
    """Log out if the connection still allows it, else just drop the socket."""
    try:
        client.logout()
    except (OSError, imaplib.IMAP4.error):
        with contextlib.suppress(OSError):
            client.shutdown()


class ImapListener:
    """Listens to one mailbox folder until `stop` is set (or the credentials are refused)."""

    def __init__(
        self,
        config: MailboxConfig,
        engine: Engine,
        *,
        stop: threading.Event | None = None,
        backoff_initial_s: float = 1.0,
        backoff_max_s: float = 60.0,
    ) -> None:
        self.config = config
        self.engine = engine
        self.stop = stop or threading.Event()
        self.backoff_initial_s = backoff_initial_s
        self.backoff_max_s = backoff_max_s
        self.connected = threading.Event()  # set while a session is open (tests watch it)
        self._log_extra = {"mailbox": config.name, "folder": config.folder}

    def run(self) -> None:
        """Listen until stopped; reconnects on network errors, raises ImapAuthError."""
        while not self.stop.is_set():
            client = self._connect_with_backoff()
            if client is None:
                return
            try:
                self._listen(client)
            except RETRYABLE as exc:
                log.warning(
                    "IMAP connection lost, reconnecting: %s: %s",
                    type(exc).__name__,
                    exc,
                    extra=self._log_extra,
                )
                self._count_reconnect()
            finally:
                self.connected.clear()
                _close(client)
            # A short jittered pause: no tight loop against a server that drops every
            # session, and no herd of listeners at the door of a restarted server.
            self.stop.wait(self.backoff_initial_s * random.uniform(0.5, 1.5))

    def _count_reconnect(self) -> None:
        """Counted in the database, so /metrics of any web process reports it."""
        with Session(self.engine) as session:
            bump(session, f"imap_reconnects:{self.config.name}")
            session.commit()

    def _connect_with_backoff(self) -> IMAPClient | None:
        """Connect, select and catch up, retrying with backoff; None when stopped meanwhile."""
        retrying = Retrying(
            retry=retry_if_exception_type(RETRYABLE),
            wait=wait_exponential_jitter(initial=self.backoff_initial_s, max=self.backoff_max_s),
            stop=lambda _state: self.stop.is_set(),
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            return retrying(self._open)
        except RETRYABLE:
            return None  # only reached once stopped

    def _sleep(self, seconds: float) -> None:
        self.stop.wait(seconds)  # a stop request interrupts the backoff

    def _log_retry(self, state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning(
            "IMAP connect failed (attempt %d), retrying in %.1fs: %s: %s",
            state.attempt_number,
            wait,
            type(exc).__name__,
            exc,
            extra=self._log_extra,
        )

    def _open(self) -> IMAPClient:
        client = connect(self.config)
        try:
            self.sync(client)
            self._acknowledge_stored(client)
        except BaseException:
            _close(client)
            raise
        self.connected.set()
        log.info("IMAP listening", extra=self._log_extra)
        return client

    def _acknowledge_stored(self, client: IMAPClient) -> None:
        """Mark what the cursor has passed but the server still shows as new.

        Storing and marking are two steps: a connection lost between them leaves
        messages stored (the cursor moved on) but unmarked, or not moved. Every
        UID at or below the cursor was committed, so on each (re)connect whatever
        there still lacks the keyword, or still sits in the folder in move mode, is
        marked again.
        """
        with Session(self.engine) as session:
            last_uid = self._cursor(session).last_uid
        if last_uid <= 0:
            return
        criteria: list[object] = ["UID", f"1:{last_uid}"]
        if self.config.mark != "move":
            criteria += ["UNKEYWORD", self.config.keyword]
        uids = [uid for uid in client.search(criteria) if uid <= last_uid]
        if uids:
            log.info("IMAP re-marking %d stored messages", len(uids), extra=self._log_extra)
            for start in range(0, len(uids), self.config.batch):
                self._mark(client, uids[start : start + self.config.batch])

    def _listen(self, client: IMAPClient) -> None:
        use_idle = self.config.use_idle and client.has_capability("IDLE")
        while not self.stop.is_set():
            if use_idle:
                self._idle_once(client)
            else:
                self.stop.wait(self.config.poll_s)
                client.noop()
            if not self.stop.is_set():
                self.sync(client)

    def _idle_once(self, client: IMAPClient) -> None:
        """IDLE until the folder changes, `idle_renew_s` passes, or we are stopped."""
        client.idle()
        started = time.monotonic()
        try:
            while not self.stop.is_set():
                responses = client.idle_check(timeout=self.config.idle_check_s)
                if any(_announces_mail(r) for r in responses):
                    return
                if time.monotonic() - started >= self.config.idle_renew_s:
                    return
        finally:
            client.idle_done()

    def sync(self, client: IMAPClient) -> SyncReport:
        """Select the folder and store everything above the cursor, batch by batch."""
        status = client.select_folder(self.config.folder)
        uidvalidity = int(status[b"UIDVALIDITY"])
        report = SyncReport()
        with Session(self.engine, expire_on_commit=False) as session:
            cursor = self._cursor(session)
            if cursor.uidvalidity != uidvalidity:
                report.resynced = cursor.uidvalidity is not None
                if report.resynced:
                    log.warning(
                        "UIDVALIDITY changed (%s -> %s): resynchronising the folder",
                        cursor.uidvalidity,
                        uidvalidity,
                        extra=self._log_extra,
                    )
                cursor.uidvalidity = uidvalidity
                cursor.last_uid = 0
                cursor.updated_at = utcnow()
                session.add(cursor)
                session.commit()
            last_uid = cursor.last_uid
        uids = sorted(u for u in client.search(["UID", f"{last_uid + 1}:*"]) if u > last_uid)
        report.seen = len(uids)
        for start in range(0, len(uids), self.config.batch):
            self._store_batch(client, uids[start : start + self.config.batch], report)
            if self.stop.is_set():
                break
        if report.seen:
            log.info(
                "IMAP catch-up: %d new, %d stored, %d known",
                report.seen,
                report.stored,
                report.known,
                extra=self._log_extra,
            )
        return report

    def _cursor(self, session: Session) -> MailboxCursor:
        cursor = session.exec(
            select(MailboxCursor).where(
                MailboxCursor.mailbox == self.config.name,
                MailboxCursor.folder == self.config.folder,
            )
        ).first()
        return cursor or MailboxCursor(mailbox=self.config.name, folder=self.config.folder)

    def _store_batch(self, client: IMAPClient, uids: list[int], report: SyncReport) -> None:
        """Store one batch and advance the cursor in one commit, then mark on the server."""
        heads = client.fetch(uids, ["FLAGS", "RFC822.SIZE", _PEEK_MESSAGE_ID])
        keyword = to_bytes(self.config.keyword)
        marked = {uid for uid, data in heads.items() if keyword in data.get(b"FLAGS", ())}
        with Session(self.engine, expire_on_commit=False) as session:
            # The keyword says "stored" only if the database agrees.
            known = self._already_stored(session, marked, heads)
            wanted = [uid for uid in uids if uid in heads and uid not in known]
            for mails in self._fetch_bodies(client, wanted, heads):
                created = store_raw_batch(session, mails, source="imap", mailbox=self.config.name)
                report.stored += created
                report.known += len(mails) - created
            report.known += len(known)
            cursor = self._cursor(session)
            cursor.last_uid = max(cursor.last_uid, max(uids))
            cursor.updated_at = utcnow()
            session.add(cursor)
            session.commit()
        self._mark(client, [uid for uid in uids if uid in heads])

    def _already_stored(
        self, session: Session, marked: set[int], heads: dict[int, dict[bytes, object]]
    ) -> set[int]:
        by_id: dict[str, int] = {}
        for uid in marked:
            message_id = _message_id_of(heads[uid].get(_HEADER_FIELDS))
            if message_id:
                by_id[message_id] = uid
        if not by_id:
            return set()
        stored = session.exec(
            select(Message.message_id).where(
                col(Message.message_id).in_(list(by_id)), Message.direction == "inbound"
            )
        ).all()
        return {by_id[m] for m in stored if m in by_id}

    def _fetch_bodies(
        self, client: IMAPClient, uids: list[int], heads: dict[int, dict[bytes, object]]
    ) -> Iterator[list[RawMail]]:
        """BODY.PEEK[] + INTERNALDATE in chunks of at most `batch_bytes` (one large one alone)."""
        chunk: list[int] = []
        size = 0
        for uid in uids:
            message_size = int(heads[uid].get(b"RFC822.SIZE", 0) or 0)  # type: ignore[call-overload]
            if chunk and size + message_size > self.config.batch_bytes:
                yield self._fetch_chunk(client, chunk)
                chunk, size = [], 0
            chunk.append(uid)
            size += message_size
        if chunk:
            yield self._fetch_chunk(client, chunk)

    def _fetch_chunk(self, client: IMAPClient, uids: list[int]) -> list[RawMail]:
        data = client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"])
        mails = []
        for uid in uids:
            item = data.get(uid)
            if item is None or _BODY not in item:
                continue  # expunged meanwhile
            raw = item[_BODY]
            received = item.get(b"INTERNALDATE")
            if isinstance(received, datetime):
                if received.tzinfo is None:
                    received = received.replace(tzinfo=UTC)
                received = received.astimezone(UTC)
            else:
                received = utcnow()
            mails.append(RawMail(raw, uid, received))
        return mails

    def _mark(self, client: IMAPClient, uids: list[int]) -> None:
        """Acknowledge stored messages on the server: a keyword, or a move."""
        if not uids:
            return
        if self.config.mark == "move":
            if self.config.set_seen:
                client.add_flags(uids, [b"\\Seen"])
            ensure_folder(client, self.config.move_to)
            if client.has_capability("MOVE"):
                client.move(uids, self.config.move_to)
            else:
                client.copy(uids, self.config.move_to)
                client.delete_messages(uids)
                if client.has_capability("UIDPLUS"):
                    client.uid_expunge(uids)
                else:
                    client.expunge()
            return
        flags = [to_bytes(self.config.keyword)]
        if self.config.set_seen:
            flags.append(b"\\Seen")
        client.add_flags(uids, flags, silent=True)


def _announces_mail(response: object) -> bool:
    return (
        isinstance(response, tuple)
        and len(response) >= 2
        and response[1]
        in (
            b"EXISTS",
            b"RECENT",
        )
    )


def _message_id_of(header_block: object) -> str | None:
    if not isinstance(header_block, bytes):
        return None
    text = header_block.decode("latin-1")
    name, _, value = text.partition(":")
    if name.strip().lower() != "message-id":
        return None
    return " ".join(value.split()) or None


def run_listeners(
    configs: list[MailboxConfig], engine: Engine, stop: threading.Event
) -> dict[str, BaseException]:
    """Listen to every mailbox in its own thread until `stop`; return the failures by name."""
    failures: dict[str, BaseException] = {}

    def target(config: MailboxConfig) -> None:
        lock = MailboxLock(engine, f"{config.name}:{config.folder}")
        if not lock.acquire(stop):
            return
        try:
            ImapListener(config, engine, stop=stop).run()
        except ImapAuthError as exc:
            log.error("%s; this mailbox stops", exc, extra={"mailbox": config.name})
            failures[config.name] = exc
        except BaseException as exc:
            log.exception("IMAP listener crashed", extra={"mailbox": config.name})
            failures[config.name] = exc
            raise
        finally:
            lock.release()

    threads = [
        threading.Thread(target=target, args=(c,), name=f"imap:{c.name}", daemon=True)
        for c in configs
    ]
    for thread in threads:
        thread.start()
    while any(t.is_alive() for t in threads) and not stop.is_set():
        stop.wait(0.5)
    for thread in threads:
        thread.join(timeout=5)
    return failures
