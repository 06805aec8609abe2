"""Check the claims of the source documents (stated in docs/claims.md) and print verified evidence.

Each claim is evaluated by exhaustive exact computation over the chambers of the one-step arrangement. A claim that
holds reports what was enumerated; a claim that fails reports an integer counterexample ``(W, theta)``, the inputs,
the step-by-step trajectory and the exact check (integer simulation, plus a Gordan certificate where a map is
claimed not to be realisable in one step).
"""

from __future__ import annotations

from itertools import combinations
from typing import Any, Callable

import numpy as np

from .arch.hopfield import (HopfieldNetwork, OneStepChambers, cell_structure, key_to_map, map_keys, map_of,
                            one_step_chambers, run, sync_power)
from .arrangement import chamber_complex
from .claim import FAILS, HOLDS, XOR_TABLES, Claim, network_dict, not_one_step, xor_units
from .learn.paths import batch_mpf, constraint_system, exact_map, hamming
from .library import threshold

PROP1_KSTEPS = ("an extension beyond the source: Prop. 1 read for k = 2 synchronous steps (is each Par_f^2 "
                "convex?)")
PROP3_MAPS = "the reading Sigma[Par^2] in Sigma[Par] on maps: every composed F^k is a one-step map, k = 2..6"


def _trajectories(W, theta, n, steps, update="sync", order=None) -> list[dict[str, Any]]:
    return [{"input": x, "trajectory": run(W, theta, n, steps, update, order, x)} for x in range(2 ** n)]


def example4(chambers: OneStepChambers) -> Claim:
    """Example 4: 196 of the 256 maps of two nodes are one-step maps; every map decided exactly.

    Parameters
    ----------
    chambers
        The one-step chambers of the two-node network (free weights).

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    from itertools import product
    network = HopfieldNetwork(2)
    results = [network.realize(m) for m in product(range(4), repeat=4)]
    verified = all(r.verify() is r for r in results)      # realize() verifies; re-checked here for the evidence
    realizable = sum(r.realizable for r in results)
    status = HOLDS if (realizable == 196 and len(results) - realizable == 60 and verified
                       and len(chambers) == 196) else FAILS
    return Claim("example4", "n = 2: g(2) = 14, so 14^2 = 196 of the 256 maps are realisable and 60 are not", status,
                 {"maps": len(results), "realizable": realizable, "certified_impossible": len(results) - realizable,
                  "one_step_chambers": len(chambers), "every_answer_reverified": verified},
                 "every map {0,1}^2 -> {0,1}^2 decided exactly (witness or Gordan certificate), free weights")


def prop2(chambers: OneStepChambers) -> Claim:
    """Prop. 2's face-poset bullet in the reading checked: one chamber per nonempty ``Par_f`` (``g(n)^n`` of them).

    Parameters
    ----------
    chambers
        The one-step chambers of the two-node network (free weights).

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    structure = cell_structure(chambers, steps=1).summary()
    n = chambers.network.n
    g = round(len(chambers) ** (1 / n))
    holds = structure["maps"] == len(chambers) and structure["largest_cell"] == 1 and g ** n == len(chambers)
    return Claim("prop2", "Prop. 2: the hyperplanes {(W_i, theta_i) : W_i.x + theta_i = 0} induce the same face poset "
                 "as {Par_f}; there are g(n)^n chambers", HOLDS if holds else FAILS,
                 {"chambers": len(chambers), "nonempty_cells": structure["maps"], "g(n)": g,
                  "largest_cell_in_chambers": structure["largest_cell"]},
                 "the chambers of the arrangement are in bijection with the nonempty Par_f (one chamber per "
                 "nonempty Par_f, g(n)^n of them); lower faces are not compared", n)


