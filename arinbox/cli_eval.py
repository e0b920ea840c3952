"""`arinbox eval`: run the pipeline over a labelled dataset (see evals/)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Triage-accuracy evals over labelled datasets.", no_args_is_help=True)
