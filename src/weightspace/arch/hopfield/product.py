"""Decoupled one-step chambers, streamed: free and zero-diagonal weights without materialising every chamber.

With free weights (or ``W_ii = 0`` and nothing else) the one-step arrangement of an ``n``-node Hopfield network is a
product: unit ``i`` is a threshold unit of all ``n`` inputs (free) or of the ``n - 1`` others (zero diagonal), with its
own parameters. Its chambers are the tuples ``(c_1, ..., c_n)`` of chambers of the per-unit threshold arrangement, the
one-step map of a tuple is ``x -> sum_i t_{c_i}(x) 2^i`` and an exact witness is the tuple of per-unit witnesses.
[`ProductChambers`][weightspace.arch.hopfield.product.ProductChambers] enumerates these maps block by block (the first
unit's chamber fixed, the others vectorised), so that schemes can be composed over ``10^8`` chambers in bounded memory:
this is how the 4-node zero-diagonal counts (``104^4 = 116,985,856`` one-step chambers) are made.

Examples
--------
>>> chambers = product_chambers(2, "zero-diagonal")
>>> len(chambers), chambers.per_unit
(16, 4)
>>> chambers.unit_chambers(chambers.flat_index((3, 1)))
(3, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

import numpy as np

from ...arrangement import chamber_complex, region_counts
from ...errors import InvalidInput
from ..threshold.unit import threshold_arrangement

DECOUPLED = ("free", "zero-diagonal")


@dataclass
class ProductChambers:
    """The one-step chambers of a decoupled network as a lazily enumerated product.

    ``tables[i]`` has shape ``(per_unit, 2^n)``: row ``c`` is unit ``i``'s output (0/1) on every input code in
    chamber ``c`` of its threshold arrangement. Chamber ``(c_0, ..., c_{n-1})`` has the flat index
    ``sum c_i per_unit^(n-1-i)`` (first unit most significant).
    """

    n: int
    weights: str
    tables: list[np.ndarray]
    _unit_witnesses: list[tuple[tuple[int, ...], int]] = field(repr=False)
    verified: bool = False          # per-unit chamber count equals Zaslavsky's count for the unit arrangement

    @property
    def per_unit(self) -> int:
        return int(self.tables[0].shape[0])

    @property
    def size(self) -> int:
        """Number of one-step chambers ``per_unit^n`` (a Python int: ``len()`` overflows beyond ``2^63``)."""
        return self.per_unit ** self.n

    def __len__(self) -> int:
        return self.size

    @property
    def block_size(self) -> int:
        return self.per_unit ** (self.n - 1)

    def maps_of(self, cells: np.ndarray) -> np.ndarray:
        """One-step maps (``(N, 2^n)`` output codes) of the chambers given by per-unit indices ``cells`` (``(N, n)``)."""
        cells = np.asarray(cells, dtype=np.int64).reshape(-1, self.n)
        maps = np.zeros((len(cells), 2 ** self.n), dtype=np.uint8)
        for i in range(self.n):
            maps |= (self.tables[i][cells[:, i]] << i).astype(np.uint8)
        return maps

    def block(self, first: int) -> np.ndarray:
        """Maps of the chambers whose first unit sits in chamber ``first`` (flat indices ``first*block_size + r``),
        as a ``(block_size, 2^n)`` array of output codes."""
        rest = np.indices((self.per_unit,) * (self.n - 1)).reshape(self.n - 1, -1)
        return self.maps_of(np.vstack([np.full(self.block_size, first), rest]).T)

    def blocks(self) -> Iterator[tuple[int, np.ndarray]]:
        """``(offset, maps)`` for every block, in flat-index order."""
        for first in range(self.per_unit):
            yield first * self.block_size, self.block(first)

    def unit_chambers(self, c: int) -> tuple[int, ...]:
        """The per-unit chamber indices of flat chamber ``c``."""
        digits = []
        for _ in range(self.n):
            c, d = divmod(int(c), self.per_unit)
            digits.append(d)
        return tuple(reversed(digits))

    def flat_index(self, cells: tuple[int, ...]) -> int:
        """Inverse of [`unit_chambers()`][weightspace.arch.hopfield.product.ProductChambers.unit_chambers]."""
        flat = 0
        for c in cells:
            flat = flat * self.per_unit + int(c)
        return flat

    def map(self, c: int) -> tuple[int, ...]:
        """The one-step map of chamber ``c`` (output code by input code)."""
        return tuple(self.maps_of([self.unit_chambers(c)])[0].tolist())

    def witness(self, c: int) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]:
        """Exact integer ``(W, theta)`` inside chamber ``c`` (the per-unit witnesses side by side)."""
        rows, theta = [], []
        for i, cell in enumerate(self.unit_chambers(c)):
            w, b = self._unit_witnesses[cell]
            if self.weights == "zero-diagonal":
                w = w[:i] + (0,) + w[i:]
            rows.append(tuple(w))
            theta.append(b)
        return tuple(rows), tuple(theta)


def chambers_per_unit(n: int, weights: str = "free") -> int:
    """Chambers of one unit's threshold arrangement, ``T(n)`` (free) or ``T(n - 1)`` (zero diagonal), by
    Zaslavsky's theorem; a decoupled network has ``chambers_per_unit(n, weights)^n`` one-step chambers.

    Parameters
    ----------
    n
        Number of units.
    weights
        ``free`` or ``zero-diagonal``.

    Returns
    -------
    int
        ``T(n)`` or ``T(n - 1)``.

    Examples
    --------
    >>> chambers_per_unit(4), chambers_per_unit(4, "zero-diagonal")
    (1882, 104)
    """
    m = n if weights == "free" else n - 1
    return region_counts(threshold_arrangement(m)).chambers if m else 2


def product_chambers(n: int, weights: str = "free") -> ProductChambers:
    """Per-unit threshold chambers of a decoupled ``n``-node network (``weights`` free or zero-diagonal).

    The per-unit chambers come from the exact chamber enumeration of the threshold arrangement on ``{0,1}^m``
    (``m = n`` or ``n - 1``), each with an integer witness ``(w, b)``.

    Parameters
    ----------
    n
        Number of units.
    weights
        ``free`` or ``zero-diagonal``.

    Returns
    -------
    ProductChambers
        Each unit's threshold chambers; the network's chambers are their product.

    Raises
    ------
    InvalidInput
        When the weights couple the units (symmetric constraints) or ``n < 1``.
    """
    if weights not in DECOUPLED:
        raise InvalidInput(f"only {' and '.join(DECOUPLED)} weights decouple the units, not {weights!r}")
    if not isinstance(n, int) or n < 1:
        raise InvalidInput(f"a Hopfield network needs at least one node, got {n!r}")
    m = n if weights == "free" else n - 1
    if m == 0:
        unit_tables = np.array([[0], [1]], dtype=np.int64)      # constant units: theta < 0 or theta > 0
        witnesses = [((), -1), ((), 1)]
        verified = True
    else:
        unit = chamber_complex(threshold_arrangement(m))
        unit_tables = np.array([[1 if s > 0 else 0 for s in unit.chamber(c).signs] for c in range(len(unit))],
                               dtype=np.int64)
        witnesses = []
        for c in range(len(unit)):
            w = unit.chamber(c).witness
            witnesses.append((tuple(int(v) for v in w[:-1]), int(w[-1])))
        verified = len(unit) == chambers_per_unit(n, weights)
    codes = np.arange(2 ** n)
    tables = []
    for i in range(n):
        if weights == "free":
            local = codes
        else:                                   # drop bit i: the unit does not see its own state
            low = codes & ((1 << i) - 1)
            local = low | ((codes >> (i + 1)) << i)
        tables.append(unit_tables[:, local].astype(np.uint8))
    return ProductChambers(n, weights, tables, witnesses, verified)


__all__ = ["DECOUPLED", "ProductChambers", "chambers_per_unit", "product_chambers"]