def cor11(chambers: OneStepChambers) -> Claim:
    """Cor. 1.1: no unit of a two-node network computes XOR or XNOR in one synchronous step (a Gordan certificate).

    Parameters
    ----------
    chambers
        The one-step chambers of the two-node network (free weights).

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    found = xor_units(chambers.maps)
    certificate = HopfieldNetwork(2).realize((0, 1, 1, 0)).to_dict()["certificate"]
    return Claim("cor1.1", "Cor. 1.1: a two-node Hopfield network cannot express XOR (asynchronous or synchronous)",
                 FAILS if found else HOLDS,
                 {"one_step_chambers_enumerated": len(chambers), "units_computing_xor_or_xnor": len(found),
                  "certificate_for_map_0,1,1,0": certificate},
                 "the synchronous half, one step: no unit computes XOR or XNOR of the input (cor1.1-async checks "
                 "the asynchronous half)")


def cor11_ksteps(chambers: OneStepChambers, max_steps: int = 6) -> Claim:
    """Cor. 1.1 read for k synchronous steps: no unit computes XOR or XNOR of the initial state, k = 2..max_steps.

    Parameters
    ----------
    chambers
        The one-step chambers of the two-node network (free weights).
    max_steps
        The largest ``k``.

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    statement = f"a two-node network cannot express XOR after k synchronous steps (k = 2..{max_steps})"
    reading = "an extension beyond the source: Cor. 1.1 read for k synchronous steps"
    for k in range(2, max_steps + 1):
        found = xor_units(sync_power(chambers.maps, k))
        if found:
            c, unit, name = found[0]
            W, theta = chambers.witness(c)
            trajectories = _trajectories(W, theta, 2, k)
            outputs = [(t["trajectory"][-1] >> unit) & 1 for t in trajectories]
            check = tuple(outputs) in XOR_TABLES and XOR_TABLES[tuple(outputs)] == name
            return Claim("cor1.1-ksteps", statement, FAILS, {
                "steps": k, "network": network_dict(W, theta), "unit": unit + 1, "computes": name,
                "trajectories": trajectories, "unit_outputs_after_k_steps": outputs,
                "exact_check": "integer simulation of H(Wx + theta) reproduces the table" if check else "FAILED",
                "chambers_with_such_a_unit": len(found)}, reading)
    return Claim("cor1.1-ksteps", statement, HOLDS, {"steps_checked": list(range(2, max_steps + 1)),
                                                     "one_step_chambers_composed": len(chambers)}, reading)


def prop1(chambers: OneStepChambers) -> Claim:
    """Prop. 1: each Par_f of one synchronous step is a single convex chamber.

    Parameters
    ----------
    chambers
        The one-step chambers of the two-node network (free weights).

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    structure = cell_structure(chambers, steps=1).summary()
    holds = structure["convex"] == structure["maps"] and structure["largest_cell"] == 1
    return Claim("prop1", "each Par_f (one synchronous step) is a convex cone", HOLDS if holds else FAILS, {
        "reason": "Par_f = {Theta : W_i.x + theta_i > 0 where f_i(x) = 1, <= 0 where f_i(x) = 0}, an intersection "
                  "of (half-open) linear halfspaces",
        "cells": structure["maps"], "cells_that_are_one_chamber_and_convex": structure["convex"]},
        "Par_f as the intersection of the half-open halfspaces of f's sign conditions; each cell one convex chamber",
        chambers.network.n)


def prop1_ksteps(chambers: OneStepChambers, steps: int = 2) -> Claim:
    """Convexity of Par_f for k steps: an explicit midpoint outside the cell.

    Parameters
    ----------
    chambers
        The one-step chambers of the two-node network (free weights).
    steps
        The number of synchronous steps.

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    n = chambers.network.n
    structure = cell_structure(chambers, steps=steps)
    realised = map_keys(sync_power(chambers.maps, steps), n)
    statement = f"each Par_f^{steps} (k = {steps} synchronous steps) is convex"
    for row in structure.rows:
        if row.convex:
            continue
        key = map_keys(np.array([row.mapping], dtype=np.int64), n)[0]
        members = np.nonzero(realised == key)[0]
        for a, b in combinations(members[:40], 2):
            (W1, t1), (W2, t2) = chambers.witness(a), chambers.witness(b)
            W = tuple(tuple(x + y for x, y in zip(r1, r2)) for r1, r2 in zip(W1, W2))
            theta = tuple(x + y for x, y in zip(t1, t2))
            middle = map_of(W, theta, n, "sync", None, steps)
            if middle != row.mapping:
                return Claim("prop1-ksteps", statement, FAILS, {
                    "map": list(row.mapping), "first": network_dict(W1, t1), "second": network_dict(W2, t2),
                    "sum_of_the_two (a positive multiple of the midpoint)": network_dict(W, theta),
                    "map_of_first": list(map_of(W1, t1, n, "sync", None, steps)),
                    "map_of_second": list(map_of(W2, t2, n, "sync", None, steps)),
                    "map_of_midpoint": list(middle),
                    "non_convex_cells": structure.summary()["non_convex"], "cells": len(structure.rows)},
                    PROP1_KSTEPS, n)
    return Claim("prop1-ksteps", statement, HOLDS, {"cells": len(structure.rows)}, PROP1_KSTEPS, n)


