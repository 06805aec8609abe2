"""The characteristic polynomial of anything with the arrangement capability, by the intersection lattice or by one
flat per orbit of a symmetry group, with Zaslavsky's counts: the answer of ``weightspace charpoly``.

The object only needs ``arrangement()``, optionally ``symmetry_group(budget)`` (when it declares that capability,
[`weightspace.capabilities`][weightspace.capabilities]) and
``describe_arrangement() -> (name, subject)``; nothing here knows what a network is.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from ..budget import DEFAULT_BUDGET, Budget
from ..capabilities import declared_capabilities
from ..errors import InvalidInput
from .lattice import CharacteristicPolynomial, characteristic_polynomial, region_counts
from .size import check_size
from .symmetric import symmetric_characteristic_polynomial

CHARPOLY_METHODS = ("auto", "symmetric", "lattice")


@dataclass(frozen=True)
class CharpolyResult:
    """``chi_A(t)`` with Zaslavsky's counts and how they were computed."""

    polynomial: CharacteristicPolynomial
    chambers: int
    bounded_chambers: int
    dimension: int
    hyperplanes: int
    rank: int
    method: str
    seconds: float
    name: str
    subject: dict[str, Any] = field(default_factory=dict)
    statistics: dict[str, Any] = field(default_factory=dict)

    @property
    def distinct_hyperplanes(self) -> int:
        """``-`` the coefficient of ``t^(d-1)``: the number of distinct hyperplanes (Whitney)."""
        coefficients = self.polynomial.coefficients
        return -coefficients[1] if len(coefficients) > 1 else 0

    def to_dict(self) -> dict[str, Any]:
        chi = self.polynomial
        return {"coefficients": list(chi.coefficients), "chambers": self.chambers,
                "bounded_chambers": self.bounded_chambers, "betti_numbers": [abs(c) for c in chi.coefficients],
                "polynomial": str(chi), "dimension": self.dimension, "hyperplanes": self.hyperplanes,
                "distinct_hyperplanes": self.distinct_hyperplanes, "rank": self.rank,
                "seconds": round(self.seconds, 4), **self.subject, "method": self.method, **self.statistics}

    def lines(self) -> list[str]:
        distinct = "" if self.distinct_hyperplanes == self.hyperplanes else f" ({self.distinct_hyperplanes} distinct)"
        return [f"chi(t) = {self.polynomial}",
                f"{self.chambers} chambers, {self.bounded_chambers} bounded ({self.name}; {self.hyperplanes} "
                f"hyperplanes{distinct} in dimension {self.dimension}; {self.method}; {self.seconds:.2f} s)"]


def describe_arrangement(obj: Any) -> tuple[str, dict[str, Any]]:
    """``(name, JSON keys)`` naming the arrangement of ``obj`` in reports (its spec when it says nothing).

    Parameters
    ----------
    obj
        An object with an arrangement (an architecture or a named arrangement).

    Returns
    -------
    tuple
        The name to print and the JSON keys that describe the subject.
    """
    describe = getattr(obj, "describe_arrangement", None)
    return describe() if describe is not None else (obj.spec, {"spec": obj.spec})


def charpoly_of(obj: Any, method: str = "auto", budget: Budget = DEFAULT_BUDGET,
                progress: Callable[[int, int], None] | None = None,
                checkpoint: str | Path | None = None) -> CharpolyResult:
    """``chi`` of ``obj.arrangement()``: ``symmetric`` (one flat per orbit of ``obj.symmetry_group()``; ``auto``
    takes it when a group is known) or ``lattice`` (every flat).

    Parameters
    ----------
    obj
        An object declaring the ``arrangement`` capability (and ``symmetry_group`` for the symmetric route).
    method
        ``auto``, ``symmetric`` or ``lattice``.
    budget
        Size limits checked before the work starts.
    progress
        Called with ``(done, total)`` as the work goes on.
    checkpoint
        A JSON file for the symmetric route: each finished rank is saved there and a rerun resumes after it.

    Returns
    -------
    CharpolyResult
        ``chi``, the chambers and bounded chambers, the route used and its statistics.

    Raises
    ------
    InvalidInput
        For an unknown ``method``, or ``symmetric`` on an object with no known symmetry group.
    TooLarge
        When the symmetric route is asked beyond ``budget.max_symmetric_inputs`` inputs.

    Examples
    --------
    >>> from weightspace.specs import resolve
    >>> charpoly_of(resolve("threshold:2")).to_dict()["coefficients"]
    [1, -4, 6, -3]
    """
    if method not in CHARPOLY_METHODS:
        raise InvalidInput(f"unknown method {method!r}: use auto, symmetric or lattice")
    A = obj.arrangement()
    has_group = "symmetry_group" in declared_capabilities(obj)
    if method == "symmetric" and not has_group:
        raise InvalidInput(f"{obj.spec} has no known symmetry group for the symmetric method (use --method "
                           "lattice)")
    name, subject = describe_arrangement(obj)
    start = time.perf_counter()
    statistics: dict[str, Any] = {}
    if method != "lattice" and has_group:
        group = obj.symmetry_group(budget=budget)
        chi, stats = symmetric_characteristic_polynomial(A, group, progress, checkpoint)
        used = "symmetric-flats"
        statistics = {"orbits": stats["orbits"], "flats": stats["flats"], "group_order": stats["group_order"]}
    else:
        check_size(A, "the intersection lattice", limit=budget.max_chambers)
        chi = characteristic_polynomial(A, progress=progress)
        used = "intersection-lattice"
    counts = region_counts(A, chi)
    return CharpolyResult(chi, counts.chambers, counts.bounded_chambers, A.dimension, len(A), A.rank, used,
                          time.perf_counter() - start, name, subject, statistics)


__all__ = ["CharpolyResult", "charpoly_of", "describe_arrangement", "CHARPOLY_METHODS"]
