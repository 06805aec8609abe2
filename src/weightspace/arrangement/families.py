"""Named hyperplane arrangements that are not architectures: the resonance, braid, coordinate, generic, Shi,
Catalan, semiorder, Linial and graphical arrangements, with their closed forms in the docstrings (the tests check
each against them), and the symmetry group of the resonance arrangement.

[`weightspace.library`][weightspace.library] re-exports every function here beside the named architectures.
"""

from __future__ import annotations

from itertools import combinations, permutations
from typing import Sequence

import numpy as np

from ..errors import InvalidInput
from .arrangement import Arrangement, check_arrangement_size


def resonance(n: int) -> Arrangement:
    """The resonance arrangement in ``Q^n``: normals are all nonzero 0/1 vectors (``2^n - 1`` hyperplanes).

    Its chambers are counted by OEIS A034997 (2, 6, 32, 370, ...).

    Parameters
    ----------
    n
        The dimension.

    Returns
    -------
    Arrangement
        ``2^n - 1`` hyperplanes in ``Q^n``, hyperplane ``k`` with the 0/1 normal of bit mask ``k + 1``.

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
    check_arrangement_size(2 ** min(n, 64) - 1, n, f"the resonance arrangement R_{n}")
    normals = [tuple((c >> i) & 1 for i in range(n)) for c in range(1, 2 ** n)]
    return Arrangement.from_rational(normals, labels=list(range(1, 2 ** n)))


def resonance_group(n: int) -> np.ndarray:
    """``S_(n+1)`` acting on the resonance arrangement ``R_n`` (hyperplanes indexed by nonempty ``S`` of ``[n]``).

    With ``x_(n+1) = -(x_1 + ... + x_n)`` the hyperplane ``sum_S x_i = 0`` is also ``sum_(complement) x_i = 0`` in
    ``[n+1]``, so permuting the ``n + 1`` coordinates permutes the hyperplanes (a linear symmetry).

    Parameters
    ----------
    n
        The dimension of ``R_n``.

    Returns
    -------
    numpy.ndarray
        ``(n+1)! x (2^n - 1)`` permutations of the hyperplanes, one row per element.
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

    Parameters
    ----------
    n
        The dimension.

    Returns
    -------
    Arrangement
        ``C(n, 2)`` hyperplanes.

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
    check_arrangement_size(n * (n - 1) // 2, n, f"the braid arrangement in Q^{n}")
    normals = []
    for i, j in combinations(range(n), 2):
        v = [0] * n
        v[i], v[j] = 1, -1
        normals.append(tuple(v))
    return Arrangement.from_rational(normals, labels=list(combinations(range(1, n + 1), 2)))


def coordinate(n: int) -> Arrangement:
    """The Boolean (coordinate) arrangement ``x_i = 0`` in ``Q^n``; ``2^n`` chambers.

    Parameters
    ----------
    n
        The dimension.

    Returns
    -------
    Arrangement
        The ``n`` coordinate hyperplanes.
    """
    check_arrangement_size(n, n, f"the coordinate arrangement in Q^{n}")
    return Arrangement.from_rational([tuple(int(i == j) for j in range(n)) for i in range(n)])


def generic(n: int, m: int) -> Arrangement:
    """``m`` central hyperplanes in general position in ``Q^n`` (moment-curve normals ``(1, t, t^2, ...)``).

    Every ``n`` normals are independent (Vandermonde), so for ``m >= n`` there are ``2 sum_{k<n} C(m-1, k)``
    chambers and ``chi(t) = sum_{k<n} (-1)^k C(m, k) t^(n-k) + (-1)^n C(m-1, n-1)`` (every set of fewer than ``n``
    hyperplanes is a flat of its own; the constant term makes ``chi(1) = 0``).

    Parameters
    ----------
    n
        The dimension.
    m
        Number of hyperplanes.

    Returns
    -------
    Arrangement
        ``m`` central hyperplanes, every ``n`` of them independent.

    Raises
    ------
    InvalidInput
        For ``n < 1`` or ``m < 1``.
    TooLarge
        Beyond ``MAX_HYPERPLANES`` hyperplanes or ``MAX_DIMENSION`` dimensions.
    """
    if n < 1 or m < 1:
        raise InvalidInput(f"generic:N:M needs a dimension N >= 1 and M >= 1 hyperplanes, got generic:{n}:{m}")
    check_arrangement_size(m, n, f"generic:{n}:{m}")
    return Arrangement.from_rational([tuple(t ** k for k in range(n)) for t in range(1, m + 1)])


def _difference_arrangement(n: int, offsets: Sequence[int], name: str) -> Arrangement:
    """``x_i - x_j = c`` for ``1 <= i < j <= n`` and each ``c`` in ``offsets``, labelled ``(i, j, c)``."""
    if n < 2:
        raise InvalidInput(f"the {name} arrangement needs n >= 2")
    check_arrangement_size(len(offsets) * n * (n - 1) // 2, n, f"the {name} arrangement in Q^{n}")
    normals, rhs, labels = [], [], []
    for i, j in combinations(range(n), 2):
        for c in offsets:
            v = [0] * n
            v[i], v[j] = 1, -1
            normals.append(tuple(v))
            rhs.append(c)
            labels.append((i + 1, j + 1, c))
    return Arrangement.from_rational(normals, rhs, labels=labels)


def shi(n: int) -> Arrangement:
    """The Shi arrangement ``x_i - x_j = 0, 1`` (``i < j``) in ``Q^n``.

    Closed forms (Shi 1986; Stanley 2007, Lecture 5): ``chi(t) = t (t - n)^(n-1)``, ``(n+1)^(n-1)`` regions and
    ``(n-1)^(n-1)`` relatively bounded regions.

    Parameters
    ----------
    n
        The dimension.

    Returns
    -------
    Arrangement
        ``n (n - 1)`` affine hyperplanes.

    Raises
    ------
    InvalidInput
        For ``n < 2``.

    Examples
    --------
    >>> from weightspace.arrangement import characteristic_polynomial
    >>> str(characteristic_polynomial(shi(3)))
    't^3 - 6t^2 + 9t'
    """
    return _difference_arrangement(n, (0, 1), "Shi")


def catalan(n: int) -> Arrangement:
    """The Catalan arrangement ``x_i - x_j = -1, 0, 1`` (``i < j``) in ``Q^n``.

    Closed forms (Stanley 2007, Lecture 5): ``chi(t) = t (t - n - 1)(t - n - 2) ... (t - 2n + 1)``, ``n! C_n``
    regions and ``n! C_(n-1)`` relatively bounded regions (``C_k`` the Catalan numbers).

    Parameters
    ----------
    n
        The dimension.

    Returns
    -------
    Arrangement
        ``3 C(n, 2)`` affine hyperplanes.

    Raises
    ------
    InvalidInput
        For ``n < 2``.

    Examples
    --------
    >>> from weightspace.arrangement import region_counts
    >>> region_counts(catalan(3))
    RegionCounts(chambers=30, bounded_chambers=12)
    """
    return _difference_arrangement(n, (-1, 0, 1), "Catalan")


def semiorder(n: int) -> Arrangement:
    """The semiorder arrangement ``x_i - x_j = -1, 1`` (``i < j``) in ``Q^n``.

    Its regions are the semiorders on ``n`` labelled points (OEIS A006531: 1, 3, 19, 183, 2371, ...); Postnikov and
    Stanley (2000) give the exponential generating function, no product formula.

    Parameters
    ----------
    n
        The dimension.

    Returns
    -------
    Arrangement
        ``n (n - 1)`` affine hyperplanes.

    Raises
    ------
    InvalidInput
        For ``n < 2``.

    Examples
    --------
    >>> from weightspace.arrangement import region_counts
    >>> region_counts(semiorder(3)).chambers
    19
    """
    return _difference_arrangement(n, (-1, 1), "semiorder")


def linial(n: int) -> Arrangement:
    """The Linial arrangement ``x_i - x_j = 1`` (``i < j``) in ``Q^n``.

    Closed form (Postnikov and Stanley 2000): ``chi(t) = (t / 2^n) sum_k C(n, k) (t - k)^(n-1)``; its regions
    are counted by the alternating trees on ``n + 1`` vertices (OEIS A007889: 2, 7, 36, 246, ...).

    Parameters
    ----------
    n
        The dimension.

    Returns
    -------
    Arrangement
        ``C(n, 2)`` affine hyperplanes.

    Raises
    ------
    InvalidInput
        For ``n < 2``.

    Examples
    --------
    >>> from weightspace.arrangement import region_counts
    >>> region_counts(linial(3)).chambers
    7
    """
    return _difference_arrangement(n, (1,), "Linial")


def parse_edges(text: str) -> list[tuple[int, int]]:
    """Edges ``"0-1,1-2,2-0"`` (vertices numbered from 0) as pairs.

    Parameters
    ----------
    text
        Comma-separated edges ``u-v``.

    Returns
    -------
    list of tuple
        The edges as ``(u, v)`` pairs, in the order given.

    Raises
    ------
    InvalidInput
        When an edge is not two different non-negative integers joined by ``-``.

    Examples
    --------
    >>> parse_edges("0-1, 1-2")
    [(0, 1), (1, 2)]
    """
    edges = []
    for item in text.split(","):
        parts = item.strip().split("-")
        if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
            raise InvalidInput(f"edge {item.strip()!r} must be two vertex numbers joined by '-', e.g. 0-1")
        u, v = int(parts[0]), int(parts[1])
        if u == v:
            raise InvalidInput(f"edge {item.strip()!r} is a loop; a graphical arrangement needs u != v")
        edges.append((u, v))
    return edges


def graphical(edges: str | Sequence[tuple[int, int]], vertices: int | None = None) -> Arrangement:
    """The graphical arrangement ``x_u = x_v`` for every edge ``uv`` of a graph on vertices ``0..N-1``, in ``Q^N``.

    Closed forms (Stanley 2007, Lecture 2): ``chi(t)`` is the chromatic polynomial of the graph, and the regions
    are its acyclic orientations, ``(-1)^N chi(-1)`` (Greene–Zaslavsky). ``N`` is one more than the largest vertex
    unless given. Repeated edges give one hyperplane each (the geometry counts them once).

    Parameters
    ----------
    edges
        The edges, as pairs or as text for [`parse_edges()`][weightspace.arrangement.families.parse_edges].
    vertices
        Number of vertices ``N``; default one more than the largest vertex named.

    Returns
    -------
    Arrangement
        One hyperplane per edge in ``Q^N``.

    Raises
    ------
    InvalidInput
        For a malformed edge list, a loop, no edge, or a vertex beyond ``vertices``.

    Examples
    --------
    >>> from weightspace.arrangement import characteristic_polynomial
    >>> str(characteristic_polynomial(graphical("0-1,1-2,2-0")))      # the triangle: t (t - 1) (t - 2)
    't^3 - 3t^2 + 2t'
    """
    pairs = parse_edges(edges) if isinstance(edges, str) else [(int(u), int(v)) for u, v in edges]
    if not pairs:
        raise InvalidInput("a graphical arrangement needs at least one edge")
    n = max(max(u, v) for u, v in pairs) + 1 if vertices is None else vertices
    if any(max(u, v) >= n for u, v in pairs):
        raise InvalidInput(f"an edge uses a vertex beyond the {n} vertices 0..{n - 1}")
    check_arrangement_size(len(pairs), n, f"the graphical arrangement on {n} vertices")
    normals = []
    for u, v in pairs:
        row = [0] * n
        row[min(u, v)], row[max(u, v)] = 1, -1
        normals.append(tuple(row))
    return Arrangement.from_rational(normals, labels=[f"{u}-{v}" for u, v in pairs])


__all__ = ["resonance", "resonance_group", "braid", "coordinate", "generic", "shi", "catalan", "semiorder", "linial",
           "parse_edges", "graphical"]
