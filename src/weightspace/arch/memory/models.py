"""Associative memories on ``{-1, 1}^N`` with one interface: ``fit(patterns)``, ``energy(x)``, ``fields(x)``,
``is_fixed_point(x)``, ``update(x)`` (asynchronous sweeps) and ``recall(cue)``.

Every model stores patterns ``xi_1..xi_M`` (rows of ``patterns_``) and has an energy whose single-unit change decides
the asynchronous update: unit ``i`` takes the sign of its *aligned field* ``x_i h_i(x)``, where ``x_i h_i(x) > 0``
means that flipping unit ``i`` raises the energy. A state is a fixed point iff every aligned field is positive; a
zero field is a tie and counts as a failure (the capacity convention of weightspace).

* ``classical`` (Hopfield 1982, Hebbian): ``E = -1/2 x^T W x``, ``W = sum_mu xi_mu xi_mu^T`` with zero diagonal;
* ``poly`` / ``rectified`` (Krotov and Hopfield 2016, Eqs. (5)-(6)): ``E = -sum_mu F(xi_mu . x)`` with
  ``F(z) = z^a`` or ``max(z, 0)^a``; the aligned field is ``sum_mu F(s_mu) - F(s_mu - 2 xi_mu,i x_i)`` with
  ``s_mu = xi_mu . x`` (integers: decided exactly);
* ``exp`` (Demircigil, Heusel, Löwe, Upgang and Vermet 2017): ``F(z) = exp(z)``; the aligned field
  ``sum_mu e^(s_mu) (1 - e^(-2 xi_mu,i x_i))`` is computed in floating point after factoring out ``e^(max s)``;
* ``softmax`` (Ramsauer et al. 2021, modern continuous Hopfield): the retrieval step
  ``x -> X softmax(beta X^T x)``; the aligned field of unit ``i`` is ``x_i [X softmax(beta X^T x)]_i``, and a binary
  pattern is a fixed point when one step keeps every sign;
* ``simplicial`` (Burns and Fukai 2023): setwise weights ``w_sigma = sum_mu prod_(i in sigma) xi_mu,i`` on simplices
  ``sigma`` of 2 to ``D + 1`` units, ``E = -sum_sigma w_sigma prod_(i in sigma) x_i``; the aligned field of unit
  ``i`` is ``sum_(sigma ∋ i) w_sigma prod_(j in sigma) x_j`` (integers: exact). ``simplices`` chooses all of them
  (``full``) or a random subset with as many weights as the pairwise network (``mixed``, as in Burns–Fukai);
* ``energy-transformer`` (Hoover et al. 2023):
  [`EnergyTransformer`][weightspace.arch.memory.energy_transformer.EnergyTransformer], the flow of its energy on
  layer-normalised tokens;
* ``hillar-tran`` (Hillar and Tran 2018): [`CliqueHopfield`][weightspace.arch.memory.cliques.CliqueHopfield], whose
  memories are the cliques of a graph on the units' edges (its patterns must be cliques, not random).

Examples
--------
>>> import numpy as np
>>> patterns = np.array([[1, 1, -1, -1], [1, -1, 1, -1]])
>>> model = make_model("classical").fit(patterns)
>>> model.aligned_fields(patterns[0]).tolist(), model.is_fixed_point(patterns[0])
([2, 2, 2, 2], True)
>>> make_model("poly", degree=3).fit(patterns).energy(patterns[0])
-64
"""

from __future__ import annotations

from itertools import combinations
from math import comb
from typing import Any

import numpy as np

from ...errors import InvalidInput, TooLarge
from ...validation import check_number
from .base import AssociativeMemory, check_patterns  # noqa: F401  (re-exported)

MODELS = ("classical", "poly", "rectified", "exp", "softmax", "simplicial", "energy-transformer", "hillar-tran")


def hebbian_weights(patterns: Any) -> np.ndarray:
    """The Hebbian (outer-product) weights of ``±1`` patterns: ``J = sum_mu xi_mu xi_mu^T`` with zero diagonal, in
    integers. The one Hebbian rule of weightspace: the classical memory stores with it, the learning rule ``hebb``
    of ``weightspace.learn`` maps it to ``{0,1}`` states, and the palimpsest of
    [`forgetting`][weightspace.memory.experiments.forgetting] adds it one pattern at a time.

    Parameters
    ----------
    patterns
        ``M x N`` patterns in ``{-1,1}``.

    Returns
    -------
    numpy.ndarray
        The integer ``N x N`` weights.

    Examples
    --------
    >>> hebbian_weights([[1, 1, -1], [1, -1, 1]]).tolist()
    [[0, 0, 0], [0, 0, -2], [0, -2, 0]]
    """
    X = np.asarray(patterns, dtype=np.int64).reshape(-1, np.shape(patterns)[-1])
    J = X.T @ X
    np.fill_diagonal(J, 0)
    return J


