"""Where the local model's artefact lives: built at first use, named by its training data.

The artefact file is `data_dir/models/local-<hash>.pkl`, where the hash covers the
training and dev splits and FEATURE_VERSION: a changed dataset or feature code gives a
new name, so a stale artefact is never loaded. `arinbox model retrain` writes an
artefact that also folds in collectors' corrections and points `current.json` at it.
Artefacts are pickles written by this process for this process: never load one from
somewhere else.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from agent.local.corpus import (
    DATASET_DIR,
    WRITTEN_WEIGHT,
    Example,
    hash_files,
    load_split,
    split_files,
    written_dirs,
)
from agent.local.train import FEATURE_VERSION, Artefact, fit
from arinbox.settings import Settings

log = logging.getLogger(__name__)
POINTER = "current.json"


def models_dir(settings: Settings) -> Path:
    return settings.data_dir / "models"


# The code that shapes an artefact: a change to any of these rebuilds it.
_TRAINING_CODE = ("compiled.py", "corpus.py", "features.py", "lexicon.py", "train.py")


def base_hash(dataset_dir: Path = DATASET_DIR) -> str:
    """Hash of the train and dev splits, the feature version and the training code."""
    here = Path(__file__).parent
    code = [here / name for name in _TRAINING_CODE] + [here.parent / "extract" / "reasons.py"]
    written = [f for folder in written_dirs(dataset_dir) for f in split_files(folder)]
    files = split_files(dataset_dir / "train") + written + split_files(dataset_dir / "dev") + code
    return hash_files(files, salt=FEATURE_VERSION)


def save_artefact(artefact: Artefact, path: Path) -> str:
    """Write atomically; return the sha256 of the bytes written."""
    data = pickle.dumps(artefact, protocol=5)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".pkl")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, path)
    return hashlib.sha256(data).hexdigest()


def load_artefact(path: Path) -> Artefact:
    with path.open("rb") as fh:
        artefact = pickle.load(fh)  # noqa: S301 - our own file, see the module docstring
    if not isinstance(artefact, Artefact):
        raise TypeError(f"{path}: not a local model artefact")
    return artefact


def build(
    settings: Settings,
    dataset_dir: Path = DATASET_DIR,
    extra: list[Example] | None = None,
    version: str = "",
) -> Artefact:
    """Fit on the train split, the hand-written sets (and `extra`); tune on the dev split."""
    written = [
        replace(example, weight=WRITTEN_WEIGHT)
        for folder in written_dirs(dataset_dir)
        for example in load_split(folder, settings)
    ]
    train = load_split(dataset_dir / "train", settings) + written + list(extra or [])
    dev_dir = dataset_dir / "dev"
    dev = load_split(dev_dir, settings) if (dev_dir / "cases.jsonl").is_file() else []
    return fit(train, dev, version=version)


def current_artefact_path(settings: Settings, dataset_dir: Path = DATASET_DIR) -> Path:
    """The artefact in force, built now when it does not exist yet."""
    digest = base_hash(dataset_dir)
    folder = models_dir(settings)
    pointer = _read_pointer(folder)
    if pointer and pointer.get("base_hash") == digest:
        path = folder / str(pointer["file"])
        if path.is_file():
            return path
    path = folder / f"local-{digest[:16]}.pkl"
    if not path.is_file():
        log.info("building the local model", extra={"dataset": str(dataset_dir)})
        version = f"{FEATURE_VERSION}+{digest[:8]}"
        save_artefact(build(settings, dataset_dir, version=version), path)
        _prune(folder, keep={path.name, str((pointer or {}).get("file", ""))})
    return path


def _prune(folder: Path, keep: set[str]) -> None:
    """Remove artefacts of earlier training data (they are never loaded again)."""
    for old in folder.glob("local-*.pkl"):
        if old.name not in keep:
            old.unlink(missing_ok=True)


def write_retrained(
    settings: Settings, artefact: Artefact, corrections: int, dataset_dir: Path = DATASET_DIR
) -> tuple[Path, str]:
    """Save a retrained artefact and make it current; returns (path, sha256)."""
    folder = models_dir(settings)
    data_hash = hashlib.sha256(pickle.dumps(artefact, protocol=5)).hexdigest()
    path = folder / f"local-{base_hash(dataset_dir)[:8]}-c{corrections}-{data_hash[:8]}.pkl"
    sha = save_artefact(artefact, path)
    pointer = {"file": path.name, "base_hash": base_hash(dataset_dir), "corrections": corrections}
    (folder / POINTER).write_text(json.dumps(pointer, indent=2), encoding="utf-8")
    return path, sha


def _read_pointer(folder: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((folder / POINTER).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except json.JSONDecodeError:
        log.warning("ignoring a corrupt model pointer", extra={"path": str(folder / POINTER)})
        return None
    return data if isinstance(data, dict) else None
