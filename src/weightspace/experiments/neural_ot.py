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

DEFAULTS: dict[str, Any] = {"targets": ["rings", "mixture", "gaussian"], "models": ["icnn", "flow"],
                            "widths": [4, 8, 16, 32, 64], "depth": 2, "flow_transforms": 3, "steps": 1500,
                            "batch": 256, "icnn_learning_rate": 0.05, "flow_learning_rate": 0.005, "n_eval": 2000, "n_w2": 1000,
                            "picture_samples": 400, "picture_grid": 40, "seed": 0}
QUICK: dict[str, Any] = {"targets": ["rings"], "widths": [4, 32], "steps": 500}

TARGETS = ("gaussian", "rings", "mixture")
MODELS = ("icnn", "flow")
_MEAN = (1.0, -0.5)
_COVARIANCE = ((2.0, 0.9), (0.9, 0.8))
_RINGS = ((1.5, 1.0), (3.5, 2.0))                 # (radius, weight): weights follow the circumference
_RING_WIDTH = 0.25
_MIXTURE = (8, 3.0, 0.35)                         # components on a circle: count, radius, standard deviation


# --- targets: exact densities, samplers and optimal maps ------------------------------------------------------
def _normal_cdf(t, torch):
    return 0.5 * torch.erfc(-t / math.sqrt(2))


def _rings_radial(r, torch):
    """The radial density ``q(r)`` and distribution function ``G(r)`` of the rings (normal in ``r`` around each
    radius, truncated to ``r > 0``)."""
    total = sum(w for _, w in _RINGS)
    norm = sum(w / total * float(_normal_cdf(torch.tensor(radius / _RING_WIDTH), torch)) for radius, w in _RINGS)
    density = sum(w / total * torch.exp(-((r - radius) / _RING_WIDTH) ** 2 / 2) / (_RING_WIDTH * math.sqrt(2 * math.pi))
                  for radius, w in _RINGS) / norm
    cdf = sum(w / total * (_normal_cdf((r - radius) / _RING_WIDTH, torch)
                           - _normal_cdf(torch.tensor(-radius / _RING_WIDTH, dtype=r.dtype), torch))
              for radius, w in _RINGS) / norm
    return density, cdf


def target_log_density(name: str, x, torch):
    """``log nu(x)`` of a target, exactly (rings: ``q(|x|) / (2 pi |x|)``)."""
    if name == "gaussian":
        mean = torch.tensor(_MEAN, dtype=x.dtype)
        cov = torch.tensor(_COVARIANCE, dtype=x.dtype)
        return torch.distributions.MultivariateNormal(mean, cov).log_prob(x)
    if name == "rings":
        r = x.norm(dim=1)
        density, _ = _rings_radial(r, torch)
        return torch.log(density) - torch.log(2 * math.pi * r)
    count, radius, sd = _MIXTURE
    angles = torch.arange(count, dtype=x.dtype) * (2 * math.pi / count)
    centres = radius * torch.stack([torch.cos(angles), torch.sin(angles)], dim=1)
    squared = ((x[:, None, :] - centres[None]) ** 2).sum(dim=2)
    return torch.logsumexp(-squared / (2 * sd * sd), dim=1) - math.log(count * 2 * math.pi * sd * sd)


def sample_target(name: str, n: int, generator, torch):
    """``n`` seeded samples of a target."""
    if name == "gaussian":
        chol = torch.linalg.cholesky(torch.tensor(_COVARIANCE, dtype=torch.float64))
        return torch.tensor(_MEAN, dtype=torch.float64) + torch.randn(n, 2, generator=generator,
                                                                       dtype=torch.float64) @ chol.T
    angle = 2 * math.pi * torch.rand(n, generator=generator, dtype=torch.float64)
    direction = torch.stack([torch.cos(angle), torch.sin(angle)], dim=1)
    if name == "rings":
        weights = torch.tensor([w for _, w in _RINGS], dtype=torch.float64)
        radii = torch.tensor([r for r, _ in _RINGS], dtype=torch.float64)
        r = torch.empty(n, dtype=torch.float64)
        todo = torch.arange(n)
        while len(todo):                                      # rejection of r <= 0 keeps the truncated law exact
            pick = torch.multinomial(weights, len(todo), replacement=True, generator=generator)
            draw = radii[pick] + _RING_WIDTH * torch.randn(len(todo), generator=generator, dtype=torch.float64)
            r[todo] = draw
            todo = todo[draw <= 0]
        return r[:, None] * direction
    count, radius, sd = _MIXTURE
    pick = torch.randint(0, count, (n,), generator=generator)
    centre_angle = pick.double() * (2 * math.pi / count)
    centres = radius * torch.stack([torch.cos(centre_angle), torch.sin(centre_angle)], dim=1)
    return centres + sd * torch.randn(n, 2, generator=generator, dtype=torch.float64)


