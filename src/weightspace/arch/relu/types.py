"""How the input-space subdivision of a one-hidden-layer ReLU network changes across its parameter space.

**One-dimensional input.** ``f(x) = sum_i a_i relu(w_i x + b_i) + c`` with ``M`` hidden units. A unit with
``w_i != 0`` switches at the breakpoint ``t_i = -b_i / w_i``, active to its right when ``w_i > 0``; a unit with
``w_i = 0`` is constant (active iff ``b_i > 0``). The *type* of the labelled subdivision of the input line is, up to
relabelling the (exchangeable) hidden units:

* the distinct breakpoints from left to right, each with the multiset of labels ``(sign w_i, sign a_i)`` of the
  units switching there (the sign of ``a_i`` says whether ``f`` bends up, down or not at all there);
* the multiset of labels ``(sign b_i, sign a_i)`` of the constant units.

So the type is a function of the signs of ``w_i``, ``a_i``, of ``b_i`` where ``w_i = 0``, and of
``D_ij = b_i w_j - b_j w_i`` (``sign(t_i - t_j) = -sign(D_ij) sign(w_i) sign(w_j)``). The discriminant, where the
type changes, is the union of the hyperplanes ``w_i = 0``, ``a_i = 0`` and the quadrics ``D_ij = 0``, and the
regions of constant type are the sign conditions on these polynomials: exactly the decomposition
[`one_dimensional_types()`][weightspace.arch.relu.types.one_dimensional_types] enumerates. Every combinatorial
structure above is a type (place the breakpoints at ``1, 2, ...``: an integer witness per type, checked by computing
its type), so the number of types is a count of structures: with ``s(j)`` the sequences of nonempty multisets over
the 6 labels of total size ``j`` and ``C(f + 8, 8)`` the multisets of ``f`` constant units over 9 labels,
``types(M) = sum_f C(f + 8, 8) s(M - f)``. The open (full-dimensional) types have all signs nonzero and distinct
breakpoints: ``4^M`` words, and the open regions number ``4^M M!`` (the order of the labelled units, with the
signs).

**Two-dimensional input** ([`weightspace.arch.relu.plane_types`][weightspace.arch.relu.plane_types]). The lines ``w_i . x + b_i = 0``, each oriented towards its active side, with the signs of
``a_i``: the type is the oriented matroid of the vectors ``(w_i, b_i)`` and ``(0, 0, 1)`` (the line at infinity),
i.e. its chirotope (the signs of the maximal minors in the rank of the configuration), up to relabelling the units,
with the signs of ``a_i``; counted exactly by enumerating oriented matroids, checked by exact sampling.

Examples
--------
>>> one_dimensional_type([1], [0], [1])               # one unit switching on at 0, f bends up
(((('+', '+'),),), ())
>>> type_count(1), type_count(2), open_type_count(2)
(15, 156, 16)
"""

from __future__ import annotations

from itertools import combinations, product
from math import comb, factorial
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ...errors import InvalidInput

SIGN = {1: "+", -1: "-", 0: "0"}
BREAK_LABELS = tuple(product("+-", "+-0"))
FLAT_LABELS = tuple(product("+-0", "+-0"))
MAX_WIDTH = 6


def _sign(v) -> int:
    return (v > 0) - (v < 0)


def one_dimensional_type(w: Sequence, b: Sequence, a: Sequence) -> tuple:
    """The type of ``x -> sum_i a_i relu(w_i x + b_i)`` on the line (see the module docstring), exactly.

    Parameters
    ----------
    w
        Input weights (rationals).
    b
        Biases.
    a
        Output weights.

    Returns
    -------
    tuple
        ``(blocks, constants)``: per breakpoint from left to right the sorted labels ``(sign w, sign a)``; the sorted
        labels ``(sign b, sign a)`` of the units with ``w = 0``.
    """
    from fractions import Fraction
    points: dict[Fraction, list] = {}
    flat = []
    for wi, bi, ai in zip(w, b, a):
        if wi == 0:
            flat.append((SIGN[_sign(bi)], SIGN[_sign(ai)]))
        else:
            points.setdefault(-Fraction(bi) / Fraction(wi), []).append((SIGN[_sign(wi)], SIGN[_sign(ai)]))
    blocks = tuple(tuple(sorted(points[t])) for t in sorted(points))
    return blocks, tuple(sorted(flat))


def _multisets(labels: Sequence, size: int) -> list[tuple]:
    from itertools import combinations_with_replacement
    return [tuple(c) for c in combinations_with_replacement(labels, size)]


