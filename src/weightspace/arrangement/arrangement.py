"""The [`Arrangement`][weightspace.arrangement.arrangement.Arrangement] of hyperplanes over Q: data, validation and
cheap constructions.

A hyperplane is ``H = {x in R^d : a . x = c}`` with ``a`` a nonzero rational vector. weightspace stores ``a`` and ``c``
as integers (the rational data scaled by a positive number, which changes neither the hyperplane nor its positive side
``a . x > c``). The arrangement is *central* when every ``c`` is zero. Algorithms live in the sibling modules
([`lattice`][weightspace.arrangement.lattice], [`chambers`][weightspace.arrangement.chambers],
[`faces`][weightspace.arrangement.faces]); methods here only delegate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, reduce
from math import gcd
from typing import Any, Hashable, Sequence

from ..encoding import jsonable
from ..errors import InvalidInput, TooLarge
from ..exact import (IntVector, Rational, canonical_line, to_fraction, common_denominator, integer_kernel, rank, solve_particular,
                     vecmat)


MAX_HYPERPLANES = 2 ** 14      # hyperplanes an arrangement may hold (every algorithm here is far below this)
MAX_DIMENSION = 1_000          # ambient dimension


def check_arrangement_size(hyperplanes: int, dimension: int, what: str = "the arrangement") -> None:
    """Refuse, before anything is built, an arrangement beyond ``MAX_HYPERPLANES`` hyperplanes or ``MAX_DIMENSION``
    dimensions; builders call it with their closed-form sizes (``2^n - 1`` for the resonance arrangement).

    Parameters
    ----------
    hyperplanes
        The number of hyperplanes.
    dimension
        The dimension.
    what
        What is built, for the message.

    Raises
    ------
    TooLarge
        With the size in the estimate.

    Examples
    --------
    >>> check_arrangement_size(2 ** 24 - 1, 24, "resonance:24")
    Traceback (most recent call last):
    ...
    weightspace.errors.TooLarge: resonance:24 has more than 16384 hyperplanes, beyond what any computation here can use (estimated cost: 16777215 hyperplanes in dimension 24)
    """
    if hyperplanes > MAX_HYPERPLANES:
        count = f"{hyperplanes}" if hyperplanes < 2 ** 63 else "more than 2^63"
        raise TooLarge(f"{what} has more than {MAX_HYPERPLANES} hyperplanes, beyond what any computation here can "
                       f"use", f"{count} hyperplanes in dimension {dimension}")
    if dimension > MAX_DIMENSION:
        raise TooLarge(f"{what} lives in dimension above {MAX_DIMENSION}", f"dimension {dimension}")


@dataclass(frozen=True)
class Arrangement:
    """A finite arrangement of (oriented) hyperplanes ``a_i . x = c_i`` in ``Q^d``.

    Repeated hyperplanes are allowed (a multiset): they count once in the geometry (chambers, flats) and
    keep their own labels.

    Parameters
    ----------
    normals : integer normal vectors ``a_i`` (length ``d``, nonzero).
    offsets : integer right-hand sides ``c_i``; all zero for a central arrangement.
    dimension : the ambient dimension ``d``.
    labels : optional names of the hyperplanes (for a threshold layer: the input point's code).

    Examples
    --------
    >>> A = Arrangement.from_rational([(1, 0), (0, 1), (1, -1)])
    >>> A.dimension, len(A), A.is_linear, A.rank
    (2, 3, True, 2)
    """

    normals: tuple[IntVector, ...]
    offsets: tuple[int, ...]
    dimension: int
    labels: tuple[Hashable, ...] = field(default=(), compare=False)

    def __post_init__(self) -> None:
        if len(self.offsets) != len(self.normals):
            raise InvalidInput("an arrangement needs one offset per normal")
        for a in self.normals:
            if len(a) != self.dimension:
                raise InvalidInput(f"normal {a} has length {len(a)}, expected {self.dimension}")
            if not any(a):
                raise InvalidInput("a hyperplane needs a nonzero normal vector")
        if self.labels and len(self.labels) != len(self.normals):
            raise InvalidInput("an arrangement needs one label per hyperplane (or none)")

    # ---------------------------------------------------------------- constructors
    @classmethod
    def from_rational(cls, normals: Sequence[Sequence[Rational]], offsets: Sequence[Rational] | None = None,
                      labels: Sequence[Hashable] | None = None, dimension: int | None = None) -> "Arrangement":
        """Build from rational data; each hyperplane ``(a, c)`` is scaled by a positive number to integers.

        Raises
        ------
        InvalidInput
            When offsets or labels do not match the normals in number, an entry is not a rational number, a normal is
            zero, or an empty arrangement has no explicit dimension.
        """
        if dimension is None:
            if not normals:
                raise InvalidInput("an empty arrangement needs an explicit dimension")
            dimension = len(normals[0])
        check_arrangement_size(len(normals), dimension)
        offsets = [0] * len(normals) if offsets is None else list(offsets)
        if len(offsets) != len(normals):
            raise InvalidInput("an arrangement needs one offset per normal")
        int_normals, int_offsets = [], []
        for a, c in zip(normals, offsets):
            values = [to_fraction(x) for x in a] + [to_fraction(c)]
            scale = common_denominator(values)
            ints = [int(v * scale) for v in values]
            g = reduce(gcd, ints, 0) or 1
            ints = [v // g for v in ints]
            int_normals.append(tuple(ints[:-1]))
            int_offsets.append(ints[-1])
        return cls(tuple(int_normals), tuple(int_offsets), dimension, tuple(labels) if labels else ())

    # ---------------------------------------------------------------- cheap properties
    def __len__(self) -> int:
        return len(self.normals)

    @property
    def is_linear(self) -> bool:
        """True when every hyperplane passes through the origin (every offset is zero; SageMath's ``is_linear``)."""
        return not any(self.offsets)

    @cached_property
    def is_central(self) -> bool:
        """True when the hyperplanes share a point: ``{x : a_i . x = c_i for all i}`` is nonempty (SageMath's
        ``is_central``). A linear arrangement is central; ``x = 1, y = 1, z = 1`` in ``Q^3`` is central too.

        Decided exactly by solving the linear system over Q.

        Examples
        --------
        >>> Arrangement.from_rational([(1, 0), (0, 1)], [1, 1]).is_central
        True
        >>> Arrangement.from_rational([(1, 0), (1, 0)], [0, 1]).is_central
        False
        """
        if self.is_linear:
            return True
        return solve_particular(list(self.normals), list(self.offsets)) is not None

    @cached_property
    def rank(self) -> int:
        """The rank: dimension of the span of the normals (codimension of the smallest flat if central)."""
        return rank(self.normals) if self.normals else 0

    @property
    def is_essential(self) -> bool:
        """True when the normals span ``Q^d``."""
        return self.rank == self.dimension

    def label(self, i: int) -> Hashable:
        """The label of hyperplane ``i`` (its index when no labels were given)."""
        return self.labels[i] if self.labels else i

    def to_dict(self) -> dict[str, Any]:
        return {"dimension": self.dimension, "central": self.is_central, "linear": self.is_linear,
                "hyperplanes": [{"normal": list(a), "offset": c, "label": _jsonable(self.label(i))}
                                for i, (a, c) in enumerate(zip(self.normals, self.offsets))]}

    # ---------------------------------------------------------------- constructions
    def cone(self) -> "Arrangement":
        """The cone ``cA`` in ``Q^(d+1)``: ``a . x = c`` becomes ``a . x - c x_0 = 0``, plus ``x_0 = 0`` last.

        The chambers of ``A`` are the chambers of ``cA`` with ``x_0 > 0``, and
        ``chi_cA(t) = (t - 1) chi_A(t)`` (Stanley, *An introduction to hyperplane arrangements*, 2007, Lecture 2).
        """
        normals = tuple(tuple(a) + (-c,) for a, c in zip(self.normals, self.offsets))
        normals += (tuple([0] * self.dimension + [1]),)
        labels = tuple(self.label(i) for i in range(len(self))) + ("x0",)
        return Arrangement(normals, (0,) * len(normals), self.dimension + 1, labels)

    def deletion(self, i: int) -> "Arrangement":
        """``A \\ H_i``: the arrangement without hyperplane ``i``."""
        self._check_index(i)
        keep = [j for j in range(len(self)) if j != i]
        return self._subset(keep)

    def restriction(self, i: int) -> "Arrangement":
        """``A^{H_i}``: the traces ``K cap H_i`` of the other hyperplanes on ``H_i``, in coordinates of ``H_i``.

        ``H_i = {x0 + B y}`` for a rational point ``x0`` and an integer basis ``B`` of ``a_i^perp``;
        ``K = {k . x = e}`` becomes ``(k B) . y = e - k . x0``. Traces that are empty or all of ``H_i``
        are dropped; repeated traces are kept once (the first label wins).
        """
        self._check_index(i)
        a, c = self.normals[i], self.offsets[i]
        basis = integer_kernel([a], self.dimension)
        point = solve_particular([a], [c])
        normals, offsets, labels, seen = [], [], [], set()
        for j in range(len(self)):
            if j == i:
                continue
            k = self.normals[j]
            restricted = vecmat(k, basis)
            rhs = Fraction(self.offsets[j]) - sum(x * y for x, y in zip(k, point))
            if not any(restricted):
                continue  # K contains H_i, or misses it
            hyperplane = Arrangement.from_rational([restricted], [rhs], dimension=len(basis))
            key = (hyperplane.normals[0], hyperplane.offsets[0])
            neg = (tuple(-x for x in key[0]), -key[1])
            if key in seen or neg in seen:
                continue
            seen.add(key)
            normals.append(key[0])
            offsets.append(key[1])
            labels.append(self.label(j))
        return Arrangement(tuple(normals), tuple(offsets), len(basis), tuple(labels))

    def essentialization(self) -> "Arrangement":
        """``ess(A)``: the same arrangement in coordinates of the row space of the normals.

        With ``B`` an integer basis of ``span{a_i}``, ``a . x = c`` becomes ``(a B) . y = c``; chambers, faces
        and the intersection poset are unchanged, and the result is essential.
        """
        basis = integer_kernel(integer_kernel(self.normals, self.dimension), self.dimension) \
            if self.normals else []
        normals = [vecmat(a, basis) for a in self.normals]
        return Arrangement.from_rational(normals, list(self.offsets), self.labels or None, dimension=len(basis))

    def restrict_to_subspace(self, basis: Sequence[Sequence[int]]) -> "Arrangement":
        """The arrangement induced on the linear subspace ``span(basis)``, in the coordinates of ``basis``.

        Hyperplanes that contain the subspace (zero restricted normal) are dropped; the caller can find them
        by their restricted normal ``a . basis = 0``. Labels are kept.
        """
        keep, normals = [], []
        for i, a in enumerate(self.normals):
            r = vecmat(a, basis)
            if any(r):
                keep.append(i)
                normals.append(r)
        return Arrangement.from_rational(normals, [self.offsets[i] for i in keep],
                                         [self.label(i) for i in keep] or None, dimension=len(basis))

    def _subset(self, keep: Sequence[int]) -> "Arrangement":
        return Arrangement(tuple(self.normals[j] for j in keep), tuple(self.offsets[j] for j in keep),
                           self.dimension, tuple(self.label(j) for j in keep))

    def _check_index(self, i: int) -> None:
        if not 0 <= i < len(self):
            raise InvalidInput(f"hyperplane index {i} out of range 0..{len(self) - 1}")


def _jsonable(value: Hashable) -> Any:
    """A hyperplane label in the one JSON encoding ([`weightspace.encoding`][weightspace.encoding])."""
    return jsonable(value, strict=False)


def distinct_hyperplanes(A: Arrangement) -> list[int]:
    """``class_of[i]``: the index of hyperplane ``i`` among the distinct hyperplanes of ``A`` (equal up to
    orientation and positive scaling), numbered in order of first appearance.

    ``a . x = c`` is the same hyperplane as ``t a . x = t c`` for ``t != 0``, i.e. the line of ``(a, -c)`` (its
    normal in the cone), so the classes are those of
    [`hyperplane_classes`][weightspace.arrangement.arrangement.hyperplane_classes] on the cone's normals; for a linear
    arrangement they are the classes of the normals.

    Parameters
    ----------
    A
        The arrangement.

    Returns
    -------
    list of int
        ``class_of``.

    Examples
    --------
    >>> distinct_hyperplanes(Arrangement.from_rational([(1, 0), (-2, 0), (1, 0)], [1, -2, 0]))
    [0, 0, 1]
    """
    return hyperplane_classes([tuple(a) + (-c,) for a, c in zip(A.normals, A.offsets)])[1]


def hyperplane_classes(normals: Sequence[IntVector]):
    """Group normals into distinct lines: ``(representatives, class_of, orientation)``.

    Normal ``i`` is ``orientation[i]`` (+1 or -1) times a positive multiple of ``representatives[class_of[i]]``,
    the canonical primitive vector of its line (first nonzero entry positive).

    Parameters
    ----------
    normals
        Integer normals.

    Returns
    -------
    tuple
        ``(representatives, class_of, orientation)``: one primitive normal per line, the line of every normal and
        its sign relative to the representative.

    Examples
    --------
    >>> hyperplane_classes([(1, 0), (-2, 0), (0, 1)])
    ([(1, 0), (0, 1)], [0, 0, 1], [1, -1, 1])
    """
    lines: dict[IntVector, int] = {}
    representatives, class_of, orientation = [], [], []
    for a in normals:
        line, o = canonical_line(a)
        c = lines.get(line)
        if c is None:
            c = lines[line] = len(representatives)
            representatives.append(line)
        class_of.append(c)
        orientation.append(o)
    return representatives, class_of, orientation
