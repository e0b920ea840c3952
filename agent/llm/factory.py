"""Building the `openai` and `hybrid` backends from settings."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlmodel import Session

from agent.context import AccountContext
from agent.llm.chat import make_chat_model
from agent.llm.model import LLMTriageModel, ModelRun, Usage
from agent.references import Reference
from agent.schema import AccountMatch, ParsedMessage, Triage
from agent.triage import TriageModel, warm_up_model
from arinbox.settings import Settings
from records.inbox import Message

log = logging.getLogger(__name__)


def build_llm_model(settings: Settings, *, hybrid: bool = False) -> TriageModel:
    """The LLM backend with the local model as its fallback (or, for hybrid, its first pass)."""
    from agent.local.model import load_local_model

    local = load_local_model(settings)
    llm = LLMTriageModel(
        make_chat_model(settings),
        settings=settings,
        fallback=local,
        similar=lambda parsed: similar_confirmed(local, parsed),
    )
    if hybrid:
        return HybridModel(local, llm, threshold=settings.hybrid_confidence_threshold)
    return llm


SIMILARITY_FLOOR = 0.6


def similar_confirmed(local: TriageModel, parsed: ParsedMessage) -> list[str]:
    """The collector-confirmed outcome of the most similar past message (Chroma), if close."""
    pull = getattr(local, "pull_corrections", None)
    try:
        memory = getattr(local, "memory", None)
        if pull is None or memory is None:
            return []
        pull(force=False)
        near = memory.nearest(parsed.subject, parsed.new_text)
    except Exception:  # noqa: BLE001  (examples only help; the triage goes on without them)
        log.warning("similar-message lookup failed", exc_info=True)
        return []
    if near is None or near.similarity < SIMILARITY_FLOOR:
        return []
    reason = f" (dispute reason: {near.dispute_reason})" if near.dispute_reason else ""
    return [
        f"A message {near.similarity:.0%} similar to this one was confirmed by a collector "
        f"as: {', '.join(near.intents)}{reason}."
    ]


class HybridModel:
    """The local model first; the LLM where local confidence is low, for several intents,
    or for a sender we cannot verify. Keeps LLM cost to the messages that need it."""

    name = "hybrid"

    def __init__(self, local: TriageModel, llm: LLMTriageModel, *, threshold: float) -> None:
        self.local = local
        self.llm = llm
        self.threshold = threshold
        self.version = f"{local.version}+{llm.version}"

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage:
        return self.local.triage(parsed, match, refs, context, received_at)

    def warm_up(self) -> None:
        warm_up_model(self.local)
        warm_up_model(self.llm)

    def needs_llm(self, triage: Triage, match: AccountMatch) -> bool:
        return (
            triage.confidence < self.threshold
            or len(triage.intents) > 1
            or match.account_id is None
            or not match.verified
        )

    def run(
        self,
        session: Session,
        message: Message,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
    ) -> ModelRun:
        first = self.local.triage(parsed, match, refs, context, message.received_at)
        if not self.needs_llm(first, match):
            first.model = f"hybrid:{self.local.name}"
            return ModelRun(first, acted=False, usage=Usage())
        run = self.llm.run(session, message, parsed, match, refs, context)
        run.triage.model = f"hybrid:{run.triage.model}"
        return run

    def write_reply(self, run: ModelRun, *, language: str, facts: str) -> tuple[str | None, Usage]:
        return self.llm.write_reply(run, language=language, facts=facts)
