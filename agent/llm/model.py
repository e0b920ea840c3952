"""The `openai` triage backend: one conversation per message, tools through our policy.

Round trip 1: the model reads the e-mail and calls the action tools and `submit_triage`
together. Round trip 2 (only when a reply is due): it writes the reply, which is checked
against the records before it replaces the template draft. Everything the model asks
for goes through `tools.registry.call_tool`, so it meets the same policy and audit as
the local model. A failure that outlasts the retries falls back to the local model.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import openai
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    BaseMessage,
    HumanMessage,
    SystemMessage,
    ToolMessage,
)
from pydantic import ValidationError
from sqlmodel import Session

from agent.context import AccountContext
from agent.llm.messages import PROMPT_VERSION, build_messages, email_block, prompt_text
from agent.llm.retry import RetryPolicy, call_with_retries, describe
from agent.llm.submission import SUBMIT, TriageSubmission, compact_schema, submit_tool_schema
from agent.references import Reference
from agent.schema import AccountMatch, ParsedMessage, Triage
from agent.triage import TriageModel, warm_up_model
from arinbox.settings import Settings
from records.inbox import Message
from tools.context import ToolContext
from tools.registry import TOOLS, ToolOutcome, call_tool

log = logging.getLogger(__name__)


class ModelBehaviorError(RuntimeError):
    """The model answered, but not usably (no triage, or malformed twice)."""


@dataclass
class Usage:
    llm_calls: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    retries: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "llm_calls": self.llm_calls,
            "tokens_in": self.tokens_in,
            "tokens_out": self.tokens_out,
            "retries": self.retries,
        }


@dataclass
class ModelRun:
    """One message's model run: the triage, the tool calls it made, the conversation."""

    triage: Triage
    outcomes: list[ToolOutcome] = field(default_factory=list)
    acted: bool = False  # True: the model's tool calls are the actions
    messages: list[BaseMessage] = field(default_factory=list)
    usage: Usage = field(default_factory=Usage)
    email_block: str = ""  # the buyer's e-mail as the model saw it, for the letter
    savepoint: Any = None  # the model's writes, until the pipeline keeps or drops them


def tool_schemas() -> list[dict[str, Any]]:
    """Our tools in the OpenAI function format, then `submit_triage`; stable order for caching."""
    schemas: list[dict[str, Any]] = [
        {
            "type": "function",
            "function": {
                "name": spec.name,
                "description": spec.description,
                "parameters": compact_schema(spec.args_model.model_json_schema()),
            },
        }
        for spec in TOOLS.values()
    ]
    schemas.append(submit_tool_schema())
    return schemas


