"""Orbit representatives of hyperplane sets by canonical labelling of a coloured graph (nauty).

The symmetric characteristic polynomial
([`symmetric_characteristic_polynomial()`][weightspace.arrangement.symmetric.symmetric_characteristic_polynomial])
needs, for a set ``S`` of hyperplanes (a flat), a key that is equal exactly for sets in the same ``G``-orbit, the
order of the stabiliser ``Stab(S)`` and the ``Stab(S)``-orbits of the hyperplanes. Enumerating ``G`` costs ``|G|``
per set (645,120 elements for the cube of 7 inputs). When ``G`` is the automorphism group of a small combinatorial
structure, all three come from one graph instead:

* a *base* graph on ``B`` vertices whose automorphism group is ``G`` acting on the base (the ``n + 1`` coordinates
  of the resonance arrangement with no edges, ``S_(n+1)``; the ``2n`` literals ``x_i = 0``, ``x_i = 1`` of the cube
  joined in pairs, the hyperoctahedral group ``2^n n!``);
* one vertex per hyperplane, joined to its *sides*: a hyperplane with one side is joined to that side's base
  vertices directly, one with several sides (the resonance hyperplane ``sum_S x = 0 = sum_(complement) x``) is
  joined to one extra vertex per side, each joined to its base vertices.

If every automorphism of the base extends to the graph and a hyperplane vertex is determined by its sides, then the
automorphism group of the graph *coloured* by (base, hyperplanes in ``S``, hyperplanes not in ``S``, side vertices)
is ``Stab_G(S)``, and two colourings have the same canonical form (nauty's certificate) exactly when the sets lie
in the same orbit. The constructors below build the two families used here; the tests check every answer against
the enumeration of the whole group on small cases.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ..errors import CertificationError, InvalidInput
from ..exact import set_bits


class GraphSymmetry:
    """A group given as the automorphisms of a coloured graph, acting on ``m`` hyperplanes.

    Parameters
    ----------
    base
        Number of base vertices ``B``.
    base_edges
        Edges among the base vertices.
    sides
        For each hyperplane, its sides: lists of base vertices.

    Raises
    ------
    InvalidInput
        When a side names a vertex outside ``range(base)``.

    Examples
    --------
    >>> symmetry = GraphSymmetry.resonance(3)
    >>> symmetry.order
    24
    >>> symmetry.canonical(0b0000011)[0] == symmetry.canonical(0b0000101)[0]   # {x1, x2} and {x1, x1 + x2}
    False
    """

    def __init__(self, base: int, base_edges: Sequence[tuple[int, int]], sides: Sequence[Sequence[Sequence[int]]]):
        import pynauty
        self._pynauty = pynauty
        self.base = base
        self.m = len(sides)
        adjacency: dict[int, list[int]] = {v: [] for v in range(base)}
        for u, v in base_edges:
            adjacency[u].append(v)
        self.base_adjacency = {v: list(adjacency[v]) for v in range(base)}
        self.sides = [[[int(v) for v in side] for side in hyperplane_sides] for hyperplane_sides in sides]
        extra = base + self.m
        self.side_vertices: list[int] = []
        for h, hyperplane_sides in enumerate(sides):
            vertex = base + h
            for side in hyperplane_sides:
                if any(not 0 <= int(v) < base for v in side):
                    raise InvalidInput(f"hyperplane {h} has a side outside the {base} base vertices")
            if len(hyperplane_sides) == 1:
                adjacency[vertex] = [int(v) for v in hyperplane_sides[0]]
            else:
                adjacency[vertex] = list(range(extra, extra + len(hyperplane_sides)))
                for side in hyperplane_sides:
                    adjacency[extra] = [int(v) for v in side]
                    self.side_vertices.append(extra)
                    extra += 1
        self.vertices = extra
        self.graph = pynauty.Graph(extra, adjacency_dict=adjacency)
        self.keys: dict[tuple[int, bytes], tuple[int, int]] = {}
        self.cache: dict[int, tuple[int, int]] = {}
        self._next_key = 0
        self.spec: tuple[str, int] | None = None          # ("cube", n) or ("resonance", n) from the constructors
        self.order = self._stabiliser(0)[0]

    @classmethod
    def cube(cls, n: int) -> "GraphSymmetry":
        """The ``2^n n!`` symmetries of the cube acting on the threshold arrangement of ``n`` inputs (hyperplane
        ``x`` is the point with code ``x``, bit ``i`` the coordinate ``x_i``).

        Parameters
        ----------
        n
            Number of inputs.

        Returns
        -------
        GraphSymmetry
            Base: the literals ``2i`` (``x_i = 0``) and ``2i + 1`` (``x_i = 1``), joined in pairs.

        Raises
        ------
        InvalidInput
            For ``n < 1``.
        """
        if n < 1:
            raise InvalidInput("the cube needs n >= 1")
        sides = [[[2 * i + ((x >> i) & 1) for i in range(n)]] for x in range(2 ** n)]
        symmetry = cls(2 * n, [(2 * i, 2 * i + 1) for i in range(n)], sides)
        symmetry.spec = ("cube", n)
        return symmetry

    @classmethod
    def resonance(cls, n: int) -> "GraphSymmetry":
        """``S_(n+1)`` acting on the resonance arrangement ``R_n`` (hyperplane ``k`` is the subset with bit mask
        ``k + 1``; with ``x_(n+1) = -(x_1 + ... + x_n)`` its two sides are the subset and its complement in
        ``[n+1]``).

        Parameters
        ----------
        n
            The dimension.

        Returns
        -------
        GraphSymmetry
            Base: the ``n + 1`` coordinates, no edges.

        Raises
        ------
        InvalidInput
            For ``n < 2`` (``S_2`` does not act faithfully on the one hyperplane of ``R_1``).
        """
        if n < 2:
            raise InvalidInput("the graph form of the resonance group needs n >= 2")
        everything = range(n + 1)
        sides = [[[i for i in everything if (s >> i) & 1], [i for i in everything if not (s >> i) & 1]]
                 for s in range(1, 2 ** n)]
        symmetry = cls(n + 1, [], sides)
        symmetry.spec = ("resonance", n)
        return symmetry

    def _colour(self, mask: int) -> None:
        members = {self.base + h for h in set_bits(mask)}
        others = set(range(self.base, self.base + self.m)) - members
        classes = [set(range(self.base)), members, others, set(self.side_vertices)]
        self.graph.set_vertex_coloring([c for c in classes if c])

    def _members_graph(self, mask: int):
        """The base and the hyperplanes of ``S`` only: its automorphisms are ``Stab(S)`` as well, and it is smaller.
        Colours: base vertices, the hyperplanes' vertices, their side vertices."""
        adjacency = {v: list(self.base_adjacency[v]) for v in range(self.base)}
        hubs: set[int] = set()
        extra: set[int] = set()
        vertex = self.base
        for h in set_bits(mask):
            sides = self.sides[h]
            hubs.add(vertex)
            if len(sides) == 1:
                adjacency[vertex] = sides[0]
                vertex += 1
            else:
                adjacency[vertex] = list(range(vertex + 1, vertex + 1 + len(sides)))
                for k, side in enumerate(sides, start=1):
                    adjacency[vertex + k] = side
                    extra.add(vertex + k)
                vertex += 1 + len(sides)
        classes = [c for c in (set(range(self.base)), hubs, extra) if c]
        return self._pynauty.Graph(vertex, adjacency_dict=adjacency, vertex_coloring=classes)

    def _stabiliser(self, mask: int) -> tuple[int, np.ndarray]:
        self._colour(mask)
        _, size, exponent, orbits, _ = self._pynauty.autgrp(self.graph)
        representatives = np.asarray(orbits[self.base:self.base + self.m], dtype=np.int64) - self.base
        return _exact_order(size, exponent), representatives

    def canonical(self, mask: int) -> tuple[int, int]:
        """``(key, |Stab(S)|)`` for the hyperplane set ``S`` with bit mask ``mask``; keys are equal exactly on orbits.

        Parameters
        ----------
        mask
            Bit ``h`` set when hyperplane ``h`` is in ``S``.

        Returns
        -------
        tuple of int
            A small integer naming the orbit (in order of first appearance) and the stabiliser's order.

        Raises
        ------
        CertificationError
            When the stabiliser order does not divide the group order.
        """
        hit = self.cache.get(mask)
        if hit is not None:
            return hit
        certificate = (bin(mask).count("1"), self._pynauty.certificate(self._members_graph(mask)))
        hit = self.keys.get(certificate)
        if hit is None:
            hit = self.keys[certificate] = (self._next_key, self.stabiliser_order(mask))
            self._next_key += 1
        self.cache[mask] = hit
        return hit

    def key(self, mask: int) -> bytes:
        """An orbit name that does not depend on the process: the number of hyperplanes and nauty's certificate
        (the canonical adjacency matrix) of the set's graph, compressed. Equal exactly on orbits.

        Parameters
        ----------
        mask
            Bit mask of ``S``.

        Returns
        -------
        bytes
            The key.
        """
        import zlib
        certificate = self._pynauty.certificate(self._members_graph(mask))
        return bin(mask).count("1").to_bytes(4, "big") + zlib.compress(certificate, 6)

    def stabiliser_order(self, mask: int) -> int:
        """``|Stab(S)|``, checked to divide the group's order.

        Parameters
        ----------
        mask
            Bit mask of ``S``.

        Returns
        -------
        int
            The order.

        Raises
        ------
        CertificationError
            When it does not divide the group's order.
        """
        _, size, exponent, _, _ = self._pynauty.autgrp(self._members_graph(mask))    # Stab(S), smaller graph
        order = _exact_order(size, exponent)
        if self.order % order:
            raise CertificationError(f"a stabiliser of order {order} in a group of order {self.order}")
        return order

    def forget(self) -> None:
        """Drop the keys and cached sets seen so far (keys handed out later stay distinct from earlier ones): the
        symmetric characteristic polynomial calls this after each rank, since flats of different ranks never share
        an orbit."""
        self.keys.clear()
        self.cache.clear()

    def orbits(self, mask: int) -> np.ndarray:
        """For every hyperplane, the smallest hyperplane of its ``Stab(S)``-orbit.

        Parameters
        ----------
        mask
            Bit mask of ``S``.

        Returns
        -------
        numpy.ndarray
            ``m`` integers.

        Raises
        ------
        CertificationError
            As for [`canonical()`][weightspace.arrangement.graph_symmetry.GraphSymmetry.canonical].
        """
        return self._stabiliser(mask)[1]


def _exact_order(size: float, exponent: int) -> int:
    """nauty's group order ``size * 10^exponent`` as an integer, refused unless a double holds it exactly."""
    order = round(size * 10 ** exponent)
    if order >= 2 ** 53 or abs(order - size * 10 ** exponent) > 1e-6 * order:
        raise CertificationError(f"nauty's group order {size} * 10^{exponent} is not an exact integer")
    return order


__all__ = ["GraphSymmetry"]
