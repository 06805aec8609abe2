"""Faces (covectors) of an arrangement, the face poset and the f-vector.

Every face ``F`` spans a unique flat ``X`` (the intersection of the hyperplanes containing ``F``) and is a chamber of
the restriction ``A^X``. So the faces are enumerated flat by flat with the chamber enumeration of
[`chambers`][weightspace.arrangement.chambers], and ``f_k = sum over flats X of dimension k of r(A^X)``. The face ``G``
is covered by ``F`` when ``G`` is ``F`` with one wall class of ``A^X`` set to zero.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..budget import DEFAULT_BUDGET
from ..errors import TooLarge
from ..exact import vecmat
from ..poset import GradedPoset
from .arrangement import Arrangement, hyperplane_classes
from .chambers import central_chambers
from .lattice import IntersectionLattice, intersection_lattice


@dataclass(frozen=True)
class Face:
    """A face: its covector (``+1``, ``-1`` or ``0`` per hyperplane) and its dimension."""

    signs: tuple[int, ...]
    dimension: int


@dataclass
class FaceEnumeration:
    """All faces, stored as ``(positive mask, negative mask)`` over the hyperplanes of ``A``."""

    arrangement: Arrangement
    covectors: list[tuple[int, int]]
    dimensions: list[int]
    walls: list[list[int]]   # per face: masks of the hyperplanes forming each wall class of its flat's restriction

    def __len__(self) -> int:
        return len(self.covectors)

    def face(self, k: int) -> Face:
        plus, minus = self.covectors[k]
        signs = tuple(1 if (plus >> i) & 1 else (-1 if (minus >> i) & 1 else 0) for i in range(len(self.arrangement)))
        return Face(signs, self.dimensions[k])

    def __iter__(self):
        return (self.face(k) for k in range(len(self)))

    def f_vector(self) -> list[int]:
        """``f_k`` = number of faces of dimension ``k``, for ``k = 0 .. d``."""
        out = [0] * (self.arrangement.dimension + 1)
        for k in self.dimensions:
            out[k] += 1
        return out

    def face_poset(self) -> GradedPoset:
        """The face poset (faces ordered by inclusion of closures), graded by dimension."""
        index = {cv: k for k, cv in enumerate(self.covectors)}
        covers = []
        for k, (plus, minus) in enumerate(self.covectors):
            for wall in self.walls[k]:
                below = index.get((plus & ~wall, minus & ~wall))
                if below is not None:
                    covers.append((below, k))
        labels = {k: {"signs": "".join("+-0"[(s == -1) + 2 * (s == 0)] for s in self.face(k).signs)}
                  for k in range(len(self))}
        return GradedPoset(list(range(len(self))), list(self.dimensions), covers, labels)


def faces(A: Arrangement, limit: int | None = DEFAULT_BUDGET.max_faces,
          progress: Callable[[int, int], None] | None = None) -> FaceEnumeration:
    """Enumerate every face of ``A`` (central or affine) with its covector and dimension.

    ``limit`` (by default the [`Budget`][weightspace.budget.Budget]'s ``max_faces``; ``None``: no limit) bounds the
    flats whose faces are enumerated, checked on the intersection lattice before enumerating
    ([`TooLarge`][weightspace.errors.TooLarge] otherwise).

    Parameters
    ----------
    A
        The arrangement.
    limit
        Faces allowed before the enumeration stops (``None``: no limit).
    progress
        Called with ``(done, total)``.

    Returns
    -------
    FaceEnumeration
        Every face with its covector and dimension.

    Raises
    ------
    TooLarge
        When the general-position bound on faces exceeds ``limit``, or the lattice has too many flats.

    Notes
    -----
    Every face is a chamber of the restriction to its flat, so the cost is one chamber enumeration per flat. The
    threshold arrangement of 4 inputs (16,483 faces) takes about 1.6 s.

    Examples
    --------
    The two-input threshold arrangement (f = (1, 12, 24, 14), as SageMath's face_vector gives):

    >>> from weightspace import library
    >>> faces(library.threshold(2)).f_vector()
    [1, 12, 24, 14]
    """
    lattice = intersection_lattice(A)
    central = A.is_linear
    m = len(A)
    base = A if central else A.cone()
    full = (1 << m) - 1
    # cheap upper bound: sum over flats of the number of regions of a generic arrangement is too loose, so use
    # the number of flats times the number of chambers as a guard only when it is clearly hopeless
    if limit is not None and len(lattice.flats) > limit:
        raise TooLarge("too many flats to enumerate faces", f"{len(lattice.flats)} flats")
    covectors, dimensions, walls = [], [], []
    for step, (flat, basis) in enumerate(zip(lattice.flats, lattice.bases)):
        members = 0
        for i in flat.hyperplanes:
            members |= 1 << i
        others = [i for i in range(len(base)) if not (i < m and (members >> i) & 1)]
        restricted = [vecmat(base.normals[i], basis) for i in others]
        # hyperplanes of the cone other than the flat's members never vanish on the flat
        representatives, class_of, orientation = hyperplane_classes(restricted)
        raw = central_chambers(representatives, len(basis))
        class_masks = [0] * len(representatives)
        for position, i in enumerate(others):
            if i < m:
                class_masks[class_of[position]] |= 1 << i
        infinity_position = len(others) - 1 if not central else None
        for mask, _ in raw:
            plus = minus = 0
            if infinity_position is not None:
                c = class_of[infinity_position]
                if (((mask >> c) & 1) == 1) != (orientation[infinity_position] > 0):
                    continue  # the half of the cone with x0 < 0
            for position, i in enumerate(others):
                if i >= m:
                    continue
                positive = ((mask >> class_of[position]) & 1) == (orientation[position] > 0)
                if positive:
                    plus |= 1 << i
                else:
                    minus |= 1 << i
            covectors.append((plus & full, minus & full))
            dimensions.append(flat.dimension)
            walls.append([w for w in class_masks if w])
        if limit is not None and len(covectors) > limit:
            raise TooLarge("the arrangement has more faces than the limit", f"more than {limit} faces")
        if progress is not None:
            progress(step + 1, len(lattice.flats))
    return FaceEnumeration(A, covectors, dimensions, walls)


def f_vector(A: Arrangement) -> list[int]:
    """The f-vector ``(f_0, ..., f_d)`` of ``A`` (``f_k`` = number of ``k``-dimensional faces).

    Parameters
    ----------
    A
        The arrangement.

    Returns
    -------
    list of int
        ``f_0, ..., f_d``.

    Examples
    --------
    >>> from weightspace import library
    >>> f_vector(library.threshold(3))
    [1, 40, 192, 256, 104]
    """
    return faces(A).f_vector()


def f_vector_from_lattice(A: Arrangement, lattice: IntersectionLattice | None = None) -> list[int]:
    """The f-vector from the intersection lattice alone: ``f_k = sum over flats X with dim X = k of r(A^X)``.

    Every face spans a flat ``X`` and is a region of the restriction ``A^X``, and Zaslavsky's theorem for ``A^X``
    reads ``r(A^X) = sum over flats Y >= X of |mu(X, Y)|`` (the intersection poset of ``A^X`` is the interval above
    ``X``). The values ``|mu(X, Y)|`` come from the no-broken-circuit recursion on that interval:
    ``|mu(X, Y)| = sum |mu(X, Z)|`` over lower covers ``Z >= X`` of ``Y`` that miss the smallest hyperplane of
    ``Y`` not containing ``X``. No face and no restriction is built.

    Parameters
    ----------
    A
        The arrangement.
    lattice
        Its intersection lattice, when computed before.

    Returns
    -------
    list of int
        ``f_0, ..., f_d``.

    Notes
    -----
    The cost is one pass over the upper interval of every flat (the number of comparable pairs of flats, times the
    covers of each): the graphical arrangement of the Petersen graph (8,581 flats) takes about 0.8 s.

    Examples
    --------
    >>> from weightspace import library
    >>> f_vector_from_lattice(library.threshold(2)), f_vector_from_lattice(library.shi(3))
    ([1, 12, 24, 14], [0, 6, 21, 16])
    """
    lattice = lattice or intersection_lattice(A)
    count = len(lattice.flats)
    masks = []
    for flat in lattice.flats:
        mask = 0
        for i in flat.hyperplanes:
            mask |= 1 << i
        masks.append(mask)
    upper: list[list[int]] = [[] for _ in range(count)]
    lower: list[list[int]] = [[] for _ in range(count)]
    for x, y in lattice.covers:
        upper[x].append(y)
        lower[y].append(x)
    out = [0] * (A.dimension + 1)
    for x in range(count):
        mask_x = masks[x]
        value = {x: 1}
        level = [x]
        while level:
            following = []
            for z in level:
                for y in upper[z]:
                    if y in value:
                        continue
                    outside = masks[y] & ~mask_x
                    smallest = outside & -outside
                    total = 0
                    for w in lower[y]:
                        if w in value and not masks[w] & smallest:
                            total += value[w]
                    value[y] = total
                    following.append(y)
            level = following
        out[lattice.flats[x].dimension] += sum(value.values())
    return out


def f_vector_by_flats(A: Arrangement) -> list[int]:
    """The f-vector by Zaslavsky on every restriction: ``f_k = sum over flats X with dim X = k of r(A^X)``.

    Each ``r(A^X) = (-1)^dim X chi_{A^X}(-1)`` comes from the characteristic polynomial of the restriction, with no face
    enumeration: an independent route to [`f_vector()`][weightspace.arrangement.faces.f_vector] (every face is a chamber
    of the restriction to the flat it spans [Zaslavsky1975]).

    Parameters
    ----------
    A
        The arrangement.

    Returns
    -------
    list of int
        ``f_0, ..., f_d``.

    Notes
    -----
    No face is listed: ``f_k = sum over flats X of dimension k of r(A^X)``, with ``r(A^X) = |chi_{A^X}(-1)|``. The
    cost is one characteristic polynomial per flat, so it is bounded by the size of the intersection lattice.

    Examples
    --------
    >>> from weightspace import library
    >>> f_vector_by_flats(library.threshold(2))
    [1, 12, 24, 14]
    """
    from .lattice import characteristic_polynomial, region_counts
    lattice = intersection_lattice(A)
    out = [0] * (A.dimension + 1)
    base = A if A.is_linear else A.cone()
    for flat, basis in zip(lattice.flats, lattice.bases):
        others = [i for i in range(len(base)) if not (i < len(A) and i in flat.hyperplanes)]
        restricted = Arrangement.from_rational([vecmat(base.normals[i], basis) for i in others],
                                               dimension=len(basis))
        if A.is_linear:
            out[flat.dimension] += region_counts(restricted, characteristic_polynomial(restricted)).chambers
        else:
            # the restriction of the cone to X is the cone of the affine restriction: halve its chambers
            out[flat.dimension] += region_counts(restricted, characteristic_polynomial(restricted)).chambers // 2
    return out
