"""Cookie sessions, CSRF tokens and the login rate limit."""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

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


class LoginRateLimiter:
    """At most `limit` failed logins per username and client address within `window_s`."""

    def __init__(self, limit: int = 5, window_s: float = 300.0) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[tuple[str, str], deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def blocked(self, username: str, address: str) -> bool:
        key = (username.strip().lower(), address)
        with self._lock:
            return len(self._recent(key, time.monotonic())) >= self.limit

    def failed(self, username: str, address: str) -> None:
        key = (username.strip().lower(), address)
        with self._lock:
            self._recent(key, time.monotonic()).append(time.monotonic())

    def succeeded(self, username: str, address: str) -> None:
        with self._lock:
            self._failures.pop((username.strip().lower(), address), None)
