"""``weightspace experiment NAME``: the training-dynamics lab (seeded runs, JSON rows, a figure, checkpoints)."""

from __future__ import annotations

from typing import Optional

import typer

from ..paths import checkpoint_file, output_directory
from .app import app
from .common import JSON, command, emit, progress_bar


@app.command("experiment")
@command
def experiment_command(name: str = typer.Argument(..., help="student-teacher, mean-field-dropout, sgd-noise or neural-ot."),
                       config: Optional[str] = typer.Option(None, "--config", help="JSON object of settings that "
                                                                                   "override the defaults (e.g. "
                                                                                   '{"alphas": [0.1, 10], '
                                                                                   '"seed": 1}).'),
                       quick: bool = typer.Option(False, "--quick", help="A small configuration (about a "
                                                                         "minute on 2 cores)."),
                       executor: str = typer.Option("local", "--executor", help="local processes, or dask."),
                       workers: int = typer.Option(1, "--workers", help="Parallel runs."),
                       scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address "
                                                                                         "(default: a local "
                                                                                         "cluster)."),
                       out: Optional[str] = typer.Option(".", "--out", help="Directory for the figure "
                                                                            "NAME.png."),
                       checkpoint: Optional[str] = typer.Option(None, "--checkpoint", help="Directory (or a "
                                                                                           ".jsonl file) of finished "
                                                                                           "runs; a rerun resumes."),
                       as_json: bool = JSON) -> None:
    """Run a training-dynamics experiment: rows of measurements per setting, a summary, and a figure; seeds are
    recorded and a rerun on CPU gives the same numbers."""
    from ..errors import InvalidInput
    from ..experiments.lab import read_config, run_experiment

    if workers < 1:
        raise InvalidInput("--workers must be positive")
    if out:
        out = str(output_directory(out, "--out"))
    if checkpoint:
        checkpoint = str(checkpoint_file(checkpoint, f"experiment-{name}.jsonl"))
    overrides = read_config(config) if config else None
    with progress_bar(not as_json, "runs") as progress:
        result = run_experiment(name, overrides, quick=quick, executor=executor, workers=workers,
                                scheduler=scheduler, out=out, checkpoint=checkpoint, progress=progress)
    payload = result.to_dict()
    keys = list(dict.fromkeys(k for row in result.rows for k, v in row.items()
                              if isinstance(v, (int, float)) and k not in ("seed", "steps")))
    labels = list(dict.fromkeys(k for row in result.rows for k, v in row.items() if isinstance(v, str)))
    lines = [f"{name}: {len(result.rows)} rows, seed {result.config.get('seed')}, {result.seconds:.1f} s",
             "  " + "  ".join(f"{k:>{max(len(k), 9)}}" for k in keys) + "".join(f"  {k}" for k in labels)]
    for row in result.rows:
        lines.append("  " + "  ".join(f"{row[k]:>{max(len(k), 9)}.4g}" if k in row else " " * max(len(k), 9)
                                      for k in keys).rstrip()
                     + "".join(f"  {v}" for v in row.values() if isinstance(v, str)))
    for key, value in result.summary.items():
        lines.append(f"{key}: {value:.4g}" if isinstance(value, float) else f"{key}: {value}")
    if result.figure:
        lines.append(f"figure: {result.figure}")
    emit(as_json, payload, lines)
