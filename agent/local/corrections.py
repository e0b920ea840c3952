"""Collectors' corrections as labels: fed to the memory at once, folded in at retrain.

`records.inbox.Correction` rows are written by the review workflow (any process). The
local model pulls rows it has not seen before each triage (one indexed query), so a
correction made in the web UI changes the next similar message in the worker at once.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlmodel import Session, col, select

from agent.local.corpus import Example, example_from_parsed
from agent.schema import DISPUTE_REASONS, INTENTS, ParsedMessage
from records.inbox import Correction, Message, TriageResult

if TYPE_CHECKING:
    from agent.local.memory import CorrectionMemory

log = logging.getLogger(__name__)
LABEL_FIELDS = ("intents", "dispute_reason", "language")
PULL_INTERVAL_S = 0.5


@dataclass(frozen=True)
class CorrectedMessage:
    """A message with the labels a collector settled on."""

    message_id: int
    parsed: ParsedMessage
    intents: list[str]
    dispute_reason: str | None
    language: str | None

    @property
    def key(self) -> str:
        return f"message-{self.message_id}"


def corrected_messages(
    session: Session, message_ids: set[int] | None = None
) -> list[CorrectedMessage]:
    """Every message with an intents, reason or language correction (the latest wins)."""
    query = select(Correction).where(col(Correction.field).in_(LABEL_FIELDS))
    if message_ids is not None:
        query = query.where(col(Correction.message_id).in_(message_ids))
    latest: dict[int, dict[str, Any]] = {}
    for row in session.exec(query.order_by(col(Correction.id))):
        latest.setdefault(row.message_id, {})[row.field] = row.new_value
    result: list[CorrectedMessage] = []
    for message_id in sorted(latest):
        labels = latest[message_id]
        message = session.get(Message, message_id)
        if message is None or not message.parsed:
            continue
        intents = labels.get("intents")
        if intents is None:
            current = session.exec(
                select(TriageResult).where(
                    TriageResult.message_id == message_id, col(TriageResult.current).is_(True)
                )
            ).first()
            intents = list(current.intents) if current else []
        intents = [i for i in INTENTS if i in set(intents)]
        if not intents:
            continue
        reason = labels.get("dispute_reason")
        result.append(
            CorrectedMessage(
                message_id=message_id,
                parsed=ParsedMessage.model_validate(message.parsed),
                intents=intents,
                dispute_reason=reason if reason in DISPUTE_REASONS else None,
                language=labels.get("language"),
            )
        )
    return result


def corrected_examples(session: Session) -> list[Example]:
    """The corrected messages as training examples (for `arinbox model retrain`)."""
    return [
        example_from_parsed(
            c.key,
            c.parsed,
            {
                "intents": c.intents,
                "dispute_reason": c.dispute_reason,
                "language": c.language or c.parsed.language,
            },
        )
        for c in corrected_messages(session)
    ]


class CorrectionFeed:
    """Pulls correction rows newer than the last one seen into the memory."""

    def __init__(self, database_url: str, interval_s: float = PULL_INTERVAL_S) -> None:
        self._url = database_url
        self._last_id = 0
        self._interval_s = interval_s
        self._next_pull = 0.0

    def pull(self, memory: CorrectionMemory, *, force: bool = False) -> int:
        """Remember the messages corrected since the last pull; returns how many.

        At most one query per `interval_s` (a correction is in force within that time),
        unless `force`.
        """
        from records.db import engine_for

        now = time.monotonic()
        if not force and now < self._next_pull:
            return 0
        self._next_pull = now + self._interval_s

        with Session(engine_for(self._url)) as session:
            rows = session.exec(
                select(Correction.id, Correction.message_id)
                .where(col(Correction.id) > self._last_id)
                .where(col(Correction.field).in_(LABEL_FIELDS))
                .order_by(col(Correction.id))
            ).all()
            if not rows:
                return 0
            changed = {message_id for _, message_id in rows}
            fresh = corrected_messages(session, changed)
        for c in fresh:
            memory.remember(c.key, c.parsed.subject, c.parsed.new_text, c.intents, c.dispute_reason)
        self._last_id = max(int(row_id or 0) for row_id, _ in rows)
        log.info("corrections pulled", extra={"messages": len(fresh), "last_id": self._last_id})
        return len(fresh)
