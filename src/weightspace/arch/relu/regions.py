"""Exact linear regions and activation regions of a ReLU network on a box or on all of ``R^d``.

Two counts, because they differ on real networks:

* an **activation region** is a nonempty open cell on which the hidden pattern ``1[z > 0]`` of every pre-activation
  ``z`` is constant (a unit whose pre-activation vanishes on an open set is inactive there). Given the pattern, every
  pre-activation is an affine function of ``x``, so each activation region is an open convex polyhedron, and the
  regions and their faces form a polyhedral complex;
* a **linear region** is a maximal connected open set on which the network is affine: activation regions that share
  a facet and carry the same affine map merge, while the same map in two disconnected places counts twice.

The subdivision is computed layer by layer by exact polytope splitting
([`weightspace.arrangement.polytope`][weightspace.arrangement.polytope]): inside a cell of the subdivision by the
first ``l`` layers, each unit of layer ``l + 1`` is an affine function and cuts the cell along a hyperplane. All
arithmetic is on integers (the network is scaled to integer weights by
[`ReLUNet.integer_layers()`][weightspace.arch.relu.network.ReLUNet.integer_layers], which keeps every pattern and
multiplies the output by a positive constant) and the vertices are exact rationals.

All of ``R^d`` is handled by homogenisation: ``x`` becomes ``(x, t)`` with ``t >= 0``, every affine function
``a . x + c`` the linear form ``a . x + c t``, and the region ``R`` the cone over ``R x {1}``, cut down to the box
``[-1, 1]^d x [0, 1]``. Cones of distinct regions stay distinct and adjacent exactly when the regions are, and ``R``
is bounded iff the only point of its cone at ``t = 0`` is the apex.

Examples
--------
Two ReLUs on the line with the same kink: two activation regions, and a network that is affine across the kink
(``relu(x) - relu(-x) = x``) has one linear region:

>>> from weightspace.arch.relu.network import ReLUNet
>>> net = ReLUNet([[[1], [-1]], [[1, -1]]], [[0, 0], [0]])
>>> subdivision = linear_regions(net)
>>> subdivision.activation_regions, subdivision.regions, subdivision.bounded_regions
(2, 1, 0)
"""

from __future__ import annotations

import time
from math import comb
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import flint

from ...errors import InvalidInput, TooLarge
from ...arrangement.polytope import Cell, adjacent, box_cell, cell_volume, point
from ...exact import primitive
from .complex import RegionComplex
from .network import ReLUNet

MAX_INPUT_DIMENSION = 6           # exact splitting works in any dimension; beyond 6 the cells grow too fast


@dataclass(frozen=True)
class Region:
    """One activation region: its pattern, its closure as an exact polyhedron and the network's affine map there.

    ``inequalities`` are the facets ``a . x + c >= 0`` as ``(a, c)``; ``vertices`` the vertices of the closure and
    ``rays`` (on ``R^d``) the primitive integer directions of its extreme rays, so that the closure is
    ``conv(vertices) + cone(rays)`` when it has no lineality (a region containing a whole line, such as a half-plane,
    has neither listed: its inequalities describe it); ``linear_map`` is ``(A, c)`` with output ``A x + c``;
    ``linear_region`` the index of the linear region it belongs to; ``volume`` the exact volume (boxes only).
    """

    pattern: tuple[tuple[int, ...], ...]
    inequalities: tuple[tuple[tuple[Fraction, ...], Fraction], ...]
    vertices: tuple[tuple[Fraction, ...], ...]
    interior_point: tuple[Fraction, ...]
    linear_map: tuple[tuple[tuple[Fraction, ...], ...], tuple[Fraction, ...]]
    bounded: bool
    linear_region: int
    volume: Fraction | None = None
    rays: tuple[tuple[int, ...], ...] = ()

    def pattern_string(self) -> str:
        return "|".join("".join(map(str, bits)) for bits in self.pattern)


