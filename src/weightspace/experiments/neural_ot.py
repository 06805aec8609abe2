"""Neural optimal transport and density estimation in the plane (Cohen, Amos and Lipman 2021, "Riemannian convex
potential maps"; Amos, Xu and Kolter 2017, "Input convex neural networks"; Huang et al. 2021, "Convex potential
flows"; Durkan et al. 2019, "Neural spline flows").

A model pushes the standard Gaussian ``mu = N(0, I_2)`` forward by a map ``T`` and is fitted to samples of a target
density ``nu`` by maximum likelihood; the pushforward density is ``p_T(T(z)) = mu(z) / |det DT(z)|``. Two kinds of
map are compared as their networks grow:

* **convex potential** (``icnn``): ``T = grad f`` with ``f`` an input-convex network (softplus layers, non-negative
  hidden-to-hidden and output weights, plus ``(a/2)|z|^2`` with ``a > 0``), so ``f`` is strongly convex, ``T`` is a
  bijection of the plane and ``DT = Hess f`` is symmetric positive definite. By Brenier's theorem the gradient of a
  convex function pushing ``mu`` to ``nu`` is unique and is the optimal transport map ``T*`` for the squared
  distance, so a convex-potential model that fits the density must also fit the map. The likelihood of a sample
  ``x`` needs ``z = T^(-1)(x)``: the minimiser of the strongly convex ``f(z) - x . z``, found by damped Newton steps;
  its gradient in the parameters is the implicit one, ``dz/dtheta = -Hess f(z)^(-1) d(grad f)(z)/dtheta`` (one
  Newton correction taken with a detached Hessian has exactly this derivative).
* **normalising flow** (``flow``): a neural spline flow (zuko ``NSF``, three autoregressive rational-quadratic
  transforms). Its map is triangular, not a gradient: it can fit the density while staying far from ``T*``.

Measured on fresh seeded samples, per target and network width:

* ``map_error``: ``||T - T*||_{L^2(mu)}``. ``T*`` is exact for the ``gaussian`` target (``T*(z) = m + S^(1/2) z``)
  and the ``rings`` target (radial: ``T*(z) = G^(-1)(F(|z|)) z/|z|`` with ``F(r) = 1 - exp(-r^2/2)`` the Gaussian's
  radial distribution function and ``G`` the target's, inverted by bisection); for the ``mixture`` target it is the
  exact optimal assignment (POT ``ot.emd``) between equal Gaussian and target samples, a discrete estimate.
* ``w2``: the 2-Wasserstein distance between the model's samples ``T(z)`` and target samples (POT ``ot.emd2``),
  next to ``w2_floor``, the same distance between two target samples (the sampling floor). Since ``(T, T*)`` pushed
  from ``mu`` is a coupling of ``T#mu`` and ``nu``, ``W2(T#mu, nu) <= ||T - T*||``: the map error bounds the error in
  distribution, not conversely, unless the map is a convex gradient.
* ``kl``: ``KL(nu || p_T) = E_nu[log nu - log p_T]``, a Monte Carlo mean over target samples with the exact target
  density (its standard error in ``kl_se``), and ``mmd``: the unbiased squared maximum mean discrepancy between model
  and target samples (Gaussian kernels of widths 0.5, 1, 2).
"""

from __future__ import annotations

import math
from typing import Any

from .transport import (TARGETS, discrete_map, mmd_squared, optimal_map, sample_target, target_log_density,
                        wasserstein2)

REQUIRES = ("ot", "zuko")              # packages beyond torch
DEFAULTS: dict[str, Any] = {"targets": ["rings", "mixture", "gaussian"], "models": ["icnn", "flow"],
                            "widths": [4, 8, 16, 32, 64], "depth": 2, "flow_transforms": 3, "steps": 1500,
                            "batch": 256, "icnn_learning_rate": 0.05, "flow_learning_rate": 0.005, "n_eval": 2000, "n_w2": 1000,
                            "picture_samples": 400, "picture_grid": 40, "seed": 0}
