"""``weightspace learn path|capacity``: learning as motion through chambers, and storage capacity."""

from __future__ import annotations

from typing import Optional

import typer

from ..errors import InvalidInput
from ..paths import output_directory, output_plot
from .app import app
from .common import JSON, command, emit, progress_bar


LEARN_MEASURES = ("per load M: fraction_stored, the mean fraction of M random patterns that are exact fixed points "
                  "after training; all_stored_fraction, the share of trials storing all M; recall_fraction, recall "
                  "from noisy cues")

learn_app = typer.Typer(no_args_is_help=True, help="Learning rules, trajectories through chambers, capacity.")
app.add_typer(learn_app, name="learn")


@learn_app.command("path")
@command
def learn_path_command(nodes: int = typer.Option(..., "--nodes", help="Number of nodes n."),
                       mapping: str = typer.Option(..., "--map", help="Target one-step map, e.g. 1,0,0,2."),
                       rule: str = typer.Option("mpf", "--rule", help="mpf (surrogate descent) or perceptron."),
                       weights: str = typer.Option("free", "--weights", help="free, symmetric, zero-diagonal or "
                                                                           "symmetric-zero-diagonal."),
                       steps: int = typer.Option(5000, "--steps", help="Maximum steps."),
                       as_json: bool = JSON) -> None:
    """Learn a map from parameters 0: the chambers visited, and whether / when Par_f is entered."""
    from ..learn.paths import learn_path
    path = learn_path(nodes, mapping, rule, weights, steps)
    payload = path.to_dict()
    lines = [f"{'entered' if path.entered else 'did not enter'} Par_f"
             + (f" at step {path.entered_at}" if path.entered else f" within {path.steps} steps")
             + f" ({rule}, {weights} weights); chambers visited:"]
    for point in path.trajectory:
        lines.append(f"  step {point['step']:>6}: map {','.join(map(str, point['map']))}  distance {point['distance']}")
    emit(as_json, payload, lines)


@learn_app.command("capacity")
@command
def learn_capacity_command(nodes: int = typer.Option(64, "--nodes"),
                           rule: list[str] = typer.Option(["mpf"], "--rule", help="mpf, mpf-adam, hebb, storkey, "
                                                                                  "perceptron or lp (repeatable)."),
                           patterns: str = typer.Option("10:120:10", "--patterns", help="START:STOP:STEP or a list."),
                           trials: int = typer.Option(5, "--trials"),
                           noise: float = typer.Option(0.1, "--noise", help="Fraction of bits flipped for recall."),
                           seed: int = typer.Option(0, "--seed"),
                           executor: str = typer.Option("local", help="local or dask."),
                           scheduler: Optional[str] = typer.Option(None),
                           workers: Optional[int] = typer.Option(None),
                           checkpoint: Optional[str] = typer.Option(None, help="Directory for resumable sweeps."),
                           plot: Optional[str] = typer.Option(None, "--plot", help="Write the curve to this PNG."),
                           as_json: bool = JSON) -> None:
    """Storage curve of learning rules: at each load M, the fraction of M random patterns that are exact fixed
    points after training (and recalled from noisy cues), per rule. A curve, not `memory capacity`'s number
    capacity(N) (the largest load whose stored fraction stays >= 0.95 for a fixed storage prescription)."""
    from ..learn.capacity import capacity_curve, parse_range, plot_capacity
    plot = plot and str(output_plot(plot))
    checkpoint = checkpoint and str(output_directory(checkpoint, "--checkpoint"))
    counts = parse_range(patterns)
    if not 0 <= noise < 1:
        raise InvalidInput("--noise must be in [0, 1)")
    with progress_bar(not as_json, "tasks") as progress:
        curve = capacity_curve(rule, nodes, counts, trials, noise, seed, executor, workers, scheduler, checkpoint,
                               progress)
    payload = {"measures": LEARN_MEASURES, **curve.to_dict()}
    if plot:
        plot_capacity(curve, plot)
        payload["plot"] = plot
    lines = [f"storage curve ({LEARN_MEASURES})",
             f"{'rule':<12}{'patterns':>9}{'stored':>9}{'all stored':>12}{'recalled':>10}"]
    for row in curve.rows:
        lines.append(f"{row['rule']:<12}{row['patterns']:>9}{row['fraction_stored']:>9.3f}"
                     f"{row['all_stored_fraction']:>12.3f}{row['recall_fraction']:>10.3f}")
    emit(as_json, payload, lines)
