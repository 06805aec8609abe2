"""``weightspace claims``: HOLDS or FAILS for each claim of the source documents, with verified evidence."""

from __future__ import annotations


import typer

from ..errors import InvalidInput
from .app import app
from .common import JSON, command, emit, progress_bar


@app.command("claims")
@command
def claims_command(nodes: int = typer.Option(2, "--nodes", help="n for prop1 / prop3 (2 or 3)."),
                   as_json: bool = JSON) -> None:
    """Check the claims of the source documents, each in the reading it states (the source's words where it has
    them); print HOLDS or FAILS per reading with verified evidence."""
    from ..claims import evaluate_claims
    if nodes not in (2, 3):
        raise InvalidInput("claims are evaluated for 2 or 3 nodes")
    with progress_bar(not as_json, "claims") as progress:
        claims = evaluate_claims(nodes, progress)
    payload = {"claims": [c.to_dict() for c in claims]}
    lines = []
    for c in claims:
        where = f"n = {c.nodes}" if c.nodes else "n = 2, 3"
        lines.append(f"{c.status.upper():<6} {c.id:<15} {where:<8} {c.statement}")
        if c.reading:
            lines.append(f"       reading: {c.reading}")
        if c.status == "fails":
            evidence = c.evidence
            if "network" in evidence:
                lines.append(f"       counterexample W = {evidence['network']['W']}, "
                             f"theta = {evidence['network']['theta']}")
            for t in evidence.get("trajectories", []):
                states = t.get("trajectory") or t.get("states_after_each_unit")
                lines.append(f"         input {t['input']}: states {states}")
            for key in ("first", "second"):
                if key in evidence:
                    lines.append(f"       {key} point in the cell: W = {evidence[key]['W']}, "
                                 f"theta = {evidence[key]['theta']}")
            for key in ("map", "async_map", "k_step_map", "map_of_midpoint", "computes"):
                if key in evidence:
                    lines.append(f"       {key}: {evidence[key]}")
    emit(as_json, payload, lines)