QUICK: dict[str, Any] = {"targets": ["rings"], "widths": [4, 32], "steps": 500}

MODELS = ("icnn", "flow")


# --- models ---------------------------------------------------------------------------------------------------
def _icnn(width: int, depth: int, torch):
    """An input-convex potential ``f``: ``h_1 = s(A_1 z + c_1)``, ``h_(l+1) = s(W_l h_l + A_(l+1) z + c_(l+1))``,
    ``f(z) = v . h_L + b . z + (a/2)|z|^2`` with ``s`` softplus, ``W_l = softplus(raw)`` and ``v = softplus(raw)``
    non-negative and ``a = softplus(raw) + 1e-3``: convex by composition (a convex non-decreasing function of
    convex functions), strongly convex by the last term."""
    nn = torch.nn
    F = torch.nn.functional

    class Potential(nn.Module):
        def __init__(self):
            super().__init__()
            self.inputs = nn.ModuleList([nn.Linear(2, width) for _ in range(depth)])
            self.hidden = nn.ParameterList([nn.Parameter(torch.randn(width, width) / width - 3.0)
                                            for _ in range(depth - 1)])
            self.out = nn.Parameter(torch.randn(width) / width - 3.0)
            self.linear = nn.Parameter(torch.zeros(2))
            self.quadratic = nn.Parameter(torch.tensor(math.log(math.e - 1)))    # a = 1: T starts near identity

        def forward(self, z):
            h = F.softplus(self.inputs[0](z))
            for layer, raw in zip(self.inputs[1:], self.hidden):
                h = F.softplus(h @ F.softplus(raw).T + layer(z))
            a = F.softplus(self.quadratic) + 1e-3
            return h @ F.softplus(self.out) + z @ self.linear + a / 2 * (z * z).sum(dim=1)

    return Potential().double()


def _gradient_hessian(f, z, torch, create_graph: bool = False):
    """``grad f(z)`` and the 2x2 Hessians ``Hess f(z)`` of a batch (rows independent, so the Hessian of a row is the
    derivative of the summed gradient)."""
    if not z.requires_grad:
        z = z.requires_grad_(True)
    g = torch.autograd.grad(f(z).sum(), z, create_graph=True)[0]
    rows = [torch.autograd.grad(g[:, i].sum(), z, create_graph=create_graph, retain_graph=True)[0] for i in range(2)]
    return g, torch.stack(rows, dim=1)


