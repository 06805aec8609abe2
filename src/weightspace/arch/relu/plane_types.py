"""Types of one-hidden-layer ReLU networks on the plane, by exact sampling (the two-dimensional half of
[`weightspace.arch.relu.types`][weightspace.arch.relu.types]).

The lines ``w_i . x + b_i = 0``, each oriented towards its active side, with the signs of the output weights
``a_i``: the type is the oriented matroid of the vectors ``(w_i, b_i)`` and ``(0, 0, 1)`` (the line at infinity), i.e.
its chirotope in the rank of the configuration, up to relabelling the units. Keys are computed in integers; a type
no sample meets stays uncertain, so the counts are lower bounds.

Examples
--------
>>> import numpy as np
>>> a = two_dimensional_type(np.array([[1, 0], [0, 1]]), np.array([0, 0]), np.array([1, 1]))
>>> b = two_dimensional_type(np.array([[2, 1], [-1, 3]]), np.array([1, -2]), np.array([1, 1]))
>>> a == b                                   # two crossing lines, whatever their slopes and orientations
True
"""

from __future__ import annotations

from itertools import combinations, permutations
from typing import Any

import numpy as np

from ...errors import InvalidInput

SIGN = {1: "+", -1: "-", 0: "0"}


def _sign(v) -> int:
    return (v > 0) - (v < 0)


def two_dimensional_type(W: np.ndarray, b: np.ndarray, a: np.ndarray) -> tuple:
    """The type of a width-``M`` network on the plane: the least, over relabellings of the units, of the signs of
    ``a`` and the chirotope of the vectors ``(w_i, b_i)`` and ``(0, 0, 1)`` in the rank ``r`` of their span (signs of
    all ``r x r`` minors in coordinates injective on the span, up to one global sign), exactly in integers.

    Parameters
    ----------
    W
        Integer input weights, shape ``(M, 2)``.
    b
        Integer biases.
    a
        Integer output weights.

    Returns
    -------
    tuple
        A canonical key of the type.
    """
    import flint
    M = len(b)
    V = [(int(W[i][0]), int(W[i][1]), int(b[i])) for i in range(M)] + [(0, 0, 1)]
    r = flint.fmpz_mat([list(v) for v in V]).rank()
    rows = next(rows for rows in combinations(range(3), r)                   # coordinates injective on the span
                if flint.fmpz_mat([[v[k] for k in rows] for v in V]).rank() == r)
    P = [tuple(v[k] for k in rows) for v in V]

    def det(vectors) -> int:
        return int(flint.fmpz_mat([list(v) for v in vectors]).det()) if vectors else 1
    best = None
    for perm in permutations(range(M)):
        order = list(perm) + [M]
        chirotope = [_sign(det([P[order[i]] for i in subset])) for subset in combinations(range(M + 1), r)]
        first = next((c for c in chirotope if c), 1)                        # defined up to one global sign
        key = (tuple(_sign(int(a[p])) for p in perm), r, tuple(c * first for c in chirotope),
               tuple("line" if V[p][:2] != (0, 0) else SIGN[_sign(V[p][2])] for p in perm))   # w = 0: constant
        best = key if best is None or key < best else best
    return best


def two_dimensional_types(width: int, samples: int, grid: int = 3, seed: int = 0) -> dict[str, Any]:
    """Types of width ``2..4`` networks on the plane met by exact sampling of integer parameters in
    ``[-grid, grid]``.

    Parameters
    ----------
    width
        The number of hidden units.
    samples
        How many parameter points.
    grid
        The integer range.
    seed
        The seed.

    Returns
    -------
    dict
        ``types`` (met, a lower bound), ``generic_types`` (every minor and every ``a_i`` nonzero) and what remains
        uncertain.

    Raises
    ------
    InvalidInput
        For a width outside ``1..4``.
    """
    if not 1 <= width <= 4:
        raise InvalidInput(f"two-dimensional types are sampled for widths 1 to 4, got {width}")
    rng = np.random.default_rng(seed)
    seen, generic = set(), set()
    for _ in range(samples):
        W = rng.integers(-grid, grid + 1, size=(width, 2))
        b = rng.integers(-grid, grid + 1, size=width)
        a = rng.integers(-1, 2, size=width)
        key = two_dimensional_type(W, b, a)
        seen.add(key)
        if all(key[0]) and key[1] == min(3, width + 1) and all(key[2]) and all(k == "line" for k in key[3]):
            generic.add(key)
    return {"types": len(seen), "generic_types": len(generic), "samples": samples, "grid": grid,
            "certified": False,
            "uncertain": "a type that no sample met is not counted: the numbers are lower bounds (exact for the "
                         "types met: each key is computed in integers)"}


__all__ = ["two_dimensional_type", "two_dimensional_types"]
