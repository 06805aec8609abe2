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

import numpy as np

from ..encoding import dumps
from .. import __version__
from ..catalog import Catalog
from ..validation import check_number
from .schedule import FIGURE_SECONDS, Job, estimate_seconds, run_jobs

SECTIONS = ("threshold", "hopfield", "claims", "learning", "relu", "compare", "memory", "algebraic", "experiments",
            "figures")


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


# ------------------------------------------------------------------------------------------------ sections
def threshold_section(catalog: Catalog, max_inputs: int, recompute: bool, tick: Callable[[str], None]) -> dict:
    """T(n), NP/NPN classes (n <= max_inputs), characteristic polynomials (n <= 5), f-vectors (n <= 4),
    resonance chambers (n <= 4), minimal weights of every NP class (n <= 4)."""
    from .. import library
    from ..arch.threshold import count_threshold_classes, minimal_weights
    from ..arrangement import f_vector, region_counts
    from ..arrangement.graph_symmetry import GraphSymmetry
    from ..arrangement.symmetric import symmetric_characteristic_polynomial
    from ..library import resonance_group
    rows = []
    for n in range(1, max_inputs + 1):
        tick(f"threshold n = {n}")
        classes = catalog.compute("threshold", f"threshold/classes/{n}",
                                  lambda: count_threshold_classes(n, workers=1).to_dict(),
                                  f"weightspace count threshold --inputs {n} --method classes --json", recompute)
        row = {"n": n, "chambers": classes["chambers"], "np": classes["classes"]["np"],
               "npn": classes["classes"]["npn"]}
        if n <= 6:
            def charpoly(n=n):
                A = library.threshold(n)
                chi, stats = symmetric_characteristic_polynomial(A, GraphSymmetry.cube(n))
                return {"coefficients": list(chi.coefficients), "polynomial": str(chi),
                        "chambers": region_counts(A, chi).chambers, "orbits": stats["orbits"]}
            chi = catalog.compute("threshold", f"threshold/charpoly/{n}", charpoly,
                                  f"weightspace charpoly threshold --inputs {n} --json", recompute)
            row["charpoly"] = chi["polynomial"]
            row["charpoly_chambers"] = chi["chambers"]

            def resonance_chi(n=n):
                chi, _ = symmetric_characteristic_polynomial(library.resonance(n), resonance_group(n))
                return {"chambers": abs(chi(-1)), "betti_numbers": [abs(c) for c in chi.coefficients]}
            resonance = catalog.compute("threshold", f"resonance/charpoly/{n}", resonance_chi,
                                        f"weightspace charpoly resonance --inputs {n} --json", recompute)
            row["resonance_chambers"] = resonance["chambers"]
        if n <= 4:
            row["f_vector"] = catalog.compute("threshold", f"threshold/fvector/{n}",
                                              lambda n=n: f_vector(library.threshold(n)),
                                              f"weightspace faces threshold --inputs {n} --json", recompute)
        rows.append(row)
    weights = {}
    for n in range(1, min(4, max_inputs) + 1):
        tick(f"minimal weights n = {n}")

        def table(n=n):
            out = []
            for key in _class_tables(n):
                values = "".join("1" if v else "0" for v in key)
                best = minimal_weights(values, n=n)
                out.append({"table": values, "w": list(best.w), "b": best.b, "total": best.total,
                            "true_points": int(sum(key))})
            return sorted(out, key=lambda r: (r["true_points"], r["table"]))
        weights[n] = catalog.compute("threshold", f"threshold/minimal-weights/{n}", table,
                                     f"weightspace realize threshold --inputs {n} --table T --minimal (every NP "
                                     f"class)", recompute)
    return {"rows": rows, "minimal_weights": weights}


