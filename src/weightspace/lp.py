"""Certified sign-condition oracle: floats propose, exact arithmetic decides.

The question: given integer (or rational) rows ``a_1..a_m`` in ``Q^d`` and signs ``s_k in {+1, -1}``, is there a
``theta`` with ``s_k (a_k . theta) > 0`` for every ``k`` (an open polyhedral cone, i.e. a chamber of the
arrangement of the ``a_k^perp`` with prescribed sides)? By Gordan's alternative (1873) exactly one holds:

* a witness: an integer ``theta`` with ``s_k (a_k . theta) >= 1`` for all ``k`` (strictness is scale-free), or
* a certificate: integers ``y_k >= 0``, not all zero, with ``sum_k y_k s_k a_k = 0``.

HiGHS (through scipy) solves the margin LP ``s_k a_k . theta >= 1`` (minimising ``||theta||_1``) or the dual
``y >= 0, sum y_k s_k a_k = 0, sum y = 1``; the float answer is turned into an integer candidate and checked
exactly. If that check fails, an exact rational simplex (Bland's rule, ``fractions.Fraction``) decides. A verdict
is returned only after exact verification.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import gcd, lcm
from functools import reduce
from typing import Sequence

import numpy as np

from .errors import CertificationError, InvalidInput
from .exact import Rational, integer_kernel, primitive


@dataclass(frozen=True)
class SignFeasibility:
    """The exact answer of [`solve_signs()`][weightspace.lp.solve_signs].

    ``witness`` (integers) when feasible, else ``certificate`` (non-negative integers, one per row);
    ``method`` says which route decided (``"highs+exact"`` or ``"exact-simplex"``).
    """

    feasible: bool
    witness: tuple[int, ...] | None
    certificate: tuple[int, ...] | None
    method: str


def verify_witness(rows: Sequence[Sequence[Rational]], signs: Sequence[int], theta: Sequence[Rational]) -> bool:
    """Exact check that ``s_k (a_k . theta) > 0`` for every row.

    Parameters
    ----------
    rows
        The vectors ``a_k``.
    signs
        The signs ``s_k``.
    theta
        The candidate point.

    Returns
    -------
    bool
        Whether every strict inequality holds.
    """
    return all(s * sum(Fraction(a) * t for a, t in zip(row, theta)) > 0 for row, s in zip(rows, signs))


def verify_certificate(rows: Sequence[Sequence[Rational]], signs: Sequence[int], y: Sequence[Rational]) -> bool:
    """Exact check of a Gordan certificate: ``y >= 0``, ``y != 0`` and ``sum_k y_k s_k a_k = 0``.

    Parameters
    ----------
    rows
        The vectors ``a_k``.
    signs
        The signs ``s_k``.
    y
        The candidate multipliers.

    Returns
    -------
    bool
        Whether ``y`` proves the system infeasible.
    """
    if len(y) != len(rows) or any(v < 0 for v in y) or not any(y):
        return False
    d = len(rows[0]) if rows else 0
    return all(sum(Fraction(v) * s * Fraction(row[j]) for v, s, row in zip(y, signs, rows)) == 0 for j in range(d))


def _integer_rows(rows: Sequence[Sequence[Rational]]) -> tuple[list[list[int]], list[int]]:
    """Each row times the lcm of its denominators (a positive scale, so signs are unchanged), and the scales."""
    out, scales = [], []
    for row in rows:
        fracs = [Fraction(x) for x in row]
        scale = reduce(lcm, (f.denominator for f in fracs), 1)
        out.append([int(f * scale) for f in fracs])
        scales.append(scale)
    return out, scales


def _unscale(answer: "SignFeasibility", scales: list[int]) -> "SignFeasibility":
    """A certificate for the scaled rows ``c_k a_k`` is ``y_k c_k`` for the given rows ``a_k``."""
    if answer.certificate is None or all(c == 1 for c in scales):
        return answer
    y = [v * c for v, c in zip(answer.certificate, scales)]
    g = reduce(gcd, y, 0) or 1
    return SignFeasibility(False, None, tuple(v // g for v in y), answer.method)


def _round_candidates(theta: np.ndarray, rows: np.ndarray):
    yield primitive([Fraction(float(x)).limit_denominator(10_000) for x in theta])
    bound = float(np.abs(rows).sum(axis=1).max()) if rows.size else 1.0
    for scale in (1, 2, 4, bound, 4 * bound, 64 * bound):
        yield tuple(int(round(float(x) * scale)) for x in theta)


def _float_witness(rows: np.ndarray, signs: np.ndarray):
    from scipy.optimize import linprog
    m, d = rows.shape
    signed = rows * signs[:, None]
    # theta = u - v, u, v >= 0; minimise sum(u + v) subject to signed @ (u - v) >= 1
    a_ub = np.hstack([-signed, signed])
    result = linprog(np.ones(2 * d), A_ub=a_ub, b_ub=-np.ones(m), bounds=(0, None), method="highs")
    if result.status == 0:
        return result.x[:d] - result.x[d:]
    if result.status == 2:
        return None
    raise CertificationError(f"HiGHS could not decide the margin LP: {result.message}")


def _float_certificate(rows: np.ndarray, signs: np.ndarray):
    from scipy.optimize import linprog
    m, d = rows.shape
    signed = rows * signs[:, None]
    a_eq = np.vstack([signed.T, np.ones((1, m))])
    b_eq = np.zeros(d + 1)
    b_eq[-1] = 1.0
    result = linprog(np.zeros(m), A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    return result.x if result.status == 0 else None


def _certificate_from_support(rows: list[list[int]], signs: Sequence[int], y: np.ndarray):
    support = [k for k in range(len(rows)) if y[k] > 1e-9]
    if not support:
        return None
    d = len(rows[0])
    columns = [[signs[k] * rows[k][j] for k in support] for j in range(d)]  # d equations in |support| unknowns
    kernel = integer_kernel(columns, len(support))
    for z in kernel:
        if all(v < 0 for v in z):
            z = tuple(-v for v in z)
        if all(v > 0 for v in z):
            full = [0] * len(rows)
            for k, v in zip(support, z):
                full[k] = v
            return tuple(full)
    return None


def solve_signs(rows: Sequence[Sequence[Rational]], signs: Sequence[int]) -> SignFeasibility:
    """Decide exactly whether ``{theta : s_k (a_k . theta) > 0 for all k}`` is nonempty.

    Returns an integer witness or an integer Gordan certificate, both verified exactly.

    Parameters
    ----------
    rows
        The vectors ``a_k``.
    signs
        The signs ``s_k``.

    Returns
    -------
    SignFeasibility
        An exact integer witness ``theta``, or an exact Gordan certificate ``y``, each verified.

    Raises
    ------
    InvalidInput
        When there is not exactly one sign per row, or a sign is not +1 or -1.
    CertificationError
        When neither the rounded float solution nor the exact fallback yields a verified answer.

    Examples
    --------
    XOR on ``{0,1}^2``: rows ``(x, 1)``, signs ``+`` on the ones, ``-`` on the zeros. No witness exists, and
    the certificate ``(1, 1, 1, 1)`` says ``(0,0,1) + (1,1,1) = (1,0,1) + (0,1,1)``:

    >>> rows = [(0, 0, 1), (1, 0, 1), (0, 1, 1), (1, 1, 1)]
    >>> solve_signs(rows, [-1, 1, 1, -1]).certificate
    (1, 1, 1, 1)
    >>> solve_signs(rows, [-1, 1, 1, 1]).feasible
    True
    """
    if len(rows) != len(signs):
        raise InvalidInput("solve_signs needs one sign per row")
    if any(s not in (1, -1) for s in signs):
        raise InvalidInput("signs must be +1 or -1")
    if not rows:
        return SignFeasibility(True, (), None, "trivial")
    int_rows, scales = _integer_rows(rows)
    return _unscale(_solve_integer(int_rows, signs), scales)


def _solve_integer(int_rows: list[list[int]], signs: Sequence[int]) -> SignFeasibility:
    d = len(int_rows[0])
    matrix = np.array(int_rows, dtype=float).reshape(len(int_rows), d)
    sign_array = np.array(signs, dtype=float)
    try:
        theta = _float_witness(matrix, sign_array)
    except CertificationError:
        theta = None
    if theta is not None:
        for candidate in _round_candidates(theta, matrix):
            if verify_witness(int_rows, signs, candidate):
                return SignFeasibility(True, primitive(candidate), None, "highs+exact")
    else:
        y = _float_certificate(matrix, sign_array)
        if y is not None:
            certificate = _certificate_from_support(int_rows, signs, y)
            if certificate is not None and verify_certificate(int_rows, signs, certificate):
                g = reduce(gcd, certificate, 0)
                return SignFeasibility(False, None, tuple(v // g for v in certificate), "highs+exact")
    return _exact_decision(int_rows, signs)


# ------------------------------------------------------------------------------------------ exact simplex
def exact_feasible_point(a_eq: Sequence[Sequence[Fraction]], b_eq: Sequence[Fraction]) -> list[Fraction] | None:
    """A vertex of ``{x >= 0 : A x = b}`` in exact rationals, or ``None`` when it is empty.

    Phase I of the simplex method with Bland's rule (no cycling) on an artificial basis, over Fractions.

    Parameters
    ----------
    a_eq
        The matrix ``A``.
    b_eq
        The right-hand side ``b``.

    Returns
    -------
    list of Fraction or None
        A vertex, or ``None``.

    Examples
    --------
    >>> exact_feasible_point([[1, 1]], [Fraction(1, 2)])
    [Fraction(1, 2), Fraction(0, 1)]
    """
    m = len(a_eq)
    n = len(a_eq[0]) if m else 0
    rows = []
    for i in range(m):
        row = [Fraction(x) for x in a_eq[i]]
        rhs = Fraction(b_eq[i])
        if rhs < 0:
            row, rhs = [-x for x in row], -rhs
        rows.append(row + [Fraction(int(j == i)) for j in range(m)] + [rhs])
    total = n + m
    basis = [n + i for i in range(m)]
    # objective: minimise the sum of artificials; reduced costs row
    cost = [Fraction(0)] * (total + 1)
    for row in rows:
        for j in range(total + 1):
            cost[j] -= row[j] if j < n or j == total else 0
    while True:
        entering = next((j for j in range(total) if cost[j] < 0 and j not in basis), None)
        if entering is None:
            break
        best, leaving = None, None
        for i, row in enumerate(rows):
            if row[entering] > 0:
                ratio = row[total] / row[entering]
                if best is None or ratio < best or (ratio == best and basis[i] < basis[leaving]):
                    best, leaving = ratio, i
        if leaving is None:  # unbounded direction cannot happen in phase I (objective bounded below by 0)
            break
        pivot = rows[leaving][entering]
        rows[leaving] = [x / pivot for x in rows[leaving]]
        for i in range(m):
            if i != leaving and rows[i][entering] != 0:
                factor = rows[i][entering]
                rows[i] = [x - factor * y for x, y in zip(rows[i], rows[leaving])]
        factor = cost[entering]
        cost = [x - factor * y for x, y in zip(cost, rows[leaving])]
        basis[leaving] = entering
    if cost[total] != 0:  # -(sum of artificials) at optimum
        return None
    x = [Fraction(0)] * total
    for i, j in enumerate(basis):
        x[j] = rows[i][total]
    return x[:n]


def _exact_decision(rows: list[list[int]], signs: Sequence[int]) -> SignFeasibility:
    m, d = len(rows), len(rows[0])
    # witness: s_k a_k (u - v) - t_k = 1, with u, v, t >= 0
    a_eq = [[Fraction(signs[k] * rows[k][j]) for j in range(d)] + [Fraction(-signs[k] * rows[k][j]) for j in range(d)]
            + [Fraction(-int(i == k)) for i in range(m)] for k in range(m)]
    point = exact_feasible_point(a_eq, [Fraction(1)] * m)
    if point is not None:
        theta = primitive([point[j] - point[d + j] for j in range(d)])
        if not verify_witness(rows, signs, theta):  # pragma: no cover - exact simplex is exact
            raise CertificationError("exact simplex returned a point that fails verification")
        return SignFeasibility(True, theta, None, "exact-simplex")
    a_eq = [[Fraction(signs[k] * rows[k][j]) for k in range(m)] for j in range(d)] + [[Fraction(1)] * m]
    y = exact_feasible_point(a_eq, [Fraction(0)] * d + [Fraction(1)])
    if y is None:  # pragma: no cover - Gordan's alternative
        raise CertificationError("neither a witness nor a certificate exists: impossible by Gordan's theorem")
    certificate = primitive(y)
    if not verify_certificate(rows, signs, certificate):  # pragma: no cover
        raise CertificationError("exact simplex returned a certificate that fails verification")
    return SignFeasibility(False, None, certificate, "exact-simplex")
