"""The atlas section of the training-dynamics lab: the quick student–teacher sweep (lazy vs. rich training) with
its criterion and figure, when PyTorch is installed."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Callable

from ..catalog import Catalog


def experiments_section(catalog: Catalog, directory: Path, recompute: bool, tick: Callable[[str], None]) -> dict:
    """The rows and summary of ``weightspace experiment student-teacher --quick`` (stored in the catalog), and its
    figure in the atlas directory; ``{"torch": False}`` without PyTorch."""
    if importlib.util.find_spec("torch") is None:
        return {"torch": False}
    from ..experiments import run_experiment
    from ..experiments.student_teacher import figure
    tick("student-teacher sweep")
    value = catalog.compute("experiments", "experiments/student-teacher-quick",
                            lambda: run_experiment("student-teacher", quick=True).to_dict(),
                            "weightspace experiment student-teacher --quick --json", recompute)
    figure(value["rows"], str(directory / "student-teacher.png"))
    return {"torch": True, "student_teacher": value, "figure": "student-teacher.png"}


def experiments_html(data: dict, table: Callable[..., str], figure: Callable[[str, str], str]) -> list[str]:
    """The HTML of the section (``table`` and ``figure`` are the report's helpers)."""
    parts = ["<h2 id='experiments'>Training dynamics: lazy and rich training</h2>"]
    if not data.get("torch"):
        return parts + ["<p>PyTorch is not installed (<code>pip install -e '.[torch]'</code>); the lab's experiments "
                        "were left out.</p>"]
    result = data["student_teacher"]
    parts.append("<p>A two-layer ReLU student learns a 3-neuron teacher in the centred, &alpha;-rescaled form of "
                 "Chizat, Oyallon and Bach (2019). The criterion &kappa; = &alpha;*/&alpha; with &alpha;* = "
                 f"max<sub>i</sub>|g<sub>i</sub>| / &lambda;<sub>max</sub>(K) = {result['summary']['alpha_star']:.3g} "
                 "is computed exactly on the data at initialisation: training is lazy for &alpha; &gt; &alpha;*.</p>")
    keys = ("alpha", "kappa", "regime", "test_loss", "relative_change", "kernel_change", "alignment")
    parts.append(table(list(keys), [[r[k] if isinstance(r[k], str) else f"{r[k]:.4g}" for k in keys]
                                    for r in result["rows"]], "experiments-table", {2}))
    parts.append(figure(data["figure"], "Test loss, distance travelled, kernel change and alignment against "
                                        "alpha; the dashed line is alpha*."))
    return parts
