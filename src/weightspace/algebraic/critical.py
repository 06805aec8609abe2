"""The critical-point systems of the Euclidean distance problem: for ``X = V(f_1, ..., f_s)`` of codimension ``c``
and the distance ``(x - u)^T Q (x - u)``, the critical points are the ``x`` on ``X`` where ``Q (x - u)`` lies in the
row space of the Jacobian ``J``: the ``(c+1)``-minors of ``[Q(x-u) | J^T]``
([`critical_equations`][weightspace.algebraic.critical.critical_equations]), or the Lagrange system with
multipliers ([`lagrange_system`][weightspace.algebraic.critical.lagrange_system]); the singular locus is cut out by
the ``c``-minors of ``J`` ([`singular_ideal`][weightspace.algebraic.critical.singular_ideal]).
[`ed_degree()`][weightspace.algebraic.edd.ed_degree] builds them.
"""

from __future__ import annotations

import itertools
from math import comb
import random
from typing import Sequence

import sympy


def data_point(n: int, seed: int = 0) -> tuple[int, ...]:
    """A random integer data point ``u`` in ``[-50, 50]^n`` (generic with high probability).

    Parameters
    ----------
    n
        The dimension.
    seed
        The seed.

    Returns
    -------
    tuple of int
        ``u``.
    """
    rng = random.Random(10_007 + seed)
    return tuple(rng.randint(-50, 50) for _ in range(n))


def critical_equations(equations: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol], Q, u,
                       codimension: int) -> tuple[list[sympy.Expr], list[sympy.Expr], list[sympy.Expr]]:
    """``(critical, singular, residual)``: the equations plus the ``(c+1)``-minors of ``[Q(x-u) | J^T]``, the
    ``c``-minors of ``J`` (the singular locus), and the entries of ``Q(x - u)``.

    Parameters
    ----------
    equations
        The equations ``f_1, ..., f_s`` of ``X``.
    variables
        The coordinates.
    Q
        The quadratic form (rational entries).
    u
        The data point.
    codimension
        The codimension ``c`` of ``X``.

    Returns
    -------
    tuple of list
        ``(critical, singular, residual)``.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> crit, sing, res = critical_equations([x**2 + y**2 - 1], (x, y), ((1, 0), (0, 1)), (3, 5), 1)
    >>> crit
    [x**2 + y**2 - 1, -10*x + 6*y]
    """
    residual = residual_entries(Q, u, variables)
    return critical_minors(equations, variables, residual, codimension), _singular_minors(equations, variables,
                                                                                          codimension), residual


def residual_entries(Q, u, variables) -> list[sympy.Expr]:
    """The entries of ``Q (x - u)``.

    Parameters
    ----------
    Q
        The quadratic form.
    u
        The data point.
    variables
        The coordinates ``x``.

    Returns
    -------
    list of sympy.Expr
        The ``n`` entries.
    """
    n = len(variables)
    return [sympy.expand(sum(sympy.Rational(Q[i][j].numerator, Q[i][j].denominator) * (variables[j] - u[j])
                             for j in range(n))) for i in range(n)]


def critical_minors(equations, variables, residual, codimension: int) -> list[sympy.Expr]:
    """The equations plus the ``(c+1)``-minors of ``[Q(x-u) | J^T]`` (``residual`` holds ``Q(x-u)``).

    Parameters
    ----------
    equations
        The equations ``f_1, ..., f_s`` of ``X``.
    variables
        The coordinates.
    residual
        The entries of ``Q (x - u)``.
    codimension
        The codimension ``c``.

    Returns
    -------
    list of sympy.Expr
        The generators.
    """
    augmented = _jacobian(equations, variables).T.row_join(sympy.Matrix(residual))
    return list(equations) + _minors(augmented, codimension + 1)


def _jacobian(equations, variables) -> sympy.Matrix:
    return sympy.Matrix([[sympy.diff(f, v) for v in variables] for f in equations])


def _singular_minors(equations, variables, codimension: int) -> list[sympy.Expr]:
    """The ``c``-minors of ``J`` (``[1]`` for ``c = 0``)."""
    return _minors(_jacobian(equations, variables), codimension) if codimension else [sympy.Integer(1)]


def _minors(matrix: sympy.Matrix, size: int) -> list[sympy.Expr]:
    out = []
    for rows in itertools.combinations(range(matrix.rows), size):
        for cols in itertools.combinations(range(matrix.cols), size):
            value = sympy.expand(matrix.extract(list(rows), list(cols)).det(method="berkowitz"))
            if value != 0:
                out.append(value)
    return out


def lagrange_system(equations, variables, residual, codimension: int, seed: int = 0):
    """``(system, multipliers)``: ``f = 0`` and ``Q(x - u) = (R J)^T mu`` with ``mu`` in ``C^c``, where ``R`` is a
    random integer ``c x s`` matrix (the identity when ``s = c``). On the
    smooth points of ``X`` where ``R J`` has rank ``c`` (all but a proper closed subset, for random ``R``) its row
    space is that of ``J``, so the solutions are the critical points, each with one ``mu``.

    Parameters
    ----------
    equations
        The equations ``f_1, ..., f_s`` of ``X``.
    variables
        The coordinates.
    residual
        The entries of ``Q (x - u)``.
    codimension
        The codimension ``c``.
    seed
        The seed of ``R``.

    Returns
    -------
    tuple
        The system and the multiplier symbols.
    """
    s, n = len(equations), len(variables)
    rng = random.Random(7919 + seed)
    R = [[int(i == j) for j in range(s)] for i in range(codimension)] if s == codimension else \
        [[rng.randint(-9, 9) for _ in range(s)] for _ in range(codimension)]
    RJ = sympy.Matrix(R) * _jacobian(equations, variables)
    mu = tuple(sympy.symbols(f"_mu0:{codimension}"))
    system = list(equations) + [sympy.expand(residual[i] - sum(mu[k] * RJ[k, i] for k in range(codimension)))
                                for i in range(n)]
    return system, mu


def singular_ideal(equations, variables, codimension: int, seed: int = 0) -> list[sympy.Expr]:
    """Generators of an ideal whose zero set contains the singular locus of ``X`` and no component of ``X``: the
    ``c``-minors of ``J`` when there are at most 60, else the single ``det(R J S)`` with random integer ``R``
    (``c x s``) and ``S`` (``n x c``), which vanishes where ``rank J < c`` and on a hypersurface section of ``X``
    that misses any given finite set of points with high probability (so the saturation keeps every isolated
    critical point and the closure of every positive-dimensional part).

    Parameters
    ----------
    equations
        The equations ``f_1, ..., f_s`` of ``X``.
    variables
        The coordinates.
    codimension
        The codimension ``c``.
    seed
        The seed of ``R`` and ``S``.

    Returns
    -------
    list of sympy.Expr
        The generators.
    """
    s, n = len(equations), len(variables)
    if codimension == 0 or comb(s, codimension) * comb(n, codimension) <= 60:
        return _singular_minors(equations, variables, codimension)
    jacobian = _jacobian(equations, variables)
    rng = random.Random(104_729 + seed)
    R = sympy.Matrix([[rng.randint(-9, 9) for _ in range(s)] for _ in range(codimension)])
    S = sympy.Matrix([[rng.randint(-9, 9) for _ in range(codimension)] for _ in range(n)])
    return [sympy.expand((R * jacobian * S).det(method="berkowitz"))]


__all__ = ["data_point", "critical_equations", "residual_entries", "critical_minors", "lagrange_system",
           "singular_ideal"]
