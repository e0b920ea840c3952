"""Failed logins, kept in the database so every web process enforces one login rate limit.

A row is one failed (or still running) login: the username as typed, folded to lower case,
and the client address. The limiter in `api.security` counts them and prunes old ones.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from records.types import UTCDateTime, utcnow

USERNAME_LENGTH = 150
ADDRESS_LENGTH = 64


class LoginFailure(SQLModel, table=True):
    __table_args__ = (
        # Counting per username and address, and per username across addresses.
        Index("ix_loginfailure_username_address", "username", "address", "failed_at"),
        Index("ix_loginfailure_failed_at", "failed_at"),  # pruning
    )

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=USERNAME_LENGTH)
    address: str = Field(max_length=ADDRESS_LENGTH)
    failed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
