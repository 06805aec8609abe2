"""``weightspace faces SPEC``: the f-vector (index = face dimension) and the face poset of an arrangement."""

from __future__ import annotations

import time
from typing import Optional

import typer

from ..arrangement import check_size, faces
from ..arrangement.invariants import describe_arrangement
from ..paths import output_file
from .app import app
from .common import (DOMAIN, INPUTS, JSON, NODES, SPEC, WEIGHTS, budget_from, command, emit, progress_bar,
                     resolve_spec)


@app.command("faces")
@command
def faces_command(spec: str = SPEC, inputs: Optional[int] = INPUTS, domain: Optional[str] = DOMAIN,
                  nodes: Optional[int] = NODES, weights: Optional[str] = WEIGHTS,
                  graphml: Optional[str] = typer.Option(None, "--graphml", help="Write the face poset's Hasse "
                                                                                "diagram to this GraphML file."),
                  as_json: bool = JSON) -> None:
    """Faces of the arrangement of SPEC: f-vector (index = dimension) and face poset."""
    graphml = graphml and str(output_file(graphml, "--graphml"))
    obj = resolve_spec(spec, inputs, domain, nodes, weights)
    A = obj.arrangement()
    check_size(A, "face enumeration", limit=budget_from().max_faces)
    _, subject = describe_arrangement(obj)
    start = time.perf_counter()
    with progress_bar(not as_json, "flats") as progress:
        enumeration = faces(A, progress=progress)
    f = enumeration.f_vector()
    euler = sum((-1) ** k * x for k, x in enumerate(f))
    payload = {"f_vector": f, "faces": sum(f), "euler_characteristic": euler, **subject,
               "seconds": round(time.perf_counter() - start, 4)}
    if graphml:
        poset = enumeration.face_poset()
        poset.write_graphml(graphml)
        payload["graphml"] = graphml
        payload["covers"] = len(poset.covers)
    emit(as_json, payload, [f"f-vector (dimension 0..{A.dimension}): {f}",
                            f"sum (-1)^k f_k = {euler} (Euler relation: (-1)^{A.dimension})"])
