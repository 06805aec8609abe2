"""``weightspace count SPEC``: how many functions (chambers) an architecture realises."""

from __future__ import annotations

from typing import Optional

import typer

from ..specs import CountOptions, count
from ..paths import output_directory
from .app import app
from .common import (DOMAIN, INPUTS, JSON, MAX_HOURS, NODES, ORDER, SPEC, STEPS, UPDATE, WEIGHTS, budget_from,
                     command, emit, progress_bar, resolve_spec)


@app.command("count")
@command
def count_command(spec: str = SPEC, inputs: Optional[int] = INPUTS, domain: Optional[str] = DOMAIN,
                  nodes: Optional[int] = NODES, weights: Optional[str] = WEIGHTS, steps: int = STEPS, update: str = UPDATE,
                  order: Optional[str] = ORDER,
                  method: str = typer.Option("auto", help="threshold: auto (classes on cube01, else enumeration), "
                                                          "classes, orbits (chi from flat orbits of the cube "
                                                          "group), enumeration, charpoly or lp (brute force, "
                                                          "n <= 4); hopfield (one sync step): auto, enumeration or "
                                                          "charpoly; arrangements: enumeration or charpoly."),
                  executor: str = typer.Option("local", help="local processes, or dask."),
                  scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (default: a local "
                                                                     "cluster)."),
                  workers: Optional[int] = typer.Option(None, help="Worker processes (default: cores)."),
                  checkpoint: Optional[str] = typer.Option(None, help="Directory to checkpoint to and resume "
                                                                      "from."),
                  max_hours: Optional[float] = MAX_HOURS, as_json: bool = JSON) -> None:
    """Number of realisable functions: threshold functions, Hopfield maps (k steps / sweeps), chambers."""
    checkpoint = checkpoint and str(output_directory(checkpoint, "--checkpoint"))
    obj = resolve_spec(spec, inputs, domain, nodes, weights, needs="count")   # each kind names its count
    with progress_bar(not as_json, "counting") as progress:
        result = count(obj, CountOptions(method, budget_from(max_hours, scheduler), progress, executor, scheduler,
                                         workers, checkpoint, steps, update, order))
    emit(as_json, result.to_dict(), result.lines())
