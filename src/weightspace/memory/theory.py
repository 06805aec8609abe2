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


__all__ = ["theory_capacity", "theory_exponent", "fitted_exponent"]
