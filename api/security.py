"""Cookie sessions, CSRF tokens and the login rate limit."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import ColumnElement, delete, func
from sqlmodel import Session, col, select

from records.logins import ADDRESS_LENGTH, USERNAME_LENGTH, LoginFailure
from records.types import utcnow

SESSION_COOKIE = "arinbox_session"
SESSION_MAX_AGE_S = 12 * 3600
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"


@dataclass(frozen=True)
class WebSession:
    """What the signed session cookie holds: who is logged in and the CSRF token."""

    user_id: int
    csrf: str


class SessionCodec:
    """Signs and reads the session cookie with the app's secret key."""

    def __init__(self, secret_key: str) -> None:
        self._serializer = URLSafeTimedSerializer(secret_key, salt="arinbox-session")

    def new(self, user_id: int) -> tuple[WebSession, str]:
        session = WebSession(user_id=user_id, csrf=secrets.token_urlsafe(32))
        return session, self._serializer.dumps({"u": user_id, "c": session.csrf})

    def read(self, cookie: str | None) -> WebSession | None:
        if not cookie:
            return None
        try:
            data = self._serializer.loads(cookie, max_age=SESSION_MAX_AGE_S)
        except BadSignature:  # also covers SignatureExpired
            return None
        if not isinstance(data, dict) or not isinstance(data.get("u"), int):
            return None
        return WebSession(user_id=data["u"], csrf=str(data.get("c", "")))


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(expected) and given is not None and hmac.compare_digest(expected, given)


@dataclass(frozen=True)
class Limit:
    """At most `failures` failed logins within `window`."""

    failures: int
    window: timedelta


PER_ADDRESS = Limit(5, timedelta(minutes=5))
PER_USER = Limit(20, timedelta(minutes=15))  # across addresses: stops address rotation


class LoginRateLimiter:
    """Failed logins per username and client address, and per username across addresses.

    The failures are rows in the database, so every web process sharing it enforces the same
    limits, and a restart forgets nothing. An attempt counts as a failure before its password
    is checked and is cleared by a success: parallel requests cannot slip past the limit
    while the slow password hash runs. Usernames are folded to lower case.
    """

    def __init__(self, per_address: Limit = PER_ADDRESS, per_user: Limit = PER_USER) -> None:
        self.per_address = per_address
        self.per_user = per_user

    def attempt(self, session: Session, username: str, address: str) -> bool:
        """Count this attempt as a failure until it succeeds; False (not counted) over a limit.

        Commits at once: the next attempt may come to another process. Rows older than the
        longest window are pruned here.
        """
        name, address = _key(username, address)
        now = utcnow()
        oldest = now - max(self.per_address.window, self.per_user.window)
        session.exec(delete(LoginFailure).where(col(LoginFailure.failed_at) < oldest))
        row = LoginFailure(username=name, address=address, failed_at=now)
        session.add(row)
        session.commit()
        if self._over_a_limit(session, row):
            session.delete(row)
            session.commit()
            return False
        return True

    def succeeded(self, session: Session, username: str, address: str) -> None:
        """Clear the failures of this username from this address (the caller commits)."""
        name, address = _key(username, address)
        session.exec(
            delete(LoginFailure).where(
                col(LoginFailure.username) == name, col(LoginFailure.address) == address
            )
        )

    def _over_a_limit(self, session: Session, row: LoginFailure) -> bool:
        def failures(limit: Limit, *where: ColumnElement[bool]) -> int:
            since = row.failed_at - limit.window
            count = (
                select(func.count())
                .select_from(LoginFailure)
                .where(
                    col(LoginFailure.username) == row.username,
                    col(LoginFailure.failed_at) > since,
                    *where,
                )
            )
            return session.exec(count).one()

        from_address = col(LoginFailure.address) == row.address
        return (
            failures(self.per_address, from_address) > self.per_address.failures
            or failures(self.per_user) > self.per_user.failures
        )


def _key(username: str, address: str) -> tuple[str, str]:
    return username.strip().lower()[:USERNAME_LENGTH], address[:ADDRESS_LENGTH]
