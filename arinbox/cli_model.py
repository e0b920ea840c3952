"""`arinbox model`: build and inspect the offline local model."""

from __future__ import annotations

import typer

app = typer.Typer(help="The offline local triage model.", no_args_is_help=True)
