"""`arinbox user`: people who use the web UI and their roles."""

from __future__ import annotations

import typer

app = typer.Typer(help="Users of the web UI (collector, manager, admin).", no_args_is_help=True)
