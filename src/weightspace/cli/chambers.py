"""``weightspace chambers SPEC``: every chamber with an exact interior point and its facets."""

from __future__ import annotations

from typing import Optional

import typer

from ..arrangement import chamber_complex, check_size
from ..paths import output_file
from .app import app
from .common import DOMAIN, INPUTS, JSON, NODES, SPEC, WEIGHTS, budget_from, command, emit, resolve_spec


@app.command("chambers")
@command
def chambers_command(spec: str = SPEC, inputs: Optional[int] = INPUTS, domain: Optional[str] = DOMAIN,
                     nodes: Optional[int] = NODES, weights: Optional[str] = WEIGHTS,
                     graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the chamber adjacency "
                                                                                   "graph to this GraphML file."),
                     as_json: bool = JSON) -> None:
    """Every chamber with an exact interior point and its facet hyperplanes (for a threshold unit: the threshold
    function, with integer weights (w, b))."""
    import networkx as nx
    graphml = graphml and str(output_file(graphml, "--graphml"))
    obj = resolve_spec(spec, inputs, domain, nodes, weights)
    A = obj.arrangement()
    check_size(A, "chamber listing", limit=budget_from().max_listed_chambers)
    complex_ = chamber_complex(A)
    describe = getattr(obj, "chamber_row", None)
    rows = []
    for k in range(len(complex_)):
        chamber = complex_.chamber(k)
        row = describe(chamber) if describe else {"signs": list(chamber.signs),
                                                  "point": chamber.to_dict()["witness"]}
        row["facets"] = complex_.facets(k)
        rows.append(row)
    payload = {"chambers": len(rows), "list": rows}
    if graphml:
        nx.write_graphml(complex_.adjacency_graph(), graphml)
        payload["graphml"] = graphml
    text = [f"{r['table']}  w={r['w']} b={r['b']}  facets at inputs {r['facets']}" if "table" in r else
            f"{r['signs']}  point={r['point']}  facets {r['facets']}" for r in rows]
    emit(as_json, payload, text + [f"{len(rows)} chambers"])
