"""One-step chambers of a coupled Hopfield arrangement by eliminating the thresholds.

With symmetric weights the one-step arrangement does not split into units, and at 4 nodes with ``W`` symmetric
and zero-diagonal it has 6,732,428 chambers (32 hyperplanes in ``R^10``): too many to enumerate directly. The
thresholds, however, are free and each ``theta_i`` enters unit ``i`` only, so they can be eliminated.

Write unit ``i``'s input sum as ``s_i(x) = a_i(x) . w + theta_i`` with ``w`` the weight coordinates and
``a_i`` linear in ``x``. The *order arrangement* ``O`` in weight space has the hyperplanes
``(a_i(x) - a_i(y)) . w = 0`` for every unit ``i`` and inputs ``x != y``; its normals are
``sum_j d_j a_i(e_j)`` with ``d in {-1, 0, 1}^m`` over the ``m`` inputs unit ``i`` sees.

**Lemma.** For ``w`` in a chamber ``K`` of ``O`` each unit's values ``a_i(x) . w`` are strictly ordered, up to
ties between inputs the unit does not see; call the ``r_i`` distinct values ``u_0 < ... < u_{r_i - 1}``. Then
the one-step maps realised with ``w in K`` are exactly the products of *upper cuts*: unit ``i`` outputs 1 on
``{x : a_i(x) . w >= u_c}`` for one ``c in {0, ..., r_i}`` (``c = r_i``: never), independently per unit, because
``-theta_i`` may be placed in any gap of unit ``i``'s order. Every nonempty ``Par_F`` is open, so its projection
to weight space is open and meets some chamber ``K``. Hence

    chambers of the one-step arrangement  =  distinct maps of  union_K  prod_i cuts_i(K).

An exact witness for the cut ``c`` of ``K`` with interior point ``w``: weights ``2w`` and
``theta_i = -(u_{c-1} + u_c)`` (``-(2 u_0 - 1)`` for ``c = 0``, ``-(2 u_{r-1} + 1)`` for ``c = r``), so every
input sum is an odd integer, hence nonzero. The number of distinct maps is checked against Zaslavsky's count of
the full arrangement (symmetric characteristic polynomial).

At 4 nodes with symmetric zero-diagonal weights ``O`` has 46 hyperplanes in ``R^6`` and 301,824 chambers, each
with ``9^4`` cut combinations. With free or zero-diagonal weights ``O`` is a product and this reduces to the
product structure of [`weightspace.arch.hopfield.product`][weightspace.arch.hopfield.product].

Examples
--------
>>> from weightspace.arch.hopfield import HopfieldNetwork
>>> chambers = eliminated_chambers(HopfieldNetwork(2, "symmetric"))
>>> len(chambers), chambers.zaslavsky
(146, 146)
"""

from __future__ import annotations

from itertools import product
from math import prod
from typing import Callable

import numpy as np

from ...arrangement import Arrangement, chamber_complex, check_size, region_counts
from ...arrangement.symmetric import symmetric_characteristic_polynomial
from ...budget import DEFAULT_BUDGET, Budget
from ...errors import TooLarge
from ...exact import canonical_line
from .keys import map_dtype
from .network import HopfieldNetwork
from .onestep import OneStepChambers, chamber_adjacency

MAX_CODES = 2 ** 31                 # size of the table of per-unit truth-table combinations

__all__ = ["order_arrangement", "eliminated_chambers"]


def _weight_rows(network: HopfieldNetwork) -> np.ndarray:
    """``rows[i, x]`` = ``a_i(x)``: the weight coordinates of unit ``i``'s input sum on input code ``x``."""
    n, p = network.n, network.dimension - network.n
    return np.array([[network.row(i, x)[:p] for x in range(2 ** n)] for i in range(n)],
                    dtype=np.int64).reshape(n, 2 ** n, p)


def order_arrangement(network: HopfieldNetwork) -> Arrangement:
    """The central arrangement in weight space deciding the order of every unit's input sums.

    Parameters
    ----------
    network
        The Hopfield network.

    Returns
    -------
    Arrangement
        The central arrangement of the differences of every unit's input sums, in weight space.

    Examples
    --------
    >>> order_arrangement(HopfieldNetwork(3, "symmetric-zero-diagonal")).dimension
    3
    >>> len(order_arrangement(HopfieldNetwork(3, "symmetric-zero-diagonal")))   # W12, W13, W23, and +-
    9
    """
    n, p = network.n, network.dimension - network.n
    rows = _weight_rows(network)
    lines: set[tuple[int, ...]] = set()
    for i in range(n):
        basis = [rows[i, 1 << j] for j in range(n) if rows[i, 1 << j].any()]
        for d in product((-1, 0, 1), repeat=len(basis)):
            v = sum((c * b for c, b in zip(d, basis)), np.zeros(p, dtype=np.int64))
            if v.any():
                lines.add(canonical_line(tuple(int(t) for t in v))[0])
    return Arrangement.from_rational(sorted(lines), dimension=p)


