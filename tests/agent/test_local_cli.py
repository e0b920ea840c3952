"""`arinbox model info` on a built artefact."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agent.local.store import current_artefact_path
from arinbox.cli_model import app
from arinbox.settings import Settings, get_settings


@pytest.fixture
def env(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The CLI's settings point at the test session's artefact folder."""
    folder = Path(request.config.cache.mkdir("arinbox-local-model"))
    monkeypatch.setenv("ARINBOX_DATA_DIR", str(folder))
    monkeypatch.setenv("ARINBOX_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite'}")
    monkeypatch.setenv("ARINBOX_ENVIRONMENT", "test")
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


def test_model_info_prints_version_sizes_and_thresholds(env: Path) -> None:
    settings = Settings(_env_file=None, data_dir=env)  # type: ignore[call-arg]
    path = current_artefact_path(settings)
    result = CliRunner().invoke(app, ["info", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{") :])
    assert data["path"] == str(path)
    assert data["train_size"] > 100
    assert set(data["thresholds"]) >= {"dispute", "promise_to_pay", "other"}
    assert data["label_counts"]["dispute"] > 0
    text = CliRunner().invoke(app, ["info"])
    assert text.exit_code == 0
    assert "promise_to_pay" in text.output and data["version"] in text.output
