"""Solid angles of polyhedral cones, certified: the Gaussian measure of each chamber of a central arrangement.

Under any rotation-invariant law on ``R^d`` (the standard Gaussian, the uniform law on the sphere) the probability
of an open polyhedral cone ``C`` is its *solid angle* ``alpha(C) = vol(C cap S^(d-1)) / vol(S^(d-1))``. The cone is
a product of its lineality space and a pointed cone in the orthogonal complement ``V`` (the span of the normals), so
``alpha`` is computed in ``V``, in the original coordinates:

1. **Rays.** The extreme rays of the chambers are the lines of the arrangement in ``V`` (rank ``r - 1`` flats cut
   with ``V``), each taken in both directions; a ray lies on the closure of a chamber iff its sign vector agrees
   with the chamber's wherever it is nonzero.
2. **Triangulation.** A pulling triangulation (cone from the least ray over the facets that miss it, recursively;
   faces are the maximal proper intersections with facet hyperplanes, found on incidence bitmasks only) cuts each
   chamber into simplicial cones, exactly.
3. **Orthant probabilities.** A simplicial cone with rays ``R`` (columns) is ``{x in V : a_i . x >= 0}`` with facet
   normals ``a_i`` the columns of ``R (R^T R)^-1``, so its measure is the orthant probability ``P(Y > 0)`` of
   ``Y ~ N(0, M)``, ``M = (R^T R)^-1`` (exact rationals). In dimension ``k <= 3`` it is closed form
   (``1/4 + asin(rho)/(2 pi)``; ``1/8 + sum asin(rho_ij) / (4 pi)``, Girard's theorem). For ``k = 4, 5`` Plackett's
   identity ``d P / d rho_ij = phi_2(0, 0; rho_ij) P_(k-2)(partial correlations given Y_i = Y_j = 0)`` integrated
   along ``R(t) = I + t (R - I)`` leaves a one-dimensional integral of closed forms, which Arb integrates with a
   rigorous error bound (python-flint's ``acb.integral``, Petras' algorithm).

Every answer is an Arb ball that contains the true value (``arb``: midpoint and radius); the balls of all chambers
sum to a ball containing 1, which the callers check. Above rank 5 the measure is left to sampling
([`weightspace.analysis.measure`][weightspace.analysis.measure]).

References: Plackett (1954), *A reduction formula for normal multivariate integrals*; Ribando (2006), *Measuring
solid angles beyond dimension three*; Johansson (2018), *Numerical integration in arbitrary-precision ball
arithmetic*.

Examples
--------
>>> from fractions import Fraction as Q
>>> p = orthant_probability([[1, Q(1, 2), Q(1, 2), Q(1, 2)], [Q(1, 2), 1, Q(1, 2), Q(1, 2)],
...                          [Q(1, 2), Q(1, 2), 1, Q(1, 2)], [Q(1, 2), Q(1, 2), Q(1, 2), 1]])
>>> contains(p, Q(1, 5)), float(p.rad()) < 1e-15        # equicorrelated 1/2: P = 1/(k + 1)
(True, True)
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Sequence

import flint
import numpy as np

from ..balls import contains, precision, to_arb  # noqa: F401 (contains: the examples use it)
from ..errors import InvalidInput, NotSupported
from ..exact import IntVector, integer_kernel, primitive
from .arrangement import Arrangement
from .chambers import ChamberComplex
from .lattice import intersection_lattice

MAX_EXACT_RANK = 5
PRECISION = 80
ABSOLUTE_TOLERANCE_BITS = 56


def _asin(z: flint.acb, analytic: bool) -> flint.acb:
    """``asin z``, or NaN when ``analytic`` and the ball may reach the branch points (Arb's integration protocol)."""
    if analytic and not (z.real.abs_upper() + z.imag.abs_upper() < 1):
        return flint.acb("nan")
    return z.asin()


def _partial(S: list[list], i: int, j: int) -> tuple[list[int], list[list]]:
    """The covariance of the other coordinates given ``Y_i = Y_j = 0`` (a Schur complement), and their indices."""
    others = [a for a in range(len(S)) if a not in (i, j)]
    det = S[i][i] * S[j][j] - S[i][j] * S[i][j]
    C = [[S[a][b] - (S[a][i] * (S[j][j] * S[i][b] - S[i][j] * S[j][b])
                     + S[a][j] * (S[i][i] * S[j][b] - S[i][j] * S[i][b])) / det for b in others] for a in others]
    return others, C


def _closed_form(C: list[list], analytic: bool = False):
    """The orthant probability of ``N(0, C)`` in dimension ``<= 3`` from the arcsines of the correlations."""
    k = len(C)
    kind = type(C[0][0]) if k else flint.arb
    if k <= 1:
        return kind(1) / 2 ** k
    total = kind(0)
    for a, b in combinations(range(k), 2):
        product = C[a][a] * C[b][b]
        rho = C[a][b] / (product.sqrt(analytic=analytic) if kind is flint.acb else product.sqrt())
        total += _asin(rho, analytic) if kind is flint.acb else rho.asin()
    return kind(1) / 2 ** k + total / (2 ** (k - 1) * kind.pi())


def orthant_probability(covariance: Sequence[Sequence[Fraction | int]]) -> flint.arb:
    """``P(Y_1 > 0, ..., Y_k > 0)`` for ``Y ~ N(0, covariance)``, certified (an Arb ball), for ``k <= 5``.

    ``k <= 3``: closed form. ``k = 4, 5``: with ``R`` the correlation matrix and ``R(t) = I + t (R - I)``,
    ``P(R) = 2^-k + int_0^1 sum_(i<j) rho_ij / (2 pi sqrt(1 - t^2 rho_ij^2)) P_(k-2)(R(t)_(.ij)) dt`` (Plackett), where
    ``R(t)_(.ij)`` is the partial correlation of the others given ``Y_i = Y_j = 0``; the integrand is analytic on
    ``[0, 1]`` because ``R(t)`` stays positive definite, and Arb bounds the quadrature error rigorously.

    Parameters
    ----------
    covariance
        A positive definite ``k x k`` matrix of exact rationals.

    Returns
    -------
    flint.arb
        A ball containing the probability.

    Raises
    ------
    NotSupported
        For ``k > 5`` (sample instead).

    Examples
    --------
    >>> from fractions import Fraction as Q
    >>> contains(orthant_probability([[1, Q(-1, 2)], [Q(-1, 2), 1]]), Q(1, 6))     # 1/4 + asin(-1/2)/(2 pi)
    True
    """
    k = len(covariance)
    blocks = _components(covariance)
    if len(blocks) > 1:                       # independent blocks: the probability is the product
        product = flint.arb(1)
        for block in blocks:
            product *= orthant_probability([[covariance[a][b] for b in block] for a in block])
        return product
    if k > MAX_EXACT_RANK:
        raise NotSupported(f"certified orthant probabilities are implemented up to dimension {MAX_EXACT_RANK}, "
                           f"got {k}")
    with precision(PRECISION):
        S = [[to_arb(x) for x in row] for row in covariance]
        if k <= 3:
            return _closed_form(S)
        scale = [S[a][a].sqrt() for a in range(k)]
        rho = [[S[a][b] / (scale[a] * scale[b]) for b in range(k)] for a in range(k)]
        pairs = [(i, j) for i, j in combinations(range(k), 2) if covariance[i][j] != 0]
        two_pi = 2 * flint.acb.pi()

        def integrand(t: flint.acb, analytic: bool) -> flint.acb:
            R = [[flint.acb(1) if a == b else t * rho[a][b] for b in range(k)] for a in range(k)]
            total = flint.acb(0)
            for i, j in pairs:
                root = (1 - R[i][j] * R[i][j]).sqrt(analytic=analytic)
                _, C = _partial(R, i, j)
                total += rho[i][j] / (two_pi * root) * _closed_form(C, analytic)
            return total

        # an absolute tolerance: the integral may be tiny, and a relative goal would then never be met
        value = flint.acb.integral(integrand, 0, 1, abs_tol=flint.arb(2) ** -ABSOLUTE_TOLERANCE_BITS)
        return flint.arb(1) / 2 ** k + value.real


def _components(covariance: Sequence[Sequence[Fraction | int]]) -> list[list[int]]:
    """The connected components of the graph of nonzero covariances (independent blocks of coordinates)."""
    k = len(covariance)
    seen, blocks = set(), []
    for start in range(k):
        if start in seen:
            continue
        block, stack = [], [start]
        seen.add(start)
        while stack:
            a = stack.pop()
            block.append(a)
            for b in range(k):
                if b not in seen and covariance[a][b] != 0:
                    seen.add(b)
                    stack.append(b)
        blocks.append(sorted(block))
    return blocks


# ------------------------------------------------------------------------------------------------ cones
def simplicial_cones(incidence: Sequence[int], dimension: int) -> list[tuple[int, ...]]:
    """A pulling triangulation of a pointed polyhedral cone, from incidences alone.

    ``incidence[v]`` is the bitmask of the facets containing ray ``v``. A face is a set of rays; its facets are the
    maximal proper nonempty sets ``G cap F_i``; a face of dimension ``k`` with ``k`` rays is simplicial. The cone from
    the least ray of ``G`` over the triangulated facets of ``G`` that miss it triangulates ``G``.

    Parameters
    ----------
    incidence
        One facet bitmask per ray.
    dimension
        The dimension of the cone.

    Returns
    -------
    list of tuple of int
        The simplicial cones, each as ``dimension`` ray indices.

    Examples
    --------
    >>> # the cone over a square: rays 0..3, facets 0..3 with ray v on facets v and v+1 mod 4
    >>> simplicial_cones([0b1001, 0b0011, 0b0110, 0b1100], 3)
    [(1, 2, 0), (2, 3, 0)]
    """
    facets = sorted({bit for mask in incidence for bit in range(mask.bit_length()) if (mask >> bit) & 1})

    def faces_of(G: frozenset[int]) -> list[frozenset[int]]:
        candidates = {frozenset(v for v in G if (incidence[v] >> f) & 1) for f in facets}
        candidates = {c for c in candidates if c and c != G}
        return sorted((c for c in candidates if not any(c < other for other in candidates)), key=sorted)

    def triangulate(G: frozenset[int], k: int) -> list[tuple[int, ...]]:
        if len(G) == k:
            return [tuple(sorted(G))]
        apex = min(G)
        out = []
        for F in faces_of(G):
            if apex not in F:
                out.extend(s + (apex,) for s in triangulate(F, k - 1))
        return out

    return triangulate(frozenset(range(len(incidence))), dimension)


def simplicial_cone_measure(rays: Sequence[IntVector]) -> flint.arb:
    """The solid angle of the simplicial cone spanned by ``rays``: the orthant probability of ``N(0, (R^T R)^-1)``.

    Parameters
    ----------
    rays
        ``k <= 5`` linearly independent integer vectors.

    Returns
    -------
    flint.arb
        A ball containing the solid angle (a fraction of the sphere of ``span(rays)``).

    Examples
    --------
    >>> contains(simplicial_cone_measure([(1, 0, 0), (0, 1, 0), (0, 0, 1)]), Fraction(1, 8))
    True
    """
    gram = flint.fmpq_mat([[sum(a * b for a, b in zip(u, v)) for v in rays] for u in rays])
    inverse = gram.inv()
    k = len(rays)
    return orthant_probability([[Fraction(int(inverse[a, b].p), int(inverse[a, b].q)) for b in range(k)]
                                for a in range(k)])


def chamber_rays(A: Arrangement, complex_: ChamberComplex) -> tuple[list[IntVector], np.ndarray]:
    """The extreme rays of the chambers (in the span ``V`` of the normals) and which chamber each bounds.

    Parameters
    ----------
    A
        A linear arrangement.
    complex_
        Its chambers.

    Returns
    -------
    tuple
        The rays (primitive integer vectors, both directions of every line of ``A`` in ``V``) and a boolean matrix
        ``on[c, v]``: ray ``v`` lies on the closure of chamber ``c``.

    Raises
    ------
    InvalidInput
        For an arrangement that is not linear.
    """
    if not A.is_linear:
        raise InvalidInput("solid angles are defined for the chambers of a linear (central at 0) arrangement")
    lineality = integer_kernel(list(A.normals), A.dimension) if A.rank < A.dimension else []
    lattice = intersection_lattice(A)
    rays: list[IntVector] = []
    for flat in lattice.flats:
        if flat.rank == A.rank - 1:
            rows = [A.normals[i] for i in flat.hyperplanes] + list(lineality)
            (line,) = integer_kernel(rows, A.dimension)
            rays += [primitive(line), tuple(-x for x in primitive(line))]
    if A.rank == 1:
        rays = []
    N = np.array(A.normals, dtype=object)
    ray_signs = np.sign(np.array(rays, dtype=object).reshape(len(rays), A.dimension).dot(N.T)).astype(np.int8) \
        if rays else np.zeros((0, len(A)), dtype=np.int8)
    chamber_signs = np.array([complex_.chamber(c).signs for c in range(len(complex_))], dtype=np.int8)
    conflicts = (ray_signs == 1).astype(np.int32) @ (chamber_signs == -1).astype(np.int32).T + \
        (ray_signs == -1).astype(np.int32) @ (chamber_signs == 1).astype(np.int32).T
    return rays, (conflicts == 0).T


def chamber_solid_angles(A: Arrangement, complex_: ChamberComplex, which: Sequence[int] | None = None,
                         progress=None) -> list[flint.arb]:
    """The solid angle of every chamber of a linear arrangement of rank ``<= 5``, certified.

    Parameters
    ----------
    A
        A linear arrangement.
    complex_
        Its chambers (``chamber_complex(A)``).
    which
        The indices of the chambers to measure (default: all).
    progress
        Called with ``(chambers done, chambers)``.

    Returns
    -------
    list of flint.arb
        One ball per chamber of ``which``, in its order; over all chambers they sum to a ball containing 1.

    Raises
    ------
    NotSupported
        For rank above 5 (sample instead).

    Examples
    --------
    >>> from weightspace import library
    >>> from weightspace.arrangement import chamber_complex
    >>> A = library.braid(3)
    >>> angles = chamber_solid_angles(A, chamber_complex(A))
    >>> len(angles), all(contains(a, Fraction(1, 6)) for a in angles)
    (6, True)
    """
    r = A.rank
    if r > MAX_EXACT_RANK:
        raise NotSupported(f"certified solid angles are implemented up to rank {MAX_EXACT_RANK}; this arrangement "
                           f"has rank {r} (use --samples)")
    which = range(len(complex_)) if which is None else which
    if r == 1:
        return [flint.arb(1) / 2] * len(which)
    rays, on = chamber_rays(A, complex_)
    N = np.array(A.normals, dtype=object)
    out = []
    for done, c in enumerate(which):
        members = [v for v in range(len(rays)) if on[c, v]]
        walls = complex_.facets(c)
        values = np.array([rays[v] for v in members], dtype=object).dot(N[walls].T) if walls else None
        incidence = [sum(1 << w for w in range(len(walls)) if values[m, w] == 0) for m in range(len(members))]
        total = flint.arb(0)
        for simplex in simplicial_cones(incidence, r):
            total += simplicial_cone_measure([rays[members[v]] for v in simplex])
        out.append(total)
        if progress is not None:
            progress(done + 1, len(which))
    return out


__all__ = ["MAX_EXACT_RANK", "orthant_probability", "simplicial_cones", "simplicial_cone_measure", "chamber_rays",
           "chamber_solid_angles"]
