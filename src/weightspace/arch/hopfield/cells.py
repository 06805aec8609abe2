"""The structure of ``Par_f`` for a recurrent scheme inside the one-step arrangement.

For a scheme ``S`` (``k`` synchronous steps, or sweeps in a fixed order) the cell ``Par_g^S`` is a union of
one-step chambers (and of some of their faces). For every realised ``g`` this module reports exactly

* how many one-step chambers the cell contains;
* whether they are connected through facets (components of the chamber adjacency graph restricted to the cell);
* whether the cell is convex. Exact criterion: a union ``U`` of closed chambers is convex iff for every wall
  between a chamber of ``U`` and a chamber outside ``U`` all of ``U`` lies on one side of that wall's hyperplane.
  (Necessity: a convex set lies on one side of a supporting hyperplane of a boundary facet. Sufficiency: ``U``
  then lies in the polyhedral cone ``P`` cut out by those halfspaces; ``P`` is a union of chambers whose adjacency
  graph is connected, so if ``U != P`` some facet joins ``U`` to ``P \\ U``, and it would be a wall of ``U``
  with the outside chamber on the wrong side.) Signs are read off the one-step maps, so the test is exact;
* the coarsened face poset ``Sigma[Par^S]``: one-step faces mapped to their ``S``-maps, ordered by closure.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ...arrangement import faces
from ...budget import DEFAULT_BUDGET, Budget
from ...errors import InvalidInput
from ...poset import GradedPoset
from .keys import distinct, key_to_map, map_keys
from .onestep import OneStepChambers
from .scheme import Scheme, apply_scheme


@dataclass
class CellRow:
    """One realised map ``g`` and the shape of ``Par_g`` in the one-step arrangement."""

    mapping: tuple[int, ...]
    chambers: int
    components: int
    convex: bool

    def to_dict(self) -> dict[str, Any]:
        return {"map": list(self.mapping), "chambers": self.chambers, "components": self.components,
                "connected": self.components == 1, "convex": self.convex}


@dataclass
class CellStructure:
    """All cells of a scheme with summary statistics."""

    nodes: int
    weights: str
    steps: int
    update: str
    order: tuple[int, ...] | None
    rows: list[CellRow]

    def summary(self) -> dict[str, Any]:
        return {"nodes": self.nodes, "weights": self.weights, "steps": self.steps, "update": self.update,
                "order": None if self.order is None else [u + 1 for u in self.order],
                "maps": len(self.rows), "one_step_chambers": sum(r.chambers for r in self.rows),
                "connected": sum(r.components == 1 for r in self.rows),
                "disconnected": sum(r.components > 1 for r in self.rows),
                "convex": sum(r.convex for r in self.rows),
                "non_convex": sum(not r.convex for r in self.rows),
                "largest_cell": max((r.chambers for r in self.rows), default=0),
                "most_components": max((r.components for r in self.rows), default=0)}


def _scheme_maps(maps: np.ndarray, n: int, steps: int, update: str, order, what: str):
    """The scheme's maps of each one-step chamber (or face), for a fixed order (1-based ``order``)."""
    scheme = Scheme.parse(n, steps, update, order)
    if scheme.any_order:
        raise InvalidInput(f"{what} needs a fixed order for asynchronous updates (give --order)")
    return apply_scheme(maps, n, scheme)[0][1], scheme.order


