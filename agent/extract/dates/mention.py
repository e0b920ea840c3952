"""What a found date is: its calendar value, where it stands in the text, the kind of phrase
that named it and its role there (plain, a reference, something done, something refused).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

Direction = Literal["future", "past"]
Role = Literal["plain", "reference", "done", "refused"]


@dataclass(frozen=True)
class DateMention:
    """A date the text names, with where it stands in the text."""

    value: date
    start: int
    end: int
    text: str
    kind: str  # explicit | relative | weekday | period
    role: Role = "plain"
