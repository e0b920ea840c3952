"""Which mailboxes to listen to: one from `ARINBOX_IMAP_*`, several from `arinbox.toml`.

`arinbox.toml` holds `[[mailboxes]]` tables with the fields of `MailboxConfig`; a secret
is better named by `password_env` (the variable that holds it) than written in the file.
"""

from __future__ import annotations

import ipaddress
import os
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, model_validator

from arinbox.settings import Settings


class MailboxConfigError(ValueError):
    """Raised when the mailbox configuration cannot be used (file, fields, duplicates)."""


class MailboxConfig(BaseModel):
    """One IMAP mailbox folder to listen to, and how to mark what was stored."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = ""  # identifies the mailbox in the database; default user@host
    host: str
    port: int = 993
    user: str
    password: SecretStr | None = None
    password_env: str | None = None
    folder: str = "INBOX"
    tls: Literal["ssl", "starttls", "none"] = "ssl"
    ca_file: Path | None = None  # a private CA for the server's certificate
    oauth2_token_command: str | None = None  # prints a fresh access token on stdout
    oauth2_token_file: Path | None = None  # holds an access token the operator keeps fresh
    oauth2_vendor: str | None = None  # Yahoo wants one in the XOAUTH2 string
    mark: Literal["keyword", "move"] = "keyword"
    keyword: str = "$ArinboxSeen"
    move_to: str = "Arinbox/Processed"
    set_seen: bool = False
    sent_folder: str = "Sent"
    use_idle: bool = True  # IDLE where the server offers it, polling otherwise
    idle_renew_s: float = Field(default=600.0, gt=0)  # well under the 29-minute limit
    idle_check_s: float = Field(default=5.0, gt=0)  # how often the IDLE loop wakes up
    poll_s: float = Field(default=30.0, gt=0)
    batch: int = Field(default=100, ge=1, le=1000)
    batch_bytes: int = Field(default=32 * 1024 * 1024, ge=1)  # bounds memory per FETCH
    timeout_s: float = Field(default=60.0, gt=0)

    @model_validator(mode="after")
    def _defaults(self) -> MailboxConfig:
        if not self.name:
            object.__setattr__(self, "name", f"{self.user}@{self.host}")
        if self.password is None and self.password_env:
            value = os.environ.get(self.password_env)
            if value is None:
                raise ValueError(f"{self.password_env} is not set (password_env of {self.name})")
            object.__setattr__(self, "password", SecretStr(value))
        return self

    @property
    def uses_oauth2(self) -> bool:
        return bool(self.oauth2_token_command or self.oauth2_token_file)

    @property
    def is_loopback(self) -> bool:
        if self.host == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.host).is_loopback
        except ValueError:
            return False


def mailbox_from_settings(settings: Settings) -> MailboxConfig | None:
    """The mailbox named by `ARINBOX_IMAP_*`, or None when no host is set."""
    if not settings.imap_host:
        return None
    if not settings.imap_user:
        raise MailboxConfigError("ARINBOX_IMAP_USER is required with ARINBOX_IMAP_HOST")
    return MailboxConfig(
        host=settings.imap_host,
        port=settings.imap_port,
        user=settings.imap_user,
        password=settings.imap_password,
        folder=settings.imap_folder,
        tls=settings.imap_tls,
        oauth2_token_command=settings.imap_oauth2_token_command,
        oauth2_token_file=settings.imap_oauth2_token_file,
        mark=settings.imap_mark,
        keyword=settings.imap_keyword,
        move_to=settings.imap_move_to,
        set_seen=settings.imap_set_seen,
        sent_folder=settings.smtp_sent_folder,
    )


def mailboxes_from_file(path: Path, settings: Settings) -> list[MailboxConfig]:
    """The `[[mailboxes]]` tables of a TOML file; settings give the defaults for marking."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise MailboxConfigError(f"{path}: {exc}") from exc
    tables = data.get("mailboxes", [])
    if not isinstance(tables, list):
        raise MailboxConfigError(f"{path}: `mailboxes` must be an array of tables")
    defaults = {
        "mark": settings.imap_mark,
        "keyword": settings.imap_keyword,
        "move_to": settings.imap_move_to,
        "set_seen": settings.imap_set_seen,
        "sent_folder": settings.smtp_sent_folder,
    }
    result = []
    for index, table in enumerate(tables):
        try:
            result.append(MailboxConfig.model_validate({**defaults, **table}))
        except ValidationError as exc:
            raise MailboxConfigError(f"{path}: mailboxes[{index}]: {exc}") from exc
    return result


def load_mailboxes(settings: Settings) -> list[MailboxConfig]:
    """Every configured mailbox: the environment's one, then those of `arinbox.toml`."""
    mailboxes: list[MailboxConfig] = []
    from_env = mailbox_from_settings(settings)
    if from_env is not None:
        mailboxes.append(from_env)
    if settings.mailboxes_file.is_file():
        mailboxes.extend(mailboxes_from_file(settings.mailboxes_file, settings))
    seen: set[tuple[str, str]] = set()
    for mailbox in mailboxes:
        key = (mailbox.name, mailbox.folder)
        if key in seen:
            raise MailboxConfigError(f"mailbox {mailbox.name} folder {mailbox.folder} twice")
        seen.add(key)
    return mailboxes
