"""The atlas section of the training-dynamics lab: the quick runs of the lab's experiments (student–teacher,
mean-field limit with dropout, SGD noise; neural optimal transport on request), each with its table, summary
and figure, when PyTorch (and the packages an experiment names) are installed."""

from __future__ import annotations

import html
import importlib.util
from pathlib import Path
from typing import Any, Callable

from ..catalog import Catalog

#: The experiments of the atlas in their order; ``neural-ot`` (about 40 s more) only with ``neural_ot=True``.
ATLAS_EXPERIMENTS = ("student-teacher", "mean-field-dropout", "sgd-noise", "neural-ot")

#: Per experiment: the heading, the columns of its table, and the caption of its figure.
_SHOWN: dict[str, tuple[str, tuple[str, ...], str]] = {
    "student-teacher": (
        "Lazy and rich training (student–teacher)",
        ("alpha", "kappa", "regime", "test_loss", "relative_change", "kernel_change", "alignment"),
        "Test loss, distance travelled, kernel change and alignment against alpha; dashed: the heuristic alpha*, "
        "dotted: the measured onset of lazy training."),
    "mean-field-dropout": (
        "Mean-field limit with dropout",
        ("p", "m", "train_loss", "test_loss", "sliced_w2_to_half_width", "w2_to_half_width",
         "sliced_w2_to_no_dropout"),
        "Distance between the neuron measures at widths m/2 and m (log-log) per dropout rate, and test loss "
        "against m."),
    "sgd-noise": (
        "SGD noise and global minimisers",
        ("learning_rate", "augment", "step", "train_loss", "test_loss", "sharpness", "stability"),
        "Training loss, test loss and learning rate times sharpness along training, with and without data "
        "augmentation."),
    "neural-ot": (
        "Neural optimal transport: convex potential vs. flow",
        ("target", "model", "width", "parameters", "map_error", "w2", "w2_floor", "kl", "mmd"),
        "Exact target density and samples; per model its samples and density at the largest width; map error and "
        "KL against size."),
}

_INTRO = {
    "student-teacher": "A two-layer ReLU student learns a 3-neuron teacher in the centred, &alpha;-rescaled form of "
                       "Chizat, Oyallon and Bach (2019). The heuristic &alpha;* = max<sub>i</sub>|g<sub>i</sub>| / "
                       "&lambda;<sub>max</sub>(K) = {alpha_star:.3g} is computed on the data at initialisation (a "
                       "lower bound on the paper's scale, whose Lipschitz constant is infinite for ReLU, not the "
                       "paper's &kappa;); the measured onset of lazy training (kernel change below 0.1 from there "
                       "on) is &alpha; = {lazy_onset}. 'regime' is the measured one.",
    "mean-field-dropout": "Widths 2<sup>4</sup>..2<sup>9</sup> of a 1/m-scaled two-layer network (Sirignano and "
                          "Spiliopoulos 2020), with and without dropout, trained by full-batch gradient descent with "
                          "a fresh dropout mask per step. The distance between the trained neuron measures at "
                          "successive widths (POT) decays like m<sup>-rate</sup>, fitted per seed ({seeds} seeds, "
                          "mean and 95 % interval): {rates}.",
    "sgd-noise": "SGD with minibatches of 4 on an overparametrised regression (Wojtowytsch 2021): without "
                 "augmentation the noise vanishes at an interpolating minimiser and the loss falls to a factor "
                 "{plain:.2g} of its start; with augmentation it stalls at {augmented:.2g}.",
    "neural-ot": "A convex potential (input-convex network, its gradient as the map) against a spline flow, "
                 "pushing a Gaussian to the rings density (Cohen, Amos and Lipman 2021); the map error is measured "
                 "against the exact Brenier map. Flow map error over convex-potential map error: {ratio}.",
}


