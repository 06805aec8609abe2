"""Robust exponential memories (Hillar and Tran 2018): Hopfield networks on the edges of a complete graph whose
memories are the cliques.

A state of the network on ``N = C(V, 2)`` units is a graph on ``V`` vertices (unit ``e`` is edge ``e``; ``+1`` means
present, ``-1`` absent). Hillar and Tran's networks are invariant under relabelling the vertices, so their weights take
three values (the *three-parameter family* of the authors' code): ``J_ef = x`` when edges ``e`` and ``f`` share a
vertex, ``y`` when they are disjoint, and the threshold ``z``. Edge ``e`` is on after an update iff
``sum_(f != e) J_ef [f present] - z > 0`` (``H(W x + theta)`` on ``{0,1}`` states with ``theta = -z``).

**Every k-clique is a fixed point** iff three integers have the right signs. For a ``k``-clique ``C`` the field of an
edge depends only on how many of its endpoints lie in ``C``:

* both (an edge of ``C``): ``a = 2(k-2) x + C(k-2, 2) y - z > 0``;
* one: ``b = (k-1) x + C(k-1, 2) y - z < 0``;
* none: ``c = C(k, 2) y - z < 0``.

**Worst-case robustness, certified.** Flipping ``r`` edges other than ``e`` moves the field of ``e`` by at most
``r max(|x|, |y|)``. So if ``min(a, -b, -c) > r max(|x|, |y|)``, every field keeps the clique's sign after ``r``
arbitrary flips: one asynchronous sweep repairs every flipped edge, and the number of wrong edges only decreases on
the way. [`certified_radius`][weightspace.arch.memory.cliques.CliqueHopfield.certified_radius] is the largest such
``r``. With ``x = 1, y = -1`` and ``z = (a + b) / 2`` (stored doubled, in integers) the margin is
``(a - b) / 2 = (2k - 5) / 2``, the best over ``y = -delta`` for this normalisation. The *explicit* network uses these
parameters. So on ``K_(2k)`` it stores all ``C(2k, k)`` cliques of size ``k`` (exponential in ``sqrt(N)``) and
corrects any ``k - 3`` flipped edges.

The paper finds its networks by minimum probability flow on a few cliques. ``learning="mpf"`` does the same with
[`weightspace.learn.mpf`][weightspace.learn.mpf]; [`weightspace.memory.cliques`][weightspace.memory.cliques] then
measures how many of *all* the cliques the learned network stores.

Examples
--------
>>> net = CliqueHopfield(vertices=8).fit(clique_patterns(8, 4, count=3, seed=0))
>>> net.clique_fields(), net.stores_all_cliques(), net.certified_radius()
((3, -3, -15), True, 1)
>>> net.n_units_, net.is_fixed_point(clique_patterns(8, 4, count=1, seed=5)[0])
(28, True)
"""

from __future__ import annotations

from itertools import combinations
from math import comb
from typing import Any

import numpy as np

from ...errors import InvalidInput, TooLarge
from .base import AssociativeMemory

MAX_UNITS = 5000


def edge_index(V: int) -> dict[tuple[int, int], int]:
    """The unit of each edge ``(i, j)``, ``i < j``, in lexicographic order.

    Parameters
    ----------
    V
        Number of vertices.

    Returns
    -------
    dict
        ``{(i, j): unit}``.
    """
    return {edge: unit for unit, edge in enumerate(combinations(range(V), 2))}


def vertices_of(N: int) -> int:
    """The ``V`` with ``C(V, 2) = N``.

    Parameters
    ----------
    N
        Number of units.

    Returns
    -------
    int
        The number of vertices.

    Raises
    ------
    InvalidInput
        When ``N`` is not a binomial coefficient ``C(V, 2)`` with ``V >= 4``.
    """
    V = int(round((1 + (1 + 8 * N) ** 0.5) / 2))
    if V < 4 or comb(V, 2) != N:
        near = [comb(v, 2) for v in range(max(4, V - 1), V + 2)]
        raise InvalidInput(f"a clique network has C(V, 2) units, one per edge of K_V; {N} is not of that form "
                           f"(try {', '.join(map(str, near))})")
    return V


def clique_patterns(V: int, k: int, count: int | None = None, seed: int = 0) -> np.ndarray:
    """``k``-cliques of ``K_V`` as ``+-1`` edge vectors: all of them (``count=None``, lexicographic) or ``count``
    distinct random ones.

    Parameters
    ----------
    V
        Number of vertices.
    k
        Clique size.
    count
        How many (None: all ``C(V, k)``).
    seed
        Seed of the random choice.

    Returns
    -------
    numpy.ndarray
        ``count x C(V, 2)`` patterns.

    Raises
    ------
    InvalidInput
        For ``k`` outside ``2..V`` or more cliques than exist.
    TooLarge
        For more than a million patterns.
    """
    if not 2 <= k <= V:
        raise InvalidInput(f"the clique size must be between 2 and V = {V}")
    total = comb(V, k)
    n = total if count is None else count
    if n > total:
        raise InvalidInput(f"K_{V} has only {total} cliques of size {k}")
    if n * comb(V, 2) > 10 ** 8:
        raise TooLarge(f"{n} clique patterns on {comb(V, 2)} units", f"{n * comb(V, 2)} entries")
    index = edge_index(V)
    if count is None:
        cliques = list(combinations(range(V), k))
    else:
        rng = np.random.default_rng(seed)
        chosen: set[tuple[int, ...]] = set()
        while len(chosen) < n:
            chosen.add(tuple(sorted(rng.choice(V, size=k, replace=False).tolist())))
        cliques = sorted(chosen)
    out = -np.ones((n, comb(V, 2)), dtype=np.int64)
    for row, clique in enumerate(cliques):
        out[row, [index[e] for e in combinations(clique, 2)]] = 1
    return out


