"""Exact linear algebra over Z and Q.

Every exact answer in weightspace is decided here, in Python integers, ``fractions.Fraction`` and
python-flint matrices (``fmpz_mat`` / ``fmpq_mat``). Floats never enter these functions.
"""

from __future__ import annotations

from fractions import Fraction
from functools import reduce
from math import gcd, lcm
from typing import Iterable, Sequence

import flint

from .errors import InvalidInput

Rational = int | Fraction
IntVector = tuple[int, ...]


def to_fraction(value: object) -> Fraction:
    """Parse an exact rational number from an int, a Fraction or a string such as ``"3/4"`` or ``"-2"``.

    Floats are accepted only when the binary value is the decimal they print as (``0.5``, ``3.0``); ``0.1`` is
    refused, because the float is not 1/10. Strings such as ``"0.1"`` are read as the decimal they spell.

    Parameters
    ----------
    value
        An int, a Fraction, or a string ``p``, ``p/q`` or a decimal.

    Returns
    -------
    Fraction
        The exact value.

    Raises
    ------
    InvalidInput
        For a value that is not a finite rational number, or a float that is not exactly the decimal it prints.

    Examples
    --------
    >>> to_fraction("3/4"), to_fraction(2), to_fraction("0.25")
    (Fraction(3, 4), Fraction(2, 1), Fraction(1, 4))
    """
    if isinstance(value, bool):
        raise InvalidInput(f"not a number: {value!r}")
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise InvalidInput(f"not a finite number: {value!r}")
        exact = Fraction(value)
        if exact != Fraction(repr(value)):
            raise InvalidInput(f"the float {value!r} is not exactly {repr(value)} in binary (it is {exact}); pass "
                               f"the string {repr(value)!r} or a Fraction")
        return exact
    if isinstance(value, str):
        text = value.strip()
        mantissa, _, exponent = text.lower().partition("e")
        if len(text) > 10_000 or (exponent and len(exponent.lstrip("+-")) > 4):
            raise InvalidInput(f"the number {text[:30]!r}{'...' if len(text) > 30 else ''} is too long to read "
                               f"(at most 10,000 characters and an exponent below 10^4)")
        try:
            return Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise InvalidInput(f"not a rational number: {value!r}") from None
    try:  # numpy integers and flint rationals
        return Fraction(int(value)) if int(value) == value else Fraction(str(value))  # type: ignore[call-overload]
    except Exception:
        raise InvalidInput(f"not a rational number: {value!r}") from None


