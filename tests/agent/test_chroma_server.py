"""Corrections memory on a Chroma server (CHROMA_URL), as several worker machines share it."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from agent.local.memory import CorrectionMemory
from arinbox.settings import Settings


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`chroma run` from the installed chromadb package, on a loopback port."""
    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    data = tmp_path_factory.mktemp("chroma")
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the Chroma server did not start")
    yield url
    proc.terminate()
    proc.wait(10)


def test_a_correction_on_one_worker_is_found_by_another(chroma_url: str, tmp_path: Path) -> None:
    settings = Settings(_env_file=None, data_dir=tmp_path, chroma_url=chroma_url)  # type: ignore[call-arg]
    first = CorrectionMemory.open(settings)
    first.forget_all()
    first.remember(
        "msg-1",
        "Short payment on INV-2026-0012",
        "We deducted 50 EUR because two pallets arrived broken.",
        ["dispute"],
        dispute_reason="damaged",
    )
    second = CorrectionMemory.open(settings)  # another machine, same server
    near = second.nearest(
        "Short payment on INV-2026-0047", "We deducted 40 EUR because three pallets arrived broken."
    )
    assert near is not None and near.key == "msg-1"
    assert near.intents == ("dispute",) and near.dispute_reason == "damaged"
    assert near.similarity > 0.7
    assert not (tmp_path / "chroma").exists()  # nothing was kept locally
