"""How many maps ``{0,1}^n -> {0,1}^n`` a Hopfield network realises, for one step or any update scheme.

Every nonempty ``Par_F`` contains a chamber of the one-step arrangement, so the maps realised by a scheme ``S`` are
exactly ``{S(F) : F a chamber}`` ([`scheme`][weightspace.arch.hopfield.scheme]): the chambers are composed and the
distinct results counted. Decoupled weights (free, zero-diagonal) beyond ``budget.max_chambers`` are composed as a
streamed product ([`product`][weightspace.arch.hopfield.product]), up to ``budget.max_streamed`` chambers. "Any order"
composes order ``1..n`` and adds the relabelled conjugates ([`symmetry`][weightspace.arch.hopfield.symmetry]).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import permutations
from typing import Any, Callable, Sequence

import numpy as np

from ...arrangement import region_counts
from ...arrangement.symmetric import symmetric_characteristic_polynomial
from ...budget import DEFAULT_BUDGET, Budget
from ...errors import InvalidInput, TooLarge
from ..threshold.counting import CountResult, count_arrangement_chambers, count_threshold
from ..threshold.unit import ThresholdUnit
from .chambers import one_step_chambers
from .keys import distinct, map_keys
from .network import HopfieldNetwork
from .onestep import OneStepChambers
from .product import DECOUPLED, ProductChambers, chambers_per_unit, product_chambers
from .scheme import Scheme, apply_scheme, scheme_powers
from .symmetry import any_order_keys

ONE_STEP_METHODS = ("auto", "enumeration", "charpoly")


@dataclass(frozen=True)
class DynamicsCount:
    """Maps realised by a scheme: the count, and how many one-step chambers were composed."""

    nodes: int
    weights: str
    steps: int
    update: str
    order: tuple[int, ...] | None
    maps: int
    chambers: int
    one_step_maps_verified: bool
    seconds: float
    method: str = "composition of enumerated chambers"
    details: dict = field(default_factory=dict, compare=False)

    @property
    def count(self) -> int:
        return self.maps

    def to_dict(self) -> dict[str, Any]:
        return {"maps": self.maps, "nodes": self.nodes, "weights": self.weights, "steps": self.steps,
                "update": self.update, "order": None if self.order is None else [u + 1 for u in self.order],
                "one_step_chambers": self.chambers, "chambers_match_zaslavsky": self.one_step_maps_verified,
                "total_maps": (2 ** self.nodes) ** (2 ** self.nodes), "method": self.method,
                "seconds": round(self.seconds, 4), **self.details}

    def lines(self) -> list[str]:
        scheme = Scheme(self.update, self.steps, self.order)
        total = (2 ** self.nodes) ** (2 ** self.nodes)
        return [f"{self.maps} of {total} maps are realisable by a {self.nodes}-node network, {scheme.describe()}, "
                f"{self.weights} weights ({self.method}, {self.seconds:.2f} s)"]


def count_hopfield(n: int, weights: str = "free", method: str = "auto",
                   progress: Callable[[int, int], None] | None = None, budget: Budget = DEFAULT_BUDGET) \
        -> DynamicsCount:
    """Number of maps ``{0,1}^n -> {0,1}^n`` realised by one synchronous Hopfield step under a weight constraint.

    Free weights: the arrangement is a product, so the count is ``T(n)^n`` (method ``product``; ``enumeration`` or
    ``charpoly`` on the full product arrangement are available for small ``n`` as independent checks); with a zero
    diagonal it is ``T(n-1)^n``. Other constraints: Zaslavsky's count of the coupled arrangement in the constraint
    subspace, from one flat per orbit of [`hopfield_group()`][weightspace.arch.hopfield.symmetry.hopfield_group].

    Parameters
    ----------
    n
        Number of units.
    weights
        ``free``, ``symmetric``, ``zero-diagonal`` or ``symmetric-zero-diagonal``.
    method
        ``auto``, ``enumeration`` or ``charpoly`` (see above; ``auto`` takes the product on decoupled weights).
    progress
        Called with ``(done, total)``.
    budget
        Size limits checked before the work starts.

    Returns
    -------
    DynamicsCount
        The number of maps, the method and its statistics.

    Raises
    ------
    InvalidInput
        For an unknown ``method`` or weight constraint.
    TooLarge
        When the method's arrangement is beyond the budget (enumeration: ``budget.max_chambers``).

    Notes
    -----
    The ``charpoly`` route never lists chambers: its cost is that of one flat per orbit of the relabel/flip group
    (4 free nodes: seconds). Enumeration lists every chamber with a witness.

    Examples
    --------
    >>> count_hopfield(2).maps, count_hopfield(2, "symmetric").maps
    (196, 146)
    """
    network = HopfieldNetwork(n, weights)
    if method not in ONE_STEP_METHODS:
        raise InvalidInput(f"unknown method {method!r} for Hopfield counts: use auto, enumeration or charpoly")
    start = time.perf_counter()
    if network.constraint.decoupled and method == "auto":
        # the units decouple: unit i is a threshold unit of all n inputs (free) or of the other n - 1 (W_ii = 0)
        inputs = n if weights == "free" else n - 1
        if inputs:
            unit = count_threshold(ThresholdUnit.on_cube(inputs).domain, "auto", progress, budget=budget, workers=1)
        else:
            unit = CountResult(2, "direct", 0.0)
        result, used, details = unit.count ** n, "product", {"per_unit": unit.count, "per_unit_method": unit.method}
    elif method == "auto":
        A = network.arrangement()
        chi, stats = symmetric_characteristic_polynomial(A, network.symmetry_group())
        result, used = region_counts(A, chi).chambers, "symmetric-charpoly"
        details = {"orbits": stats["orbits"], "group_order": stats["group_order"]}
    else:
        counted = count_arrangement_chambers(network.arrangement(), method, progress, budget)
        result, used, details = counted.count, counted.method, {}
    return DynamicsCount(n, weights, 1, "sync", None, result, result, used.endswith("charpoly"),
                         time.perf_counter() - start, used, details)


def realized_keys(chambers: OneStepChambers, steps: int, update: str, order, symmetry: bool = True) -> np.ndarray:
    """Sorted distinct keys of the maps realised by the scheme (``order``: 0-based units, or ``None``).

    "Any order" composes the order ``(1, ..., n)`` only and adds the relabelled conjugates (``symmetry=True``) or
    composes all ``n!`` orders (``symmetry=False``, the plain route the tests compare with).

    Parameters
    ----------
    chambers
        The listed one-step chambers.
    steps
        Synchronous steps or asynchronous sweeps.
    update
        ``sync`` or ``async``.
    order
        The sweep order (0-based units), or ``None`` for any order.
    symmetry
        Use relabelling symmetry for "any order" (else compose all ``n!`` orders).

    Returns
    -------
    numpy.ndarray
        Sorted distinct map keys.
    """
    n = chambers.network.n
    scheme = Scheme(update, steps, None if order is None else tuple(order))
    if scheme.any_order and symmetry:
        return any_order_keys(realized_keys(chambers, steps, update, tuple(range(n))), n)
    results = apply_scheme(chambers.maps, n, scheme)
    return distinct(np.concatenate([map_keys(m, n) for _, m in results]))


def streamed_keys(chambers: ProductChambers, steps: int, update: str, order, progress=None,
                  symmetry: bool = True) -> np.ndarray:
    """Sorted distinct keys of the maps realised by the scheme (0-based ``order``), composing a decoupled product block
    by block ("any order" by relabelling symmetry, as in
    [`realized_keys()`][weightspace.arch.hopfield.counting.realized_keys]).

    Parameters
    ----------
    chambers
        The one-step chambers of a decoupled network, as a product of per-unit chambers.
    steps
        Synchronous steps or asynchronous sweeps.
    update
        ``sync`` or ``async``.
    order
        The sweep order (0-based units), or ``None`` for any order.
    progress
        Called with ``(blocks done, blocks)``.
    symmetry
        Use relabelling symmetry for "any order".

    Returns
    -------
    numpy.ndarray
        Sorted distinct map keys.
    """
    n = chambers.n
    if update == "async" and order is None and symmetry:
        return any_order_keys(streamed_keys(chambers, steps, update, tuple(range(n)), progress), n)
    if update == "async" and order is None:
        orders = list(permutations(range(n)))
        return distinct(np.concatenate([streamed_key_sets(chambers, [steps], update, o)[steps] for o in orders]))
    return streamed_key_sets(chambers, [steps], update, order, progress)[steps]


def _key_sets_of_blocks(blocks, n: int, steps: Sequence[int], update: str, order, progress=None,
                        total: int = 0) -> dict[int, np.ndarray]:
    """Sorted distinct keys of the scheme's maps for every ``k`` in ``steps``, from one pass over ``blocks``
    (arrays of one-step maps); partial results are merged now and then to bound memory."""
    wanted = sorted(set(int(k) for k in steps))
    parts: dict[int, list[np.ndarray]] = {k: [] for k in wanted}
    pending = 0
    for done, maps in enumerate(blocks, start=1):
        for k, realised in scheme_powers(maps, wanted[-1], update, order):
            if k in parts:
                parts[k].append(distinct(map_keys(realised, n)))
                pending += len(parts[k][-1])
        if pending > 200_000_000:
            for k in wanted:
                parts[k] = [distinct(np.concatenate(parts[k]))]
            pending = sum(len(parts[k][0]) for k in wanted)
        if progress:
            progress(done, total)
    return {k: distinct(np.concatenate(parts[k])) for k in wanted}


def streamed_key_sets(chambers: ProductChambers, steps: Sequence[int], update: str, order, progress=None) \
        -> dict[int, np.ndarray]:
    """For each ``k`` in ``steps``: the sorted distinct keys of the maps of ``k`` synchronous steps or ``k`` sweeps
    in ``order`` (an explicit 0-based order), all from one pass over the blocks of the product.

    Parameters
    ----------
    chambers
        The one-step chambers of a decoupled network, as a product.
    steps
        The step counts ``k`` to report.
    update
        ``sync`` or ``async``.
    order
        An explicit 0-based sweep order.
    progress
        Called with ``(blocks done, blocks)``.

    Returns
    -------
    dict
        ``k -> sorted distinct map keys``.
    """
    return _key_sets_of_blocks((maps for _, maps in chambers.blocks()), chambers.n, steps, update, order, progress,
                               chambers.per_unit)


def listed_key_sets(chambers: OneStepChambers, steps: Sequence[int], update: str, order,
                    chunk: int = 1_000_000) -> dict[int, np.ndarray]:
    """Like [`streamed_key_sets()`][weightspace.arch.hopfield.counting.streamed_key_sets] for listed chambers: every
    ``k`` in ``steps`` from one pass over chunks.

    Parameters
    ----------
    chambers
        The listed one-step chambers.
    steps
        The step counts ``k`` to report.
    update
        ``sync`` or ``async``.
    order
        An explicit 0-based sweep order, or ``None``.
    chunk
        Chambers composed per numpy pass.

    Returns
    -------
    dict
        ``k -> sorted distinct map keys``.

    Examples
    --------
    >>> sets = listed_key_sets(one_step_chambers(2), [1, 2], "sync", None)
    >>> len(sets[1]), len(sets[2])
    (196, 74)
    """
    chunks = (chambers.maps[start:start + chunk] for start in range(0, len(chambers), chunk))
    return _key_sets_of_blocks(chunks, chambers.network.n, steps, update, order)


def streamable(n: int, weights: str, budget: Budget = DEFAULT_BUDGET) -> bool:
    """Use the streamed product when the chambers are too many to list but few enough to compose.

    Parameters
    ----------
    n
        Number of units.
    weights
        The weight constraint.
    budget
        Holds ``max_streamed``.

    Returns
    -------
    bool
        Whether the streamed product route applies.

    Raises
    ------
    TooLarge
        When a decoupled network has more one-step chambers than ``budget.max_streamed`` to compose.
    """
    if weights not in DECOUPLED or n < 2:
        return False
    per_unit = chambers_per_unit(n, weights)
    total = per_unit ** n
    if total > budget.max_streamed:
        raise TooLarge(f"{weights} weights with {n} nodes have {per_unit}^{n} one-step chambers to compose",
                       f"{total:.3g} chambers (limit {budget.max_streamed:.0e}); for two synchronous steps "
                       "`weightspace estimate hopfield` estimates the count and `weightspace realize hopfield "
                       "--steps 2` decides single maps exactly")
    return total > budget.max_chambers


def count_dynamics(n: int, steps: int = 1, update: str = "sync", order: str | Sequence[int] | None = None,
                   weights: str = "free", chambers: OneStepChambers | ProductChambers | None = None,
                   progress=None, budget: Budget = DEFAULT_BUDGET) -> DynamicsCount:
    """Number of maps ``{0,1}^n -> {0,1}^n`` realised by ``steps`` synchronous steps or asynchronous sweeps
    (``order`` 1-based, or ``None`` / ``"any"`` for the union over all orders).

    Parameters
    ----------
    n
        Number of units.
    steps
        Synchronous steps or asynchronous sweeps.
    update
        ``sync`` or ``async``.
    order
        The sweep order (1-based), or ``None`` / ``"any"``.
    weights
        The weight constraint.
    chambers
        One-step chambers computed before (they are computed here when ``None``).
    progress
        Called with ``(done, total)``.
    budget
        Size limits checked before the work starts.

    Returns
    -------
    DynamicsCount
        The number of maps and how it was obtained.

    Raises
    ------
    InvalidInput
        For an unknown update, an order that is not a permutation of ``1..n``, an order given with synchronous
        updates, or an unknown weight constraint.
    TooLarge
        When the one-step chambers to compose exceed ``budget.max_chambers`` (listed) or ``budget.max_streamed``
        (streamed from a product), or maps of ``n >= 5`` nodes would not fit in 64-bit keys.

    Notes
    -----
    Cost: one pass of the ``steps``-fold composition over every one-step chamber, vectorised in numpy. Measured: 4
    zero-diagonal nodes (``104^4 = 116,985,856`` chambers, streamed) take about 15 minutes for every ``k`` of the table;
    4 free nodes (``1882^4``) are beyond any budget, and
    [`estimate_two_step_maps()`][weightspace.arch.hopfield.roots.estimate_two_step_maps] estimates them.

    Examples
    --------
    >>> count_dynamics(2, steps=1).maps, count_dynamics(2, steps=2).maps
    (196, 74)
    """
    scheme = Scheme.parse(n, steps, update, order)
    HopfieldNetwork(n, weights)
    start = time.perf_counter()
    if chambers is None and streamable(n, weights, budget):
        chambers = product_chambers(n, weights)
    any_order = "; any order as the union of the relabelled conjugates of order 1..n" if scheme.any_order else ""
    if isinstance(chambers, ProductChambers):
        keys = streamed_keys(chambers, steps, update, scheme.order, progress)
        return DynamicsCount(n, chambers.weights, steps, update, scheme.order, len(keys), chambers.size,
                             chambers.verified, time.perf_counter() - start,
                             "composition of the streamed product of unit chambers" + any_order)
    chambers = chambers or one_step_chambers(n, weights, progress=progress, budget=budget)
    keys = realized_keys(chambers, steps, update, scheme.order)
    return DynamicsCount(n, chambers.network.weights, steps, update, scheme.order, len(keys), len(chambers),
                         chambers.zaslavsky == len(chambers), time.perf_counter() - start,
                         "composition of " + chambers.source + any_order)


__all__ = ["DynamicsCount", "count_hopfield", "count_dynamics", "realized_keys", "streamed_keys",
           "streamed_key_sets", "listed_key_sets", "streamable", "ONE_STEP_METHODS"]
