"""Figures for the atlas (matplotlib, Agg backend, PNG files).

Each function computes what it draws from the library (or from values passed in) and writes one PNG.
"""

from __future__ import annotations

from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def threshold_sphere(path: str | Path) -> Path:
    """The 2-input threshold arrangement (4 planes w.x + b = 0 in R^3) on the unit sphere: its 14 chambers.

    Every point of the sphere is coloured by its sign vector (the threshold function it computes); each chamber is
    labelled with its truth table at its normalised exact interior point.

    Parameters
    ----------
    path
        The picture file.

    Returns
    -------
    Path
        The file written.
    """
    from .. import library
    from ..arrangement import chamber_complex
    A = library.threshold(2)
    normals = np.array(A.normals, dtype=float)
    complex_ = chamber_complex(A)
    tables = {}
    for k in range(len(complex_)):
        chamber = complex_.chamber(k)
        tables[tuple(s > 0 for s in chamber.signs)] = (k, "".join("1" if s > 0 else "0" for s in chamber.signs),
                                                       np.array(chamber.witness, dtype=float))
    u, v = np.meshgrid(np.linspace(0, 2 * np.pi, 240), np.linspace(0, np.pi, 120))
    xyz = np.stack([np.cos(u) * np.sin(v), np.sin(u) * np.sin(v), np.cos(v)], axis=-1)
    signs = (xyz @ normals.T) > 0
    index = np.zeros(u.shape, dtype=int)
    for key, (k, _, _) in tables.items():
        index[np.all(signs == np.array(key), axis=-1)] = k
    colors = plt.get_cmap("tab20")(index % 20)
    figure = plt.figure(figsize=(10, 5))
    for panel, (elevation, azimuth) in enumerate([(20, -45), (-20, 135)]):
        axes = figure.add_subplot(1, 2, panel + 1, projection="3d")
        axes.plot_surface(xyz[..., 0], xyz[..., 1], xyz[..., 2], facecolors=colors, rstride=1, cstride=1,
                          linewidth=0, antialiased=False, shade=False)
        view = np.array([np.cos(np.radians(azimuth)) * np.cos(np.radians(elevation)),
                         np.sin(np.radians(azimuth)) * np.cos(np.radians(elevation)), np.sin(np.radians(elevation))])
        for k, label, _ in tables.values():
            inside = xyz[index == k]
            centre = inside.mean(axis=0)
            point = centre / np.linalg.norm(centre) * 1.05
            if point @ view > 0.2:
                axes.text(*point, label, fontsize=9, ha="center", weight="bold")
        for a in normals:  # the great circle of each hyperplane
            basis = np.linalg.svd(a[None, :])[2][1:]
            t = np.linspace(0, 2 * np.pi, 200)
            circle = np.outer(np.cos(t), basis[0]) + np.outer(np.sin(t), basis[1])
            front = circle @ view > 0
            axes.plot(*np.where(front[:, None], circle * 1.005, np.nan).T, color="black", linewidth=1)
        axes.view_init(elevation, azimuth)
        axes.set_box_aspect((1, 1, 1))
        axes.set_axis_off()
    figure.suptitle("Threshold arrangement of 2 inputs on the sphere (w1, w2, b): 14 chambers, truth tables in "
                    "code order 00,10,01,11")
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return Path(path)


def hasse_diagram(poset, path: str | Path, title: str) -> Path:
    """Draw a graded poset by rank (bottom to top).

    Parameters
    ----------
    poset
        A graded poset (elements, ranks, covers).
    path
        The picture file.
    title
        The figure's title.

    Returns
    -------
    Path
        The file written.
    """
    import networkx as nx
    graph = poset.hasse_diagram()
    layers: dict[int, list[int]] = {}
    for node, data in graph.nodes(data=True):
        layers.setdefault(data["rank"], []).append(node)
    position = {}
    for rank, nodes in layers.items():
        for i, node in enumerate(sorted(nodes, key=lambda x: str(graph.nodes[x].get("signs", x)))):
            position[node] = ((i + 0.5) / len(nodes), rank)
    figure, axes = plt.subplots(figsize=(10, 5))
    nx.draw_networkx_edges(graph, position, ax=axes, alpha=0.35, arrows=False)
    nx.draw_networkx_nodes(graph, position, ax=axes, node_size=60,
                           node_color=[graph.nodes[n]["rank"] for n in graph.nodes], cmap="viridis")
    if len(graph) <= 20:
        nx.draw_networkx_labels(graph, {k: (x, y + 0.12) for k, (x, y) in position.items()},
                                {n: graph.nodes[n].get("signs", n) for n in graph.nodes}, font_size=8, ax=axes)
    axes.set_title(title)
    axes.set_ylabel("dimension")
    axes.set_xticks([])
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return Path(path)


