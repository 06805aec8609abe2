"""Certified critical points of a smooth loss: interval enclosures in Arb, the Krawczyk test, branch and bound,
Newton's method, and the Morse index and cell of a proven point (used by
[`weightspace.analysis.landscape`][weightspace.analysis.landscape]).

A box is a list of Arb balls ``[mid_i +- rad_i]``. Evaluating the gradient and Hessian of an
[`Objective`][weightspace.analysis.landscape.Objective] on balls gives enclosures of their ranges over the box (Arb's
interval arithmetic). The Krawczyk operator ``K(X) = y - Y F(y) + (I - Y F'(X))(X - y)``, ``y`` the midpoint and
``Y`` any matrix (here the inverse of the midpoint Hessian), satisfies: ``K(X) subset int X`` implies a unique zero of
``F`` in ``X``; ``K(X) cap X = empty`` implies none (Krawczyk 1969; Neumaier 1990, *Interval methods for systems of
equations*, Thm. 5.1.8).
"""

from __future__ import annotations

from typing import Any, Sequence

import flint
import numpy as np

from ..balls import precision, to_arb

PRECISION = 80


def _exp(z: flint.arb) -> flint.arb:
    return z.exp()


def box(mid: Sequence[float], rad: Sequence[float] | float) -> list[flint.arb]:
    """The box ``prod [mid_i - rad_i, mid_i + rad_i]`` as Arb balls.

    Parameters
    ----------
    mid
        The centre.
    rad
        The half-widths (one number for all).

    Returns
    -------
    list of flint.arb
        One ball per coordinate.
    """
    rads = [rad] * len(mid) if np.isscalar(rad) else list(rad)
    return [flint.arb(float(m), float(r)) for m, r in zip(mid, rads)]


def enclosure(objective: Any, X: list[flint.arb], order: int):
    """Enclosures of the value, gradient or Hessian of ``objective`` over the box ``X``.

    Parameters
    ----------
    objective
        An ``Objective``.
    X
        The box.
    order
        0, 1 or 2.

    Returns
    -------
    Any
        Arb balls containing the range.
    """
    with precision(PRECISION):
        return objective.evaluate(X, order, _exp, to_arb)


def krawczyk(objective: Any, X: list[flint.arb]) -> str:
    """``"unique"`` (a unique zero of the gradient in ``X``), ``"none"`` (no zero) or ``"unknown"``.

    Parameters
    ----------
    objective
        An ``Objective``.
    X
        The box.

    Returns
    -------
    str
        The verdict.
    """
    d = len(X)
    y = [float(x.mid()) for x in X]
    H = np.array([[float(h.mid()) for h in row] for row in enclosure(objective, box(y, 0.0), 2)])
    try:
        Y = np.linalg.inv(H)
    except np.linalg.LinAlgError:
        return "unknown"
    with precision(PRECISION):
        Fy = objective.evaluate([flint.arb(v) for v in y], 1, _exp, to_arb)
        J = objective.evaluate(X, 2, _exp, to_arb)
        Ya = [[flint.arb(float(Y[i, j])) for j in range(d)] for i in range(d)]
        K = []
        for i in range(d):
            value = flint.arb(y[i]) - sum((Ya[i][j] * Fy[j] for j in range(d)), flint.arb(0))
            for j in range(d):
                m = (1 if i == j else 0) - sum((Ya[i][k] * J[k][j] for k in range(d)), flint.arb(0))
                value += m * (X[j] - y[j])
            K.append(value)
    inside, disjoint = True, False
    for k, x in zip(K, X):
        lo_k, hi_k = float((k.mid() - k.rad()).mid()), float((k.mid() + k.rad()).mid())
        lo_x, hi_x = float((x.mid() - x.rad()).mid()), float((x.mid() + x.rad()).mid())
        if not (lo_k > lo_x and hi_k < hi_x and k.rad() < x.rad()):
            inside = False
        if hi_k < lo_x or lo_k > hi_x:
            disjoint = True
    return "none" if disjoint else "unique" if inside else "unknown"


