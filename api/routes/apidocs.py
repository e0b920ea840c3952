"""/docs: the OpenAPI description as a plain page served by arinbox itself (no CDN)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


def _operations(schema: dict[str, Any]) -> list[dict[str, Any]]:
    ops = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "parameters": [
                        f"{p['name']} ({p['in']}{', required' if p.get('required') else ''})"
                        for p in op.get("parameters", [])
                    ],
                    "body": _body_ref(op),
                }
            )
    return ops


def _body_ref(op: dict[str, Any]) -> str:
    content = op.get("requestBody", {}).get("content", {})
    for media in content.values():
        ref = str(media.get("schema", {}).get("$ref", ""))
        return ref.rsplit("/", 1)[-1]
    return ""


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    templates: Jinja2Templates = request.app.state.templates
    schema = request.app.openapi()
    return templates.TemplateResponse(
        request,
        "apidocs.html",
        {
            "title": schema["info"]["title"],
            "ops": _operations(schema),
            "models": schema.get("components", {}).get("schemas", {}),
        },
    )
