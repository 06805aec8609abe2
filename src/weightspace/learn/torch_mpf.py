"""MPF on PyTorch: many independent trials at once, on a GPU when one is present (CPU otherwise).

The objective is the one of [`weightspace.learn.mpf`][weightspace.learn.mpf] written with tensors; autograd supplies the
gradient (the tests compare it with the analytic gradient). ``fit_batch`` trains ``B`` networks on ``B`` pattern sets in
one program with L-BFGS on the summed (separable) objective.
"""

from __future__ import annotations

import numpy as np

from .base import LearningRule, to_binary


def _torch():
    try:
        import torch
    except ImportError as error:  # pragma: no cover
        from ..errors import InvalidInput
        raise InvalidInput("the torch path needs PyTorch: pip install 'weightspace[torch]' (torch==2.13.0)") \
            from error
    return torch


def device(name: str | None = None):
    """The requested device, else CUDA when available, else CPU.

    Parameters
    ----------
    name
        A device name, or ``None``.

    Returns
    -------
    torch.device
        The device.
    """
    torch = _torch()
    if name:
        return torch.device(name)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def objective_torch(upper, theta, X):
    """Batched ``K`` (shape ``B``) for ``upper`` (``B x n(n-1)/2``), ``theta`` (``B x n``), ``X`` (``B x M x n``).

    Parameters
    ----------
    upper
        The upper triangles of the ``W``.
    theta
        The thresholds.
    X
        The pattern sets.

    Returns
    -------
    torch.Tensor
        ``K`` per network.
    """
    torch = _torch()
    B, M, n = X.shape
    rows, cols = torch.triu_indices(n, n, 1, device=X.device)
    W = torch.zeros(B, n, n, dtype=X.dtype, device=X.device)
    W[:, rows, cols] = upper
    W = W + W.transpose(1, 2)
    fields = X @ W + theta[:, None, :]
    S = 1.0 - 2.0 * X
    return torch.exp(0.5 * S * fields).sum(dim=(1, 2))


def fit_batch(patterns: np.ndarray, max_iter: int = 500, device_name: str | None = None,
              with_iterations: bool = False):
    """Train one network per pattern set; returns ``(W, theta)`` as numpy arrays (``B x n x n``, ``B x n``), and the
    number of L-BFGS iterations taken when ``with_iterations``.

    Parameters
    ----------
    patterns
        The pattern sets (``B x M x n``).
    max_iter
        L-BFGS iterations at most.
    device_name
        The PyTorch device.
    with_iterations
        Also return the iterations taken.

    Returns
    -------
    tuple
        ``(W, theta)`` (and the iterations).
    """
    torch = _torch()
    dev = device(device_name)
    X = torch.as_tensor(np.asarray(patterns), dtype=torch.float64, device=dev)
    B, M, n = X.shape
    upper = torch.zeros(B, n * (n - 1) // 2, dtype=torch.float64, device=dev, requires_grad=True)
    theta = torch.zeros(B, n, dtype=torch.float64, device=dev, requires_grad=True)
    optimizer = torch.optim.LBFGS([upper, theta], max_iter=max_iter, tolerance_grad=1e-12,
                                  tolerance_change=1e-15, history_size=20, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = objective_torch(upper, theta, X).sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    rows, cols = np.triu_indices(n, 1)
    W = np.zeros((B, n, n))
    values = upper.detach().cpu().numpy()
    W[:, rows, cols] = values
    W[:, cols, rows] = values
    iterations = int(optimizer.state[optimizer.param_groups[0]["params"][0]].get("n_iter", 0))
    if with_iterations:
        return W, theta.detach().cpu().numpy(), iterations
    return W, theta.detach().cpu().numpy()


class MPFTorchRule(LearningRule):
    """MPF trained with PyTorch (CUDA when available)."""

    def __init__(self, max_iter: int = 500, device: str | None = None):
        self.max_iter, self.device = max_iter, device

    def fit(self, patterns) -> "MPFTorchRule":
        self._check_positive(max_iter=self.max_iter)
        X = to_binary(patterns)
        W, theta, iterations = fit_batch(X[None, :, :], self.max_iter, self.device, with_iterations=True)
        self.W_, self.theta_, self.n_iter_ = W[0], theta[0], iterations
        return self
