"""Student–teacher training of a two-layer ReLU network across initialisation scales: lazy versus rich training
(Chizat, Oyallon, Bach 2019, "On lazy training in differentiable programming").

A teacher ``f*(x) = sum_j relu(w_j . x)`` with ``k`` unit neurons labels Gaussian inputs ``x ~ N(0, I_d)``. The
student ``h_theta(x) = (1/m) sum_i b_i relu(u_i . x)`` (mean-field scaling, ``theta = (u, b)``, ``u_i ~ N(0, I_d/d)``,
``b_i ~ N(0, 1)``) is trained in the alpha-rescaled, centred form of the paper,

    F_alpha(theta) = alpha (h_theta - h_theta0),    L_alpha(theta) = 1/(2 alpha^2) mean_n (F_alpha(theta)(x) - y)^2,

by full-batch gradient descent. A step changes the fitted function by about ``-s K (F - y)`` with the tangent
kernel ``K = J J^T / n`` (``J`` the Jacobian of ``h`` on the training inputs), and the Hessian of ``L_alpha`` is
``J^T J / n + (1/alpha) mean((F - y) D^2 h)``; the step ``s`` is the inverse of a bound on that Hessian, recomputed
every few steps, so every scale trains stably.

**A heuristic and a measurement.** The paper's scale is ``kappa = ||y|| Lip(D h) / (alpha ||D h||^2)`` (Chizat,
Oyallon and Bach 2019, section 2), with the Lipschitz constant of ``D h`` over parameter space; for ReLU that
constant is infinite, so the theorem's ``kappa`` is not available. What this experiment computes instead is a
*heuristic at initialisation*: the curvature of ``<y, h>_n`` at ``theta_0`` in place of the Lipschitz constant. Both
norms are then exact and cheap: ``D^2 <y, h>_n`` is block diagonal over neurons with blocks ``[[0, g_i^T],
[g_i, 0]]``, ``g_i = (1/m) mean_n y 1[u_i . x > 0] x``, so its norm is ``max_i |g_i|``; and
``||D h||^2 = lambda_max(K)``. Hence

    kappa(alpha) = max_i |g_i| / (alpha lambda_max(K)),       alpha* = max_i |g_i| / lambda_max(K),

a lower bound on the paper's scale, not the paper's ``kappa``. It does not by itself say where training is lazy:
the sweep's own kernel change is 71 % at ``alpha = 3 > alpha*``. The measured threshold is ``lazy_onset_alpha``,
the smallest ``alpha`` from which the relative change of the tangent kernel stays below 0.1 for every larger
``alpha`` of the sweep; each row's ``regime`` is the measured one (kernel change below 0.1: lazy), and
``heuristic_regime`` the one ``kappa < 1`` would suggest. The sweep reports,
per alpha, the test loss, the relative distance travelled ``|theta_T - theta_0| / |theta_0|``, the relative change
of the tangent kernel ``|K_T - K_0|_F / |K_0|_F`` on test inputs, and the alignment of student neurons with teacher
neurons (the mean over student neurons, weighted by their mass ``|b_i| |u_i|``, of the largest cosine with a teacher
neuron), next to kappa.
"""

from __future__ import annotations

import math
from typing import Any

DEFAULTS: dict[str, Any] = {"d": 10, "k": 3, "m": 256, "n_train": 200, "n_test": 1000, "kernel_points": 64,
                            "alphas": [0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300], "steps": 3000, "refresh": 20,
                            "seed": 0}
LAZY_KERNEL_CHANGE = 0.1     # relative tangent-kernel change below which a run counts as lazy (measured regime)
QUICK: dict[str, Any] = {"m": 128, "alphas": [0.03, 0.3, 3, 30, 300], "steps": 1000}


def _data(config: dict, torch):
    """Teacher, training and test sets, and the student's initial parameters, all from ``config["seed"]``."""
    from .teacher import teacher_data
    generator, teacher, x_train, y_train, x_test, y_test = teacher_data(config, torch)
    m, d = int(config["m"]), int(config["d"])
    u0 = torch.randn(m, d, generator=generator, dtype=torch.float64) / math.sqrt(d)
    b0 = torch.randn(m, generator=generator, dtype=torch.float64)
    return teacher, x_train, y_train, x_test, y_test, u0, b0


