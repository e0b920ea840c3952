"""Reading a hostile payload in a child process, under a memory limit and a timeout.

A reader that loops or grows without bound fails the test instead of hanging the run or
swapping the machine.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
LIMIT_BYTES = 1 << 30  # the child's address space: a bomb hits this, not the machine
_PRELUDE = (
    "import json, resource, sys, time, tracemalloc\n"
    f"resource.setrlimit(resource.RLIMIT_AS, ({LIMIT_BYTES}, {LIMIT_BYTES}))\n"
)


def read_in_a_child(code: str, payload: bytes, *, timeout_s: float) -> dict[str, Any]:
    """Run `code` (it reads the payload from stdin, prints one JSON object) in a child."""
    child = subprocess.run(
        [sys.executable, "-c", _PRELUDE + code],
        input=payload,
        capture_output=True,
        cwd=ROOT,
        timeout=timeout_s,
    )
    assert child.returncode == 0, child.stderr.decode(errors="replace")[-2000:]
    result: dict[str, Any] = json.loads(child.stdout)
    return result
