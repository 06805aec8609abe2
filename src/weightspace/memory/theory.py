"""What theory predicts for the capacity of ``weightspace.memory.capacity``, and the exponent fitted to measurements.

The predictions are for the criterion measured there (each pattern, on average, an exact fixed point): classical
``N / (2 ln N)`` (McEliece et al. 1987), polynomial ``N^(a-1) / (2 (2a-3)!! ln N)`` (Krotov and Hopfield 2016),
exponential ``2^(N/2)`` (Demircigil et al. 2017); the fitted exponent uses the same log-corrected law
``capacity ~ N^k / ln N``.
"""

from __future__ import annotations

import math
from typing import Sequence

import numpy as np


def theory_capacity(model: str, N: int, degree: int = 3, max_dimension: int = 2,
                    simplices: str = "full") -> tuple[float | None, str]:
    """The capacity theory predicts at ``N`` *for the criterion measured here* (each pattern, on average, an exact
    fixed point), with the formula and its source (``"FORMULA; SOURCE"``); ``None`` where no number is known.

    * classical: ``N / (2 ln N)`` (McEliece, Posner, Rodemich and Venkatesh 1987: a given pattern is stable with
      probability tending to 1; ``N / (4 ln N)`` is the bound for all patterns stable at once, a stricter criterion);
    * poly and rectified of degree ``a``: ``N^(a-1) / (2 (2a-3)!! ln N)`` (Krotov and Hopfield 2016, the capacity
      without errors; ``a = 2`` gives the classical ``N / (2 ln N)``);
    * exp: ``exp(alpha N)`` for every ``alpha < ln(2) / 2`` (Demircigil, Heusel, Löwe, Upgang and Vermet 2017,
      Theorem 3 with uncorrupted cues), so ``2^(N/2)`` is the edge of the proven range;
    * simplicial (full, dimension ``D``): ``N^D / (2 (2D-1)!! ln N)``, the polynomial memory of degree ``D + 1``
      that its energy resembles (Burns and Fukai 2023 give the ``N^D`` scaling; the constant is this analogy's);
    * softmax and mixed simplicial: no closed form (exponential in ``N`` for softmax, with constants that depend on
      ``beta`` and the separation of the patterns: Ramsauer et al. 2021, Theorem 3).

    Parameters
    ----------
    model
        ``classical``, ``poly``, ``rectified``, ``exp``, ``softmax`` or ``simplicial``.
    N
        Number of units.
    degree
        The degree of ``poly`` and ``rectified``.
    max_dimension
        The largest simplex dimension of ``simplicial``.
    simplices
        The simplices of ``simplicial``.

    Returns
    -------
    tuple
        The predicted capacity (or ``None``) and ``"FORMULA; SOURCE"``.

    Examples
    --------
    >>> value, formula = theory_capacity("classical", 64)
    >>> round(value, 2), formula.split("; ")[0]
    (7.69, 'N / (2 ln N)')
    >>> round(theory_capacity("poly", 16, degree=3)[0], 2)         # 16^2 / (2 * 3!! * ln 16) = 256 / (6 ln 16)
    15.39
    """
    ln = math.log(N)
    if model == "classical":
        return N / (2 * ln), "N / (2 ln N); McEliece et al. 1987, each pattern stable"
    if model in ("poly", "rectified"):
        constant = 2 * _double_factorial(2 * degree - 3)
        return N ** (degree - 1) / (constant * ln), (f"N^{degree - 1} / ({constant} ln N); Krotov and Hopfield 2016, "
                                                    f"N^(a-1) / (2 (2a-3)!! ln N) without errors")
    if model == "exp":
        return 2.0 ** (N / 2), "2^(N/2) = exp(N ln(2) / 2); Demircigil et al. 2017, Thm 3: any alpha < ln(2)/2"
    if model == "simplicial" and simplices == "full":
        constant = 2 * _double_factorial(2 * max_dimension - 1)
        return N ** max_dimension / (constant * ln), (f"N^{max_dimension} / ({constant} ln N); as a polynomial memory "
                                                      f"of degree D+1, Burns and Fukai 2023 for the N^D scaling")
    if model == "softmax":
        return None, "exponential in N; constant depends on beta and pattern separation, Ramsauer et al. 2021"
    return None, "no closed form known for this model"


def _double_factorial(k: int) -> int:
    return math.prod(range(k, 0, -2)) if k > 0 else 1


def theory_exponent(model: str, degree: int = 3, max_dimension: int = 2, simplices: str = "full") -> float | None:
    """The power-law exponent ``k`` of capacity in ``N`` that theory predicts, in the log-corrected law
    ``capacity ~ N^k / ln N`` (``None``: exponential or unknown).

    Parameters
    ----------
    model
        ``classical``, ``poly``, ``rectified``, ``exp``, ``softmax`` or ``simplicial``.
    degree
        The degree of ``poly`` and ``rectified``.
    max_dimension
        The largest simplex dimension of ``simplicial``.
    simplices
        The simplices of ``simplicial``.

    Returns
    -------
    float or None
        ``k``.
    """
    if model == "classical":
        return 1.0
    if model in ("poly", "rectified"):
        return float(degree - 1)
    if model == "simplicial" and simplices == "full":
        return float(max_dimension)
    return None


