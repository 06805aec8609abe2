"""Second routes to the activation regions of a ReLU network: certified LP enumeration and grid sampling.

[`activation_patterns_by_lp()`][weightspace.arch.relu.enumeration.activation_patterns_by_lp] walks the tree of
partial patterns unit by unit (layer by layer). Given the bits of the units before it, a unit's pre-activation is an
affine function ``h`` of ``x``; the open region of the partial pattern is split by ``h > 0`` and ``h < 0`` (a unit with
``h`` identically zero is inactive and splits nothing). Each side is decided by
[`weightspace.lp.solve_signs()`][weightspace.lp.solve_signs] on the homogenised strict system (``x -> (x, t)``,
``t > 0``): a nonempty side comes with an exactly verified interior point, an empty side with a Gordan certificate.
So the count is exact, with no polytope geometry in common with
[`linear_regions()`][weightspace.arch.relu.regions.linear_regions].

[`sampled_patterns()`][weightspace.arch.relu.enumeration.sampled_patterns] evaluates the network exactly on a grid
and counts the distinct patterns at grid points that lie inside an activation region: a lower bound.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, Sequence

from ...errors import InvalidInput, TooLarge
from ...lp import solve_signs
from .network import ReLUNet

Affine = tuple[Fraction, ...]                  # (a_1, ..., a_d, c): a . x + c


def _layer_functions(net: ReLUNet, layer: int, previous: list[Affine], bits: Sequence[int]) -> list[Affine]:
    """Pre-activations of ``layer`` as affine functions of ``x``, given the previous layer's functions and bits."""
    d = net.input_dimension
    out = []
    for row, b in zip(net.weights[layer], net.biases[layer]):
        acc = [Fraction(0)] * (d + 1)
        for w, f, bit in zip(row, previous, bits):
            if bit and w:
                for j in range(d + 1):
                    acc[j] += w * f[j]
        acc[d] += b
        out.append(tuple(acc))
    return out


def _inputs(d: int) -> list[Affine]:
    return [tuple(Fraction(int(i == j)) for j in range(d + 1)) for i in range(d)]


def activation_patterns_by_lp(net: ReLUNet, box: tuple[Sequence[Any], Sequence[Any]] | None = None,
                              max_patterns: int = 100_000) -> dict[tuple[tuple[int, ...], ...], tuple[Fraction, ...]]:
    """Every activation pattern with a nonempty open region (in the box, or in ``R^d``), with an exactly verified
    interior point; every pruned branch has an exact Gordan certificate of emptiness.

    Parameters
    ----------
    net
        The network.
    box
        ``(lower, upper)``, or ``None`` for ``R^d``.
    max_patterns
        Patterns allowed before the walk stops.

    Returns
    -------
    dict
        Pattern -> an interior point.

    Raises
    ------
    TooLarge
        When more than ``max_patterns`` patterns appear.

    Examples
    --------
    >>> from weightspace.arch.relu.network import ReLUNet
    >>> net = ReLUNet([[[1, 0], [0, 1], [1, 1]], [[1, 1, 1]]], [[0, 0, -1], [0]])
    >>> len(activation_patterns_by_lp(net)), len(activation_patterns_by_lp(net, box=([0, 0], [1, 1])))
    (7, 2)
    """
    return {pattern: point for pattern, (point, _) in _patterns(net, box, max_patterns).items()}


