"""Named varieties for ED-degree computations, and implicit equations of neuromanifolds where they are known.

* ``circle``: ``x^2 + y^2 - 1`` (ED degree 2 for ``Q = I``, 4 for ``Q = diag(4, 1)``: the source's example);
* ``cusp``: the cuspidal cubic ``y^2 - x^3`` (singular at the origin, which saturation removes);
* ``rank1``: the ``2 x 2`` matrices of rank at most 1, ``ad - bc`` (ED degree 2 for ``Q = I`` by Eckart–Young,
  6 for a generic ``Q``);
* ``lightning``: the single-head "lightning" self-attention hypersurface in ``C^6`` of the source, ED degree 14
  for almost all positive definite ``Q``.

Neuromanifold equations: a linear network's neuromanifold is cut out by the ``(r+1)``-minors of the matrix
(``r = min d_i``); a shallow network ``[2, m, 1]`` with ``s(t) = t^d`` parametrises the ``m``-th secant variety of
the rational normal curve of degree ``d``, cut out by the ``(m+1)``-minors of the catalecticant (Hankel) matrix
``H_ij = a_{i+j}``, ``0 <= i <= m``, ``0 <= j <= d - m`` of the form ``sum_i C(d, i) a_i x^{d-i} y^i`` when
``2m < d + 1`` (Kanev 1999); otherwise it fills its ambient space (``NotSupported`` says so).
"""

from __future__ import annotations

from math import comb

import sympy

from ..errors import InvalidInput, NotSupported
from .critical import _minors
from ..arch.polynomial.network import LinearNet, PolynomialNet


def named_variety(name: str) -> tuple[list[sympy.Expr], tuple[sympy.Symbol, ...]]:
    """The equations and variables of a named variety (``circle``, ``cusp``, ``rank1``, ``lightning``).

    Parameters
    ----------
    name
        ``circle``, ``cusp``, ``rank1`` or ``lightning``.

    Returns
    -------
    tuple
        The equations and the variables.

    Raises
    ------
    InvalidInput
        For an unknown name.

    Examples
    --------
    >>> named_variety("circle")
    ([x**2 + y**2 - 1], (x, y))
    """
    if name == "circle":
        x, y = sympy.symbols("x y")
        return [x ** 2 + y ** 2 - 1], (x, y)
    if name == "cusp":
        x, y = sympy.symbols("x y")
        return [y ** 2 - x ** 3], (x, y)
    if name == "rank1":
        a, b, c, d = sympy.symbols("a b c d")
        return [a * d - b * c], (a, b, c, d)
    if name == "lightning":
        y = sympy.symbols("y1:7")
        y1, y2, y3, y4, y5, y6 = y
        f = (y1 ** 2 * y6 ** 2 + y4 ** 2 * y3 ** 2 + y1 * y3 * y5 ** 2 + y2 ** 2 * y4 * y6 - 2 * y1 * y4 * y3 * y6
             - y2 * y1 * y6 * y5 - y2 * y4 * y3 * y5)
        return [f], y
    raise InvalidInput(f"unknown variety {name!r}; known: {', '.join(NAMED)}")


NAMED = ("circle", "cusp", "rank1", "lightning")


def neuromanifold_equations(net) -> tuple[list[sympy.Expr], tuple[sympy.Symbol, ...]]:
    """Equations of the Zariski closure of the neuromanifold in its coefficient coordinates ``c0, c1, ...`` (the
    order of ``net.coefficients``).

    Parameters
    ----------
    net
        A polynomial, linear or locally connected network.

    Returns
    -------
    tuple
        The equations and the coefficient variables ``c0, c1, ...``.

    Raises
    ------
    NotSupported
        When the neuromanifold fills its ambient space (no equations; the ED degree is 1) or no equations are known
        here.

    Examples
    --------
    >>> eqs, c = neuromanifold_equations(LinearNet((2, 1, 2)))
    >>> eqs
    [c0*c3 - c1*c2]
    """
    K = net.ambient_dimension
    c = sympy.symbols(f"c0:{K}")
    if isinstance(net, LinearNet):
        m, n, r = net.widths[-1], net.widths[0], min(net.widths)
        if r >= min(m, n):
            raise NotSupported(f"{net.spec} fills its ambient space (every {m} x {n} matrix); the ED degree is 1")
        M = sympy.Matrix(m, n, c)
        return _minors(M, r + 1), c
    if isinstance(net, PolynomialNet) and len(net.widths) == 3 and net.widths[0] == 2 and net.widths[2] == 1:
        d, m = net.degree, net.widths[1]
        if 2 * m >= d + 1:
            raise NotSupported(f"{net.spec} fills the binary forms of degree {d}; the ED degree is 1")
        a = [c[i] / comb(d, i) for i in range(d + 1)]
        H = sympy.Matrix(m + 1, d - m + 1, lambda i, j: a[i + j])
        return [sympy.expand(e * sympy.lcm([comb(d, i) for i in range(d + 1)]) ** (m + 1))
                for e in _minors(H, m + 1)], c
    raise NotSupported(f"no implicit equations of the neuromanifold of {net.spec} are implemented; pass "
                       "--equations")
