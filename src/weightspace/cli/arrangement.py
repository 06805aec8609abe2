"""``weightspace arrangement SPEC``: every invariant of an arrangement that fits the budget, in one answer."""

from __future__ import annotations

from typing import Optional

import typer

from ..arrangement.summary import arrangement_invariants
from ..paths import output_file
from .app import app
from .common import DOMAIN, INPUTS, JSON, NODES, SPEC, WEIGHTS, budget_from, command, emit, progress_bar, resolve_spec


@app.command("arrangement")
@command
def arrangement_command(spec: str = SPEC, inputs: Optional[int] = INPUTS, domain: Optional[str] = DOMAIN,
                        nodes: Optional[int] = NODES, weights: Optional[str] = WEIGHTS,
                        invariants: Optional[str] = typer.Option(
                            None, "--invariants", help="Comma-separated: characteristic_polynomial (charpoly), "
                                                       "regions, bounded_regions, betti_numbers, "
                                                       "whitney_first_kind, flats_per_rank, f_vector. Default: "
                                                       "every invariant within the budget (others are skipped "
                                                       "with their estimated size)."),
                        graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the face poset's Hasse "
                                                                                      "diagram to this GraphML file."),
                        lattice_graphml: Optional[str] = typer.Option(
                            None, "--lattice-graphml", help="Write the intersection lattice's Hasse diagram to this "
                                                            "GraphML file."),
                        compare: Optional[str] = typer.Option(
                            None, "--compare", help="A second spec: are the two intersection lattices isomorphic? "
                                                    "(a bijection of hyperplanes, or the invariant that differs)"),
                        as_json: bool = JSON) -> None:
    """Invariants of the arrangement of SPEC (shi:4, catalan:3, graphical:0-1,1-2,2-0, hyperplanes:FILE, ...):
    dimension, distinct hyperplanes, rank, central / linear / essential, characteristic polynomial, regions and
    relatively bounded regions, Betti and Whitney numbers, flats per rank and the f-vector."""
    graphml = graphml and str(output_file(graphml, "--graphml"))
    lattice_graphml = lattice_graphml and str(output_file(lattice_graphml, "--lattice-graphml"))
    obj = resolve_spec(spec, inputs, domain, nodes, weights)
    wanted = invariants
    if graphml and wanted is not None and "f_vector" not in wanted:
        wanted += ",f_vector"
    if lattice_graphml and wanted is not None and "flats" not in wanted:
        wanted += ",flats_per_rank"
    with progress_bar(not as_json, "flats") as progress:
        summary = arrangement_invariants(obj, wanted, budget_from(), progress, face_poset=bool(graphml))
    payload = summary.to_dict()
    lines = summary.lines()
    if graphml:
        if summary.face_enumeration is None:
            raise typer.BadParameter("the face poset was skipped (beyond the budget): ask --invariants f_vector")
        poset = summary.face_enumeration.face_poset()
        poset.write_graphml(graphml)
        payload["graphml"] = graphml
        lines.append(f"face poset written to {graphml} ({len(poset.covers)} cover relations)")
    if lattice_graphml:
        if summary.lattice is None:
            raise typer.BadParameter("the intersection lattice was skipped (beyond the budget): ask --invariants "
                                     "flats_per_rank")
        import networkx as nx
        nx.write_graphml(summary.lattice.hasse_diagram(), lattice_graphml)
        payload["lattice_graphml"] = lattice_graphml
        lines.append(f"intersection lattice written to {lattice_graphml} ({len(summary.lattice.flats)} flats)")
    if compare:
        from ..compare import are_isomorphic
        other = resolve_spec(compare)
        answer = are_isomorphic(obj.arrangement(), other.arrangement(), "combinatorial")
        bijection = (answer.witness or {}).get("bijection")
        payload["lattice_isomorphism"] = {"other": compare, **answer.to_dict(), "bijection": bijection}
        if answer.isomorphic:
            pairs = ", ".join(f"{a}->{b}" for a, b in bijection)
            lines.append(f"intersection lattice isomorphic to that of {compare}: hyperplanes {pairs}")
        else:
            invariant = answer.separating_invariant or {}
            values = invariant.get("values")
            lines.append(f"intersection lattice not isomorphic to that of {compare}: {invariant.get('name')}"
                         + (f" {values[0]} vs {values[1]}" if values else ""))
    emit(as_json, payload, lines)
