"""A scripted triage model for tests whose subject is not the model (outages, bombs…)."""

from __future__ import annotations

import time
from datetime import datetime

from agent.context import AccountContext
from agent.references import Reference
from agent.schema import AccountMatch, Intent, ParsedMessage, Triage


class FixedTriage:
    """Answers every message with the same intents, after `delay_s` (a model's thinking)."""

    name = "local"
    version = "scripted"

    def __init__(self, *intents: Intent, delay_s: float = 0.0) -> None:
        self.intents = list(intents)
        self.delay_s = delay_s

    def triage(
        self,
        parsed: ParsedMessage,
        match: AccountMatch,
        refs: list[Reference],
        context: AccountContext,
        received_at: datetime,
    ) -> Triage:
        if self.delay_s:
            time.sleep(self.delay_s)
        return Triage(intents=self.intents, confidence=0.9, language=parsed.language)