def _h(u, b, x, torch):
    return torch.relu(x @ u.T) @ b / u.shape[0]


def _jacobian(u, b, x, torch):
    """``J[n, :] = dh(x_n)/d(u, b)``: ``b_i 1[u_i.x > 0] x / m`` for ``u_i`` and ``relu(u_i.x) / m`` for ``b_i``."""
    m = u.shape[0]
    pre = x @ u.T
    du = (b * (pre > 0))[:, :, None] * x[:, None, :] / m
    return torch.cat([du.reshape(x.shape[0], -1), torch.relu(pre) / m], dim=1)


def _curvature(u, residual, x, torch) -> float:
    """``|D^2 <r, h>_n| = max_i |g_i|``, ``g_i = (1/m) mean_n r_n 1[u_i.x_n > 0] x_n``."""
    g = ((x @ u.T > 0) * residual[:, None]).T @ x / (x.shape[0] * u.shape[0])
    return float(g.norm(dim=1).max())


def _top_eigenvalue(jacobian, torch) -> float:
    return float(torch.linalg.eigvalsh(jacobian @ jacobian.T / jacobian.shape[0])[-1])


def run(config: dict, alpha: float) -> dict:
    """Train the student at scale ``alpha`` (see the module docstring) and measure it; seeded, so a rerun on CPU
    gives the same row.

    Parameters
    ----------
    config
        The experiment's settings.
    alpha
        The output scale.

    Returns
    -------
    dict
        The row.
    """
    import torch
    torch.set_num_threads(1)
    teacher, x_train, y_train, x_test, y_test, u0, b0 = _data(config, torch)
    h0_train, h0_test = _h(u0, b0, x_train, torch), _h(u0, b0, x_test, torch)
    kernel_x = x_test[: int(config["kernel_points"])]
    j0_train = _jacobian(u0, b0, x_train, torch)
    lam0 = _top_eigenvalue(j0_train, torch)
    kappa = _curvature(u0, y_train, x_train, torch) / (alpha * lam0)
    u, b = u0.clone().requires_grad_(True), b0.clone().requires_grad_(True)

    def loss_of(u_, b_):
        return ((alpha * (_h(u_, b_, x_train, torch) - h0_train) - y_train) ** 2).mean() / (2 * alpha ** 2)

    step = None
    previous = math.inf
    steps = int(config["steps"])
    for t in range(steps):
        loss = loss_of(u, b)
        if step is None or t % int(config["refresh"]) == 0 or loss.item() > previous:
            with torch.no_grad():
                residual = alpha * (_h(u, b, x_train, torch) - h0_train) - y_train
                bound = _top_eigenvalue(_jacobian(u, b, x_train, torch), torch) + _curvature(u, residual, x_train,
                                                                                           torch) / alpha
            step = 1.0 / bound if loss.item() <= previous else step / 2
        previous = loss.item()
        grad_u, grad_b = torch.autograd.grad(loss, (u, b))
        with torch.no_grad():
            u -= step * grad_u
            b -= step * grad_b
    with torch.no_grad():
        train_loss = float(((alpha * (_h(u, b, x_train, torch) - h0_train) - y_train) ** 2).mean() / 2)
        test_loss = float(((alpha * (_h(u, b, x_test, torch) - h0_test) - y_test) ** 2).mean() / 2)
        theta0, theta = torch.cat([u0.flatten(), b0]), torch.cat([u.flatten(), b])
        k0 = _jacobian(u0, b0, kernel_x, torch)
        k1 = _jacobian(u, b, kernel_x, torch)
        gram0, gram1 = k0 @ k0.T, k1 @ k1.T
        mass = b.abs() * u.norm(dim=1)
        cosines = (u / u.norm(dim=1, keepdim=True)) @ teacher.T
        alignment = float((mass * cosines.max(dim=1).values).sum() / mass.sum())
    kernel_change = float((gram1 - gram0).norm() / gram0.norm())
    return {"alpha": alpha, "kappa": kappa, "regime": "lazy" if kernel_change < LAZY_KERNEL_CHANGE else "rich",
            "heuristic_regime": "lazy" if kappa < 1 else "rich",
            "train_loss": train_loss, "test_loss": test_loss,
            "relative_change": float((theta - theta0).norm() / theta0.norm()),
            "kernel_change": kernel_change,
            "alignment": alignment, "baseline_loss": float((y_test ** 2).mean() / 2), "steps": steps,
            "seed": int(config["seed"])}