def _patterns(net: ReLUNet, box, max_patterns: int):
    """Pattern -> (interior point, the strict affine rows ``a . x + c > 0`` that define its region)."""
    d = net.input_dimension
    base: list[tuple[Fraction, ...]] = []             # homogenised strict rows r . (x, t) > 0
    if box is not None:
        lower, upper = (tuple(Fraction(v) for v in side) for side in box)
        for i in range(d):
            e = [Fraction(int(i == j)) for j in range(d)]
            base.append(tuple(e) + (-lower[i],))
            base.append(tuple(-v for v in e) + (upper[i],))
    base.append(tuple([Fraction(0)] * d) + (Fraction(1),))
    found: dict[tuple[tuple[int, ...], ...], tuple] = {}
    boxed = len(base)
    layers = len(net.weights) - 1

    def feasible(rows: list[tuple[Fraction, ...]]) -> tuple[Fraction, ...] | None:
        answer = solve_signs(rows, [1] * len(rows))
        if not answer.feasible:
            return None
        t = Fraction(answer.witness[-1])
        return tuple(Fraction(v) / t for v in answer.witness[:-1])

    def inside(row: Affine, x: tuple[Fraction, ...]) -> bool:
        return sum((a * v for a, v in zip(row, x)), row[-1]) > 0

    start = feasible(base)
    if start is None:                                   # pragma: no cover - a box with lower < upper is open
        return found
    # stack entries: (layer, functions of this layer, bits so far in this layer, finished layers, rows, point)
    stack = [(0, _layer_functions(net, 0, _inputs(d), [1] * d), (), (), base, start)]
    while stack:
        layer, functions, bits, done, rows, x = stack.pop()
        if len(bits) == len(functions):
            done = done + (bits,)
            if layer + 1 == layers:
                found[done] = (x, rows[boxed:])
                if len(found) > max_patterns:
                    raise TooLarge(f"more than {max_patterns} activation patterns", f"> {max_patterns} LPs")
                continue
            stack.append((layer + 1, _layer_functions(net, layer + 1, functions, bits), (), done, rows, x))
            continue
        h = functions[len(bits)]
        if not any(h):
            stack.append((layer, functions, bits + (0,), done, rows, x))
            continue
        minus = tuple(-v for v in h)
        for bit, row in ((1, h), (0, minus)):
            extended = rows + [row]
            point = x if inside(row, x) else feasible(extended)
            if point is not None:
                stack.append((layer, functions, bits + (bit,), done, extended, point))
    return found


def sampled_patterns(net: ReLUNet, box: tuple[Sequence[Any], Sequence[Any]], per_side: int = 50
                     ) -> set[tuple[tuple[int, ...], ...]]:
    """Distinct activation patterns at the points of a ``per_side^d`` grid (cell midpoints) of the box, counting only
    points where no pre-activation is zero unless it is identically zero there: a lower bound on the activation
    regions in the box (small regions are missed).

    Parameters
    ----------
    net
        The network.
    box
        ``(lower, upper)``.
    per_side
        Grid points per side.

    Returns
    -------
    set
        The patterns met.

    Raises
    ------
    InvalidInput
        When ``per_side < 1``.

    Examples
    --------
    >>> from weightspace.arch.relu import sawtooth
    >>> len(sampled_patterns(sawtooth(3), ([0], [1]), per_side=64))
    8
    """
    from itertools import product

    if per_side < 1:
        raise InvalidInput("the grid needs at least one point per side")
    d = net.input_dimension
    lower, upper = (tuple(Fraction(v) for v in side) for side in box)
    steps = [(hi - lo) / per_side for lo, hi in zip(lower, upper)]
    seen = set()
    for index in product(range(per_side), repeat=d):
        x = tuple(lo + (i + Fraction(1, 2)) * s for lo, i, s in zip(lower, index, steps))
        functions, pattern, ok = _inputs(d), [], True
        bits = [1] * d
        for layer in range(len(net.weights) - 1):
            functions = _layer_functions(net, layer, functions, bits)
            values = [sum((a * v for a, v in zip(f, x)), f[-1]) for f in functions]
            if any(v == 0 and any(f) for v, f in zip(values, functions)):
                ok = False
                break
            bits = [int(v > 0) for v in values]
            pattern.append(tuple(bits))
        if ok:
            seen.add(tuple(pattern))
    return seen


def output_map(net: ReLUNet, pattern: Sequence[Sequence[int]]) -> tuple[Affine, ...]:
    """The network's output as affine functions ``(a, c)`` of ``x`` on the region of ``pattern`` (exact).

    Parameters
    ----------
    net
        The network.
    pattern
        The activation pattern, one tuple of bits per hidden layer.

    Returns
    -------
    tuple
        One affine function per output.
    """
    functions, bits = _inputs(net.input_dimension), [1] * net.input_dimension
    for layer, layer_bits in enumerate(pattern):
        functions, bits = _layer_functions(net, layer, functions, bits), list(layer_bits)
    return tuple(_layer_functions(net, len(net.weights) - 1, functions, bits))


def _on_hyperplane(h: Affine, rows: list[Affine]) -> list[tuple[Fraction, ...]] | None:
    """Rows restricted to ``{h = 0}`` (eliminating one coordinate), homogenised; ``None`` if a row is a
    non-positive constant there."""
    d = len(h) - 1
    j = next(i for i in range(d) if h[i])
    out = []
    for g in rows:
        r = g[j] / h[j]
        restricted = [g[i] - r * h[i] for i in range(d) if i != j] + [g[d] - r * h[d]]
        if not any(restricted[:-1]):
            if restricted[-1] <= 0:
                return None
            continue
        out.append(tuple(restricted))
    return out