class CliqueHopfield(AssociativeMemory):
    """A Hopfield network on the edges of ``K_V`` (``name = "hillar-tran"``).

    ``learning="explicit"`` sets the three parameters ``x = 2, y = -2, z = a + b`` (the module's derivation, in
    integers); ``"mpf"`` learns a full symmetric ``W`` and ``theta`` from the given cliques by minimum probability
    flow (floats; the signs are then read with a tie tolerance of zero, as everywhere in weightspace).
    """

    name = "hillar-tran"

    def __init__(self, vertices: int | None = None, learning: str = "explicit", max_iter: int = 500):
        if learning not in ("explicit", "mpf"):
            raise InvalidInput("learning must be 'explicit' or 'mpf'")
        self.vertices, self.learning, self.max_iter = vertices, learning, max_iter

    def _store(self) -> None:
        N = self.n_units_
        V = vertices_of(N) if self.vertices is None else self.vertices
        if comb(V, 2) != N:
            raise InvalidInput(f"patterns of {N} units do not fit K_{V} ({comb(V, 2)} edges)")
        if N > MAX_UNITS:
            raise TooLarge(f"a clique network on {N} units", f"{N * N} weights")
        sizes = (self.patterns_ > 0).sum(axis=1)
        k = int(round((1 + (1 + 8 * sizes[0]) ** 0.5) / 2))
        if (sizes != comb(k, 2)).any() or k < 3:
            raise InvalidInput("every pattern must be a clique of one size k >= 3 (C(k, 2) edges on)")
        self.vertices_, self.clique_size_ = V, k
        edges = list(combinations(range(V), 2))
        ends = np.zeros((N, V), dtype=np.int64)
        for unit, (i, j) in enumerate(edges):
            ends[unit, [i, j]] = 1
        self.adjacent_ = (ends @ ends.T) == 1                  # share exactly one vertex
        if self.learning == "explicit":
            a, b = 2 * (k - 2) - comb(k - 2, 2), (k - 1) - comb(k - 1, 2)
            self.parameters_ = (2, -2, a + b)                      # x, y, z (doubled: z = (a + b) / 2 exactly)
            self.W_ = np.where(self.adjacent_, 2, -2).astype(np.int64)
            np.fill_diagonal(self.W_, 0)
            self.theta_ = np.full(N, -(a + b), dtype=np.int64)
        else:
            from ...learn.mpf import objective, unpack
            from scipy.optimize import minimize
            X = (self.patterns_ > 0).astype(float)
            result = minimize(objective, np.zeros(N * (N - 1) // 2 + N), args=(X,), jac=True, method="L-BFGS-B",
                              options={"maxiter": self.max_iter})
            self.W_, self.theta_ = unpack(result.x, N)
            self.parameters_ = None

    def fields(self, x: Any) -> np.ndarray:
        """``W [x present] + theta`` for one state or a batch (rows)."""
        on = (np.asarray(x) > 0).astype(self.W_.dtype)
        return on @ self.W_ + self.theta_

    def aligned_fields(self, x: Any) -> np.ndarray:
        return np.asarray(x) * self.fields(x)

    def pattern_fields(self) -> np.ndarray:
        return self.aligned_fields(self.patterns_)

    def energy(self, x: Any) -> Any:
        on = (np.asarray(x) > 0).astype(self.W_.dtype)
        return -(on @ self.W_ @ on) / 2 - self.theta_ @ on

    def clique_fields(self) -> tuple[int, int, int]:
        """The fields ``(a, b, c)`` at a ``k``-clique of an edge with 2, 1 and 0 endpoints in it (explicit
        networks; integers).

        Raises
        ------
        InvalidInput
            For a network learned by MPF (its weights are not three-valued).
        """
        if self.parameters_ is None:
            raise InvalidInput("clique fields are defined for the explicit three-parameter network")
        x, y, z = self.parameters_
        k = self.clique_size_
        return (2 * (k - 2) * x + comb(k - 2, 2) * y - z, (k - 1) * x + comb(k - 1, 2) * y - z, comb(k, 2) * y - z)

    def stores_all_cliques(self) -> bool:
        """Every ``k``-clique of ``K_V`` is a fixed point (exact, from the signs of ``a, b, c``)."""
        a, b, c = self.clique_fields()
        return a > 0 and b < 0 and c < 0

    def certified_radius(self) -> int:
        """The largest ``r`` such that every ``k``-clique is restored from *any* ``r`` flipped edges (the module's
        margin argument; ``-1`` when the cliques are not fixed points)."""
        a, b, c = self.clique_fields()
        margin, step = min(a, -b, -c), max(abs(self.parameters_[0]), abs(self.parameters_[1]))
        return (margin - 1) // step if margin > 0 else -1

    def update(self, x: Any, sweeps: int = 50, rng: np.random.Generator | None = None) -> tuple[np.ndarray, int]:
        """Asynchronous sweeps in a random order, updating the fields incrementally (one row of ``W`` per flip)."""
        rng = rng or np.random.default_rng(0)
        state = np.array(x, dtype=np.int64)
        h = self.fields(state).astype(float)
        for sweep in range(1, sweeps + 1):
            changed = False
            for i in rng.permutation(len(state)):
                if state[i] * h[i] < 0 or (h[i] == 0 and state[i] > 0):
                    state[i] = -state[i]
                    h += self.W_[i] * (1 if state[i] > 0 else -1)
                    changed = True
            if not changed:
                return state, sweep
        return state, sweeps


__all__ = ["edge_index", "vertices_of", "clique_patterns", "CliqueHopfield"]
