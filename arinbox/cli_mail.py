"""`arinbox listen` and `arinbox send`: the real mailbox (IMAP in, SMTP out)."""

from __future__ import annotations

import logging
import signal
import threading
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from arinbox.settings import Settings

log = logging.getLogger(__name__)

EXIT_CONFIG = 2
EXIT_AUTH = 3


def register(app: typer.Typer) -> None:
    """Add the mailbox commands to the main app."""
    app.command()(listen)
    app.command()(send)


def _stop_on_signals(stop: threading.Event) -> None:
    """SIGTERM and Ctrl-C end the loops cleanly (a batch in hand is committed or redone)."""

    def handler(_sig: int, _frame: FrameType | None) -> None:
        log.info("stopping")
        stop.set()

    signal.signal(signal.SIGTERM, handler)
    signal.signal(signal.SIGINT, handler)


def listen(
    with_worker: Annotated[
        bool, typer.Option("--with-worker", help="Also process stored messages in this process")
    ] = False,
    model: Annotated[
        str | None, typer.Option(help="Triage backend for --with-worker: local, openai, hybrid")
    ] = None,
    mailbox: Annotated[
        list[str] | None, typer.Option(help="Only these mailboxes (by name); default all")
    ] = None,
) -> None:
    """Store every new message of the configured IMAP mailboxes (IDLE, or polling)."""
    from arinbox.runtime import start
    from connectors.imap_listener import ImapAuthError, run_listeners
    from connectors.mailboxes import MailboxConfigError, load_mailboxes

    settings, engine = start()
    try:
        configs = load_mailboxes(settings)
    except MailboxConfigError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(EXIT_CONFIG) from exc
    if mailbox:
        configs = [c for c in configs if c.name in mailbox]
    if not configs:
        typer.secho(
            "error: no mailbox configured: set ARINBOX_IMAP_HOST/USER/PASSWORD "
            f"or add [[mailboxes]] to {settings.mailboxes_file}",
            fg="red",
            err=True,
        )
        raise typer.Exit(EXIT_CONFIG)
    stop = threading.Event()
    _stop_on_signals(stop)
    worker = _start_worker(settings, engine, model, stop) if with_worker else None
    typer.echo(f"listening to {', '.join(f'{c.name}/{c.folder}' for c in configs)}")
    failures = run_listeners(configs, engine, stop)
    stop.set()
    if worker is not None:
        worker.join(timeout=30)
    if failures and len(failures) == len(configs):
        for name, failure in failures.items():
            typer.secho(f"error: {name}: {failure}", fg="red", err=True)
        auth = all(isinstance(e, ImapAuthError) for e in failures.values())
        raise typer.Exit(EXIT_AUTH if auth else 1)


def _start_worker(
    settings: Settings, engine: Engine, model: str | None, stop: threading.Event
) -> threading.Thread:
    """The worker in a thread: the listener only stores, the worker processes."""
    from agent.triage import build_model
    from agent.worker import run_forever

    triage_model = build_model(settings, model)
    thread = threading.Thread(
        target=run_forever,
        kwargs={
            "model": triage_model,
            "settings": settings,
            "stop": stop,
            "idle_s": 0.2,
        },
        args=(engine,),
        name="worker",
        daemon=True,
    )
    thread.start()
    return thread


def send(
    once: Annotated[
        bool, typer.Option("--once", help="Recover, send what is approved, then exit")
    ] = False,
    interval: Annotated[float, typer.Option(help="Seconds between rounds")] = 5.0,
) -> None:
    """Send approved drafts by SMTP, once each, with a copy in the Sent folder."""
    from arinbox.runtime import start
    from connectors.mailboxes import MailboxConfigError
    from connectors.smtp_sender import Sender, SmtpAuthError

    settings, engine = start()
    try:
        sender = Sender(engine, settings)
    except (ValueError, MailboxConfigError) as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(EXIT_CONFIG) from exc
    try:
        if once:
            recovered = sender.recover()
            report = sender.send_approved()
            typer.echo(
                f"{report.sent + recovered.sent} sent, {recovered.recovered} found already sent, "
                f"{report.failed + recovered.failed} failed, "
                f"{report.deferred + recovered.deferred} waiting"
            )
            return
        stop = threading.Event()
        _stop_on_signals(stop)
        sender.run(stop, interval_s=interval)
    except SmtpAuthError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(EXIT_AUTH) from exc
