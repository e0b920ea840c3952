"""Prompt texts and reply templates, versioned as files.

This package is data: it imports nothing of ours. `VERSION` names the reply template set
in force; every draft records it (`Draft.template`), so a reply can be traced to the
exact wording it was made from. Code reads the files through `prompts.files`.
"""

from __future__ import annotations

from prompts.files import DOCUMENTS_DIR, PROMPTS_DIR, REPLIES_DIR, version

__all__ = ["DOCUMENTS_DIR", "PROMPTS_DIR", "REPLIES_DIR", "version"]
