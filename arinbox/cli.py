"""The `arinbox` command line: one subcommand per job."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import Engine

from arinbox import cli_dunning, cli_eval, cli_mail, cli_model, cli_users
from arinbox.settings import Settings

app = typer.Typer(
    help="arinbox: an AI assistant for the accounts-receivable shared inbox.",
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)
ledger_app = typer.Typer(help="The AR ledger: accounts, contacts, invoices.", no_args_is_help=True)
app.add_typer(ledger_app, name="ledger")
app.add_typer(cli_eval.app, name="eval")
app.add_typer(cli_model.app, name="model")
app.add_typer(cli_users.app, name="user")
app.add_typer(cli_dunning.dunning_app, name="dunning")
app.add_typer(cli_dunning.dispute_app, name="dispute")
app.command("schedule")(cli_dunning.schedule)
ledger_app.command("watch")(cli_dunning.ledger_watch)
cli_mail.register(app)


@ledger_app.command("import")
def ledger_import(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help=".json or .csv")],
) -> None:
    """Import or update the ledger from a ledger.json or an open-items CSV export."""
    from arinbox.runtime import start
    from connectors.ledger_import import (
        LedgerImportError,
        import_ledger_file,
        refresh_planner_statistics,
    )
    from records.db import session_scope

    _, engine = start()
    try:
        with session_scope(engine) as session:
            report = import_ledger_file(session, file)
    except LedgerImportError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from exc
    refresh_planner_statistics(engine)
    typer.echo(
        f"{report.accounts} accounts, {report.contacts} contacts, "
        f"{report.invoices_created} invoices created, {report.invoices_updated} updated"
    )


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(exists=True, help=".eml files, Maildirs, mbox")],
    process: Annotated[bool, typer.Option(help="Run the pipeline on what was stored")] = False,
) -> None:
    """Store messages from files (idempotent: a message already stored is skipped)."""
    from arinbox.ingest import ingest_paths
    from arinbox.runtime import start

    settings, engine = start()
    stored, skipped = ingest_paths(engine, paths)
    typer.echo(f"{stored} stored, {skipped} already known")
    if process:
        _process(settings, engine)


@app.command()
def worker(
    once: Annotated[bool, typer.Option(help="Process the backlog, then exit")] = False,
    model: Annotated[str | None, typer.Option(help="local, openai or hybrid")] = None,
    concurrency: Annotated[
        int, typer.Option(min=1, max=256, help="Messages in flight at once (for slow models)")
    ] = 1,
) -> None:
    """Take waiting messages through parse, match, triage, actions and drafting."""
    from agent.triage import build_model
    from agent.worker import run_forever
    from arinbox.runtime import start

    settings, engine = start(connections=concurrency + 2)
    if once:
        _process(settings, engine, model, concurrency)
        return
    from arinbox.schedule import run_schedules

    run_forever(
        engine,
        model=build_model(settings, model),
        settings=settings,
        periodic=lambda: run_schedules(engine, settings),
        concurrency=concurrency,
    )


@app.command()
def retry(
    message_id: Annotated[
        int | None, typer.Argument(help="One message; default all failed")
    ] = None,
) -> None:
    """Put failed messages back in the queue."""
    from arinbox.ingest import requeue_failed
    from arinbox.runtime import start

    _, engine = start()
    typer.echo(f"{requeue_failed(engine, message_id)} message(s) requeued")


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
) -> None:
    """Serve the web UI and the JSON API."""
    import uvicorn

    from arinbox.runtime import start

    start()
    uvicorn.run("api.app:create_app", factory=True, host=host, port=port, log_config=None)


@app.command()
def demo(
    host: Annotated[str, typer.Option(help="Address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on")] = 8000,
    no_serve: Annotated[bool, typer.Option("--no-serve", help="Seed and process only")] = False,
) -> None:
    """Seed the demo ledger and mailbox, process it offline, and serve the web UI."""
    from arinbox.demo import run_demo

    run_demo(host=host, port=port, serve=not no_serve)


def _process(
    settings: Settings, engine: Engine, model: str | None = None, concurrency: int = 1
) -> None:
    """Process the backlog once, `concurrency` messages at a time, with a progress bar."""
    import threading

    from rich.progress import Progress

    from agent.triage import build_model
    from agent.worker import process_pending
    from arinbox.ingest import count_waiting

    total = count_waiting(engine)
    triage_model = build_model(settings, model)
    done: list[int] = []
    with Progress(transient=True) as progress:
        task = progress.add_task("processing", total=total)

        def drain() -> None:
            done.append(
                process_pending(
                    engine,
                    model=triage_model,
                    settings=settings,
                    on_done=lambda _m: progress.advance(task),
                )
            )

        threads = [threading.Thread(target=drain) for _ in range(max(concurrency, 1))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    typer.echo(f"{sum(done)} message(s) processed")