def eliminated_chambers(network: HopfieldNetwork, progress: Callable[[int, int], None] | None = None,
                        budget: Budget = DEFAULT_BUDGET) -> OneStepChambers:
    """Every chamber of the one-step arrangement of ``network`` as maps with exact witnesses and adjacency, by the lemma
    of the module docstring. Returns a [`OneStepChambers`][weightspace.arch.hopfield.onestep.OneStepChambers] whose
    ``zaslavsky`` field holds the independent count (the CLI and tests compare the two).

    Parameters
    ----------
    network
        The Hopfield network.
    progress
        Called with ``(done, total)``.
    budget
        Size limits checked before the work starts.

    Returns
    -------
    OneStepChambers
        Every chamber as a map with an exact witness, and the adjacency.

    Raises
    ------
    TooLarge
        When the order arrangement or the cut combinations are beyond ``budget.max_order_chambers`` /
        ``budget.max_combinations``, or the order chambers' interior points are too large for int64 arithmetic.

    Notes
    -----
    Measured: 4 symmetric zero-diagonal nodes, 301,824 order chambers and 6,732,428 one-step chambers in about 67 s
    (2.5 GB peak) on one core.
    """
    n, points = network.n, 2 ** network.n
    p = network.dimension - n
    rows = _weight_rows(network)
    O = order_arrangement(network)
    if len(O) == 0:
        witnesses = [tuple([0] * p)]
    else:
        check_size(O, "the order arrangement of the weights", limit=budget.max_order_chambers)
        witnesses = chamber_complex(O, progress).points
    big = max((abs(int(v)) for w in witnesses for v in w), default=0)
    if big > 2 ** 40:            # keep every product below 2^62 in int64 arithmetic
        raise TooLarge("the order chambers' interior points are too large for int64 arithmetic", f"{big:.3g}")
    K = np.array(witnesses, dtype=np.int64).reshape(len(witnesses), p)
    bits = np.int64(1) << np.arange(points, dtype=np.int64)
    seen = [int(rows[i, 1 << j].any()) for i in range(n) for j in range(n)]
    cuts = [2 ** sum(seen[i * n:(i + 1) * n]) + 1 for i in range(n)]
    combinations = len(K) * prod(cuts)
    if combinations > budget.max_combinations:
        raise TooLarge(f"eliminating the thresholds of {n} nodes ({network.weights}) gives too many combinations",
                       f"{combinations:.3g} (limit {budget.max_combinations:.0e})")

    # per unit: truth tables of the r_i + 1 upper cuts in every order chamber, then their distinct values
    tables, index = [], []
    for i in range(n):
        values = K @ rows[i].T                                       # (chambers, 2^n)
        r = cuts[i] - 1
        levels = np.sort(values, axis=1)[:, ::points // r]          # the r distinct values, ascending
        ones = (values[:, None, :] >= levels[:, :, None]) @ bits      # cut c: ones where value >= u_c
        ones = np.concatenate([ones, np.zeros((len(K), 1), dtype=np.int64)], axis=1)
        distinct_tables, inverse = np.unique(ones, return_inverse=True)
        tables.append(distinct_tables)
        index.append(inverse.reshape(ones.shape).astype(np.int64))
    sizes = [len(t) for t in tables]
    total = prod(sizes)
    if total > MAX_CODES:
        raise TooLarge(f"eliminating the thresholds of {n} nodes: too many per-unit table combinations",
                       f"{total:.3g} (limit {MAX_CODES:.0e})")
    strides = [prod(sizes[i + 1:]) for i in range(n)]
    source = np.full(total, -1, dtype=np.int32)                     # an order chamber realising each code
    block = max(1, 4_000_000 // prod(cuts))
    for start in range(0, len(K), block):
        stop = min(start + block, len(K))
        code = np.zeros((stop - start,) + (1,) * n, dtype=np.int64)
        for i in range(n):
            shape = [stop - start] + [1] * n
            shape[1 + i] = cuts[i]
            code = code + (index[i][start:stop] * strides[i]).reshape(shape)
        origin = np.broadcast_to(np.arange(start, stop, dtype=np.int32).reshape((-1,) + (1,) * n), code.shape)
        source[code.ravel()] = origin.ravel()
        if progress is not None:
            progress(stop, len(K))
    codes = np.flatnonzero(source >= 0)
    origins = source[codes].astype(np.int64)
    del source
    unit_tables = [tables[i][(codes // strides[i]) % sizes[i]] for i in range(n)]
    maps = np.zeros((len(codes), points), dtype=np.int64)
    for i in range(n):
        maps |= ((unit_tables[i][:, None] >> np.arange(points)) & 1) << i

    def witness(c: int):
        w = [int(v) for v in witnesses[int(origins[c])]]
        theta = []
        for i in range(n):
            values = [sum(int(a) * b for a, b in zip(rows[i, x], w)) for x in range(points)]
            levels = sorted(set(values))
            ones = [values[x] for x in range(points) if (int(unit_tables[i][c]) >> x) & 1]
            if not ones:
                theta.append(-(2 * levels[-1] + 1))
                continue
            cut = levels.index(min(ones))
            theta.append(-(2 * levels[0] - 1) if cut == 0 else -(levels[cut - 1] + levels[cut]))
        return network.parameters([2 * v for v in w] + theta)

    full = network.arrangement()
    chi, _ = symmetric_characteristic_polynomial(full, network.symmetry_group())
    maps = maps.astype(map_dtype(n))
    return OneStepChambers(network, maps, lambda: chamber_adjacency(full, maps), witness, region_counts(full, chi).chambers,
                           "chambers listed by threshold elimination")
