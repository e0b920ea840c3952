"""`arinbox eval`: run the pipeline over a labelled dataset (see evals/ and docs/evals.md).

`arinbox eval DATASET ...` is short for `arinbox eval run DATASET ...`; the other
subcommands are `history`, `compare`, `report`, `live` and `export-live`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup


class _DatasetFirstGroup(TyperGroup):
    """A group whose unknown first word is a dataset for the `run` subcommand."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_DatasetFirstGroup,
    help="Triage-accuracy evals over labelled datasets: `arinbox eval DATASET`.",
    no_args_is_help=True,
)

BACKENDS = ("local", "openai", "hybrid")
ModelOpt = Annotated[
    str | None,
    typer.Option("--model", help="local, openai or hybrid (default: the configured model)"),
]


def _console() -> Any:
    from rich.console import Console

    return Console(highlight=False)


@app.command("run")
def run(
    dataset: Annotated[Path, typer.Argument(help="A dataset folder (ledger.json, cases.jsonl)")],
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the metrics as nested JSON")
    ] = None,
    html_out: Annotated[
        Path | None, typer.Option("--html", help="Write a self-contained HTML report")
    ] = None,
    model: ModelOpt = None,
    fail_under: Annotated[
        str | None,
        typer.Option(
            "--fail-under",
            help="metric=threshold,... ; exit 3 when any metric is below (e.g. "
            "intent.macro_f1=0.9,needs_human.f1=0.85)",
        ),
    ] = None,
    save: Annotated[bool, typer.Option(help="Keep the run in the eval history")] = True,
    judge: Annotated[
        bool,
        typer.Option(help="Also ask the LLM (openai settings) whether each draft is send-ready"),
    ] = False,
) -> None:
    """Run every case through the real pipeline and report the metrics."""
    from rich.progress import Progress

    from agent.triage import build_model
    from arinbox.runtime import start
    from evals.dataset import DatasetError, load_dataset
    from evals.gate import GATE_EXIT_CODE, GateSpecError, check_gate, parse_thresholds
    from evals.report_term import print_run
    from evals.runner import run_dataset

    try:
        thresholds = parse_thresholds(fail_under) if fail_under else {}
    except GateSpecError as exc:
        raise typer.BadParameter(str(exc), param_hint="--fail-under") from exc
    try:
        ds = load_dataset(dataset)
    except DatasetError as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from exc
    if model is not None and model not in BACKENDS:
        raise typer.BadParameter(f"{model!r}: use {', '.join(BACKENDS)}", param_hint="--model")
    settings, engine = start()
    kind = model or settings.model
    triage_model = build_model(settings, kind)
    console = _console()
    with Progress(console=console, transient=True) as progress:
        task = progress.add_task(f"{kind} model", total=len(ds.cases))
        result = run_dataset(
            ds,
            model=triage_model,
            settings=settings,
            model_kind=kind,
            on_case=lambda _record: progress.advance(task),
            judge=_judge(settings) if judge else None,
        )
    run_dict: dict[str, Any] = {
        "dataset": result.dataset,
        "dataset_hash": result.dataset_hash,
        "model": result.model,
        "model_version": result.model_version,
        "prompt_version": result.prompt_version,
        "created_at": result.started_at.isoformat(timespec="seconds"),
        "metrics": result.metrics,
        "cases": result.cases,
    }
    if save:
        from evals.history import save_run
        from records.db import session_scope

        with session_scope(engine) as session:
            run_dict["id"] = save_run(session, result).id
    print_run(console, run_dict)
    _write_outputs(run_dict, json_out, html_out)
    if save:
        typer.echo(f"saved as eval run #{run_dict['id']}")
    failures = check_gate(result.metrics, thresholds)
    for failure in failures:
        typer.secho(f"gate: {failure}", fg="red", err=True)
    if failures:
        raise typer.Exit(GATE_EXIT_CODE)


def _write_outputs(run: dict[str, Any], json_out: Path | None, html_out: Path | None) -> None:
    if json_out is not None:
        payload = {
            **run["metrics"],
            "run": {k: v for k, v in run.items() if k not in ("metrics", "cases")},
            "cases": run["cases"],
        }
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        typer.echo(f"metrics written to {json_out}")
    if html_out is not None:
        from evals.report_html import render_html

        html_out.parent.mkdir(parents=True, exist_ok=True)
        html_out.write_text(render_html(run), encoding="utf-8")
        typer.echo(f"report written to {html_out}")


