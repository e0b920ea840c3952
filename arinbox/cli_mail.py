"""`arinbox listen` and `arinbox send`: the real mailbox (IMAP in, SMTP out)."""

from __future__ import annotations

import logging
import multiprocessing
import signal
import threading
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Annotated

import typer

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
    worker_count: Annotated[
        int, typer.Option("--workers", help="Worker processes for --with-worker")
    ] = 1,
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
    if with_worker:
        _prepare_model(settings, model)
    workers = _start_workers(model, max(1, worker_count)) if with_worker else []
    typer.echo(f"listening to {', '.join(f'{c.name}/{c.folder}' for c in configs)}")
    try:
        failures = run_listeners(configs, engine, stop)
    finally:
        stop.set()
        _stop_workers(workers)
    if failures and len(failures) == len(configs):
        for name, failure in failures.items():
            typer.secho(f"error: {name}: {failure}", fg="red", err=True)
        auth = all(isinstance(e, ImapAuthError) for e in failures.values())
        raise typer.Exit(EXIT_AUTH if auth else 1)


def _prepare_model(settings: Settings, model: str | None) -> None:
    """Build the local model's artefact once here, so the workers do not all build it."""
    if (model or settings.model) in ("local", "hybrid"):
        from agent.local.store import current_artefact_path

        current_artefact_path(settings)


def _start_workers(model: str | None, count: int) -> list[BaseProcess]:
    """Worker processes (not threads: parsing and drafting would starve the listener of the
    GIL); each reads the same settings from the environment and stops on SIGTERM."""
    context = multiprocessing.get_context("spawn")
    processes: list[BaseProcess] = [
        context.Process(target=_worker_main, args=(model,), name=f"arinbox-worker-{n}")
        for n in range(count)
    ]
    for process in processes:
        process.start()
    return processes


def _worker_main(model: str | None) -> None:
    from agent.triage import build_model
    from agent.worker import run_forever
    from arinbox.runtime import start

    settings, engine = start()
    run_forever(engine, model=build_model(settings, model), settings=settings, idle_s=0.1)


def _stop_workers(processes: list[BaseProcess]) -> None:
    for process in processes:
        if process.is_alive():
            process.terminate()  # SIGTERM: the message in hand is finished first
    for process in processes:
        process.join(timeout=60)
        if process.is_alive():
            log.warning("worker did not stop in time; killing it", extra={"pid": process.pid})
            process.kill()
            process.join()


def send(
    once: Annotated[
        bool, typer.Option("--once", help="Recover, send what is approved, then exit")
    ] = False,
    interval: Annotated[float, typer.Option(help="Seconds between rounds")] = 5.0,
    recover_after: Annotated[
        float,
        typer.Option(
            help="Seconds before a draft left in `sending` counts as interrupted "
            "(0 when no other sender runs)"
        ),
    ] = 900.0,
) -> None:
    """Send approved drafts by SMTP, once each, with a copy in the Sent folder."""
    from arinbox.runtime import start
    from connectors.mailboxes import MailboxConfigError
    from connectors.smtp_sender import Sender, SmtpAuthError

    settings, engine = start()
    try:
        sender = Sender(engine, settings, recover_after_s=recover_after)
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
