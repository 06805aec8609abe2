"""SGD noise and the global-minimiser question (Wojtowytsch 2021, "Stochastic gradient descent with noise of
machine learning type").

An overparametrised two-layer network ``h(x) = (1/sqrt(m)) sum_i b_i relu(u_i . x)`` (``m`` neurons, far more
parameters than the ``n`` training points) fits a teacher by minibatch SGD. The noise of SGD is of *machine-learning
type*: the minibatch gradient equals the full gradient wherever every per-sample loss vanishes, so at an
interpolating (global) minimiser the noise vanishes too, and SGD with a small step converges to a global minimiser of
the empirical loss. *Data augmentation* (fresh Gaussian jitter of the inputs at every step) breaks this: no parameter
fits every perturbed sample, the noise persists at every minimiser, and the loss stalls above zero.

Along training the experiment records the full-batch training loss, the test loss, and the *sharpness*: the top
eigenvalue of the Hessian of the training loss (largest in size; the top one near a minimum), by power iteration
with exact Hessian-vector products (double backpropagation); ``learning_rate * sharpness < 2`` is the stability condition of gradient descent at a minimum.
"""

from __future__ import annotations

import math
from typing import Any

DEFAULTS: dict[str, Any] = {"d": 5, "k": 2, "m": 256, "n_train": 32, "n_test": 500, "batch": 4,
                            "learning_rates": [0.2, 1.0, 2.0], "augment": [False, True], "jitter": 0.1,
                            "steps": 6000, "record_every": 500, "power_iterations": 30, "seed": 0}
QUICK: dict[str, Any] = {"learning_rates": [1.0, 2.0], "steps": 2000, "record_every": 1000}


def _sharpness(loss_of, params, iterations: int, torch, seed: int) -> float:
    """The Hessian eigenvalue of ``loss_of(*params)`` largest in size, by power iteration on Hessian-vector
    products: near a minimum, where the Hessian is positive semidefinite, the top eigenvalue."""
    generator = torch.Generator().manual_seed(seed)
    v = [torch.randn(p.shape, generator=generator, dtype=p.dtype) for p in params]
    value = 0.0
    for _ in range(iterations):
        norm = math.sqrt(sum(float((x * x).sum()) for x in v))
        v = [x / norm for x in v]
        grads = torch.autograd.grad(loss_of(*params), params, create_graph=True)
        hv = torch.autograd.grad(sum((g * x).sum() for g, x in zip(grads, v)), params)
        value = sum(float((h * x).sum()) for h, x in zip(hv, v))                   # Rayleigh quotient
        v = [h.detach() for h in hv]
    return value


def run(config: dict, learning_rate: float, augment: bool) -> list[dict]:
    """Train by SGD (minibatches drawn with a seeded generator) and record the curves; one row per record.

    Parameters
    ----------
    config
        The experiment's settings.
    learning_rate
        The SGD step size.
    augment
        Whether the inputs are augmented.

    Returns
    -------
    list of dict
        One row per record.
    """
    import torch
    torch.set_num_threads(1)
    from .teacher import teacher_data
    generator, _, x, y, x_test, y_test = teacher_data(config, torch)
    d, m = int(config["d"]), int(config["m"])
    u = (torch.randn(m, d, generator=generator, dtype=torch.float64) / math.sqrt(d)).requires_grad_(True)
    b = torch.randn(m, generator=generator, dtype=torch.float64).requires_grad_(True)
    h = lambda u_, b_, z: torch.relu(z @ u_.T) @ b_ / math.sqrt(m)  # noqa: E731
    full = lambda u_, b_: ((h(u_, b_, x) - y) ** 2).mean() / 2    # noqa: E731
    noise = torch.Generator().manual_seed(int(config["seed"]) + 1)
    rows = []
    for step in range(int(config["steps"]) + 1):
        if step % int(config["record_every"]) == 0:
            with torch.no_grad():
                train, test = float(full(u, b)), float(((h(u, b, x_test) - y_test) ** 2).mean() / 2)
            sharp = _sharpness(full, [u, b], int(config["power_iterations"]), torch, int(config["seed"]))
            rows.append({"learning_rate": learning_rate, "augment": augment, "step": step, "train_loss": train,
                         "test_loss": test, "sharpness": sharp, "stability": learning_rate * sharp,
                         "seed": int(config["seed"])})
        if step == int(config["steps"]):
            break
        batch = torch.randint(0, x.shape[0], (int(config["batch"]),), generator=noise)
        inputs = x[batch]
        if augment:
            inputs = inputs + float(config["jitter"]) * torch.randn(inputs.shape, generator=noise,
                                                                    dtype=torch.float64)
        loss = ((h(u, b, inputs) - y[batch]) ** 2).mean() / 2
        grad_u, grad_b = torch.autograd.grad(loss, (u, b))
        with torch.no_grad():
            u -= learning_rate * grad_u
            b -= learning_rate * grad_b
    return rows


def tasks(config: dict) -> list[tuple]:
    """One task per learning rate and augmentation setting.

    Parameters
    ----------
    config
        The experiment's settings.

    Returns
    -------
    list of tuple
        The arguments of each ``run``.
    """
    return [(float(lr), bool(a)) for lr in config["learning_rates"] for a in config["augment"]]


def summarise(config: dict, rows: list[dict]) -> dict:
    """Final training loss per setting, as a fraction of the initial one.

    Parameters
    ----------
    config
        The experiment's settings.
    rows
        The rows of every ``run``.

    Returns
    -------
    dict
        The summary.
    """
    out = {}
    for lr in sorted({r["learning_rate"] for r in rows}):
        for augment in (False, True):
            curve = [r for r in rows if r["learning_rate"] == lr and r["augment"] == augment]
            if curve:
                tag = f"lr{lr:g}{'_augmented' if augment else ''}"
                out[f"final_over_initial_{tag}"] = curve[-1]["train_loss"] / curve[0]["train_loss"]
    return out


def figure(rows: list[dict], path: str) -> None:
    """Training loss, test loss and learning rate times sharpness along training, per setting.

    Parameters
    ----------
    rows
        The rows of every ``run``.
    path
        The picture file.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, axes = plt.subplots(1, 3, figsize=(14, 3.5))
    settings = sorted({(r["learning_rate"], r["augment"]) for r in rows})
    for lr, augment in settings:
        curve = [r for r in rows if r["learning_rate"] == lr and r["augment"] == augment]
        label = f"lr {lr:g}" + (", augmented" if augment else "")
        for ax, key in zip(axes, ("train_loss", "test_loss", "stability")):
            ax.plot([r["step"] for r in curve], [r[key] for r in curve], "o-", label=label)
    for ax, title in zip(axes, ("training loss", "test loss", "learning rate × sharpness")):
        ax.set_title(title)
        ax.set_xlabel("SGD step")
        if title != "learning rate × sharpness":
            ax.set_yscale("log")
    axes[2].axhline(2, color="grey", linestyle="--")
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
