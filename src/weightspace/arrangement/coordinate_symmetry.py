"""Symmetries of an arrangement that preserve the standard laws on ``Q^d``, and its coordinate-disjoint factors.

A *signed coordinate permutation* ``g(x)_j = s_j x_(pi(j))`` is orthogonal and maps the cube ``[-1, 1]^d`` to
itself, so it preserves the standard Gaussian, the uniform law on the sphere and the uniform law on the cube. When
it also permutes the hyperplanes of ``A`` it permutes the chambers, and chambers in one orbit have the same
probability under all three laws: [`chamber_orbits()`][weightspace.arrangement.coordinate_symmetry.chamber_orbits]
lets a measure be computed once per orbit. (The complementations of the cube ``{0,1}^n`` permute the threshold
hyperplanes too, but they are not orthogonal on ``(w, b)``, and do not preserve these laws.)

When the hyperplanes split into groups that involve disjoint sets of coordinates
([`coordinate_factors()`][weightspace.arrangement.coordinate_symmetry.coordinate_factors]), ``A`` is a product and
each of the laws is a product law, so a chamber's probability is the product of its factors' (a Hopfield network
with free weights: one factor per unit).

Examples
--------
>>> from weightspace import library
>>> len(signed_permutations(library.threshold(2)))      # swap w_1, w_2; negate everything
4
>>> [sorted(f) for f in coordinate_factors(library.coordinate(2))]
[[0], [1]]
"""

from __future__ import annotations

from itertools import permutations, product
from typing import Sequence

import numpy as np

from .arrangement import Arrangement, hyperplane_classes
from .chambers import ChamberComplex

MAX_SEARCH_DIMENSION = 6


def _canonical(row: Sequence[int]) -> tuple[tuple[int, ...], int]:
    first = next(x for x in row if x)
    sign = 1 if first > 0 else -1
    return tuple(sign * x for x in row), sign


def signed_permutations(A: Arrangement) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Every signed coordinate permutation ``(pi, s)`` that permutes the (unoriented) hyperplanes of a linear ``A``.

    Found by trying all ``2^d d!`` of them, for ``d <= 6``; above that only the identity and ``-1`` are returned
    (still a valid, if small, group).

    Parameters
    ----------
    A
        A linear arrangement.

    Returns
    -------
    list
        Pairs ``(pi, s)`` with ``g(x)_j = s_j x_(pi(j))``; the identity first.
    """
    d = A.dimension
    identity = (tuple(range(d)), (1,) * d)
    if d > MAX_SEARCH_DIMENSION:
        return [identity, (tuple(range(d)), (-1,) * d)]
    lines = {_canonical(a)[0] for a in A.normals}
    N = np.array(sorted(lines), dtype=np.int64)
    target = {row.tobytes() for row in N}
    found = []
    for pi in permutations(range(d)):
        inverse = np.argsort(pi)
        moved = N[:, inverse]                          # b_i = a_(pi^-1(i)) s_(pi^-1(i)): columns first, signs below
        for signs in product((1, -1), repeat=d):
            b = moved * np.array(signs, dtype=np.int64)[inverse]
            first = b[np.arange(len(b)), (b != 0).argmax(axis=1)]
            b = b * np.where(first > 0, 1, -1)[:, None]
            if all(row.tobytes() in target for row in b):
                found.append((tuple(pi), tuple(signs)))
    found.sort(key=lambda g: g != identity)
    return found


def chamber_orbits(complex_: ChamberComplex, group: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]) -> list[int]:
    """The orbit of every chamber under a group of signed coordinate permutations: ``orbit[c]`` is the least chamber
    index in the orbit of ``c``.

    For ``g(x)_j = s_j x_(pi(j))``, ``a . g(x) = b . x`` with ``b_i = s_(pi^-1(i)) a_(pi^-1(i))``; when ``b = o a'``
    for the distinct hyperplane ``a'``, the sign of ``g(K)`` on ``a`` is ``o`` times the sign of ``K`` on ``a'``.

    Parameters
    ----------
    complex_
        The chambers of a linear arrangement.
    group
        Signed coordinate permutations that permute its hyperplanes
        ([`signed_permutations()`][weightspace.arrangement.coordinate_symmetry.signed_permutations]).

    Returns
    -------
    list of int
        One orbit representative per chamber.

    Examples
    --------
    >>> from weightspace import library
    >>> from weightspace.arrangement import chamber_complex
    >>> A = library.threshold(2)
    >>> len(set(chamber_orbits(chamber_complex(A), signed_permutations(A))))  # 0000 ~ 1111, 0001 ~ 1110, ...
    5
    """
    A = complex_.arrangement
    representatives, _, _ = hyperplane_classes(A.normals)
    lookup = {}
    for c, a in enumerate(representatives):
        key, sign = _canonical(a)
        lookup[key] = (c, sign)
    index = {mask: k for k, mask in enumerate(complex_.masks)}
    parent = list(range(len(complex_)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for pi, signs in group:
        inverse = [0] * len(pi)
        for j, p in enumerate(pi):
            inverse[p] = j
        image = []
        for a in representatives:
            b = tuple(signs[inverse[i]] * a[inverse[i]] for i in range(len(a)))
            key, sign = _canonical(b)
            c, own = lookup[key]
            image.append((c, sign * own))              # a . g(x) = (sign * own) a_c . x
        for k, mask in enumerate(complex_.masks):
            moved = 0
            for target, (c, o) in enumerate(image):
                positive = (mask >> c) & 1
                if (o > 0) == bool(positive):
                    moved |= 1 << target
            other = index[moved]
            a, b = find(k), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    return [find(k) for k in range(len(complex_))]


def coordinate_factors(A: Arrangement) -> list[list[int]]:
    """The hyperplanes of ``A`` grouped so that different groups involve disjoint coordinates (the finest such
    split; coordinates no normal involves are left out).

    Parameters
    ----------
    A
        An arrangement.

    Returns
    -------
    list of list of int
        Hyperplane indices per factor, ordered by their least index.
    """
    parent = list(range(A.dimension))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for a in A.normals:
        support = [j for j, x in enumerate(a) if x]
        for j in support[1:]:
            parent[find(j)] = find(support[0])
    groups: dict[int, list[int]] = {}
    for i, a in enumerate(A.normals):
        groups.setdefault(find(next(j for j, x in enumerate(a) if x)), []).append(i)
    return sorted(groups.values(), key=min)


def factor_coordinates(A: Arrangement, hyperplanes: Sequence[int]) -> list[int]:
    """The coordinates that the normals of ``hyperplanes`` involve, in order.

    Parameters
    ----------
    A
        An arrangement.
    hyperplanes
        Indices of some of its hyperplanes.

    Returns
    -------
    list of int
        Sorted coordinate indices.
    """
    return sorted({j for i in hyperplanes for j, x in enumerate(A.normals[i]) if x})


__all__ = ["MAX_SEARCH_DIMENSION", "signed_permutations", "chamber_orbits", "coordinate_factors",
           "factor_coordinates"]
