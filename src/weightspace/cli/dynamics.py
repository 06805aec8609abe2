"""``weightspace dynamics --W .. --theta ..``: the state graph of one network."""

from __future__ import annotations

from typing import Optional

import typer

from ..arch.hopfield import analyse, parse_matrix, parse_vector
from .app import app
from .common import JSON, ORDER, UPDATE, command, emit


@app.command("dynamics")
@command
def dynamics_command(W: str = typer.Option(..., "--W", help="Weights as rows, e.g. '0,1;1,0' (rationals allowed)."),
                     theta: str = typer.Option(..., "--theta", help="Thresholds, e.g. '0,-1'."),
                     update: str = UPDATE, order: Optional[str] = ORDER, as_json: bool = JSON) -> None:
    """State-transition graph, fixed points, attractors and basins of one network; energy for symmetric W."""
    matrix = parse_matrix(W)
    result = analyse(matrix, parse_vector(theta, len(matrix)), update, order)
    payload = result.to_dict()
    n = result.n

    def bits(x: int) -> str:                # x_1 first
        return "".join(str((x >> i) & 1) for i in range(n))
    lines = [f"states written x_1..x_{n}; update {update}" + (f", order {order}" if order else "")]
    for x, ys in result.transitions.items():
        energy = f"   E = {result.energy[x]}" if result.energy is not None else ""
        lines.append(f"  {bits(x)} -> {', '.join(bits(y) for y in ys)}{energy}")
    lines.append("fixed points: " + (", ".join(bits(x) for x in result.fixed_points) or "none"))
    for a, b in zip(result.attractors, result.basins):
        lines.append(f"attractor {' -> '.join(bits(x) for x in a)} (length {len(a)}), basin {b} states")
    if result.energy_check is not None:
        check = result.energy_check
        lines.append(f"energy under asynchronous single-unit updates: "
                     f"{'never increases' if check['non_increasing'] else 'INCREASES'}"
                     f"{', strictly decreases' if check['strictly_decreasing'] else ''}"
                     f" (zero diagonal: {check['zero_diagonal']})")
    emit(as_json, payload, lines)
