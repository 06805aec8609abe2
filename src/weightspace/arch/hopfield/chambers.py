"""The routes that list every chamber of the one-step Hopfield arrangement, with exact witnesses.

* free weights: the arrangement is a product of ``n`` threshold arrangements of ``n`` inputs, so the chambers are tuples
  of unit chambers
  ([`weightspace.arch.hopfield.onestep.product_edges()`][weightspace.arch.hopfield.onestep.product_edges] gives the
  adjacency);
* constrained weights, ``direct``: deletion-restriction on the arrangement in the constraint subspace ``L``;
* constrained weights, ``elimination``: the thresholds eliminated
  ([`elimination`][weightspace.arch.hopfield.elimination]).

The budget ([`weightspace.budget.Budget`][weightspace.budget.Budget]) bounds how many chambers are listed.
"""

from __future__ import annotations

import numpy as np

from ...arrangement import chamber_complex, check_size, region_counts
from ...budget import DEFAULT_BUDGET, Budget
from ...errors import InvalidInput, TooLarge
from ..threshold.unit import threshold_arrangement
from .elimination import eliminated_chambers
from .keys import map_dtype
from .network import HopfieldNetwork
from .onestep import OneStepChambers, chamber_adjacency, product_edges


ROUTES = ("auto", "direct", "elimination")


def one_step_chambers(n: int, weights: str = "free", verify: bool = False, progress=None,
                      route: str = "auto", budget: Budget = DEFAULT_BUDGET) -> OneStepChambers:
    """Enumerate the chambers of the one-step Hopfield arrangement with witnesses and adjacency.

    Routes for constrained weights: ``direct`` (deletion-restriction in the full parameter space), ``elimination``
    (thresholds eliminated, [`weightspace.arch.hopfield.elimination`][weightspace.arch.hopfield.elimination]; it also
    computes Zaslavsky's count) and ``auto``: elimination for symmetric weights (3x faster at 3 nodes, the only way at
    4), direct otherwise, and elimination whenever direct is beyond its limit. Free weights are a product of unit
    chambers.

    ``zaslavsky`` holds the independent count ``(-1)^d chi(-1)`` when it is cheap (free weights, small
    arrangements, elimination) or when ``verify`` is set; 0 means it was not computed.

    Parameters
    ----------
    n
        Number of units.
    weights
        The weight constraint.
    verify
        Re-check every witness in exact arithmetic.
    progress
        Called with ``(done, total)``.
    route
        ``auto``, ``direct`` (enumerate the chambers of the constrained arrangement) or ``elimination`` (eliminate the
        thresholds first).
    budget
        Size limits checked before the work starts.

    Returns
    -------
    OneStepChambers
        The realised maps with exact witnesses and adjacency.

    Raises
    ------
    InvalidInput
        For an unknown ``route`` or weight constraint, or ``n < 1``.
    TooLarge
        When the chambers to list exceed ``budget.max_chambers`` (or, on the elimination route, the order chambers or
        (order chamber, cut) combinations exceed ``budget.max_order_chambers`` / ``budget.max_combinations``).

    Notes
    -----
    Memory is linear in the number of chambers: about 30 bytes per chamber for maps and witnesses. Measured on the
    development machine: 4 symmetric zero-diagonal nodes, 6,732,428 chambers in about 67 s (2.5 GB peak) with a
    raised ``max_chambers``; free weights at 3 nodes, ``104^3`` chambers from the product of unit chambers in under a
    second. Zaslavsky's count is compared with the listing whenever it is computed.

    Examples
    --------
    >>> len(one_step_chambers(2)), len(one_step_chambers(2, "symmetric"))
    (196, 146)
    """
    if route not in ROUTES:
        raise InvalidInput(f"unknown route {route!r}: use {', '.join(ROUTES)}")
    network = HopfieldNetwork(n, weights)
    if weights == "free":
        return _free_chambers(network, budget)
    eliminated = None
    if route == "elimination" or (route == "auto" and network.symmetric and n >= 3):
        try:
            return eliminated_chambers(network, progress, budget)
        except TooLarge as error:
            if route == "elimination":
                raise
            eliminated = error
    return _constrained_chambers(network, budget, verify, progress, fallback=route == "auto", eliminated=eliminated)



def _free_chambers(network: HopfieldNetwork, budget: Budget) -> OneStepChambers:
    n = network.n
    unit = chamber_complex(threshold_arrangement(n))
    t = len(unit)
    total = t ** n
    if total > budget.max_chambers:
        raise TooLarge(f"free weights with {n} nodes have T({n})^{n} one-step chambers to enumerate",
                       f"{total:.3g} chambers (limit {budget.max_chambers:.0e})")
    points = 2 ** n
    tables = np.array([[1 if s > 0 else 0 for s in unit.chamber(c).signs] for c in range(t)], dtype=np.int64)
    index = np.indices((t,) * n).reshape(n, -1)            # index[i, c] = chamber of unit i in product chamber c
    maps = np.zeros((total, points), dtype=np.int64)
    for i in range(n):
        maps |= tables[index[i]] << i

    def edges():
        return product_edges(unit, index, n, t, total)
    witnesses = [unit.chamber(c).witness for c in range(t)]

    def witness(c: int):
        per_unit = [witnesses[index[i][c]] for i in range(n)]
        return tuple(tuple(int(v) for v in w[:-1]) for w in per_unit), tuple(int(w[-1]) for w in per_unit)

    return OneStepChambers(network, maps.astype(map_dtype(n)), edges, witness,
                           region_counts(threshold_arrangement(n)).chambers ** n)



def _constrained_chambers(network: HopfieldNetwork, budget: Budget, verify: bool = False, progress=None,
                          fallback: bool = True, eliminated: TooLarge | None = None) -> OneStepChambers:
    """Deletion-restriction in the full space; when that is too large and ``fallback`` is set, eliminate the
    thresholds instead (unless ``eliminated``, the error of an elimination already tried, says it fails too)."""
    arrangement = network.arrangement()
    try:
        check_size(arrangement, "the one-step chambers", limit=budget.max_chambers)
    except TooLarge as direct:
        if not fallback:
            raise
        if eliminated is None:
            try:
                return eliminated_chambers(network, progress, budget)
            except TooLarge as error:
                eliminated = error
        raise TooLarge(f"{direct}; with the thresholds eliminated: {eliminated}") from None
    complex_ = chamber_complex(arrangement)
    n, points = network.n, 2 ** network.n
    labels = arrangement.labels
    masks = np.array(complex_.masks, dtype=np.int64)
    class_of = np.array(complex_.class_of, dtype=np.int64)
    negative = np.array([o < 0 for o in complex_.orientation], dtype=np.int64)
    positive = ((masks[:, None] >> class_of[None, :]) & 1) ^ negative[None, :]   # sign + on label j
    maps = np.zeros((len(masks), points), dtype=np.int64)
    for j, (unit, x) in enumerate(labels):
        maps[:, x] |= positive[:, j] << unit

    def witness(c: int):
        return network.parameters(complex_.points[c])

    zaslavsky = region_counts(arrangement).chambers if (verify or len(arrangement) <= 8) else 0
    maps = maps.astype(map_dtype(n))          # the adjacency closure keeps this compact copy, not the int64 one
    return OneStepChambers(network, maps, lambda: chamber_adjacency(arrangement, maps), witness, zaslavsky)


__all__ = ["ROUTES", "one_step_chambers"]
