"""`arinbox demo`: seed the demo ledger and mailbox, process them offline, serve the UI."""

from __future__ import annotations

import logging
from datetime import datetime
from email.parser import BytesHeaderParser
from email.utils import parsedate_to_datetime
from importlib import resources
from pathlib import Path

import typer
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from arinbox.runtime import start
from arinbox.settings import Settings
from connectors.ledger_import import import_ledger_file
from records.store import store_raw_message

log = logging.getLogger(__name__)

DEMO_USERS = (("collector", "collector"), ("manager", "manager"), ("admin", "admin"))


def demo_data_dir() -> Path:
    return Path(str(resources.files("arinbox") / "demo_data"))


def seed_demo(engine: Engine) -> tuple[int, int]:
    """Import the demo ledger and store the demo mailbox; return (stored, already known)."""
    data = demo_data_dir()
    stored = known = 0
    with Session(engine) as session:
        import_ledger_file(session, data / "ledger.json")
        for path in sorted((data / "mailbox").glob("*.eml")):
            raw = path.read_bytes()
            _, created = store_raw_message(
                session, raw, source="file", received_at=_date_header(raw)
            )
            stored += created
            known += not created
        session.commit()
    return stored, known


def _date_header(raw: bytes) -> datetime | None:
    """The demo's messages arrive when their Date header says, so relative dates make sense."""
    value = BytesHeaderParser().parsebytes(raw).get("Date")
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(str(value))
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else None


def ensure_demo_users(engine: Engine) -> None:
    """The demo's collector, manager and admin (password: NAME-demo), created once."""
    from api.users import create_user
    from records.inbox import User

    with Session(engine) as session:
        for username, role in DEMO_USERS:
            if session.exec(select(User).where(User.username == username)).first() is None:
                create_user(
                    session=session, username=username, password=f"{username}-demo", role=role
                )
        session.commit()


def run_demo(*, host: str, port: int, serve: bool) -> None:
    """Seed, process with the offline model, create demo users, then serve."""
    from agent.triage import build_model
    from agent.worker import process_pending

    settings, engine = start(Settings(model="local"))
    stored, known = seed_demo(engine)
    typer.echo(f"demo mailbox: {stored} new message(s), {known} already stored")
    model = build_model(settings, "local")
    done = process_pending(engine, model=model, settings=settings)
    typer.echo(f"processed {done} message(s) with the offline model")
    ensure_demo_users(engine)
    typer.echo("demo logins: " + ", ".join(f"{u} / {u}-demo ({r})" for u, r in DEMO_USERS))
    if serve:
        import threading

        import uvicorn

        from agent.worker import run_forever
        from api.app import create_app

        # A case a collector sends through the pipeline again (a sender identified) is read
        # while the demo serves, as `arinbox worker` would do beside `arinbox serve`.
        stop = threading.Event()
        worker = threading.Thread(
            target=run_forever,
            args=(engine,),
            kwargs={"model": model, "settings": settings, "stop": stop, "idle_s": 1.0},
            name="demo-worker",
            daemon=True,
        )
        worker.start()
        typer.echo(f"serving on http://{host}:{port}")
        try:
            uvicorn.run(create_app(settings), host=host, port=port, log_config=None)
        finally:
            stop.set()