def invert_gradient(f, x, torch, iterations: int = 60, tolerance: float = 1e-8):
    """``(z, largest residual)`` with ``grad f(z) = x``: the minimiser of the strongly convex ``f(z) - x . z`` by
    Newton steps with per-sample backtracking (Armijo), started at ``x``, until the largest residual
    ``|grad f(z) - x|`` is below ``tolerance`` or, once below ``1e-6``, has not shrunk for three steps.

    Parameters
    ----------
    f
        The convex potential (a module giving ``f(z)`` per sample).
    x
        The points.
    torch
        The ``torch`` module (imported by the caller).
    iterations
        Newton steps at most.
    tolerance
        The stopping tolerance on the gradient.

    Examples
    --------
    >>> import torch
    >>> f = lambda z: (z ** 4).sum(dim=1) / 4 + (z * z).sum(dim=1) / 2           # grad f(z) = z^3 + z
    >>> z, residual = invert_gradient(f, torch.tensor([[2.0, 10.0]], dtype=torch.float64), torch)
    >>> [round(float(v), 9) for v in z[0]], residual < 1e-8
    ([1.0, 2.0], True)
    """
    x = x.detach()
    z = x.clone()
    residuals = torch.full((len(x),), float("inf"), dtype=x.dtype)
    best = residuals.clone()
    stalled = torch.zeros(len(x), dtype=torch.long)
    active = torch.arange(len(x))                                   # samples still being solved
    for _ in range(iterations):
        if not len(active):
            break
        with torch.enable_grad():
            g, hess = _gradient_hessian(f, z[active].clone(), torch)
        r = (g - x[active]).detach()
        norm = r.norm(dim=1)
        residuals[active] = norm
        stalled[active] = torch.where(norm >= best[active], stalled[active] + 1, 0)
        best[active] = torch.minimum(best[active], norm)
        going = ~((norm < tolerance) | ((norm < 1e-6) & (stalled[active] >= 3)))
        active, r, hess = active[going], r[going], hess[going]
        if not len(active):
            break
        step = torch.linalg.solve(hess.detach(), r[:, :, None])[:, :, 0]
        with torch.no_grad():
            target = x[active]
            objective = lambda w, rows: f(w) - (w * target[rows]).sum(dim=1)    # noqa: E731
            start = objective(z[active], slice(None))
            slope = 1e-4 * (r * step).sum(dim=1)
            t = torch.ones(len(active), dtype=x.dtype)
            bad = torch.arange(len(active))
            for _ in range(20):                                     # Armijo backtracking, only where needed
                trial = z[active[bad]] - t[bad, None] * step[bad]
                worse = objective(trial, bad) > start[bad] - t[bad] * slope[bad]
                bad = bad[worse]
                if not len(bad):
                    break
                t[bad] = t[bad] / 2
            z[active] = z[active] - t[:, None] * step
    residual = float(residuals.max()) if len(x) else 0.0
    return z.detach(), residual


class _ConvexPotentialModel:
    """``T = grad f``; ``log p_T(x) = log mu(z) - log det Hess f(z)`` at ``z = T^(-1)(x)``."""

    def __init__(self, width: int, depth: int, torch):
        self.torch = torch
        self.f = _icnn(width, depth, torch)
        self.tolerance = 1e-8                                # of the inverse's residual |grad f(z) - x|

    def parameters(self):
        return self.f.parameters()

    def transport(self, z):
        torch = self.torch
        with torch.enable_grad():
            z = z.detach().clone().requires_grad_(True)
            return torch.autograd.grad(self.f(z).sum(), z)[0].detach()

    def log_prob(self, x, train: bool = False):
        torch = self.torch
        with torch.enable_grad():
            return self._log_prob(x, train)

    def _log_prob(self, x, train: bool):
        torch = self.torch
        z, _ = invert_gradient(self.f, x, torch, tolerance=self.tolerance)
        if train:                                            # implicit gradient through the inverse
            g, hess = _gradient_hessian(self.f, z.clone(), torch)
            z = z - torch.linalg.solve(hess.detach(), (g - x)[:, :, None])[:, :, 0]
        _, hess = _gradient_hessian(self.f, z if z.requires_grad else z.clone(), torch, create_graph=train)
        base = -(z * z).sum(dim=1) / 2 - math.log(2 * math.pi)
        return base - torch.logdet(hess)


class _FlowModel:
    """A zuko neural spline flow: its distribution's ``transform`` maps data to the Gaussian, so ``T`` is its
    inverse."""

    def __init__(self, width: int, transforms: int, torch):
        import zuko
        self.torch = torch
        self.flow = zuko.flows.NSF(features=2, context=0, transforms=transforms,
                                   hidden_features=(width, width)).double()

    def parameters(self):
        return self.flow.parameters()

    def transport(self, z):
        with self.torch.no_grad():
            return self.flow().transform.inv(z)

    def log_prob(self, x, train: bool = False):
        return self.flow().log_prob(x)


def _make_model(model: str, width: int, config: dict, torch):
    if model == "icnn":
        return _ConvexPotentialModel(width, int(config["depth"]), torch)
    return _FlowModel(width, int(config["flow_transforms"]), torch)


