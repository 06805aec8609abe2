"""Exact convex polytopes in homogeneous integer coordinates, cut by hyperplanes one at a time.

A point ``x in Q^n`` is stored as the primitive integer vector ``(X_1, ..., X_n, Z)`` with ``Z > 0`` and
``x = X / Z``; an affine function ``h(x) = g . x + g_0`` as the integer vector ``(g_1, ..., g_n, g_0)``, so that
``sign h(x) = sign(g . X + g_0 Z)`` is an integer computation with no division.

A [`Cell`][weightspace.arrangement.polytope.Cell] is a full-dimensional polytope given by both its vertices and
valid inequalities ``h_c(x) >= 0`` (every facet is among them), and for each vertex the set of inequalities tight
there. This double description makes the cut by a hyperplane ``h = 0`` exact and local
([`cut()`][weightspace.arrangement.polytope.cut]): the new vertices are the points where ``h`` changes sign along an
edge, and two vertices ``u, v`` span an edge iff no third vertex is tight on every inequality tight at both
(the smallest face containing ``u`` and ``v`` is the set of points tight on ``T(u) & T(v)``, and a face with two
vertices is an edge; Fukuda's combinatorial adjacency test). No linear program and no floating point is involved.

The face lattice of a cell is the family of all intersections of the tight-vertex sets of its inequalities
([`cell_faces()`][weightspace.arrangement.polytope.cell_faces]), and its volume comes from a pulling triangulation
([`cell_volume()`][weightspace.arrangement.polytope.cell_volume]).

Examples
--------
>>> square = box_cell([0, 0], [1, 1])
>>> plus, minus = cut(square, (2, 2, -1), 4)          # the line x + y = 1/2
>>> sorted(point(v) for v in minus.vertices)
[(Fraction(0, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 2)), (Fraction(1, 2), Fraction(0, 1))]
>>> cell_volume(minus), cell_volume(plus)
(Fraction(1, 8), Fraction(7, 8))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from itertools import product
from math import factorial, gcd, lcm
from typing import Iterable, Sequence

import flint

Point = tuple[int, ...]
Affine = tuple[int, ...]


def homogeneous(x: Sequence[Fraction | int]) -> Point:
    """The primitive homogeneous integer vector ``(X, Z)`` of a rational point ``x``.

    Parameters
    ----------
    x
        A rational point.

    Returns
    -------
    tuple of int
        ``(X, Z)`` with ``Z > 0`` and gcd 1.

    Examples
    --------
    >>> homogeneous([Fraction(1, 2), Fraction(-1, 3)])
    (3, -2, 6)
    """
    fractions = [Fraction(v) for v in x]
    z = 1
    for f in fractions:
        z = z * f.denominator // gcd(z, f.denominator)
    return normalize(tuple(int(f * z) for f in fractions) + (z,))


def normalize(vector: Sequence[int]) -> Point:
    """Divide a homogeneous vector by the gcd of its entries and make ``Z > 0``.

    Parameters
    ----------
    vector
        A homogeneous integer vector with ``Z != 0``.

    Returns
    -------
    tuple of int
        The normalised vector.
    """
    g = 0
    for v in vector:
        g = gcd(g, v)
    if vector[-1] < 0:
        g = -g
    return tuple(v // g for v in vector)


def point(vertex: Point) -> tuple[Fraction, ...]:
    """The rational point ``X / Z`` of a homogeneous vector.

    Parameters
    ----------
    vertex
        A homogeneous vector ``(X, Z)``.

    Returns
    -------
    tuple of Fraction
        ``X / Z``.
    """
    z = vertex[-1]
    return tuple(Fraction(v, z) for v in vertex[:-1])


def value(h: Affine, vertex: Point) -> int:
    """``Z h(x)`` for ``x = X / Z``: an integer with the sign of ``h(x)``.

    Parameters
    ----------
    h
        An affine function ``(a, c)`` as one integer vector.
    vertex
        A homogeneous vector ``(X, Z)``.

    Returns
    -------
    int
        ``a . X + c Z``.
    """
    return sum(g * v for g, v in zip(h, vertex))


@dataclass
class Cell:
    """A full-dimensional polytope in ``Q^n``.

    ``vertices`` maps each vertex (homogeneous, primitive) to the ids of the inequalities tight there;
    ``inequalities`` maps ids to integer affine functions ``h`` with ``h >= 0`` on the cell. Every facet is among
    the inequalities; redundant ones may be present and do no harm.
    """

    vertices: dict[Point, frozenset[int]]
    inequalities: dict[int, Affine]

    @property
    def dimension(self) -> int:
        return len(next(iter(self.vertices))) - 1

    def interior_point(self) -> tuple[Fraction, ...]:
        """The centroid of the vertices (interior, since the cell is full-dimensional), summed over a common
        denominator in integers."""
        common = 1
        for v in self.vertices:
            common = lcm(common, v[-1])
        sums = [0] * (len(next(iter(self.vertices))) - 1)
        for v in self.vertices:
            scale = common // v[-1]
            for i, x in enumerate(v[:-1]):
                sums[i] += x * scale
        denominator = common * len(self.vertices)
        return tuple(Fraction(x, denominator) for x in sums)

    def facets(self) -> dict[int, Affine]:
        """The inequalities that define facets (their tight vertices span a hyperplane); computed once per cell."""
        cached = self.__dict__.get("_facets")
        if cached is not None:
            return cached
        n = self.dimension
        out = {}
        seen = set()
        for c, h in self.inequalities.items():
            tight = frozenset(v for v, t in self.vertices.items() if c in t)
            if len(tight) >= n and tight not in seen and (n == 2 or affine_dimension(tight) == n - 1):
                seen.add(tight)
                out[c] = h
        self.__dict__["_facets"] = out
        return out


def box_cell(lower: Sequence[Fraction | int], upper: Sequence[Fraction | int], first_id: int = 0) -> Cell:
    """The box ``prod [lower_i, upper_i]`` as a [`Cell`][weightspace.arrangement.polytope.Cell]; its inequalities
    get ids ``first_id, ...`` (``x_i >= lower_i`` is ``first_id + 2 i``, ``x_i <= upper_i`` the next).

    Parameters
    ----------
    lower
        The lower corner.
    upper
        The upper corner.
    first_id
        The id of the first inequality.

    Returns
    -------
    Cell
        The box with its ``2^n`` vertices and ``2n`` inequalities.

    Raises
    ------
    InvalidInput
        When some ``lower_i`` is not below ``upper_i``.

    Examples
    --------
    >>> cell = box_cell([0, 0], [1, 2])
    >>> len(cell.vertices), cell.inequalities[1]
    (4, (-1, 0, 1))
    """
    n = len(lower)
    inequalities = {}
    for i in range(n):
        lo, hi = Fraction(lower[i]), Fraction(upper[i])
        if not lo < hi:
            from ..errors import InvalidInput
            raise InvalidInput(f"empty box: lower {lo} is not below upper {hi}")
        e = [0] * n
        e[i] = lo.denominator
        inequalities[first_id + 2 * i] = tuple(e) + (-lo.numerator,)                 # x_i - lo >= 0
        e = [0] * n
        e[i] = -hi.denominator
        inequalities[first_id + 2 * i + 1] = tuple(e) + (hi.numerator,)              # hi - x_i >= 0
    vertices = {}
    for corner in product((0, 1), repeat=n):
        x = [Fraction(upper[i]) if c else Fraction(lower[i]) for i, c in enumerate(corner)]
        vertices[homogeneous(x)] = frozenset(first_id + 2 * i + c for i, c in enumerate(corner))
    return Cell(vertices, inequalities)


def adjacent(cell: Cell, u: Point, v: Point) -> bool:
    """Whether ``u`` and ``v`` span an edge of ``cell`` (combinatorial test on tight sets).

    Parameters
    ----------
    cell
        The cell.
    u
        A vertex.
    v
        Another vertex.

    Returns
    -------
    bool
        Whether ``[u, v]`` is an edge.
    """
    common = cell.vertices[u] & cell.vertices[v]
    if len(common) < cell.dimension - 1:
        return False
    return not any(w != u and w != v and common <= tight for w, tight in cell.vertices.items())


def cut(cell: Cell, h: Affine, new_id: int) -> tuple[Cell | None, Cell | None]:
    """Cut ``cell`` by ``h = 0``: the cells ``cell & {h >= 0}`` and ``cell & {h <= 0}`` when both are
    full-dimensional; otherwise the side that holds the cell is the cell itself and the other is ``None``
    (both ``None`` when ``h`` vanishes on the cell). ``new_id`` names the new inequality.

    Parameters
    ----------
    cell
        The cell.
    h
        The affine function, as one integer vector.
    new_id
        The id the new inequality gets.

    Returns
    -------
    tuple
        The pieces on the sides ``h >= 0`` and ``h <= 0`` (``None`` for an empty side).

    Examples
    --------
    >>> plus, minus = cut(box_cell([0, 0], [1, 1]), (1, 1, -1), 4)
    >>> len(plus.vertices), len(minus.vertices)
    (3, 3)
    >>> cut(box_cell([0, 0], [1, 1]), (1, 0, 1), 4)[1] is None
    True
    """
    values = {v: value(h, v) for v in cell.vertices}
    positive = [v for v, s in values.items() if s > 0]
    negative = [v for v, s in values.items() if s < 0]
    if not negative:
        return (cell if positive else None), None
    if not positive:
        return None, cell
    new_points: dict[Point, frozenset[int]] = {}
    for u in positive:
        su = values[u]
        for w in negative:
            if adjacent(cell, u, w):
                sw = values[w]
                p = normalize(tuple(su * b - sw * a for a, b in zip(u, w)))
                new_points[p] = (cell.vertices[u] & cell.vertices[w]) | {new_id}
    minus_h = tuple(-g for g in h)
    sides = []
    for sign, keep, oriented in ((1, positive, h), (-1, negative, minus_h)):
        vertices = {v: cell.vertices[v] for v in keep}
        for v, s in values.items():
            if s == 0:
                vertices[v] = cell.vertices[v] | {new_id}
        vertices.update(new_points)
        inequalities = {c: g for c, g in cell.inequalities.items()
                        if sum(1 for t in vertices.values() if c in t) >= cell.dimension}
        inequalities[new_id] = oriented
        if len(inequalities) < len(cell.inequalities) + 1:
            vertices = {v: t & inequalities.keys() for v, t in vertices.items()}
        sides.append(Cell(vertices, inequalities))
    return sides[0], sides[1]


def affine_dimension(vertices: Iterable[Point]) -> int:
    """Dimension of the affine hull of homogeneous points (rank of the homogeneous matrix minus one).

    Parameters
    ----------
    vertices
        Homogeneous points.

    Returns
    -------
    int
        The dimension of their affine hull (``-1`` for none).
    """
    rows = [list(v) for v in vertices]
    if not rows:
        return -1
    return flint.fmpz_mat(rows).rank() - 1


def cell_faces(cell: Cell) -> dict[frozenset[Point], int]:
    """All nonempty faces of ``cell`` as vertex sets, with their dimensions (the cell itself included).

    Faces are the intersections of the tight-vertex sets of the inequalities (each is a face, and every face is an
    intersection of facets).

    Parameters
    ----------
    cell
        The cell.

    Returns
    -------
    dict
        Vertex set of each face -> its dimension.

    Examples
    --------
    >>> sorted(cell_faces(box_cell([0, 0], [1, 1])).values())
    [0, 0, 0, 0, 1, 1, 1, 1, 2]
    """
    cached = cell.__dict__.get("_faces")
    if cached is not None:                     # a cell never changes after it is made: compute its faces once
        return cached
    everything = frozenset(cell.vertices)
    generators = {frozenset(v for v, t in cell.vertices.items() if c in t) for c in cell.inequalities}
    generators = {g for g in generators if g and g != everything}
    faces = {everything}
    frontier = set(generators)
    while frontier:
        faces |= frontier
        frontier = {a & b for a in frontier for b in generators if a & b} - faces
    cell.__dict__["_faces"] = {f: (affine_dimension(f) if len(f) > 1 else 0) for f in faces}
    return cell.__dict__["_faces"]


def cell_volume(cell: Cell, faces: dict[frozenset[Point], int] | None = None) -> Fraction:
    """The exact volume of ``cell`` (a pulling triangulation: cone from the first vertex over the facets that miss
    it, recursively).

    Parameters
    ----------
    cell
        The cell.
    faces
        Its faces, when computed before.

    Returns
    -------
    Fraction
        The volume.

    Examples
    --------
    >>> cell_volume(box_cell([0, 0], [2, 3]))
    Fraction(6, 1)
    >>> cell_volume(cut(box_cell([0, 0, 0], [1, 1, 1]), (-1, -1, -1, 1), 6)[0])
    Fraction(1, 6)
    """
    faces = cell_faces(cell) if faces is None else faces
    n = cell.dimension
    by_dimension: dict[int, list[frozenset[Point]]] = {}
    for f, k in faces.items():
        by_dimension.setdefault(k, []).append(f)

    def simplices(face: frozenset[Point], k: int) -> list[tuple[Point, ...]]:
        if k == 0:
            return [tuple(face)[:1]]
        apex = min(face)
        out = []
        for facet in by_dimension.get(k - 1, []):
            if apex not in facet and facet <= face:
                out.extend(s + (apex,) for s in simplices(facet, k - 1))
        return out

    total = Fraction(0)
    for simplex in simplices(frozenset(cell.vertices), n):
        z = 1
        for v in simplex:
            z *= v[-1]
        total += Fraction(abs(int(flint.fmpz_mat([list(v) for v in simplex]).det())), z)
    return total / factorial(n)


__all__ = ["Cell", "Point", "Affine", "homogeneous", "normalize", "point", "value", "box_cell", "cut", "adjacent",
           "affine_dimension", "cell_faces", "cell_volume"]