def _share_facet(h: Affine, rows: list[Affine], box_rows: list[Affine]) -> bool:
    """Whether some point of ``{h = 0}`` makes every row not proportional to ``h`` strictly positive."""
    others = [g for g in rows if _rank_one(g, h) is False]
    restricted = _on_hyperplane(h, others + box_rows)
    if restricted is None:
        return False
    if not restricted:
        return True
    width = len(restricted[0])
    system = restricted + [tuple([Fraction(0)] * (width - 1)) + (Fraction(1),)]
    return solve_signs(system, [1] * len(system)).feasible


def _rank_one(g: Affine, h: Affine) -> bool:
    """Whether ``g`` is a (nonzero) multiple of ``h`` (``h`` with a nonzero normal)."""
    j = next((i for i in range(len(h) - 1) if h[i]), None)
    if j is None:
        return False
    r = g[j] / h[j]
    return r != 0 and all(a == r * b for a, b in zip(g, h))


def _bounded(rows: list[Affine], d: int) -> bool:
    """Whether ``{x : a . x + c > 0}`` is bounded: the ``a`` span ``Q^d`` and the region is relatively bounded
    (Stiemke's alternative, [`is_relatively_bounded`][weightspace.arrangement.chambers.is_relatively_bounded])."""
    from ...arrangement import Arrangement
    from ...arrangement.chambers import Chamber, is_relatively_bounded

    walls = [g for g in rows if any(g[:d])]            # constant rows do not bound anything
    if not walls:
        return False
    A = Arrangement.from_rational([g[:d] for g in walls], [-g[d] for g in walls], dimension=d)
    return A.rank == d and is_relatively_bounded(A, Chamber((1,) * len(A), ()))


def linear_regions_by_lp(net: ReLUNet, box: tuple[Sequence[Any], Sequence[Any]] | None = None,
                         max_patterns: int = 100_000) -> tuple[int, int]:
    """``(linear regions, bounded linear regions)`` by a route independent of the polytope engine: activation regions
    by certified LP, their output maps by exact composition, and two regions with the same map merged when an exact
    strict LP on the hyperplane of one of their facets finds a common relative-interior point. Boundedness (``R^d``
    only) by Stiemke's alternative.

    Parameters
    ----------
    net
        The network.
    box
        ``(lower, upper)``, or ``None`` for ``R^d``.
    max_patterns
        Patterns allowed before the walk stops.

    Returns
    -------
    tuple of int
        The linear regions and the bounded ones.

    Raises
    ------
    TooLarge
        When more than ``max_patterns`` patterns appear.

    Examples
    --------
    >>> from weightspace.arch.relu.network import ReLUNet
    >>> linear_regions_by_lp(ReLUNet([[[1], [-1]], [[1, -1]]], [[0, 0], [0]]))
    (1, 0)
    """
    d = net.input_dimension
    box_rows: list[Affine] = []
    if box is not None:
        lower, upper = (tuple(Fraction(v) for v in side) for side in box)
        for i in range(d):
            e = [Fraction(int(i == j)) for j in range(d)]
            box_rows += [tuple(e) + (-lower[i],), tuple(-v for v in e) + (upper[i],)]
    found = _patterns(net, box, max_patterns)
    patterns = list(found)
    parent = list(range(len(patterns)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    groups: dict[tuple, list[int]] = {}
    for i, pattern in enumerate(patterns):
        groups.setdefault(output_map(net, pattern), []).append(i)
    for members in groups.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if find(i) == find(j):
                    continue
                rows_i, rows_j = found[patterns[i]][1], found[patterns[j]][1]
                if any(_share_facet(h, rows_i + rows_j, box_rows) for h in rows_i
                       if any(h[:-1]) and any(_rank_one(g, tuple(-v for v in h)) for g in rows_j)):
                    parent[find(i)] = find(j)
    roots: dict[int, bool] = {}
    for i, pattern in enumerate(patterns):
        bounded = box is not None or _bounded(found[pattern][1], d)
        roots[find(i)] = roots.get(find(i), True) and bounded
    return len(roots), sum(roots.values())


__all__ = ["activation_patterns_by_lp", "sampled_patterns", "output_map", "linear_regions_by_lp"]