def prop3_coarsening(chambers: OneStepChambers, max_steps: int = 6) -> Claim:
    """Prop. 3: for k steps the one-step chambers coarsen into the cells Par_g (their counts and connectivity per k).

    Parameters
    ----------
    chambers
        The one-step chambers of the two-node network (free weights).
    max_steps
        The largest ``k``.

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    n = chambers.network.n
    per_k = {}
    for k in range(2, max_steps + 1):
        summary = cell_structure(chambers, steps=k).summary()
        per_k[str(k)] = {"cells": summary["maps"], "one_step_chambers": summary["one_step_chambers"]}
    return Claim("prop3-coarsening", "the k-step partition of parameter space coarsens the one-step one", HOLDS, {
        "reason": "the k-step map of Theta is F^k where F is the one-step map of Theta, so each cell Par_g^k is "
                  "the union of the one-step cells Par_F with F^k = g",
        "nodes": n, "one_step_cells": len(chambers), "k_step_cells": per_k},
        "the reading 'the partition refines': each k-step cell is a union of one-step cells, k = 2..6", n)


def prop3_maps(chambers: OneStepChambers, max_steps: int = 6) -> Claim:
    """Prop. 3 on maps: the maps of k synchronous steps are one-step maps, k = 2..max_steps (or a counterexample).

    Parameters
    ----------
    chambers
        The one-step chambers of the two-node network (free weights).
    max_steps
        The largest ``k``.

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    n = chambers.network.n
    one_step = set(chambers.keys.tolist())
    for k in range(2, max_steps + 1):
        keys = map_keys(sync_power(chambers.maps, k), n)
        outside = np.nonzero(~np.isin(keys, np.array(sorted(one_step), dtype=np.uint64)))[0]
        if len(outside):
            c = int(outside[0])
            W, theta = chambers.witness(c)
            g = key_to_map(keys[c], n)
            evidence = {"steps": k, "network": network_dict(W, theta), "k_step_map": list(g),
                        "trajectories": _trajectories(W, theta, n, k),
                        "exact_check": map_of(W, theta, n, "sync", None, k) == g,
                        "k_step_maps_not_one_step": int(len(set(keys[outside].tolist())))}
            if n <= 4:
                evidence.update(not_one_step(n, g))
            return Claim("prop3-maps", "every map realised by k synchronous steps is realised by one step", FAILS,
                         evidence, PROP3_MAPS, n)
    return Claim("prop3-maps", "every map realised by k synchronous steps is realised by one step", HOLDS,
                 {"steps_checked": list(range(2, max_steps + 1))}, PROP3_MAPS, n)


def _prop5_case(n: int, weights: str, maps: list[tuple[int, ...]], max_steps: int) -> dict[str, Any]:
    """Batch MPF-surrogate descent towards each map; exact check of the final iterate of every reached map."""
    network = HopfieldNetwork(n, weights)
    rows, _, labels = constraint_system(network, maps[0])
    signs = np.array([constraint_system(network, m)[1] for m in maps])
    entered, phi, violated = batch_mpf(rows, signs, max_steps)
    reached = entered >= 0
    verified = all(exact_map(network, rows, labels, phi[b]) == maps[b] for b in np.nonzero(reached)[0])
    return {"maps": len(maps), "reached": int(reached.sum()), "exact_check_of_final_iterates": verified,
            "steps_max": int(entered[reached].max()) if reached.any() else None,
            "steps_median": float(np.median(entered[reached])) if reached.any() else None,
            "not_reached": [list(maps[b]) for b in np.nonzero(~reached)[0][:5]],
            "violated_at_end_for_not_reached": violated[~reached][:5].tolist()}


