"""Recurrent Hopfield dynamics: what ``k`` synchronous steps or asynchronous sweeps can express.

Every update scheme is a function of the one-step map ``F = (f_1, ..., f_n)`` (unit ``i`` computes the threshold
function ``f_i`` of the current state), so for any scheme ``S`` the parameters realising ``g`` form
``Par_g^S = union of Par_F over one-step maps F with S(F) = g``. Since every nonempty ``Par_F`` contains a
chamber of the one-step arrangement, the maps realised by ``S`` are exactly ``{S(F) : F a chamber}``, and ``g`` is
impossible exactly when no chamber composes to ``g``: an exhaustive, exact statement once the chambers are
enumerated completely (their number is checked against Zaslavsky's count).

Schemes (maps are arrays of output codes indexed by input code):

* ``sync``, ``k`` steps: ``F^k``.
* ``async`` with an order ``(u_1, ..., u_n)``: one sweep updates ``u_1`` (seeing the current state), then ``u_2``
  (seeing the updated state), ...; ``k`` steps repeat the sweep ``k`` times.
* ``async`` with no order: the union over all ``n!`` orders (the same order in every sweep).

Symmetry. Relabelling the units by a permutation ``pi`` (``W'_{pi(i) pi(j)} = W_ij``, ``theta'_{pi(i)} =
theta_i``) preserves each of the four weight constraints and turns a sweep in order ``(u_1, ..., u_n)`` into a
sweep in order ``(pi(u_1), ..., pi(u_n))``; on maps it is conjugation ``g -> P g P^{-1}`` by the state
permutation ``P`` moving bit ``i`` to bit ``pi(i)``. Hence the maps of order ``pi`` are the conjugates of the
maps of order ``(1, ..., n)``, and "any order" is the union of the ``n!`` conjugates of that one set
(:func:`any_order_keys`): one order is composed instead of ``n!`` (tested against composing every order).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property
from itertools import permutations
from typing import Any, Sequence

import numpy as np

from ..arrangement import chamber_complex, region_counts
from ..booleans import parse_map
from ..errors import InvalidInput, TooLarge
from .hopfield import HopfieldNetwork, WEIGHT_CONSTRAINTS
from .product import DECOUPLED, ProductChambers, chambers_per_unit, product_chambers

UPDATES = ("sync", "async")
MAX_CHAMBERS = 3_000_000
MAX_STREAMED = 200_000_000      # decoupled (free / zero-diagonal) chambers composed block by block
MAX_STEPS = 64


# ----------------------------------------------------------------------------------------------- schemes
def parse_order(order: str | Sequence[int] | None, n: int) -> tuple[int, ...] | None:
    """Parse a 1-based unit order such as ``"2,1,3"`` into 0-based unit indices (``None`` stays ``None``).

    >>> parse_order("2,1", 2)
    (1, 0)
    """
    if order is None or order == "":
        return None
    if isinstance(order, str):
        try:
            values = [int(p) for p in order.split(",") if p.strip()]
        except ValueError:
            raise InvalidInput(f"order {order!r} must be comma-separated unit numbers 1..{n}") from None
    else:
        values = [int(v) for v in order]
    if sorted(values) != list(range(1, n + 1)):
        raise InvalidInput(f"order {order!r} must list every unit 1..{n} exactly once")
    return tuple(v - 1 for v in values)


def sync_power(maps: np.ndarray, k: int) -> np.ndarray:
    """Row-wise ``F^k`` for a stack of maps (shape ``(N, 2^n)``): ``F^k[x] = F[F^(k-1)[x]]``."""
    result = np.broadcast_to(np.arange(maps.shape[1], dtype=maps.dtype), maps.shape).copy()
    for _ in range(k):
        result = np.take_along_axis(maps, result, axis=1)
    return result


def _sweep(maps: np.ndarray, state: np.ndarray, order: Sequence[int]) -> np.ndarray:
    for unit in order:
        bit = (np.take_along_axis(maps, state, axis=1) >> unit) & 1
        state = (state & ~np.array(1 << unit, dtype=maps.dtype)) | (bit << unit).astype(maps.dtype)
    return state


def async_sweep(maps: np.ndarray, order: Sequence[int], sweeps: int = 1) -> np.ndarray:
    """Row-wise map of ``sweeps`` asynchronous sweeps in the given unit order."""
    state = np.broadcast_to(np.arange(maps.shape[1], dtype=maps.dtype), maps.shape).copy()
    for _ in range(sweeps):
        state = _sweep(maps, state, order)
    return state


def scheme_powers(maps: np.ndarray, max_steps: int, update: str, order: Sequence[int] | None):
    """Yield ``(k, realised maps)`` for ``k = 1..max_steps`` (``F^k``, or ``k`` sweeps in ``order``), each step
    composed onto the previous one.

    >>> [m.tolist() for _, m in scheme_powers(np.array([[1, 2, 3, 0]], dtype=np.uint8), 2, "sync", None)]
    [[[1, 2, 3, 0]], [[2, 3, 0, 1]]]
    """
    state = np.broadcast_to(np.arange(maps.shape[1], dtype=maps.dtype), maps.shape).copy()
    for k in range(1, max_steps + 1):
        state = np.take_along_axis(maps, state, axis=1) if update == "sync" else _sweep(maps, state, order)
        yield k, state


def apply_scheme(maps: np.ndarray, n: int, steps: int, update: str, order: tuple[int, ...] | None) \
        -> list[tuple[tuple[int, ...] | None, np.ndarray]]:
    """The realised maps per chamber: ``[(order, maps)]`` (one entry, or one per order for "any order")."""
    if update == "sync":
        return [(None, sync_power(maps, steps))]
    orders = [order] if order is not None else list(permutations(range(n)))
    return [(o, async_sweep(maps, o, steps)) for o in orders]


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values by sorting (numpy 2.4's hash-based ``np.unique`` is ~100x slower on 10^7 keys).

    >>> distinct(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    values = np.sort(np.ravel(values))
    if len(values) == 0:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def map_keys(maps: np.ndarray, n: int) -> np.ndarray:
    """One integer per map: ``sum_x F[x] << (n x)`` (exact in uint64 for ``n <= 4``)."""
    if n == 4 and len(maps):           # 16 nibbles: pack two per byte and read the 8 bytes as one integer
        packed = np.ascontiguousarray((maps[:, 0::2] | (maps[:, 1::2] << 4)).astype(np.uint8))
        return packed.view("<u8")[:, 0].astype(np.uint64)
    shifts = (np.arange(maps.shape[1], dtype=np.uint64) * np.uint64(n))
    return (maps.astype(np.uint64) << shifts).sum(axis=1, dtype=np.uint64)


def key_to_map(key: int, n: int) -> tuple[int, ...]:
    """Inverse of :func:`map_keys` for one key."""
    key = int(key)
    mask = (1 << n) - 1
    return tuple((key >> (n * x)) & mask for x in range(2 ** n))


# ----------------------------------------------------------------------------------------------- symmetry
def relabelling(perm: Sequence[int], n: int, flips: int = 0) -> np.ndarray:
    """The state permutation ``P`` of relabelling unit ``i`` as ``perm[i]``: bit ``perm[i]`` of ``P[x]`` is bit ``i``
    of ``x``; then the units in the bit mask ``flips`` (new labels) swap the meaning of 0 and 1.

    >>> relabelling((1, 0), 2).tolist()      # swap the two units: states 01 and 10 trade places
    [0, 2, 1, 3]
    """
    codes = np.arange(2 ** n)
    image = np.zeros(2 ** n, dtype=np.int64)
    for i, j in enumerate(perm):
        image |= ((codes >> i) & 1) << int(j)
    return image ^ flips


def conjugate_maps(maps: np.ndarray, perm: Sequence[int], n: int, flips: int = 0) -> np.ndarray:
    """Row-wise ``P g P^{-1}`` for the state permutation ``P = relabelling(perm, n, flips)``: the maps of the
    relabelled (and flipped) networks.

    >>> conjugate_maps(np.array([[1, 1, 1, 1]], dtype=np.uint8), (1, 0), 2).tolist()   # constant 01 becomes 10
    [[2, 2, 2, 2]]
    """
    P = relabelling(perm, n, flips)
    inverse = np.argsort(P)
    return P.astype(maps.dtype)[maps[:, inverse]]


def keys_to_maps(keys: np.ndarray, n: int) -> np.ndarray:
    """Inverse of :func:`map_keys` for an array of keys: shape ``(N, 2^n)``."""
    keys = np.asarray(keys, dtype=np.uint64)
    shifts = np.arange(2 ** n, dtype=np.uint64) * np.uint64(n)
    return ((keys[:, None] >> shifts[None, :]) & np.uint64((1 << n) - 1)).astype(_dtype(n))


def any_order_keys(identity_keys: np.ndarray, n: int, chunk: int = 1_000_000) -> np.ndarray:
    """Distinct keys of the maps realised in *some* order, from those realised in order ``(1, ..., n)``: the
    union over all relabellings ``pi`` of ``P_pi S P_pi^{-1}`` (see the module docstring)."""
    parts = []
    for start in range(0, len(identity_keys), chunk):
        maps = keys_to_maps(identity_keys[start:start + chunk], n)
        parts.append(distinct(np.concatenate([map_keys(conjugate_maps(maps, perm, n), n)
                                              for perm in permutations(range(n))])))
    return distinct(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)


def _check_scheme(n: int, steps: int, update: str, order) -> tuple[int, ...] | None:
    if update not in UPDATES:
        raise InvalidInput(f"unknown update {update!r}: use sync or async")
    if not isinstance(steps, int) or steps < 1:
        raise InvalidInput("the number of steps must be a positive integer")
    if steps > MAX_STEPS:
        raise InvalidInput(f"at most {MAX_STEPS} steps are supported")
    order = parse_order(order, n)
    if order is not None and update == "sync":
        raise InvalidInput("--order applies to asynchronous updates only (use --update async)")
    return order


# ----------------------------------------------------------------------------------------------- chambers
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


ROUTES = ("auto", "direct", "elimination")


def one_step_chambers(n: int, weights: str = "free", verify: bool = False, progress=None,
                      route: str = "auto") -> OneStepChambers:
    """Enumerate the chambers of the one-step Hopfield arrangement with witnesses and adjacency.

    Routes for constrained weights: ``direct`` (deletion-restriction in the full parameter space), ``elimination``
    (thresholds eliminated, :mod:`weightspace.arch.elimination`; it also computes Zaslavsky's count) and ``auto``:
    elimination for symmetric weights (3x faster at 3 nodes, the only way at 4), direct otherwise, and
    elimination whenever direct is beyond its limit. Free weights are a product of unit chambers.

    ``zaslavsky`` holds the independent count ``(-1)^d chi(-1)`` when it is cheap (free weights, small
    arrangements, elimination) or when ``verify`` is set; 0 means it was not computed.

    >>> len(one_step_chambers(2)), len(one_step_chambers(2, "symmetric"))
    (196, 146)
    """
    if route not in ROUTES:
        raise InvalidInput(f"unknown route {route!r}: use {', '.join(ROUTES)}")
    network = HopfieldNetwork(n, weights)
    if weights == "free":
        return _free_chambers(network)
    eliminated = None
    if route == "elimination" or (route == "auto" and network.symmetric and n >= 3):
        from .elimination import eliminated_chambers
        try:
            return eliminated_chambers(network, progress)
        except TooLarge as error:
            if route == "elimination":
                raise
            eliminated = error
    return _constrained_chambers(network, verify, progress, fallback=route == "auto", eliminated=eliminated)


def _dtype(n: int):
    return np.uint8 if n <= 8 else np.uint16


def _free_chambers(network: HopfieldNetwork) -> OneStepChambers:
    from .. import library
    n = network.n
    unit = chamber_complex(library.threshold(n))
    t = len(unit)
    total = t ** n
    if total > MAX_CHAMBERS:
        raise TooLarge(f"free weights with {n} nodes have T({n})^{n} one-step chambers to enumerate",
                       f"{total:.3g} chambers (limit {MAX_CHAMBERS:.0e})")
    points = 2 ** n
    tables = np.array([[1 if s > 0 else 0 for s in unit.chamber(c).signs] for c in range(t)], dtype=np.int64)
    index = np.indices((t,) * n).reshape(n, -1)            # index[i, c] = chamber of unit i in product chamber c
    maps = np.zeros((total, points), dtype=np.int64)
    for i in range(n):
        maps |= tables[index[i]] << i

    def edges():
        return _product_edges(unit, index, n, t, total)
    witnesses = [unit.chamber(c).witness for c in range(t)]

    def witness(c: int):
        per_unit = [witnesses[index[i][c]] for i in range(n)]
        return tuple(tuple(int(v) for v in w[:-1]) for w in per_unit), tuple(int(w[-1]) for w in per_unit)

    return OneStepChambers(network, maps.astype(_dtype(n)), edges, witness,
                           region_counts(library.threshold(n)).chambers ** n)


def _product_edges(unit, index: np.ndarray, n: int, t: int, total: int):
    """Edges of the product of ``n`` copies of the chamber complex ``unit``: one unit crosses one of its walls."""
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


def _constrained_chambers(network: HopfieldNetwork, verify: bool = False, progress=None,
                          fallback: bool = True, eliminated: TooLarge | None = None) -> OneStepChambers:
    """Deletion-restriction in the full space; when that is too large and ``fallback`` is set, eliminate the
    thresholds instead (unless ``eliminated``, the error of an elimination already tried, says it fails too)."""
    from ..arrangement import check_size
    arrangement = network.arrangement()
    try:
        check_size(arrangement, "the one-step chambers", limit=MAX_CHAMBERS)
    except TooLarge as direct:
        if not fallback:
            raise
        if eliminated is None:
            from .elimination import eliminated_chambers
            try:
                return eliminated_chambers(network, progress)
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
    maps = maps.astype(_dtype(n))          # the adjacency closure keeps this compact copy, not the int64 one
    return OneStepChambers(network, maps, lambda: _adjacency(arrangement, maps), witness, zaslavsky)


def _adjacency(arrangement, maps: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Edges ``(source, target, unit, input)`` between chambers that share a facet.

    Two chambers share a facet exactly when their sign vectors differ on one distinct hyperplane (the chamber
    graph distance is the number of separating hyperplanes). The sign of hyperplane ``(unit, x)`` on a chamber
    is bit ``unit`` of its map at ``x``; the edge is labelled by the first label of the wall's class.
    """
    from ..arrangement.chambers import _classes
    representatives, class_of, _ = _classes(arrangement.normals)
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


# ----------------------------------------------------------------------------------------------- counting
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

    def to_dict(self) -> dict[str, Any]:
        return {"maps": self.maps, "nodes": self.nodes, "weights": self.weights, "steps": self.steps,
                "update": self.update, "order": None if self.order is None else [u + 1 for u in self.order],
                "one_step_chambers": self.chambers, "chambers_match_zaslavsky": self.one_step_maps_verified,
                "total_maps": (2 ** self.nodes) ** (2 ** self.nodes), "method": self.method,
                "seconds": round(self.seconds, 4)}


def realized_keys(chambers: OneStepChambers, steps: int, update: str, order, symmetry: bool = True) -> np.ndarray:
    """Sorted distinct keys of the maps realised by the scheme.

    "Any order" composes the order ``(1, ..., n)`` only and adds the relabelled conjugates (``symmetry=True``) or
    composes all ``n!`` orders (``symmetry=False``, the plain route the tests compare with).
    """
    n = chambers.network.n
    if update == "async" and order is None and symmetry:
        return any_order_keys(realized_keys(chambers, steps, update, tuple(range(n))), n)
    results = apply_scheme(chambers.maps, n, steps, update, order)
    return distinct(np.concatenate([map_keys(m, n) for _, m in results]))


def streamed_keys(chambers: ProductChambers, steps: int, update: str, order, progress=None,
                  symmetry: bool = True) -> np.ndarray:
    """Sorted distinct keys of the maps realised by the scheme, composing a decoupled product block by block
    ("any order" by relabelling symmetry, as in :func:`realized_keys`)."""
    if update == "async" and order is None and symmetry:
        return any_order_keys(streamed_keys(chambers, steps, update, tuple(range(chambers.n)), progress),
                              chambers.n)
    if update == "async" and order is None:
        orders = list(permutations(range(chambers.n)))
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
    in ``order`` (an explicit order), all from one pass over the blocks of the product."""
    return _key_sets_of_blocks((maps for _, maps in chambers.blocks()), chambers.n, steps, update, order, progress,
                               chambers.per_unit)


def listed_key_sets(chambers: OneStepChambers, steps: Sequence[int], update: str, order,
                    chunk: int = 1_000_000) -> dict[int, np.ndarray]:
    """Like :func:`streamed_key_sets` for listed chambers: every ``k`` in ``steps`` from one pass over chunks.

    >>> sets = listed_key_sets(one_step_chambers(2), [1, 2], "sync", None)
    >>> len(sets[1]), len(sets[2])
    (196, 74)
    """
    chunks = (chambers.maps[start:start + chunk] for start in range(0, len(chambers), chunk))
    return _key_sets_of_blocks(chunks, chambers.network.n, steps, update, order)


def _streamable(n: int, weights: str) -> bool:
    """Use the streamed product when the chambers are too many to materialise but few enough to compose."""
    if weights not in DECOUPLED or n < 2:
        return False
    per_unit = chambers_per_unit(n, weights)
    total = per_unit ** n
    if total > MAX_STREAMED:
        raise TooLarge(f"{weights} weights with {n} nodes have {per_unit}^{n} one-step chambers to compose",
                       f"{total:.3g} chambers (limit {MAX_STREAMED:.0e}); for two synchronous steps "
                       "`weightspace estimate hopfield` estimates the count and `weightspace realize hopfield "
                       "--steps 2` decides single maps exactly")
    return total > MAX_CHAMBERS


def count_dynamics(n: int, steps: int = 1, update: str = "sync", order: str | Sequence[int] | None = None,
                   weights: str = "free", chambers: OneStepChambers | ProductChambers | None = None,
                   progress=None) -> DynamicsCount:
    """Number of maps ``{0,1}^n -> {0,1}^n`` realised by ``steps`` synchronous steps or asynchronous sweeps.

    Decoupled weights (free, zero-diagonal) with more than ``MAX_CHAMBERS`` one-step chambers are composed as a
    streamed product (:mod:`weightspace.arch.product`), up to ``MAX_STREAMED`` chambers.

    >>> count_dynamics(2, steps=1).maps, count_dynamics(2, steps=2).maps
    (196, 74)
    """
    order = _check_scheme(n, steps, update, order)
    start = time.perf_counter()
    if chambers is None and _streamable(n, weights):
        chambers = product_chambers(n, weights)
    any_order = "; any order as the union of the relabelled conjugates of order 1..n" \
        if update == "async" and order is None else ""
    if isinstance(chambers, ProductChambers):
        keys = streamed_keys(chambers, steps, update, order, progress)
        return DynamicsCount(n, chambers.weights, steps, update, order, len(keys), len(chambers), chambers.verified,
                             time.perf_counter() - start,
                             "composition of the streamed product of unit chambers" + any_order)
    chambers = chambers or one_step_chambers(n, weights, progress=progress)
    keys = realized_keys(chambers, steps, update, order)
    return DynamicsCount(n, chambers.network.weights, steps, update, order, len(keys), len(chambers),
                         chambers.zaslavsky == len(chambers), time.perf_counter() - start,
                         "composition of " + chambers.source + any_order)


# ----------------------------------------------------------------------------------------------- realise
@dataclass(frozen=True)
class DynamicsRealization:
    """A witness ``(W, theta)`` (verified by exact simulation) or an exhaustive proof of impossibility."""

    mapping: tuple[int, ...]
    nodes: int
    weights: str
    steps: int
    update: str
    order: tuple[int, ...] | None
    realizable: bool
    W: tuple[tuple[int, ...], ...] | None
    theta: tuple[int, ...] | None
    witness_order: tuple[int, ...] | None
    chambers_checked: int
    chambers_expected: int
    method: str = "composition"

    def to_dict(self) -> dict[str, Any]:
        certificate = None
        if not self.realizable and self.method == "square-root-search":
            certificate = {
                "type": "exhaustive-square-root-search",
                "one_step_chambers": self.chambers_checked,
                "statement": "no tuple F of per-unit threshold functions has F o F equal to the map: the search "
                             "assigns F point by point, every assignment F(x) = y forcing F(y) = map(x), and "
                             "prunes only when no threshold function of some unit agrees with the partial one",
            }
        elif not self.realizable:
            certificate = {
                "type": "exhaustive",
                "one_step_chambers_checked": self.chambers_checked,
                "one_step_chambers_by_zaslavsky": self.chambers_expected or None,
                "statement": "Par_f for this scheme is a union of one-step chambers; every chamber was composed "
                             "and none gives the map",
            }
            if self.method == "composition, orders by relabelling":
                certificate["statement"] += (" in any order (each chamber swept in order 1..n and compared with "
                                             "the n! relabelled conjugates of the map; relabelling the units by "
                                             "pi turns order 1..n into order pi and preserves the constraint)")
        witness = None
        if self.realizable:
            witness = {"W": [list(r) for r in self.W], "theta": list(self.theta)}
            if self.witness_order is not None:
                witness["order"] = [u + 1 for u in self.witness_order]
        return {"map": list(self.mapping), "nodes": self.nodes, "weights": self.weights, "steps": self.steps,
                "update": self.update, "realizable": self.realizable, "witness": witness,
                "certificate": certificate, "method": self.method}


def run_scheme(W, theta, n: int, steps: int, update: str, order: Sequence[int] | None, start: int) -> list[int]:
    """Exact simulation from one state: the list of states after each step (sync) or each sweep (async)."""
    trajectory = [start]
    state = start
    for _ in range(steps):
        if update == "sync":
            state = _sync_step(W, theta, n, state)
        else:
            for unit in order:
                x = [(state >> j) & 1 for j in range(n)]
                on = sum(W[unit][j] * x[j] for j in range(n)) + theta[unit] > 0
                state = (state | (1 << unit)) if on else (state & ~(1 << unit))
        trajectory.append(state)
    return trajectory


def _sync_step(W, theta, n: int, state: int) -> int:
    x = [(state >> j) & 1 for j in range(n)]
    out = 0
    for i in range(n):
        if sum(W[i][j] * x[j] for j in range(n)) + theta[i] > 0:
            out |= 1 << i
    return out


def simulate_map(W, theta, n: int, steps: int, update: str, order: Sequence[int] | None) -> tuple[int, ...]:
    """The map realised by ``(W, theta)`` under the scheme, by exact integer simulation."""
    return tuple(run_scheme(W, theta, n, steps, update, order, x)[-1] for x in range(2 ** n))


def realize_dynamics(n: int, mapping: str | Sequence[int], steps: int = 1, update: str = "sync",
                     order: str | Sequence[int] | None = None, weights: str = "free",
                     chambers: OneStepChambers | None = None, progress=None) -> DynamicsRealization:
    """Find ``(W, theta)`` whose scheme realises ``mapping``, or prove that none exists (exhaustively).

    ``progress(done, total)`` reports the listing of the one-step chambers when that takes long.

    >>> realize_dynamics(2, "0,0,0,0", steps=3).realizable
    True
    """
    order = _check_scheme(n, steps, update, order)
    target = parse_map(mapping, n)
    key = map_keys(np.array([target], dtype=np.int64), n)[0]
    if chambers is None and update == "sync" and steps == 2 and weights in DECOUPLED and n >= 2 \
            and chambers_per_unit(n, weights) ** n > MAX_CHAMBERS:
        from .roots import RootCounter
        product = product_chambers(n, weights)
        cells = RootCounter(product).find(target)
        if cells is None:
            return DynamicsRealization(target, n, weights, steps, update, None, False, None, None, None,
                                       product.size, 0, "square-root-search")
        W, theta = product.witness(product.flat_index(cells))
        assert simulate_map(W, theta, n, steps, update, None) == target
        return DynamicsRealization(target, n, weights, steps, update, None, True, W, theta, None, product.size, 0,
                                   "square-root-search")
    if chambers is None and _streamable(n, weights):
        chambers = product_chambers(n, weights)
    if isinstance(chambers, ProductChambers):      # streamed block by block
        sources, label, expected = chambers.blocks(), chambers.weights, chambers.size if chambers.verified else 0
    else:
        chambers = chambers or one_step_chambers(n, weights, progress=progress)
        sources, label, expected = [(0, chambers.maps)], chambers.network.weights, chambers.zaslavsky
    if update == "async" and order is None:
        return _realize_any_order(target, n, steps, chambers, sources, label, expected)
    for offset, maps in sources:
        for used_order, realised in apply_scheme(maps, n, steps, update, order):
            hits = np.nonzero(map_keys(realised, n) == key)[0]
            if len(hits):
                W, theta = chambers.witness(offset + int(hits[0]))
                assert simulate_map(W, theta, n, steps, update, used_order) == target
                return DynamicsRealization(target, n, label, steps, update, order, True, W, theta, used_order,
                                           len(chambers), expected)
    return DynamicsRealization(target, n, label, steps, update, order, False, None, None, None, len(chambers),
                               expected)

def relabel_network(W, theta, perm: Sequence[int]):
    """The network with unit ``i`` renamed ``perm[i]``: ``W'[perm[i]][perm[j]] = W[i][j]``, ``theta'[perm[i]] =
    theta[i]`` (each weight constraint is preserved).

    >>> relabel_network(((0, 1), (2, 0)), (3, 4), (1, 0))
    (((0, 2), (1, 0)), (4, 3))
    """
    n = len(theta)
    W2 = [[0] * n for _ in range(n)]
    theta2 = [0] * n
    for i in range(n):
        theta2[perm[i]] = theta[i]
        for j in range(n):
            W2[perm[i]][perm[j]] = W[i][j]
    return tuple(tuple(row) for row in W2), tuple(theta2)


def _realize_any_order(target, n, steps, chambers, sources, label, expected) -> DynamicsRealization:
    """Any order by relabelling: order ``pi`` realises ``g`` iff order ``1..n`` realises ``P^{-1} g P`` (for the
    relabelled network), so every chamber is composed in one order and compared with the ``n!`` conjugates."""
    identity = tuple(range(n))
    perms = list(permutations(range(n)))
    target_array = np.array([target], dtype=_dtype(n))
    conjugated = [map_keys(conjugate_maps(target_array, tuple(np.argsort(p)), n), n)[0] for p in perms]
    wanted = np.array(sorted(set(conjugated)), dtype=np.uint64)
    for offset, maps in sources:
        keys = map_keys(async_sweep(maps, identity, steps), n)
        hits = np.nonzero(np.isin(keys, wanted))[0]
        if len(hits):
            chamber = int(hits[0])
            perm = perms[conjugated.index(keys[chamber])]
            W, theta = relabel_network(*chambers.witness(offset + chamber), perm)
            assert simulate_map(W, theta, n, steps, "async", perm) == target
            return DynamicsRealization(target, n, label, steps, "async", None, True, W, theta, perm,
                                       len(chambers), expected, "composition, orders by relabelling")
    return DynamicsRealization(target, n, label, steps, "async", None, False, None, None, None, len(chambers),
                               expected, "composition, orders by relabelling")


__all__ = ["UPDATES", "WEIGHT_CONSTRAINTS", "OneStepChambers", "one_step_chambers", "count_dynamics", "realized_keys",
           "realize_dynamics", "simulate_map", "run_scheme", "sync_power", "async_sweep", "map_keys", "key_to_map",
           "parse_order", "distinct", "DynamicsCount", "DynamicsRealization", "expressivity_table", "streamed_keys",
           "streamed_key_sets", "listed_key_sets", "scheme_powers", "any_order_keys", "conjugate_maps", "relabelling",
           "keys_to_maps", "relabel_network", "ROUTES",
           "MAX_CHAMBERS", "MAX_STREAMED"]


# ----------------------------------------------------------------------------------------------- tables
def _shifted(progress, offset: int, total: int):
    """A block-progress callback reporting ``offset + done`` of ``total``."""
    return None if progress is None else (lambda done, _total: progress(offset + done, total))


def expressivity_table(n: int, max_steps: int = 6, weights: Sequence[str] = WEIGHT_CONSTRAINTS,
                       progress=None) -> list[dict[str, Any]]:
    """Counts of realised maps for every weight constraint, ``k = 1..max_steps`` and every update mode.

    Rows: ``{"weights", "update", "order", "steps", "maps", "one_step_chambers", "method"}``; ``update`` is
    ``sync``, ``async`` with an explicit order, or ``async`` with ``order = "any"`` (union over all orders).
    ``progress(done, total)`` counts rows, or blocks of the product when the chambers are streamed.

    Materialised chambers (``n <= 3``): every row is composed, each order separately. Streamed chambers (4 nodes,
    zero diagonal): one pass over the product gives ``k = 1..max_steps`` synchronously, one more pass the sweeps in
    order ``1..n``; another order ``pi`` has the relabelled conjugates of those maps (a bijection, so the same
    count, ``method`` says so) and "any order" is the union of the conjugates (module docstring).
    """
    steps = range(1, max_steps + 1)
    orders = list(permutations(range(n)))
    rows: list[dict[str, Any]] = []

    def row(constraint, update, order, k, maps, chambers, method):
        rows.append({"weights": constraint, "update": update,
                     "order": order if order in (None, "any") else [u + 1 for u in order],
                     "steps": k, "maps": int(maps), "one_step_chambers": int(chambers), "method": method})

    total_rows = len(weights) * (len(orders) + 2) * max_steps

    def by_relabelling(constraint, sync, identity, size, method):
        for k in steps:
            row(constraint, "sync", None, k, len(sync[k]), size, method)
        for order in orders:
            for k in steps:
                row(constraint, "async", order, k, len(identity[k]), size, method if order == orders[0] else
                    "relabelled conjugates of order " + ",".join(str(u + 1) for u in orders[0]))
        for k in steps:
            row(constraint, "async", "any", k, len(any_order_keys(identity[k], n)), size,
                "union of the relabelled conjugates of order " + ",".join(str(u + 1) for u in orders[0]))

    for constraint in weights:
        if _streamable(n, constraint):
            chambers = product_chambers(n, constraint)
            passes = 2 * chambers.per_unit
            sync = streamed_key_sets(chambers, steps, "sync", None, _shifted(progress, 0, passes))
            identity = streamed_key_sets(chambers, steps, "async", orders[0],
                                         _shifted(progress, chambers.per_unit, passes))
            by_relabelling(constraint, sync, identity, chambers.size, "composed (streamed product)")
            continue
        chambers = one_step_chambers(n, constraint, progress=progress)
        if len(chambers) > MAX_CHAMBERS:       # listed by threshold elimination: one pass per scheme
            sync = listed_key_sets(chambers, steps, "sync", None)
            if progress:
                progress(1, 3)
            identity = listed_key_sets(chambers, steps, "async", orders[0])
            if progress:
                progress(2, 3)
            by_relabelling(constraint, sync, identity, len(chambers), "composed (" + chambers.source + ")")
            continue
        for update, order in [("sync", None)] + [("async", o) for o in orders] + [("async", "any")]:
            for k in steps:
                keys = realized_keys(chambers, k, update, None if order == "any" else order)
                row(constraint, update, order, k, len(keys), len(chambers),
                    "union of the relabelled conjugates of order " + ",".join(str(u + 1) for u in orders[0])
                    if order == "any" else "composed")
                if progress:
                    progress(len(rows), total_rows)
    return rows
