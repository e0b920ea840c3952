"""The triage model interface and the factory that picks a backend from settings."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, Protocol, TypeGuard

from agent.context import AccountContext
from agent.references import Reference
from agent.schema import AccountMatch, ParsedMessage, Triage
from arinbox.settings import Settings

log = logging.getLogger(__name__)


class TriageModel(Protocol):
    """A backend that reads one message in its account context and returns a Triage."""

    name: str
    version: str

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage: ...


class ActingModel(TriageModel, Protocol):
    """A backend that calls the tools itself as it triages (the LLM)."""

    def run(self, *args: Any) -> Any: ...


def acts_as_it_triages(model: TriageModel) -> TypeGuard[ActingModel]:
    """A backend with `run` (the LLM) calls tools itself and may take seconds per message."""
    return hasattr(model, "run")


def warm_up_model(model: TriageModel) -> None:
    """Let the backend load now what it would load on its first message, if it has any.

    A failure is only logged: the first message tries again, and fails there visibly.
    """
    prepare = getattr(model, "warm_up", None)
    if prepare is None:
        return
    try:
        prepare()
    except Exception:  # noqa: BLE001
        log.warning("warming up the %s model failed", model.name, exc_info=True)


def build_model(settings: Settings, kind: str | None = None) -> TriageModel:
    """The backend named by `kind` (default: settings.model); heavy imports stay lazy."""
    kind = kind or settings.model
    if kind == "local":
        from agent.local.model import load_local_model

        return load_local_model(settings)
    if kind in ("openai", "hybrid"):
        from agent.llm.factory import build_llm_model

        return build_llm_model(settings, hybrid=(kind == "hybrid"))
    raise ValueError(f"unknown model backend {kind!r}: use local, openai or hybrid")