def gradient_enclosure(objective: Any, X: list[flint.arb]) -> list[flint.arb]:
    """The interval gradient over ``X``, intersected with its mean-value form ``F(y) + F'(X)(X - y)``.

    Parameters
    ----------
    objective
        An ``Objective``.
    X
        The box.

    Returns
    -------
    list of flint.arb
        Balls containing the gradient's range.
    """
    natural = enclosure(objective, X, 1)
    y = [float(x.mid()) for x in X]
    with precision(PRECISION):
        Fy = objective.evaluate([flint.arb(v) for v in y], 1, _exp, to_arb)
        J = objective.evaluate(X, 2, _exp, to_arb)
        out = []
        for i, g in enumerate(natural):
            m = Fy[i] + sum((J[i][j] * (X[j] - y[j]) for j in range(len(X))), flint.arb(0))
            if not (g.is_finite() and m.is_finite()):
                out.append(g if g.is_finite() else m)
                continue
            lo, hi = max(float(g.lower()), float(m.lower())), min(float(g.upper()), float(m.upper()))
            out.append(flint.arb((lo + hi) / 2, (hi - lo) / 2 * (1 + 1e-12)) if lo <= hi else
                       flint.arb(float("nan")))
        return out


def branch_and_bound(objective: Any, radius: float | Sequence[float], max_boxes: int = 400_000, min_width: float = 1e-6,
                     progress=None) -> tuple[list[list[flint.arb]], int]:
    """Every zero of the gradient in ``[-radius, radius]^d``: proven boxes, and the number of boxes left undecided.

    A box is dropped when some component of the interval gradient excludes 0 or Krawczyk finds no zero; kept as
    proven when Krawczyk proves a unique zero; else bisected along its widest side.

    Parameters
    ----------
    objective
        An ``Objective``.
    radius
        Half-width of the search box (one per coordinate, or one for all).
    max_boxes
        Boxes examined before stopping (the rest are undecided).
    min_width
        Boxes narrower than this are left undecided.
    progress
        Called with ``(boxes examined, 0)``.

    Returns
    -------
    tuple
        The proven boxes (disjoint interiors, one zero each) and the number of undecided boxes.
    """
    d = objective.dimension
    stack = [box([0.0] * d, radius)]
    scale = max(radius) if not np.isscalar(radius) else radius
    proven, undecided, seen = [], 0, 0
    while stack:
        X = stack.pop()
        seen += 1
        if seen > max_boxes:
            undecided += len(stack) + 1
            break
        if progress is not None and seen % 1000 == 0:
            progress(seen, 0)
        G = gradient_enclosure(objective, X)
        if any(g.is_finite() and not g.contains(0) for g in G):      # an unbounded enclosure decides nothing
            continue
        widths = [float(x.rad()) for x in X]
        if max(widths) < 0.25 * scale:
            verdict = krawczyk(objective, X)
            if verdict == "none":
                continue
            if verdict == "unique":
                proven.append(X)
                continue
        if max(widths) < min_width:
            undecided += 1
            continue
        i = int(np.argmax(widths))
        mid, rad = float(X[i].mid()), widths[i] / 2
        for centre in (mid - rad, mid + rad):
            Y = list(X)
            Y[i] = flint.arb(centre, rad)
            stack.append(Y)
    return _merge(objective, proven), undecided


def _merge(objective: Any, boxes: list[list[flint.arb]]) -> list[list[flint.arb]]:
    """One box per zero: a zero on a shared face is proven in two neighbouring boxes; Newton from each midpoint
    lands on the same point, so boxes whose refined points coincide are one zero."""
    out, points = [], []
    for X in boxes:
        x = newton(objective, [float(v.mid()) for v in X]) or [float(v.mid()) for v in X]
        if any(np.max(np.abs(np.array(x) - np.array(p))) < 1e-7 for p in points):
            continue
        points.append(x)
        out.append(refine(objective, x) or X)
    return out