@dataclass(frozen=True)
class Subdivision:
    """The regions of a network on a box (``box = (lower, upper)``) or on ``R^d`` (``box = None``)."""

    network: ReLUNet = field(repr=False)
    box: tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None
    cells: tuple[Region, ...] = field(repr=False)
    regions: int
    activation_regions: int
    bounded_regions: int
    seconds: float = field(compare=False)
    _complex: Any = field(default=None, repr=False, compare=False)

    def volumes_sum_to_box(self) -> bool:
        """Exact check that the cell volumes add up to the volume of the box (boxes only).

        Raises
        ------
        InvalidInput
            For a subdivision of all of ``R^d`` (no volumes).
        """
        if self.box is None:
            raise InvalidInput("volumes are only defined on a box")
        total = Fraction(1)
        for lo, hi in zip(*self.box):
            total *= hi - lo
        return sum(c.volume for c in self.cells) == total

    def lines(self) -> list[str]:
        if self.box is None:
            where = f"R^{self.network.input_dimension}"
        else:
            where = "the box " + " x ".join(f"[{lo}, {hi}]" for lo, hi in zip(*self.box))
        bounded = f" ({self.bounded_regions} bounded)" if self.box is None else ""
        return [f"{self.regions} linear regions{bounded} and {self.activation_regions} activation regions on "
                f"{where}, exact, in {self.seconds:.2f} s"]

    def to_dict(self, cells: bool = False) -> dict[str, Any]:
        out = {"network": self.network.spec, "widths": list(self.network.widths),
               "box": None if self.box is None else [[str(v) for v in side] for side in self.box],
               "regions": self.regions, "activation_regions": self.activation_regions,
               "bounded_regions": self.bounded_regions, "seconds": round(self.seconds, 3)}
        if cells:
            out["cells"] = [_region_dict(c) for c in self.cells]
        return out


def _region_dict(region: Region) -> dict[str, Any]:
    text = lambda values: [str(v) for v in values]                                      # noqa: E731
    return {"pattern": region.pattern_string(), "linear_region": region.linear_region, "bounded": region.bounded,
            "interior_point": text(region.interior_point), "vertices": [text(v) for v in region.vertices],
            "rays": [list(r) for r in region.rays],
            "inequalities": [{"a": text(a), "c": str(c)} for a, c in region.inequalities],
            "map": {"A": [text(r) for r in region.linear_map[0]], "c": text(region.linear_map[1])},
            "volume": None if region.volume is None else str(region.volume)}


def parse_box(text: str, dimension: int) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """``"LO,HI"`` as the box ``[LO, HI]^d``.

    Parameters
    ----------
    text
        ``"LO,HI"``.
    dimension
        The input dimension ``d``.

    Returns
    -------
    tuple
        The lower and upper corners.

    Raises
    ------
    InvalidInput
        When the text is not two rational numbers with ``LO < HI``.

    Examples
    --------
    >>> parse_box("-1,1/2", 2)
    ((Fraction(-1, 1), Fraction(-1, 1)), (Fraction(1, 2), Fraction(1, 2)))
    """
    from ...exact import to_fraction

    parts = text.split(",")
    if len(parts) != 2:
        raise InvalidInput(f"--box takes LO,HI (two numbers), not {text!r}")
    lo, hi = (to_fraction(p) for p in parts)
    if not lo < hi:
        raise InvalidInput(f"--box {text}: LO must be below HI")
    return (lo,) * dimension, (hi,) * dimension


