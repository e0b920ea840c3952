"""What a tool knows about the message it acts for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlmodel import Session

from arinbox.settings import Settings
from records.inbox import Message


@dataclass
class ToolContext:
    """One message's scope: the tools may only touch this account's records."""

    session: Session
    message: Message | None
    account_id: str | None
    verified: bool
    received_at: datetime
    settings: Settings
    actor: str = "agent"  # agent | a collector's username
    model: str = ""
    prompt_version: str = ""
    invoice_numbers: frozenset[str] = field(default_factory=frozenset)

    @property
    def message_pk(self) -> int | None:
        return self.message.id if self.message is not None else None

    @property
    def received_date(self) -> date:
        """The day the e-mail arrived: relative limits (horizon, holds) count from here."""
        return self.received_at.date()
