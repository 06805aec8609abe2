"""Certified enclosures: Arb balls of exact rationals, a scoped working precision, and exact containment.

Where an answer is transcendental (a solid angle, a sigmoid, a stationary law), weightspace reports an Arb ball
(python-flint's ``arb``): a midpoint and a radius such that the true value lies in ``[mid - rad, mid + rad]``. The
inputs stay exact rationals; they enter Arb here, and each computation fixes its working precision with
[`precision()`][weightspace.balls.precision] and restores the caller's afterwards.

Examples
--------
>>> from fractions import Fraction
>>> with precision(80):
...     third = to_arb(Fraction(1, 3))
>>> contains(third, Fraction(1, 3)), contains(third, Fraction(1, 4))
(True, False)
"""

from __future__ import annotations

from contextlib import contextmanager
from fractions import Fraction
from typing import Iterator

import flint


def to_arb(value: Fraction | int) -> flint.arb:
    """The ball of an exact rational at the current working precision.

    Parameters
    ----------
    value
        An int or Fraction.

    Returns
    -------
    flint.arb
        A ball containing ``value``.
    """
    value = Fraction(value)
    return flint.arb(flint.fmpq(value.numerator, value.denominator))


@contextmanager
def precision(bits: int) -> Iterator[None]:
    """Work at ``bits`` bits of Arb precision inside the ``with`` block, and restore the caller's precision after.

    Parameters
    ----------
    bits
        The working precision.

    Returns
    -------
    Iterator
        A context manager.
    """
    old = flint.ctx.prec
    flint.ctx.prec = bits
    try:
        yield
    finally:
        flint.ctx.prec = old


def contains(ball: flint.arb, value: Fraction | int) -> bool:
    """Whether the ball contains the rational ``value`` (the rational taken at a precision far finer than any
    answer's radius).

    Parameters
    ----------
    ball
        An Arb ball.
    value
        A rational number.

    Returns
    -------
    bool
        ``value`` lies in ``[mid - rad, mid + rad]``.
    """
    with precision(320):
        return bool(ball.contains(to_arb(value)))


__all__ = ["to_arb", "precision", "contains"]
