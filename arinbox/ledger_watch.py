"""A watched drop folder: ERP exports dropped there are imported, then moved aside."""

from __future__ import annotations

import logging
import shutil
import threading
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from connectors.ledger_import import (
    LedgerImportError,
    import_ledger_file,
    refresh_planner_statistics,
)

log = logging.getLogger(__name__)
SUFFIXES = {".csv", ".json"}


def import_drops(engine: Engine, folder: Path) -> tuple[int, int]:
    """Import every file waiting in `folder`; return (imported, failed).

    Imported files move to `processed/`; a file that fails moves to `failed/` with a
    `.error` file beside it saying why, so nothing is lost and nothing is retried blindly.
    """
    imported = failed = 0
    for path in sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES):
        try:
            with Session(engine) as session:
                import_ledger_file(session, path)
                session.commit()
        except (LedgerImportError, UnicodeDecodeError, KeyError) as exc:
            _move(path, folder / "failed").with_suffix(path.suffix + ".error").write_text(
                f"{exc}\n", encoding="utf-8"
            )
            log.warning("ledger drop failed", extra={"file": path.name, "error": str(exc)})
            failed += 1
            continue
        _move(path, folder / "processed")
        imported += 1
    if imported:
        refresh_planner_statistics(engine)
    return imported, failed


def _move(path: Path, target_dir: Path) -> Path:
    target_dir.mkdir(exist_ok=True)
    target = target_dir / path.name
    shutil.move(path, target)
    return target


def watch(engine: Engine, folder: Path, interval_s: float, stop: threading.Event) -> None:
    while not stop.is_set():
        import_drops(engine, folder)
        stop.wait(interval_s)
