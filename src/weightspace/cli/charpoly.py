"""``weightspace charpoly SPEC``: characteristic polynomial, Betti numbers and Zaslavsky's counts."""

from __future__ import annotations

from typing import Optional

import typer

from ..arrangement.invariants import charpoly_of
from ..paths import checkpoint_file
from .app import app
from .common import DOMAIN, INPUTS, JSON, NODES, SPEC, WEIGHTS, budget_from, command, emit, progress_bar, resolve_spec


@app.command("charpoly")
@command
def charpoly_command(spec: str = SPEC, inputs: Optional[int] = INPUTS, domain: Optional[str] = DOMAIN,
                     nodes: Optional[int] = NODES, weights: Optional[str] = WEIGHTS,
                     method: str = typer.Option("auto", help="auto (symmetric when a symmetry group is known), "
                                                             "symmetric or lattice."),
                     checkpoint: Optional[str] = typer.Option(None, help="Directory to checkpoint the symmetric "
                                                                         "route to (after each rank) and resume "
                                                                         "from."),
                     as_json: bool = JSON) -> None:
    """Characteristic polynomial of the arrangement of SPEC (threshold, resonance, Hopfield in the constrained
    parameter space, or any arrangement)."""
    obj = resolve_spec(spec, inputs, domain, nodes, weights)
    name = "".join(c if c.isalnum() or c in "-." else "_" for c in str(obj.spec))[:80]
    path = checkpoint_file(checkpoint, f"charpoly-{name}.json") if checkpoint else None
    with progress_bar(not as_json, "orbit representatives of a rank") as progress:
        result = charpoly_of(obj, method, budget_from(), progress, path)
    emit(as_json, result.to_dict(), result.lines())
