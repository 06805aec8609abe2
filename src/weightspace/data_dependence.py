"""How much of ``Sigma_T[Par_A]`` is fixed by the data rather than by the architecture.

For a threshold unit ``x -> H(w . x + b)`` on ``m`` points of ``R^d`` the parameter space ``Q^(d+1)`` is cut by the
``m`` hyperplanes ``(x_i, 1)^perp`` (one-hidden-layer ReLU networks on the same data cut first-layer parameter space by
one copy per unit, [`weightspace.arch.relu.data`][weightspace.arch.relu.data]). Its chambers are the dichotomies of
the data that a threshold unit realises. Cover (1965): for points in general position (every ``d + 1`` of the vectors
``(x_i, 1)`` independent) their number is ``C(m, d + 1) = 2 sum_{k <= d} C(m - 1, k)``, whatever the points; the
intersection lattice is then that of ``m`` generic vectors in ``Q^(d+1)`` for every generic data set, but the face
poset (the oriented matroid, the *order type* of the points) can differ. Special data (the cube, points on a moment
curve, collinear or repeated points) changes the lattice, the count, or both.

[`data_dependence()`][weightspace.data_dependence.data_dependence] computes, for standard data sets of ``m`` points
in ``R^d``: general position (exactly), the chamber count (by enumeration, checked against Zaslavsky), Cover's count,
the VC dimension of threshold units on the data (the largest subset on which every dichotomy is realised, read off
the chambers), whether the lattice and the face poset are isomorphic to those of a reference generic data set, and
the activation patterns of a ReLU hidden layer of width 2 on the same data (Zaslavsky on the product arrangement; the
tests check it is the square of the chamber count).

Examples
--------
>>> cover_count(4, 2), cover_count(6, 2)
(14, 32)
>>> rows = {r.name: r for r in data_dependence(6, 2, seed=1)}
>>> rows["moment curve"].chambers, rows["moment curve"].cover, rows["collinear"].chambers
(32, 32, 12)
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from itertools import combinations
from math import comb
from typing import Sequence

import numpy as np

from .arrangement import Arrangement
from .errors import InvalidInput, TooLarge
from .exact import rank


def cover_count(m: int, d: int) -> int:
    """Cover's function-counting theorem: dichotomies of ``m`` points in general position in ``R^d`` realised by
    affine threshold units, ``2 sum_{k <= d} C(m - 1, k)``.

    Parameters
    ----------
    m
        Number of points.
    d
        The dimension.

    Returns
    -------
    int
        The number of dichotomies.
    """
    return 2 * sum(comb(m - 1, k) for k in range(d + 1))


def in_general_position(points: Sequence[Sequence[Fraction]]) -> bool:
    """Whether every ``min(m, d + 1)`` of the vectors ``(x_i, 1)`` are linearly independent (exact ranks).

    Parameters
    ----------
    points
        The points.

    Returns
    -------
    bool
        Whether they are in general position.
    """
    vectors = [tuple(p) + (Fraction(1),) for p in points]
    if len(set(vectors)) < len(vectors):
        return False
    k = min(len(vectors), len(vectors[0]))
    return all(rank(subset) == k for subset in combinations(vectors, k))


def threshold_on(points: Sequence[Sequence[Fraction]], units: int = 1) -> Arrangement:
    """The threshold arrangement of a list of points (repeated points give repeated hyperplanes); with ``units > 1``
    the activation arrangement of a hidden layer of that width
    ([`activation_arrangement()`][weightspace.arch.relu.data.activation_arrangement]).

    Parameters
    ----------
    points
        The points.
    units
        The width of the hidden layer.

    Returns
    -------
    Arrangement
        The arrangement in parameter space.
    """
    from .arch.relu.data import activation_arrangement
    return activation_arrangement(points, units)


def vc_dimension(signs: list[tuple[int, ...]]) -> int:
    """The largest ``k`` such that some ``k`` coordinates show all ``2^k`` patterns among ``signs`` (the chambers'
    sign vectors): the VC dimension of the class on the data.

    Parameters
    ----------
    signs
        The chambers' sign vectors.

    Returns
    -------
    int
        The VC dimension.
    """
    m = len(signs[0]) if signs else 0
    best = 0
    for k in range(1, m + 1):
        if any(len({tuple(s[i] for i in subset) for s in signs}) == 2 ** k for subset in combinations(range(m), k)):
            best = k
        else:
            break
    return best


@dataclass(frozen=True)
class DataRow:
    """One data set: its size and dimension, general position, chambers (exact, two routes), Cover's count, VC
    dimension, and isomorphism with the reference generic data set (lattice and face poset)."""

    name: str
    points: int
    dimension: int
    general_position: bool
    chambers: int
    chambers_by_charpoly: int
    cover: int
    vc_dimension: int
    same_lattice_as_generic: bool
    same_face_poset_as_generic: bool
    relu_width2_patterns: int = 0

    def to_dict(self) -> dict:
        return asdict(self)


def standard_data(m: int, d: int, seed: int = 0) -> dict[str, list[tuple[Fraction, ...]]]:
    """Named data sets of ``m`` points in ``R^d``: two generic ones (random integers, general position checked),
    the moment curve ``(t, t^2, ..., t^d)``, points on a line (collinear), and a set with a repeated point.

    Parameters
    ----------
    m
        Number of points.
    d
        The dimension.
    seed
        The seed of the random sets.

    Returns
    -------
    dict
        Name -> points.

    Raises
    ------
    TooLarge
        When 1000 random draws find no data set in general position (not expected for ``d >= 1``).
    """
    rng = np.random.default_rng(seed)

    def generic() -> list[tuple[Fraction, ...]]:
        for _ in range(1000):
            pts = [tuple(Fraction(int(v)) for v in rng.integers(-50, 51, size=d)) for _ in range(m)]
            if in_general_position(pts):
                return pts
        raise TooLarge("no generic data set found in 1000 draws")   # pragma: no cover

    base = generic()
    return {"generic": base, "generic (another draw)": generic(),
            "moment curve": [tuple(Fraction(t ** (k + 1)) for k in range(d)) for t in range(1, m + 1)],
            "collinear": [tuple(Fraction(t * (k + 1)) for k in range(d)) for t in range(m)],
            "repeated point": base[:-1] + [base[0]]}


def data_dependence(m: int, d: int, seed: int = 0) -> list[DataRow]:
    """The table of the module docstring for ``m`` points in ``R^d`` (and the cubes ``{0,1}^d``, ``{-1,1}^d`` when
    ``m = 2^d``).

    Parameters
    ----------
    m
        Number of points.
    d
        The dimension.
    seed
        The seed of the random sets.

    Returns
    -------
    list of DataRow
        One row per data set.

    Raises
    ------
    InvalidInput
        When ``m < 2``, ``d < 1``, ``m > 12`` (the VC dimension is found by trying subsets) or ``d > 12``.
    """
    from .arrangement.chambers import chambers
    from .arrangement.counting import count_arrangement_chambers
    from .compare import are_isomorphic
    from .domain import cube01, cubepm1

    if m < 2 or d < 1 or m > 12:
        raise InvalidInput("data dependence takes 2 <= m <= 12 points in dimension d >= 1")
    if d > 12:
        raise InvalidInput(f"data dependence takes dimension d <= 12 (m <= 12 points span at most 11 dimensions, and "
                           f"the moment curve's coordinates t^d grow beyond 64 bits); got d = {d}")
    sets = standard_data(m, d, seed)
    if m == 2 ** d:
        sets["cube {0,1}^d"] = list(cube01(d).points)
        sets["cube {-1,1}^d"] = list(cubepm1(d).points)
    reference = threshold_on(sets["generic"])
    rows = []
    for name, points in sets.items():
        A = threshold_on(points)
        found = chambers(A)
        lattice = are_isomorphic(A, reference, "combinatorial").isomorphic
        poset = lattice and are_isomorphic(A, reference, "face-poset").isomorphic
        rows.append(DataRow(name, len(points), d, in_general_position(points), len(found),
                            count_arrangement_chambers(A, "charpoly").count, cover_count(len(points), d),
                            vc_dimension([c.signs for c in found]), lattice, poset,
                            count_arrangement_chambers(threshold_on(points, 2), "charpoly").count))
    return rows


__all__ = ["cover_count", "in_general_position", "threshold_on", "vc_dimension", "DataRow", "standard_data",
           "data_dependence"]
