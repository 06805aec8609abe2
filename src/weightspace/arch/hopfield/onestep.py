"""One-step chambers of a Hopfield network as a value: maps, exact witnesses and lazily computed adjacency.

The routes that list them live in [`weightspace.arch.hopfield.chambers`][weightspace.arch.hopfield.chambers] (direct
enumeration, the product of unit chambers) and
[`weightspace.arch.hopfield.elimination`][weightspace.arch.hopfield.elimination] (thresholds eliminated); this module
holds what they share.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from ...arrangement import Arrangement, hyperplane_classes
from ...errors import TooLarge
from .keys import map_keys
from .network import HopfieldNetwork


@dataclass
class OneStepChambers:
    """Every chamber of the one-step arrangement of an ``n``-node network, as maps with exact witnesses.

    ``maps[c]`` is the one-step map of chamber ``c`` (output codes by input code); ``edges`` lists adjacent
    chambers ``(c, c')`` with the wall they share as a label ``(unit, input code)``. With free weights the
    chambers are tuples of threshold-function chambers (product structure); otherwise they come from the coupled
    arrangement in the constrained parameter space.
    """

    network: HopfieldNetwork
    maps: np.ndarray
    _edges: Any = field(repr=False)        # () -> (source, target, unit, input), computed on first use
    _witness: Any = field(repr=False)
    zaslavsky: int = 0
    source: str = "enumerated chambers"   # how the chambers were listed

    def __len__(self) -> int:
        return len(self.maps)

    @cached_property
    def edges(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Adjacent chambers ``(source, target, unit, input)``: both directions of every shared facet."""
        return self._edges()

    @property
    def edge_source(self) -> np.ndarray:
        return self.edges[0]

    @property
    def edge_target(self) -> np.ndarray:
        return self.edges[1]

    @property
    def edge_unit(self) -> np.ndarray:
        return self.edges[2]

    @property
    def edge_input(self) -> np.ndarray:
        return self.edges[3]

    def witness(self, c: int) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]:
        """Exact integer ``(W, theta)`` inside chamber ``c``."""
        return self._witness(int(c))

    @cached_property
    def keys(self) -> np.ndarray:
        return map_keys(self.maps, self.network.n)



def chamber_adjacency(arrangement: Arrangement, maps: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Edges ``(source, target, unit, input)`` between chambers that share a facet.

    Two chambers share a facet exactly when their sign vectors differ on one distinct hyperplane (the chamber
    graph distance is the number of separating hyperplanes). The sign of hyperplane ``(unit, x)`` on a chamber
    is bit ``unit`` of its map at ``x``; the edge is labelled by the first label of the wall's class.

    Parameters
    ----------
    arrangement
        The one-step arrangement.
    maps
        The map of every chamber.

    Returns
    -------
    tuple of numpy.ndarray
        Sources, targets, units and inputs of the edges.

    Raises
    ------
    TooLarge
        When the arrangement has more than 62 distinct hyperplanes (sign vectors are kept as 64-bit masks).
    """
    representatives, class_of, _ = hyperplane_classes(arrangement.normals)
    classes = len(representatives)
    if classes > 62:
        raise TooLarge("chamber adjacency needs at most 62 distinct hyperplanes", f"{classes} hyperplanes")
    labels = arrangement.labels
    first_label: dict[int, Any] = {}
    for position, cls in enumerate(class_of):
        first_label.setdefault(cls, labels[position])
    masks = np.zeros(len(maps), dtype=np.int64)
    for cls, (unit, x) in first_label.items():
        masks |= ((maps[:, x].astype(np.int64) >> unit) & 1) << cls
    order = np.argsort(masks)
    sorted_masks = masks[order]
    sources, targets, units, inputs = [], [], [], []
    for cls in range(classes):
        flipped = masks ^ (1 << cls)
        where = np.searchsorted(sorted_masks, flipped)
        where[where >= len(masks)] = 0
        found = sorted_masks[where] == flipped
        unit, x = first_label[cls]
        sources.append(np.nonzero(found)[0].astype(np.int32))
        targets.append(order[where[found]].astype(np.int32))
        units.append(np.full(int(found.sum()), unit, dtype=np.int8))
        inputs.append(np.full(int(found.sum()), x, dtype=np.int16))
    return np.concatenate(sources), np.concatenate(targets), np.concatenate(units), np.concatenate(inputs)



def product_edges(unit, index: np.ndarray, n: int, t: int, total: int):
    """Edges of the product of ``n`` copies of the chamber complex ``unit``: one unit crosses one of its walls.

    Parameters
    ----------
    unit
        One unit's chamber complex.
    index
        The product chambers, as per-unit chamber indices.
    n
        Number of units.
    t
        Chambers of one unit.
    total
        Chambers of the product.

    Returns
    -------
    tuple
        The edges, as for ``chamber_adjacency``.
    """
    sources, targets, units, inputs = [], [], [], []
    graph = unit.adjacency_graph()
    unit_edges = []
    for a, b, data in graph.edges(data=True):
        wall = data["wall"]
        x = unit.class_of.index(wall)
        unit_edges.append((a, b, x))
        unit_edges.append((b, a, x))
    unit_edges = np.array(unit_edges, dtype=np.int64)
    strides = [t ** (n - 1 - i) for i in range(n)]
    all_chambers = np.arange(total, dtype=np.int64)
    for i in range(n):
        own = index[i]
        for a, b, x in unit_edges:
            chosen = all_chambers[own == a]
            sources.append(chosen.astype(np.int32))
            targets.append((chosen + (b - a) * strides[i]).astype(np.int32))
            units.append(np.full(len(chosen), i, dtype=np.int8))
            inputs.append(np.full(len(chosen), x, dtype=np.int16))
    return np.concatenate(sources), np.concatenate(targets), np.concatenate(units), np.concatenate(inputs)



__all__ = ["OneStepChambers", "chamber_adjacency", "product_edges"]
