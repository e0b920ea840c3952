"""`python -m arinbox`: the same as the `arinbox` command."""

from arinbox.cli import app

app()