def multistart(objective: Any, radius: Sequence[float], starts: int, seed: int = 0,
               progress=None) -> tuple[list[list[flint.arb]], int]:
    """Newton's method from ``starts`` points (the origin, then uniform in the box ``prod [-r_i, r_i]`` and Gaussian
    near the origin), each zero proven by Krawczyk and counted once.

    Parameters
    ----------
    objective
        An ``Objective``.
    radius
        Half-widths of the box.
    starts
        Number of starts.
    seed
        Seed.
    progress
        Called with ``(starts done, starts)``.

    Returns
    -------
    tuple
        Proven boxes (one per zero) and how many numerical zeros Krawczyk could not prove.
    """
    rng = np.random.default_rng(seed)
    r = np.asarray(radius, dtype=float)
    points, boxes, failed = [], [], 0

    def attempt(start) -> None:
        nonlocal failed
        x = newton(objective, list(start))
        if x is None or any(np.max(np.abs(np.array(x) - p)) < 1e-7 for p in points):
            return
        points.append(np.array(x))
        X = refine(objective, x)
        if X is None:
            failed += 1
        else:
            boxes.append(X)

    for k in range(starts):
        attempt(np.zeros(len(r)) if k == 0 else (rng.uniform(-r, r) if k % 2 else rng.normal(0, 1 + r / 10)))
        if progress is not None:
            progress(k + 1, starts)
    # saddles sit between minima: start again on the segments joining the points found, until nothing new appears
    tried: set = set()
    while True:
        pairs = [(i, j) for i in range(len(points)) for j in range(i + 1, len(points)) if (i, j) not in tried]
        if not pairs:
            break
        for i, j in pairs:
            tried.add((i, j))
            for t in (0.5, 0.3, 0.7):
                attempt((1 - t) * points[i] + t * points[j])
    return boxes, failed


def newton(objective: Any, start: Sequence[float], steps: int = 60) -> list[float] | None:
    """Newton's method on the gradient (floats), with step halving on the gradient norm; ``None`` if it fails.

    Parameters
    ----------
    objective
        An ``Objective``.
    start
        The starting point.
    steps
        The most iterations.

    Returns
    -------
    list of float or None
        A numerical zero of the gradient.
    """
    x = np.array(start, dtype=float)
    for _ in range(steps):
        g = np.array(objective.evaluate(list(x), 1))
        if np.max(np.abs(g)) < 1e-13:
            return list(x)
        H = np.array(objective.evaluate(list(x), 2))
        try:
            step = np.linalg.solve(H, g)
        except np.linalg.LinAlgError:
            return None
        t = 1.0
        while t > 1e-6:
            y = x - t * step
            if np.linalg.norm(objective.evaluate(list(y), 1)) < np.linalg.norm(g):
                break
            t /= 2
        x = x - t * step
        if not np.all(np.isfinite(x)) or np.max(np.abs(x)) > 1e8:
            return None
    g = np.array(objective.evaluate(list(x), 1))
    return list(x) if np.max(np.abs(g)) < 1e-9 else None


def refine(objective: Any, point: Sequence[float]) -> list[flint.arb] | None:
    """A small box around a numerical zero in which Krawczyk proves a unique zero, or ``None``.

    Parameters
    ----------
    objective
        An ``Objective``.
    point
        A numerical zero of the gradient.

    Returns
    -------
    list of flint.arb or None
        The proven box.
    """
    for radius in (1e-10, 1e-8, 1e-6, 1e-4):
        X = box(point, radius)
        if krawczyk(objective, X) == "unique":
            return X
    return None


def morse_index(objective: Any, X: list[flint.arb]) -> tuple[int, bool]:
    """The number of negative Hessian eigenvalues over ``X``, and whether it is certified (every eigenvalue of the
    midpoint Hessian farther from 0 than the Frobenius norm of the interval Hessian's radius: Weyl's inequality).

    Parameters
    ----------
    objective
        An ``Objective``.
    X
        A proven box.

    Returns
    -------
    tuple
        ``(index, certified)``.
    """
    H = enclosure(objective, X, 2)
    mid = np.array([[float(h.mid()) for h in row] for row in H])
    radius = np.array([[float(h.rad()) for h in row] for row in H])
    eigenvalues = np.linalg.eigvalsh((mid + mid.T) / 2)
    bound = float(np.linalg.norm(radius)) + 1e-12 * max(1.0, float(np.max(np.abs(eigenvalues))))
    return int(np.sum(eigenvalues < 0)), bool(np.all(np.abs(eigenvalues) > bound))


def cell(rows: Sequence[Sequence], X: list[flint.arb]) -> str:
    """The sign of every form ``a_k . theta`` over the box: ``+``, ``-``, or ``0`` when the ball meets the wall.

    Parameters
    ----------
    rows
        The forms.
    X
        A box.

    Returns
    -------
    str
        One sign per form.
    """
    out = []
    for row in rows:
        z = sum((to_arb(a) * x for a, x in zip(row, X)), flint.arb(0))
        out.append("0" if z.contains(0) else "+" if z > 0 else "-")
    return "".join(out)


__all__ = ["box", "enclosure", "gradient_enclosure", "krawczyk", "branch_and_bound", "multistart", "newton", "refine", "morse_index", "cell"]
