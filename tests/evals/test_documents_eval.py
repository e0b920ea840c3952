"""The documents suite end to end with the offline model: facts read from attached files.

Guards the whole path (parse the PDF, workbook, CSV, or a scan by OCR; match; triage; act)
against a regression: every case exactly right (2026-11-24). The suite first found one
miss, doc-en-003 ("attached is the remittance for this week's payment run" read as a
promise for Friday), fixed the same day (an attached advice is a payment made). The
scanned cases (doc-de-003, doc-fr-003, doc-es-001) found another: "adjuntamos nuestro
aviso de pago" was `other`, though OCR read the fax's invoices right; an attached advice
whose file lists the account's invoices is now a payment confirmation. doc-it-001 is an
iPhone's HEIC photograph. OCR needs Tesseract (`make system-deps`).
"""

from __future__ import annotations

from pathlib import Path

from agent.local.model import LocalModel, load_local_model
from arinbox.settings import Settings
from evals.dataset import load_dataset
from evals.runner import run_dataset

SUITE = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "documents"


def test_the_documents_suite_reads_the_files(built_model_dir: Path, settings: Settings) -> None:
    built = Settings(_env_file=None, environment="test", data_dir=built_model_dir.parent)  # type: ignore[call-arg]
    model = LocalModel(load_local_model(built).artefact, settings)
    result = run_dataset(load_dataset(SUITE), model=model, settings=settings, model_kind="local")
    metrics = result.metrics
    wrong = sorted(
        case["id"]
        for case in result.cases
        if not all(v for v in case["correct"].values() if v is not None)
    )
    assert wrong == []
    assert metrics["account"]["accuracy"] == 1.0 and metrics["needs_human"]["f1"] == 1.0
    assert metrics["invoices"]["f1"] == 1.0 and metrics["dunning_paused"]["accuracy"] == 1.0