def optimal_map(name: str, z, torch):
    """The Brenier map ``T*`` from ``N(0, I_2)`` to the target where it has a closed form (``gaussian``: ``m + S^(1/2)
    z``; ``rings``: the radial map ``G^(-1)(F(|z|)) z/|z|``, ``G^(-1)`` by 80 bisection steps), else ``None``.

    Examples
    --------
    >>> import torch
    >>> z = torch.tensor([[0.0, 1.0], [2.0, 0.0]], dtype=torch.float64)
    >>> x = optimal_map("rings", z, torch)
    >>> r = x.norm(dim=1); _, g = _rings_radial(r, torch)
    >>> bool(torch.allclose(g, 1 - torch.exp(-z.norm(dim=1) ** 2 / 2)))      # radial laws matched
    True
    """
    if name == "gaussian":
        values, vectors = torch.linalg.eigh(torch.tensor(_COVARIANCE, dtype=torch.float64))
        root = vectors @ torch.diag(values.sqrt()) @ vectors.T
        return torch.tensor(_MEAN, dtype=torch.float64) + z @ root
    if name == "rings":
        norm = z.norm(dim=1)
        level = -torch.expm1(-norm ** 2 / 2)
        low = torch.zeros_like(norm)
        high = torch.full_like(norm, max(r for r, _ in _RINGS) + 40 * _RING_WIDTH)
        for _ in range(80):
            mid = (low + high) / 2
            below = _rings_radial(mid, torch)[1] < level
            low, high = torch.where(below, mid, low), torch.where(below, high, mid)
        radius = (low + high) / 2
        return z * (radius / norm.clamp_min(1e-300))[:, None]
    return None


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
    """``z`` with ``grad f(z) = x``: the minimiser of the strongly convex ``f(z) - x . z`` by Newton steps with
    per-sample backtracking (Armijo), started at ``x``; it stops when the largest residual ``|grad f(z) - x|`` is
    below ``tolerance`` or stops shrinking below ``1e-6`` (rounding). Returns ``(z, largest residual)``.

    Examples
    --------
    >>> import torch
    >>> f = lambda z: (z ** 4).sum(dim=1) / 4 + (z * z).sum(dim=1) / 2           # grad f(z) = z^3 + z
    >>> z, residual = invert_gradient(f, torch.tensor([[2.0, 10.0]], dtype=torch.float64), torch)
    >>> [round(float(v), 9) for v in z[0]], residual < 1e-8
    ([1.0, 2.0], True)
    """
    z = x.detach().clone()
    objective = lambda w: f(w) - (w * x).sum(dim=1)    # noqa: E731
    residual = float("inf")
    for _ in range(iterations):
        with torch.enable_grad():
            g, hess = _gradient_hessian(f, z.detach().clone(), torch)
        r = (g - x).detach()
        previous, residual = residual, float(r.norm(dim=1).max())
        if residual < tolerance or (residual < 1e-6 and residual > previous / 2):
            break
        step = torch.linalg.solve(hess.detach(), r[:, :, None])[:, :, 0]
        with torch.no_grad():
            start = objective(z)
            t = torch.ones(len(z), dtype=z.dtype)
            for _ in range(20):
                trial = z - t[:, None] * step
                bad = objective(trial) > start - 1e-4 * t * (r * step).sum(dim=1)
                if not bool(bad.any()):
                    break
                t = torch.where(bad, t / 2, t)
            z = z - t[:, None] * step
    return z.detach(), residual


class _ConvexPotentialModel:
    """``T = grad f``; ``log p_T(x) = log mu(z) - log det Hess f(z)`` at ``z = T^(-1)(x)``."""

    def __init__(self, width: int, depth: int, torch):
        self.torch = torch
        self.f = _icnn(width, depth, torch)

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
        z, _ = invert_gradient(self.f, x, torch)
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


