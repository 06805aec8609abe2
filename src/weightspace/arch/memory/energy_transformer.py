"""The Energy Transformer (Hoover, Liang, Pham, Panda, Strobelt, Chau, Zaki and Krotov 2023) as an associative memory.

Tokens ``x_A`` in ``R^D`` (``A = 1..T``) are layer-normalised, ``g_A = gamma (x_A - mean(x_A)) / sqrt(var(x_A) +
eps) + delta``, which is the gradient ``g = dL/dx`` of the convex Lagrangian ``L(x) = D gamma sqrt(var(x) + eps) +
delta . x``. The energy of ``g`` has two parts:

* attention, ``E_att = -(1/beta) sum_h sum_C log sum_(B != C) exp(beta K_hB . Q_hC)`` with ``K_hB = W^K_h g_B`` and
  ``Q_hC = W^Q_h g_C``;
* the Hopfield module, ``E_hn = -1/2 sum_C sum_mu ReLU(xi_mu . g_C)^2``, whose memories ``xi_mu`` are the stored
  patterns scaled by ``1/sqrt(D)``.

The dynamics are ``dx/dt = -dE/dg``. Along them ``dE/dt = -(dE/dg)^T (d^2L/dx^2) (dE/dg) <= 0``, since ``L`` is
convex, so the energy never increases: the paper's guarantee. It is checked here on random instances with a small
step (Euler, ``x <- x - step dE/dg``).

**As a memory on {-1, 1}^N.** With one token (``T = 1``, ``D = N``) attention has nothing to attend to. The model is
then its Hopfield module on the layer-normalised state: a continuous ``ReLU^2`` dense memory. A stored pattern is a
fixed point when the flow started at it converges with ``sign(g) = xi``. The test is numerical (float64, at most
``max_steps`` steps, stopping when ``|dE/dg|`` is below ``tol``). Recall runs the flow from a noisy cue and reads
``sign(g)``. Several tokens with random ``W^K, W^Q`` serve for the energy-descent check.

Examples
--------
>>> import numpy as np
>>> X = np.array([[1, 1, -1, -1, 1, -1], [1, -1, 1, -1, -1, 1]])
>>> et = EnergyTransformer().fit(X)
>>> et.stored().tolist()
[True, True]
>>> bool(et.energy(X[0]) < et.energy(np.array([1, 1, 1, -1, 1, -1])))
True
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ...errors import InvalidInput
from ...validation import check_number
from .base import AssociativeMemory


def layer_norm(x: np.ndarray, gamma: float = 1.0, delta: float = 0.0, eps: float = 1e-5) -> np.ndarray:
    """Layer normalisation of each row (token): ``gamma (x - mean) / sqrt(var + eps) + delta``.

    Parameters
    ----------
    x
        Tokens as rows (or one token).
    gamma
        Scale.
    delta
        Shift.
    eps
        Regulariser of the variance.

    Returns
    -------
    numpy.ndarray
        ``g``, the same shape.
    """
    centred = x - x.mean(axis=-1, keepdims=True)
    return gamma * centred / np.sqrt((centred ** 2).mean(axis=-1, keepdims=True) + eps) + delta


def attention_energy(g: np.ndarray, WK: np.ndarray, WQ: np.ndarray, beta: float) -> tuple[float, np.ndarray]:
    """``E_att`` and ``dE_att/dg`` for tokens ``g`` (``T x D``) and weights ``WK, WQ`` (``H x Y x D``).

    Parameters
    ----------
    g
        Normalised tokens.
    WK
        Key weights per head.
    WQ
        Query weights per head.
    beta
        Inverse temperature.

    Returns
    -------
    tuple
        The energy and its gradient (``T x D``).
    """
    T = len(g)
    if T < 2:
        return 0.0, np.zeros_like(g)
    K = np.einsum("hyd,bd->hby", WK, g)
    Q = np.einsum("hyd,cd->hcy", WQ, g)
    A = beta * np.einsum("hby,hcy->hbc", K, Q)                   # A[h, B, C] = beta K_hB . Q_hC
    A[:, np.arange(T), np.arange(T)] = -np.inf                   # B != C
    top = A.max(axis=1, keepdims=True)
    weights = np.exp(A - top)
    total = weights.sum(axis=1, keepdims=True)
    energy = -float((np.log(total) + top).sum()) / beta
    P = weights / total                                          # softmax over B for each (h, C)
    grad = -(np.einsum("hbc,hby,hyd->cd", P, K, WQ) + np.einsum("hbc,hcy,hyd->bd", P, Q, WK))
    return energy, grad


class EnergyTransformer(AssociativeMemory):
    """The Energy Transformer's energy and dynamics; ``fit(patterns)`` stores the patterns as the Hopfield module's
    memories (one token per state unless ``tokens > 1`` with random attention weights for experiments)."""

    name = "energy-transformer"

    def __init__(self, beta: float = 1.0, step: float = 0.1, max_steps: int = 400, tol: float = 1e-6,
                 heads: int = 0, key_dim: int = 4, random_state: int = 0):
        self.beta = check_number(beta, "--beta", positive=True)
        self.step = check_number(step, "step", positive=True)
        self.max_steps, self.tol, self.heads, self.key_dim = max_steps, tol, heads, key_dim
        self.random_state = random_state

    def _store(self) -> None:
        D = self.n_units_
        self.memories_ = self.patterns_ / np.sqrt(D)
        rng = np.random.default_rng(self.random_state)
        shape = (self.heads, self.key_dim, D)
        self.WK_ = rng.normal(size=shape) / np.sqrt(D)
        self.WQ_ = rng.normal(size=shape) / np.sqrt(D)

    def energy_of_g(self, g: np.ndarray) -> tuple[float, np.ndarray]:
        """``E(g)`` and ``dE/dg`` for tokens ``g`` (``T x D``; one row for a plain state)."""
        g = np.atleast_2d(g)
        overlaps = np.maximum(g @ self.memories_.T, 0.0)         # ReLU(xi_mu . g_C)
        energy = -0.5 * float((overlaps ** 2).sum())
        grad = -overlaps @ self.memories_
        if self.heads:
            e_att, g_att = attention_energy(g, self.WK_, self.WQ_, self.beta)
            energy, grad = energy + e_att, grad + g_att
        return energy, grad

    def energy(self, x: Any) -> float:
        return self.energy_of_g(layer_norm(np.atleast_2d(np.asarray(x, dtype=float))))[0]

    def flow(self, x: Any, record: bool = False) -> tuple[np.ndarray, list[float]]:
        """Euler steps of ``dx/dt = -dE/dg`` from ``x`` (a state, tokens as rows, or a batch of one-token states
        when ``heads = 0``), until ``|dE/dg| < tol`` or ``max_steps``; with ``record``, the energy at every step."""
        x = np.atleast_2d(np.asarray(x, dtype=float)).copy()
        energies = []
        for _ in range(self.max_steps):
            g = layer_norm(x)
            if self.heads:
                energy, grad = self.energy_of_g(g)
                if record:
                    energies.append(energy)
            else:                                                # rows are independent states: batch them
                overlaps = np.maximum(g @ self.memories_.T, 0.0)
                grad = -overlaps @ self.memories_
                if record:
                    energies.append(-0.5 * float((overlaps ** 2).sum()))
            if np.abs(grad).max() < self.tol:
                break
            x -= self.step * grad
        return x, energies

    def aligned_fields(self, x: Any) -> np.ndarray:
        x = np.asarray(x, dtype=float)
        return (x * layer_norm(self.flow(x)[0])).reshape(x.shape)

    def pattern_fields(self) -> np.ndarray:
        return self.patterns_ * layer_norm(self.flow(self.patterns_)[0])

    def update(self, x: Any, sweeps: int = 20, rng: np.random.Generator | None = None) -> tuple[np.ndarray, int]:
        """The flow from ``x``, read as signs of ``g``; ``sweeps`` is unused (the flow has its own step budget).

        Raises
        ------
        InvalidInput
            When the flow ends with a zero coordinate (a tie).
        """
        end = layer_norm(self.flow(x)[0])[0]
        if (end == 0).any():
            raise InvalidInput("the flow ended on a tie (a zero coordinate)")
        return np.where(end > 0, 1, -1).astype(np.int64), 1


__all__ = ["layer_norm", "attention_energy", "EnergyTransformer"]
