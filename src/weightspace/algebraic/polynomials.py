"""Polynomials as weightspace reads and writes them: parsing with exact rational coefficients, monomial bases
(the Veronese coordinates of homogeneous polynomials) and coefficient vectors.

A homogeneous polynomial of degree ``D`` in ``n`` variables is the vector of its coefficients on the monomials of
degree ``D`` listed in lexicographic order of exponents, largest first (``x^3, x^2 y, x y^2, y^3`` for binary
cubics); there are ``C(n + D - 1, D)`` of them. This is the ambient space of a neuromanifold.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

import sympy

from ..errors import InvalidInput
from .polynomial_parser import read_polynomial

def symbols(names: Sequence[str] | str) -> tuple[sympy.Symbol, ...]:
    """Sympy symbols for the variable names ``names`` (a list or a comma-separated string).

    Parameters
    ----------
    names
        Variable names.

    Returns
    -------
    tuple of sympy.Symbol
        The symbols.

    Raises
    ------
    InvalidInput
        When a name is not an identifier or appears twice.

    Examples
    --------
    >>> symbols("x,y")
    (x, y)
    """
    if isinstance(names, str):
        names = [n.strip() for n in names.split(",") if n.strip()]
    names = list(names)
    if not names:
        raise InvalidInput("give at least one variable name")
    for name in names:
        if not name.isidentifier():
            raise InvalidInput(f"{name!r} is not a variable name")
    if len(set(names)) != len(names):
        raise InvalidInput("variable names must be distinct")
    return tuple(sympy.Symbol(n) for n in names)


def parse_polynomial(text: str, variables: Sequence[sympy.Symbol]) -> sympy.Expr:
    """The polynomial written in ``text`` (``^`` or ``**`` for powers, ``2x`` allowed), with exact rational
    coefficients (decimals become the fractions they denote). The text is read by the grammar of
    [`weightspace.algebraic.polynomial_parser`][weightspace.algebraic.polynomial_parser], never evaluated.

    Parameters
    ----------
    text
        The polynomial as written.
    variables
        The variables it may use.

    Returns
    -------
    sympy.Expr
        The polynomial.

    Raises
    ------
    InvalidInput
        When ``text`` does not parse, names a variable not in ``variables``, or is not a polynomial.
    TooLarge
        When its degree, terms or coefficients are beyond the parser's limits.

    Examples
    --------
    >>> x, y = symbols("x,y")
    >>> parse_polynomial("x^2 + 0.5 y^2 - 1", (x, y))
    x**2 + y**2/2 - 1
    """
    names = [str(v) for v in variables]
    terms = read_polynomial(text, names)
    if not terms:
        return sympy.Integer(0)
    poly = sympy.Poly.from_dict({e: sympy.Rational(c.numerator, c.denominator) for e, c in terms.items()},
                                *variables, domain="QQ")
    return poly.as_expr()


def monomials(n: int, degree: int) -> list[tuple[int, ...]]:
    """Exponent vectors of the monomials of degree ``degree`` in ``n`` variables, lexicographically largest first.

    Parameters
    ----------
    n
        Number of variables.
    degree
        The degree.

    Returns
    -------
    list of tuple
        The exponent vectors.

    Examples
    --------
    >>> monomials(2, 3)
    [(3, 0), (2, 1), (1, 2), (0, 3)]
    """
    if n == 0:
        return [()] if degree == 0 else []
    if n == 1:
        return [(degree,)]
    return [(first,) + rest for first in range(degree, -1, -1) for rest in monomials(n - 1, degree - first)]


def coefficient_vector(polynomial: sympy.Expr, variables: Sequence[sympy.Symbol], degree: int) -> tuple[Fraction, ...]:
    """The coefficients of a homogeneous polynomial on [`monomials(n, degree)`][weightspace.algebraic.polynomials.monomials].

    Parameters
    ----------
    polynomial
        A homogeneous polynomial.
    variables
        Its variables.
    degree
        Its degree.

    Returns
    -------
    tuple of Fraction
        The coefficients.

    Raises
    ------
    InvalidInput
        When the polynomial is not homogeneous of degree ``degree``.

    Examples
    --------
    >>> x, y = symbols("x,y")
    >>> coefficient_vector(x**3 - x*y**2, (x, y), 3)
    (Fraction(1, 1), Fraction(0, 1), Fraction(-1, 1), Fraction(0, 1))
    """
    poly = sympy.Poly(polynomial, *variables, domain="QQ")
    terms = dict(poly.terms())
    basis = monomials(len(variables), degree)
    stray = [m for m in terms if sum(m) != degree]
    if stray and not poly.is_zero:
        raise InvalidInput(f"{polynomial} is not homogeneous of degree {degree}")
    return tuple(Fraction(int(terms[m].p), int(terms[m].q)) if m in terms else Fraction(0) for m in basis)


def from_coefficients(coefficients: Sequence, variables: Sequence[sympy.Symbol], degree: int) -> sympy.Expr:
    """The homogeneous polynomial with the given coefficient vector (inverse of
    [`coefficient_vector`][weightspace.algebraic.polynomials.coefficient_vector]).

    Parameters
    ----------
    coefficients
        The coefficient vector.
    variables
        The variables.
    degree
        The degree.

    Returns
    -------
    sympy.Expr
        The polynomial.

    Examples
    --------
    >>> x, y = symbols("x,y")
    >>> from_coefficients([1, 0, -1, 0], (x, y), 3)
    x**3 - x*y**2
    """
    total = sympy.Integer(0)
    for c, exponents in zip(coefficients, monomials(len(variables), degree)):
        c = sympy.Rational(Fraction(c).numerator, Fraction(c).denominator)
        total += c * sympy.Mul(*(v ** e for v, e in zip(variables, exponents)))
    return sympy.expand(total)


def integer_polynomial(expression: sympy.Expr, variables: Sequence[sympy.Symbol]) -> sympy.Poly:
    """``expression`` times the least common denominator of its coefficients, as a ``Poly`` over ZZ (the same
    zero set, and the form a prime-field computation needs).

    Parameters
    ----------
    expression
        A polynomial with rational coefficients.
    variables
        Its variables.

    Returns
    -------
    sympy.Poly
        The scaled polynomial over ZZ.
    """
    poly = sympy.Poly(expression, *variables, domain="QQ")
    _, integral = poly.clear_denoms(convert=True)
    return integral
