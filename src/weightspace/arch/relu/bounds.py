"""Upper bounds on the number of linear regions of a ReLU network, to set next to the exact count.

For input dimension ``n_0`` and hidden widths ``n_1, ..., n_L``:

* ``one_layer`` (Zaslavsky; Montúfar, Pascanu, Cho and Bengio 2014, Prop. 1 with Pascanu et al. 2014): ``L = 1``
  gives at most ``sum_{j <= n_0} C(n_1, j)`` regions, attained by generic weights; ``min(2^m, ...)`` in general;
* ``montufar`` (Montúfar et al. 2014, refined in Montúfar 2017): each layer cuts each region of the previous ones
  by at most ``n_l`` hyperplanes in an image of dimension at most ``d_l = min(n_0, ..., n_l)``, so at most
  ``prod_l sum_{j <= d_l} C(n_l, j)``;
* ``serra`` (Serra, Tjandraatmadja and Ramalingam 2018, Theorem 1):
  ``sum over (j_1..j_L) in J of prod_l C(n_l, j_l)``, with ``J`` the tuples with
  ``0 <= j_l <= min(n_0, n_1 - j_1, ..., n_{l-1} - j_{l-1}, n_l)``;
* ``patterns``: ``2^(n_1 + ... + n_L)``, the number of activation patterns;
* ``newton`` (Zhang, Naitzat and Lim 2018): the monomials of the tropical product ``F G`` of the network's tropical
  form, a bound for *this* network ([`TropicalForm.region_bound()`][weightspace.arch.relu.tropical.TropicalForm.region_bound]).

For comparison, ``montufar_lower`` is the lower bound of Montúfar et al. (2014, Theorem 4) on the *maximal* number
of regions over all weights (hidden widths ``n_l >= n_0``): ``prod_{l < L} floor(n_l / n_0)^{n_0} sum_{j <= n_0}
C(n_L, j)``; it says what the architecture can do, not what a given network does.

Examples
--------
>>> region_bounds((2, 3, 3, 1))
{'patterns': 64, 'montufar': 49, 'serra': 40, 'montufar_lower': 7}
>>> region_bounds((2, 4, 1))
{'patterns': 16, 'montufar': 11, 'serra': 11, 'montufar_lower': 11}
"""

from __future__ import annotations

from itertools import product
from math import comb, prod
from typing import Sequence

from ...errors import InvalidInput, TooLarge

MAX_BOUND_STEPS = 50_000_000
MAX_HIDDEN_UNITS = 300_000      # 2^300000, the pattern count, has about 90,000 digits


def montufar_bound(widths: Sequence[int]) -> int:
    """``prod_l sum_{j <= d_l} C(n_l, j)`` with ``d_l = min(n_0, ..., n_l)`` (``widths`` include input and output).

    Parameters
    ----------
    widths
        ``(n_0, n_1, ..., n_L, out)``: input, hidden and output widths.

    Returns
    -------
    int
        The upper bound.
    """
    n0, hidden = widths[0], widths[1:-1]
    out, dimension = 1, n0
    for n in hidden:
        dimension = min(dimension, n)
        out *= sum(_binomials(n, dimension))
    return out


def serra_bound(widths: Sequence[int]) -> int:
    """Serra et al. (2018), Theorem 1, by dynamic programming over the running cap.

    A tuple's admissible ``j_l`` depend on the earlier ones only through ``c_l = min(n_0, n_1 - j_1, ...,
    n_{l-1} - j_{l-1})``, so the sum is carried as a weight per cap value: ``O(L n_0 min(n_0, n_l))`` big-integer
    operations instead of one term per tuple (``serra_bound_by_enumeration`` is the tuple-by-tuple second route).

    Parameters
    ----------
    widths
        ``(n_0, n_1, ..., n_L, out)``: input, hidden and output widths.

    Returns
    -------
    int
        The upper bound.
    """
    n0, hidden = widths[0], list(widths[1:-1])
    weights = {n0: 1}                       # cap -> sum of prod C(n_l, j_l) over the tuples so far
    for n in hidden:
        binomials = _binomials(n, min(n0, n))
        following: dict[int, int] = {}
        for cap, weight in weights.items():
            for j in range(min(cap, n) + 1):
                key = min(cap, n - j)
                following[key] = following.get(key, 0) + weight * binomials[j]
        weights = following
    return sum(weights.values())


