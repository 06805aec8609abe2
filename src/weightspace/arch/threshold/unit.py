"""A threshold unit ``x -> H(w . x + b)`` on a finite domain (``H(r) = 1`` iff ``r > 0``), as an
[`Architecture`][weightspace.arch.base.Architecture].

Parameter space is ``(w, b) in Q^(n+1)``; each input point ``x`` gives the hyperplane ``w . x + b = 0``
([`threshold_arrangement()`][weightspace.arch.threshold.unit.threshold_arrangement]). The set ``Par_f`` of parameters
computing ``f`` is a half-open convex cone; when nonempty it contains a chamber, because lowering ``b`` slightly keeps
``r > 0`` on the ones and makes ``r < 0`` on the zeros. Hence ``f`` is realisable iff the strict system ``s_x (x, 1) .
(w, b) > 0`` (``s_x = +1`` on ones, ``-1`` on zeros) is feasible, which
[`weightspace.lp.solve_signs()`][weightspace.lp.solve_signs] decides exactly: an integer witness, or a Gordan
certificate ``y >= 0`` with ``sum_{f(x)=1} y_x (x, 1) = sum_{f(x)=0} y_x (x, 1)`` and ``sum_{f(x)=1} y_x > 0``.
"""

from __future__ import annotations

from fractions import Fraction
from math import factorial
from typing import Any, Sequence

from ...arrangement import Arrangement
from ...arrangement.arrangement import check_arrangement_size
from ...booleans import parse_table
from ...domain import Domain, cube01, cubepm1
from ...budget import Budget
from ...capabilities import Declared
from ...errors import CertificationError, InvalidInput, NotSupported, TooLarge
from ..base import ParameterSpace, Realization, SignSystem, realize
from ...arrangement.graph_symmetry import GraphSymmetry
from .symmetry import CubeSymmetry

GORDAN_STATEMENT = ("sum over f(x)=1 of y_x (x,1) equals sum over f(x)=0 of y_x (x,1), with sum over f(x)=1 of "
                    "y_x > 0; applying (w,b) gives a positive number equal to a non-positive one")


def threshold_arrangement(n: int | None = None, domain: Domain | None = None) -> Arrangement:
    """The threshold arrangement of one unit on a domain: one hyperplane ``{(w, b) : w . x + b = 0}`` per point
    ``x`` (labelled by its index, the code on the cubes) in ``Q^(n+1)``; its chambers are the threshold functions.

    Parameters
    ----------
    n
        Number of inputs of ``{0,1}^n`` when no domain is given.
    domain
        The finite point set.

    Returns
    -------
    Arrangement
        One hyperplane per point in ``Q^(d+1)``.

    Examples
    --------
    >>> threshold_arrangement(2).normals
    ((0, 0, 1), (1, 0, 1), (0, 1, 1), (1, 1, 1))
    """
    if domain is None:
        check_arrangement_size(2 ** min(_need(n), 64), n + 1, f"the threshold arrangement of {n} inputs")
        domain = cube01(n)
    check_arrangement_size(len(domain), domain.dimension + 1, f"the threshold arrangement on {domain.name}")
    normals = [tuple(p) + (1,) for p in domain.points]
    return Arrangement.from_rational(normals, labels=list(range(len(domain))), dimension=domain.dimension + 1)


