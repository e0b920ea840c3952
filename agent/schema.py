"""The typed contract between parse, match, triage, tools, drafting and evals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Literal, get_args

from pydantic import BaseModel, Field

Intent = Literal[
    "dispute",
    "promise_to_pay",
    "invoice_copy_request",
    "payment_confirmation",
    "payment_plan_request",
    "statement_request",
    "contact_update",
    "auto_reply",
    "other",
]
INTENTS: tuple[Intent, ...] = get_args(Intent)
DisputeReason = Literal[
    "pricing", "quantity", "damaged", "not_received", "duplicate", "quality", "tax", "other"
]
DISPUTE_REASONS: tuple[DisputeReason, ...] = get_args(DisputeReason)
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es", "nl", "it")
UNREAD_LANGUAGE = "language not read"
# A triage flag starting so is a reason for a collector to read the message.
HUMAN_FLAGS: tuple[str, ...] = ("model failed", UNREAD_LANGUAGE)


def intent_mask(intents: Iterable[str]) -> int:
    """A bit per intent (INTENTS order), stored on the message so the queue filters fast."""
    return sum(1 << INTENTS.index(i) for i in set(intents) if i in INTENTS)  # type: ignore[arg-type]


class AttachmentInfo(BaseModel):
    filename: str
    content_type: str
    size: int = 0
    # The text of a document we read (a remittance advice: PDF, Excel, CSV, text, a scan or
    # a photograph by OCR), else "".
    text: str = ""
    ocr: bool = False  # the text was read by OCR from a scan or photograph: check the file


class ParsedMessage(BaseModel):
    """A message as the agent reads it: headers, the buyer's own text apart from the quote."""

    message_id: str | None = None
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)
    from_addr: str = ""  # lower-case address
    from_name: str = ""
    to: list[str] = Field(default_factory=list)
    cc: list[str] = Field(default_factory=list)
    reply_to: str | None = None
    subject: str = ""
    sent_at: datetime | None = None  # the Date header
    received_at: datetime
    new_text: str = ""  # what the buyer wrote in this message
    quoted_text: str = ""  # earlier messages quoted below (or above) it
    signature: str = ""
    html: str | None = None  # the original HTML part, unsanitised: sanitise before showing
    language: str = "en"  # ISO 639-1 of new_text
    attachments: list[AttachmentInfo] = Field(default_factory=list)
    auto_reply: bool = False
    auto_reply_reason: str | None = None
    # Sent by a program, not as a reply (Auto-Submitted: auto-generated): read, never answered.
    auto_generated: bool = False
    bounce: bool = False
    # A bounce's failed recipients and the Message-ID of the mail it returns (ours, maybe).
    bounced_recipients: list[str] = Field(default_factory=list)
    bounced_message_id: str | None = None
    mailing_list: bool = False  # list or bulk mail (List-*, Precedence): never answered
    auth_failed: bool = False  # SPF/DKIM/DMARC failed per Authentication-Results
    defects: list[str] = Field(default_factory=list)

    @property
    def attachment_text(self) -> str:
        """The text read from the attached documents, file after file."""
        return "\n".join(a.text for a in self.attachments if a.text)

    @property
    def machine_sent(self) -> bool:
        """Sent by a machine (an auto-reply, a program, a bounce): read, never answered."""
        return self.auto_reply or self.auto_generated or self.bounce


class AccountMatch(BaseModel):
    """Which account a message belongs to, how we know, and whether the sender is verified."""

    account_id: str | None = None
    verified: bool = False
    method: Literal["thread", "contact", "domain", "reference", "amount", "bounce", "none"] = "none"
    candidates: list[str] = Field(default_factory=list)  # other plausible accounts


class Evidence(BaseModel):
    """The buyer's own sentence that supports one conclusion."""

    field: str  # an intent name, or promise.date, dispute_reason, invoices ...
    sentence: str


class PromiseFacts(BaseModel):
    date: dt.date | None = None
    amount: Decimal | None = None  # None: the open amount of the invoices


class PaymentClaimFacts(BaseModel):
    date: dt.date | None = None
    amount: Decimal | None = None
    reference: str | None = None
    # Per invoice, the amount an attached remittance advice says was paid.
    lines: dict[str, Decimal] = Field(default_factory=dict)


class ContactUpdateFacts(BaseModel):
    new_email: str | None = None
    new_name: str | None = None
    old_email: str | None = None


class AutoReplyFacts(BaseModel):
    return_date: dt.date | None = None
    alternative_contact: str | None = None


class Triage(BaseModel):
    """A model's reading of one message, before policy decides what is done about it."""

    intents: list[Intent] = Field(default_factory=list)
    intent_scores: dict[str, float] = Field(default_factory=dict)
    confidence: float = 0.0
    invoices: list[str] = Field(default_factory=list)  # ledger invoice numbers referred to
    unknown_references: list[str] = Field(default_factory=list)  # named, not on the account
    promise: PromiseFacts | None = None
    dispute_reason: DisputeReason | None = None
    payment_claim: PaymentClaimFacts | None = None
    contact_update: ContactUpdateFacts | None = None
    auto_reply: AutoReplyFacts | None = None
    language: str = "en"
    injection_suspected: bool = False
    other_customer_data_requested: bool = False
    evidence: list[Evidence] = Field(default_factory=list)
    model: str = "local"
    model_version: str = ""
    prompt_version: str = ""
    flags: list[str] = Field(default_factory=list)  # e.g. "fell back to the local model: ..."
    usage: dict[str, int] = Field(default_factory=dict)  # llm_calls, tokens_in, tokens_out


class CaseOutcome(BaseModel):
    """What processing one message produced: the fields an eval compares with `expected`."""

    message_pk: int | None = None
    state: str
    intents: list[str]
    account: str | None
    verified: bool
    invoices: list[str]
    promise: PromiseFacts | None = None
    dispute_reason: str | None = None
    dunning_paused: bool = False
    language: str
    needs_human: bool
    needs_human_reasons: list[str] = Field(default_factory=list)
    confidence: float = 0.0
    draft_id: int | None = None
    llm_calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    error: str | None = None


class ActionTaken(BaseModel):
    """One tool call as the case page and the draft see it."""

    tool: str
    allowed: bool
    summary: str  # one line for the collector, e.g. "Dispute DSP-000012 opened on INV-1"
    refusal_reason: str | None = None
    result: dict[str, object] = Field(default_factory=dict)


class DisputeOpened(BaseModel):
    reference: str
    invoice: str
    reason: str


class ActResult(BaseModel):
    """What policy let the tools do for one triaged message, and what the reply needs."""

    actions: list[ActionTaken] = Field(default_factory=list)
    needs_human: bool = False
    needs_human_reasons: list[str] = Field(default_factory=list)
    reply: bool = False  # a draft is warranted
    disputes: list[DisputeOpened] = Field(default_factory=list)
    promise: PromiseFacts | None = None
    promise_invoices: list[str] = Field(default_factory=list)
    payment_claim: PaymentClaimFacts | None = None
    # The claim paused dunning: it named invoices on the account (one naming none pauses none).
    payment_claim_paused: bool = False
    contact_change_proposed: bool = False
    invoice_copies: list[str] = Field(default_factory=list)  # invoice numbers to attach
    statement: bool = False
    paused_invoices: list[str] = Field(default_factory=list)
