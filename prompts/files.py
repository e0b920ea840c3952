"""Where the prompt files are, and the version of the reply templates."""

from __future__ import annotations

from pathlib import Path

PROMPTS_DIR = Path(__file__).parent
REPLIES_DIR = PROMPTS_DIR / "replies"
DOCUMENTS_DIR = PROMPTS_DIR / "documents"  # labels of rendered PDFs, one JSON per language


def version() -> str:
    """The version of the reply templates, e.g. `replies-2026-11-23.1`."""
    return (PROMPTS_DIR / "VERSION").read_text(encoding="utf-8").strip()