# --- measurements ---------------------------------------------------------------------------------------------
def mmd_squared(a, b, torch, widths=(0.5, 1.0, 2.0)) -> float:
    """The unbiased estimate of ``MMD^2`` with the kernel ``sum_s exp(-|x-y|^2 / (2 s^2))`` (Gretton et al. 2012)."""
    def kernel(p, q):
        squared = torch.cdist(p, q) ** 2
        return sum(torch.exp(-squared / (2 * s * s)) for s in widths)
    n, m = len(a), len(b)
    kaa, kbb, kab = kernel(a, a), kernel(b, b), kernel(a, b)
    return float((kaa.sum() - kaa.diagonal().sum()) / (n * (n - 1)) + (kbb.sum() - kbb.diagonal().sum()) / (m * (m - 1))
                 - 2 * kab.mean())


def wasserstein2(a, b) -> float:
    """The exact 2-Wasserstein distance between two equal-size empirical measures (POT ``ot.emd2``)."""
    import ot
    a, b = a.numpy(), b.numpy()
    return math.sqrt(max(float(ot.emd2([], [], ot.dist(a, b))), 0.0))


def _discrete_map(z, x):
    """The exact optimal assignment of equal samples (POT ``ot.emd``): ``x`` reordered so that ``z_i -> x_i``."""
    import numpy as np
    import ot
    plan = ot.emd([], [], ot.dist(z.numpy(), x.numpy()))
    return x[np.argmax(plan, axis=1)]


def run(config: dict, target: str, model: str, width: int) -> dict:
    """Fit one model of one width to one target by maximum likelihood (Adam, seeded minibatches of target samples)
    and measure it; the largest width also returns samples and a density grid for the figure."""
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
        reference = _discrete_map(z[:n_w2], x[:n_w2])
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

    Raises
    ------
    InvalidInput
        For an unknown target or model, or a width below 2.
    """
    from ..errors import InvalidInput
    for name in config["targets"]:
        if name not in TARGETS:
            raise InvalidInput(f"unknown target {name!r}: choose from {', '.join(TARGETS)}")
    for name in config["models"]:
        if name not in MODELS:
            raise InvalidInput(f"unknown model {name!r}: choose from {', '.join(MODELS)}")
    if any(int(w) < 2 for w in config["widths"]):
        raise InvalidInput("widths must be at least 2")
    return [(t, m, int(w)) for t in config["targets"] for m in config["models"] for w in config["widths"]]


def summarise(config: dict, rows: list[dict]) -> dict:
    """Per target and model at the largest width: the map error and the KL divergence; and whether the map error
    shrank with the width."""
    out: dict[str, Any] = {}
    for target in dict.fromkeys(r["target"] for r in rows):
        for model in dict.fromkeys(r["model"] for r in rows):
            mine = sorted((r for r in rows if r["target"] == target and r["model"] == model),
                          key=lambda r: r["width"])
            if mine:
                out[f"{target}_{model}_map_error"] = mine[-1]["map_error"]
                out[f"{target}_{model}_kl"] = mine[-1]["kl"]
    return out


def figure(rows: list[dict], path: str) -> None:
    """Top: target samples and, per model, its samples and its density at the largest width. Bottom: map error
    and KL divergence against the number of parameters."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    targets = list(dict.fromkeys(r["target"] for r in rows))
    pictures = [r for r in rows if "picture" in r]
    columns = max(2, 2 * len({r["model"] for r in pictures}))
    fig, axes = plt.subplots(len(targets) + 1, columns, figsize=(3.2 * columns, 3.0 * (len(targets) + 1)),
                             squeeze=False)
    for i, target in enumerate(targets):
        for j, row in enumerate(r for r in pictures if r["target"] == target):
            picture = row["picture"]
            e = picture["extent"]
            samples = np.array(picture["samples"])
            ax = axes[i, 2 * j]
            ax.scatter(samples[:, 0], samples[:, 1], s=2)
            ax.set_xlim(-e, e)
            ax.set_ylim(-e, e)
            ax.set_title(f"{target}: {row['model']} samples", fontsize=9)
            ax = axes[i, 2 * j + 1]
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
    for ax in axes[-1, 2:]:
        ax.axis("off")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)
