"""`arinbox user`: people who use the web UI and their roles."""

from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(help="Users of the web UI (collector, manager, admin).", no_args_is_help=True)


@app.command("add")
def add(
    username: Annotated[str, typer.Argument(help="Login name")],
    role: Annotated[str, typer.Option(help="collector, manager or admin")] = "collector",
    password: Annotated[str | None, typer.Option(help="Asked for (hidden) when not given")] = None,
    display_name: Annotated[str, typer.Option(help="Name shown in the UI")] = "",
) -> None:
    """Add a user who can log in to the web UI."""
    from api.users import UserError, create_user
    from arinbox.runtime import start
    from records.db import session_scope

    if password is None:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    _, engine = start()
    try:
        with session_scope(engine) as session:
            create_user(
                session=session,
                username=username,
                password=password,
                role=role,
                display_name=display_name,
            )
    except UserError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"user {username} added ({role})")


@app.command("token")
def token(
    username: Annotated[str, typer.Argument(help="The user the token acts as")],
    name: Annotated[str, typer.Argument(help="What the token is for, e.g. erp-sync")],
) -> None:
    """Create an API token (Bearer) for integrations; it is shown once."""
    from api.users import UserError, create_token
    from arinbox.runtime import start
    from records.db import session_scope

    _, engine = start()
    try:
        with session_scope(engine) as session:
            value = create_token(session=session, username=username, name=name)
    except UserError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from exc
    typer.echo(value)