def run(config: dict, target: str, model: str, width: int) -> dict:
    """Fit one model of one width to one target by maximum likelihood (Adam, seeded minibatches of target samples)
    and measure it; the largest width also returns samples and a density grid for the figure.

    Parameters
    ----------
    config
        The experiment's settings.
    target
        The target's name.
    model
        ``flow`` or ``icnn``.
    width
        The model's width.

    Returns
    -------
    dict
        The row.
    """
    import time

    import torch
    torch.set_num_threads(1)
    begin = time.perf_counter()
    seed = int(config["seed"])
    torch.manual_seed(seed * 1009 + width)
    fitted = _make_model(model, width, config, torch)
    data = torch.Generator().manual_seed(seed * 7 + 1)
    optimiser = torch.optim.Adam(fitted.parameters(), lr=float(config[f"{model}_learning_rate"]))
    steps = int(config["steps"])
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(optimiser, steps)
    train_nll = float("nan")
    for _ in range(steps):
        x = sample_target(target, int(config["batch"]), data, torch)
        loss = -fitted.log_prob(x, train=True).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        schedule.step()
        train_nll = float(loss.detach())
    evaluation = torch.Generator().manual_seed(seed * 7 + 2)
    n, n_w2 = int(config["n_eval"]), int(config["n_w2"])
    z = torch.randn(n, 2, generator=evaluation, dtype=torch.float64)
    x = sample_target(target, n, evaluation, torch)
    moved = fitted.transport(z)
    reference = optimal_map(target, z, torch)
    exact = reference is not None
    if not exact:
        reference = discrete_map(z[:n_w2], x[:n_w2])
        moved_ref = moved[:n_w2]
    else:
        moved_ref = moved
    map_error = float(((moved_ref - reference) ** 2).sum(dim=1).mean().sqrt())
    with torch.no_grad():
        gap = target_log_density(target, x, torch) - fitted.log_prob(x).detach()
    other = sample_target(target, n_w2, evaluation, torch)
    row = {"target": target, "model": model, "width": width,
           "parameters": sum(p.numel() for p in fitted.parameters()),
           "map_error": map_error, "map_reference": "exact" if exact else "discrete-ot",
           "w2": wasserstein2(moved[:n_w2], x[:n_w2]), "w2_floor": wasserstein2(other, x[:n_w2]),
           "kl": float(gap.mean()), "kl_se": float(gap.std() / math.sqrt(n)),
           "mmd": mmd_squared(moved[:n_w2], x[:n_w2], torch), "train_nll": train_nll, "seed": seed}
    if width == max(int(w) for w in config["widths"]):
        k, grid = int(config["picture_samples"]), int(config["picture_grid"])
        axis = torch.linspace(-5.5, 5.5, grid, dtype=torch.float64)
        points = torch.cartesian_prod(axis, axis)
        with torch.no_grad():
            density = fitted.log_prob(points).detach().exp().reshape(grid, grid)
        row["picture"] = {"samples": [[round(float(a), 4), round(float(b), 4)] for a, b in moved[:k]],
                          "extent": 5.5,
                          "density": [[round(float(v), 6) for v in line] for line in density]}
    row["seconds"] = round(time.perf_counter() - begin, 2)
    return row


def tasks(config: dict) -> list[tuple]:
    """One task per target, model and width.

    Parameters
    ----------
    config
        The experiment's settings.

    Returns
    -------
    list of tuple
        The arguments of each ``run``.

    Raises
    ------
    InvalidInput
        For an unknown target or model, or a width below 2.
    """
    from ..errors import InvalidInput
    for kind, names, known in (("target", config["targets"], TARGETS), ("model", config["models"], MODELS)):
        for name in names:
            if name not in known:
                raise InvalidInput(f"unknown {kind} {name!r}: choose from {', '.join(known)}")
    if any(int(w) < 2 for w in config["widths"]):
        raise InvalidInput("widths must be at least 2")
    return [(t, m, int(w)) for t in config["targets"] for m in config["models"] for w in config["widths"]]


