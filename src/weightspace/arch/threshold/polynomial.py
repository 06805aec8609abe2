"""Polynomial threshold units ``x -> H(p(x))``, ``p`` of degree at most ``D``, on ``{0,1}^N`` or ``{-1,1}^N``.

On the cube every polynomial agrees with a multilinear one, so ``p(x) = sum_{|S| <= D} c_S x^S`` with
``x^S = prod_{i in S} x_i`` and parameter space ``Q^m``, ``m = sum_{k <= D} C(N, k)`` (coordinates ``c_S``; ``c``
is ``c_{}``). Each input ``x`` gives the hyperplane ``{c : c . phi(x) = 0}`` with ``phi(x) = (x^S)_S`` (the degree-D
Veronese features of ``x``), so the realisable functions are the chambers of this arrangement (the constant
coefficient plays the role of the bias: lowering it pushes the zeros off their walls), and realisability of a table
is the strict sign problem of [`weightspace.lp`][weightspace.lp], decided exactly with an integer witness or a
Gordan certificate.

Degree 1 is the threshold unit. Degree ``N`` realises every Boolean function (the matrix ``(x^S)_(x, S)`` is
invertible, so every sign vector is a chamber). Degree ``N - 1`` misses exactly the parity functions ``x_1 xor ...
xor x_N`` and its complement: the coefficient of ``x^[N]`` in the Moebius expansion of ``p`` is ``sum_x (-1)^(N - |x|)
p(x)``, which a sign pattern of parity forces to be nonzero (Minsky and Papert 1969; Saks 1993, *Slicing the
hypercube*; Anthony 1995, *Classification by polynomial surfaces*).

Examples
--------
>>> unit = PolynomialThresholdUnit(2, 2)
>>> unit.spec, unit.parameter_space.names
('ptf:2:2', ('c', 'c1', 'c2', 'c12'))
>>> unit.evaluate((0, 1, 1, -2))          # x1 + x2 - 2 x1 x2 > 0: XOR
(0, 1, 1, 0)
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from math import comb
from typing import Any, Sequence

from ...arrangement import Arrangement
from ...booleans import parse_table
from ...capabilities import Declared
from ...domain import code_to_bits
from ...errors import InvalidInput
from ..base import ParameterSpace, Realization, SignSystem
from .unit import GORDAN_STATEMENT

MAX_PTF_INPUTS = 8


def monomials(n: int, degree: int) -> list[tuple[int, ...]]:
    """The subsets ``S`` of ``{0..n-1}`` with ``|S| <= degree``, by size then lexicographically.

    Parameters
    ----------
    n
        Number of inputs.
    degree
        The largest size.

    Returns
    -------
    list of tuple of int
        The index sets.

    Examples
    --------
    >>> monomials(3, 2)
    [(), (0,), (1,), (2,), (0, 1), (0, 2), (1, 2)]
    """
    return [S for k in range(degree + 1) for S in combinations(range(n), k)]


class PolynomialThresholdUnit(Declared):
    """``x -> H(sum_{|S| <= D} c_S x^S)`` on ``{0,1}^N`` (``cube01``) or ``{-1,1}^N`` (``cubepm1``)."""

    capabilities = frozenset({"evaluate", "sign_system", "arrangement", "count"})
    instead = {"symmetry_group": "use --method lattice or enumeration"}

    def __init__(self, n: int, degree: int, cube: str = "cube01"):
        if not 1 <= n <= MAX_PTF_INPUTS:
            raise InvalidInput(f"a polynomial threshold unit needs 1 to {MAX_PTF_INPUTS} inputs, got {n}")
        if not 1 <= degree <= n:
            raise InvalidInput(f"the degree must be between 1 and the number of inputs {n}, got {degree}")
        if cube not in ("cube01", "cubepm1"):
            raise InvalidInput(f"unknown cube {cube!r}: use cube01 or cubepm1")
        self.n, self.degree, self.cube = n, degree, cube
        self.sets = monomials(n, degree)
        names = ["c" + "".join(str(i + 1) for i in S) for S in self.sets]
        self.parameter_space = ParameterSpace.free(names)

    @property
    def spec(self) -> str:
        return f"ptf:{self.n}:{self.degree}" + (":cubepm1" if self.cube == "cubepm1" else "")

    def point(self, code: int) -> tuple[int, ...]:
        """The input with this code (``x_1`` the least significant bit), in the unit's cube."""
        bits = code_to_bits(code, self.n)
        return bits if self.cube == "cube01" else tuple(2 * b - 1 for b in bits)

    def features(self, code: int) -> tuple[int, ...]:
        """``phi(x) = (x^S)_S`` for the input with this code."""
        x = self.point(code)
        out = []
        for S in self.sets:
            value = 1
            for i in S:
                value *= x[i]
            out.append(value)
        return tuple(out)

    # ---------------------------------------------------------------- the architecture protocol
    def parse_function(self, table: str | Sequence[int]) -> tuple[int, ...]:
        return parse_table(table, 2 ** self.n)

    def evaluate(self, parameters: Sequence) -> tuple[int, ...]:
        """The truth table of ``H(c . phi(x))``, exactly."""
        return tuple(int(sum((Fraction(c) * f for c, f in zip(parameters, self.features(x))), Fraction(0)) > 0)
                     for x in range(2 ** self.n))

    def witness_values(self, parameters: Sequence) -> dict[str, Any]:
        return {"coefficients": dict(zip(self.parameter_space.names, parameters))}

    def function_dict(self, table: tuple) -> dict[str, Any]:
        return {"table": "".join(map(str, table))}

    def sign_system(self, table: Sequence[int]) -> SignSystem:
        rows = tuple(self.features(x) for x in range(2 ** self.n))
        return SignSystem(rows, tuple(1 if v else -1 for v in table), tuple(range(len(rows))))

    def certificate_values(self, table, system: SignSystem, multipliers: Sequence[int]) -> dict[str, Any]:
        return {"multipliers": list(multipliers), "statement": GORDAN_STATEMENT.replace("(x,1)", "phi(x)")}

    def chamber_row(self, chamber) -> dict[str, Any]:
        return {"table": "".join("1" if s > 0 else "0" for s in chamber.signs),
                "coefficients": [int(x) for x in chamber.witness]}

    def describe_realization(self, result: Realization) -> list[str]:
        if result.realizable:
            terms = []
            for S, v in zip(self.sets, result.witness.to_dict()["coefficients"].values()):
                if v:
                    monomial = "".join(f"x{i + 1}" for i in S)
                    terms.append(f"{'-' if v < 0 else '+'} {abs(v) if abs(v) != 1 or not S else ''}{monomial}")
            text = " ".join(terms)
            text = text[2:] if text.startswith("+ ") else "-" + text[2:] if text else "0"
            return [f"realisable: H({text}) (checked exactly)"]
        return ["not realisable at degree " + str(self.degree) + ": certificate " +
                " ".join(map(str, result.certificate.to_dict()["multipliers"])) + " (checked exactly)"]

    # ---------------------------------------------------------------- capabilities
    def arrangement(self) -> Arrangement:
        """One hyperplane ``c . phi(x) = 0`` per input (labelled by its code) in ``Q^m``."""
        return Arrangement.from_rational([self.features(x) for x in range(2 ** self.n)],
                                         labels=list(range(2 ** self.n)), dimension=len(self.sets))

    def describe_arrangement(self) -> tuple[str, dict[str, Any]]:
        return (f"polynomial threshold unit of degree {self.degree}",
                {"inputs": self.n, "degree": self.degree, "coefficients": len(self.sets),
                 "domain": self.cube})


def coefficient_count(n: int, degree: int) -> int:
    """``m = sum_{k <= degree} C(n, k)``, the dimension of parameter space.

    Parameters
    ----------
    n
        Number of inputs.
    degree
        The degree.

    Returns
    -------
    int
        The number of coefficients.

    Examples
    --------
    >>> coefficient_count(4, 2)
    11
    """
    return sum(comb(n, k) for k in range(degree + 1))


__all__ = ["MAX_PTF_INPUTS", "PolynomialThresholdUnit", "monomials", "coefficient_count"]
