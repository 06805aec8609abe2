"""Stochastic Hopfield networks: Glauber dynamics at inverse temperature ``beta`` (source draft, section 1.1, item 6).

Each unit turns on with probability ``sigma(beta h_i(x))``, ``h_i(x) = W_i . x + theta_i``, ``sigma(z) = 1 / (1 +
e^-z)``. One synchronous step is the Markov kernel

    K_beta(x, y) = prod_i sigma(beta h_i(x))^(y_i) (1 - sigma(beta h_i(x)))^(1 - y_i),

so the function a parameter computes is now a kernel. How parameter space organises it:

* **The deterministic limit.** Inside a chamber (no ``h_i(x) = 0``), ``K_beta(x, .) -> delta_(F(x))`` as
  ``beta -> infinity``, ``F`` the chamber's one-step map, with total-variation distance
  ``TV(x) = 1 - prod_i sigma(beta |h_i(x)|)``. The distance of ``Theta = (W, theta)`` to the wall of (unit ``i``,
  input ``x``) is ``d_(i,x) = |h_i(x)| / |(x, 1)|``; with ``delta`` the distance to the nearest wall and
  ``1 <= |(x, 1)| <= sqrt(n + 1)``,

      1 - sigma(beta delta sqrt(n + 1))  <=  max_x TV(x)  <=  1 - sigma(beta delta)^n  <=  n e^(-beta delta),

  so the kernel is as close to deterministic as ``beta`` times the distance to the nearest wall allows, and only
  that (on a wall, ``TV`` stays at least ``1/2``).
* **The Boltzmann law.** With symmetric ``W`` and zero diagonal, the random-scan chain (a uniformly chosen unit
  resamples from ``sigma(beta h_i(x))``) satisfies detailed balance with ``pi(x) ~ exp(-beta E(x))``,
  ``E(x) = -x^T W x / 2 - theta . x``; [`boltzmann_check()`][weightspace.arch.hopfield.glauber.boltzmann_check]
  solves ``pi P = pi`` and compares.

All numbers are Arb balls (certified enclosures; ``beta`` and the parameters exact rationals).

Examples
--------
>>> from fractions import Fraction
>>> report = deterministic_limit([[0, 1], [1, 0]], [Fraction(-1, 2), Fraction(-1, 2)], 4)
>>> round(report.delta, 4), round(report.max_tv, 4)     # the nearest walls: x = (1, 1), |h| = 1/2, |(x, 1)| = sqrt 3
(0.2887, 0.2242)
>>> report.lower_bound <= report.max_tv <= report.upper_bound
True
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import flint

from ...balls import precision, to_arb
from ...domain import code_to_bits
from ...errors import InvalidInput
from ...exact import to_fraction

PRECISION = 96
MAX_GLAUBER_NODES = 8


def _check(W: Sequence[Sequence], theta: Sequence) -> int:
    n = len(W)
    if not 1 <= n <= MAX_GLAUBER_NODES:
        raise InvalidInput(f"Glauber dynamics are computed for 1 to {MAX_GLAUBER_NODES} nodes (a 2^n x 2^n kernel), "
                           f"got {n}")
    if any(len(row) != n for row in W) or len(theta) != n:
        raise InvalidInput("W must be n x n and theta of length n")
    return n


def _sigma(z: flint.arb) -> flint.arb:
    return 1 / (1 + (-z).exp())


def fields(W: Sequence[Sequence], theta: Sequence, x: int) -> list[Fraction]:
    """``h_i(x) = W_i . x + theta_i`` for every unit, exactly.

    Parameters
    ----------
    W
        The weights.
    theta
        The thresholds.
    x
        The state's code.

    Returns
    -------
    list of Fraction
        One field per unit.
    """
    bits = code_to_bits(x, len(W))
    return [sum((to_fraction(w) * b for w, b in zip(row, bits)), Fraction(0)) + to_fraction(t)
            for row, t in zip(W, theta)]


def kernel(W: Sequence[Sequence], theta: Sequence, beta: Fraction | int) -> list[list[flint.arb]]:
    """The synchronous Glauber kernel ``K_beta(x, y)`` (rows: inputs, columns: outputs, in code order).

    Parameters
    ----------
    W
        The weights (exact).
    theta
        The thresholds.
    beta
        The inverse temperature (exact, positive).

    Returns
    -------
    list of list of flint.arb
        The ``2^n x 2^n`` kernel; each row sums to 1.

    Raises
    ------
    InvalidInput
        For more than 8 nodes or a malformed network.
    """
    n = _check(W, theta)
    with precision(PRECISION):
        out = []
        for x in range(2 ** n):
            p = [_sigma(to_arb(beta) * to_arb(h)) for h in fields(W, theta, x)]
            row = []
            for y in range(2 ** n):
                value = flint.arb(1)
                for i, bit in enumerate(code_to_bits(y, n)):
                    value *= p[i] if bit else 1 - p[i]
                row.append(value)
            out.append(row)
        return out


@dataclass(frozen=True)
class DeterministicLimit:
    """Total-variation distance of ``K_beta`` from the deterministic map, per input and at worst, with the bounds
    in ``beta delta`` of the module docstring."""

    beta: float
    delta: float
    tv: tuple[float, ...]
    max_tv: float
    lower_bound: float
    upper_bound: float
    certified_radius: float
    on_a_wall: bool

    def to_dict(self) -> dict[str, Any]:
        return {"beta": self.beta, "distance_to_nearest_wall": self.delta, "tv_per_input": list(self.tv),
                "max_tv": self.max_tv, "lower_bound": self.lower_bound, "upper_bound": self.upper_bound,
                "certified_radius": self.certified_radius, "on_a_wall": self.on_a_wall}


def deterministic_limit(W: Sequence[Sequence], theta: Sequence, beta: Fraction | int | str) -> DeterministicLimit:
    """``TV(x) = 1 - prod_i sigma(beta |h_i(x)|)`` for every input, its maximum, and the bounds in ``beta delta``.

    Parameters
    ----------
    W
        The weights (exact).
    theta
        The thresholds.
    beta
        The inverse temperature, a positive rational.

    Returns
    -------
    DeterministicLimit
        The distances (midpoints of certified balls; ``certified_radius`` bounds their error).

    Raises
    ------
    InvalidInput
        For ``beta <= 0``, more than 8 nodes or a malformed network.
    """
    beta = to_fraction(beta)
    n = _check(W, theta)
    if beta <= 0:
        raise InvalidInput(f"beta must be positive, got {beta}")
    with precision(PRECISION):
        tvs, radius, delta, wall = [], 0.0, None, False
        for x in range(2 ** n):
            norm = to_arb(sum(code_to_bits(x, n)) + 1).sqrt()
            product = flint.arb(1)
            for h in fields(W, theta, x):
                product *= _sigma(to_arb(beta) * to_arb(abs(h)))
                distance = to_arb(abs(h)) / norm
                delta = distance if delta is None or distance < delta else delta
                wall = wall or h == 0
            tv = 1 - product
            tvs.append(tv)
            radius = max(radius, float(tv.rad()))
        b = to_arb(beta)
        lower = 1 - _sigma(b * delta * to_arb(n + 1).sqrt())
        upper = 1 - _sigma(b * delta) ** n
        worst = max(tvs, key=lambda t: float(t.mid()))
        return DeterministicLimit(float(beta), float(delta.mid()), tuple(float(t.mid()) for t in tvs),
                                  float(worst.mid()), float(lower.mid()), float(upper.mid()), radius, wall)


def boltzmann_check(W: Sequence[Sequence], theta: Sequence, beta: Fraction | int | str) -> dict[str, Any]:
    """Solve ``pi P = pi`` for the random-scan Glauber chain and compare with ``exp(-beta E) / Z``.

    Parameters
    ----------
    W
        Symmetric weights with zero diagonal (exact).
    theta
        The thresholds.
    beta
        The inverse temperature.

    Returns
    -------
    dict
        ``stationary`` and ``boltzmann`` (floats), ``max_difference`` and whether every certified difference ball
        contains 0 (``agree``).

    Raises
    ------
    InvalidInput
        When ``W`` is not symmetric with zero diagonal (then the Boltzmann law is not the stationary one), or for more
        than 8 nodes.
    """
    n = _check(W, theta)
    W = [[to_fraction(w) for w in row] for row in W]
    if any(W[i][j] != W[j][i] for i in range(n) for j in range(n)) or any(W[i][i] for i in range(n)):
        raise InvalidInput("the Boltzmann law needs symmetric W with zero diagonal")
    beta = to_fraction(beta)
    with precision(PRECISION):
        N = 2 ** n
        P = flint.arb_mat(N, N)
        for x in range(N):
            for i, h in enumerate(fields(W, theta, x)):
                on = _sigma(to_arb(beta) * to_arb(h))
                up, down = x | (1 << i), x & ~(1 << i)
                P[x, up] += on / n
                P[x, down] += (1 - on) / n
        A = P.transpose() - flint.arb_mat(N, N, [int(i == j) for i in range(N) for j in range(N)])
        for j in range(N):
            A[N - 1, j] = 1
        rhs = flint.arb_mat(N, 1, [0] * (N - 1) + [1])
        pi = A.solve(rhs)
        energies = []
        for x in range(N):
            bits = code_to_bits(x, n)
            E = -sum(W[i][j] * bits[i] * bits[j] for i in range(n) for j in range(n)) / 2 - \
                sum(to_fraction(t) * b for t, b in zip(theta, bits))
            energies.append((-to_arb(beta) * to_arb(E)).exp())
        Z = sum(energies, flint.arb(0))
        boltzmann = [e / Z for e in energies]
        differences = [pi[x, 0] - boltzmann[x] for x in range(N)]
        return {"stationary": [float(pi[x, 0].mid()) for x in range(N)],
                "boltzmann": [float(b.mid()) for b in boltzmann],
                "max_difference": max(abs(float(d.mid())) for d in differences),
                "agree": all(d.contains(0) for d in differences)}


def tv_samples(n: int, samples: int, betas: Sequence[Fraction | int], seed: int = 0) -> list[dict[str, float]]:
    """``max_x TV`` at random parameters: ``W`` in quarters of ``[-4, 4]``, ``theta`` odd eighths in ``[-4, 4]`` (so
    no field vanishes on ``{0,1}^n``), each at every ``beta``; for the atlas picture of ``max TV`` against
    ``beta delta`` between the two bounds.

    Parameters
    ----------
    n
        Number of units.
    samples
        Number of random parameters.
    betas
        Inverse temperatures.
    seed
        Seed.

    Returns
    -------
    list of dict
        ``{"beta", "delta", "beta_delta", "max_tv", "lower_bound", "upper_bound"}`` per (parameter, beta).
    """
    import random
    rng = random.Random(seed)
    rows = []
    for _ in range(samples):
        W = [[Fraction(rng.randint(-16, 16), 4) for _ in range(n)] for _ in range(n)]
        theta = [Fraction(2 * rng.randint(-16, 15) + 1, 8) for _ in range(n)]
        for beta in betas:
            r = deterministic_limit(W, theta, beta)
            rows.append({"beta": r.beta, "delta": r.delta, "beta_delta": r.beta * r.delta, "max_tv": r.max_tv,
                         "lower_bound": r.lower_bound, "upper_bound": r.upper_bound})
    return rows


__all__ = ["tv_samples", "fields", "kernel", "DeterministicLimit", "deterministic_limit", "boltzmann_check"]
