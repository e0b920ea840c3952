"""Prompt texts and reply templates, versioned as files.

This package is data: it imports nothing of ours. `VERSION` names the template set
in force; every draft records it (`Draft.template`), so a reply can be traced to the
exact wording it was made from.
"""

from __future__ import annotations

from pathlib import Path

PROMPTS_DIR = Path(__file__).parent
REPLIES_DIR = PROMPTS_DIR / "replies"


def version() -> str:
    """The version of the reply templates, e.g. `replies-2026-11-23.1`."""
    return (PROMPTS_DIR / "VERSION").read_text(encoding="utf-8").strip()