def one_dimensional_types(width: int) -> list[tuple]:
    """Every type of width ``width`` (enumerated as combinatorial structures), sorted.

    Parameters
    ----------
    width
        The number of hidden units ``M`` (at most 4 to list; use ``type_count`` beyond).

    Returns
    -------
    list of tuple
        The types.

    Raises
    ------
    InvalidInput
        For a width outside ``1..4``.
    """
    if not 1 <= width <= 4:
        raise InvalidInput(f"types are listed for widths 1 to 4 (counted up to {MAX_WIDTH}), got {width}")

    def sequences(total: int) -> list[tuple]:
        if total == 0:
            return [()]
        out = []
        for k in range(1, total + 1):
            for block in _multisets(BREAK_LABELS, k):
                out.extend((block,) + rest for rest in sequences(total - k))
        return out

    types = []
    for flat in range(width + 1):
        for constants in _multisets(FLAT_LABELS, flat):
            types.extend((blocks, constants) for blocks in sequences(width - flat))
    return sorted(types)


def type_count(width: int) -> int:
    """The number of types of width ``M``: ``sum_f C(f + 8, 8) s(M - f)``, ``s(j) = sum_k C(k + 5, 5) s(j - k)``.

    Parameters
    ----------
    width
        The number of hidden units.

    Returns
    -------
    int
        The number of types (all strata of the decomposition).
    """
    s = [1]
    for j in range(1, width + 1):
        s.append(sum(comb(k + 5, 5) * s[j - k] for k in range(1, j + 1)))
    return sum(comb(f + 8, 8) * s[width - f] for f in range(width + 1))


def open_type_count(width: int) -> int:
    """``4^M``: the types of the open regions (every sign nonzero, distinct breakpoints).

    Parameters
    ----------
    width
        The number of hidden units.

    Returns
    -------
    int
        The number of open types.
    """
    return 4 ** width


def witness(type_: tuple) -> tuple[list[int], list[int], list[int]]:
    """Integer parameters ``(w, b, a)`` of the given type: block ``k`` at ``x = k + 1``, ``w = +-1``, ``a`` in
    ``{-1, 0, 1}``; constant units ``w = 0``, ``b`` in ``{-1, 0, 1}``.

    Parameters
    ----------
    type_
        A type of [`one_dimensional_types()`][weightspace.arch.relu.types.one_dimensional_types].

    Returns
    -------
    tuple of list of int
        ``(w, b, a)``; its type is ``type_`` (checked by the callers and the tests).
    """
    value = {"+": 1, "-": -1, "0": 0}
    w, b, a = [], [], []
    blocks, constants = type_
    for k, block in enumerate(blocks):
        for sw, sa in block:
            w.append(value[sw])
            b.append(-value[sw] * (k + 1))
            a.append(value[sa])
    for sb, sa in constants:
        w.append(0)
        b.append(value[sb])
        a.append(value[sa])
    return w, b, a


def discriminant(width: int) -> list[str]:
    """The polynomials whose signs decide the type: ``w_i``, ``a_i``, ``b_i`` (where ``w_i = 0``) and
    ``D_ij = b_i w_j - b_j w_i``.

    Parameters
    ----------
    width
        The number of hidden units.

    Returns
    -------
    list of str
        The polynomials, as text.
    """
    out = [f"w{i}" for i in range(1, width + 1)] + [f"a{i}" for i in range(1, width + 1)]
    out += [f"b{i} (where w{i} = 0)" for i in range(1, width + 1)]
    out += [f"b{i}*w{j} - b{j}*w{i}" for i, j in combinations(range(1, width + 1), 2)]
    return out


def sample_types(width: int, samples: int, seed: int = 0, grid: int | None = None) -> set[tuple]:
    """Types met by random parameters: Gaussian (``grid=None``, the open types) or uniform integers in
    ``[-grid, grid]`` (every stratum has positive probability).

    Parameters
    ----------
    width
        The number of hidden units.
    samples
        How many parameter points.
    seed
        The seed.
    grid
        Integer range, or ``None`` for Gaussian samples.

    Returns
    -------
    set of tuple
        The distinct types met.
    """
    rng = np.random.default_rng(seed)
    if grid is None:
        draws = rng.standard_normal((samples, 3, width))
    else:
        draws = rng.integers(-grid, grid + 1, size=(samples, 3, width))
    seen = set()
    from fractions import Fraction
    for w, b, a in draws:
        convert = (lambda v: Fraction(float(v))) if grid is None else int
        seen.add(one_dimensional_type(*([convert(v) for v in row] for row in (w, b, a))))
    return seen


