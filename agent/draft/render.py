"""The Jinja2 environment over `prompts/replies`: one per language, strict about variables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache, partial
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from agent.draft.formatting import format_and_list, format_day, format_money
from prompts.files import REPLIES_DIR

_BLANK_LINES = re.compile(r"\n[ \t]*\n(?:[ \t]*\n)+")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")


@lru_cache(maxsize=16)
def environment(language: str) -> Environment:
    """Templates of `language` with its money/day/and_list filters (plain text: no escaping)."""
    env = Environment(
        loader=FileSystemLoader(REPLIES_DIR),
        undefined=StrictUndefined,
        autoescape=False,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["money"] = lambda amount, currency: format_money(amount, currency, language)
    env.filters["day"] = partial(format_day, language=language)
    env.filters["and_list"] = partial(format_and_list, language=language)
    return env


def template_name(language: str, name: str) -> str:
    return f"{language}/{name}.j2"


def render_text(language: str, template: str, **variables: Any) -> str:
    """Render `prompts/replies/<language>/<template>.j2` and tidy its blank lines."""
    env = environment(language)
    text = env.get_template(template_name(language, template)).render(**variables)
    return tidy(text)


def render_macro(language: str, template: str, macro: str, *args: Any, **variables: Any) -> str:
    """Call one macro of a template (used for subjects)."""
    env = environment(language)
    module = env.get_template(template_name(language, template)).make_module(variables)
    return tidy(str(getattr(module, macro)(*args)))


def render_letter(
    language: str,
    paragraphs: Sequence[str],
    *,
    name: str | None,
    opening: bool,
    company_name: str,
    sender_name: str,
) -> str:
    """One letter: the language's greeting, the paragraphs in order, its closing."""
    return render_text(
        language,
        "letter",
        name=name,
        opening=opening,
        paragraphs=list(paragraphs),
        company_name=company_name,
        sender_name=sender_name,
    )


def tidy(text: str) -> str:
    """No trailing spaces, at most one blank line between paragraphs, no edge blank lines."""
    text = _TRAILING_SPACE.sub("\n", text)
    return _BLANK_LINES.sub("\n\n", text).strip()
