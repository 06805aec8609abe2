"""Named arrangements and architectures: the examples that tests, docs, the CLI and the atlas build from.

Every function returns a fresh [`Arrangement`][weightspace.arrangement.arrangement.Arrangement] (or architecture
object); symmetry groups of named arrangements that are not architectures (the resonance arrangement) live beside them.
"""

from __future__ import annotations

from itertools import combinations, permutations

import numpy as np

from .arch.hopfield.network import HopfieldNetwork
from .arch.threshold.unit import threshold_arrangement
from .arrangement import Arrangement
from .domain import Domain, cube01, cubepm1
from .errors import InvalidInput


def threshold(n: int | None = None, domain: Domain | str | None = None) -> Arrangement:
    """The threshold arrangement of one unit ``x -> H(w . x + b)`` on a finite domain.

    It lives in parameter space ``(w, b) in Q^(n+1)`` and has one hyperplane ``{(w, b) : w . x + b = 0}`` per
    input point ``x`` (labelled by the point's index, which is its code on the cubes). Its chambers are the
    threshold functions on the domain: ``T(n)`` of them on ``{0,1}^n`` (OEIS A000609).

    Raises
    ------
    InvalidInput
        When neither ``n`` nor a domain is given, or the domain is unknown.

    Examples
    --------
    >>> A = threshold(2)
    >>> A.normals
    ((0, 0, 1), (1, 0, 1), (0, 1, 1), (1, 1, 1))
    """
    if domain is None or isinstance(domain, str):
        if n is None:
            raise InvalidInput("threshold(n) needs n or a domain")
        domain = cubepm1(n) if domain == "cubepm1" else cube01(n)
    return threshold_arrangement(domain=domain)


def resonance(n: int) -> Arrangement:
    """The resonance arrangement in ``Q^n``: normals are all nonzero 0/1 vectors (``2^n - 1`` hyperplanes).

    Its chambers are counted by OEIS A034997 (2, 6, 32, 370, ...).

    Raises
    ------
    InvalidInput
        For ``n < 1``.

    Examples
    --------
    >>> len(resonance(3))
    7
    """
    if n < 1:
        raise InvalidInput("the resonance arrangement needs n >= 1")
    normals = [tuple((c >> i) & 1 for i in range(n)) for c in range(1, 2 ** n)]
    return Arrangement.from_rational(normals, labels=list(range(1, 2 ** n)))


def resonance_group(n: int) -> np.ndarray:
    """``S_(n+1)`` acting on the resonance arrangement ``R_n`` (hyperplanes indexed by nonempty ``S`` of ``[n]``).

    With ``x_(n+1) = -(x_1 + ... + x_n)`` the hyperplane ``sum_S x_i = 0`` is also ``sum_(complement) x_i = 0`` in
    ``[n+1]``, so permuting the ``n + 1`` coordinates permutes the hyperplanes (a linear symmetry).
    """
    full = (1 << (n + 1)) - 1
    subsets = list(range(1, 2 ** n))             # hyperplane k is the subset with bit mask subsets[k]
    position = {s: k for k, s in enumerate(subsets)}
    out = []
    for perm in permutations(range(n + 1)):
        row = []
        for s in subsets:
            image = 0
            for i in range(n + 1):
                if (s >> i) & 1:
                    image |= 1 << perm[i]
            if (image >> n) & 1:
                image = full & ~image
            row.append(position[image])
        out.append(row)
    return np.array(out, dtype=np.int16)


def braid(n: int) -> Arrangement:
    """The braid arrangement ``x_i = x_j`` (``i < j``) in ``Q^n``; ``n!`` chambers.

    Raises
    ------
    InvalidInput
        For ``n < 2``.

    Examples
    --------
    >>> len(braid(4))
    6
    """
    if n < 2:
        raise InvalidInput("the braid arrangement needs n >= 2")
    normals = []
    for i, j in combinations(range(n), 2):
        v = [0] * n
        v[i], v[j] = 1, -1
        normals.append(tuple(v))
    return Arrangement.from_rational(normals, labels=list(combinations(range(1, n + 1), 2)))


def coordinate(n: int) -> Arrangement:
    """The Boolean (coordinate) arrangement ``x_i = 0`` in ``Q^n``; ``2^n`` chambers."""
    return Arrangement.from_rational([tuple(int(i == j) for j in range(n)) for i in range(n)])


def generic(n: int, m: int) -> Arrangement:
    """``m`` central hyperplanes in general position in ``Q^n`` (moment-curve normals ``(1, t, t^2, ...)``).

    Every ``n`` normals are independent (Vandermonde), so there are ``2 sum_{k<n} C(m-1, k)`` chambers.
    """
    return Arrangement.from_rational([tuple(t ** k for k in range(n)) for t in range(1, m + 1)])


def hopfield(n: int, weights: str = "free") -> HopfieldNetwork:
    """The one-step Hopfield network on ``{0,1}^n`` with a weight constraint; see
    [`weightspace.arch.hopfield.HopfieldNetwork`][weightspace.arch.hopfield.network.HopfieldNetwork]."""
    return HopfieldNetwork(n, weights)


__all__ = ["threshold", "resonance", "resonance_group", "braid", "coordinate", "generic", "hopfield"]