def cell_structure(chambers: OneStepChambers, steps: int = 1, update: str = "sync", order=None) -> CellStructure:
    """Chambers, facet-connectivity and exact convexity of every cell ``Par_g`` of a scheme.

    Parameters
    ----------
    chambers
        The one-step chambers.
    steps
        Synchronous steps or asynchronous sweeps of the scheme.
    update
        ``sync`` or ``async``.
    order
        The sweep order (0-based), or ``None``.

    Returns
    -------
    CellStructure
        For each realised map, its chambers, connectivity and convexity.

    Raises
    ------
    InvalidInput
        For an unknown update or an invalid order.
    TooLarge
        When the chamber adjacency needs more than 62 distinct hyperplanes.

    Examples
    --------
    >>> from weightspace.arch.hopfield import one_step_chambers
    >>> s = cell_structure(one_step_chambers(2), steps=1).summary()
    >>> s["maps"], s["convex"], s["connected"]
    (196, 196, 196)
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    n = chambers.network.n
    realised, order = _scheme_maps(chambers.maps, n, steps, update, order, "the cell structure")
    keys = map_keys(realised, n)
    unique_keys, label = np.unique(keys, return_inverse=True)
    groups = len(unique_keys)
    total = len(chambers)
    sizes = np.bincount(label, minlength=groups)
    source, target = chambers.edge_source, chambers.edge_target
    same = label[source] == label[target]
    graph = coo_matrix((np.ones(int(same.sum()), dtype=np.int8), (source[same], target[same])), shape=(total, total))
    _, component = connected_components(graph, directed=False)
    pairs = distinct(label.astype(np.int64) * total + component)
    components = np.bincount(pairs // total, minlength=groups)
    # exact convexity: on every boundary wall the whole cell has one sign
    points = 2 ** n
    walls = chambers.edge_unit[~same].astype(np.int64) * points + chambers.edge_input[~same]
    boundary = distinct(label[source[~same]].astype(np.int64) * (n * points) + walls)
    order_by_label = np.argsort(label, kind="stable")
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    convex = np.ones(groups, dtype=bool)
    for unit in range(n):
        bits = ((chambers.maps[order_by_label].astype(np.int64) >> unit) & 1).astype(np.int8)  # (N, points)
        low = np.minimum.reduceat(bits, starts, axis=0)
        high = np.maximum.reduceat(bits, starts, axis=0)
        constant = low == high                                                                 # (groups, points)
        mine = boundary[(boundary % (n * points)) // points == unit]
        group_of, input_of = mine // (n * points), mine % points
        bad = ~constant[group_of, input_of]
        convex[group_of[bad]] = False
    rows = [CellRow(key_to_map(k, n), int(sizes[g]), int(components[g]), bool(convex[g]))
            for g, k in enumerate(unique_keys)]
    return CellStructure(n, chambers.network.weights, steps, update, order, rows)


def coarsened_poset(chambers: OneStepChambers, steps: int = 1, update: str = "sync", order=None,
                    budget: Budget = DEFAULT_BUDGET) -> GradedPoset:
    """``Sigma[Par^S]``: the one-step face poset coarsened by the scheme's map.

    Elements are the realised maps; ``g`` is below ``h`` when a one-step face with ``S``-map ``g`` lies in the
    closure of a face with ``S``-map ``h``. The rank of an element is the largest dimension of a face in it.
    Cover pairs come from face covers between different maps (a relation, reported as is: ``is_acyclic`` in the
    node labels tells whether it is a partial order).

    Parameters
    ----------
    chambers
        The one-step chambers.
    steps
        Synchronous steps or asynchronous sweeps of the scheme.
    update
        ``sync`` or ``async``.
    order
        The sweep order (0-based), or ``None``.
    budget
        Limits the faces enumerated.

    Returns
    -------
    GradedPoset
        The faces of the cells and their order.
    """
    import networkx as nx
    n = chambers.network.n
    Scheme.parse(n, steps, update, order)
    arrangement = chambers.network.arrangement()
    enumeration = faces(arrangement, limit=budget.max_poset_faces)
    points = 2 ** n
    one_step = np.zeros((len(enumeration), points), dtype=np.int64)
    for j, (unit, x) in enumerate(arrangement.labels):
        plus = np.array([(p >> j) & 1 for p, _ in enumeration.covectors], dtype=np.int64)
        one_step[:, x] |= plus << unit
    realised, order = _scheme_maps(one_step.astype(chambers.maps.dtype), n, steps, update, order,
                                   "the coarsened poset")
    keys = map_keys(realised, n)
    unique_keys, label = np.unique(keys, return_inverse=True)
    ranks = [0] * len(unique_keys)
    for k, dim in zip(label, enumeration.dimensions):
        ranks[k] = max(ranks[k], dim)
    relation = set()
    for below, above in enumeration.face_poset().covers:
        a, b = label[below], label[above]
        if a != b:
            relation.add((int(a), int(b)))
    graph = nx.DiGraph(list(relation))
    graph.add_nodes_from(range(len(unique_keys)))
    acyclic = nx.is_directed_acyclic_graph(graph)
    covers = list(nx.transitive_reduction(graph).edges()) if acyclic else sorted(relation)
    labels = {g: {"map": ",".join(map(str, key_to_map(k, n))), "acyclic": acyclic} for g, k in enumerate(unique_keys)}
    return GradedPoset([key_to_map(k, n) for k in unique_keys], ranks, covers, labels)


__all__ = ["CellRow", "CellStructure", "cell_structure", "coarsened_poset"]