def _binomials(n: int, top: int) -> list[int]:
    """``C(n, 0), ..., C(n, top)`` by the multiplicative recurrence."""
    out = [1]
    for j in range(1, top + 1):
        out.append(out[-1] * (n - j + 1) // j)
    return out


def montufar_lower_bound(widths: Sequence[int]) -> int | None:
    """Montúfar et al. (2014), Theorem 4 (``None`` when a hidden width is below the input dimension).

    Parameters
    ----------
    widths
        ``(n_0, n_1, ..., n_L, out)``: input, hidden and output widths.

    Returns
    -------
    int or None
        The lower bound, or ``None``.
    """
    n0, hidden = widths[0], widths[1:-1]
    if any(n < n0 for n in hidden):
        return None
    return prod((n // n0) ** n0 for n in hidden[:-1]) * sum(comb(hidden[-1], j) for j in range(n0 + 1))


def region_bounds(widths: Sequence[int]) -> dict[str, int | None]:
    """The architecture bounds of the module docstring for ``widths = (n_0, n_1, ..., n_L, out)``.

    Parameters
    ----------
    widths
        ``(n_0, n_1, ..., n_L, out)``: input, hidden and output widths.

    Returns
    -------
    dict
        Each bound by name.

    Raises
    ------
    InvalidInput
        When there is no hidden layer or a width is not positive.
    TooLarge
        When the sums would take more than ``MAX_BOUND_STEPS`` big-integer products (input dimension in the
        thousands).
    """
    widths = tuple(int(w) for w in widths)
    if len(widths) < 3 or any(w < 1 for w in widths):
        raise InvalidInput("region bounds need positive widths (input, hidden..., output) with a hidden layer")
    steps = sum(min(widths[0], n) ** 2 for n in widths[1:-1])      # big-integer products in serra_bound
    if steps > MAX_BOUND_STEPS:
        raise TooLarge("the region bounds of these widths are beyond the closed forms' reach here",
                       f"{steps:.2g} big-integer products")
    if sum(widths[1:-1]) > MAX_HIDDEN_UNITS:
        raise TooLarge(f"the region bounds are given for at most {MAX_HIDDEN_UNITS} hidden units",
                       f"2^{sum(widths[1:-1])} activation patterns")
    return {"patterns": 2 ** sum(widths[1:-1]), "montufar": montufar_bound(widths), "serra": serra_bound(widths),
            "montufar_lower": montufar_lower_bound(widths)}


def serra_bound_by_enumeration(widths: Sequence[int]) -> int:
    """The same sum as [`serra_bound()`][weightspace.arch.relu.bounds.serra_bound], by listing every tuple of
    ``prod_l [0, n_l]`` and testing membership in ``J`` (a second route for the tests).

    Parameters
    ----------
    widths
        ``(n_0, n_1, ..., n_L, out)``: input, hidden and output widths.

    Returns
    -------
    int
        The same number as ``serra_bound``.
    """
    n0, hidden = widths[0], widths[1:-1]
    total = 0
    for js in product(*(range(n + 1) for n in hidden)):
        ok = True
        for l, (j, n) in enumerate(zip(js, hidden)):
            cap = min([n0, n] + [hidden[i] - js[i] for i in range(l)])
            if j > cap:
                ok = False
                break
        if ok:
            total += prod(comb(n, j) for n, j in zip(hidden, js))
    return total


__all__ = ["region_bounds", "montufar_bound", "serra_bound", "montufar_lower_bound", "serra_bound_by_enumeration"]
