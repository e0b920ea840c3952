"""OAuth2 access tokens for IMAP and SMTP (XOAUTH2), kept fresh by the operator.

arinbox does not run the OAuth2 dance itself: an operator's command prints a current
access token (for example a small script around MSAL or google-auth), or a file holds
one that a timer refreshes. The token is read again on every login.
"""

from __future__ import annotations

import base64
import shlex
import subprocess
from collections.abc import Callable
from pathlib import Path


class OAuth2TokenError(RuntimeError):
    """Raised when no access token could be read from the command or the file."""


def read_access_token(
    *, command: str | None = None, file: Path | None = None, timeout_s: float = 30.0
) -> str:
    """A current access token from `command` (its stdout) or `file` (its content)."""
    if command:
        try:
            done = subprocess.run(  # noqa: S603  (the operator's own command, no shell)
                shlex.split(command),
                capture_output=True,
                text=True,
                timeout=timeout_s,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise OAuth2TokenError(f"token command failed: {exc}") from exc
        if done.returncode != 0:
            raise OAuth2TokenError(
                f"token command exited {done.returncode}: {done.stderr.strip()[:300]}"
            )
        token = done.stdout.strip()
    elif file is not None:
        try:
            token = file.read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise OAuth2TokenError(f"token file unreadable: {exc}") from exc
    else:
        raise OAuth2TokenError("no token command or token file configured")
    if not token:
        raise OAuth2TokenError("the access token is empty")
    return token


def xoauth2_string(user: str, token: str, vendor: str | None = None) -> str:
    """The SASL XOAUTH2 initial response, before base64 encoding."""
    text = f"user={user}\1auth=Bearer {token}\1"
    if vendor:
        text += f"vendor={vendor}\1"
    return text + "\1"


def smtp_xoauth2_authobject(user: str, token: str) -> Callable[..., str]:
    """An `smtplib.SMTP.auth` authobject for XOAUTH2.

    smtplib calls it with None for the initial response; a server that refuses the token
    sends a base64 JSON error as a challenge, answered with an empty line to end the
    exchange so the server's 5xx reply reaches the caller.
    """

    def authobject(challenge: bytes | None = None) -> str:
        if challenge is None:
            return xoauth2_string(user, token)
        return ""

    return authobject


def decode_xoauth2(encoded: str) -> tuple[str, str]:
    """(user, token) from a base64 XOAUTH2 response; what a server (or a test) reads."""
    text = base64.b64decode(encoded).decode("utf-8")
    fields = dict(part.split("=", 1) for part in text.split("\1") if "=" in part)
    return fields.get("user", ""), fields.get("auth", "").removeprefix("Bearer ")
