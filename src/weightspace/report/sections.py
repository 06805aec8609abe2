"""The threshold, Hopfield, claims and learning sections of the atlas: each computes its results (stored in the
results catalog, reused when stored); [`build_atlas()`][weightspace.report.atlas.build_atlas] schedules them, and
[`weightspace.report.area_sections`][weightspace.report.area_sections] holds the ReLU, comparison and memory
sections."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import numpy as np

from ..catalog import Catalog


def threshold_section(catalog: Catalog, max_inputs: int, recompute: bool, tick: Callable[[str], None]) -> dict:
    """T(n), NP/NPN classes (n <= max_inputs), characteristic polynomials (n <= 5), f-vectors (n <= 4),
    resonance chambers (n <= 4), minimal weights of every NP class (n <= 4).

    Parameters
    ----------
    catalog
        The results catalog.
    recompute
        Recompute stored results.
    tick
        Announces the work as it starts.
    max_inputs
        The largest number of inputs.

    Returns
    -------
    dict
        The section's results.
    """
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
    """Expressivity tables (n = 2, 3) and the shape of Par_f^k (structure summaries).

    Parameters
    ----------
    catalog
        The results catalog.
    recompute
        Recompute stored results.
    tick
        Announces the work as it starts.
    nodes
        The network sizes tabulated.

    Returns
    -------
    dict
        The section's results.
    """
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
    two-step estimate for ``nodes``.

    Parameters
    ----------
    samples
        Draws of the free two-step estimate.
    checkpoint
        A file for the estimate's finished chunks.
    nodes
        Number of units.

    Returns
    -------
    dict
        The counts and the estimate.
    """
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
    two-step estimate.

    Parameters
    ----------
    catalog
        The results catalog.
    recompute
        Recompute stored results.
    tick
        Announces the work as it starts.
    directory
        The atlas directory (for the checkpoint).
    samples
        Draws of the free two-step estimate.

    Returns
    -------
    dict
        The section's results.
    """
    tick(f"four nodes ({samples} samples)")
    return catalog.compute(
        "hopfield", f"hopfield/four-nodes/{samples}",
        lambda: four_node_results(samples, directory / "checkpoints"),
        f"weightspace table hopfield --nodes 4 --weights zero-diagonal,symmetric-zero-diagonal --max-steps 2 --json; "
        f"weightspace estimate hopfield --nodes 4 --samples {samples} --json", recompute)


def claims_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None]) -> dict:
    """Every claim of the source with its status and evidence (stored in the catalog).

    Parameters
    ----------
    catalog
        The results catalog.
    recompute
        Recompute stored results.
    tick
        Announces the work as it starts.

    Returns
    -------
    dict
        The section's results.
    """
    from ..claims import evaluate_claims
    tick("claims")
    return {"claims": catalog.compute("claims", "claims/2", lambda: [c.to_dict() for c in evaluate_claims(2)],
                                      "weightspace claims --json", recompute)}


def learning_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None], trials: int = 3) -> dict:
    """Storage capacity at n = 64 for the classical rules and MPF (exact fixed-point checks).

    Parameters
    ----------
    catalog
        The results catalog.
    recompute
        Recompute stored results.
    tick
        Announces the work as it starts.
    trials
        Trials per number of patterns.

    Returns
    -------
    dict
        The section's results.
    """
    from ..learn.capacity import capacity_curve
    tick("capacity, n = 64")
    rules = ["mpf", "hebb", "storkey", "perceptron"]
    counts = list(range(10, 121, 10))
    curve = catalog.compute("learning", f"learning/capacity/64/{trials}",
                            lambda: capacity_curve(rules, 64, counts, trials).to_dict(),
                            f"weightspace learn capacity --nodes 64 --rule mpf --rule hebb --rule storkey --rule "
                            f"perceptron --patterns 10:120:10 --trials {trials} --json", recompute)
    return {"capacity": curve}


__all__ = ["threshold_section", "hopfield_section", "four_node_results", "four_node_section", "claims_section",
           "learning_section"]
