"""`python -m tests.connectors.listener_proc ARGS`: the arinbox CLI in a child process.

Tests run the real command this way because the console script may not be on PATH.
"""

from __future__ import annotations

from arinbox.cli import app

if __name__ == "__main__":
    app()
