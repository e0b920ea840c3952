"""SMTP login: password and XOAUTH2 against aiosmtpd; the OAuth2 token sources."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from pydantic import SecretStr

from arinbox.settings import Settings
from connectors.oauth2 import (
    OAuth2TokenError,
    decode_xoauth2,
    read_access_token,
    xoauth2_string,
)
from connectors.smtp_sender import (
    PermanentSendError,
    SmtpAuthError,
    SmtpConfig,
    build_email,
    deliver,
)
from records.inbox import Draft
from tests.connectors.conftest import RecordingHandler, free_port

TOKEN = "ya29.test-access-token"


class AuthHandler(RecordingHandler):
    """Records messages from authenticated sessions; XOAUTH2 for ar@northwind.example."""

    async def handle_DATA(self, server: object, session: Session, envelope: Envelope) -> str:
        if not session.authenticated:
            return "530 5.7.0 Authentication required"
        return await super().handle_DATA(server, session, envelope)

    async def auth_XOAUTH2(self, server: SMTP, args: list[str]) -> AuthResult:
        user, token = decode_xoauth2(args[1]) if len(args) > 1 else ("", "")
        return AuthResult(success=(user, token) == ("ar@northwind.example", TOKEN), handled=False)


def _password_ok(
    server: SMTP, session: object, envelope: object, mechanism: str, data: object
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"ar", b"pw")
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def auth_server() -> Iterator[tuple[AuthHandler, int]]:
    handler = AuthHandler()
    port = free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        authenticator=_password_ok,
        auth_require_tls=False,  # loopback test server only
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _message(settings: Settings):  # noqa: ANN202
    draft = Draft(message_id=1, to_addr="ap@acme.example", subject="Re: x", body="Hello")
    draft.outgoing_message_id = "<auth-test@northwind.example>"
    return build_email(draft, [], settings)


def test_no_login_is_refused_by_this_server(
    auth_server: tuple[AuthHandler, int], settings: Settings
) -> None:
    handler, port = auth_server
    with pytest.raises(PermanentSendError, match="530"):
        deliver(_message(settings), SmtpConfig(host="127.0.0.1", port=port, tls="none"), "ar@x")
    assert handler.received == []


def test_password_login(auth_server: tuple[AuthHandler, int], settings: Settings) -> None:
    handler, port = auth_server
    config = SmtpConfig(
        host="127.0.0.1", port=port, tls="none", user="ar", password=SecretStr("pw")
    )
    assert deliver(_message(settings), config, settings.ar_mailbox) == {}
    assert len(handler.received) == 1


def test_wrong_password_is_an_auth_error(
    auth_server: tuple[AuthHandler, int], settings: Settings
) -> None:
    _, port = auth_server
    config = SmtpConfig(
        host="127.0.0.1", port=port, tls="none", user="ar", password=SecretStr("no")
    )
    with pytest.raises(SmtpAuthError, match="535"):
        deliver(_message(settings), config, settings.ar_mailbox)


def test_xoauth2_with_a_token_file(
    auth_server: tuple[AuthHandler, int], settings: Settings, tmp_path: Path
) -> None:
    handler, port = auth_server
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    config = SmtpConfig(
        host="127.0.0.1",
        port=port,
        tls="none",
        user="ar@northwind.example",
        oauth2_token_file=token_file,
    )
    deliver(_message(settings), config, settings.ar_mailbox)
    assert len(handler.received) == 1


def test_xoauth2_with_a_stale_token_is_an_auth_error(
    auth_server: tuple[AuthHandler, int], settings: Settings, tmp_path: Path
) -> None:
    _, port = auth_server
    token_file = tmp_path / "token"
    token_file.write_text("expired")
    config = SmtpConfig(
        host="127.0.0.1",
        port=port,
        tls="none",
        user="ar@northwind.example",
        oauth2_token_file=token_file,
    )
    with pytest.raises(SmtpAuthError):
        deliver(_message(settings), config, settings.ar_mailbox)


def test_token_from_a_command() -> None:
    command = f"{sys.executable} -c \"print('  {TOKEN}  ')\""
    assert read_access_token(command=command) == TOKEN


def test_token_command_failure_is_reported() -> None:
    script = "import sys; sys.stderr.write('expired refresh token'); sys.exit(1)"
    command = f'{sys.executable} -c "{script}"'
    with pytest.raises(OAuth2TokenError, match="expired refresh token"):
        read_access_token(command=command)


def test_empty_or_missing_token_file(tmp_path: Path) -> None:
    (tmp_path / "empty").write_text("\n")
    with pytest.raises(OAuth2TokenError, match="empty"):
        read_access_token(file=tmp_path / "empty")
    with pytest.raises(OAuth2TokenError, match="unreadable"):
        read_access_token(file=tmp_path / "missing")
    with pytest.raises(OAuth2TokenError, match="no token"):
        read_access_token()


def test_xoauth2_string_format() -> None:
    assert xoauth2_string("a@b.example", "T") == "user=a@b.example\1auth=Bearer T\1\1"
    assert xoauth2_string("a@b.example", "T", vendor="v").endswith("vendor=v\1\1")