def linear_regions(net: ReLUNet, box: tuple[Sequence[Any], Sequence[Any]] | None = None,
                   max_cells: int = 2_000_000, progress: Callable[[int, int], None] | None = None,
                   volumes: bool | None = None) -> Subdivision:
    """The exact subdivision of the input space of ``net`` into activation regions and linear regions.

    ``box = (lower, upper)`` restricts to ``prod [lower_i, upper_i]``; ``None`` means all of ``R^d``
    (``bounded_regions`` then counts the bounded linear regions). Cell volumes are computed on boxes (``volumes``
    defaults to ``True`` there). ``progress(done, total)`` is called after each hidden unit.

    Parameters
    ----------
    net
        The network (input dimension at most 6).
    box
        ``(lower, upper)`` corners, or ``None`` for all of ``R^d``.
    max_cells
        Cells allowed in any layer before the work stops.
    progress
        Called with ``(units done, hidden units)``.
    volumes
        Compute exact cell volumes (boxes only; default on boxes).

    Returns
    -------
    Subdivision
        The activation regions with exact geometry, and the counts.

    Raises
    ------
    InvalidInput
        When the input dimension is above 6 (use a 2-D slice,
        [`ReLUNet.restricted_to_plane()`][weightspace.arch.relu.network.ReLUNet.restricted_to_plane]) or the box is
        malformed.
    TooLarge
        When more than ``max_cells`` cells appear.

    Notes
    -----
    Cost: one cut per (cell, unit) pair, each linear in the cell's vertices times its edges; exact integer
    arithmetic throughout. Measured figures are in BENCHMARKS.md (``benchmarks/relu_regions.py``).

    Examples
    --------
    One layer of three generic lines in the plane: ``1 + 3 + 3 = 7`` regions, one of them bounded:

    >>> net = ReLUNet([[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]], [[0, 0, -1], [0]])
    >>> s = linear_regions(net)
    >>> s.regions, s.activation_regions, s.bounded_regions
    (7, 7, 1)
    >>> linear_regions(net, box=([-2, -2], [2, 2])).volumes_sum_to_box()
    True
    """
    started = time.perf_counter()
    d = net.input_dimension
    if d > MAX_INPUT_DIMENSION:
        raise InvalidInput(f"exact regions are for inputs of dimension <= {MAX_INPUT_DIMENSION}; this network takes "
                           f"{d}: take a 2-D slice (--slice ORIGIN:U:V)")
    if box is not None:
        lower, upper = (tuple(Fraction(v) for v in side) for side in box)
        if len(lower) != d or len(upper) != d:
            raise InvalidInput(f"the box must have {d} coordinates per corner")
        start, n, constant = box_cell(lower, upper), d, d           # coordinates x; constant term last
        box = (lower, upper)
    else:
        start, n, constant = box_cell([-1] * d + [0], [1] * d + [1]), d + 1, d   # coordinates (x, t); t carries c
    first_width = net.hidden_widths[0] if net.hidden_widths else 0
    first_bound = sum(comb(first_width, j) for j in range(d + 1))       # regions of m hyperplanes in R^d, at most
    if first_bound > max_cells:
        raise TooLarge(f"the first layer alone can cut R^{d} into more than {max_cells} regions",
                       f"up to {first_bound} regions from {first_width} units (general position)")
    weights, biases, scale = net.integer_layers()
    matrices = [flint.fmpz_mat(w) for w in weights]
    bias_matrices = [flint.fmpz_mat([[b if j == constant else 0 for j in range(n + 1)] for b in layer])
                     for layer in biases]
    first = [tuple(row) + (b,) + ((0,) if box is None else ()) for row, b in zip(weights[0], biases[0])]
    cells = [(start, (), flint.fmpz_mat([list(row) for row in first]))]
    next_id = [2 * n]
    total_units = sum(net.hidden_widths)
    done = 0
    for layer in range(len(weights) - 1):
        refined = []
        columns = [flint.fmpz_mat([[v] for v in column]) for column in zip(*weights[layer + 1])]
        for cell, pattern, rows in cells:
            pieces, fixed = _refine(cell, rows, next_id, max_cells - len(refined))
            composer = _Composer(matrices[layer + 1], bias_matrices[layer + 1], columns, rows, fixed)
            for piece, bits in pieces:
                refined.append((piece, pattern + (bits,), composer(bits)))
            if len(refined) > max_cells:
                raise TooLarge(f"more than {max_cells} cells in layer {layer + 1}", f"> {max_cells} regions")
        cells = refined
        done += rows.nrows() if cells else 0
        if progress is not None:
            progress(done, total_units)
    return _assemble(net, box, cells, scale, n, d, started, volumes if volumes is not None else box is not None)


def _refine(cell: Cell, rows: Any, next_id: list[int], limit: int) \
        -> tuple[list[tuple[Cell, tuple[int, ...]]], list[int | None]]:
    """Cut ``cell`` by every unit of a layer (``rows``: an integer matrix, the units' affine functions on the cell);
    the pieces with their bits, and each unit's bit on the whole cell (``None`` for the units that cross it).

    One integer matrix product gives every unit's sign at every vertex of ``cell``; a unit that does not change
    sign on the cell does not change sign on any piece of it, so only the crossing units are cut one by one.
    More than ``limit`` pieces is a [`TooLarge`][weightspace.errors.TooLarge] as soon as it happens.
    """
    from ...arrangement.polytope import cut

    width = rows.ncols()
    values = (rows * flint.fmpz_mat([list(v) for v in cell.vertices]).transpose()).tolist()   # unit by vertex
    fixed: list[int | None] = []
    for unit_values in values:
        if all(v <= 0 for v in unit_values):
            fixed.append(0)
        elif all(v >= 0 for v in unit_values):
            fixed.append(1)
        else:
            fixed.append(None)
    crossing = [k for k, bit in enumerate(fixed) if bit is None]
    out = []
    stack = [(cell, 0, {})]
    while stack:
        piece, i, bits = stack.pop()
        while i < len(crossing):
            k = crossing[i]
            plus, minus = cut(piece, primitive([int(rows[k, j]) for j in range(width)]), next_id[0])
            if plus is not None and minus is not None:
                next_id[0] += 1
                stack.append((minus, i + 1, {**bits, k: 0}))
                piece, bits = plus, {**bits, k: 1}
            else:
                bits = {**bits, k: 1 if plus is not None else 0}
            i += 1
        out.append((piece, tuple(bits[k] if bit is None else bit for k, bit in enumerate(fixed))))
        if len(out) > limit:
            raise TooLarge(f"a layer cuts one region into more than {limit} pieces", f"> {limit} regions")
    return out, fixed


