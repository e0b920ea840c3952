"""Inbox tables: messages, triage results, the tool-call audit, drafts and the review trail."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Index, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel, col

from records.types import UTCDateTime, empty_dict, empty_list, utcnow


class MessageState(StrEnum):
    """Where a message is on its way; every transition is a database write."""

    received = "received"
    parsed = "parsed"
    triaged = "triaged"
    drafted = "drafted"  # a draft waits for a collector
    needs_human = "needs_human"  # a collector must decide more than approving a draft
    closed = "closed"  # nothing to answer (auto-reply noted, our own mail)
    approved = "approved"
    sent = "sent"
    rejected = "rejected"
    failed = "failed"  # error kept in `error`; `arinbox retry` puts it back


class DraftState(StrEnum):
    pending = "pending"
    approved = "approved"  # queued for the sender
    sending = "sending"  # an SMTP attempt may be under way
    sent = "sent"
    rejected = "rejected"
    failed = "failed"
    cancelled = "cancelled"


class Message(SQLModel, table=True):
    """One e-mail, inbound or outbound; the raw bytes are kept as received."""

    id: int | None = Field(default=None, primary_key=True)
    raw_sha256: str = Field(unique=True, index=True)
    raw: bytes = Field(sa_type=LargeBinary)
    message_id: str | None = Field(default=None, index=True)  # the Message-ID header
    direction: str = "inbound"  # inbound | outbound
    source: str = "file"  # imap | file | api | eval
    mailbox: str | None = Field(default=None, index=True)
    imap_uid: int | None = None
    subject: str = ""
    from_addr: str = Field(default="", index=True)
    from_name: str = ""
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    thread_id: str | None = Field(default=None, index=True)
    received_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    state: str = Field(default=MessageState.received, index=True)
    error: str | None = None
    attempts: int = 0
    claimed_by: str | None = None
    claimed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    account_id: str | None = Field(default=None, foreign_key="account.id", index=True)
    verified: bool = False
    language: str | None = None
    needs_human: bool = Field(default=False, index=True)
    needs_human_reasons: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    priority: int = Field(default=0, index=True)
    # A bit per intent of the current triage: the queue's intent filter. The server default
    # is migration 0013's, which added the column to rows already stored.
    intent_mask: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    assigned_to: str | None = Field(default=None, index=True)
    parsed: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


# The collectors' queue (migrations 0090 and 0013): it sorts by (needs_human DESC, priority
# DESC, received_at, id) and filters on the other columns; with all of them in one index a
# page is read from the index alone. The second index serves one state (or the to-do states)
# and the counts per state. Declared after the class: a descending column is an expression
# on the column, which `__table_args__` cannot name yet.
Index(
    "ix_message_queue",
    col(Message.needs_human).desc(),
    col(Message.priority).desc(),
    "received_at",
    "id",
    "state",
    "direction",
    "language",
    "account_id",
    "assigned_to",
    "intent_mask",
)
# The workers' queue (agent/worker.py): the oldest waiting messages, read in order off a
# partial index of the waiting ones alone, so a claim costs the same with ten thousand
# waiting as with ten (migration 0019). A partial index serves a query whose WHERE repeats
# its condition word for word (MESSAGE_IS_WAITING).
WAITING_STATES = (MessageState.received, MessageState.parsed)  # the workers' to-do
WAITING_STATE = f"state IN ({', '.join(repr(str(s)) for s in WAITING_STATES)})"
MESSAGE_IS_WAITING = f"{WAITING_STATE} AND direction = 'inbound'"
Index(
    "ix_message_waiting",
    col(Message.received_at),
    col(Message.id),
    sqlite_where=text(MESSAGE_IS_WAITING),
    postgresql_where=text(MESSAGE_IS_WAITING),
)
Index(
    "ix_message_state_queue",
    "state",
    "direction",
    col(Message.needs_human).desc(),
    col(Message.priority).desc(),
    "received_at",
    "id",
    "language",
    "account_id",
    "assigned_to",
    "intent_mask",
)


class TriageResult(SQLModel, table=True):
    """What a model concluded about a message; the newest with `current` is the one in force."""

    __table_args__ = (
        # The current triage per message (the queue's intents), migration 0090.
        Index("ix_triageresult_current", "message_id", "current"),
        # The intent filter reads the intents' JSON text from this index, not the wide rows;
        # SQLite only: PostgreSQL's json type has no b-tree operators.
        Index("ix_triageresult_intents", "current", "intents", "message_id").ddl_if(
            dialect="sqlite"
        ),
    )
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    current: bool = True
    model: str  # local | openai | hybrid:local | hybrid:openai | fallback:local
    model_version: str = ""
    prompt_version: str = ""
    intents: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    confidence: float = 0.0
    language: str | None = None
    account_id: str | None = None
    verified: bool = False
    facts: dict[str, Any] = Field(default_factory=empty_dict, sa_type=JSON)  # the Triage, dumped
    evidence: list[dict[str, Any]] = Field(default_factory=empty_list, sa_type=JSON)
    needs_human: bool = False
    needs_human_reasons: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    llm_calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: float = 0.0
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ToolCall(SQLModel, table=True):
    """Append-only audit of every tool call, allowed or refused, and why."""

    __table_args__ = (UniqueConstraint("idempotency_key"),)
    id: int | None = Field(default=None, primary_key=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    idempotency_key: str
    tool: str = Field(index=True)
    arguments: dict[str, Any] = Field(default_factory=empty_dict, sa_type=JSON)
    result: dict[str, Any] = Field(default_factory=empty_dict, sa_type=JSON)
    allowed: bool = True
    refusal_reason: str | None = None
    actor: str = "agent"  # agent | a collector's username
    model: str = ""
    prompt_version: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Draft(SQLModel, table=True):
    __table_args__ = (
        Index("ix_draft_message_state", "message_id", "state"),  # migration 0090
        # A buyer's message cancels the follow-ups waiting for approval (agent/followup.py):
        # found among the few of that state and kind, not among every pending draft. State
        # leads, so it serves what the plain state index served (replaced in 0019), and no
        # query by message and kind is drawn to it.
        Index("ix_draft_state_kind", "state", "kind", "created_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    kind: str = "reply"  # reply | follow_up | dispute_notice
    state: str = Field(default=DraftState.pending)
    language: str = "en"
    to_addr: str = ""
    cc_addrs: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    subject: str = ""
    body: str = ""
    original_body: str = ""  # as drafted, before a collector's edits
    edited: bool = False
    flagged: bool = False
    flag_reason: str | None = None
    template: str | None = None
    outgoing_message_id: str | None = Field(default=None, index=True)
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=empty_list, sa_type=JSON)
    rejected_reason: str | None = None
    approved_by: str | None = None
    approved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    send_attempts: int = 0
    error: str | None = None
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DraftAttachment(SQLModel, table=True):
    """A file sent with a draft; `content` is made from `source` when first needed.

    `source` says what to render (an invoice's copy, an account's statement, in which
    language); the bytes are made when a collector opens the file or approves the draft,
    and kept from then on, so what is sent is what was seen (agent/draft/attachments.py).
    """

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="draft.id", index=True)
    filename: str
    content_type: str = "application/pdf"
    kind: str = "invoice_copy"  # invoice_copy | statement
    content: bytes | None = Field(default=None, sa_type=LargeBinary)
    source: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class Correction(SQLModel, table=True):
    """A collector's correction of a triage: a label the local model learns from."""

    id: int | None = Field(default=None, primary_key=True)
    message_id: int = Field(foreign_key="message.id", index=True)
    field: str  # intents | invoices | promise | dispute_reason | language | account
    old_value: Any = Field(default=None, sa_type=JSON)
    new_value: Any = Field(default=None, sa_type=JSON)
    username: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ActivityEvent(SQLModel, table=True):
    """Who did what, when: every human action (approve, edit, reject, close, undo...)."""

    # A case's history is read by its targets (the message and its drafts): migration 0020.
    __table_args__ = (Index("ix_activityevent_target", "target_type", "target_id"),)
    id: int | None = Field(default=None, primary_key=True)
    actor: str
    action: str = Field(index=True)
    target_type: str
    target_id: str
    details: dict[str, Any] = Field(default_factory=empty_dict, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)


class MailboxCursor(SQLModel, table=True):
    """Where the IMAP listener is in one mailbox folder."""

    __table_args__ = (UniqueConstraint("mailbox", "folder"),)
    id: int | None = Field(default=None, primary_key=True)
    mailbox: str
    folder: str = "INBOX"
    uidvalidity: int | None = None
    last_uid: int = 0
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, index=True)
    display_name: str = ""
    password_hash: str
    role: str = "collector"  # collector | manager | admin
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class ApiToken(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True)
    name: str
    token_hash: str = Field(unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_used_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class EvalRun(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    dataset: str
    dataset_hash: str
    model: str
    model_version: str = ""
    prompt_version: str = ""
    n_cases: int = 0
    metrics: dict[str, Any] = Field(default_factory=empty_dict, sa_type=JSON)
    cases: list[dict[str, Any]] = Field(default_factory=empty_list, sa_type=JSON)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
