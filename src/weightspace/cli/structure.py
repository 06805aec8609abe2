"""``weightspace structure hopfield``: the shape of every ``Par_f^k`` (chambers, connectivity, convexity)."""

from __future__ import annotations

from typing import Optional

import typer

from ..arch.hopfield import cell_structure, coarsened_poset, one_step_chambers
from ..paths import output_file
from .app import app
from .common import JSON, NODES, ORDER, SPEC, STEPS, UPDATE, WEIGHTS, command, emit
from .hopfield_spec import hopfield_network


@app.command("structure")
@command
def structure_command(spec: str = SPEC, nodes: Optional[int] = NODES, weights: Optional[str] = WEIGHTS, steps: int = STEPS,
                      update: str = UPDATE, order: Optional[str] = ORDER,
                      csv_path: Optional[str] = typer.Option(None, "--csv", help="Write one row per map to this "
                                                                                 "CSV file."),
                      graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the coarsened face "
                                                                                    "poset (closure relation)."),
                      rows: bool = typer.Option(False, "--rows", help="Include every row in --json output."),
                      as_json: bool = JSON) -> None:
    """For every realised map f: one-step chambers in Par_f^k, facet-connectivity, exact convexity."""
    csv_path = csv_path and str(output_file(csv_path, "--csv"))
    graphml = graphml and str(output_file(graphml, "--graphml"))
    network = hopfield_network(spec, nodes, weights)
    chambers = one_step_chambers(network.n, network.weights)
    structure = cell_structure(chambers, steps, update, order)
    payload = structure.summary()
    if csv_path:
        import csv
        with open(csv_path, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["map", "chambers", "components", "connected", "convex"])
            for row in structure.rows:
                writer.writerow([",".join(map(str, row.mapping)), row.chambers, row.components,
                                 row.components == 1, row.convex])
        payload["csv"] = csv_path
    if graphml:
        poset = coarsened_poset(chambers, steps, update, order)
        poset.write_graphml(graphml)
        payload["graphml"] = graphml
        payload["closure_relation_is_partial_order"] = bool(poset.labels[0]["acyclic"]) if len(poset) else True
    if rows:
        payload["rows"] = [r.to_dict() for r in structure.rows]
    emit(as_json, payload, [
        f"{payload['maps']} maps from {payload['one_step_chambers']} one-step chambers; "
        f"{payload['connected']} cells connected through facets, {payload['disconnected']} not; "
        f"{payload['convex']} convex, {payload['non_convex']} not; largest cell {payload['largest_cell']} chambers"])
