"""Cost estimates before an enumeration: the most chambers an arrangement of its size can have, checked against a
limit before any work starts."""

from __future__ import annotations

from ..budget import DEFAULT_BUDGET
from .arrangement import Arrangement, hyperplane_classes


def general_position_bound(hyperplanes: int, dimension: int, central: bool = True) -> int:
    """The most chambers ``m`` hyperplanes in ``R^d`` can have (reached in general position).

    Central: ``2 sum_{k<d} C(m-1, k)``; affine: ``sum_{k<=d} C(m, k)`` (Buck 1943, Zaslavsky 1975). Used as a
    cost estimate before an enumeration starts.

    Parameters
    ----------
    hyperplanes
        Number of distinct hyperplanes ``m``.
    dimension
        The dimension ``d`` (the rank, for a central arrangement).
    central
        Whether the hyperplanes pass through one point.

    Returns
    -------
    int
        The bound.

    Examples
    --------
    >>> general_position_bound(4, 3), general_position_bound(3, 2, central=False)
    (14, 7)
    """
    from math import comb
    if central:
        if hyperplanes == 0:
            return 1
        return 2 * sum(comb(hyperplanes - 1, k) for k in range(dimension))
    return sum(comb(hyperplanes, k) for k in range(dimension + 1))


def check_size(A: Arrangement, what: str, limit: int = DEFAULT_BUDGET.max_chambers) -> None:
    """Raise [`TooLarge`][weightspace.errors.TooLarge] when the general-position bound exceeds ``limit`` chambers
    (by default the [`Budget`][weightspace.budget.Budget]'s ``max_chambers``).

    Parameters
    ----------
    A
        The arrangement.
    what
        The method, named in the message.
    limit
        The most chambers allowed.

    Raises
    ------
    TooLarge
        When ``general_position_bound`` for the distinct hyperplanes exceeds ``limit``; the message carries the bound.
    """
    from ..errors import TooLarge
    distinct = len(hyperplane_classes(A.normals)[0]) if A.is_linear else len(set(zip(A.normals, A.offsets)))
    bound = general_position_bound(distinct, A.rank if A.is_linear else A.dimension, A.is_linear)
    if bound > limit:
        raise TooLarge(f"{what}: {len(A)} hyperplanes in dimension {A.dimension} are beyond this method",
                       f"up to {bound:.2e} chambers (general-position bound); limit {limit:.0e}")


__all__ = ["general_position_bound", "check_size"]