def primitive(vector: Sequence[Rational]) -> IntVector:
    """The primitive integer vector on the same ray: clear denominators, divide by the gcd.

    The direction (sign) is preserved. The zero vector is returned unchanged.

    Parameters
    ----------
    vector
        Rational entries, not all zero.

    Returns
    -------
    tuple of int
        The primitive integer vector (entries with gcd 1) on the same ray.

    Examples
    --------
    >>> primitive([Fraction(1, 2), 1, Fraction(-3, 2)])
    (1, 2, -3)
    """
    if all(type(v) is int for v in vector):          # the hot path of polytope cuts: no Fractions needed
        ints = list(vector)
    else:
        fracs = [Fraction(v) for v in vector]
        denominator = reduce(lcm, (f.denominator for f in fracs), 1)
        ints = [int(f * denominator) for f in fracs]
    g = reduce(gcd, ints, 0)
    if g == 0:
        return tuple(ints)
    return tuple(v // g for v in ints)


def canonical_line(vector: Sequence[int]) -> tuple[IntVector, int]:
    """Primitive representative of the line through ``vector`` with first nonzero entry positive.

    Returns ``(representative, orientation)`` with ``vector`` a positive multiple of
    ``orientation * representative``.

    Parameters
    ----------
    vector
        Integer entries, not all zero.

    Returns
    -------
    tuple
        The representative and the sign (``1`` or ``-1``) that takes ``vector``'s ray to it.

    Raises
    ------
    InvalidInput
        For the zero vector.

    Examples
    --------
    >>> canonical_line((0, -2, 4))
    ((0, 1, -2), -1)
    """
    p = primitive(vector)
    for v in p:
        if v != 0:
            return (p, 1) if v > 0 else (tuple(-x for x in p), -1)
    raise InvalidInput("the zero vector does not span a line")


def dot(u: Sequence[Rational], v: Sequence[Rational]) -> Rational:
    """Exact dot product.

    Parameters
    ----------
    u
        A vector of rationals.
    v
        A vector of rationals of the same length.

    Returns
    -------
    Rational
        ``sum u_i v_i``.
    """
    return sum(a * b for a, b in zip(u, v))


def rank(rows: Sequence[Sequence[Rational]]) -> int:
    """Rank over Q of a matrix given by rows (flint ``fmpq_mat``).

    Parameters
    ----------
    rows
        The matrix, by rows.

    Returns
    -------
    int
        Its rank over Q.

    Examples
    --------
    >>> rank([(1, 2, 3), (2, 4, 6), (0, 1, 1)])
    2
    """
    rows = [list(r) for r in rows]
    if not rows or not rows[0]:
        return 0
    return flint.fmpq_mat([[flint.fmpq(Fraction(x).numerator, Fraction(x).denominator) for x in r]
                           for r in rows]).rank()


def integer_kernel(rows: Sequence[Sequence[int]], dimension: int) -> list[IntVector]:
    """An integer basis (primitive columns) of the kernel ``{x in Q^d : r . x = 0 for every row r}``.

    ``rows`` must be integer vectors of length ``dimension``. With no rows the kernel is all of ``Q^d`` and the
    standard basis is returned.

    Parameters
    ----------
    rows
        Integer rows.
    dimension
        The number of columns ``d``.

    Returns
    -------
    list of tuple of int
        A basis of the kernel, each vector primitive.

    Examples
    --------
    >>> integer_kernel([(1, 1, 0)], 3)
    [(1, -1, 0), (0, 0, -1)]
    """
    rows = [list(r) for r in rows if any(r)]
    if not rows:
        return [tuple(1 if i == j else 0 for i in range(dimension)) for j in range(dimension)]
    matrix = flint.fmpz_mat(rows)
    basis, nullity = matrix.nullspace()
    columns = []
    for j in range(nullity):
        column = [int(basis[i, j]) for i in range(dimension)]
        columns.append(primitive(column))
    return columns


def solve_particular(rows: Sequence[Sequence[Rational]], rhs: Sequence[Rational]) -> tuple[Fraction, ...] | None:
    """One rational solution of ``rows . x = rhs``, or ``None`` when the system is inconsistent.

    Parameters
    ----------
    rows
        The matrix, by rows.
    rhs
        The right-hand side.

    Returns
    -------
    tuple of Fraction or None
        One solution, or ``None``.
    """
    m = len(rows)
    if m == 0:
        return ()
    d = len(rows[0])
    augmented = flint.fmpq_mat([[flint.fmpq(Fraction(x).numerator, Fraction(x).denominator) for x in list(r) + [b]]
                                for r, b in zip(rows, rhs)])
    reduced, rk = augmented.rref()
    solution = [Fraction(0)] * d
    for i in range(rk):
        pivot = next(j for j in range(d + 1) if reduced[i, j] != 0)
        if pivot == d:
            return None
        value = reduced[i, d]
        solution[pivot] = Fraction(int(value.p), int(value.q))
    return tuple(solution)


def matvec(columns: Sequence[Sequence[int]], coefficients: Sequence[int]) -> list[int]:
    """``B y`` for the matrix ``B`` given by its columns.

    Parameters
    ----------
    columns
        The columns of ``B``.
    coefficients
        The vector ``y``.

    Returns
    -------
    list of int
        ``B y``.
    """
    if not columns:
        return []
    out = [0] * len(columns[0])
    for column, c in zip(columns, coefficients):
        if c:
            for i, b in enumerate(column):
                if b:
                    out[i] += b * c
    return out


def vecmat(vector: Sequence[int], columns: Sequence[Sequence[int]]) -> list[int]:
    """``v B`` for the matrix ``B`` given by its columns: the coordinates of ``v`` restricted to ``span B``.

    Parameters
    ----------
    vector
        The vector ``v``.
    columns
        The columns of ``B``.

    Returns
    -------
    list of int
        ``v B``.
    """
    return [sum(a * b for a, b in zip(vector, column)) for column in columns]


def common_denominator(values: Iterable[Rational]) -> int:
    """Least common multiple of the denominators.

    Parameters
    ----------
    values
        Rationals.

    Returns
    -------
    int
        The least common multiple of their denominators (1 for none).
    """
    return reduce(lcm, (Fraction(v).denominator for v in values), 1)


def set_bits(mask: int) -> list[int]:
    """Positions of the set bits of a non-negative integer, ascending (a set of indices stored as a mask).

    Parameters
    ----------
    mask
        A non-negative integer.

    Returns
    -------
    list of int
        The positions of its set bits.

    Examples
    --------
    >>> set_bits(0b1011)
    [0, 1, 3]
    """
    out, i = [], 0
    while mask:
        if mask & 1:
            out.append(i)
        mask >>= 1
        i += 1
    return out
