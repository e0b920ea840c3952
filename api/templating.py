"""Jinja2 templates with autoescape on, plus the small filters the pages use."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from api.users import has_role


def highlight(text: str, sentences: list[str]) -> Markup:
    """`text` escaped, with each evidence sentence wrapped in <mark> (matched on escaped text)."""
    out = str(escape(text))
    for sentence in sorted({s for s in sentences if s and s.strip()}, key=len, reverse=True):
        needle = str(escape(sentence.strip()))
        out = re.sub(re.escape(needle), lambda m: f"<mark>{m.group(0)}</mark>", out, count=1)
    return Markup(out)


def when(value: datetime | None) -> str:
    return value.strftime("%Y-%m-%d %H:%M") if value else ""


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.1f} %"


def task_facts(details: dict[str, Any] | None) -> str:
    """A task's details as one line ("paid date 2026-11-20 · amount 7971.94 · invoices …").

    Record ids are left out: the task links to its case, where the records are.
    """
    parts = []
    for key, value in (details or {}).items():
        if key == "id" or key.endswith("_id") or value in (None, "", [], {}):
            continue
        if isinstance(value, dict):
            shown = ", ".join(f"{k} {v}" for k, v in value.items())
        elif isinstance(value, list):
            shown = ", ".join(str(v) for v in value)
        else:
            shown = str(value)
        parts.append(f"{key.replace('_', ' ')} {shown}")
    return " · ".join(parts)


def make_templates(directory: Path) -> Jinja2Templates:
    templates = Jinja2Templates(directory=directory)
    env = templates.env
    env.autoescape = True  # every buyer-controlled string is escaped unless marked safe by us
    env.filters["highlight"] = highlight
    env.filters["when"] = when
    env.filters["percent"] = percent
    env.filters["task_facts"] = task_facts
    return templates


def render_page(request: Request, name: str, context: dict[str, Any], code: int = 200) -> Response:
    """A page with what every template needs: the user, the CSRF token, the notice."""
    templates: Jinja2Templates = request.app.state.templates
    user = getattr(request.state, "user", None)
    base = {
        "user": user,
        "csrf": getattr(request.state, "csrf", ""),
        "is_manager": user is not None and has_role(user, "manager"),
        "is_admin": user is not None and has_role(user, "admin"),
        "notice": request.query_params.get("notice", "")[:200],
    }
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=code)