def tasks(config: dict) -> list[tuple]:
    """One task per alpha.

    Parameters
    ----------
    config
        The experiment's settings.

    Returns
    -------
    list of tuple
        The arguments of each ``run``.
    """
    return [(float(alpha),) for alpha in config["alphas"]]


def lazy_onset(rows: list[dict], threshold: float = 0.1) -> float | None:
    """The smallest ``alpha`` of the sweep from which the relative kernel change stays below ``threshold`` for every
    larger ``alpha`` (``None`` when the largest ``alpha`` is not below it).

    Parameters
    ----------
    rows
        The sweep's rows.
    threshold
        The relative kernel change called lazy.

    Returns
    -------
    float or None
        The onset.

    Examples
    --------
    >>> lazy_onset([{"alpha": 1, "kernel_change": 0.5}, {"alpha": 10, "kernel_change": 0.05},
    ...             {"alpha": 100, "kernel_change": 0.01}])
    10
    """
    onset = None
    for row in sorted(rows, key=lambda r: r["alpha"], reverse=True):
        if row["kernel_change"] >= threshold:
            break
        onset = row["alpha"]
    return onset


def summarise(config: dict, rows: list[dict]) -> dict:
    """The heuristic ``alpha*``, the measured ``lazy_onset_alpha``, and the facts the sweep shows.

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
    rows = sorted(rows, key=lambda r: r["alpha"])
    star = rows[0]["kappa"] * rows[0]["alpha"]
    return {"alpha_star": star,
            "alpha_star_is": "a heuristic at initialisation: max_i |g_i| / lambda_max(K), the curvature at theta_0 in "
                             "place of the Lipschitz constant of Dh (infinite for ReLU); a lower bound on "
                             "Chizat-Oyallon-Bach's scale, not their kappa",
            "lazy_onset_alpha": lazy_onset(rows, LAZY_KERNEL_CHANGE),
            "lazy_onset_is": f"measured: the smallest alpha of the sweep from which the relative tangent-kernel change "
                             f"stays below {LAZY_KERNEL_CHANGE}",
            "best_alpha": min(rows, key=lambda r: r["test_loss"])["alpha"]}


def figure(rows: list[dict], path: str) -> None:
    """Test loss, relative change, kernel change and alignment against alpha, with alpha* marked.

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
    rows = sorted(rows, key=lambda r: r["alpha"])
    alphas = [r["alpha"] for r in rows]
    star = rows[0]["kappa"] * rows[0]["alpha"]
    onset = lazy_onset(rows, LAZY_KERNEL_CHANGE)
    fig, axes = plt.subplots(1, 4, figsize=(14, 3.2))
    for ax, key, label in zip(axes, ("test_loss", "relative_change", "kernel_change", "alignment"),
                              ("test loss", "|θ_T − θ_0| / |θ_0|", "|K_T − K_0| / |K_0|", "alignment")):
        ax.plot(alphas, [r[key] for r in rows], "o-")
        ax.set_xscale("log")
        if key != "alignment":
            ax.set_yscale("log")
        ax.axvline(star, color="grey", linestyle="--", label="α* (heuristic, κ = 1)")
        if onset is not None:
            ax.axvline(onset, color="black", linestyle=":", label="lazy onset (measured)")
        ax.set_xlabel("α")
        ax.set_title(label)
    axes[0].legend()
    fig.suptitle("student–teacher: heuristic α* and the measured onset of lazy training")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
