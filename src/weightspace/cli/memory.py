"""``weightspace memory ...``: capacity, recall, correlated patterns, forgetting, a digits task and topology of
associative memories."""

from __future__ import annotations

from typing import Optional

import typer

from .app import app
from ..learn.capacity import parse_range
from .common import JSON, command, emit, progress_bar

memory_app = typer.Typer(no_args_is_help=True, help="Associative memories: classical, dense (poly, rectified, exp), "
                                                    "modern (softmax) and simplicial Hopfield networks.")
app.add_typer(memory_app, name="memory")

MODEL = typer.Option("classical", "--model", help="classical, poly, rectified, exp, softmax, simplicial, "
                                                  "energy-transformer or hillar-tran (capacity only: cliques).")
DEGREE = typer.Option(3, "--degree", help="Degree a of F(z) = z^a (poly, rectified).")
BETA = typer.Option(1.0, "--beta", help="Inverse temperature (softmax).")
DIMENSION = typer.Option(2, "--max-dim", help="Largest simplex dimension (simplicial).")
SIMPLICES = typer.Option("full", "--simplices", help="full, or mixed (random simplices, as many weights as the "
                                                     "pairwise network).")
SEED = typer.Option(0, "--seed", help="Random seed.")


MEASURES = ("capacity(N): the largest load M at which the mean fraction of random patterns that are exact fixed "
            "points stays >= 0.95")


def _params(model: str, degree: int, beta: float, max_dim: int, simplices: str) -> dict:
    from ..errors import InvalidInput
    from ..memory import MODELS
    if model not in MODELS:
        raise InvalidInput(f"unknown model {model!r}: use {', '.join(MODELS)}")
    return {"poly": {"degree": degree}, "rectified": {"degree": degree}, "softmax": {"beta": beta},
            "simplicial": {"max_dimension": max_dim, "simplices": simplices}}.get(model, {})


@memory_app.command("capacity")
@command
def capacity_command(model: str = MODEL, nodes: str = typer.Option("16,32,64", "--nodes", help="N values, e.g. "
                                                                                               "16,32,64."),
                     degree: int = DEGREE, beta: float = BETA, max_dim: int = DIMENSION, simplices: str = SIMPLICES,
                     trials: int = typer.Option(50, "--trials", help="Trials per load M."),
                     max_patterns: int = typer.Option(20000, "--max-patterns", help="Largest load tried."),
                     recall_flips: float = typer.Option(0.1, "--recall-flips", help="Flipped fraction of the cue for "
                                                                                    "the recall column."),
                     plot: Optional[str] = typer.Option(None, "--plot", help="Write capacity against N (PNG)."),
                     checkpoint: Optional[str] = typer.Option(None, "--checkpoint", help="Directory (or a .json "
                                                                                         "file) of evaluated loads: "
                                                                                         "a rerun resumes."),
                     learning: str = typer.Option("explicit", "--learning", help="hillar-tran: explicit (the "
                                                                                 "three-parameter network) or mpf "
                                                                                 "(learned from --train cliques)."),
                     train: int = typer.Option(200, "--train", help="hillar-tran with mpf: training cliques."),
                     seed: int = SEED, as_json: bool = JSON) -> None:
    """capacity(N): one less than the smallest M whose stored fraction (exact fixed points, mean over trials) falls
    below 0.95; next to it the theory's number for this per-pattern criterion, the fitted exponent of the
    log-corrected law N^k / ln N next to the theoretical one, and recall just past capacity. Where the criterion
    cannot tell stored patterns from random states (softmax at beta = 1), the row says so."""
    from ..memory.capacity import capacity_row, fitted_exponent, recall_quality, theory_exponent
    from ..paths import checkpoint_file, output_plot

    plot = plot and str(output_plot(plot))
    checkpoint = checkpoint and str(checkpoint_file(checkpoint, "memory-capacity.json"))
    if model == "hillar-tran":
        return _clique_capacity(nodes, learning, train, trials, recall_flips, seed, as_json)

    params = _params(model, degree, beta, max_dim, simplices)
    theory_params = {k: v for k, v in params.items() if k in ("degree", "max_dimension", "simplices")}
    values = parse_range(nodes, "--nodes")
    rows = []
    with progress_bar(not as_json, "loads") as progress:
        for n in values:
            row = capacity_row(model, n, trials, seed, max_patterns, progress, checkpoint, **params)
            if row["capacity"] is not None:
                row["recall_past_capacity"] = recall_quality(model, n, row["capacity"] + 1, recall_flips, 5, seed,
                                                             **params)
            rows.append(row)
    capacities = [r["capacity"] for r in rows]
    exponent = fitted_exponent(values, capacities)
    theory = theory_exponent(model, **theory_params)
    payload = {"measures": MEASURES, "rows": rows, "exponent": exponent, "exponent_law": "capacity ~ N^k / ln N",
               "exponent_bare_power": fitted_exponent(values, capacities, log_corrected=False),
               "theory_exponent": theory, "params": params}
    lines = [f"{model} {params or ''}".strip() + f": {MEASURES}"]
    for r in rows:
        if r.get("criterion_uninformative"):
            cap = (f"not measurable: at load {r['largest_load']} {r['random_fixed_fraction']:.0%} of random, never "
                   f"stored states are fixed points too")
        else:
            cap = r["capacity"] if r["capacity"] is not None else f">= {r['capacity_at_least']} (never below 0.95)"
        extra = f", recall past capacity {r['recall_past_capacity']:.2f}" if "recall_past_capacity" in r else ""
        predicted = f"{r['theory_capacity']:.3g}" if r["theory_capacity"] is not None else "-"
        lines.append(f"  N = {r['nodes']}: capacity {cap}{extra}; theory {predicted}")
    lines.append(f"  theory: {rows[0]['theory']}" if rows else "  theory: -")
    lines.append(f"  fitted exponent k of N^k / ln N: {exponent if exponent is None else round(exponent, 2)}; "
                 f"theory {theory if theory is not None else 'exponential or unknown'}")
    if plot:
        from ..report.figures import memory_capacity
        memory_capacity({model: rows}, plot)
        payload["plot"] = plot
    emit(as_json, payload, lines)


