"""Chambers (regions) of an arrangement as sign vectors with exact interior points.

Enumeration by deletion and restriction, without linear programming. Insert the distinct hyperplanes
``H_1, ..., H_m`` one at a time. A chamber ``C`` of ``A_{i-1} = {H_1..H_{i-1}}`` is cut by ``H_i`` exactly when
``C cap H_i`` is a chamber of the restriction ``A_{i-1}^{H_i}`` (an arrangement of dimension ``d - 1``, enumerated
recursively); then ``C`` splits in two, otherwise it keeps one side. This is the bijection behind
``r(A) = r(A \\ H) + r(A^H)`` (Zaslavsky 1975). Exact integer interior points come along: if ``q`` is an interior
point of ``C cap H_i`` (so ``|K . q| >= 1`` for every earlier ``K``), then ``N q +- a_i`` with
``N > max_K |K . a_i|`` lies on either side of ``H_i`` inside ``C``.

Affine arrangements are handled through the cone: chambers of ``A`` are chambers of ``cA`` with ``x_0 > 0``.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import gcd
from functools import reduce
from typing import Callable, Sequence

from ..errors import CertificationError, InvalidInput
from ..exact import IntVector, dot, integer_kernel, matvec, vecmat
from .arrangement import Arrangement, hyperplane_classes


def _translate_factory(class_of: Sequence[int], orientation: Sequence[int], classes: int, many: bool):
    """Map a sign mask over restricted classes to a sign mask over the original (earlier) hyperplanes."""
    positive = [0] * classes
    negative = [0] * classes
    for j, (c, o) in enumerate(zip(class_of, orientation)):
        if o > 0:
            positive[c] |= 1 << j
        else:
            negative[c] |= 1 << j
    everything_negative = reduce(lambda x, y: x | y, negative, 0)
    if not many:
        def translate(mask: int) -> int:
            out = everything_negative
            c = 0
            while mask:
                if mask & 1:
                    out = (out & ~negative[c]) | positive[c]
                mask >>= 1
                c += 1
            return out
        return translate
    # byte tables: each byte of the class mask is looked up at once
    tables = []
    for start in range(0, classes, 8):
        members = range(start, min(start + 8, classes))
        table = [0] * 256
        for value in range(256):
            out = 0
            for offset, c in enumerate(members):
                out |= positive[c] if (value >> offset) & 1 else negative[c]
            table[value] = out
        tables.append(table)

    def translate(mask: int) -> int:
        out = 0
        for table in tables:
            out |= table[mask & 255]
            mask >>= 8
        return out
    return translate


def central_chambers(normals: Sequence[IntVector], d: int, progress=None) -> list[tuple[int, tuple[int, ...]]]:
    """Chambers ``(positive mask, integer interior point)`` of the central arrangement with pairwise
    non-parallel primitive normals (bit ``j`` of the mask set iff ``normals[j] . p > 0``).

    Parameters
    ----------
    normals
        Primitive integer normals, pairwise non-parallel.
    d
        The dimension.
    progress
        Called with ``(hyperplanes inserted, hyperplanes)``.

    Returns
    -------
    list of tuple
        ``(positive mask, integer interior point)`` per chamber.

    Raises
    ------
    CertificationError
        When an interior point fails its exact check (never expected: the check guards the float proposals).
    """
    if not normals:
        return [(0, (0,) * d)]
    first = normals[0]
    chambers: list[tuple[int, tuple[int, ...]]] = [(1, tuple(first)), (0, tuple(-x for x in first))]
    if d == 1:
        return chambers
    for i in range(1, len(normals)):
        a = normals[i]
        basis = integer_kernel([a], d)
        representatives, class_of, orientation = hyperplane_classes([vecmat(normals[j], basis) for j in range(i)])
        sub = central_chambers(representatives, d - 1)
        translate = _translate_factory(class_of, orientation, len(representatives), len(sub) > 64)
        cut = {translate(mask): matvec(basis, q) for mask, q in sub}
        scale = max(abs(dot(normals[j], a)) for j in range(i)) + 1
        bit = 1 << i
        new = []
        for mask, p in chambers:
            q = cut.get(mask)
            if q is not None:
                new.append((mask | bit, tuple(scale * x + y for x, y in zip(q, a))))
                new.append((mask, tuple(scale * x - y for x, y in zip(q, a))))
            else:
                side = dot(a, p)
                if side == 0:  # pragma: no cover - excluded by the restriction bijection
                    raise CertificationError("an interior point lies on a hyperplane that does not cut its chamber")
                new.append((mask | bit if side > 0 else mask, p))
        chambers = new
        if progress is not None:
            progress(i + 1, len(normals))
    return chambers


@dataclass(frozen=True)
class Chamber:
    """A chamber: ``signs[i]`` is ``+1`` or ``-1`` as ``a_i . x - c_i`` is positive or negative on it;
    ``witness`` is an exact interior point (integers for central arrangements, rationals otherwise)."""

    signs: tuple[int, ...]
    witness: tuple[int | Fraction, ...]

    def to_dict(self) -> dict:
        return {"signs": list(self.signs), "witness": [str(x) if isinstance(x, Fraction) else x
                                                       for x in self.witness]}


@dataclass
class ChamberComplex:
    """All chambers of an arrangement, with their facets and adjacency.

    Geometry is done on the *distinct* hyperplanes (``classes``): hyperplane ``i`` of the arrangement is
    ``orientation[i]`` times distinct hyperplane ``class_of[i]``.
    """

    arrangement: Arrangement
    class_of: list[int]
    orientation: list[int]
    masks: list[int]          # positive masks over the distinct hyperplanes, one per chamber
    points: list[tuple]       # exact interior points

    def __len__(self) -> int:
        return len(self.masks)

    @property
    def classes(self) -> int:
        return max(self.class_of, default=-1) + 1

    def chamber(self, k: int) -> Chamber:
        mask = self.masks[k]
        signs = tuple(o if (mask >> c) & 1 else -o for c, o in zip(self.class_of, self.orientation))
        return Chamber(signs, self.points[k])

    def __iter__(self):
        return (self.chamber(k) for k in range(len(self)))

    def facets(self, k: int) -> list[int]:
        """Indices of the hyperplanes that carry a facet of chamber ``k`` (crossing them leads to a chamber)."""
        index = self._index()
        mask = self.masks[k]
        walls = {c for c in range(self.classes) if (mask ^ (1 << c)) in index}
        return [i for i, c in enumerate(self.class_of) if c in walls]

    def adjacency_graph(self):
        """Chambers as nodes, an edge for each pair sharing a facet (labelled by the wall's hyperplanes)."""
        import networkx as nx
        index = self._index()
        graph = nx.Graph()
        graph.add_nodes_from(range(len(self)))
        for k, mask in enumerate(self.masks):
            for c in range(self.classes):
                other = index.get(mask ^ (1 << c))
                if other is not None and other > k:
                    graph.add_edge(k, other, wall=c)
        return graph

    def _index(self) -> dict[int, int]:
        cached = getattr(self, "_cached_index", None)
        if cached is None:
            cached = {mask: k for k, mask in enumerate(self.masks)}
            self._cached_index = cached
        return cached


def chamber_complex(A: Arrangement, progress: Callable[[int, int], None] | None = None) -> ChamberComplex:
    """Enumerate every chamber of ``A`` with an exact interior point (see the module docstring).

    Parameters
    ----------
    A
        The arrangement.
    progress
        Called with ``(hyperplanes inserted, hyperplanes)``.

    Returns
    -------
    ChamberComplex
        Every chamber with its sign vector and an exact interior point.

    Raises
    ------
    CertificationError
        When an interior point fails its exact check.

    Notes
    -----
    Incremental: hyperplanes are inserted one at a time and each chamber cut by the new hyperplane splits in two (one
    certified LP per chamber). Memory and time are linear in the number of chambers: the threshold arrangement of 5
    inputs (94,572 chambers) takes about 5 s. Callers bound the size first with
    [`check_size()`][weightspace.arrangement.size.check_size].

    Examples
    --------
    >>> from weightspace import library
    >>> C = chamber_complex(library.threshold(2))
    >>> len(C), sorted(len(C.facets(k)) for k in range(len(C)))[:3]
    (14, [3, 3, 3])
    """
    if A.is_linear:
        representatives, class_of, orientation = hyperplane_classes(A.normals)
        raw = central_chambers(representatives, A.dimension, progress)
        masks = [m for m, _ in raw]
        points = [_reduce(p) for _, p in raw]
        return ChamberComplex(A, class_of, orientation, masks, points)
    cone = A.cone()
    representatives, class_of, orientation = hyperplane_classes(cone.normals)
    infinity = class_of[-1]
    sign_infinity = orientation[-1]
    raw = central_chambers(representatives, cone.dimension, progress)
    masks, points = [], []
    for mask, p in raw:
        if ((mask >> infinity) & 1) == (sign_infinity > 0):
            masks.append(mask & ~(1 << infinity))
            points.append(tuple(Fraction(x, p[-1]) for x in p[:-1]))
    # hyperplanes of A are the first len(A) hyperplanes of the cone
    return ChamberComplex(A, class_of[:-1], orientation[:-1], masks, points)


def chambers(A: Arrangement) -> list[Chamber]:
    """All chambers of ``A`` as [`Chamber`][weightspace.arrangement.chambers.Chamber] values (sign vector and exact
    interior point).

    Parameters
    ----------
    A
        The arrangement.

    Returns
    -------
    list of Chamber
        One per chamber, each with a verified interior point.
    """
    return list(chamber_complex(A))


def count_chambers(A: Arrangement, progress: Callable[[int, int], None] | None = None) -> int:
    """The number of chambers, by enumeration (independent of the characteristic polynomial).

    Parameters
    ----------
    A
        The arrangement.
    progress
        Called with ``(hyperplanes inserted, hyperplanes)``.

    Returns
    -------
    int
        The number of chambers.
    """
    return len(chamber_complex(A, progress))


def is_relatively_bounded(A: Arrangement, chamber: Chamber) -> bool:
    """Whether a chamber is bounded in the essentialisation of ``A`` (bounded modulo the lineality space).

    The chamber ``{x : s_i (a_i . x - c_i) > 0}`` has the recession cone ``{y : s_i a_i . y >= 0}``; it is
    relatively bounded iff that cone is the lineality space ``{y : a_i . y = 0}``, i.e. no ``y`` has every
    ``s_i a_i . y >= 0`` and one of them ``> 0``. By Stiemke's alternative (1915) this holds iff some strictly
    positive ``lambda`` has ``sum lambda_i s_i a_i = 0``. Writing ``lambda = 1 + mu`` with ``mu >= 0`` makes it the
    feasibility of ``{mu >= 0 : sum mu_i s_i a_i = -sum s_i a_i}``, decided by an exact simplex over the
    rationals; a positive answer is re-checked exactly.

    Parameters
    ----------
    A
        The arrangement.
    chamber
        One of its chambers.

    Returns
    -------
    bool
        Whether the chamber's recession cone is the lineality space (decided by exact LPs).

    Raises
    ------
    CertificationError
        When the multipliers found fail their exact check.

    Examples
    --------
    The Shi arrangement of 3 coordinates has 16 regions, 4 of them relatively bounded:

    >>> from weightspace import library
    >>> A = library.shi(3)
    >>> sum(is_relatively_bounded(A, c) for c in chambers(A)), len(chambers(A))
    (4, 16)
    """
    from ..lp import exact_feasible_point
    m, d = len(A), A.dimension
    columns = [[s * x for x in a] for a, s in zip(A.normals, chamber.signs)]
    a_eq = [[Fraction(columns[i][r]) for i in range(m)] for r in range(d)]
    b_eq = [Fraction(-sum(columns[i][r] for i in range(m))) for r in range(d)]
    mu = exact_feasible_point(a_eq, b_eq) if m else []
    if mu is None:
        return False
    weights = [1 + x for x in mu]
    if any(w <= 0 for w in weights) or any(sum(w * col[r] for w, col in zip(weights, columns)) != 0
                                           for r in range(d)):
        raise CertificationError("Stiemke multipliers of a bounded chamber fail their exact check")
    return True


def count_relatively_bounded(A: Arrangement) -> int:
    """The number of relatively bounded chambers, by enumerating the chambers and testing each one exactly with
    [`is_relatively_bounded`][weightspace.arrangement.chambers.is_relatively_bounded]; an independent route to
    Zaslavsky's ``(-1)^rank chi(1)``.

    Parameters
    ----------
    A
        The arrangement.

    Returns
    -------
    int
        The number of relatively bounded chambers.

    Examples
    --------
    >>> from weightspace import library
    >>> count_relatively_bounded(library.catalan(3))
    12
    """
    return sum(is_relatively_bounded(A, chamber) for chamber in chamber_complex(A))


def verify_chamber(A: Arrangement, chamber: Chamber) -> bool:
    """Exact check that ``chamber.witness`` lies strictly on the side ``chamber.signs[i]`` of every hyperplane.

    Parameters
    ----------
    A
        The arrangement.
    chamber
        A chamber with its sign vector and witness.

    Returns
    -------
    bool
        Whether every sign holds at the witness in exact arithmetic.
    """
    point = chamber.witness
    for a, c, s in zip(A.normals, A.offsets, chamber.signs):
        value = dot(a, point) - c
        if value == 0 or (value > 0) != (s > 0):
            return False
    return True


def _reduce(point: Sequence[int]) -> tuple[int, ...]:
    g = reduce(gcd, point, 0)
    return tuple(point) if g <= 1 else tuple(x // g for x in point)


def sign_vector(A: Arrangement, point: Sequence[int | Fraction]) -> tuple[int, ...]:
    """The covector of a point: ``sign(a_i . x - c_i)`` for every hyperplane (values in ``{-1, 0, 1}``).

    Parameters
    ----------
    A
        The arrangement.
    point
        A point of ``Q^d`` (integers or Fractions).

    Returns
    -------
    tuple of int
        One sign per hyperplane.

    Raises
    ------
    InvalidInput
        When the point does not have ``A.dimension`` coordinates.

    Examples
    --------
    >>> from weightspace import library
    >>> sign_vector(library.threshold(2), (1, 1, -1))
    (-1, 0, 0, 1)
    """
    if len(point) != A.dimension:
        raise InvalidInput(f"point has {len(point)} coordinates, the arrangement lives in dimension {A.dimension}")
    out = []
    for a, c in zip(A.normals, A.offsets):
        v = dot(a, point) - c
        out.append((v > 0) - (v < 0))
    return tuple(out)

