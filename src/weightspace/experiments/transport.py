"""Planar targets for the neural optimal transport experiment: exact densities, seeded samplers, the Brenier maps
from the standard Gaussian where they have a closed form, and the sample distances (exact 2-Wasserstein by POT,
maximum mean discrepancy).

The targets: ``gaussian`` ``N(m, S)``; ``rings``, two concentric rings (the radius normal around 1.5 and 3.5 with
standard deviation 0.25, truncated to ``r > 0``, weights 1:2 as the circumferences, the angle uniform); ``mixture``,
eight equal Gaussians of standard deviation 0.35 on the circle of radius 3.
"""

from __future__ import annotations

import math

TARGETS = ("gaussian", "rings", "mixture")
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
    """``log nu(x)`` of a target, exactly (rings: ``q(|x|) / (2 pi |x|)``).

    Parameters
    ----------
    name
        The target.
    x
        The points.
    torch
        The ``torch`` module (imported by the caller).

    Returns
    -------
    torch.Tensor
        The log-density per point.
    """
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
    """``n`` seeded samples of a target.

    Parameters
    ----------
    name
        The target.
    n
        The number of samples.
    generator
        A seeded ``torch.Generator``.
    torch
        The ``torch`` module (imported by the caller).

    Returns
    -------
    torch.Tensor
        ``n x 2`` samples.
    """
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

    Parameters
    ----------
    name
        The target.
    z
        Points of the source.
    torch
        The ``torch`` module (imported by the caller).

    Returns
    -------
    torch.Tensor or None
        ``T*(z)``, or ``None`` without a closed form.

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


def mmd_squared(a, b, torch, widths=(0.5, 1.0, 2.0)) -> float:
    """The unbiased estimate of ``MMD^2`` with the kernel ``sum_s exp(-|x-y|^2 / (2 s^2))`` (Gretton et al. 2012).

    Parameters
    ----------
    a
        Samples.
    b
        Other samples.
    torch
        The ``torch`` module (imported by the caller).
    widths
        The kernel widths ``s``.

    Returns
    -------
    float
        The estimate.
    """
    def kernel(p, q):
        squared = torch.cdist(p, q) ** 2
        return sum(torch.exp(-squared / (2 * s * s)) for s in widths)
    n, m = len(a), len(b)
    kaa, kbb, kab = kernel(a, a), kernel(b, b), kernel(a, b)
    return float((kaa.sum() - kaa.diagonal().sum()) / (n * (n - 1)) + (kbb.sum() - kbb.diagonal().sum()) / (m * (m - 1))
                 - 2 * kab.mean())


def wasserstein2(a, b) -> float:
    """The exact 2-Wasserstein distance between two equal-size empirical measures (POT ``ot.emd2``).

    Parameters
    ----------
    a
        Samples.
    b
        As many other samples.

    Returns
    -------
    float
        ``W2``.
    """
    import ot
    a, b = a.numpy(), b.numpy()
    return math.sqrt(max(float(ot.emd2([], [], ot.dist(a, b))), 0.0))


def discrete_map(z, x):
    """The exact optimal assignment of equal samples (POT ``ot.emd``): ``x`` reordered so that ``z_i -> x_i``.

    Parameters
    ----------
    z
        Source samples.
    x
        As many target samples.

    Returns
    -------
    numpy.ndarray
        ``x`` reordered.
    """
    import numpy as np
    import ot
    plan = ot.emd([], [], ot.dist(z.numpy(), x.numpy()))
    return x[np.argmax(plan, axis=1)]


