"""The operator's view: readiness and Prometheus metrics."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.registry import CollectorRegistry
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError

from api.metrics import RecordsCollector

router = APIRouter(tags=["operations"])


@router.get("/readyz")
def readyz(request: Request, response: Response) -> dict[str, object]:
    """Ready when the database answers and its schema is at the newest migration."""
    engine: Engine = request.app.state.engine
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
            current = _current_heads(conn)
    except SQLAlchemyError as exc:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {"ready": False, "database": f"unavailable: {type(exc).__name__}"}
    expected = _script_heads()
    if current != expected:
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return {
            "ready": False,
            "migrations": {"current": sorted(current), "expected": sorted(expected)},
        }
    return {"ready": True}


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    registry = getattr(request.app.state, "metrics_registry", None)
    if registry is None:
        registry = CollectorRegistry(auto_describe=False)
        registry.register(RecordsCollector(request.app.state.engine))
        request.app.state.metrics_registry = registry
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)


def _current_heads(conn: object) -> set[str]:
    from alembic.runtime.migration import MigrationContext

    return set(MigrationContext.configure(conn).get_current_heads())  # type: ignore[arg-type]


def _script_heads() -> set[str]:
    from alembic.script import ScriptDirectory

    from records.db import alembic_config

    return set(ScriptDirectory.from_config(alembic_config("sqlite://")).get_heads())
