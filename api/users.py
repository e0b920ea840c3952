"""Users and API tokens: creating them, and checking a password or a token."""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from records.inbox import ApiToken, User
from records.types import utcnow

ROLES = ("collector", "manager", "admin")
# What each role may do on top of the roles below it.
ROLE_RANK = {"collector": 0, "manager": 1, "admin": 2}
TOKEN_PREFIX = "arb_"
LAST_USED_EVERY = timedelta(minutes=5)

_hasher = PasswordHasher()
# Checked against when the username is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash("not-a-password")


class UserError(ValueError):
    """A user or token that cannot be created as asked."""


def has_role(user: User, role: str) -> bool:
    """Whether `user` has `role` or a higher one."""
    return ROLE_RANK.get(user.role, -1) >= ROLE_RANK[role]


def create_user(
    *, session: Session, username: str, password: str, role: str, display_name: str = ""
) -> User:
    username = username.strip()
    if not username:
        raise UserError("a username is required")
    if role not in ROLES:
        raise UserError(f"role must be one of {', '.join(ROLES)}")
    if len(password) < 8:
        raise UserError("a password needs at least 8 characters")
    if session.exec(select(User).where(User.username == username)).first() is not None:
        raise UserError(f"user {username!r} already exists")
    user = User(
        username=username,
        display_name=display_name or username,
        password_hash=_hasher.hash(password),
        role=role,
    )
    session.add(user)
    session.flush()
    return user


def authenticate(*, session: Session, username: str, password: str) -> User | None:
    """The active user with this username and password, else None."""
    user = session.exec(select(User).where(User.username == username.strip())).first()
    if user is None or not user.active:
        with contextlib.suppress(VerificationError):
            _hasher.verify(_DUMMY_HASH, password)
        return None
    try:
        _hasher.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
        session.add(user)
    return user


def _token_hash(token: str) -> str:
    # Tokens are long and random, so a plain digest is enough (no need for a slow hash).
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(*, session: Session, username: str, name: str) -> str:
    """A new API token for `username`; the plain token is returned once and never stored."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise UserError(f"no user named {username!r}")
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id or 0, name=name, token_hash=_token_hash(token)))
    session.flush()
    return token


def user_for_token(*, session: Session, token: str) -> User | None:
    row = session.exec(select(ApiToken).where(ApiToken.token_hash == _token_hash(token))).first()
    if row is None:
        return None
    user = session.get(User, row.user_id)
    if user is None or not user.active:
        return None
    now = utcnow()
    # At most one write per token per few minutes: a busy integration must not turn every
    # read into a write (SQLite has one writer at a time).
    if row.last_used_at is None or now - row.last_used_at > LAST_USED_EVERY:
        row.last_used_at = now
        session.add(row)
    return user
