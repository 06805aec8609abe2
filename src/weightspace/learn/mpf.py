"""Minimum probability flow (MPF) for binary Hopfield networks (Sohl-Dickstein, Battaglino, DeWeese 2011;
Hillar, Sohl-Dickstein, Koepsell 2012).

States ``x in {0,1}^n``, energy ``E(x) = -1/2 x^T W x - theta^T x`` with ``W`` symmetric and zero on the diagonal.
The 1-bit-flip MPF objective over data ``X`` (``M x n``) is

    K(W, theta) = sum_m sum_i exp((E(x_m) - E(x_m with bit i flipped)) / 2) = sum_m sum_i exp(s_mi r_mi / 2),

with ``r_mi = (W x_m)_i + theta_i`` (the field of unit ``i``) and ``s_mi = 1 - 2 x_mi``. Each term is small exactly
when unit ``i`` already agrees with ``x_mi`` with a margin, so minimising ``K`` makes the data fixed points of
``x -> H(W x + theta)``. ``K`` is convex in ``(W, theta)``. Gradient (``G = s * exp(s r / 2) / 2``):
``dK/dtheta = sum_m G_m``, ``dK/dW_ij = (X^T G)_ji + (X^T G)_ij`` for ``i < j`` (``W`` symmetric).
"""

from __future__ import annotations

import numpy as np


def unpack(vector: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(W, theta)`` from the parameter vector ``(upper triangle of W, theta)``.

    Parameters
    ----------
    vector
        ``(upper triangle of W, theta)``.
    n
        Number of units.

    Returns
    -------
    tuple
        ``(W, theta)``.
    """
    W = np.zeros((n, n), dtype=vector.dtype)
    rows, cols = np.triu_indices(n, 1)
    m = len(rows)
    W[rows, cols] = vector[:m]
    W[cols, rows] = vector[:m]
    return W, vector[m:]


def pack(W: np.ndarray, theta: np.ndarray) -> np.ndarray:
    """The parameter vector ``(upper triangle of W, theta)`` (inverse of ``unpack``).

    Parameters
    ----------
    W
        The symmetric weight matrix.
    theta
        The thresholds.

    Returns
    -------
    numpy.ndarray
        The vector.
    """
    rows, cols = np.triu_indices(len(theta), 1)
    return np.concatenate([W[rows, cols], theta])


def objective(vector: np.ndarray, X: np.ndarray) -> tuple[float, np.ndarray]:
    """``K`` and its gradient (vectorised; ``X`` is ``M x n`` in {0,1}).

    Parameters
    ----------
    vector
        The parameters, packed.
    X
        The patterns.

    Returns
    -------
    tuple
        ``K`` and its gradient.
    """
    n = X.shape[1]
    W, theta = unpack(vector, n)
    S = 1.0 - 2.0 * X
    fields = X @ W + theta
    terms = np.exp(0.5 * S * fields)
    G = 0.5 * S * terms
    full = X.T @ G                        # full[j, i] = sum_m x_mj G_mi = dK/dW_ij through unit i
    rows, cols = np.triu_indices(n, 1)
    grad_w = full[cols, rows] + full[rows, cols]
    return float(terms.sum()), np.concatenate([grad_w, G.sum(axis=0)])


def objective_reference(vector: np.ndarray, X: np.ndarray) -> tuple[float, np.ndarray]:
    """The same objective written the plain way (loops over units; the hdnet-style baseline for benchmarks).

    Parameters
    ----------
    vector
        The parameters, packed.
    X
        The patterns.

    Returns
    -------
    tuple
        ``K`` and its gradient.
    """
    n = X.shape[1]
    W, theta = unpack(vector, n)
    value = 0.0
    grad_W = np.zeros((n, n))
    grad_theta = np.zeros(n)
    for i in range(n):
        field = X @ W[i] + theta[i]
        s = 1.0 - 2.0 * X[:, i]
        term = np.exp(0.5 * s * field)
        value += term.sum()
        g = 0.5 * s * term
        grad_W[i] += X.T @ g
        grad_theta[i] += g.sum()
    grad_W = grad_W + grad_W.T
    rows, cols = np.triu_indices(n, 1)
    return value, np.concatenate([grad_W[rows, cols], grad_theta])