def fitted_exponent(nodes: Sequence[int], capacities: Sequence[int | None], log_corrected: bool = True
                    ) -> float | None:
    """Least-squares slope ``k`` of the law ``capacity ~ N^k / ln N`` (``log_corrected``, the form of every power
    law in [`theory_capacity`][weightspace.memory.theory.theory_capacity], so the fitted and the theoretical
    exponents compare like with like: the slope of ``log(capacity * ln N)`` against ``log N``), or of a bare power
    ``capacity ~ N^k``; ``None`` with fewer than two positive points.

    Parameters
    ----------
    nodes
        The numbers of units ``N``.
    capacities
        The measured capacities (``None`` entries are skipped).
    log_corrected
        Fit ``N^k / ln N`` (else ``N^k``).

    Returns
    -------
    float or None
        The slope, or ``None`` with fewer than two points.

    Examples
    --------
    >>> import math
    >>> round(fitted_exponent([16, 64, 256], [n / (2 * math.log(n)) for n in (16, 64, 256)]), 6)
    1.0
    """
    points = [(math.log(n), math.log(c * (math.log(n) if log_corrected else 1.0)))
              for n, c in zip(nodes, capacities) if c]
    if len(points) < 2:
        return None
    x, y = np.array(points).T
    return float(np.polyfit(x, y, 1)[0])


MAX_CORRELATED_PATTERNS = 14


def _normal_tail(x: float) -> float:
    return 0.5 * math.erfc(x / math.sqrt(2))


def snr_stored_fraction(model: str, N: int, M: int, degree: int = 3) -> float:
    """The stored fraction that the signal-to-noise argument of Krotov and Hopfield (2016) predicts: each aligned
    field is ``signal + noise`` with the noise of the ``M - 1`` other patterns Gaussian, so a bit flips with
    probability ``P_err = Phi(-Delta)`` and a pattern is stored with probability ``(1 - P_err)^N`` (bits treated as
    independent).

    ``Delta^2 = N^(a-1) / ((2a-3)!! (M-1))`` for ``F(z) = z^a``: the signal is ``F(N) - F(N-2) ~ 2a N^(a-1)`` and each
    other pattern adds ``~ 2a s^(a-1)`` with ``E[s^(2a-2)] = (2a-3)!! N^(a-1)``. Setting ``N P_err = 1`` with the
    Gaussian tail gives the capacity without errors, ``N^(a-1) / (2 (2a-3)!! ln N)``
    ([`theory_capacity`][weightspace.memory.theory.theory_capacity]). ``classical`` is ``a = 2``; ``rectified`` drops
    the patterns with ``s < 0``, which halves the noise variance.

    Parameters
    ----------
    model
        ``classical``, ``poly`` or ``rectified``.
    N
        Number of units.
    M
        Number of patterns.
    degree
        The degree ``a`` (``poly``, ``rectified``).

    Returns
    -------
    float
        The predicted stored fraction.

    Raises
    ------
    InvalidInput
        For another model.

    Examples
    --------
    >>> round(snr_stored_fraction("classical", 64, 5), 4)      # Delta^2 = 64 / 4
    0.998
    """
    from ..errors import InvalidInput
    if model not in ("classical", "poly", "rectified"):
        raise InvalidInput("the signal-to-noise prediction covers classical, poly and rectified memories")
    if M <= 1:
        return 1.0
    a = 2 if model == "classical" else degree
    delta2 = N ** (a - 1) / (_double_factorial(2 * a - 3) * (M - 1)) * (2 if model == "rectified" else 1)
    return (1 - _normal_tail(math.sqrt(delta2))) ** N


def _stable_probability(overlaps: np.ndarray, tilts: np.ndarray, agree: float, base: float,
                        with_sign: bool) -> np.ndarray:
    """For each row of ``overlaps`` (samples x patterns): the probability that ``base + s sum_mu a_mu O_mu > 0`` for
    one bit, where ``a_mu = +1`` with prior probability ``agree`` and ``s = +-1`` likewise (or ``s = 1``), under the
    prior tilted by ``exp(sum_mu s a_mu t_mu)`` (what the overlap, a sum over the bits, says about this bit).
    Exact enumeration of the ``2^patterns`` sign patterns."""
    S, m = overlaps.shape
    grid = np.array(np.meshgrid(*[[1, -1]] * m, indexing="ij")).reshape(m, -1).T if m else np.zeros((1, 0))
    log_prior = np.log(np.where(grid > 0, agree, 1 - agree)).sum(axis=1) if m else np.zeros(1)
    signs = ((1, agree), (-1, 1 - agree)) if with_sign else ((1, 1.0),)
    weights, hits = np.zeros(S), np.zeros(S)
    for s, prior in signs:
        log_w = math.log(prior) + log_prior[None, :] + s * (tilts @ grid.T)
        w = np.exp(log_w)
        weights += w.sum(axis=1)
        hits += (w * (base + s * (overlaps @ grid.T) > 0)).sum(axis=1)
    return hits / weights


