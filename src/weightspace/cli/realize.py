"""``weightspace realize SPEC --table T | --map M``: an exact witness or a certificate of impossibility."""

from __future__ import annotations

from typing import Optional

import typer

from ..arch.base import realize
from ..arch.hopfield import HopfieldNetwork, Scheme
from ..arch.threshold import ThresholdUnit, minimal_weights
from ..errors import InvalidInput
from .app import app
from .common import (DOMAIN, INPUTS, JSON, NODES, ORDER, SPEC, STEPS, UPDATE, WEIGHTS, command, emit, progress_bar,
                     resolve_spec)


@app.command("realize")
@command
def realize_command(spec: str = SPEC,
                    table: Optional[str] = typer.Option(None, "--table", help="Truth table in code order, e.g. "
                                                                              "0110 (threshold units)."),
                    mapping: Optional[str] = typer.Option(None, "--map", help="Output codes in input-code order, "
                                                                              "e.g. 1,0,0,2 (Hopfield networks)."),
                    inputs: Optional[int] = INPUTS, domain: Optional[str] = DOMAIN, nodes: Optional[int] = NODES,
                    weights: Optional[str] = WEIGHTS, steps: int = STEPS, update: str = UPDATE,
                    order: Optional[str] = ORDER,
                    minimal: bool = typer.Option(False, "--minimal", help="Also find minimal integer weights of a "
                                                                          "threshold function (n <= 6)."),
                    as_json: bool = JSON) -> None:
    """Is the function realised? Exact witness, or a certificate (Gordan, exhaustive) that it is impossible."""
    if spec == "threshold" and inputs is None and domain in (None, "cube01", "cubepm1") and table is not None:
        size = len(table.strip())
        if size == 0 or 2 ** (size.bit_length() - 1) != size:
            raise InvalidInput(f"truth table has {size} entries, which is not a power of two")
        inputs = size.bit_length() - 1
    obj = resolve_spec(spec, inputs, domain, nodes, weights, needs="realize")
    function = table if table is not None else mapping
    if function is None:
        raise InvalidInput("give the function: --table for a threshold unit, --map for a Hopfield network")
    if isinstance(obj, HopfieldNetwork):
        obj = obj.with_scheme(Scheme.parse(obj.n, steps, update, order))
    with progress_bar(not as_json, "one-step chambers") as progress:
        options = {} if obj.supports("sign_system") else {"progress": progress}
        result = realize(obj, function, **options)
    payload = result.to_dict()
    payload["verified"] = True
    lines = result.lines()
    if minimal and isinstance(obj, ThresholdUnit) and result.realizable:
        best = minimal_weights(result.target, domain=obj.domain)
        payload["minimal"] = best.to_dict()
        lines.append(f"minimal integer weights: w = {list(best.w)}, b = {best.b}, |w|+|b| = {best.total}")
    emit(as_json, payload, lines)