class ThresholdUnit(Declared):
    """One threshold unit on a finite domain (``cube01``, ``cubepm1`` or a set of rational points).

    Examples
    --------
    >>> unit = ThresholdUnit.on_cube(2)
    >>> unit.spec, unit.parameter_space.names, unit.evaluate((2, 2, -3))
    ('threshold:2', ('w1', 'w2', 'b'), (0, 0, 0, 1))
    """

    capabilities = frozenset({"evaluate", "sign_system", "arrangement", "symmetry_group", "count"})
    instead = {"symmetry_group": "only cube domains have the cube group (use --method lattice)",
               "factors": "it is a single unit"}

    def declared(self) -> frozenset[str]:
        """The cube group only on cube domains."""
        return self.capabilities if self.is_cube else self.capabilities - {"symmetry_group"}

    def __init__(self, domain: Domain):
        self.domain = domain
        names = [f"w{i + 1}" for i in range(domain.dimension)] + ["b"]
        self.parameter_space = ParameterSpace.free(names)

    @classmethod
    def on_cube(cls, n: int, cube: str = "cube01") -> "ThresholdUnit":
        """A unit on ``{0,1}^n`` (``cube01``) or ``{-1,1}^n`` (``cubepm1``).

        Raises
        ------
        InvalidInput
            For a cube name other than ``cube01`` or ``cubepm1``.
        """
        if cube not in ("cube01", "cubepm1"):
            raise InvalidInput(f"unknown cube {cube!r}: use cube01 or cubepm1")
        return cls(cube01(n) if cube == "cube01" else cubepm1(n))

    @property
    def spec(self) -> str:
        name = self.domain.name
        if name == "cube01":
            return f"threshold:{self.domain.dimension}"
        if name == "cubepm1":
            return f"threshold:{self.domain.dimension}:cubepm1"
        return name                                    # points:FILE

    @property
    def is_cube(self) -> bool:
        return self.domain.name in ("cube01", "cubepm1")

    # ---------------------------------------------------------------- the architecture protocol
    def parse_function(self, table: str | Sequence[int]) -> tuple[int, ...]:
        return parse_table(table, len(self.domain))

    def evaluate(self, parameters: Sequence) -> tuple[int, ...]:
        """The truth table of ``H(w . x + b)`` on the domain, in exact rational arithmetic."""
        *w, b = parameters
        return tuple(int(sum((Fraction(wi) * xi for wi, xi in zip(w, p)), Fraction(0)) + b > 0)
                     for p in self.domain.points)

    def witness_values(self, parameters: Sequence) -> dict[str, Any]:
        return {"w": list(parameters[:-1]), "b": parameters[-1]}

    def function_dict(self, table: tuple) -> dict[str, Any]:
        return {"table": "".join(map(str, table))}

    def sign_system(self, table: Sequence[int]) -> SignSystem:
        rows = tuple(tuple(p) + (Fraction(1),) for p in self.domain.points)
        return SignSystem(rows, tuple(1 if v else -1 for v in table), tuple(range(len(rows))))

    def certificate_values(self, table, system: SignSystem, multipliers: Sequence[int]) -> dict[str, Any]:
        combination = [Fraction(0)] * (self.domain.dimension + 1)
        for y, value, row in zip(multipliers, table, system.rows):
            if value and y:
                for j, c in enumerate(row):
                    combination[j] += y * c
        return {"multipliers": list(multipliers), "statement": GORDAN_STATEMENT, "combination": combination}

    def chamber_row(self, chamber) -> dict[str, Any]:
        """A chamber of the threshold arrangement as its threshold function and integer weights."""
        return {"table": "".join("1" if s > 0 else "0" for s in chamber.signs),
                "w": [int(x) for x in chamber.witness[:-1]], "b": int(chamber.witness[-1])}

    def describe_realization(self, result: Realization) -> list[str]:
        if result.realizable:
            return [f"realisable: H(w.x + b) with w = {result.witness.to_dict()['w']}, b = "
                    f"{result.witness.to_dict()['b']} (checked exactly)"]
        certificate = result.certificate.to_dict()
        return ["not realisable: certificate " + " ".join(map(str, certificate["multipliers"])) +
                f" (both sides sum to {certificate['combination']}; checked exactly)"]

    # ---------------------------------------------------------------- capabilities
    def arrangement(self) -> Arrangement:
        return threshold_arrangement(domain=self.domain)

    def symmetry_group(self, budget: Budget | None = None) -> GraphSymmetry | CubeSymmetry:
        """The ``2^n n!`` symmetries of the cube (permute and complement inputs), acting on the hyperplanes.

        From 6 inputs on they are the automorphisms of a coloured graph
        ([`GraphSymmetry.cube`][weightspace.arrangement.graph_symmetry.GraphSymmetry.cube]: orbits by nauty's
        canonical labelling), and below that, where it is as fast to enumerate,
        [`CubeSymmetry`][weightspace.arch.threshold.symmetry.CubeSymmetry] (each is a route of the other's tests).

        Raises
        ------
        NotSupported
            On a domain that is not a cube (a point set has no known symmetry group).
        TooLarge
            For more inputs than ``budget.max_symmetric_inputs`` (the group has ``2^n n!`` elements).
        """
        if not self.is_cube:
            raise NotSupported("the symmetric method uses the symmetries of the cube (--domain cube01 or cubepm1)")
        n = self.domain.dimension
        if budget is not None and n > budget.max_symmetric_inputs:
            raise TooLarge(f"the symmetric characteristic polynomial is supported up to n = "
                           f"{budget.max_symmetric_inputs}", f"{2 ** n} hyperplanes, a group of order "
                                                            f"{2 ** n * factorial(n)}")
        # below about 10^4 elements enumerating the group is as fast as a nauty call per flat (benchmarks/charpoly.py)
        return GraphSymmetry.cube(n) if n >= 6 else CubeSymmetry(n)

    def describe_arrangement(self) -> tuple[str, dict[str, Any]]:
        return (f"threshold arrangement on {self.domain.name}",
                {"inputs": self.domain.dimension, "domain": self.domain.name})


