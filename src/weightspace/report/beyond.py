"""The atlas section beyond the source's open questions: how likely each function is, higher-order units,
asynchronous schedules (Definition 3) and Glauber dynamics (computed, stored in the catalog, rendered as HTML, with
a figure of the distance of the stochastic kernel from its deterministic limit)."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Callable

from ..catalog import Catalog

MEASURE_SPECS = ("threshold:2", "threshold:3", "hopfield:2:free", "hopfield:2:zero-diagonal",
                 "hopfield:2:symmetric-zero-diagonal")
HIGHER_SPECS = ("ptf:2:1", "ptf:2:2", "ptf:3:1", "ptf:3:2", "ptf:3:3", "simplicial-hopfield:3:1",
                "simplicial-hopfield:3:2", "hopfield:3:symmetric-zero-diagonal")
LANDSCAPES = (("threshold:2", "0110", "mse", "1/20", 300), ("threshold:2", "0001", "mse", "1/20", 40),
              ("threshold:2", "0110", "logistic", "0", 1), ("threshold:2", "0001", "logistic", "0", 1),
              ("threshold:3", "01101001", "mse", "1/20", 300))
ASYNC_CASES = tuple((2, w) for w in ("free", "symmetric", "zero-diagonal", "symmetric-zero-diagonal")) + \
    ((3, "zero-diagonal"), (3, "symmetric-zero-diagonal"))


def beyond_results() -> dict:
    """Measures of small specs under the three laws, counts of higher-order units, asynchronous expressivity and
    Glauber distances at random parameters.

    Returns
    -------
    dict
        The section's rows.
    """
    from ..analysis.measure import measure
    from ..arch.hopfield.async_expressivity import asynchronous_expressivity
    from ..arch.hopfield.glauber import tv_samples
    from ..spec_options import CountOptions
    from ..specs import count, resolve
    from fractions import Fraction

    measures = []
    for spec in MEASURE_SPECS:
        for law in ("gaussian", "uniform-cube"):
            r = measure(resolve(spec), law, top=3)
            measures.append({"spec": spec, "law": law, "functions": r.functions_total, "entropy_bits": r.entropy_bits,
                             "method": r.method, "top": [(row.function, row.probability) for row in r.functions],
                             "check": r.total_check})
    higher = [{"spec": spec, "count": count(resolve(spec)).count,
               "charpoly": count(resolve(spec), CountOptions(method="charpoly")).count} for spec in HIGHER_SPECS]
    schedules = [asynchronous_expressivity(n, w, schedule).to_dict() for n, w in ASYNC_CASES
                 for schedule in ("fixed", "every-order", "random")]
    glauber = tv_samples(3, 40, [Fraction(1, 2), 2, 8, 32], seed=0)
    from ..arch.relu.types import relu_types, type_slice
    types = [{k: v for k, v in relu_types((1, M, 1), samples=4000, list_cells=0).items() if k != "cells"}
             for M in range(1, 7)]
    types += [relu_types((2, M, 1), samples=4000) for M in (2, 3)]
    from ..analysis.landscape import landscape
    landscapes = []
    for spec, table, loss, decay, starts in LANDSCAPES:
        r = landscape(spec, table, loss, beta=4, weight_decay=decay, starts=starts)
        landscapes.append({"spec": spec, "table": table, "loss": loss, "weight_decay": decay,
                           "indices": sorted(p.index for p in r.critical_points),
                           "functions": sorted({str(p.function) if p.function else "on a wall"
                                                for p in r.critical_points if p.index == 0}),
                           "morse_sum": r.morse_check["sum"], "prop5": r.extra.get("prop5"),
                           "direction": (r.extra.get("minimising_direction") or {}).get("direction"),
                           "points": [p.to_dict() for p in r.critical_points]})
    return {"measures": measures, "higher": higher, "asynchronous": schedules, "glauber": glauber,
            "relu_types": types, "type_slice": type_slice(steps=81), "landscapes": landscapes}


def beyond_section(catalog: Catalog, recompute: bool, tick: Callable[[str], None]) -> dict:
    """The section's results, from the catalog when stored (computed and stored otherwise).

    Parameters
    ----------
    catalog
        The results catalog.
    recompute
        Recompute stored results.
    tick
        Announces the section.

    Returns
    -------
    dict
        The results.
    """
    tick("measures, higher-order units, asynchronous and Glauber dynamics")
    return catalog.compute("beyond", "beyond/measures+higher+async+glauber+types+landscape/4", beyond_results,
                           "weightspace measure SPEC --law LAW --json; weightspace count ptf:N:D --json; "
                           "weightspace attractors hopfield:N:W --schedule S --json; weightspace glauber ... --json",
                           recompute)


def glauber_figure(rows: list[dict], path: Path) -> Path:
    """``max_x TV`` against ``beta delta`` at random parameters, between the two bounds.

    Parameters
    ----------
    rows
        [`tv_samples()`][weightspace.arch.hopfield.glauber.tv_samples] rows.
    path
        The PNG to write.

    Returns
    -------
    Path
        ``path``.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    from scipy.special import expit

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    x = np.array([r["beta_delta"] for r in rows])
    ax.scatter(x, [r["max_tv"] for r in rows], s=12, label="max TV at a random (W, theta), 3 nodes")
    grid = np.geomspace(min(x) / 1.5, max(x) * 1.5, 200)
    ax.plot(grid, 1 - expit(grid * np.sqrt(4)), "k--", lw=1, label="lower bound 1 - s(beta delta sqrt(n+1))")
    ax.plot(grid, 1 - expit(grid) ** 3, "k-", lw=1, label="upper bound 1 - s(beta delta)^n")
    ax.set_xscale("log")
    ax.set_xlabel("beta x distance to the nearest wall")
    ax.set_ylabel("TV distance from the deterministic map")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def type_slice_figure(data: dict, path: Path) -> Path:
    """The types of width-2 networks on the slice ``(w_1, b_2)``, with the discriminant drawn over them.

    Parameters
    ----------
    data
        [`type_slice()`][weightspace.arch.relu.types.type_slice] results.
    path
        The PNG to write.

    Returns
    -------
    Path
        ``path``.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    fig, ax = plt.subplots(figsize=(5.6, 4.8))
    grid = np.array(data["type_index"])
    w1, b2 = np.array(data["w1"]), np.array(data["b2"])
    ax.pcolormesh(w1, b2, grid, cmap="tab20", shading="nearest")
    ax.axvline(0, color="k", lw=1.2)
    x = np.linspace(w1.min(), w1.max(), 400)
    with np.errstate(divide="ignore"):
        y = data["b1"] * data["w2"] / x
    y[np.abs(x) < 1e-9] = np.nan
    ax.plot(x[x < 0], y[x < 0], "k", lw=1.2)
    ax.plot(x[x > 0], y[x > 0], "k", lw=1.2, label="b2 w1 = b1 w2 (breakpoints meet)")
    ax.set_ylim(b2.min(), b2.max())
    ax.set_xlabel("w1")
    ax.set_ylabel("b2")
    ax.set_title(f"types of a1 relu(w1 x + {data['b1']:g}) + a2 relu({data['w2']:g} x + b2)", fontsize=9)
    ax.legend(fontsize=8, loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def landscape_figure(result, objective, path: Path, span: float = 3.0) -> Path:
    """The loss on the slice of the first two coordinates through the first critical point inside a chamber, with
    the walls ``a_k . theta = 0`` in the slice, the flow of ``-grad L`` and the critical points in the slice.

    Parameters
    ----------
    result
        A [`Landscape`][weightspace.analysis.landscape.Landscape].
    objective
        Its [`Objective`][weightspace.analysis.landscape.Objective].
    path
        The PNG to write.
    span
        The slice is ``[-span, span]^2`` around the base point.

    Returns
    -------
    Path
        ``path``.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    inside = [p for p in result.critical_points if "0" not in p.cell] or result.critical_points
    base = np.array(inside[0].point if inside else [0.0] * objective.dimension)
    u = np.linspace(-span, span, 121)
    U, V = np.meshgrid(u, u)
    Z = np.zeros_like(U)
    GU, GV = np.zeros_like(U), np.zeros_like(U)
    for i in range(U.shape[0]):
        for j in range(U.shape[1]):
            theta = base.copy()
            theta[0], theta[1] = U[i, j], V[i, j]
            Z[i, j] = objective.evaluate(list(theta), 0)
            g = objective.evaluate(list(theta), 1)
            GU[i, j], GV[i, j] = -g[0], -g[1]
    fig, ax = plt.subplots(figsize=(5.8, 5.0))
    image = ax.contourf(U, V, Z, levels=30, cmap="viridis")
    fig.colorbar(image, ax=ax, label="loss")
    ax.streamplot(U, V, GU, GV, color="w", density=0.9, linewidth=0.6, arrowsize=0.7)
    for row in objective.rows:
        a = [float(x) for x in row]
        rest = sum(a[k] * base[k] for k in range(2, len(a)))
        if abs(a[1]) > 1e-12:
            ax.plot(u, -(a[0] * u + rest) / a[1], "r", lw=1)
        elif abs(a[0]) > 1e-12:
            ax.axvline(-rest / a[0], color="r", lw=1)
    for p in result.critical_points:
        if np.allclose(p.point[2:], base[2:], atol=1e-6):
            ax.plot(p.point[0], p.point[1], "o" if p.index == 0 else "x", color="orange", ms=8)
    ax.set_xlim(-span, span)
    ax.set_ylim(-span, span)
    ax.set_xlabel("theta_1")
    ax.set_ylabel("theta_2")
    ax.set_title(f"{result.spec}, {result.loss} loss: walls (red), -gradient flow, critical points", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def beyond_html(data: dict, table: Callable[..., str], figure: Callable[[str, str], str],
                figures: dict[str, str]) -> list[str]:
    """The HTML of the section (``table`` and ``figure`` are the report's helpers).

    Parameters
    ----------
    data
        The section's results.
    table
        The report's table helper.
    figure
        The report's figure helper.
    figures
        Figure name -> file name.

    Returns
    -------
    list of str
        HTML fragments.
    """
    parts = ["<h2 id='beyond'>Beyond the source: measures, higher-order units, asynchronous and stochastic "
             "dynamics</h2>",
             "<p>Probability of each function under a standard law on the spec's parameter coordinates: "
             "<em>solid-angle</em> = certified Gaussian solid angles (Arb balls), <em>exact-volume</em> = exact "
             "rational volumes in [&minus;1, 1]<sup>d</sup>. The three most likely functions are shown.</p>"]
    parts.append(table(["spec", "law", "functions", "entropy (bits)", "most likely", "method"],
                       [[m["spec"], m["law"], m["functions"], f"{m['entropy_bits']:.4f}",
                         html.escape("; ".join(f"{f if isinstance(f, str) else ','.join(map(str, f))}: {p:.4f}"
                                               for f, p in m["top"])), m["method"]]
                        for m in data["measures"]], "measure-table", {0, 1, 4}))
    parts.append("<p>Polynomial threshold units (ptf:N:D) and one-step simplicial Hopfield networks: chambers by "
                 "enumeration and by the characteristic polynomial. Degree N&minus;1 misses exactly the two parity "
                 "functions; simplices of dimension 1 are the symmetric zero-diagonal network.</p>")
    parts.append(table(["spec", "functions (enumeration)", "functions (charpoly)"],
                       [[h["spec"], h["count"], h["charpoly"]] for h in data["higher"]], "higher-table", {0}))
    parts.append("<p>Asynchronous schedules (one unit per step, Definition 3), read as the attractor reached: "
                 "distinct input &rarr; outcome functions over every one-step chamber, how many are maps (one state "
                 "per input, with certainty), and how many of those are one-step maps (Prop. 4 in this reading).</p>")
    parts.append(table(["nodes", "weights", "schedule", "functions", "maps", "one-step", "example beyond"],
                       [[a["nodes"], a["weights"], a["schedule"], a["maps"], a["deterministic_maps"],
                         a["one_step_maps"], ",".join(map(str, a["beyond_one_step_example"] or [])) or "-"]
                        for a in data["asynchronous"]], "async-table", {1, 2, 6}))
    parts.append("<p>One-hidden-layer ReLU networks d &rarr; M &rarr; 1: types of the input-space subdivision (order "
                 "of the breakpoints with the signs of w<sub>i</sub> and a<sub>i</sub>, up to relabelling units). "
                 "d = 1: a count formula over all strata; d = 2: oriented matroids enumerated; exact sampling is "
                 "the second route in both.</p>")
    parts.append(table(["d", "M", "types", "open types", "met by sampling"],
                       [[t["input_dimension"], t["width"], t["types"], t.get("open_types", t.get("generic_types")),
                         t["sampling"]["integer_grid_types_met"] if "sampling" in t else t["types_met_by_sampling"]]
                        for t in data["relu_types"]], "types-table"))
    parts.append("<p>Critical points of training losses (each proven by the Krawczyk test, Morse index certified): "
                 "the mse loss of a sigmoid unit at beta = 4 with weight decay, and the convex logistic loss. "
                 "Functions are those of the minima's chambers; Prop. 5 in this reading: minima inside Par_f of a "
                 "realisable target.</p>")
    parts.append(table(["spec", "target", "loss", "lambda", "indices", "functions at minima", "Morse sum",
                        "minima in Par_f", "direction of decrease"],
                       [[r["spec"], r["table"], r["loss"], r["weight_decay"], " ".join(map(str, r["indices"])) or "-",
                         html.escape(", ".join(r["functions"])) or "-", r["morse_sum"],
                         (f"{r['prop5']['minima_in_par_f_of_target']} of {r['prop5']['minima']}" if r["prop5"]
                          else "-"), ",".join(r["direction"]) if r["direction"] else "-"]
                        for r in data["landscapes"]], "landscape-table", {0, 1, 2, 5}))
    if "landscape" in figures:
        parts.append(figure(figures["landscape"], "The mse loss of XOR on a slice through a minimum: walls, the "
                                                  "flow of -grad L and the critical points."))
    if "type_slice" in figures:
        parts.append(figure(figures["type_slice"], "Types of width-2 networks on a slice of parameter space, with "
                                                   "the discriminant (w1 = 0 and a hyperbola)."))
    if "glauber" in figures:
        parts.append(figure(figures["glauber"], "Glauber dynamics: distance of the kernel from the deterministic "
                                                "map against beta times the distance to the nearest wall."))
    return parts


__all__ = ["MEASURE_SPECS", "HIGHER_SPECS", "LANDSCAPES", "ASYNC_CASES", "beyond_results", "beyond_section", "glauber_figure",
           "type_slice_figure", "landscape_figure",
           "beyond_html"]
