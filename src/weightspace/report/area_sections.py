"""The ReLU, comparison and associative-memory sections of the atlas (the others are in
[`weightspace.report.sections`][weightspace.report.sections]): each computes its results, stored in the results
catalog and reused when stored."""

from __future__ import annotations

from typing import Callable

from ..catalog import Catalog


def relu_results() -> dict:
    """Exact region counts of standard small ReLU networks next to the architecture bounds.

    Returns
    -------
    dict
        One row per network.
    """
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
    """Exact regions of small ReLU networks against the bounds (stored in the catalog).

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
    tick("ReLU regions")
    return catalog.compute("relu", "relu/regions/1", relu_results,
                           "weightspace relu regions --net NET.npz [--box 0,1] --json (per network)", recompute)


def compare_results() -> dict:
    """Isomorphism of standard pairs of arrangements (three notions) and the data-dependence table.

    Returns
    -------
    dict
        The isomorphism rows and the data-dependence table.
    """
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
    """Isomorphism of standard pairs and the data-dependence table (stored in the catalog).

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
    tick("isomorphism and data dependence")
    return catalog.compute("compare", "compare/standard/1", compare_results,
                           "weightspace compare --a SPEC --b SPEC --kind KIND --json; weightspace data-dependence "
                           "--points 6 --dimension 2 --json", recompute)


MEMORY_CURVES = (("classical", {}, (16, 32, 64)), ("poly", {"degree": 3}, (16, 32, 64)),
                 ("rectified", {"degree": 3}, (16, 24, 32)), ("exp", {}, (8, 10, 12)),
                 ("softmax", {"beta": 0.1}, (16, 32, 64)), ("simplicial", {"max_dimension": 2}, (8, 12, 16)),
                 ("simplicial", {"max_dimension": 2, "simplices": "mixed"}, (8, 12, 16)))


def memory_results(trials: int = 20) -> dict:
    """Capacity curves of every model (with the fitted and theoretical exponents) and forgetting curves.

    Parameters
    ----------
    trials
        Trials per number of patterns.

    Returns
    -------
    dict
        The capacity and forgetting curves.
    """
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
    return {"trials": trials, "capacity": curves, "forgetting": forgetting_rows, "depth": memory_depth_results()}


def memory_depth_results() -> dict:
    """Clique memories, continual learning, correlated patterns against their prediction, and the Krotov-Hopfield
    load curve (the memories-in-depth rows of the atlas).

    Returns
    -------
    dict
        ``cliques``, ``continual``, ``correlated`` and ``load_curve`` rows.
    """
    from ..memory.cliques import clique_capacity_row
    from ..memory.continual import continual
    from ..memory.curves import load_curve
    from ..memory.experiments import correlated
    summary = ("learner", "scenario", "ideal", "omega_base", "omega_new", "omega_all")
    runs = [continual(learner, tasks=5, per_class=10) for learner in ("hebbian", "clipped", "mpf", "poly")]
    runs.append(continual("hebbian", tasks=5, scenario="permuted", variability=0.5, per_class=10))
    return {"cliques": [clique_capacity_row(n, trials=20) for n in (28, 66, 120)]
            + [clique_capacity_row(66, "mpf", train=t, trials=20) for t in (5, 200)],
            "continual": [{k: run[k] for k in summary} | {"last": run["rows"][-1]} for run in runs],
            "correlated": correlated("classical", 64, 5, [0.0, 0.2, 0.4, 0.6, 0.8], trials=20),
            "load_curve": load_curve("poly", 32, [10, 20, 40, 80, 160], trials=20)}


def memory_depth_html(depth: dict, table: Callable) -> list[str]:
    """The HTML of [`memory_depth_results`][weightspace.report.area_sections.memory_depth_results].

    Parameters
    ----------
    depth
        The results.
    table
        The atlas's table writer ``(headers, rows, id, left columns)``.

    Returns
    -------
    list of str
        HTML fragments.
    """
    f = lambda x: "-" if x is None else f"{x:.3g}"          # noqa: E731
    return [
        "<h3>Clique memories (Hillar and Tran 2018)</h3><p>Memories: the cliques of half the vertices of K_V, on the "
        "C(V, 2) edges. The Hebbian number is for random patterns, another pattern class.</p>",
        table(["N", "learning", "stored cliques", "all cliques", "certified radius", "recall (10% flips)",
               "Hebbian theory (random)"],
              [[r["nodes"], r["learning"] + (f" ({r['train']} cliques)" if "train" in r else ""), r["capacity"],
                r["theory_capacity"], r.get("certified_radius", "-"), f(r["recall"]), f(r["hebbian_theory"])]
               for r in depth["cliques"]], "clique-table", {1}),
        "<h3>Continual learning (Kemker et al. 2018 metrics)</h3>",
        table(["learner", "scenario", "after the last task: first / new / all", "all at once", "Ω_base", "Ω_new",
               "Ω_all"],
              [[r["learner"], r["scenario"], f"{r['last']['accuracy_first']:.2f} / {r['last']['accuracy_new']:.2f} / "
                f"{r['last']['accuracy_all']:.2f}", f(r["ideal"]), f(r["omega_base"]), f(r["omega_new"]),
                f(r["omega_all"])] for r in depth["continual"]], "continual-table", {0, 1}),
        "<h3>Correlated patterns: measured against the signal-to-noise prediction (classical, N = 64, M = 5)</h3>",
        table(["c", "stored", "predicted", "prototype fixed", "predicted", "to the prototype from random cues"],
              [[r["correlation"], f(r["stored_fraction"]), f(r["predicted_stored_fraction"]),
                f(r["prototype_fixed"]), f(r["predicted_prototype_fixed"]), f(r["to_prototype"])]
               for r in depth["correlated"]], "correlated-table"),
        "<h3>Krotov-Hopfield load curve (poly, a = 3, N = 32)</h3>",
        table(["patterns", "stored fraction", "signal-to-noise prediction"],
              [[r["load"], f(r["stored_fraction"]), f(r["predicted"])] for r in depth["load_curve"]],
              "load-curve-table"),
    ]


def memory_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None]) -> dict:
    """Capacity and forgetting curves of the associative memories (stored in the catalog).

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
    tick("associative memories")
    return catalog.compute("memory", "memory/capacity/20/depth", memory_results,
                           "weightspace memory capacity --model MODEL --nodes N1,N2,N3 --trials 20 --json; "
                           "weightspace memory forgetting --json; weightspace memory continual --json; "
                           "weightspace memory correlated --json; weightspace memory curves --json", recompute)


__all__ = ["relu_results", "relu_section", "compare_results", "compare_section", "MEMORY_CURVES", "memory_results",
           "memory_depth_results", "memory_depth_html", "memory_section"]
