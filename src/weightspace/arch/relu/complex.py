"""The polyhedral complex of the activation regions of a ReLU network, and its face poset.

The regions computed by [`linear_regions()`][weightspace.arch.relu.regions.linear_regions] meet face to face: when a
unit's pre-activation ``h`` changes sign inside an edge ``e``, ``h`` restricted to ``e`` is the same affine function
from every cell containing ``e`` (``h`` is continuous), so every such cell is cut at the same point. Hence a face is
identified by its vertex set, and the faces of all cells form a polyhedral complex whose face poset is ``Dom_{A_Theta}``
of the source. On a box the complex subdivides the box (Euler characteristic 1); on ``R^d`` the faces are read off
the homogenised cones, dropping the faces that lie in the bounding box ``[-1, 1]^d x [0, 1]`` (Euler characteristic
``(-1)^d`` for a subdivision of ``R^d`` into relatively open cells).
"""

from __future__ import annotations

from typing import Any

from ...arrangement.polytope import Cell, Point, cell_faces
from ...poset import GradedPoset


class RegionComplex:
    """The cells with their facets identified globally (the subdivision is face-to-face)."""

    def __init__(self, cells: list[Cell], n: int, homogenised: bool):
        self.cells = cells
        self.n = n
        self.homogenised = homogenised

    def facet_keys(self, cell: Cell) -> list[frozenset[Point]]:
        return [frozenset(v for v, t in cell.vertices.items() if c in t) for c in cell.facets()]

    def merge_linear(self, maps: list[tuple]) -> list[int]:
        """Union-find over cells sharing a facet with the same affine map; returns a region index per cell."""
        parent = list(range(len(self.cells)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        owner: dict[frozenset[Point], int] = {}
        for i, cell in enumerate(self.cells):
            for key in self.facet_keys(cell):
                j = owner.setdefault(key, i)
                if j != i and maps[i] == maps[j]:
                    parent[find(i)] = find(j)
        labels: dict[int, int] = {}
        return [labels.setdefault(find(i), len(labels)) for i in range(len(self.cells))]

    def faces(self) -> dict[frozenset[Point], int]:
        """Every face of the complex (vertex set -> dimension); for ``R^d`` the faces that are not artefacts of
        the bounding box, with dimensions shifted back to ``R^d``."""
        out: dict[frozenset[Point], int] = {}
        for cell in self.cells:
            for face, k in cell_faces(cell).items():
                if face in out:
                    continue
                if self.homogenised:
                    if k == 0 or self._at_box(face):
                        continue
                    k -= 1
                out[face] = k
        return out

    def _at_box(self, face: frozenset[Point]) -> bool:
        """Whether a face of a homogenised cell lies in a facet of ``[-1, 1]^d x [0, 1]`` (an artefact)."""
        d = self.n - 1
        vertices = list(face)
        if all(v[d] == 0 for v in vertices) or all(v[d] == v[-1] for v in vertices):
            return True
        return any(all(v[i] == v[-1] for v in vertices) or all(v[i] == -v[-1] for v in vertices) for i in range(d))


def face_poset(subdivision: Any) -> GradedPoset:
    """The face poset of the subdivision of a network's input space (faces of every dimension, ordered by
    inclusion; nodes carry ``dim`` and, for regions, the activation ``pattern``).

    Parameters
    ----------
    subdivision
        The exact subdivision of a network's input space.

    Returns
    -------
    GradedPoset
        The faces of its regions, ordered by inclusion.

    Examples
    --------
    Three generic lines in the plane: 3 vertices, 9 edges, 7 regions (Euler characteristic ``3 - 9 + 7 = 1 = (-1)^2``):

    >>> from weightspace.arch.relu import ReLUNet, linear_regions
    >>> net = ReLUNet([[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]], [[0, 0, -1], [0]])
    >>> face_poset(linear_regions(net)).rank_sizes()
    [3, 9, 7]
    """
    complex_ = subdivision._complex
    faces = complex_.faces()
    index = {face: i for i, face in enumerate(faces)}
    covers = set()
    for cell in complex_.cells:
        own = [f for f in cell_faces(cell) if f in index]
        for small in own:
            for big in own:
                if faces[big] == faces[small] + 1 and small < big:
                    covers.add((index[small], index[big]))
    labels = {}
    for cell, region in zip(complex_.cells, subdivision.cells):
        labels[index[frozenset(cell.vertices)]] = {"pattern": region.pattern_string()}
    elements = list(faces)
    return GradedPoset([f"F{i}" for i in range(len(elements))], [faces[f] for f in elements], sorted(covers), labels)


def euler_characteristic(poset: GradedPoset) -> int:
    """``sum_k (-1)^k f_k``.

    Parameters
    ----------
    poset
        A face poset.

    Returns
    -------
    int
        ``sum_k (-1)^k f_k``.
    """
    return sum((-1) ** k * f for k, f in enumerate(poset.rank_sizes()))


__all__ = ["RegionComplex", "face_poset", "euler_characteristic"]
