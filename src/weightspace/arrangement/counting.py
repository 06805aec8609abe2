"""Counting the chambers of an arrangement by two independent routes, with the method named in the answer."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from ..budget import DEFAULT_BUDGET, Budget
from ..errors import InvalidInput
from .arrangement import Arrangement
from .chambers import count_chambers
from .lattice import characteristic_polynomial, region_counts
from .size import check_size


@dataclass(frozen=True)
class CountResult:
    """An exact count with the method that produced it and the wall-clock seconds it took.

    ``subject`` says what was counted (JSON keys such as ``inputs``, ``domain``), ``noun`` names it in text.
    """

    count: int
    method: str
    seconds: float
    details: dict[str, Any] = field(default_factory=dict)
    subject: dict[str, Any] = field(default_factory=dict, compare=False)
    noun: str = "chambers"

    def to_dict(self) -> dict[str, Any]:
        return {"chambers": self.count, "method": self.method, "seconds": round(self.seconds, 4), **self.subject,
                **self.details}

    def lines(self) -> list[str]:
        out = [f"{self.count} {self.noun}, by {self.method} in {self.seconds:.2f} s"]
        if "classes" in self.details:
            classes = self.details["classes"]
            out.append(f"classes under permuting and negating inputs: {classes['np']} (NP), {classes['npn']} "
                       "(NPN, also negating the output)")
        return out


def count_arrangement_chambers(A: Arrangement, method: str = "enumeration",
                               progress: Callable[[int, int], None] | None = None,
                               budget: Budget = DEFAULT_BUDGET) -> CountResult:
    """Chambers of ``A`` by ``enumeration`` (deletion-restriction with interior points) or ``charpoly``
    (Zaslavsky: ``(-1)^d chi_A(-1)``): two independent exact routes.

    Parameters
    ----------
    A
        The arrangement.
    method
        ``enumeration`` or ``charpoly``.
    progress
        Called with ``(done, total)`` as the work goes on.
    budget
        Size limits checked before the work starts.

    Returns
    -------
    CountResult
        The number of chambers and the method that produced it.

    Raises
    ------
    InvalidInput
        For an unknown ``method``.
    TooLarge
        When enumeration would list more chambers than ``budget.max_chambers`` (general-position bound).

    Examples
    --------
    >>> from weightspace import library
    >>> [count_arrangement_chambers(library.braid(4), m).count for m in ("enumeration", "charpoly")]
    [24, 24]
    """
    start = time.perf_counter()
    if method in ("auto", "enumeration"):
        check_size(A, "chamber enumeration", limit=budget.max_chambers)
        count, used = count_chambers(A, progress), "enumeration"
    elif method == "charpoly":
        check_size(A, "the intersection lattice", limit=budget.max_chambers)
        count = region_counts(A, characteristic_polynomial(A, progress=progress)).chambers
        used = "charpoly"
    else:
        raise InvalidInput(f"unknown method {method!r} for an arrangement: use enumeration or charpoly")
    return CountResult(count, used, time.perf_counter() - start, {},
                       {"hyperplanes": len(A), "dimension": A.dimension}, "chambers")


__all__ = ["CountResult", "count_arrangement_chambers"]
