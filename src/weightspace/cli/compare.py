"""``weightspace compare``: are two arrangements (or two ReLU networks' input subdivisions) isomorphic?
``weightspace data-dependence``: how the threshold arrangement changes with the data."""

from __future__ import annotations

from typing import Optional

import typer

from .app import app
from .common import JSON, command, emit


@app.command("compare")
@command
def compare_command(a: str = typer.Option(..., "--a", help="First spec: threshold:N[:cubepm1], hopfield:N:C, "
                                                           "points:FILE, relu-data:FILE[:W], hyperplanes:FILE, "
                                                           "shi:N, ... or relu:FILE (input-space face posets)."),
                    b: str = typer.Option(..., "--b", help="Second spec."),
                    kind: str = typer.Option("combinatorial", "--kind", help="combinatorial (intersection "
                                                                             "lattices), face-poset, or geometric "
                                                                             "(an exact affine map)."),
                    box: Optional[str] = typer.Option(None, "--box", help="For relu:FILE specs: compare on "
                                                                          "[LO,HI]^d instead of R^d."),
                    as_json: bool = JSON) -> None:
    """Decide whether two specs cut parameter space the same way, with a witness (bijection of hyperplanes, of
    chambers, or an exact matrix) or the invariant that separates them."""
    from ..arch.relu import ReLUNet, parse_box
    from ..compare import are_isomorphic
    from ..compare_relu import relu_posets
    from ..errors import InvalidInput
    from ..specs import resolve

    first, second = resolve(a), resolve(b)
    if isinstance(first, ReLUNet) or isinstance(second, ReLUNet):
        if not (isinstance(first, ReLUNet) and isinstance(second, ReLUNet)):
            raise InvalidInput("compare two relu:FILE networks with each other (input-space face posets)")
        if first.input_dimension != second.input_dimension:
            raise InvalidInput("the two networks have different input dimensions")
        answer = relu_posets(first, second, parse_box(box, first.input_dimension) if box else None)
    else:
        for obj in (first, second):
            obj.require("arrangement")
        answer = are_isomorphic(first.arrangement(), second.arrangement(), kind)
    payload = {"a": a, "b": b, **answer.to_dict()}
    if answer.isomorphic:
        line = f"{a} and {b}: isomorphic ({answer.kind})"
        if answer.witness and "matrix" in answer.witness:
            line += f"; x -> M x + v with M = {answer.witness['matrix']}, v = {answer.witness['translation']}"
    else:
        invariant = answer.separating_invariant or {}
        values = invariant.get("values")
        line = (f"{a} and {b}: not isomorphic ({answer.kind}); {invariant.get('name')}"
                + (f": {values[0]} vs {values[1]}" if values else ""))
    emit(as_json, payload, [line])


@app.command("data-dependence")
@command
def data_dependence_command(points: int = typer.Option(6, "--points", "-m", help="Number of data points m."),
                            dimension: int = typer.Option(2, "--dimension", "-d", help="Dimension d of the data."),
                            seed: int = typer.Option(0, "--seed", help="Seed of the generic data sets."),
                            as_json: bool = JSON) -> None:
    """The threshold arrangement of standard data sets (generic, moment curve, collinear, repeated, cubes):
    chambers against Cover's count, VC dimension, and isomorphism with a generic data set."""
    from ..data_dependence import data_dependence

    rows = data_dependence(points, dimension, seed)
    lines = [f"{'data':<24}{'general':>8}{'chambers':>9}{'Cover':>7}{'VC':>4}{'lattice':>9}{'faces':>7}"]
    for r in rows:
        lines.append(f"{r.name:<24}{'yes' if r.general_position else 'no':>8}{r.chambers:>9}{r.cover:>7}"
                     f"{r.vc_dimension:>4}{'same' if r.same_lattice_as_generic else 'other':>9}"
                     f"{'same' if r.same_face_poset_as_generic else 'other':>7}")
    emit(as_json, {"points": points, "dimension": dimension, "rows": [r.to_dict() for r in rows]}, lines)
