"""The atlas: compute the standard tables and figures into ``DIR/index.html``, ``DIR/catalog.sqlite`` and
``DIR/results.json``.

Each section is a function of the catalog: every result is stored under a key with the command that produced it,
read back instead of recomputed on the next run (unless ``recompute``), and written in one transaction, so an
interrupted run resumes where it stopped and never leaves a half-written result behind. Sections appear when the
modules they need exist.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..encoding import dumps
from .. import __version__
from ..catalog import Catalog
from ..validation import check_number
from .schedule import FIGURE_SECONDS, Job, estimate_seconds, run_jobs

SECTIONS = ("threshold", "hopfield", "claims", "learning", "relu", "compare", "memory", "algebraic", "beyond",
            "experiments", "figures")


@dataclass
class AtlasRun:
    """What an atlas run produced."""

    directory: Path
    sections: dict[str, dict[str, Any]] = field(default_factory=dict)
    figures: dict[str, str] = field(default_factory=dict)
    resumed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    estimated_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"directory": str(self.directory), "index": str(self.directory / "index.html"),
                "catalog": str(self.directory / "catalog.sqlite"), "results": str(self.directory / "results.json"),
                "sections": list(self.sections), "figures": self.figures, "resumed_sections": self.resumed,
                "seconds": round(self.seconds, 2), "estimated_seconds": round(self.estimated_seconds, 1)}


def figures_section(directory: Path, data: dict, tick: Callable[[str], None]) -> dict[str, str]:
    """Draw the atlas's figures from the sections' results into its directory.

    Parameters
    ----------
    directory
        The atlas directory.
    data
        Every section's results.
    tick
        Announces each figure.

    Returns
    -------
    dict
        Figure name -> file name.
    """
    from .. import library
    from ..arrangement import faces
    from . import figures
    files = {}
    tick("figure: sphere")
    files["sphere"] = figures.threshold_sphere(directory / "threshold-sphere.png").name
    tick("figure: Hasse diagrams")
    files["hasse_threshold1"] = figures.hasse_diagram(faces(library.threshold(1)).face_poset(),
                                                      directory / "hasse-threshold-1.png",
                                                      "Face poset of the 1-input threshold arrangement").name
    files["hasse_threshold2"] = figures.hasse_diagram(faces(library.threshold(2)).face_poset(),
                                                      directory / "hasse-threshold-2.png",
                                                      "Face poset of the 2-input threshold arrangement "
                                                      "(f = 1, 12, 24, 14)").name
    tick("figure: growth")
    rows = data["threshold"]["rows"]
    series = {"threshold functions T(n)": [(r["n"], r["chambers"]) for r in rows],
              "NP classes": [(r["n"], r["np"]) for r in rows]}
    resonance = [(r["n"], r["resonance_chambers"]) for r in rows if "resonance_chambers" in r]
    if resonance:
        series["resonance arrangement"] = resonance
    files["growth"] = figures.growth(directory / "growth.png", series).name
    for n, rows in data["hopfield"]["tables"].items():
        files[f"hopfield{n}"] = figures.hopfield_counts(directory / f"hopfield-{n}.png", rows, int(n)).name
    files["cells"] = figures.cell_shapes(directory / "cells-2-free.png", data["hopfield"]["structure"]["2/free"],
                                         "2 nodes, free weights: shape of Par_f^k").name
    if "relu" in data:
        from ..arch.relu import linear_regions, random_net
        tick("figure: ReLU regions")
        net = random_net((2, 16, 16, 1), seed=3)
        files["relu"] = figures.relu_regions(linear_regions(net, box=([-4, -4], [4, 4])), directory / "relu-regions.png",
                                             "random:2,16,16,1:3 on [-4, 4]^2: activation regions, coloured by linear "
                                             "region").name
    if "memory" in data:
        tick("figure: memories")
        curves = {c["model"]: c["rows"] for c in data["memory"]["capacity"]}
        theory = {c["model"]: c["theory_exponent"] for c in data["memory"]["capacity"]}
        files["memory_capacity"] = figures.memory_capacity(curves, directory / "memory-capacity.png", theory).name
        files["forgetting"] = figures.forgetting_curves(data["memory"]["forgetting"],
                                                        directory / "forgetting.png").name
    if "beyond" in data:
        from .beyond import glauber_figure, type_slice_figure
        tick("figure: Glauber dynamics and ReLU types")
        files["glauber"] = glauber_figure(data["beyond"]["glauber"], directory / "glauber.png").name
        files["type_slice"] = type_slice_figure(data["beyond"]["type_slice"], directory / "relu-types.png").name
        from ..analysis.landscape import CriticalPoint, Landscape, objective_for
        from ..specs import resolve
        from .beyond import landscape_figure
        first = data["beyond"]["landscapes"][0]                 # the XOR mse landscape, drawn from its stored points
        points = [CriticalPoint(tuple(p["point"]), p["radius"], p["loss"], p["index"], p["cell"], p["certified"],
                                p["function"]) for p in first["points"]]
        xor = objective_for(resolve(first["spec"]), first["loss"], first["table"], beta=4,
                            weight_decay=first["weight_decay"])
        files["landscape"] = landscape_figure(Landscape(first["spec"], first["loss"], points, {}, False), xor,
                                              directory / "landscape.png").name
    if "learning" in data:
        from ..learn.capacity import CapacityCurve, plot_capacity
        tick("figure: capacity")
        curve = data["learning"]["capacity"]
        files["capacity"] = plot_capacity(CapacityCurve(curve["rows"], curve["tasks"], 0, 0.0),
                                          directory / "capacity-64.png").name
    return files


# ------------------------------------------------------------------------------------------------ driver


def build_atlas(directory: str | Path = "atlas", max_inputs: int = 6, recompute: bool = False, resume: bool = False,
                progress: Callable[[str, int, int], None] | None = None,
                hopfield_nodes: tuple[int, ...] = (2, 3), capacity_trials: int = 3,
                four_nodes: int = 0, neural_ot: bool = False, workers: int = 1,
                announce: Callable[[float], None] | None = None) -> AtlasRun:
    """Compute every section (reusing stored results), draw the figures and write the HTML report.

    ``four_nodes > 0`` adds the 4-node Hopfield results (exact zero-diagonal counts and a free two-step estimate
    from that many samples; several minutes). The training-dynamics section runs the quick student-teacher,
    mean-field-dropout and sgd-noise experiments (about 25 s); ``neural_ot=True`` adds the quick neural-ot run
    (about 40 s more). ``workers >= 2`` runs the sections concurrently in that many processes (longest first; see
    [`weightspace.report.schedule`][weightspace.report.schedule]); ``announce(seconds)`` is called with the estimated
    wall time before the work starts.

    Parameters
    ----------
    directory
        Where the report, the catalog and the figures go.
    max_inputs
        The largest number of inputs in the threshold tables.
    recompute
        Recompute stored results.
    resume
        Skip the sections an interrupted run finished.
    progress
        Called with ``(message, done, total)`` as sections start.
    hopfield_nodes
        The Hopfield network sizes tabulated.
    capacity_trials
        Trials per point of the capacity curve.
    four_nodes
        Samples of the opt-in four-node estimate (0: left out).
    neural_ot
        Add the neural optimal-transport experiment.
    workers
        Sections run concurrently in this many processes.
    announce
        Called with the estimated seconds before the work starts.

    Returns
    -------
    AtlasRun
        What the run produced.

    Raises
    ------
    InvalidInput
        For ``max_inputs`` outside ``1..7``, or fewer than 2 samples for the four-node estimate.

    Notes
    -----
    A fresh run took 148 s on a quiet 2-core machine one section after another, and about 90 s with ``workers=2``
    (BENCHMARKS.md). Each section is stored in the catalog as soon as it is computed, so
    an interrupted run resumes and a second run reads the stored results instead of recomputing them.
    """
    from ..errors import InvalidInput
    from .html import write_html
    from ..paths import output_directory
    if not 1 <= max_inputs <= 7:
        raise InvalidInput("--max-inputs must be between 1 and 7 (n = 8 takes about half an hour: use "
                           "`weightspace count threshold --inputs 8`)")
    if four_nodes and four_nodes < 2:
        raise InvalidInput("--four-nodes needs at least 2 samples")
    check_number(four_nodes, "--four-nodes", minimum=0, integer=True)
    start = time.perf_counter()
    directory = output_directory(directory, "--out")
    directory.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(directory / "catalog.sqlite")
    run = AtlasRun(directory)
    finished = catalog.finished_sections()
    run.resumed = sorted(finished) if resume else []
    total = len(SECTIONS)

    here = "weightspace.report.sections"
    jobs = [Job("threshold", "threshold", here, "threshold_section", {"max_inputs": max_inputs}),
            Job("hopfield", "hopfield", here, "hopfield_section", {"nodes": tuple(hopfield_nodes)})]
    if four_nodes:
        jobs.append(Job("hopfield", "four_nodes", here, "four_node_section",
                        {"directory": directory, "samples": four_nodes}))
    area = "weightspace.report.area_sections"
    jobs += [Job(*2 * ("claims",), here, "claims_section"), Job(*2 * ("relu",), area, "relu_section"),
             Job("learning", "learning", here, "learning_section", {"trials": capacity_trials}),
             Job(*2 * ("compare",), area, "compare_section"), Job(*2 * ("memory",), area, "memory_section"),
             Job(*2 * ("algebraic",), "weightspace.report.algebraic", "algebraic_section"),
             Job(*2 * ("beyond",), "weightspace.report.beyond", "beyond_section"),
             Job(*2 * ("experiments",), "weightspace.report.experiments", "experiments_section",
                 {"directory": directory, "neural_ot": neural_ot})]
    run.estimated_seconds = estimate_seconds(jobs, workers, finished=finished if resume else ()) + FIGURE_SECONDS
    if announce:
        announce(run.estimated_seconds)
    data = run_jobs(directory, jobs, recompute, workers,
                    (lambda message, done, total_jobs: progress(message, min(done, total - 1), total)) if progress
                    else None)
    if "four_nodes" in data:
        data["hopfield"]["four_nodes"] = data.pop("four_nodes")
    data = {name: data[name] for name in SECTIONS if name in data}
    run.figures = figures_section(directory, data, lambda message: progress(message, total - 1, total) if progress
                                  else None)
    catalog.mark_section("figures")
    run.sections = data
    meta = {"version": __version__, "generated": time.strftime("%Y-%m-%dT%H:%M:%S"), "max_inputs": max_inputs}
    results = {"meta": meta, **data, "figures": run.figures}
    tmp = directory / "results.json.tmp"
    tmp.write_text(dumps(results, strict=False, indent=1))
    tmp.replace(directory / "results.json")
    write_html(directory, data, run.figures, meta, catalog)
    run.seconds = time.perf_counter() - start
    return run
