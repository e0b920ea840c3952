"""`arinbox dunning`, `arinbox dispute`, `arinbox schedule`: the dunning hand-off."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import typer

dunning_app = typer.Typer(help="Dunning holds for the ERP: export, webhooks.", no_args_is_help=True)
dispute_app = typer.Typer(help="Disputes: resolve with an outcome.", no_args_is_help=True)


@dunning_app.command("export")
def export(
    format: Annotated[str, typer.Option(help="csv (the only format so far)")] = "csv",
    out: Annotated[Path | None, typer.Option(help="File to write; default stdout")] = None,
    account: Annotated[str | None, typer.Option(help="One account only")] = None,
) -> None:
    """Active dunning holds as CSV an ERP imports as dunning blocks."""
    from sqlmodel import Session

    from arinbox.runtime import start
    from connectors.dunning_export import active_holds, holds_csv

    if format != "csv":
        raise typer.BadParameter("only csv is supported", param_hint="--format")
    _, engine = start()
    with Session(engine) as session:
        text = holds_csv(active_holds(session, account=account))
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")


@dunning_app.command("webhooks")
def deliver() -> None:
    """Send hold events to the configured webhook URLs once (the worker does it regularly)."""
    from sqlmodel import Session

    from arinbox.runtime import start
    from connectors import webhooks

    settings, engine = start()
    with Session(engine) as session:
        delivered, failed = webhooks.run_once(session, settings)
    typer.echo(f"{delivered} delivered, {failed} failed attempt(s)")


@dunning_app.command("replay")
def replay(delivery_id: int) -> None:
    """Queue a webhook delivery to be sent again."""
    from sqlmodel import Session

    from arinbox.runtime import start
    from connectors import webhooks

    _, engine = start()
    with Session(engine) as session:
        if webhooks.replay(session, delivery_id) is None:
            typer.secho(f"no delivery {delivery_id}", fg="red", err=True)
            raise typer.Exit(2)
    typer.echo(f"delivery {delivery_id} queued again")


@dispute_app.command("resolve")
def resolve_dispute(
    reference: str,
    outcome: Annotated[str, typer.Option(help="credited, corrected or confirmed")],
    credit: Annotated[str | None, typer.Option(help="Credit note amount")] = None,
    actor: Annotated[str, typer.Option(help="Who resolves it")] = "cli",
) -> None:
    """Resolve a dispute: its holds end and the buyer's notice is drafted for approval."""
    from sqlmodel import Session

    from agent.disputes import DisputeError, resolve
    from arinbox.runtime import start

    settings, engine = start()
    with Session(engine) as session:
        try:
            draft = resolve(
                session,
                reference=reference,
                outcome=outcome,
                actor=actor,
                settings=settings,
                credit_amount=Decimal(credit) if credit else None,
            )
        except DisputeError as exc:
            typer.secho(f"error: {exc}", fg="red", err=True)
            raise typer.Exit(2) from exc
        session.commit()
    typer.echo(
        f"{reference} resolved ({outcome})" + (f"; notice draft {draft.id}" if draft else "")
    )


def schedule(
    today: Annotated[str | None, typer.Option(help="Run as if today were YYYY-MM-DD")] = None,
) -> None:
    """Run the periodic jobs once: expire holds, settle promises, route disputes, webhooks."""
    from arinbox.runtime import start
    from arinbox.schedule import run_schedules

    settings, engine = start()
    report = run_schedules(engine, settings, date.fromisoformat(today) if today else None)
    typer.echo(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in report.__dict__.items()))


def ledger_watch(
    folder: Annotated[Path, typer.Argument(exists=True, file_okay=False)],
    interval: Annotated[float, typer.Option(help="Seconds between looks")] = 10.0,
    once: Annotated[bool, typer.Option(help="Import what is there, then exit")] = False,
) -> None:
    """Import ERP exports dropped in FOLDER (then moved to processed/ or failed/)."""
    import threading

    from arinbox.ledger_watch import import_drops, watch
    from arinbox.runtime import start

    _, engine = start()
    if once:
        imported, failed = import_drops(engine, folder)
        typer.echo(f"{imported} imported, {failed} failed")
        return
    watch(engine, folder, interval, threading.Event())