def _clique_capacity(nodes: str, learning: str, train: int, trials: int, recall_flips: float, seed: int,
                     as_json: bool) -> None:
    from ..errors import InvalidInput
    from ..memory.cliques import clique_capacity_row
    if learning not in ("explicit", "mpf"):
        raise InvalidInput("--learning must be explicit or mpf")
    values = parse_range(nodes, "--nodes")
    rows = [clique_capacity_row(n, learning, train, min(trials, 50), recall_flips, seed) for n in values]
    measures = ("capacity: the number of cliques of half the vertices (the model's memories) that are exact fixed "
                "points")
    lines = [f"hillar-tran ({learning}): {measures}"]
    for r in rows:
        radius = f", corrects any {r['certified_radius']} flipped edges (certified)" if "certified_radius" in r else ""
        lines.append(f"  N = {r['nodes']} (K_{r['vertices']}): capacity {r['capacity']} of {r['theory_capacity']} "
                     f"cliques ({r['checked']}){radius}; recall at {r['recall_flips']:.0%} flips {r['recall']:.2f}; "
                     f"Hebbian theory for random patterns {r['hebbian_theory']:.3g}")
    lines.append(f"  theory: {rows[0]['theory']}" if rows else "  theory: -")
    emit(as_json, {"measures": measures, "rows": rows, "params": {"learning": learning, "train": train}}, lines)


@memory_app.command("continual")
@command
def continual_command(model: str = typer.Option("hebbian", "--model", help="hebbian, clipped (palimpsest), mpf "
                                                                           "(fine-tuned per task), poly, rectified "
                                                                           "or exp (dense: every pattern kept)."),
                      tasks: int = typer.Option(5, "--tasks", help="Number of tasks, 2 to 10."),
                      scenario: str = typer.Option("classes", "--scenario", help="classes (digit classes arrive in "
                                                                                 "order) or permuted (every task "
                                                                                 "has all digits, pixels permuted)."),
                      variability: float = typer.Option(1.0, "--variability", help="permuted: the fraction of the "
                                                                                   "64 pixels each later task "
                                                                                   "permutes (task dissimilarity)."),
                      per_class: int = typer.Option(20, "--per-class", help="Training images per class and task."),
                      clip: int = typer.Option(30, "--clip", help="clipped: the weight bound."),
                      degree: int = DEGREE, seed: int = SEED, as_json: bool = JSON) -> None:
    """Continual learning on the digits (Kemker et al. 2018): after each task, accuracy on the first task, on the
    new task and on all tasks so far; omega_base, omega_new and omega_all against the same learner trained on all
    tasks at once."""
    from ..memory.continual import continual
    with progress_bar(not as_json, "tasks") as progress:
        out = continual(model, tasks, scenario, variability, per_class, clip=clip, degree=degree, seed=seed,
                        progress=progress)
    lines = [f"{model}, {scenario}" + (f" (variability {variability})" if scenario == "permuted" else "") +
             f", {tasks} tasks: {out['classes'] if scenario == 'classes' else 'all digits'}"]
    lines += [f"  after task {r['task']}: first {r['accuracy_first']:.3f}, new {r['accuracy_new']:.3f}, all so far "
              f"{r['accuracy_all']:.3f}" for r in out["rows"]]
    lines.append(f"  all tasks at once: {out['ideal']:.3f}; omega_base {out['omega_base']:.3f}, omega_new "
                 f"{out['omega_new']:.3f}, omega_all {out['omega_all']:.3f}")
    emit(as_json, out, lines)