def _class_tables(n: int):
    """Canonical tables of every NP class of threshold functions of ``n`` inputs (from all chambers)."""
    from .. import library
    from ..arrangement import chamber_complex
    from ..arch.threshold.classes import canonical_form, cube
    c = cube(n)
    seen = {}
    for chamber in chamber_complex(library.threshold(n)):
        table = canonical_form(np.array([s > 0 for s in chamber.signs]), c)
        seen.setdefault(table.tobytes(), table)
    return list(seen.values())


def hopfield_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None],
                     nodes: tuple[int, ...] = (2, 3)) -> dict:
    """Expressivity tables (n = 2, 3) and the shape of Par_f^k (structure summaries)."""
    from ..arch.hopfield import WEIGHT_CONSTRAINTS, cell_structure, expressivity_table, one_step_chambers
    out: dict[str, Any] = {"tables": {}, "structure": {}}
    for n in nodes:
        tick(f"Hopfield table n = {n}")
        out["tables"][n] = catalog.compute("hopfield", f"hopfield/table/{n}", lambda n=n: expressivity_table(n),
                                           f"weightspace table hopfield --nodes {n} --json", recompute)
    for n, constraints in ((2, WEIGHT_CONSTRAINTS), (3, ("free", "zero-diagonal", "symmetric-zero-diagonal"))):
        if n not in nodes:
            continue
        for weights in constraints:
            tick(f"cells n = {n}, {weights}")
            key = f"hopfield/structure/{n}/{weights}"

            def summaries(n=n, weights=weights):
                chambers = one_step_chambers(n, weights)
                return [cell_structure(chambers, k).summary() for k in range(1, 7)]
            out["structure"][f"{n}/{weights}"] = catalog.compute(
                "hopfield", key, summaries,
                f"weightspace structure hopfield --nodes {n} --weights {weights} --steps K --json (K = 1..6)",
                recompute)
    return out


def four_node_results(samples: int, checkpoint: Path, nodes: int = 4) -> dict:
    """Exact zero-diagonal and symmetric zero-diagonal counts for k = 1, 2 (sync, sweeps in order 1..n, any
    order; at 4 nodes the streamed product and the chambers listed by threshold elimination) and the free
    two-step estimate for ``nodes``."""
    from ..arch.hopfield import estimate_two_step_maps, expressivity_table
    identity = list(range(1, nodes + 1))

    def exact(weights: str) -> list[dict]:
        return [r for r in expressivity_table(nodes, 2, weights=(weights,)) if r["order"] in (None, "any", identity)]
    estimate = estimate_two_step_maps(nodes, "free", samples, seed=0, workers=None, checkpoint=checkpoint)
    return {"nodes": nodes, "zero_diagonal": exact("zero-diagonal"),
            "symmetric_zero_diagonal": exact("symmetric-zero-diagonal"), "free_estimate": estimate.to_dict()}


def four_node_section(catalog: Catalog, directory: Path, samples: int, recompute: bool,
                      tick: Callable[[str], None]) -> dict:
    """Four nodes (opt-in, several minutes): exact zero-diagonal and symmetric zero-diagonal k = 1, 2 and the free
    two-step estimate."""
    tick(f"four nodes ({samples} samples)")
    return catalog.compute(
        "hopfield", f"hopfield/four-nodes/{samples}",
        lambda: four_node_results(samples, directory / "checkpoints"),
        f"weightspace table hopfield --nodes 4 --weights zero-diagonal,symmetric-zero-diagonal --max-steps 2 --json; "
        f"weightspace estimate hopfield --nodes 4 --samples {samples} --json", recompute)


def claims_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None]) -> dict:
    from ..claims import evaluate_claims
    tick("claims")
    return {"claims": catalog.compute("claims", "claims/2", lambda: [c.to_dict() for c in evaluate_claims(2)],
                                      "weightspace claims --json", recompute)}


