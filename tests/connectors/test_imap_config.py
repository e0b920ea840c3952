"""Mailbox configuration: the environment's mailbox and `arinbox.toml`."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr

from arinbox.settings import Settings
from connectors.mailboxes import MailboxConfigError, load_mailboxes


def _settings(tmp_path: Path, **values: object) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        environment="test",
        mailboxes_file=tmp_path / "arinbox.toml",
        **values,
    )


def test_no_mailbox_without_host_or_file(tmp_path: Path) -> None:
    assert load_mailboxes(_settings(tmp_path)) == []


def test_mailbox_from_environment(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path,
        imap_host="imap.example",
        imap_user="ar@northwind.example",
        imap_password=SecretStr("pw"),
        imap_tls="starttls",
        imap_port=143,
        imap_mark="move",
        imap_set_seen=True,
    )
    [mailbox] = load_mailboxes(settings)
    assert mailbox.name == "ar@northwind.example@imap.example"
    assert (mailbox.host, mailbox.port, mailbox.tls, mailbox.folder) == (
        "imap.example",
        143,
        "starttls",
        "INBOX",
    )
    assert mailbox.password is not None and mailbox.password.get_secret_value() == "pw"
    assert mailbox.mark == "move" and mailbox.set_seen
    assert not mailbox.uses_oauth2


def test_mailbox_from_environment_needs_a_user(tmp_path: Path) -> None:
    with pytest.raises(MailboxConfigError, match="IMAP_USER"):
        load_mailboxes(_settings(tmp_path, imap_host="imap.example"))


def test_several_mailboxes_from_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AR_DE_PASSWORD", "from-env")
    (tmp_path / "arinbox.toml").write_text(
        """
[[mailboxes]]
name = "ar-de"
host = "imap.example"
user = "ar-de@northwind.example"
password_env = "AR_DE_PASSWORD"

[[mailboxes]]
name = "ar-uk"
host = "outlook.office365.com"
user = "ar-uk@northwind.example"
oauth2_token_command = "get-token --tenant northwind"
folder = "AR"
mark = "move"
move_to = "AR/Done"
"""
    )
    settings = _settings(tmp_path, imap_keyword="$Stored")
    de, uk = load_mailboxes(settings)
    assert de.password is not None and de.password.get_secret_value() == "from-env"
    assert de.keyword == "$Stored"  # the settings give the defaults
    assert uk.uses_oauth2 and uk.folder == "AR" and uk.move_to == "AR/Done"


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ('[[mailboxes]]\nhost = "h"\n', "user"),
        ('[[mailboxes]]\nhost = "h"\nuser = "u"\ntls = "maybe"\n', "tls"),
        ('[[mailboxes]]\nhost = "h"\nuser = "u"\nunknown = 1\n', "unknown"),
        (
            '[[mailboxes]]\nhost = "h"\nuser = "u"\npassword_env = "ARINBOX_TEST_UNSET_VAR"\n',
            "not set",
        ),
        ("mailboxes = 3\n", "array of tables"),
        ("[[mailboxes]\n", "arinbox.toml"),
        ('[[mailboxes]]\nhost = "h"\nuser = "u"\n[[mailboxes]]\nhost = "h"\nuser = "u"\n', "twice"),
    ],
)
def test_bad_toml_is_a_clear_error(tmp_path: Path, text: str, match: str) -> None:
    (tmp_path / "arinbox.toml").write_text(text)
    with pytest.raises(MailboxConfigError, match=match):
        load_mailboxes(_settings(tmp_path))
