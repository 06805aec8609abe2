"""Types of one-hidden-layer ReLU networks on the plane, by exact sampling (the two-dimensional half of
[`weightspace.arch.relu.types`][weightspace.arch.relu.types]).

The lines ``w_i . x + b_i = 0``, each oriented towards its active side, with the signs of the output weights
``a_i``: the type is the oriented matroid of the vectors ``(w_i, b_i)`` and ``(0, 0, 1)`` (the line at infinity), i.e.
its chirotope in the rank of the configuration, up to relabelling the units. Keys are computed in integers. The types
are counted exactly by enumerating oriented matroids (every oriented matroid of rank at most 3 on at most 8 elements
is realisable), and exact sampling is the second route: every sampled type must be enumerated, and an exhaustive
grid meets them all at small widths.

Examples
--------
>>> import numpy as np
>>> a = two_dimensional_type(np.array([[1, 0], [0, 1]]), np.array([0, 0]), np.array([1, 1]))
>>> b = two_dimensional_type(np.array([[2, 1], [-1, 3]]), np.array([1, -2]), np.array([1, 1]))
>>> a == b                                   # two crossing lines, whatever their slopes and orientations
True
"""

from __future__ import annotations

from itertools import combinations, permutations, product
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


def two_dimensional_types(width: int, samples: int, grid: int = 1, seed: int = 0) -> dict[str, Any]:
    """Types of width ``1..4`` networks on the plane: exactly, by enumerating oriented matroids
    ([`exact_type_keys()`][weightspace.arch.relu.plane_types.exact_type_keys]), and, as the second route, the types
    met by exact sampling of integer parameters in ``[-grid, grid]``, each of which must be among them.

    Parameters
    ----------
    width
        The number of hidden units.
    samples
        How many parameter points.
    grid
        The integer range of the samples.
    seed
        The seed.

    Returns
    -------
    dict
        ``types`` and ``generic_types`` (exact), ``types_met_by_sampling`` and whether every sampled type was
        enumerated.

    Raises
    ------
    InvalidInput
        For a width outside ``1..4``.
    """
    if not 1 <= width <= 4:
        raise InvalidInput(f"two-dimensional types are counted for widths 1 to 4, got {width}")
    exact = exact_type_keys(width)
    rng = np.random.default_rng(seed)
    seen = set()
    for _ in range(samples):
        W = rng.integers(-grid, grid + 1, size=(width, 2))
        b = rng.integers(-grid, grid + 1, size=width)
        a = rng.integers(-1, 2, size=width)
        seen.add(two_dimensional_type(W, b, a))
    generic = [k for k in exact if all(k[0]) and k[1] == min(3, width + 1) and all(k[2])
               and all(kind == "line" for kind in k[3])]
    return {"types": len(exact), "generic_types": len(generic), "types_met_by_sampling": len(seen),
            "sampled_types_all_enumerated": seen <= exact, "samples": samples, "grid": grid, "certified": True,
            "reading": "oriented matroids of (w_i, b_i) and (0, 0, 1), with the signs of a, up to relabelling units; "
                       "every one is realisable (rank <= 3, at most 5 elements), so the enumeration is the count"}


# ------------------------------------------------------------------------------------------------ the exact count
def _permutation_sign(sequence: tuple) -> int:
    sign, items = 1, list(sequence)
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            if items[i] > items[j]:
                sign = -sign
            elif items[i] == items[j]:
                return 0
    return sign