def summarise(config: dict, rows: list[dict]) -> dict:
    """Per target and model at the largest width: the map error, the KL divergence and the W2 distance; per target,
    the flow's map error over the convex potential's (the flow fits the density without fitting the map).

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
    out: dict[str, Any] = {}
    for target in dict.fromkeys(r["target"] for r in rows):
        last = {}
        for model in dict.fromkeys(r["model"] for r in rows):
            mine = sorted((r for r in rows if r["target"] == target and r["model"] == model),
                          key=lambda r: r["width"])
            if mine:
                last[model] = mine[-1]
                for key in ("map_error", "kl", "w2"):
                    out[f"{target}_{model}_{key}"] = mine[-1][key]
        if "icnn" in last and "flow" in last:
            out[f"{target}_flow_over_icnn_map_error"] = last["flow"]["map_error"] / last["icnn"]["map_error"]
    return out


def figure(rows: list[dict], path: str) -> None:
    """Per target: its exact density with samples and, per model, the model's samples and density at the largest
    width. Bottom: map error and KL divergence against the number of parameters, and KL against map error.

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
    import numpy as np
    import torch
    targets = list(dict.fromkeys(r["target"] for r in rows))
    pictures = [r for r in rows if "picture" in r]
    columns = 1 + 2 * max(1, len({r["model"] for r in pictures}))
    fig, axes = plt.subplots(len(targets) + 1, columns, figsize=(3.2 * columns, 3.0 * (len(targets) + 1)),
                             squeeze=False)
    for i, target in enumerate(targets):
        e, grid = 5.5, 80
        axis = torch.linspace(-e, e, grid, dtype=torch.float64)
        exact = target_log_density(target, torch.cartesian_prod(axis, axis), torch).exp().reshape(grid, grid)
        samples = sample_target(target, 400, torch.Generator().manual_seed(0), torch).numpy()
        ax = axes[i, 0]
        ax.imshow(exact.numpy().T, origin="lower", extent=(-e, e, -e, e))
        ax.scatter(samples[:, 0], samples[:, 1], s=1, color="white")
        ax.set_title(f"{target}: exact density, samples", fontsize=9)
        for j, row in enumerate(r for r in pictures if r["target"] == target):
            picture = row["picture"]
            e = picture["extent"]
            samples = np.array(picture["samples"])
            ax = axes[i, 1 + 2 * j]
            ax.scatter(samples[:, 0], samples[:, 1], s=2)
            ax.set_xlim(-e, e)
            ax.set_ylim(-e, e)
            ax.set_title(f"{row['model']} samples T(z)", fontsize=9)
            ax = axes[i, 2 + 2 * j]
            ax.imshow(np.array(picture["density"]).T, origin="lower", extent=(-e, e, -e, e))
            ax.set_title(f"{row['model']} density (width {row['width']})", fontsize=9)
    for j, key in enumerate(("map_error", "kl")):
        ax = axes[-1, j]
        for target in targets:
            for model in dict.fromkeys(r["model"] for r in rows):
                mine = sorted((r for r in rows if r["target"] == target and r["model"] == model),
                              key=lambda r: r["parameters"])
                values = [max(r[key], 1e-6) for r in mine]
                ax.loglog([r["parameters"] for r in mine], values, "o-", label=f"{target}, {model}")
        ax.set_xlabel("parameters")
        ax.set_title("map error ||T - T*||" if key == "map_error" else "KL(target || model)")
        ax.legend(fontsize=7)
    ax = axes[-1, 2]
    for target in targets:
        for model in dict.fromkeys(r["model"] for r in rows):
            mine = sorted((r for r in rows if r["target"] == target and r["model"] == model),
                          key=lambda r: r["parameters"])
            ax.loglog([r["map_error"] for r in mine], [max(r["kl"], 1e-6) for r in mine], "o-",
                      label=f"{target}, {model}")
    ax.set_xlabel("map error")
    ax.set_title("KL against map error (growing size)")
    for ax in axes[-1, 3:]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
