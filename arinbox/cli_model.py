"""`arinbox model`: build and inspect the offline local model."""

from __future__ import annotations

import json
from typing import Annotated

import typer

app = typer.Typer(help="The offline local triage model.", no_args_is_help=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text")]


@app.command("info")
def info(as_json: JsonOpt = False) -> None:
    """Version, training size, label counts and thresholds of the model in force."""
    from agent.local.store import current_artefact_path, load_artefact
    from arinbox.runtime import start

    settings, _ = start()
    path = current_artefact_path(settings)
    artefact = load_artefact(path)
    data = {
        "version": artefact.version,
        "path": str(path),
        "train_size": artefact.meta.get("train_size"),
        "dev_size": artefact.meta.get("dev_size"),
        "corrections": artefact.meta.get("corrections", 0),
        "label_counts": artefact.meta.get("label_counts", {}),
        "reason_counts": artefact.meta.get("reason_counts", {}),
        "thresholds": artefact.thresholds,
    }
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(f"version      {data['version']}")
    typer.echo(f"artefact     {data['path']}")
    typer.echo(f"trained on   {data['train_size']} messages ({data['corrections']} corrected)")
    typer.echo(f"tuned on     {data['dev_size']} dev messages")
    typer.echo("intent                 examples  threshold")
    for intent, threshold in artefact.thresholds.items():
        count = data["label_counts"].get(intent, 0)
        typer.echo(f"  {intent:<22}{count:>7}  {threshold:>9.2f}")


@app.command("retrain")
def retrain(as_json: JsonOpt = False) -> None:
    """Fold collectors' corrections and the train split into a new artefact and use it."""
    from agent.local.corrections import corrected_examples
    from agent.local.store import base_hash, build, write_retrained
    from agent.local.train import FEATURE_VERSION
    from arinbox.runtime import start
    from records.db import session_scope

    settings, engine = start()
    with session_scope(engine) as session:
        extra = corrected_examples(session)
    version = f"{FEATURE_VERSION}+{base_hash()[:8]}+c{len(extra)}"
    artefact = build(settings, extra=extra, version=version)
    artefact.meta["corrections"] = len(extra)
    path, sha = write_retrained(settings, artefact, len(extra))
    data = {"version": version, "path": str(path), "sha256": sha, "corrections": len(extra),
            "train_size": artefact.meta["train_size"]}  # fmt: skip
    if as_json:
        typer.echo(json.dumps(data, indent=2))
        return
    typer.echo(f"retrained {version}: {data['train_size']} messages, {len(extra)} corrected")
    typer.echo(f"artefact {path} (sha256 {sha[:16]})")


@app.command("build")
def build_now() -> None:
    """Build the artefact from the train split now (otherwise it is built at first use)."""
    from agent.local.store import current_artefact_path
    from arinbox.runtime import start

    settings, _ = start()
    typer.echo(str(current_artefact_path(settings)))
