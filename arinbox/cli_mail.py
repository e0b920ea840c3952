"""`arinbox listen` and `arinbox send`: the real mailbox (IMAP in, SMTP out)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the mailbox commands to the main app."""