class _Composer:
    """The next layer's rows ``W diag(bits) rows + B`` on each piece of one cell (flint ``fmpz_mat``s; ``B`` holds the
    biases in the constant column). The units fixed on the whole cell are composed once; a piece adds one rank-one
    term ``W[:, k] rows[k]`` per crossing unit ``k`` active on it, or is composed in full when that is cheaper."""

    def __init__(self, weight: Any, bias: Any, columns: list, rows: Any, fixed: list[int | None]):
        self.weight, self.bias, self.columns, self.rows = weight, bias, columns, rows
        self.crossing = [k for k, bit in enumerate(fixed) if bit is None]
        self.base = _compose(weight, bias, rows, tuple(bit or 0 for bit in fixed)) if len(self.crossing) <= 8 \
            else None

    def __call__(self, bits: tuple[int, ...]) -> Any:
        if self.base is None:
            return _compose(self.weight, self.bias, self.rows, bits)
        out = self.base
        width = self.rows.ncols()
        for k in self.crossing:
            if bits[k]:
                out = out + self.columns[k] * flint.fmpz_mat([[self.rows[k, j] for j in range(width)]])
        return out


def _compose(weight: Any, bias: Any, rows: Any, bits: tuple[int, ...]) -> Any:
    """Rows of the next layer, ``W diag(bits) rows + B`` (flint ``fmpz_mat``s; ``B`` holds the biases in the
    constant column)."""
    zero = [0] * rows.ncols()
    masked = [row if bit else zero for row, bit in zip(rows.tolist(), bits)]
    return weight * flint.fmpz_mat(masked) + bias


def _assemble(net, box, cells, scale, n, d, started, volumes) -> Subdivision:
    homogenised = box is None
    origin = (0,) * n + (1,)
    cells = [(cell, pattern, [tuple(int(v) for v in row) for row in rows.tolist()]) for cell, pattern, rows in cells]
    complex_ = RegionComplex([cell for cell, _, _ in cells], n, homogenised)
    regions_of = complex_.merge_linear([tuple(rows) for _, _, rows in cells])
    out, bounded_linear = [], {}
    for index, (cell, pattern, rows) in enumerate(cells):
        linear = regions_of[index]
        if homogenised:
            at_infinity = [v for v in cell.vertices if v[d] == 0 and v != origin]
            bounded = not at_infinity
            edges = [v for v in cell.vertices if v != origin and adjacent(cell, origin, v)] \
                if origin in cell.vertices else []                    # extreme rays of the cone over the region
            vertices = tuple(sorted(tuple(Fraction(c, v[d]) for c in v[:d]) for v in edges if v[d] != 0))
            rays = tuple(sorted(primitive(v[:d]) for v in edges if v[d] == 0))
            inner = cell.interior_point()
            interior = tuple(c / inner[d] for c in inner[:d])
            facets = [(h[:d], h[d]) for c, h in cell.facets().items() if c >= 2 * n]
        else:
            bounded, rays = True, ()
            vertices = tuple(sorted(point(v) for v in cell.vertices))
            interior = cell.interior_point()
            facets = [(h[:d], h[d]) for h in cell.facets().values()]
        A = tuple(tuple(Fraction(v, scale) for v in r[:d]) for r in rows)      # coordinate d: constant (or t)
        c_out = tuple(Fraction(r[d], scale) for r in rows)
        bounded_linear[linear] = bounded_linear.get(linear, True) and bounded
        inequalities = tuple((tuple(Fraction(a) for a in h), Fraction(c)) for h, c in sorted(facets))
        out.append(Region(pattern, inequalities, vertices, interior, (A, c_out), bounded, linear,
                          cell_volume(cell) if volumes else None, rays))
    return Subdivision(net, box, tuple(out), len(bounded_linear), len(out), sum(bounded_linear.values()),
                       time.perf_counter() - started, complex_)


__all__ = ["Region", "Subdivision", "linear_regions", "parse_box", "MAX_INPUT_DIMENSION"]