def type_slice(w2: Fraction | int = 1, b1: Fraction | int = 1, a: Sequence = (1, -1), box: int = 3,
               steps: int = 121) -> dict[str, Any]:
    """The types of width-2 networks on a grid of the slice ``(w_1, b_2)``, the other parameters fixed: the
    discriminant there is the line ``w_1 = 0`` and the hyperbola ``b_2 w_1 = b_1 w_2``.

    Parameters
    ----------
    w2
        The fixed ``w_2``.
    b1
        The fixed ``b_1``.
    a
        The fixed output weights.
    box
        The slice is ``[-box, box]^2``.
    steps
        Grid points per axis (exact rationals).

    Returns
    -------
    dict
        ``{"w1", "b2", "type_index" (steps x steps), "types"}``.
    """
    from fractions import Fraction
    values = [Fraction(2 * box * k, steps - 1) - box for k in range(steps)]
    index: dict[tuple, int] = {}
    grid = []
    for b2 in values:
        row = []
        for w1 in values:
            key = one_dimensional_type([w1, w2], [b1, b2], list(a))
            row.append(index.setdefault(key, len(index)))
        grid.append(row)
    return {"w1": [float(v) for v in values], "b2": [float(v) for v in values], "type_index": grid,
            "types": [repr(k) for k in index], "w2": float(w2), "b1": float(b1), "a": [float(v) for v in a]}


def relu_types(widths: Sequence[int], samples: int = 20_000, seed: int = 0, list_cells: int = 2_000) -> dict[str, Any]:
    """The types of a one-hidden-layer network ``d -> M -> 1`` (``d = 1``: the count formula; ``d = 2``: oriented
    matroids enumerated), with exact sampling as the second route.

    Parameters
    ----------
    widths
        ``(1, M, 1)`` with ``M <= 6`` or ``(2, M, 1)`` with ``M <= 4``.
    samples
        Parameter points sampled (the second route).
    seed
        The seed.
    list_cells
        List at most this many types with their witnesses (``d = 1``).

    Returns
    -------
    dict
        ``{"types", "cells", "discriminant", ...}``.

    Raises
    ------
    InvalidInput
        For other widths.
    """
    widths = list(widths)
    if len(widths) != 3 or widths[2] != 1 or widths[0] not in (1, 2):
        raise InvalidInput(f"types are computed for one hidden layer, d -> M -> 1 with d = 1 or 2, got {widths}")
    M = widths[1]
    if widths[0] == 2:
        from .plane_types import two_dimensional_types
        return {"input_dimension": 2, "width": M, **two_dimensional_types(M, samples, seed=seed)}
    if not 1 <= M <= MAX_WIDTH:
        raise InvalidInput(f"one-dimensional types are counted for widths 1 to {MAX_WIDTH}, got {M}")
    total = type_count(M)
    cells = []
    if total <= list_cells:
        for t in one_dimensional_types(M):
            w, b, a = witness(t)
            if one_dimensional_type(w, b, a) != t:
                raise InvalidInput(f"internal: the witness of {t} has another type")   # never expected
            cells.append({"breakpoints": [["".join(label) for label in block] for block in t[0]],
                          "constant_units": ["".join(label) for label in t[1]], "w": w, "b": b, "a": a})
    grid = sample_types(M, samples, seed, grid=1)
    gaussian = sample_types(M, samples, seed + 1)
    return {"input_dimension": 1, "width": M, "types": total, "open_types": open_type_count(M),
            "open_regions": open_type_count(M) * factorial(M), "cells": cells, "cells_listed": len(cells),
            "discriminant": discriminant(M), "certified": True,
            "sampling": {"samples": samples, "integer_grid_types_met": len(grid),
                         "gaussian_types_met": len(gaussian),
                         "gaussian_types_all_open": all(all(l[0] != "0" and l[1] != "0" for blk in t[0] for l in blk)
                                                        and len(t[1]) == 0 and all(len(blk) == 1 for blk in t[0])
                                                        for t in gaussian)}}


__all__ = ["type_slice", "relu_types", "BREAK_LABELS", "FLAT_LABELS", "MAX_WIDTH", "one_dimensional_type", "one_dimensional_types",
           "type_count", "open_type_count", "witness", "discriminant", "sample_types"]
