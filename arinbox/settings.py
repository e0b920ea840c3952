"""The one settings object, read from the environment and `.env`.

Every knob of arinbox lives here so an operator has one place to look. Names are
`ARINBOX_*`, except the variables other tools already made conventional
(`OPENAI_API_KEY`, `OPENAI_BASE_URL`, `CHROMA_URL`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration for every arinbox process."""

    model_config = SettingsConfigDict(
        env_prefix="ARINBOX_", env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    environment: Literal["development", "test", "production"] = "development"
    data_dir: Path = Path("var")
    database_url: str = ""  # empty: SQLite file in data_dir

    # Our side of the mailbox.
    company_name: str = "Northwind Supply GmbH"
    ar_mailbox: str = "ar@northwind.example"
    ar_display_name: str = "Accounts Receivable"

    # Triage model.
    model: Literal["local", "openai", "hybrid"] = "local"
    openai_model: str = "gpt-4o-mini"
    openai_api_key: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("ARINBOX_OPENAI_API_KEY", "OPENAI_API_KEY")
    )
    openai_base_url: str | None = Field(
        default=None, validation_alias=AliasChoices("ARINBOX_OPENAI_BASE_URL", "OPENAI_BASE_URL")
    )
    openai_timeout_s: float = 30.0
    openai_temperature: float = 0.0
    openai_max_retries: int = 4
    azure_openai_endpoint: str | None = Field(
        default=None,
        validation_alias=AliasChoices("ARINBOX_AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_ENDPOINT"),
    )
    azure_openai_api_version: str = "2024-10-21"
    hybrid_confidence_threshold: float = 0.8
    chroma_url: str | None = Field(
        default=None, validation_alias=AliasChoices("ARINBOX_CHROMA_URL", "CHROMA_URL")
    )

    # Policy (see docs/policy.md).
    promise_grace_days: int = 3
    payment_claim_hold_days: int = 7
    max_promise_horizon_days: int = 60

    # Dunning hand-off: webhooks to the system that sends reminders (docs/dunning.md).
    webhook_urls: list[str] = Field(default_factory=list)
    webhook_secret: SecretStr | None = None
    webhook_max_attempts: int = 8
    # Dispute routing: reason → internal team; anything unlisted goes to `other`.
    dispute_routing: dict[str, str] = Field(
        default_factory=lambda: {
            "pricing": "sales",
            "quantity": "logistics",
            "damaged": "logistics",
            "not_received": "logistics",
            "duplicate": "billing",
            "tax": "billing",
            "quality": "sales",
            "other": "billing",
        }
    )
    ledger_drop_dir: Path | None = None
    schedule_interval_s: float = 60.0

    # Invoice copies: a folder of PDFs named by invoice number; empty renders from the ledger.
    invoice_pdf_dir: Path | None = None

    # Limits on what a buyer can send us.
    max_message_bytes: int = 25 * 1024 * 1024
    max_attachments: int = 50
    max_attachment_bytes: int = 20 * 1024 * 1024
    max_header_bytes: int = 64 * 1024

    # OCR of scanned and photographed documents (a remittance advice without a text layer):
    # on when Tesseract is installed, with the language packs of these that it has.
    ocr: bool = True
    ocr_command: str = "tesseract"
    ocr_languages: str = "eng+deu+fra+spa+ita+nld"
    ocr_timeout_s: float = 20.0

    # IMAP (one mailbox from the environment; several from `arinbox.toml`).
    imap_host: str | None = None
    imap_port: int = 993
    imap_user: str | None = None
    imap_password: SecretStr | None = None
    imap_folder: str = "INBOX"
    imap_tls: Literal["ssl", "starttls", "none"] = "ssl"
    imap_mark: Literal["keyword", "move"] = "keyword"
    imap_keyword: str = "$ArinboxSeen"
    imap_move_to: str = "Arinbox/Processed"
    imap_set_seen: bool = False
    imap_oauth2_token_command: str | None = None
    imap_oauth2_token_file: Path | None = None
    mailboxes_file: Path = Path("arinbox.toml")

    # SMTP.
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_tls: Literal["ssl", "starttls", "none"] = "starttls"
    smtp_append_sent: bool = True
    smtp_sent_folder: str = "Sent"

    # Web.
    secret_key: SecretStr = SecretStr("development-only-secret-change-me")
    host: str = "127.0.0.1"
    port: int = 8000
    log_json: bool = False
    log_level: str = "INFO"

    @property
    def resolved_database_url(self) -> str:
        """The SQLAlchemy URL, defaulting to a SQLite file in the data folder."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'arinbox.sqlite').as_posix()}"

    def check_production(self) -> None:
        """Refuse the development secret outside development."""
        if (
            self.environment == "production"
            and self.secret_key.get_secret_value() == "development-only-secret-change-me"
        ):
            raise ValueError("ARINBOX_SECRET_KEY must be set in production")


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings (tests build their own `Settings` instead)."""
    return Settings()