class ClassicalHopfield(AssociativeMemory):
    name = "classical"

    def _store(self) -> None:
        self.W_ = hebbian_weights(self.patterns_)

    def energy(self, x: Any) -> Any:
        x = np.asarray(x, dtype=np.int64)
        return -int(x @ self.W_ @ x) // 2

    def aligned_fields(self, x: Any) -> np.ndarray:
        x = np.asarray(x, dtype=np.int64)
        return x * (self.W_ @ x)

    def pattern_fields(self) -> np.ndarray:
        return self.patterns_ * (self.patterns_ @ self.W_)


class DenseAssociativeMemory(AssociativeMemory):
    """``F(z) = z^a`` (``poly``), ``max(z, 0)^a`` (``rectified``) or ``exp(z)`` (``exp``)."""

    def __init__(self, kind: str = "poly", degree: int = 3):
        if kind not in ("poly", "rectified", "exp"):
            raise InvalidInput(f"unknown dense memory {kind!r}")
        if kind != "exp" and (not isinstance(degree, (int, np.integer)) or degree < 2):
            raise InvalidInput("the degree of a polynomial memory must be an integer >= 2")
        self.kind, self.degree = kind, degree
        self.name = kind

    def _F(self, z: np.ndarray) -> np.ndarray:
        if self.kind == "rectified":
            z = np.maximum(z, 0)
        return z ** self.degree

    def _store(self) -> None:
        if self.kind != "exp" and self.n_units_ ** self.degree * max(1, len(self.patterns_)) >= 2 ** 62:
            raise TooLarge("integer energies would overflow 64 bits", f"N^a M = {self.n_units_}^{self.degree} "
                                                                         f"x {len(self.patterns_)}")

    def energy(self, x: Any) -> Any:
        s = self.patterns_ @ np.asarray(x, dtype=np.int64)
        if self.kind == "exp":
            return -float(np.exp(s.astype(float)).sum())
        return -int(self._F(s).sum())

    def aligned_fields(self, x: Any) -> np.ndarray:
        x = np.asarray(x, dtype=np.int64)
        s = self.patterns_ @ x                                  # overlaps s_mu
        flipped = s[:, None] - 2 * self.patterns_ * x[None, :]   # s_mu - 2 xi_mu,i x_i
        if self.kind == "exp":
            top = float(s.max())
            return (np.exp(s - top)[:, None] - np.exp(flipped - top)).sum(axis=0)
        return (self._F(s)[:, None] - self._F(flipped)).sum(axis=0)

    def pattern_fields(self) -> np.ndarray:
        """Twice the aligned fields at every pattern, in ``O(M^2 N)``: with ``S = X X^T``,
        ``A = F(S) - F(S - 2)`` and ``B = F(S) - F(S + 2)``, twice the field of unit ``i`` at pattern ``nu`` is
        ``sum_mu (A + B)_(mu nu) + xi_nu,i sum_mu (A - B)_(mu nu) xi_mu,i`` (``xi_mu,i xi_nu,i = +-1``)."""
        X = self.patterns_
        S = X @ X.T
        if self.kind == "exp":
            shift = float(self.n_units_)
            A = np.exp(S - shift) - np.exp(S - 2 - shift)
            B = np.exp(S - shift) - np.exp(S + 2 - shift)
        else:
            A, B = self._F(S) - self._F(S - 2), self._F(S) - self._F(S + 2)
        return (A + B).sum(axis=0)[:, None] + X * ((A - B).T @ X)


class ModernHopfield(AssociativeMemory):
    """Ramsauer et al. (2021): ``x -> X softmax(beta X^T x)`` (``X`` the patterns as columns)."""

    name = "softmax"

    def __init__(self, beta: float = 1.0):
        self.beta = check_number(beta, "--beta", positive=True)

    def retrieve(self, x: Any) -> np.ndarray:
        """One retrieval step (continuous)."""
        a = self.beta * (self.patterns_ @ np.asarray(x, dtype=float))
        p = np.exp(a - a.max())
        return (p / p.sum()) @ self.patterns_

    def energy(self, x: Any) -> float:
        x = np.asarray(x, dtype=float)
        a = self.beta * (self.patterns_ @ x)
        lse = a.max() + np.log(np.exp(a - a.max()).sum())
        return float(-lse / self.beta + 0.5 * x @ x)

    def aligned_fields(self, x: Any) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        return x * self.retrieve(x)

    def pattern_fields(self) -> np.ndarray:
        X = self.patterns_.astype(float)
        a = self.beta * (X @ X.T)                                 # column nu: scores of pattern nu
        p = np.exp(a - a.max(axis=0, keepdims=True))
        p /= p.sum(axis=0, keepdims=True)
        return X * (p.T @ X)