def _chirotopes(elements: int, rank: int):
    """Every chirotope of rank ``rank`` on ``elements`` elements whose last element is not a loop, up to global sign:
    sign functions on the ``rank``-subsets whose support is the set of bases of a matroid (basis exchange) and that
    satisfy the 3-term Grassmann-Pluecker relations (Bjoerner et al., *Oriented Matroids*, Thm. 3.6.2)."""
    subsets = list(combinations(range(elements), rank))
    position = {s: k for k, s in enumerate(subsets)}

    def value(chi, ordered) -> int:
        sign = _permutation_sign(ordered)
        return sign * chi[position[tuple(sorted(ordered))]] if sign else 0

    relations = [(x, y) for x in combinations(range(elements), rank - 2) for y in combinations(range(elements), 4)
                 if not set(x) & set(y)] if rank >= 2 else []
    for chi in product((0, 1, -1), repeat=len(subsets)):
        first = next((c for c in chi if c), 0)
        if first != 1 or not any(chi[k] for k, s in enumerate(subsets) if elements - 1 in s):
            continue
        bases = [set(s) for s, c in zip(subsets, chi) if c]
        if not all(any(set(b1 - {x} | {y}) in bases for y in b2 - b1) for b1 in bases for b2 in bases
                   for x in b1 - b2):
            continue
        good = True
        for x, (y1, y2, y3, y4) in relations:
            terms = (value(chi, x + (y1, y2)) * value(chi, x + (y3, y4)),
                     -value(chi, x + (y1, y3)) * value(chi, x + (y2, y4)),
                     value(chi, x + (y1, y4)) * value(chi, x + (y2, y3)))
            if any(terms) and not (1 in terms and -1 in terms):
                good = False
                break
        if good:
            yield chi, value


def exact_type_keys(width: int) -> set[tuple]:
    """Every type of width ``M <= 4`` on the plane, by enumerating oriented matroids: each type is a pair
    (oriented matroid of ``(w_i, b_i)`` and ``e_3``, signs of ``a``) up to relabelling units, and every oriented
    matroid of rank ``<= 3`` on at most 8 elements is realisable (Goodman and Pollack 1980; Richter-Gebert), so every
    pair is a type. Keys are built exactly as
    [`two_dimensional_type()`][weightspace.arch.relu.plane_types.two_dimensional_type] builds them from parameters.

    Parameters
    ----------
    width
        The number of hidden units ``M``.

    Returns
    -------
    set of tuple
        The keys of all types.

    Raises
    ------
    InvalidInput
        For a width outside ``1..4``.

    Examples
    --------
    >>> len(exact_type_keys(1)), len(exact_type_keys(2))
    (12, 111)
    """
    if not 1 <= width <= 4:
        raise InvalidInput(f"the exact two-dimensional count is implemented for widths 1 to 4, got {width}")
    M, keys = width, set()
    infinity = M
    perms = list(permutations(range(M)))
    signs = list(product((-1, 0, 1), repeat=M))
    for rank in range(1, min(3, M + 1) + 1):
        subsets = list(combinations(range(M + 1), rank))
        for chi, value in _chirotopes(M + 1, rank):
            kinds = []
            for p in range(M):
                if not any(chi[k] for k, s in enumerate(subsets) if p in s):
                    kinds.append("0")                                   # a loop: w = 0 and b = 0
                elif any(chi[k] for k, s in enumerate(subsets) if p in s and infinity in s):
                    kinds.append("line")
                else:                                                   # parallel to e_3: the sign of b
                    basis = next(s for k, s in enumerate(subsets) if chi[k] and infinity in s)
                    swapped = tuple(p if e == infinity else e for e in basis)
                    kinds.append("+" if value(chi, swapped) == value(chi, basis) else "-")
            per_perm = []
            for perm in perms:
                order = list(perm) + [infinity]
                listed = [value(chi, tuple(order[i] for i in s)) for s in subsets]
                first = next((c for c in listed if c), 1)
                per_perm.append((perm, rank, tuple(c * first for c in listed), tuple(kinds[p] for p in perm)))
            for a in signs:
                keys.add(min((tuple(a[p] for p in perm), rank, chirotope, kind)
                             for perm, rank, chirotope, kind in per_perm))
    return keys


__all__ = ["two_dimensional_type", "two_dimensional_types", "exact_type_keys"]