def prop5(max_steps: int = 20000, sample_symmetric_three: int = 3000, seed: int = 0) -> Claim:
    """Prop. 5: minimising the MPF-style surrogate from 0 reaches Par_f for every realisable f.

    Parameters
    ----------
    max_steps
        Gradient steps at most per target.
    sample_symmetric_three
        Targets sampled for three nodes with symmetric weights.
    seed
        The seed of the sample.

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    cases = {}
    for weights in ("free", "symmetric"):
        chambers = one_step_chambers(2, weights)
        cases[f"n2-{weights}"] = _prop5_case(2, weights, [tuple(int(v) for v in m) for m in chambers.maps],
                                             max_steps)
    # n = 3, free weights: the units decouple exactly, so every map is reached when each of its unit functions is
    # (same step size); all 104 threshold functions of 3 inputs are run, covering all 104^3 maps
    unit = chamber_complex(threshold(3))
    tables = [tuple(1 if s > 0 else 0 for s in c.signs) for c in unit]
    network = HopfieldNetwork(3)
    rows = np.array([network.row(0, x) for x in range(8)])
    joint_eta = 1.0 / (24 * float((rows.astype(float) ** 2).sum(axis=1).max()))
    signs = np.array([[1 if v else -1 for v in t] for t in tables])
    entered, phi, _ = batch_mpf(rows, signs, max_steps, eta=joint_eta)
    from fractions import Fraction
    unit_verified = all(
        all((sum(int(a) * Fraction(float(p)) for a, p in zip(row, phi[b])) > 0) == (sign > 0)
            for row, sign in zip(rows, signs[b]))
        for b in np.nonzero(entered >= 0)[0])
    cases["n3-free"] = {"maps": 104 ** 3, "unit_functions": 104, "unit_functions_reached": int((entered >= 0).sum()),
                        "exact_check_of_final_iterates": unit_verified,
                        "steps_max": int(entered.max()) if (entered >= 0).all() else None,
                        "method": "per-unit descent (free weights decouple), map step = max over its units"}
    chambers = one_step_chambers(3, "symmetric")
    rng = np.random.default_rng(seed)
    chosen = rng.choice(len(chambers), size=min(sample_symmetric_three, len(chambers)), replace=False)
    cases["n3-symmetric-sample"] = _prop5_case(3, "symmetric", [tuple(int(v) for v in chambers.maps[c])
                                                                  for c in chosen], max_steps)
    cases["n3-symmetric-sample"]["sampled_from"] = len(chambers)
    # non-realisable targets at n = 2: where does descent end, compared with the closest chamber
    free2 = one_step_chambers(2)
    realisable = {tuple(int(v) for v in m) for m in free2.maps}
    from itertools import product
    others = [m for m in product(range(4), repeat=4) if m not in realisable]
    net2 = HopfieldNetwork(2)
    rows2, _, labels2 = constraint_system(net2, others[0])
    signs2 = np.array([constraint_system(net2, m)[1] for m in others])
    _, phi2, violated2 = batch_mpf(rows2, signs2, 2000)
    best = [min(hamming(m, r) for r in realisable) for m in others]
    final = [hamming(exact_map(net2, rows2, labels2, phi2[b]), others[b]) for b in range(len(others))]
    cases["n2-free-non-realisable"] = {"maps": len(others), "final_distance_equals_closest_chamber":
                                       sum(f == b for f, b in zip(final, best)),
                                       "closest_chamber_distance": sorted(set(best)),
                                       "final_distances": sorted(set(final))}
    holds = all(c["reached"] == c["maps"] and c["exact_check_of_final_iterates"]
                for k, c in cases.items() if "reached" in c)
    holds = holds and cases["n3-free"]["unit_functions_reached"] == 104 and unit_verified
    return Claim("prop5", "if f is realisable, minimising the (MPF) energy flow from 0 finds a point of Par_f",
                 HOLDS if holds else FAILS, {"max_steps": max_steps, "cases": cases},
                 "general maps f, with the exponential-loss stand-in for MPF (gradient descent from 0 on "
                 "sum_k exp(-s_k a_k . phi) over f's sign conditions), not MPF itself; prop5-mpf runs MPF on "
                 "fixed-point targets", None)


def evaluate_claims(nodes: int = 2, progress: Callable[[int, int], None] | None = None) -> list[Claim]:
    """Evaluate every claim (ids: example4, cor1.1, cor1.1-async, cor1.1-ksteps, prop1, prop1-ksteps, prop2,
    prop3-coarsening, prop3-maps, prop4-one-unit and prop4-sweep at n = 2 and 3, prop5, prop5-mpf) with free
    weights, each in the reading it states; ``nodes`` sets n for prop1/prop2/prop3 (2 or 3).

    Parameters
    ----------
    nodes
        The number of units of the networks the claims are about.
    progress
        Called with ``(claims done, claims)``.

    Returns
    -------
    list of Claim
        Every claim with its status and evidence.
    """
    from .claims_readings import cor11_async, prop4_one_unit, prop4_sweep, prop5_mpf
    two = one_step_chambers(2)
    general = two if nodes == 2 else one_step_chambers(nodes)
    cache = {3: general} if nodes == 3 else {}

    def three() -> OneStepChambers:
        """The 3-node chambers, enumerated once for the readings that use them."""
        if 3 not in cache:
            cache[3] = one_step_chambers(3)
        return cache[3]

    checks = [
        ("example4", lambda: example4(two)),
        ("cor1.1", lambda: cor11(two)),
        ("cor1.1-ksteps", lambda: cor11_ksteps(two)),
        ("prop1", lambda: prop1(general)),
        ("prop1-ksteps", lambda: prop1_ksteps(general)),
        ("prop3-coarsening", lambda: prop3_coarsening(general)),
        ("prop3-maps", lambda: prop3_maps(general)),
        ("prop2", lambda: prop2(general)),
        ("cor1.1-async", lambda: cor11_async(two)),
        ("prop4-one-unit", lambda: prop4_one_unit(two)),
        ("prop4-one-unit", lambda: prop4_one_unit(three())),
        ("prop4-sweep", lambda: prop4_sweep(two)),
        ("prop4-sweep", lambda: prop4_sweep(three())),
        ("prop5", lambda: prop5()),
        ("prop5-mpf", lambda: prop5_mpf(3)),
    ]
    claims = []
    for done, (_, check) in enumerate(checks):
        if progress:
            progress(done, len(checks))
        claims.append(check())
    return claims