class SimplicialHopfield(AssociativeMemory):
    """Setwise connections on simplices of 2..``max_dimension + 1`` units: all of them (``simplices="full"``), a
    random subset with ``C(N, 2)`` weights (``"mixed"``, Burns–Fukai's equal-parameter comparison), or the given
    simplices (a dict from size to an array of unit tuples)."""

    name = "simplicial"

    def __init__(self, max_dimension: int = 2, simplices: str | dict = "full", random_state: int = 0,
                 max_simplices: int = 2_000_000):
        if max_dimension < 1:
            raise InvalidInput("the simplex dimension must be at least 1 (edges)")
        if not isinstance(simplices, dict) and simplices not in ("full", "mixed"):
            raise InvalidInput("simplices must be 'full', 'mixed' or a dict of given simplices")
        self.max_dimension, self.simplices, self.random_state = max_dimension, simplices, random_state
        self.max_simplices = max_simplices

    def _store(self) -> None:
        N = self.n_units_
        sizes = range(2, self.max_dimension + 2)
        total = sum(comb(N, k) for k in sizes)
        if isinstance(self.simplices, dict):
            self.simplices_ = {k: np.asarray(s, dtype=np.int64) for k, s in self.simplices.items()}
            self.weights_ = {k: np.prod(self.patterns_[:, s], axis=2).sum(axis=0) for k, s in self.simplices_.items()}
            return
        if self.simplices == "full" and total > self.max_simplices:
            raise TooLarge(f"{total} simplices on {N} units up to dimension {self.max_dimension}", f"{total} weights")
        groups: dict[int, np.ndarray] = {}
        if self.simplices == "full":
            for k in sizes:
                groups[k] = np.array(list(combinations(range(N), k)), dtype=np.int64).reshape(-1, k)
        else:
            rng = np.random.default_rng(self.random_state)
            budget = comb(N, 2)
            counts = rng.multinomial(budget, [comb(N, k) / total for k in sizes])
            for k, count in zip(sizes, counts):
                chosen: set[tuple[int, ...]] = set()
                while len(chosen) < min(count, comb(N, k)):
                    chosen.add(tuple(sorted(rng.choice(N, size=k, replace=False).tolist())))
                groups[k] = np.array(sorted(chosen), dtype=np.int64).reshape(-1, k)
        self.simplices_ = groups
        self.weights_ = {k: np.prod(self.patterns_[:, s], axis=2).sum(axis=0) for k, s in groups.items()}

    @property
    def n_weights(self) -> int:
        return sum(len(s) for s in self.simplices_.values())

    def energy(self, x: Any) -> int:
        x = np.asarray(x, dtype=np.int64)
        return -int(sum((w * np.prod(x[s], axis=1)).sum() for s, w in
                        ((self.simplices_[k], self.weights_[k]) for k in self.simplices_)))

    def pattern_fields(self) -> np.ndarray:
        from scipy.sparse import csr_matrix
        X = self.patterns_
        out = np.zeros(X.shape, dtype=np.int64)
        for k, s in self.simplices_.items():
            terms = self.weights_[k][None, :] * np.prod(X[:, s], axis=2)          # M x S
            rows = np.repeat(np.arange(len(s)), k)
            incidence = csr_matrix((np.ones(len(rows), dtype=np.int64), (rows, s.ravel())), shape=(len(s), X.shape[1]))
            out += np.asarray(incidence.T.dot(terms.T).T)
        return out

    def aligned_fields(self, x: Any) -> np.ndarray:
        x = np.asarray(x, dtype=np.int64)
        out = np.zeros(len(x), dtype=np.int64)
        for k, s in self.simplices_.items():
            terms = self.weights_[k] * np.prod(x[s], axis=1)
            for column in range(k):
                np.add.at(out, s[:, column], terms)
        return out


def make_model(name: str, degree: int = 3, beta: float = 1.0, max_dimension: int = 2, simplices: str | dict = "full",
               random_state: int = 0) -> AssociativeMemory:
    """A model by name (``classical``, ``poly``, ``rectified``, ``exp``, ``softmax``, ``simplicial``,
    ``energy-transformer``, ``hillar-tran``).

    Parameters
    ----------
    name
        ``classical``, ``poly``, ``rectified``, ``exp``, ``softmax`` or ``simplicial``.
    degree
        The degree of ``poly`` and ``rectified``.
    beta
        The inverse temperature of ``softmax`` (and of the Energy Transformer's attention).
    max_dimension
        The largest simplex dimension of ``simplicial``.
    simplices
        ``"full"``, or the simplices of ``simplicial`` by dimension.
    random_state
        Seed of random simplex choices.

    Returns
    -------
    AssociativeMemory
        The unfitted model.

    Raises
    ------
    InvalidInput
        For an unknown name or invalid parameters.
    """
    if name == "classical":
        return ClassicalHopfield()
    if name in ("poly", "rectified", "exp"):
        return DenseAssociativeMemory(name, degree)
    if name == "softmax":
        return ModernHopfield(beta)
    if name == "simplicial":
        return SimplicialHopfield(max_dimension, simplices, random_state)
    if name == "energy-transformer":
        from .energy_transformer import EnergyTransformer
        return EnergyTransformer(beta)
    if name == "hillar-tran":
        from .cliques import CliqueHopfield
        return CliqueHopfield()
    raise InvalidInput(f"unknown model {name!r}: use {', '.join(MODELS)}")


__all__ = ["hebbian_weights", "MODELS", "AssociativeMemory", "ClassicalHopfield", "DenseAssociativeMemory",
           "ModernHopfield", "SimplicialHopfield", "make_model"]
