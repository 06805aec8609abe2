"""Batched retrieval for the modern (softmax) Hopfield network: NumPy on the CPU, PyTorch on a GPU when present.

One retrieval step for queries ``Q`` (rows) and stored patterns ``X`` (rows) is ``softmax(beta Q X^T) X``
(Ramsauer et al. 2021). Both paths compute the same floating-point quantity; the PyTorch path runs on CUDA when it
is available and on the CPU otherwise (the tests run it on the CPU and compare with NumPy).

Examples
--------
>>> import numpy as np
>>> X = np.array([[1, 1, -1], [-1, 1, 1]])
>>> np.sign(retrieve_numpy(X, X, beta=4.0)).astype(int).tolist()
[[1, 1, -1], [-1, 1, 1]]
"""

from __future__ import annotations

from typing import Any

import numpy as np


def retrieve_numpy(patterns: Any, queries: Any, beta: float = 1.0) -> np.ndarray:
    """``softmax(beta Q X^T) X`` in float64.

    Parameters
    ----------
    patterns
        The stored patterns ``X``, one per row.
    queries
        The queries ``Q``, one per row.
    beta
        The inverse temperature.

    Returns
    -------
    numpy.ndarray
        One retrieved state per query.
    """
    X = np.asarray(patterns, dtype=float)
    scores = beta * (np.asarray(queries, dtype=float) @ X.T)
    scores -= scores.max(axis=1, keepdims=True)
    weights = np.exp(scores)
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ X


def torch_device() -> str:
    """``cuda`` when PyTorch sees a GPU, else ``cpu``.

    Returns
    -------
    str
        The device name.
    """
    import torch
    return "cuda" if torch.cuda.is_available() else "cpu"


def retrieve_torch(patterns: Any, queries: Any, beta: float = 1.0, device: str | None = None,
                   dtype: str = "float64") -> np.ndarray:
    """The same step with PyTorch (``device`` defaults to [`torch_device()`][weightspace.memory.batched.torch_device]).

    Parameters
    ----------
    patterns
        The stored patterns ``X``, one per row.
    queries
        The queries ``Q``, one per row.
    beta
        The inverse temperature.
    device
        The PyTorch device.
    dtype
        ``float64`` or ``float32``.

    Returns
    -------
    numpy.ndarray
        One retrieved state per query.
    """
    import torch

    device = device or torch_device()
    kind = getattr(torch, dtype)
    X = torch.as_tensor(np.asarray(patterns), dtype=kind, device=device)
    Q = torch.as_tensor(np.asarray(queries), dtype=kind, device=device)
    out = torch.softmax(beta * (Q @ X.T), dim=1) @ X
    return out.cpu().numpy()


__all__ = ["retrieve_numpy", "retrieve_torch", "torch_device"]
