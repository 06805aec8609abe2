"""``weightspace table hopfield``: maps realised for every constraint, k = 1..K, sync / each order / any order."""

from __future__ import annotations

from typing import Optional

import typer

from ..arch.hopfield import expressivity_table, table_constraints
from ..errors import InvalidInput, NotSupported
from .app import app
from .common import JSON, NODES, SPEC, command, emit, progress_bar
from .hopfield_spec import hopfield_network


@app.command("table")
@command
def table_command(spec: str = SPEC, nodes: Optional[int] = NODES, max_steps: int = typer.Option(6, "--max-steps"),
                  weights: Optional[str] = typer.Option(
                      None, "--weights", help="Comma-separated weight constraints (default: all four; at 4 nodes "
                                              "zero-diagonal and symmetric-zero-diagonal, the ones in reach)."),
                  as_json: bool = JSON) -> None:
    """Maps realised for every weight constraint, k = 1..max-steps, sync / async in each order / any order.

    At 4 nodes the zero-diagonal table composes the 104^4 one-step chambers block by block (two passes, about
    15 minutes on one core), and the symmetric zero-diagonal table the 6,732,428 chambers listed by eliminating
    the thresholds (a few minutes); the other orders follow by relabelling symmetry.
    """
    if ":" in spec:
        network = hopfield_network(spec, nodes, None)
        named = spec.split(":")[2] if spec.count(":") >= 2 else None
        if named is not None and weights is not None and weights != named:
            raise InvalidInput(f"the spec {spec} says weights {named} but --weights says {weights}: give it once")
        nodes, weights = network.n, weights or named
    elif spec != "hopfield":
        raise NotSupported(f"the expressivity table is made for Hopfield networks (hopfield), not {spec!r}")
    if nodes is None:
        raise InvalidInput("hopfield needs the number of nodes (--nodes N)")
    chosen, omitted = table_constraints(nodes, weights)
    if max_steps < 1 or max_steps > 64:
        raise InvalidInput("--max-steps must be between 1 and 64")
    with progress_bar(not as_json, "table") as progress:
        rows = expressivity_table(nodes, max_steps, weights=chosen, progress=progress)
    payload = {"nodes": nodes, "rows": rows, "omitted": omitted}
    lines = [f"{'weights':<24} {'update':<12} " + " ".join(f"k={k:<8}" for k in range(1, max_steps + 1))]
    grouped: dict = {}
    for row in rows:
        order = row["order"]
        name = row["update"] + ("" if order is None else " " + (order if order == "any" else
                                                                 "".join(map(str, order))))
        grouped.setdefault((row["weights"], name), []).append(row["maps"])
    for (constraint, name), counts in grouped.items():
        lines.append(f"{constraint:<24} {name:<12} " + " ".join(f"{c:<10}" for c in counts))
    if any(row["method"].startswith("relabelled") for row in rows):
        lines.append("(orders other than 1..n: the relabelled conjugates of order 1..n's maps, hence the same count)")
    for constraint, reason in omitted.items():
        lines.append(f"{constraint}: not tabulated ({reason})")
    emit(as_json, payload, lines)
