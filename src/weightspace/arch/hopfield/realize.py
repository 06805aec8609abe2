"""Realising a map by a recurrent scheme: an exact witness ``(W, theta)``, or an exhaustive proof that none exists.

For a scheme ``S`` the cell ``Par_g^S`` is the union of the one-step cells ``Par_F`` with ``S(F) = g`` and every
nonempty ``Par_F`` contains a chamber, so ``g`` is realisable iff some chamber composes to ``g``. Every chamber is
composed (listed, or streamed from a product); the number of chambers tried is compared with an independent count
(Zaslavsky, or the product of per-unit counts), which is what the ``exhaustive`` certificate records. Two synchronous
steps of decoupled networks beyond the chamber budget go through the exact square-root search of
[`roots`][weightspace.arch.hopfield.roots]. Any order: order ``pi`` realises ``g`` iff order ``1..n`` realises the
relabelled ``P^{-1} g P`` ([`symmetry`][weightspace.arch.hopfield.symmetry]), so each chamber is swept in one order and
compared with the ``n!`` conjugates.
"""

from __future__ import annotations

from itertools import permutations
from typing import Sequence

import numpy as np

from ...budget import DEFAULT_BUDGET, Budget
from ..base import Certificate, Realization, Witness, register_search
from .chambers import one_step_chambers
from .counting import count_hopfield, streamable
from .keys import map_dtype, map_keys
from .network import HopfieldNetwork
from .onestep import OneStepChambers
from .product import DECOUPLED, ProductChambers, chambers_per_unit, product_chambers
from .roots import RootCounter
from .scheme import Scheme, apply_scheme, async_sweep
from .symmetry import conjugate_maps, relabel_network

EXHAUSTIVE = ("Par_f for this scheme is a union of one-step chambers; every chamber was composed and none gives "
              "the map")
ANY_ORDER = (" in any order (each chamber swept in order 1..n and compared with the n! relabelled conjugates of "
             "the map; relabelling the units by pi turns order 1..n into order pi and preserves the constraint)")
SQUARE_ROOTS = ("no tuple F of per-unit threshold functions has F o F equal to the map: the search assigns F point "
                "by point, every assignment F(x) = y forcing F(y) = map(x), and prunes only when no threshold "
                "function of some unit agrees with the partial one")


def _found(network: HopfieldNetwork, target, W, theta, method: str, order=None) -> Realization:
    """A witness, for the network under the scheme with the concrete order that realises it."""
    scheme = network.scheme if order is None else Scheme(network.scheme.update, network.scheme.steps, tuple(order))
    concrete = network.with_scheme(scheme)
    parameters = concrete.ambient(W, theta)
    witness = Witness(parameters, concrete.witness_values(parameters))
    return Realization(concrete, tuple(target), True, witness, None, method)


def _exhaustive(network: HopfieldNetwork, target, checked: int, expected: int, method: str,
                any_order: bool = False) -> Realization:
    values = {"one_step_chambers_checked": checked, "one_step_chambers_by_zaslavsky": expected or None,
              "statement": EXHAUSTIVE + (ANY_ORDER if any_order else ""), "checked": checked, "expected": expected}
    return Realization(network, tuple(target), False, None, Certificate("exhaustive", values), method)


def _expected(n: int, weights: str, zaslavsky: int, budget: Budget) -> int:
    """The independent chamber count an exhaustive certificate is checked against."""
    return zaslavsky or count_hopfield(n, weights, budget=budget).maps


