"""``weightspace attractors``: asynchronous dynamics as Definition 3 defines it (one selected unit per step), read as
the state after k steps or the attractor reached, for one network (``--W``/``--theta``) or over every chamber of a
Hopfield spec."""

from __future__ import annotations

from typing import Optional

import typer

from ..arch.hopfield import parse_matrix, parse_vector
from ..arch.hopfield.async_expressivity import asynchronous_expressivity, network_outcomes
from ..errors import InvalidInput
from .app import app
from .common import JSON, budget_from, command, emit, progress_bar, resolve_spec


@app.command("attractors")
@command
def attractors_command(spec: Optional[str] = typer.Argument(None, help="A Hopfield spec (hopfield:N[:CONSTRAINT]): "
                                                                       "count over all its chambers."),
                       W: Optional[str] = typer.Option(None, "--W", help="One network's weights as rows, e.g. "
                                                                         "'0,1;1,0' (instead of SPEC)."),
                       theta: Optional[str] = typer.Option(None, "--theta", help="Its thresholds, e.g. '0,0'."),
                       schedule: str = typer.Option("random", "--schedule", help="fixed (one order, repeated), "
                                                    "every-order (all n! fixed orders), or random (a uniformly "
                                                    "chosen unit per step)."),
                       order: Optional[str] = typer.Option(None, "--order", help="The fixed order, e.g. 2,1,3 "
                                                           "(default 1..n)."),
                       read: str = typer.Option("attractor", "--read", help="attractor (where the dynamics end) or "
                                                "steps (the state after --steps single-unit steps)."),
                       steps: int = typer.Option(1, "--steps", "-k", help="Single-unit steps for --read steps."),
                       as_json: bool = JSON) -> None:
    """Asynchronous dynamics with one selected unit per step: per input, the attractor (with exact probabilities for
    random selection) or the state after k steps; over a spec, how many input -> outcome functions the schedule
    realises and which are one-step maps (Prop. 4 in this reading)."""
    if W is not None or theta is not None:
        if spec is not None or W is None or theta is None:
            raise InvalidInput("give either SPEC, or one network with both --W and --theta")
        matrix = parse_matrix(W)
        rows = network_outcomes(matrix, parse_vector(theta, len(matrix)), schedule, order, read, steps)
        n = len(matrix)

        def bits(x: int) -> str:
            return "".join(str((x >> i) & 1) for i in range(n))
        lines = [f"states written x_1..x_{n}; schedule {schedule}, reading "
                 f"{'the attractor' if read == 'attractor' else f'the state after {steps} steps'}"]
        for row in rows:
            parts = ", ".join(f"{{{' '.join(bits(s) for s in o['states'])}}} with p = {o['probability']}"
                              for o in row["outcomes"])
            lines.append(f"  {bits(row['input'])} -> {parts}")
        emit(as_json, {"nodes": n, "schedule": schedule, "read": read, "inputs": rows}, lines)
        return
    if spec is None:
        raise InvalidInput("give a Hopfield spec such as hopfield:3:symmetric, or one network with --W and --theta")
    network = resolve_spec(spec)
    if not hasattr(network, "constraint"):
        raise InvalidInput(f"attractors needs a Hopfield spec (hopfield:N[:CONSTRAINT]), got {spec}")
    with progress_bar(not as_json, "chambers") as progress:
        result = asynchronous_expressivity(network.n, network.weights, schedule, order, read, steps,
                                           budget_from(), progress)
    emit(as_json, result.to_dict(), result.lines())
