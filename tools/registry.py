"""The tool registry and `call_tool`: validate, check policy, run once, audit.

Every call, allowed or refused, leaves one append-only `ToolCall` row. Its idempotency
key is the message, the tool and the arguments, so a call repeated after a crash (or a
model asking twice) returns the first outcome and changes nothing more.
"""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy import bindparam
from sqlmodel import select

from records.inbox import ToolCall
from records.types import storable
from tools import disputes, documents, holds, notes, payments, policy
from tools.args import (
    AddNoteArgs,
    CreateTaskArgs,
    GetInvoiceCopyArgs,
    GetStatementArgs,
    OpenDisputeArgs,
    PauseDunningArgs,
    ProposeContactChangeArgs,
    RecordPaymentClaimArgs,
    RecordPromiseArgs,
    RequestHumanArgs,
    ToolArgs,
)
from tools.context import ToolContext
from tools.result import ToolResult

log = logging.getLogger(__name__)
# Built once (docs/mailbox.md: a statement built per call costs more than its round trip).
_CALL_BY_KEY = select(ToolCall).where(ToolCall.idempotency_key == bindparam("key"))


@dataclass(frozen=True)
class ToolSpec:
    name: str
    description: str
    args_model: type[ToolArgs]
    fn: Callable[[ToolContext, Any], ToolResult]
    # Writes records an account context holds (disputes, promises, holds): after it ran,
    # a draft must read the context again to speak of what it did.
    changes_context: bool = False


@dataclass
class ToolOutcome:
    """What one call did, for the model (refusal to repair), the actor and the collector."""

    tool: str
    allowed: bool
    refusal_reason: str | None = None
    result: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    # True for a refusal by policy, an open-ended pause, request_human; False for a refusal
    # the caller can repair (invalid arguments, unknown tool).
    needs_human: bool = False
    replayed: bool = False  # the same call ran before for this message: nothing was redone
    call_id: int | None = None


def _spec(
    name: str,
    description: str,
    args_model: type[ToolArgs],
    fn: Callable[..., ToolResult],
    *,
    changes_context: bool = False,
) -> ToolSpec:
    return ToolSpec(name, description, args_model, fn, changes_context)


TOOLS: dict[str, ToolSpec] = {
    spec.name: spec
    for spec in (
        _spec(
            "open_dispute",
            "Open a dispute on each named invoice (reason and the buyer's words); pauses"
            " dunning on them until the dispute is resolved. Returns the DSP references.",
            OpenDisputeArgs,
            disputes.open_dispute,
            changes_context=True,
        ),
        _spec(
            "record_promise",
            "Record the buyer's promise to pay the named invoices on or by a date (amount"
            " null = the open amount); pauses dunning until the date plus grace days.",
            RecordPromiseArgs,
            payments.record_promise,
            changes_context=True,
        ),
        _spec(
            "record_payment_claim",
            "Record that the buyer says it has paid (date, amount, reference, invoices);"
            " creates a cash-application task and pauses dunning on those invoices briefly.",
            RecordPaymentClaimArgs,
            payments.record_payment_claim,
            changes_context=True,
        ),
        _spec(
            "pause_dunning",
            "Pause dunning on the named invoices until a date (null: until a collector"
            " ends it). Disputes, promises and payment claims already pause dunning.",
            PauseDunningArgs,
            holds.pause_dunning,
            changes_context=True,
        ),
        _spec(
            "get_invoice_copy",
            "Ask to attach PDF copies of the named invoices to the reply; returns the"
            " invoice numbers that may be attached.",
            GetInvoiceCopyArgs,
            documents.get_invoice_copy,
        ),
        _spec(
            "get_statement",
            "Ask to attach a statement of the account's open items to the reply.",
            GetStatementArgs,
            documents.get_statement,
        ),
        _spec(
            "add_note",
            "Add a note to the account (e.g. an out-of-office return date).",
            AddNoteArgs,
            notes.add_note,
        ),
        _spec(
            "propose_contact_change",
            "Propose a change of the account's AR contact; a collector applies it or not.",
            ProposeContactChangeArgs,
            notes.propose_contact_change,
        ),
        _spec(
            "create_task",
            "Create a task for a collector (payment_plan, cash_application, contact_change,"
            " review, follow_up).",
            CreateTaskArgs,
            notes.create_task,
        ),
        _spec(
            "request_human",
            "Hand the case to a collector, saying why.",
            RequestHumanArgs,
            notes.request_human,
        ),
    )
}


