"""``weightspace estimate hopfield``: the two-step count estimated where composing is out of reach."""

from __future__ import annotations

from typing import Optional

import typer

from ..arch.hopfield import estimate_two_step_maps
from ..errors import InvalidInput
from ..paths import output_directory
from .app import app
from .common import JSON, NODES, SPEC, command, emit, progress_bar
from .hopfield_spec import hopfield_network


@app.command("estimate")
@command
def estimate_command(spec: str = SPEC, nodes: Optional[int] = NODES,
                     weights: str = typer.Option("free", "--weights", help="free or zero-diagonal."),
                     steps: int = typer.Option(2, "--steps", "-k", help="Synchronous steps (only 2)."),
                     samples: int = typer.Option(10_000, "--samples", help="Uniform one-step maps drawn."),
                     seed: int = typer.Option(0, "--seed"),
                     executor: str = typer.Option("local", help="local processes, or dask."),
                     scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address."),
                     workers: Optional[int] = typer.Option(None, help="Worker processes (default: cores)."),
                     checkpoint: Optional[str] = typer.Option(None, help="Directory to checkpoint to and resume "
                                                                         "from."),
                     as_json: bool = JSON) -> None:
    """Estimate the number of two-step maps: sum over one-step maps F of 1/#(square roots of F o F), sampled.

    Each sample's square roots are counted exactly; the result is an estimate with a standard error, not a count.
    """
    checkpoint = checkpoint and str(output_directory(checkpoint, "--checkpoint"))
    network = hopfield_network(spec, nodes, weights)
    if steps != 2:
        raise InvalidInput("the estimate covers two synchronous steps (--steps 2); use `count hopfield` otherwise")
    with progress_bar(not as_json, "chunks of samples") as progress:
        result = estimate_two_step_maps(network.n, network.weights, samples, seed, workers, executor, scheduler,
                                        checkpoint, progress)
    payload = result.to_dict()
    low, high = payload["ci95"]
    emit(as_json, payload, [
        f"about {result.estimate:.6g} two-step maps (standard error {result.standard_error:.3g}, 95% interval "
        f"{low:.6g} .. {high:.6g}) for {network.n} nodes, {network.weights} weights",
        f"from {result.samples} uniform one-step maps out of {result.one_step_maps}; square roots counted exactly "
        f"({result.seconds:.1f} s). This is an estimate, not an exact count."])