def growth(path: str | Path, series: dict[str, Sequence[tuple[int, int]]]) -> Path:
    """Chamber counts against n on a log scale (one line per series).

    Parameters
    ----------
    path
        The picture file.
    series
        Name -> ``(n, count)`` points.

    Returns
    -------
    Path
        The file written.
    """
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for name, points in series.items():
        xs, ys = zip(*points)
        axes.semilogy(xs, ys, "o-", label=name)
    axes.set_xlabel("n (inputs)")
    axes.set_ylabel("chambers")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    axes.set_title("Growth of chamber counts (computed)")
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return Path(path)


def hopfield_counts(path: str | Path, rows: list[dict], n: int) -> Path:
    """Realised maps against the number of steps, one line per weight constraint and update mode.

    Parameters
    ----------
    path
        The picture file.
    rows
        The expressivity table's rows.
    n
        Number of units.

    Returns
    -------
    Path
        The file written.
    """
    figure, axes = plt.subplots(figsize=(8, 4.5))
    series: dict[str, list[tuple[int, int]]] = {}
    for row in rows:
        if row["update"] == "async" and row["order"] not in ("any", [u + 1 for u in range(n)]):
            continue
        label = f"{row['weights']}, {row['update']}" + (" (any order)" if row["order"] == "any" else
                                                        " (order 1..n)" if row["update"] == "async" else "")
        series.setdefault(label, []).append((row["steps"], row["maps"]))
    for label, points in series.items():
        xs, ys = zip(*sorted(points))
        axes.semilogy(xs, ys, marker="o", label=label, linestyle="-" if "sync" in label else "--")
    axes.set_xlabel("k (steps or sweeps)")
    axes.set_ylabel("realised maps")
    axes.set_title(f"{n}-node Hopfield networks: maps realised after k steps")
    axes.legend(fontsize=7, ncol=2)
    axes.grid(True, which="both", alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return Path(path)


def cell_shapes(path: str | Path, summaries: list[dict], title: str) -> Path:
    """Stacked bars: convex / non-convex and connected / disconnected cells for k = 1..K.

    Parameters
    ----------
    path
        The picture file.
    summaries
        The structure summaries, one per ``k``.
    title
        The figure's title.

    Returns
    -------
    Path
        The file written.
    """
    ks = [s["steps"] for s in summaries]
    figure, (left, right) = plt.subplots(1, 2, figsize=(9, 3.8))
    left.bar(ks, [s["convex"] for s in summaries], label="convex")
    left.bar(ks, [s["non_convex"] for s in summaries], bottom=[s["convex"] for s in summaries], label="not convex")
    left.set_title("convexity of Par_f^k")
    right.bar(ks, [s["connected"] for s in summaries], label="connected")
    right.bar(ks, [s["disconnected"] for s in summaries], bottom=[s["connected"] for s in summaries],
              label="disconnected")
    right.set_title("facet-connectivity of Par_f^k")
    for axes in (left, right):
        axes.set_xlabel("k")
        axes.set_ylabel("cells (realised maps)")
        axes.legend(fontsize=8)
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return Path(path)


def relu_regions(subdivision, path: str | Path, title: str | None = None) -> Path:
    """The activation regions of a network with 2 inputs on a box, each filled in the colour of its linear region
    (cells with the same colour and a shared edge form one linear region); edges of activation regions in white.

    Parameters
    ----------
    subdivision
        The exact subdivision of a 2-input network on a box.
    path
        The picture file.
    title
        The figure's title.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    InvalidInput
        When the network does not have 2 inputs or the subdivision is not on a box.
    """
    from matplotlib.collections import PolyCollection

    if subdivision.box is None or subdivision.network.input_dimension != 2:
        from ..errors import InvalidInput
        raise InvalidInput("the region picture needs a network with 2 inputs (or a 2-D slice) on a box")
    polygons, colours = [], []
    palette = plt.get_cmap("tab20")
    for region in subdivision.cells:
        points = np.array([[float(v) for v in p] for p in region.vertices])
        centre = points.mean(axis=0)
        order = np.argsort(np.arctan2(points[:, 1] - centre[1], points[:, 0] - centre[0]))
        polygons.append(points[order])
        colours.append(palette((region.linear_region * 7) % 20))
    fig, ax = plt.subplots(figsize=(5.5, 5.5))
    ax.add_collection(PolyCollection(polygons, facecolors=colours, edgecolors="white", linewidths=0.3))
    (x0, y0), (x1, y1) = ([float(v) for v in subdivision.box[0]], [float(v) for v in subdivision.box[1]])
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_title(title or f"{subdivision.regions} linear regions, {subdivision.activation_regions} activation "
                          f"regions", fontsize=10)
    return _save(fig, path)


def memory_capacity(curves: dict, path: str | Path, theory: dict | None = None) -> Path:
    """Capacity against N (log-log) for each model, with its theory as a dashed line: the predicted numbers
    (``theory_capacity`` of each row, for the criterion measured) where known, else a line ``c N^e`` through the
    first point with the theoretical exponent.

    Parameters
    ----------
    curves
        Model -> capacity rows.
    path
        The picture file.
    theory
        Model -> theory rows, drawn dashed.

    Returns
    -------
    Path
        The file written.
    """
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for k, (name, rows) in enumerate(curves.items()):
        points = [(r["nodes"], r["capacity"]) for r in rows if r.get("capacity")]
        if not points:
            continue
        x, y = zip(*points)
        line, = ax.plot(x, y, "o-", label=name)
        exponent = (theory or {}).get(name)
        predicted = [(r["nodes"], r["theory_capacity"]) for r in rows if r.get("theory_capacity")]
        if predicted:
            ax.plot(*zip(*predicted), "--", color=line.get_color(), alpha=0.6,
                    label=f"{name}: theory ({rows[0]['theory'].split('; ')[0]})")
        elif exponent:
            xs = np.array(x, dtype=float)
            ax.plot(xs, y[0] * (xs / xs[0]) ** exponent, "--", color=line.get_color(), alpha=0.6,
                    label=f"{name}: theory N^{exponent:g}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("units N")
    ax.set_ylabel("capacity (stored fraction >= 0.95)")
    ax.legend(fontsize=7)
    return _save(fig, path)


def forgetting_curves(curves: dict, path: str | Path) -> Path:
    """Recall of the oldest quarter of the stored patterns as patterns are added, one line per model and rule.

    Parameters
    ----------
    curves
        Name -> forgetting rows.
    path
        The picture file.

    Returns
    -------
    Path
        The file written.
    """
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for name, rows in curves.items():
        ax.plot([r["stored"] for r in rows], [r["oldest_recalled"] for r in rows], label=f"{name}: oldest")
        ax.plot([r["stored"] for r in rows], [r["newest_recalled"] for r in rows], ":", label=f"{name}: newest")
    ax.set_xlabel("patterns stored so far")
    ax.set_ylabel("fraction still fixed points")
    ax.legend(fontsize=7)
    return _save(fig, path)


def capacity_betti(rows: list[dict], path: str | Path) -> Path:
    """Capacity of simplicial networks (equal weight count) against the Betti numbers of their complexes.

    Parameters
    ----------
    rows
        The topology rows.
    path
        The picture file.

    Returns
    -------
    Path
        The file written.
    """
    fig, ax = plt.subplots(figsize=(6, 4.2))
    for dim, marker in ((1, "o"), (2, "s")):
        xs = [r["betti"][dim] if len(r["betti"]) > dim else 0 for r in rows]
        ax.scatter(xs, [r["capacity"] for r in rows], marker=marker, label=f"Betti {dim}")
        for x, r in zip(xs, rows):
            ax.annotate(f"{r['triangle_share']:g}", (x, r["capacity"]), fontsize=7)
    ax.set_xlabel("Betti number of the complex of connections (labels: share of triangles)")
    ax.set_ylabel("capacity")
    ax.legend(fontsize=8)
    return _save(fig, path)


def _save(fig, path: str | Path) -> Path:
    """Lay out, write at 150 dpi and close a figure."""
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)
    return Path(path)