def experiments_section(catalog: Catalog, directory: Path, recompute: bool, tick: Callable[[str], None],
                        neural_ot: bool = False) -> dict:
    """The rows and summaries of ``weightspace experiment NAME --quick`` for the atlas's experiments (each stored
    in the catalog) and their figures in the atlas directory; ``{"torch": False}`` without PyTorch. An experiment
    whose packages are missing is listed under ``"missing"``.

    Parameters
    ----------
    catalog
        The results catalog.
    directory
        The atlas directory (for the figures).
    recompute
        Recompute stored results.
    tick
        Announces each experiment.
    neural_ot
        Include the neural optimal-transport experiment.

    Returns
    -------
    dict
        Name -> rows and summary.
    """
    if importlib.util.find_spec("torch") is None:
        return {"torch": False}
    from ..experiments import run_experiment
    from ..experiments.lab import experiment_module, missing_packages
    out: dict[str, Any] = {"torch": True, "shown": [], "missing": [], "figures": {}}
    for name in ATLAS_EXPERIMENTS:
        if name == "neural-ot" and not neural_ot:
            continue
        if missing_packages(name):
            out["missing"].append(name)
            continue
        tick(f"{name} (quick)")
        value = catalog.compute("experiments", f"experiments/{name}-quick",
                                lambda name=name: run_experiment(name, quick=True).to_dict(),
                                f"weightspace experiment {name} --quick --json", recompute)
        experiment_module(name).figure(value["rows"], str(directory / f"{name}.png"))
        key = name.replace("-", "_")
        out[key] = value
        out["figures"][name] = f"{name}.png"
        out["shown"].append(name)
    if "student-teacher" in out["figures"]:
        out["figure"] = out["figures"]["student-teacher"]
    return out


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    return "" if value is None else str(value)


def _intro(name: str, result: dict) -> str:
    summary = result.get("summary", {})
    if name == "student-teacher":
        return _INTRO[name].format(alpha_star=summary["alpha_star"],
                                   lazy_onset=summary.get("lazy_onset_alpha") or "beyond the sweep")
    if name == "mean-field-dropout":
        def interval(key):
            low_high = summary.get(f"{key}_ci95")
            return f" (95 % interval {low_high[0]:.2f} to {low_high[1]:.2f})" if low_high else ""
        rates = ", ".join(f"p = {k[len('rate_p'):]}: {v:.2f}{interval(k)}" for k, v in summary.items()
                          if k.startswith("rate_p") and not k.endswith("_ci95"))
        if "baseline_rate" in summary:
            rates += (f"; baseline (two independent draws of the initial law): {summary['baseline_rate']:.2f}"
                      f"{interval('baseline_rate')}")
        return _INTRO[name].format(rates=html.escape(rates), seeds=summary.get("seeds", 1))
    if name == "sgd-noise":
        return _INTRO[name].format(plain=summary.get("final_over_initial_lr1", float("nan")),
                                   augmented=summary.get("final_over_initial_lr1_augmented", float("nan")))
    ratios = ", ".join(f"{k}: {v:.3g}" for k, v in summary.items() if "_over_" in k and isinstance(v, (int, float)))
    return _INTRO[name].format(ratio=html.escape(ratios or "n/a"))


def experiments_html(data: dict, table: Callable[..., str], figure: Callable[[str, str], str]) -> list[str]:
    """The HTML of the section (``table`` and ``figure`` are the report's helpers).

    Parameters
    ----------
    data
        The section's results.
    table
        The report's table helper.
    figure
        The report's figure helper.

    Returns
    -------
    list of str
        HTML fragments.
    """
    parts = ["<h2 id='experiments'>Training dynamics</h2>"]
    if not data.get("torch"):
        return parts + ["<p>PyTorch is not installed (<code>pip install -e '.[torch]'</code>); the lab's experiments "
                        "were left out.</p>"]
    for name in data["shown"]:
        result = data[name.replace("-", "_")]
        heading, keys, caption = _SHOWN[name]
        parts.append(f"<h3 id='experiment-{name}'>{html.escape(heading)}</h3>")
        parts.append(f"<p>{_intro(name, result)} Command: <code>weightspace experiment {name} --quick</code> "
                     f"(seed {result.get('seed')}, {result.get('seconds', 0):.0f} s).</p>")
        rows = [[_cell(r.get(k)) for k in keys] for r in result["rows"]]
        table_id = "experiments-table" if name == "student-teacher" else f"experiments-{name}-table"
        parts.append(table(list(keys), rows, table_id, {keys.index("regime")} if "regime" in keys else set()))
        parts.append(figure(data["figures"][name], caption))
    if data.get("missing"):
        parts.append(f"<p>Left out for missing packages: {html.escape(', '.join(data['missing']))} "
                     "(<code>pip install -e '.[lab]'</code>).</p>")
    return parts