def learning_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None], trials: int = 3) -> dict:
    """Storage capacity at n = 64 for the classical rules and MPF (exact fixed-point checks)."""
    from ..learn.capacity import capacity_curve
    tick("capacity, n = 64")
    rules = ["mpf", "hebb", "storkey", "perceptron"]
    counts = list(range(10, 121, 10))
    curve = catalog.compute("learning", f"learning/capacity/64/{trials}",
                            lambda: capacity_curve(rules, 64, counts, trials).to_dict(),
                            f"weightspace learn capacity --nodes 64 --rule mpf --rule hebb --rule storkey --rule "
                            f"perceptron --patterns 10:120:10 --trials {trials} --json", recompute)
    return {"capacity": curve}


def relu_results() -> dict:
    """Exact region counts of standard small ReLU networks next to the architecture bounds."""
    from ..arch.relu import linear_regions, random_net, sawtooth
    from ..arch.relu.bounds import region_bounds
    from ..arch.relu.enumeration import activation_patterns_by_lp

    cases = [(f"sawtooth:{k}", sawtooth(k), ([0], [1])) for k in (1, 2, 3, 4, 5)]
    cases += [(f"random:{','.join(map(str, w))}:{seed}", random_net(w, seed=seed), None)
              for w, seed in (((2, 3, 1), 0), ((2, 8, 1), 0), ((2, 4, 4, 1), 0), ((2, 8, 8, 1), 0),
                              ((3, 6, 6, 1), 0), ((2, 16, 16, 1), 3), ((2, 16, 16, 16, 1), 1))]
    rows = []
    for name, net, box in cases:
        s = linear_regions(net, box=box, volumes=False)
        row = {"network": name, "widths": list(net.widths), "domain": "[0,1]" if box else f"R^{net.input_dimension}",
               "regions": s.regions, "activation_regions": s.activation_regions,
               "bounded_regions": s.bounded_regions, **region_bounds(net.widths)}
        if sum(net.hidden_widths) <= 16:               # the independent route, where it is quick
            row["lp_activation_regions"] = len(activation_patterns_by_lp(net, box))
        rows.append(row)
    return {"rows": rows}


def relu_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None]) -> dict:
    tick("ReLU regions")
    return catalog.compute("relu", "relu/regions/1", relu_results,
                           "weightspace relu regions --net NET.npz [--box 0,1] --json (per network)", recompute)


def compare_results() -> dict:
    """Isomorphism of standard pairs of arrangements (three notions) and the data-dependence table."""
    from .. import library
    from ..arch.relu.data import ReLUOnData
    from ..arrangement import Arrangement
    from ..compare import are_isomorphic
    from ..data_dependence import data_dependence, standard_data, threshold_on
    from ..domain import cube01

    sets = standard_data(6, 2, seed=0)
    pairs = [(f"threshold:{n}", f"threshold:{n}:cubepm1", library.threshold(n), library.threshold(n, "cubepm1"))
             for n in (1, 2, 3)]
    pairs += [("hopfield:2", "relu-data:{0,1}^2:2", library.hopfield(2).arrangement(),
               ReLUOnData(cube01(2), 2).arrangement()),
              ("braid:3", "graphical:0-1,1-2,0-2", library.braid(3), library.graphical("0-1,1-2,0-2")),
              ("4 planes on a line + 2", "3 triple lines",
               Arrangement.from_rational([(1, 0, 0), (0, 1, 0), (1, 1, 0), (1, 2, 0), (0, 0, 1), (1, 3, 1)]),
               Arrangement.from_rational([(1, 0, 0), (0, 1, 0), (1, 1, 0), (0, 0, 1), (1, 0, 1), (0, 1, 1)])),
              ("6 generic points", "6 other generic points", threshold_on(sets["generic"]),
               threshold_on(sets["generic (another draw)"])),
              ("6 generic points", "moment curve", threshold_on(sets["generic"]), threshold_on(sets["moment curve"])),
              ("4 lines, slopes 0,inf,1,2", "slopes 0,inf,1,3", Arrangement.from_rational([(1, 0), (0, 1), (1, 1),
                                                                                          (1, 2)]),
               Arrangement.from_rational([(1, 0), (0, 1), (1, 1), (1, 3)]))]
    rows = []
    for name_a, name_b, A, B in pairs:
        row = {"a": name_a, "b": name_b}
        for kind in ("combinatorial", "face-poset", "geometric"):
            answer = are_isomorphic(A, B, kind)
            row[kind] = answer.isomorphic
            if not answer.isomorphic and "separating" not in row:
                row["separating"] = answer.separating_invariant["name"]
        rows.append(row)
    return {"pairs": rows, "data": [r.to_dict() for r in data_dependence(6, 2, seed=0)]}


