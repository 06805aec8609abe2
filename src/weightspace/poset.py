"""Graded posets: Hasse diagram, rank, f-vector, isomorphism and export (networkx).

A [`GradedPoset`][weightspace.poset.GradedPoset] is stored by its cover relations; everything else is derived. It is the
common currency for the intersection lattice, face posets of arrangements and the coarsened posets of recurrent
networks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Hashable, Sequence

if TYPE_CHECKING:                    # networkx is imported where a graph is made (it costs ~0.1 s at start-up)
    import networkx as nx


@dataclass
class GradedPoset:
    """A finite graded poset given by its elements, a rank function and its cover relations.

    ``covers`` holds pairs ``(x, y)`` (indices into ``elements``) with ``x`` covered by ``y``;
    ``labels`` are optional node attributes (for a face poset: the sign vector).

    Examples
    --------
    >>> P = GradedPoset(["0", "a", "b", "1"], [0, 1, 1, 2], [(0, 1), (0, 2), (1, 3), (2, 3)])
    >>> P.rank_sizes(), P.is_interval_graded()
    ([1, 2, 1], True)
    """

    elements: Sequence[Hashable]
    ranks: Sequence[int]
    covers: Sequence[tuple[int, int]]
    labels: dict[int, dict] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.elements)

    def rank_sizes(self) -> list[int]:
        """Number of elements of each rank (the f-vector of a face poset, indexed by dimension)."""
        if not self.ranks:
            return []
        out = [0] * (max(self.ranks) + 1)
        for r in self.ranks:
            out[r] += 1
        return out

    def is_interval_graded(self) -> bool:
        """Every cover relation raises the rank by exactly one."""
        return all(self.ranks[y] == self.ranks[x] + 1 for x, y in self.covers)

    def hasse_diagram(self) -> nx.DiGraph:
        """The Hasse diagram (edges from an element to the elements covering it), with ``rank`` attributes."""
        import networkx as nx
        graph = nx.DiGraph()
        for i, element in enumerate(self.elements):
            attributes = {"rank": self.ranks[i], "name": str(element)}
            attributes.update(self.labels.get(i, {}))
            graph.add_node(i, **attributes)
        graph.add_edges_from(self.covers)
        return graph

    def write_graphml(self, path: str | Path) -> None:
        """Write the Hasse diagram as GraphML (readable by networkx, Gephi, yEd, igraph)."""
        graph = self.hasse_diagram()
        for _, data in graph.nodes(data=True):
            for key, value in list(data.items()):
                if not isinstance(value, (int, float, str, bool)):
                    data[key] = str(value)
        import networkx as nx
        nx.write_graphml(graph, str(path))

    def is_isomorphic(self, other: "GradedPoset") -> bool:
        """Poset isomorphism (rank-preserving isomorphism of Hasse diagrams; networkx VF2)."""
        if self.rank_sizes() != other.rank_sizes() or len(self.covers) != len(other.covers):
            return False
        import networkx as nx
        match = nx.algorithms.isomorphism.categorical_node_match("rank", None)
        return nx.is_isomorphic(_plain(self), _plain(other), node_match=match)


def _plain(poset: GradedPoset) -> nx.DiGraph:
    import networkx as nx
    graph = nx.DiGraph()
    graph.add_nodes_from((i, {"rank": r}) for i, r in enumerate(poset.ranks))
    graph.add_edges_from(poset.covers)
    return graph
