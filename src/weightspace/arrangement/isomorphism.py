"""Isomorphism of intersection lattices, with a witness: a bijection of hyperplanes that carries flats to flats.

Two arrangements have isomorphic intersection posets ``L(A)`` and ``L(B)`` iff some bijection ``phi`` of their
distinct hyperplanes maps the hyperplane set of every flat of ``A`` onto the hyperplane set of a flat of ``B`` of
the same rank, and back (a flat is determined by the hyperplanes containing it, and ``X <= Y`` iff the hyperplanes
of ``X`` are among those of ``Y``). Such a bijection is an isomorphism of the incidence graphs of hyperplanes and
flats coloured by rank, and conversely; nauty's canonical labelling (pynauty; McKay and Piperno 2014) decides that
graph isomorphism and gives the bijection, which is then checked on every flat before it is returned. nauty is
made for graphs with large automorphism groups (the Petersen graph's 120 act on its graphical arrangement), where a
plain backtracking matcher such as VF2 stalls. A negative answer names the first invariant that separates the two
(distinct hyperplanes, rank, flats per rank, characteristic polynomial), or says that the canonical forms differ.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..errors import CertificationError
from .arrangement import Arrangement, distinct_hyperplanes
from .lattice import IntersectionLattice, characteristic_polynomial, intersection_lattice


@dataclass(frozen=True)
class LatticeIsomorphism:
    """The answer: ``bijection`` maps hyperplane indices of the first arrangement (one per distinct hyperplane) to
    indices of the second; ``invariant`` names what separates non-isomorphic lattices."""

    isomorphic: bool
    bijection: dict[int, int] | None = None
    invariant: str | None = None
    values: tuple[Any, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"isomorphic": self.isomorphic,
                "bijection": None if self.bijection is None else [[a, b] for a, b in sorted(self.bijection.items())],
                "invariant": self.invariant, "values": None if self.values is None else list(self.values)}


def _classes(A: Arrangement) -> tuple[list[int], list[int]]:
    """``(class_of, representatives)``: distinct hyperplanes (up to orientation and scaling)."""
    class_of = distinct_hyperplanes(A)
    representatives: dict[int, int] = {}
    for i, c in enumerate(class_of):
        representatives.setdefault(c, i)
    return class_of, [representatives[c] for c in range(len(representatives))]


def _flat_sets(lattice: IntersectionLattice, class_of: list[int]) -> dict[frozenset, int]:
    return {frozenset(class_of[i] for i in flat.hyperplanes): flat.rank for flat in lattice.flats}


def lattice_isomorphism(A: Arrangement, B: Arrangement) -> LatticeIsomorphism:
    """Decide whether ``L(A)`` and ``L(B)`` are isomorphic; return a verified bijection of hyperplanes, or the
    invariant that separates them.

    Parameters
    ----------
    A
        The first arrangement.
    B
        The second arrangement.

    Returns
    -------
    LatticeIsomorphism
        A verified bijection of hyperplanes, or the invariant that differs.

    Raises
    ------
    CertificationError
        When a proposed bijection fails its flat-by-flat check (never expected).

    Notes
    -----
    The intersection lattices of both are built (see
    [`intersection_lattice`][weightspace.arrangement.lattice.intersection_lattice] for the cost), then nauty labels
    two graphs of one vertex per hyperplane and per flat of rank >= 2: the Petersen arrangement (8,581 flats) and a
    relabelled copy take about 1.6 s.

    Examples
    --------
    The braid arrangement of 3 coordinates and the graphical arrangement of the triangle are the same arrangement
    up to labels; the Shi arrangement of 3 coordinates is not:

    >>> from weightspace import library
    >>> lattice_isomorphism(library.braid(3), library.graphical("0-1,1-2,0-2")).isomorphic
    True
    >>> answer = lattice_isomorphism(library.braid(3), library.shi(3))
    >>> answer.isomorphic, answer.invariant
    (False, 'distinct hyperplanes')
    """
    class_a, reps_a = _classes(A)
    class_b, reps_b = _classes(B)
    if len(reps_a) != len(reps_b):
        return LatticeIsomorphism(False, None, "distinct hyperplanes", (len(reps_a), len(reps_b)))
    if A.rank != B.rank:
        return LatticeIsomorphism(False, None, "rank", (A.rank, B.rank))
    lattice_a, lattice_b = intersection_lattice(A), intersection_lattice(B)
    if lattice_a.whitney_numbers(2) != lattice_b.whitney_numbers(2):
        return LatticeIsomorphism(False, None, "flats per rank", (lattice_a.whitney_numbers(2),
                                                                   lattice_b.whitney_numbers(2)))
    chi_a = characteristic_polynomial(A, lattice_a).coefficients
    chi_b = characteristic_polynomial(B, lattice_b).coefficients
    trimmed_a, trimmed_b = chi_a[:A.rank + 1], chi_b[:B.rank + 1]     # chi up to the factor t^(d - rank)
    if trimmed_a != trimmed_b:
        return LatticeIsomorphism(False, None, "characteristic polynomial", (list(chi_a), list(chi_b)))
    flats_a, flats_b = _flat_sets(lattice_a, class_a), _flat_sets(lattice_b, class_b)
    phi = _canonical_bijection(flats_a, flats_b, len(reps_a), A.rank)
    if phi is None:
        return LatticeIsomorphism(False, None, "canonical forms of the hyperplane-flat incidence graphs differ")
    for members, rank in flats_a.items():
        if flats_b.get(frozenset(phi[c] for c in members)) != rank:
            raise CertificationError("a lattice isomorphism from canonical labelling does not carry a flat to a flat")
    if len(flats_a) != len(flats_b):
        raise CertificationError("a lattice isomorphism from canonical labelling is not onto")
    return LatticeIsomorphism(True, {reps_a[c]: reps_b[phi[c]] for c in range(len(reps_a))})


def _incidence(flats: dict[frozenset, int], classes: int, rank: int):
    """The incidence graph of hyperplanes (vertices ``0..classes-1``) and flats of rank ``>= 2``, with the vertex
    colouring by rank that nauty takes (an ordered list of colour classes, the same order for both graphs)."""
    import pynauty
    adjacency: dict[int, list[int]] = {h: [] for h in range(classes)}
    by_rank: list[set[int]] = [set(range(classes))] + [set() for _ in range(2, rank + 1)]
    vertex = classes
    for members, r in flats.items():
        if r >= 2:
            adjacency[vertex] = sorted(members)
            by_rank[r - 1].add(vertex)
            vertex += 1
    colouring = [part for part in by_rank if part]
    return pynauty.Graph(vertex, directed=False, adjacency_dict=adjacency, vertex_coloring=colouring)


def _canonical_bijection(flats_a: dict[frozenset, int], flats_b: dict[frozenset, int], classes: int,
                         rank: int) -> dict[int, int] | None:
    """Hyperplane bijection from nauty's canonical labellings (McKay-Piperno), or ``None`` when the canonical
    forms differ (then no isomorphism exists)."""
    import pynauty
    graph_a, graph_b = _incidence(flats_a, classes, rank), _incidence(flats_b, classes, rank)
    if pynauty.certificate(graph_a) != pynauty.certificate(graph_b):
        return None
    label_a, label_b = pynauty.canon_label(graph_a), pynauty.canon_label(graph_b)
    vertex_map = {a: b for a, b in zip(label_a, label_b)}
    return {h: vertex_map[h] for h in range(classes)}


__all__ = ["LatticeIsomorphism", "lattice_isomorphism"]
