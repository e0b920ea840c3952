"""IMAP XOAUTH2 against Dovecot's oauth2 passdb (tokens checked by a loopback endpoint)."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from connectors.imap_listener import ImapAuthError, ImapListener, connect
from records.inbox import Message
from tests.connectors.conftest import OAUTH2_TOKEN, DovecotServer, wait_for
from tests.utils.mail import build_raw


def test_xoauth2_login_with_a_token_file(
    dovecot: DovecotServer, folder: str, tmp_path: Path
) -> None:
    token = tmp_path / "token"
    token.write_text(OAUTH2_TOKEN + "\n")
    config = dovecot.mailbox(folder, password=None, oauth2_token_file=token)
    client = connect(config)
    try:
        assert client.select_folder(folder)[b"EXISTS"] == 0
    finally:
        client.logout()


def test_xoauth2_token_from_a_command_and_listening(
    dovecot: DovecotServer, folder: str, engine: Engine
) -> None:
    command = f"{sys.executable} -c \"print('{OAUTH2_TOKEN}')\""
    config = dovecot.mailbox(folder, password=None, oauth2_token_command=command)
    listener = ImapListener(config, engine)
    thread = threading.Thread(target=listener.run, daemon=True)
    thread.start()
    try:
        wait_for(listener.connected.is_set, what="listening with XOAUTH2")
        with dovecot.client() as client:
            client.append(folder, build_raw(message_id="<oauth@acme.example>"))
        wait_for(lambda: _count(engine) == 1, what="stored")
    finally:
        listener.stop.set()
        thread.join(timeout=10)


def test_refused_token_stops_the_listener_with_an_auth_error(
    dovecot: DovecotServer, folder: str, engine: Engine, tmp_path: Path
) -> None:
    token = tmp_path / "token"
    token.write_text("expired-token")
    config = dovecot.mailbox(folder, password=None, oauth2_token_file=token)
    with pytest.raises(ImapAuthError, match="refused"):
        ImapListener(config, engine).run()


def test_wrong_password_stops_the_listener_with_an_auth_error(
    dovecot: DovecotServer, folder: str, engine: Engine
) -> None:
    config = dovecot.mailbox(folder, password="wrong")
    with pytest.raises(ImapAuthError, match=config.name):
        ImapListener(config, engine).run()


def _count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(Message)).one()