def realize_dynamics(n: int, mapping: str | Sequence[int], steps: int = 1, update: str = "sync",
                     order: str | Sequence[int] | None = None, weights: str = "free",
                     chambers: OneStepChambers | ProductChambers | None = None, progress=None,
                     budget: Budget = DEFAULT_BUDGET) -> Realization:
    """Find ``(W, theta)`` whose scheme realises ``mapping``, or prove that none exists (exhaustively); verified.

    ``order`` is 1-based (``None`` or ``"any"``: some order). ``progress(done, total)`` reports the listing of the
    one-step chambers when that takes long.

    Parameters
    ----------
    n
        Number of units.
    mapping
        The map: output codes in input-code order (``"0,1,1,0"`` or a sequence).
    steps
        Synchronous steps or asynchronous sweeps.
    update
        ``sync`` or ``async``.
    order
        The sweep order (1-based), or ``None`` / ``"any"``.
    weights
        The weight constraint.
    chambers
        One-step chambers computed before (computed here when ``None``).
    progress
        Called with ``(done, total)``.
    budget
        Size limits checked before the work starts.

    Returns
    -------
    Realization
        An exact witness ``(W, theta)``, or the exhaustive certificate that none exists.

    Raises
    ------
    InvalidInput
        For a malformed map, an unknown update or weight constraint, or an invalid order.
    TooLarge
        When the one-step chambers to search exceed the budget (``budget.max_chambers`` listed,
        ``budget.max_streamed`` streamed).

    Notes
    -----
    An impossibility is exhaustive: every one-step chamber is composed and compared with the target, and the
    certificate records how many were checked against Zaslavsky's count. Two synchronous steps of a decoupled network
    too large to list (4 free nodes) are decided by an exhaustive square-root search instead.

    Examples
    --------
    >>> realize_dynamics(2, "0,0,0,0", steps=3).realizable
    True
    >>> realize_dynamics(2, "1,2,3,0", steps=2).certificate.kind
    'exhaustive'
    """
    scheme = Scheme.parse(n, steps, update, order)
    if chambers is not None:                       # the chambers say which constraint they belong to
        weights = chambers.weights if isinstance(chambers, ProductChambers) else chambers.network.weights
    network = HopfieldNetwork(n, weights, scheme)
    target = network.parse_function(mapping)
    key = map_keys(np.array([target], dtype=np.int64), n)[0]
    if chambers is None and scheme.update == "sync" and steps == 2 and weights in DECOUPLED and n >= 2 \
            and chambers_per_unit(n, weights) ** n > budget.max_chambers:
        product = product_chambers(n, weights)
        cells = RootCounter(product).find(target)
        if cells is None:
            expected = chambers_per_unit(n, weights) ** n if product.verified else 0
            values = {"one_step_chambers": product.size, "statement": SQUARE_ROOTS, "checked": product.size,
                      "expected": expected}
            return Realization(network, target, False, None, Certificate("exhaustive-square-root-search", values),
                               "square-root-search").verify()
        W, theta = product.witness(product.flat_index(cells))
        return _found(network, target, W, theta, "square-root-search").verify()
    if chambers is None and streamable(n, weights, budget):
        chambers = product_chambers(n, weights)
    if isinstance(chambers, ProductChambers):      # streamed block by block
        sources, size = chambers.blocks(), chambers.size
        expected = chambers_per_unit(n, weights) ** n if chambers.verified else 0
    else:
        chambers = chambers or one_step_chambers(n, weights, progress=progress, budget=budget)
        sources, size = [(0, chambers.maps)], len(chambers)
        expected = _expected(n, weights, chambers.zaslavsky, budget)
    if scheme.any_order:
        return _realize_any_order(network, target, chambers, sources, size, expected).verify()
    for offset, maps in sources:
        for used_order, realised in apply_scheme(maps, n, scheme):
            hits = np.nonzero(map_keys(realised, n) == key)[0]
            if len(hits):
                W, theta = chambers.witness(offset + int(hits[0]))
                return _found(network, target, W, theta, "composition", used_order).verify()
    return _exhaustive(network, target, size, expected, "composition").verify()


def _realize_any_order(network, target, chambers, sources, size, expected) -> Realization:
    n, steps = network.n, network.scheme.steps
    identity = tuple(range(n))
    perms = list(permutations(range(n)))
    target_array = np.array([target], dtype=map_dtype(n))
    conjugated = [map_keys(conjugate_maps(target_array, tuple(np.argsort(p)), n), n)[0] for p in perms]
    wanted = np.array(sorted(set(conjugated)), dtype=np.uint64)
    method = "composition, orders by relabelling"
    for offset, maps in sources:
        keys = map_keys(async_sweep(maps, identity, steps), n)
        hits = np.nonzero(np.isin(keys, wanted))[0]
        if len(hits):
            chamber = int(hits[0])
            perm = perms[conjugated.index(keys[chamber])]
            W, theta = relabel_network(*chambers.witness(offset + chamber), perm)
            return _found(network, target, W, theta, method, perm)
    return _exhaustive(network, target, size, expected, method, any_order=True)


def _search(network: HopfieldNetwork, target: tuple, **options) -> Realization:
    s = network.scheme
    return realize_dynamics(network.n, target, s.steps, s.update, s.order_json(), network.weights, **options)


register_search(HopfieldNetwork, _search)

__all__ = ["realize_dynamics"]