def realize_threshold(table: str | Sequence[int], domain: Domain | None = None, n: int | None = None) \
        -> Realization:
    """Decide exactly whether a threshold unit computes ``table`` on the domain; witness or certificate, verified.

    Parameters
    ----------
    table
        The function's values on the domain's points, in order (``"0001"`` or a sequence of 0/1).
    domain
        The finite point set; default ``{0,1}^n``.
    n
        Number of inputs of ``{0,1}^n`` when no domain is given.

    Returns
    -------
    Realization
        ``realizable`` with an exact integer witness ``(w, b)``, or not with exact multipliers certifying that
        none exists (Gordan's alternative).

    Examples
    --------
    >>> realize_threshold("0001", n=2).to_dict()["witness"]      # AND
    {'w': [2, 2], 'b': -3}
    >>> realize_threshold("0110", n=2).certificate.multipliers   # XOR
    [1, 1, 1, 1]
    """
    return realize(ThresholdUnit(domain or cube01(_need(n))), table)


def verify_threshold(result: Realization) -> bool:
    """Re-check a realisation in exact arithmetic: ``True`` when it holds, ``False`` when
    [`verify()`][weightspace.arch.base.Realization.verify] rejects it.

    Parameters
    ----------
    result
        A realisation returned by [`realize_threshold()`][weightspace.arch.threshold.unit.realize_threshold].

    Returns
    -------
    bool
        Whether the witness or certificate checks out in exact arithmetic.
    """
    try:
        return result.verify() is result
    except CertificationError:
        return False


def is_threshold(table: str | Sequence[int], domain: Domain | None = None, n: int | None = None) -> bool:
    """True when ``table`` is a threshold function on the domain (exact).

    Parameters
    ----------
    table
        The function's values on the domain's points, in order.
    domain
        The finite point set; default ``{0,1}^n``.
    n
        Number of inputs of ``{0,1}^n`` when no domain is given.

    Returns
    -------
    bool
        Whether some ``(w, b)`` computes ``table`` (decided exactly).
    """
    return realize_threshold(table, domain, n).realizable


def _need(n: int | None) -> int:
    if n is None:
        raise InvalidInput("give the number of inputs or a domain")
    return n


__all__ = ["ThresholdUnit", "threshold_arrangement", "realize_threshold", "verify_threshold", "is_threshold",
           "GORDAN_STATEMENT"]
