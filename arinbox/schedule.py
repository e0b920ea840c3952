"""The periodic jobs a worker runs between messages; each is safe to run on many workers."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session

from agent.disputes import assign_unrouted
from agent.followup import check_promises
from arinbox.settings import Settings
from connectors import webhooks
from connectors.dunning_export import expire_holds
from records.types import utcnow

log = logging.getLogger(__name__)


@dataclass
class ScheduleReport:
    holds_expired: int = 0
    promises_kept: int = 0
    promises_broken: int = 0
    disputes_routed: int = 0
    webhooks_delivered: int = 0
    webhooks_failed: int = 0


def run_schedules(engine: Engine, settings: Settings, today: date | None = None) -> ScheduleReport:
    """Expire holds, settle due promises, route disputes, deliver webhooks."""
    today = today or utcnow().date()
    report = ScheduleReport()
    with Session(engine, expire_on_commit=False) as session:
        report.holds_expired = expire_holds(session, today)
        report.disputes_routed = assign_unrouted(session, settings)
        session.commit()
        promises = check_promises(session, settings, today)
        report.promises_kept, report.promises_broken = promises.kept, promises.broken
        if settings.webhook_urls:
            delivered, failed = webhooks.run_once(session, settings)
            report.webhooks_delivered, report.webhooks_failed = delivered, failed
        else:
            webhooks.fan_out(session, [])  # mark events seen: nobody to tell
    log.info("schedules ran", extra=report.__dict__)
    return report