@app.command("history")
def history(
    limit: Annotated[int, typer.Option(help="How many runs, newest first")] = 20,
    dataset: Annotated[
        str | None, typer.Option(help="Only runs whose dataset path contains this")
    ] = None,
) -> None:
    """List the stored eval runs."""
    from arinbox.runtime import start
    from evals.history import list_runs
    from evals.report_term import print_history
    from records.db import session_scope

    _, engine = start()
    with session_scope(engine) as session:
        runs = list_runs(session, limit=limit, dataset=dataset)
    if not runs:
        typer.echo("no eval runs yet: run `arinbox eval DATASET`")
        return
    print_history(_console(), runs)


@app.command("compare")
def compare(
    run_a: Annotated[int, typer.Argument(help="The baseline run id")],
    run_b: Annotated[int, typer.Argument(help="The run to compare with it")],
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the comparison")] = None,
) -> None:
    """Metric deltas (B − A), McNemar's exact test on intent correctness, flipped cases."""
    from dataclasses import asdict

    from arinbox.runtime import start
    from evals.history import RunNotFound, compare_stored
    from evals.report_term import print_comparison
    from records.db import session_scope

    _, engine = start()
    try:
        with session_scope(engine) as session:
            a, b, cmp = compare_stored(session, run_a, run_b)
    except RunNotFound as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from exc
    print_comparison(_console(), a, b, cmp)
    if json_out is not None:
        json_out.write_text(json.dumps(asdict(cmp), indent=2))


@app.command("report")
def report(
    run_id: Annotated[int, typer.Argument(help="A stored run id")],
    html_out: Annotated[Path, typer.Option("--html", help="Where to write the report")],
) -> None:
    """Write the HTML report of a stored run again."""
    from arinbox.runtime import start
    from evals.history import RunNotFound, get_run, run_as_dict
    from records.db import session_scope

    _, engine = start()
    try:
        with session_scope(engine) as session:
            run_dict = run_as_dict(get_run(session, run_id))
    except RunNotFound as exc:
        typer.secho(f"error: {exc}", fg="red", err=True)
        raise typer.Exit(2) from exc
    _write_outputs(run_dict, None, html_out)


@app.command("live")
def live(
    since: Annotated[
        str | None, typer.Option(help="Only mail received on or after this ISO date")
    ] = None,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the metrics")] = None,
) -> None:
    """Accuracy on real mail: the triage against collectors' corrections and approvals."""
    from datetime import UTC, datetime

    from arinbox.runtime import start
    from evals.live import live_metrics
    from evals.report_term import print_live
    from records.db import session_scope

    start_at = None
    if since:
        try:
            start_at = datetime.fromisoformat(since)
        except ValueError as exc:
            raise typer.BadParameter(f"{since!r} is not an ISO date", param_hint="--since") from exc
        start_at = start_at if start_at.tzinfo else start_at.replace(tzinfo=UTC)
    _, engine = start()
    with session_scope(engine) as session:
        metrics = live_metrics(session, since=start_at)
    if not metrics["n_cases"]:
        typer.echo("no reviewed messages yet (corrected, or approved without a correction)")
    else:
        print_live(_console(), metrics)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(metrics, indent=2, ensure_ascii=False))
        typer.echo(f"metrics written to {json_out}")


@app.command("export-live")
def export_live(
    out_dir: Annotated[Path, typer.Argument(help="The dataset folder to write")],
) -> None:
    """Write reviewed live mail as an anonymised dataset (DOMAIN.md format)."""
    from arinbox.runtime import start
    from evals.export import export_live as export
    from records.db import session_scope

    settings, engine = start()
    if out_dir.exists() and any(out_dir.iterdir()):
        typer.secho(f"error: {out_dir} is not empty", fg="red", err=True)
        raise typer.Exit(2)
    with session_scope(engine) as session:
        report = export(
            session, out_dir, ar_mailbox=settings.ar_mailbox, company_name=settings.company_name
        )
    typer.echo(f"{report.cases} cases, {report.accounts} accounts written to {report.path}")


def _judge(settings: Any) -> Any:
    from agent.llm.chat import LLMNotConfigured
    from evals.judge import Judge

    try:
        return Judge.from_settings(settings)
    except LLMNotConfigured as exc:
        raise typer.BadParameter(str(exc), param_hint="--judge") from exc