@memory_app.command("curves")
@command
def curves_command(model: str = typer.Option("poly", "--model", help="classical, poly or rectified (stored "
                                                                     "fraction against load), or exp (capacity "
                                                                     "against N)."),
                   nodes: str = typer.Option("32", "--nodes", help="N (one value; exp: several, e.g. 6,8,..,16)."),
                   loads: str = typer.Option("2,5,10,20,40,80,160", "--loads", help="Numbers of patterns."),
                   degree: int = DEGREE, trials: int = typer.Option(30, "--trials", help="Trials per load."),
                   plot: Optional[str] = typer.Option(None, "--plot", help="Write the curves (PNG)."),
                   seed: int = SEED, as_json: bool = JSON) -> None:
    """Theory as curves beside measurements: the Krotov-Hopfield signal-to-noise prediction of the stored fraction
    against load (classical, poly, rectified), or the exponential memory's capacity against Demircigil et al.'s
    2^(N/2)."""
    from ..errors import InvalidInput
    from ..memory.curves import exp_bound_curve, load_curve, plot_curves
    from ..paths import output_plot
    plot = plot and str(output_plot(plot))
    values = parse_range(nodes, "--nodes")
    with progress_bar(not as_json, "points") as progress:
        if model == "exp":
            rows = exp_bound_curve(values, min(trials, 20), seed, progress)
            lines = [f"  N = {r['nodes']}: capacity {r['capacity']}, 2^(N/2) = {r['bound']:.0f}" for r in rows]
        elif model in ("classical", "poly", "rectified"):
            if len(values) != 1:
                raise InvalidInput("--nodes takes one N for a load curve")
            rows = load_curve(model, values[0], parse_range(loads, "--loads"), trials, degree, seed, progress)
            lines = [f"  M = {r['load']}: stored {r['stored_fraction']:.3f}, predicted {r['predicted']:.3f}"
                     for r in rows]
            lines.append(f"  capacity without errors (theory): {rows[0]['no_error_capacity']:.3g}")
        else:
            raise InvalidInput("--model: classical, poly, rectified or exp")
    payload: dict = {"rows": rows}
    if plot:
        payload["plot"] = str(plot_curves(rows, plot))
    emit(as_json, payload, [f"{model}" + (f" (degree {degree})" if model in ("poly", "rectified") else "")] + lines)


@memory_app.command("correlated")
@command
def correlated_command(model: str = MODEL, nodes: int = typer.Option(32, "--nodes"),
                       patterns: int = typer.Option(4, "--patterns"),
                       correlations: str = typer.Option("0,0.2,0.4,0.6,0.8", "--correlations"),
                       trials: int = typer.Option(10, "--trials"), degree: int = DEGREE, beta: float = BETA,
                       max_dim: int = DIMENSION, simplices: str = SIMPLICES, seed: int = SEED,
                       as_json: bool = JSON) -> None:
    """Patterns sharing bits with a prototype: stored fraction and where the dynamics go from random cues."""
    from ..errors import InvalidInput
    from ..memory.experiments import correlated

    try:
        values = [float(c) for c in correlations.split(",")]
    except ValueError:
        raise InvalidInput(f"--correlations takes numbers separated by commas, not {correlations!r}") from None
    rows = correlated(model, nodes, patterns, values, trials, seed=seed,
                      **_params(model, degree, beta, max_dim, simplices))
    predicted = lambda r: (f" (predicted {r['predicted_stored_fraction']:.2f})"          # noqa: E731
                           if "predicted_stored_fraction" in r else "")
    proto = lambda r: (f" (predicted {r['predicted_prototype_fixed']:.2f})"              # noqa: E731
                       if "predicted_prototype_fixed" in r else "")
    emit(as_json, {"rows": rows}, [f"c = {r['correlation']}: stored {r['stored_fraction']:.2f}{predicted(r)}, "
                                   f"prototype fixed {r['prototype_fixed']:.2f}{proto(r)}; from random cues: to a "
                                   f"stored pattern {r['to_stored_pattern']:.2f}, to the prototype "
                                   f"{r['to_prototype']:.2f}, {r['attractors']:.1f} attractors" for r in rows])