def correlated_prediction(N: int, M: int, c: float, samples: int = 2000, seed: int = 0) -> dict[str, float]:
    """Signal-to-noise predictions for the classical Hebbian memory of ``M`` patterns that copy each bit of a
    prototype ``eta`` with probability ``c`` (else a fair coin; see
    [`correlated_patterns`][weightspace.memory.experiments.correlated_patterns]).

    With ``s = xi_nu,i eta_i``, ``a_mu = xi_mu,i eta_i`` and ``O_mu = xi_mu . xi_nu`` the full overlaps, the aligned
    field of bit ``i`` of pattern ``nu`` is exactly ``(N - M) + s sum_(mu != nu) a_mu O_mu``. The overlaps are
    *shared by all bits*: mean ``c^2 N``, variance ``(1 - c^4) N``, covariance ``(c^2 - c^4) N`` between two of
    them (Gaussian here). Given the overlaps the bits are treated as independent, so the stored fraction is
    ``E_O[q(O)^N]``. Here ``q(O)`` is the probability over ``s`` and the ``a_mu`` (prior: ``+1`` with probability
    ``(1+c)/2``) that the field is positive, under the prior tilted by ``exp(s a_mu t_mu)`` with
    ``t_mu = (O_mu - c^2 N) / ((1 - c^4) N)``: a large overlap makes agreement at every bit likelier, and at
    ``c = 0`` the tilt is the exchangeability of the bits. The expectation is a Monte Carlo over ``samples`` overlap
    vectors (fixed seed: deterministic). The prototype is handled the same way: field ``-M + sum_mu a_mu P_mu``,
    with ``P_mu = xi_mu . eta`` of mean ``c N`` and variance ``(1 - c^2) N``.

    With the overlaps at their means (large ``N``), a bit against the prototype (``s = -1``) in a row where every
    other pattern agrees with ``eta`` has field ``N (1 - c^2 (M-1))``. So the patterns stop being fixed points once
    ``c^2 (M-1) >= 1``, and the prototype, never stored, becomes the attractor. Predictions are computed for at most
    14 patterns (the sign patterns are enumerated); ``nan`` above that.

    Parameters
    ----------
    N
        Number of units.
    M
        Number of patterns.
    c
        The copy probability.
    samples
        Monte Carlo samples of the overlaps.
    seed
        Their seed.

    Returns
    -------
    dict
        ``predicted_stored_fraction``, ``predicted_prototype_fixed`` and ``critical_patterns`` (``1 + 1/c^2``;
        infinite at ``c = 0``).

    Examples
    --------
    >>> p = correlated_prediction(64, 3, 0.9)      # c^2 (M-1) = 1.62 >= 1: the patterns lost, the prototype kept
    >>> round(p["predicted_stored_fraction"], 1), round(p["predicted_prototype_fixed"], 1), p["critical_patterns"]
    (0.1, 0.6, 2.234567901234568)
    """
    rng = np.random.default_rng(seed)
    if M > MAX_CORRELATED_PATTERNS:
        return {"predicted_stored_fraction": math.nan, "predicted_prototype_fixed": math.nan,
                "critical_patterns": 1 + 1 / (c * c) if c > 0 else math.inf}
    agree, m, c2 = (1 + c) / 2, M - 1, c * c
    cov = N * ((1 - c2 * c2) * np.eye(m) + (c2 - c2 * c2) * (np.ones((m, m)) - np.eye(m))) if m else np.zeros((0, 0))
    overlaps = rng.multivariate_normal(np.full(m, c2 * N), cov, size=samples) if m else np.zeros((samples, 0))
    tilts = (overlaps - c2 * N) / ((1 - c2 * c2) * N)
    stored = float(np.mean(_stable_probability(overlaps, tilts, agree, N - M, True) ** N))
    proto = 0.0
    if c > 0:
        proto_overlaps = c * N + math.sqrt((1 - c2) * N) * rng.standard_normal((samples, M))
        proto_tilts = (proto_overlaps - c * N) / max((1 - c2) * N, 1e-12)
        proto = float(np.mean(_stable_probability(proto_overlaps, proto_tilts, agree, -M, False) ** N))
    return {"predicted_stored_fraction": stored, "predicted_prototype_fixed": proto,
            "critical_patterns": 1 + 1 / (c * c) if c > 0 else math.inf}


__all__ = ["theory_capacity", "theory_exponent", "fitted_exponent", "snr_stored_fraction", "correlated_prediction"]
