"""``weightspace measure SPEC --law ...``: how likely each function is under a standard law on parameter space."""

from __future__ import annotations

from typing import Optional

import typer

from ..analysis.measure import measure
from .app import app
from .common import DOMAIN, INPUTS, JSON, NODES, SPEC, WEIGHTS, budget_from, command, emit, progress_bar, resolve_spec


@app.command("measure")
@command
def measure_command(spec: str = SPEC, law: str = typer.Option("gaussian", "--law",
                                                              help="gaussian, uniform-sphere or uniform-cube "
                                                                   "(on the coordinates of the spec's parameter "
                                                                   "space)."),
                    samples: Optional[int] = typer.Option(None, "--samples", help="Estimate by this many samples "
                                                          "(default: exact where the rank allows, else 100000)."),
                    seed: int = typer.Option(0, "--seed", help="Seed of the samples."),
                    top: Optional[int] = typer.Option(None, "--top", help="List only the TOP most likely "
                                                                          "functions."),
                    inputs: Optional[int] = INPUTS, domain: Optional[str] = DOMAIN, nodes: Optional[int] = NODES,
                    weights: Optional[str] = WEIGHTS, as_json: bool = JSON) -> None:
    """The probability of each function (chamber) under a standard initialisation law: certified solid angles
    (Gaussian / sphere, rank <= 5), exact rational volumes (cube), or Monte Carlo with standard errors; and the
    entropy of the distribution."""
    obj = resolve_spec(spec, inputs, domain, nodes, weights)
    with progress_bar(not as_json, "chambers") as progress:
        result = measure(obj, law, samples, seed, top, progress, budget_from())
    emit(as_json, result.to_dict(), result.lines())