@memory_app.command("forgetting")
@command
def forgetting_command(model: str = MODEL, nodes: int = typer.Option(32, "--nodes"),
                       patterns: int = typer.Option(16, "--patterns"),
                       rule: str = typer.Option("hebbian", "--rule", help="hebbian (also spelled hebb), or clipped (classical)."),
                       trials: int = typer.Option(10, "--trials"), degree: int = DEGREE, beta: float = BETA,
                       max_dim: int = DIMENSION, simplices: str = SIMPLICES, seed: int = SEED,
                       as_json: bool = JSON) -> None:
    """Sequential storage: recall of the oldest and newest quarter as patterns are added."""
    from ..memory.experiments import forgetting

    rows = forgetting(model, nodes, patterns, rule, seed=seed, trials=trials,
                      **_params(model, degree, beta, max_dim, simplices))
    emit(as_json, {"rows": rows}, [f"{r['stored']:>4} stored: oldest {r['oldest_recalled']:.2f}, newest "
                                   f"{r['newest_recalled']:.2f}" for r in rows])


@memory_app.command("classify")
@command
def classify_command(model: str = MODEL, per_class: str = typer.Option("1,2,5,10,20,50", "--per-class"),
                     capacity_trials: int = typer.Option(10, "--capacity-trials", help="Trials for the capacity "
                                                                                       "reference (0: skip)."),
                     degree: int = DEGREE, beta: float = BETA, max_dim: int = DIMENSION, simplices: str = SIMPLICES,
                     seed: int = SEED, as_json: bool = JSON) -> None:
    """A memory as a classifier of scikit-learn's digits: accuracy against the number of stored memories."""
    from ..memory.experiments import digits_task

    rows = digits_task(model, parse_range(per_class, "--per-class"), seed=seed, capacity_trials=capacity_trials,
                       **_params(model, degree, beta, max_dim, simplices))
    emit(as_json, {"rows": rows}, [f"{r['memories']:>5} memories"
                                   + (f" ({r['relative_to_capacity']} x capacity)" if r["relative_to_capacity"] else "")
                                   + f": stored fraction {r['stored_fraction']:.2f}, accuracy {r['accuracy']:.3f}"
                                   for r in rows])


@memory_app.command("topology")
@command
def topology_command(nodes: int = typer.Option(16, "--nodes"), trials: int = typer.Option(20, "--trials"),
                     shares: str = typer.Option("0,0.25,0.5,0.75,1", "--triangle-shares"),
                     plot: Optional[str] = typer.Option(None, "--plot", help="Write capacity against Betti numbers "
                                                                             "(PNG)."),
                     seed: int = SEED, as_json: bool = JSON) -> None:
    """Simplicial networks with C(N,2) weights split between edges and triangles: Betti numbers of the complex of
    connections (gudhi) against capacity; persistent homology of stored patterns and attractors."""
    from ..errors import InvalidInput
    from ..memory.experiments import attractor_topology, topology
    from ..paths import output_plot

    plot = plot and str(output_plot(plot))

    try:
        values = [float(v) for v in shares.split(",")]
    except ValueError:
        raise InvalidInput(f"--triangle-shares takes numbers separated by commas, not {shares!r}") from None
    if any(not 0 <= v <= 1 for v in values):
        raise InvalidInput("--triangle-shares must lie between 0 and 1")
    rows = topology(nodes, values, trials, seed)
    persistence = attractor_topology("classical", max(nodes, 8), 3, seed=seed)
    payload = {"rows": rows, "persistence": persistence}
    if plot:
        from ..report.figures import capacity_betti
        capacity_betti(rows, plot)
        payload["plot"] = plot
    emit(as_json, payload,
         [f"triangles {r['triangles']:>4}, edges {r['edges']:>4}: Betti {r['betti']}, capacity {r['capacity']}"
          for r in rows])
