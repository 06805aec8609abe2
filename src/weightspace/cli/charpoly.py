"""``weightspace charpoly SPEC``: characteristic polynomial, Betti numbers and Zaslavsky's counts."""

from __future__ import annotations

from typing import Optional

import typer

from ..arrangement.invariants import charpoly_of
from .app import app
from .common import DOMAIN, INPUTS, JSON, NODES, SPEC, WEIGHTS, budget_from, command, emit, progress_bar, resolve_spec


@app.command("charpoly")
@command
def charpoly_command(spec: str = SPEC, inputs: Optional[int] = INPUTS, domain: Optional[str] = DOMAIN,
                     nodes: Optional[int] = NODES, weights: Optional[str] = WEIGHTS,
                     method: str = typer.Option("auto", help="auto (symmetric when a symmetry group is known), "
                                                             "symmetric or lattice."),
                     as_json: bool = JSON) -> None:
    """Characteristic polynomial of the arrangement of SPEC (threshold, resonance, Hopfield in the constrained
    parameter space, or any arrangement)."""
    obj = resolve_spec(spec, inputs, domain, nodes, weights)
    with progress_bar(not as_json, "flats") as progress:
        result = charpoly_of(obj, method, budget_from(), progress)
    emit(as_json, result.to_dict(), result.lines())
