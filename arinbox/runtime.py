"""What every command needs: settings, logging and a migrated engine."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from arinbox.logs import configure_logging
from arinbox.settings import Settings, get_settings
from records.db import engine_for


def start(settings: Settings | None = None, *, connections: int = 10) -> tuple[Settings, Engine]:
    settings = settings or get_settings()
    settings.check_production()
    configure_logging(settings.log_level, settings.log_json)
    return settings, engine_for(settings.resolved_database_url, max(connections, 10))