class LLMTriageModel:
    """An LLM that triages and acts; `fallback` answers when the model cannot."""

    name = "openai"

    def __init__(
        self,
        chat: BaseChatModel,
        *,
        settings: Settings,
        fallback: TriageModel | None,
        retry: RetryPolicy | None = None,
        max_steps: int = 3,
        similar: Callable[[ParsedMessage], list[str]] | None = None,
    ) -> None:
        self.chat = chat
        self.settings = settings
        self.fallback = fallback
        self.retry = retry or RetryPolicy(attempts=settings.openai_max_retries)
        self.max_steps = max_steps
        self.similar = similar
        self.version = f"{settings.openai_model}"
        self._bound = chat.bind_tools(tool_schemas())

    def warm_up(self) -> None:
        """The fallback (and the similar-message memory it holds) is loaded before mail."""
        if self.fallback is not None:
            warm_up_model(self.fallback)

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage:
        """Triage without acting (no session): the submission alone."""
        raise NotImplementedError("the openai backend acts as it triages: use run()")

    def run(
        self,
        session: Session,
        message: Message,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
    ) -> ModelRun:
        """Triage and act; on a failure past the retries, the fallback model (flagged)."""
        usage = Usage()
        savepoint = session.begin_nested()
        try:
            run = self._converse(session, message, parsed, match, context, usage)
        except (openai.OpenAIError, ModelBehaviorError) as exc:
            # Nothing the failed conversation wrote survives: the fallback starts clean.
            savepoint.rollback()
            return self._fall_back(parsed, match, refs, context, message.received_at, usage, exc)
        # Left open: the pipeline commits it, or rolls it back when the case turns out to
        # need a collector (then nothing is recorded, as with the local model).
        run.savepoint = savepoint
        return run

    def _converse(
        self,
        session: Session,
        message: Message,
        parsed: ParsedMessage,
        match: AccountMatch,
        context: AccountContext,
        usage: Usage,
    ) -> ModelRun:
        ctx = ToolContext(
            session=session,
            message=message,
            account_id=match.account_id,
            # A failed SPF/DKIM/DMARC check means the From address may be forged.
            verified=match.verified and not parsed.auth_failed,
            received_at=message.received_at,
            settings=self.settings,
            model=f"openai:{self.version}",
            prompt_version=PROMPT_VERSION,
            invoice_numbers=frozenset(inv.number for inv in context.invoices),
        )
        examples = self.similar(parsed) if self.similar is not None else []
        messages = build_messages(parsed, match, context, message.received_at, examples)
        submission: TriageSubmission | None = None
        outcomes: list[ToolOutcome] = []
        repairs = 0
        for _ in range(self.max_steps):
            ai = self._invoke(messages, usage)
            messages.append(ai)
            for call in ai.tool_calls:
                if call["name"] == SUBMIT:
                    try:
                        submission = TriageSubmission.model_validate(call["args"])
                        reply = "triage received"
                    except ValidationError as exc:
                        repairs += 1
                        reply = f"invalid triage, send submit_triage again: {_short(exc)}"
                else:
                    outcome = call_tool(ctx, call["name"], call["args"])
                    outcomes.append(outcome)
                    reply = _tool_reply(outcome)
                messages.append(ToolMessage(reply, tool_call_id=call["id"] or ""))
            for bad in ai.invalid_tool_calls:
                repairs += 1
                messages.append(
                    ToolMessage(
                        f"the arguments of {bad.get('name')} were not valid JSON;"
                        " send the call again",
                        tool_call_id=bad.get("id") or "",
                    )
                )
            if repairs > 1:
                raise ModelBehaviorError("malformed tool arguments or triage twice")
            if submission is not None and not ai.invalid_tool_calls:
                break
            if not ai.tool_calls and not ai.invalid_tool_calls:
                messages.append(HumanMessage(f"Call {SUBMIT} now."))
        if submission is None:
            raise ModelBehaviorError(f"no {SUBMIT} after {self.max_steps} model calls")
        triage = submission.to_triage(
            model="openai", model_version=self.version, prompt_version=PROMPT_VERSION
        )
        triage.usage = usage.as_dict()
        return ModelRun(
            triage,
            outcomes,
            acted=True,
            messages=messages,
            usage=usage,
            email_block=email_block(parsed),
        )

    def _invoke(self, messages: list[BaseMessage], usage: Usage) -> AIMessage:
        def once() -> AIMessage:
            usage.llm_calls += 1
            try:
                answer = self._bound.invoke(messages)
            except json.JSONDecodeError as exc:
                raise ModelBehaviorError(f"the server's answer was not JSON: {exc}") from exc
            if not isinstance(answer, AIMessage):
                raise ModelBehaviorError(f"unexpected answer type {type(answer).__name__}")
            return answer

        def retried() -> None:
            usage.retries += 1

        answer = call_with_retries(once, self.retry, retried)
        meta: Any = answer.usage_metadata or {}
        usage.tokens_in += int(meta.get("input_tokens", 0))
        usage.tokens_out += int(meta.get("output_tokens", 0))
        return answer

    def _fall_back(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
        usage: Usage,
        exc: BaseException,
    ) -> ModelRun:
        reason = describe(exc)
        log.warning("model failed, falling back", extra={"error": type(exc).__name__})
        if self.fallback is None:
            triage = Triage(intents=[], model="openai", flags=[f"model failed: {reason}"])
        else:
            triage = self.fallback.triage(parsed, match, refs, context, received_at)
            triage.model = f"fallback:{self.fallback.name}"
            triage.flags.append(f"the LLM failed ({reason}); triaged by the local model")
        triage.usage = usage.as_dict()
        return ModelRun(triage, acted=False, usage=usage)

    def write_reply(self, run: ModelRun, *, language: str, facts: str) -> tuple[str | None, Usage]:
        """The model's reply text continuing the conversation, or None when it fails."""
        usage = Usage()
        if not run.acted:
            return None, usage
        # A short conversation of its own: the letter needs the buyer's words and the facts,
        # not the tool definitions and account listing the triage needed.
        ask = prompt_text("reply-v1.md").format(
            language=language, company=self.settings.company_name, facts=facts
        )
        actions = "\n".join(
            f"- {o.summary}" if o.allowed else f"- refused: {o.refusal_reason}"
            for o in run.outcomes
        )
        plain = self.chat  # no tools for the letter
        messages: list[BaseMessage] = [
            SystemMessage(ask),
            HumanMessage(f"{run.email_block}\n\nWhat was done:\n{actions or '- nothing'}"),
        ]
        try:
            answer = call_with_retries(
                lambda: _count(usage, plain.invoke(messages)),
                self.retry,
                lambda: setattr(usage, "retries", usage.retries + 1),
            )
        except openai.OpenAIError as exc:
            log.warning("reply generation failed", extra={"error": type(exc).__name__})
            return None, usage
        text = answer.content if isinstance(answer.content, str) else ""
        return (text.strip() or None), usage


def _count(usage: Usage, answer: BaseMessage) -> AIMessage:
    assert isinstance(answer, AIMessage)
    usage.llm_calls += 1
    meta: Any = answer.usage_metadata or {}
    usage.tokens_in += int(meta.get("input_tokens", 0))
    usage.tokens_out += int(meta.get("output_tokens", 0))
    return answer


def _tool_reply(outcome: ToolOutcome) -> str:
    if not outcome.allowed:
        return json.dumps({"refused": outcome.refusal_reason})
    return json.dumps({"ok": True, "summary": outcome.summary, **outcome.result}, default=str)


def _short(exc: ValidationError) -> str:
    return "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors()[:5])