CONTEXT_TOOLS = frozenset(name for name, spec in TOOLS.items() if spec.changes_context)


def idempotency_key(message_pk: int | None, tool: str, args: dict[str, Any]) -> str:
    """sha256 of the message, the tool and the arguments as canonical JSON."""
    # Without a message there is nothing to repeat safely, so each call is its own.
    scope = str(message_pk) if message_pk is not None else f"none:{uuid.uuid4().hex}"
    payload = json.dumps(
        [scope, tool, args], sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def call_tool(ctx: ToolContext, name: str, args: dict[str, Any]) -> ToolOutcome:
    """Validate, check policy, run `name` once for this message, and write the audit row.

    Only an allowed call is replayed: a refused one changed nothing, so asking again
    checks again (the sender may have been verified or the ledger corrected since).
    The session is flushed, not committed: the tool's records and its audit row commit
    together with the caller's transaction, so a crash before the commit leaves neither.
    """
    spec = TOOLS.get(name)
    if spec is None:
        known = ", ".join(sorted(TOOLS))
        refusal = f"unknown tool {name!r}; the tools are: {known}"
        return _refused(ctx, name, _jsonable(args), refusal, needs_human=False)
    try:
        validated = spec.args_model.model_validate(args)
    except ValidationError as exc:
        refusal = f"invalid arguments: {_errors(exc)}"
        return _refused(ctx, name, _jsonable(args), refusal, needs_human=False)
    dumped = validated.model_dump(mode="json")
    key = idempotency_key(ctx.message_pk, name, dumped)
    previous = ctx.session.exec(_CALL_BY_KEY, params={"key": key}).first()
    if previous is not None:
        return _outcome(previous, replayed=True)
    decision = policy.check(ctx, name, validated)
    if not decision.allowed:
        return _refused(ctx, name, dumped, decision.refusal or "refused", needs_human=True)
    done = spec.fn(ctx, decision.args)
    result = {**done.result, "summary": done.summary, "needs_human": done.needs_human}
    return _audit(ctx, name, dumped, key=key, result=result, refusal=None)


def _refused(
    ctx: ToolContext, name: str, arguments: dict[str, Any], refusal: str, *, needs_human: bool
) -> ToolOutcome:
    # A refusal's row gets a key of its own, so the idempotency key stays free for the
    # call that is eventually allowed.
    key = hashlib.sha256(f"refused:{uuid.uuid4().hex}".encode()).hexdigest()
    result = {"summary": f"{name} refused: {refusal}", "needs_human": needs_human}
    return _audit(ctx, name, arguments, key=key, result=result, refusal=refusal)


def _audit(
    ctx: ToolContext,
    name: str,
    arguments: dict[str, Any],
    *,
    key: str,
    result: dict[str, Any],
    refusal: str | None,
) -> ToolOutcome:
    """Write the append-only audit row of one call and return its outcome."""
    row = ToolCall(
        message_id=ctx.message_pk,
        idempotency_key=key,
        tool=storable(name),
        arguments=storable(arguments),
        result=storable(result),
        allowed=refusal is None,
        refusal_reason=storable(refusal),
        actor=ctx.actor,
        model=ctx.model,
        prompt_version=ctx.prompt_version,
    )
    ctx.session.add(row)
    ctx.session.flush()
    log.info(
        "tool call",
        extra={
            "tool": name,
            "allowed": refusal is None,
            "message_pk": ctx.message_pk,
            "call_id": row.id,
        },
    )
    return _outcome(row, replayed=False)


def _outcome(row: ToolCall, *, replayed: bool) -> ToolOutcome:
    result = dict(row.result)
    summary = str(result.pop("summary", ""))
    needs_human = bool(result.pop("needs_human", False))
    return ToolOutcome(
        tool=row.tool,
        allowed=row.allowed,
        refusal_reason=row.refusal_reason,
        result=result,
        summary=summary,
        needs_human=needs_human,
        replayed=replayed,
        call_id=row.id,
    )


def _jsonable(args: object) -> dict[str, Any]:
    """Raw arguments as stored JSON, whatever a model sent."""
    loaded = json.loads(json.dumps(args, default=str))
    return loaded if isinstance(loaded, dict) else {"_args": loaded}


def _errors(exc: ValidationError) -> str:
    """Pydantic's messages, one per field, without the documentation links."""
    parts = []
    for err in exc.errors(include_url=False):
        where = ".".join(str(p) for p in err["loc"]) or "arguments"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)