def compare_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None]) -> dict:
    tick("isomorphism and data dependence")
    return catalog.compute("compare", "compare/standard/1", compare_results,
                           "weightspace compare --a SPEC --b SPEC --kind KIND --json; weightspace data-dependence "
                           "--points 6 --dimension 2 --json", recompute)


MEMORY_CURVES = (("classical", {}, (16, 32, 64)), ("poly", {"degree": 3}, (16, 32, 64)),
                 ("rectified", {"degree": 3}, (16, 24, 32)), ("exp", {}, (8, 10, 12)),
                 ("softmax", {"beta": 0.1}, (16, 32, 64)), ("simplicial", {"max_dimension": 2}, (8, 12, 16)),
                 ("simplicial", {"max_dimension": 2, "simplices": "mixed"}, (8, 12, 16)))


def memory_results(trials: int = 20) -> dict:
    """Capacity curves of every model (with the fitted and theoretical exponents) and forgetting curves."""
    from ..memory.capacity import capacity_row, fitted_exponent, theory_exponent
    from ..memory.experiments import forgetting

    curves = []
    for model, params, nodes in MEMORY_CURVES:
        label = model + (" (mixed)" if params.get("simplices") == "mixed" else "")
        rows = [capacity_row(model, n, trials, max_patterns=4096, **params) for n in nodes]
        curves.append({"model": label, "params": params, "rows": rows,
                       "exponent": fitted_exponent(nodes, [r["capacity"] for r in rows]),
                       "theory": rows[0]["theory"],
                       "theory_exponent": theory_exponent(model, **{k: v for k, v in params.items()
                                                                    if k in ("degree", "max_dimension", "simplices")})})
    forgetting_rows = {"classical, Hebbian": forgetting("classical", 32, 16, trials=10),
                       "classical, clipped": forgetting("classical", 32, 16, rule="clipped", clip=1, trials=10),
                       "poly a=3, Hebbian": forgetting("poly", 16, 24, trials=10, degree=3)}
    return {"trials": trials, "capacity": curves, "forgetting": forgetting_rows}


def memory_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None]) -> dict:
    tick("associative memories")
    return catalog.compute("memory", "memory/capacity/20", memory_results,
                           "weightspace memory capacity --model MODEL --nodes N1,N2,N3 --trials 20 --json; "
                           "weightspace memory forgetting --json", recompute)


def figures_section(directory: Path, data: dict, tick: Callable[[str], None]) -> dict[str, str]:
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

    here = "weightspace.report.atlas"
    jobs = [Job("threshold", "threshold", here, "threshold_section", {"max_inputs": max_inputs}),
            Job("hopfield", "hopfield", here, "hopfield_section", {"nodes": tuple(hopfield_nodes)})]
    if four_nodes:
        jobs.append(Job("hopfield", "four_nodes", here, "four_node_section",
                        {"directory": directory, "samples": four_nodes}))
    jobs += [Job(*2 * ("claims",), here, "claims_section"), Job(*2 * ("relu",), here, "relu_section"),
             Job("learning", "learning", here, "learning_section", {"trials": capacity_trials}),
             Job(*2 * ("compare",), here, "compare_section"), Job(*2 * ("memory",), here, "memory_section"),
             Job(*2 * ("algebraic",), "weightspace.report.algebraic", "algebraic_section"),
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
