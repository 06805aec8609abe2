"""The ``Q`` that data builds, and how the ED degree of training changes with the number of data points.

MSE training on inputs ``x_1, ..., x_N`` is the distance ``(c - c*)^T Q (c - c*)`` with ``Q = I_{d_L} (x) A^T A``
and ``A_ij = m_j(x_i)`` the Veronese features
([`training_geometry`][weightspace.algebraic.training.training_geometry]). So ``Q`` is a *moment matrix*:
``(A^T A)_jk = sum_i x_i^(e_j + e_k)`` depends only on ``e_j + e_k``. For binary forms of degree ``d`` (basis
``x^(d-j) y^j``) that means ``Q_jk`` depends only on ``j + k``: a Hankel matrix. It is positive semidefinite of rank
at most ``N`` per output, so with fewer points than coefficients it has a kernel, the loss is flat along it, and the
zero-loss set ``M ∩ (u + ker Q)`` is part of the critical set.

The talk's observation: such a ``Q`` is not a generic positive semidefinite matrix with the same kernel dimension,
and the ED degree can differ. [`data_ed_sweep`][weightspace.algebraic.data_q.data_ed_sweep] measures it: for each
number of random integer data points it computes the ED degree (and the zero-loss set) for the data ``Q`` and for a
random positive semidefinite ``Q`` with the same kernel dimension, at the same random data point ``u``.

Examples
--------
>>> from weightspace.arch.polynomial.network import PolynomialNet
>>> Q, facts = data_Q(PolynomialNet((2, 1, 1), 3), [(1, 0), (1, 1), (1, -1)])
>>> facts["hankel"], facts["rank"], facts["kernel_dimension"]
(True, 3, 1)
"""

from __future__ import annotations

import random
from fractions import Fraction
from typing import Any, Callable, Sequence

from ..errors import InvalidInput
from ..exact import rank
from .training import feature_matrix

MAX_POINTS = 10_000


def data_Q(net, points: Sequence[Sequence]) -> tuple[list[list[Fraction]], dict[str, Any]]:
    """``Q = I_{d_L} (x) A^T A`` of the data, with its structure checked exactly.

    Parameters
    ----------
    net
        A polynomial, linear or affine network (its basis gives the features).
    points
        The data inputs.

    Returns
    -------
    tuple
        ``Q`` (rows of Fraction) and ``{"rank", "kernel_dimension", "moment", "hankel", "points"}``: ``moment`` is
        whether every entry depends only on ``e_j + e_k``; ``hankel`` whether it depends only on ``j + k`` (binary
        forms).

    Raises
    ------
    InvalidInput
        For no points or points of the wrong dimension.
    """
    if not points:
        raise InvalidInput("give at least one data point")
    if any(len(x) != net.widths[0] for x in points):
        raise InvalidInput(f"every data point needs {net.widths[0]} coordinates")
    A = feature_matrix(net, points)
    K = len(A[0])
    block = [[sum(A[i][j] * A[i][k] for i in range(len(A))) for k in range(K)] for j in range(K)]
    basis = getattr(net, "basis", None) or [tuple(int(i == j) for i in range(net.widths[0]))
                                            for j in range(net.widths[0])]
    by_moment: dict[tuple, Fraction] = {}
    moment = hankel = True
    by_sum: dict[int, Fraction] = {}
    for j in range(K):
        for k in range(K):
            key = tuple(a + b for a, b in zip(basis[j], basis[k]))
            moment &= by_moment.setdefault(key, block[j][k]) == block[j][k]
            hankel &= by_sum.setdefault(j + k, block[j][k]) == block[j][k]
    outputs = net.widths[-1]
    Q = [[block[j % K][k % K] if j // K == k // K else Fraction(0) for k in range(K * outputs)]
         for j in range(K * outputs)]
    r = rank(block) * outputs
    return Q, {"rank": r, "kernel_dimension": K * outputs - r, "moment": moment, "hankel": hankel,
               "points": len(points)}


def data_ed_sweep(net, counts: Sequence[int], seed: int = 0, backend: str = "auto",
                  max_seconds: float | None = None,
                  progress: Callable[[int, int], None] | None = None) -> list[dict[str, Any]]:
    """For each ``N`` in ``counts``: ``N`` random integer data points in ``[-20, 20]^n``, the ED degree of the
    neuromanifold for their ``Q`` and for a random positive semidefinite ``Q`` with the same kernel dimension (module
    docstring), at the same data point ``u``.

    Parameters
    ----------
    net
        A network whose neuromanifold has implicit equations
        ([`neuromanifold_equations`][weightspace.algebraic.examples.neuromanifold_equations]).
    counts
        Numbers of data points.
    seed
        Seed of the data, of ``u`` and of the generic ``Q``.
    backend
        The Gröbner backend ([`ed_degree`][weightspace.algebraic.edd.ed_degree]).
    max_seconds
        Wall-time limit of each ED computation.
    progress
        Called with ``(done, total)``.

    Returns
    -------
    list of dict
        Per ``N``: ``points``, ``rank_Q``, ``kernel_dimension``, ``hankel``, ``moment``, and for ``data`` and
        ``generic`` the ED degree (``None`` when the critical set is not finite) with its parts.

    Raises
    ------
    InvalidInput
        For a count below 1 or above ``MAX_POINTS``.
    NotSupported
        When the neuromanifold has no implicit equations here.
    """
    from .edd import ed_degree
    from .examples import neuromanifold_equations
    if any(not 1 <= int(n) <= MAX_POINTS for n in counts):
        raise InvalidInput(f"every number of data points must be between 1 and {MAX_POINTS}")
    equations, variables = neuromanifold_equations(net)
    rows = []
    for step, count in enumerate(counts):
        rng = random.Random(seed * 1000 + int(count))
        points = [tuple(rng.randint(-20, 20) for _ in range(net.widths[0])) for _ in range(int(count))]
        Q, facts = data_Q(net, points)
        row = {"points": int(count), "rank_Q": facts["rank"], "kernel_dimension": facts["kernel_dimension"],
               "hankel": facts["hankel"], "moment": facts["moment"]}
        for name, matrix, kernel in (("data", Q, None), ("generic", "generic", facts["kernel_dimension"])):
            if name == "generic" and kernel == 0:
                matrix, kernel = "generic", None
            result = ed_degree(equations, variables, matrix, kernel_dimension=kernel, seed=seed, backend=backend,
                               max_seconds=max_seconds)
            row[name] = {"ed_degree": result.ed_degree, "components": list(result.components),
                         "confirmed": (result.confirmation or {}).get("agrees")}
        rows.append(row)
        if progress:
            progress(step + 1, len(counts))
    return rows


__all__ = ["data_Q", "data_ed_sweep"]
