"""Minimal integer weights of a threshold function: ``min sum |w_i| + |b|`` with ``H(w . x + b) = f``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ...booleans import parse_table
from ...domain import Domain, cube01
from ...errors import InvalidInput, TooLarge
from .unit import realize_threshold

@dataclass(frozen=True)
class MinimalWeights:
    """Integer ``(w, b)`` minimising ``sum |w_i| + |b|`` among all integer realisations (``H(r)=1`` iff
    ``r > 0``), with the exhaustive search that proves no smaller total exists.

    ``lower_bound`` is the floor of the LP relaxation where the search started; ``restarted`` says that a
    realisation was found below it (the float bound was wrong) and the search started again from 0.
    """

    table: tuple[int, ...]
    w: tuple[int, ...]
    b: int
    total: int
    nodes: int
    lower_bound: int = 0
    restarted: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"table": "".join(map(str, self.table)), "w": list(self.w), "b": self.b, "total": self.total,
                "search_nodes": self.nodes, "lp_lower_bound": self.lower_bound, "restarted": self.restarted}


MAX_MINIMAL_WEIGHT_INPUTS = 6


def minimal_weights(table: str | Sequence[int], n: int | None = None, domain: Domain | None = None,
                    node_limit: int = 20_000_000) -> MinimalWeights:
    """Minimal integer weights of a threshold function: ``min sum |w_i| + |b|`` with ``H(w . x + b) = f``.

    Exact: a depth-first search over integer vectors of total ``|w|_1 + |b| <= V`` for ``V = 0, 1, 2, ...``
    (starting at the LP lower bound rounded down, checked exhaustively below it) with interval pruning
    returns the first realisation found, so no smaller total exists. On ``{0,1}^n`` the sign of ``w_i`` is
    fixed by the function (``w_i > 0`` if ``f`` increases in ``x_i``, ``< 0`` if it decreases, ``0`` if ``f``
    ignores ``x_i``, the last by the substitution ``w_i -> 0`` which never increases the total). Limited to
    ``n <= 6``.

    Parameters
    ----------
    table
        The function's values on the domain's points.
    n
        Number of inputs of ``{0,1}^n`` when no domain is given.
    domain
        The finite point set.
    node_limit
        Search nodes allowed before the search stops.

    Returns
    -------
    MinimalWeights
        The minimal integer weights, their total and the size of the search that proves no smaller total exists.

    Raises
    ------
    InvalidInput
        When neither ``n`` nor ``domain`` is given, or the table is not a threshold function on the domain.
    TooLarge
        For more than ``MAX_MINIMAL_WEIGHT_INPUTS`` inputs, or when the search exceeds ``node_limit`` nodes.

    Notes
    -----
    The search is exponential in ``n`` but small in practice: every NP class of ``n <= 4`` takes well under a
    second. The float LP bound only chooses where the search starts; if it were wrong the search restarts from 0.

    Examples
    --------
    >>> minimal_weights("0111", n=2).to_dict()   # OR: x1 + x2 > 0
    {'table': '0111', 'w': [1, 1], 'b': 0, 'total': 2, 'search_nodes': 7, 'lp_lower_bound': 1, 'restarted': False}
    """
    if domain is None and n is None:
        raise InvalidInput("give the number of inputs or a domain")
    domain = domain or cube01(n)
    if domain.dimension > MAX_MINIMAL_WEIGHT_INPUTS:
        raise TooLarge(f"minimal weights are limited to n <= {MAX_MINIMAL_WEIGHT_INPUTS} inputs",
                       f"an integer search in dimension {domain.dimension + 1}")
    values = parse_table(table, len(domain))
    realization = realize_threshold(values, domain)
    if not realization.realizable:
        raise InvalidInput(f"{''.join(map(str, values))} is not a threshold function on this domain")
    scale = 1
    for p in domain.points:
        for c in p:
            scale = scale * c.denominator // np.gcd(scale, c.denominator)
    points = np.array([[int(c * scale) for c in p] + [scale] for p in domain.points], dtype=object)
    d = domain.dimension + 1
    sign_choices = _sign_choices(values, domain)
    ones = np.array(values, dtype=bool)
    magnitude = np.abs(points).astype(np.int64)
    # suffix maxima: the largest |x_j| among the variables still free after fixing the first k
    suffix = np.zeros((d + 1, len(points)), dtype=np.int64)
    for k in range(d - 1, -1, -1):
        suffix[k] = np.maximum(suffix[k + 1], magnitude[:, k])
    nodes = 0

    def search(k: int, partial: np.ndarray, budget: int, chosen: list[int]):
        nonlocal nodes
        nodes += 1
        if nodes > node_limit:
            raise TooLarge("the minimal-weight search exceeded its node limit", f"more than {node_limit} nodes")
        if k == d:
            good = np.all(partial[ones] > 0) and np.all(partial[~ones] <= 0)
            return list(chosen) if good else None
        reach = suffix[k] * budget
        if np.any(partial[ones] + reach[ones] <= 0) or np.any(partial[~ones] - reach[~ones] > 0):
            return None
        for value in sign_choices[k](budget):
            chosen.append(value)
            found = search(k + 1, partial + value * points[:, k].astype(np.int64), budget - abs(value), chosen)
            chosen.pop()
            if found is not None:
                return found
        return None

    zero = np.zeros(len(points), dtype=np.int64)
    bound = total = _lp_lower_bound(values, domain)
    # the search at budget V visits every vector of total <= V, so one exhaustive search below the float
    # bound proves it; if floats were wrong, start again from 0 (reported as ``restarted``)
    restarted = total > 0 and search(0, zero, total - 1, []) is not None
    if restarted:
        total = 0
    while True:  # invariant: no realisation of total < `total` exists
        found = search(0, zero, total, [])
        if found is not None:
            return MinimalWeights(values, tuple(found[:-1]), found[-1], sum(abs(v) for v in found), nodes, bound,
                                  restarted)
        total += 1


def _sign_choices(values: Sequence[int], domain: Domain):
    """Per coordinate (w_1..w_n, b), a function budget -> candidate integer values, smallest |v| first."""
    n = domain.dimension

    def both(budget: int):
        yield 0
        for v in range(1, budget + 1):
            yield v
            yield -v

    choices = []
    if domain.name == "cube01":
        for i in range(n):
            increasing = decreasing = False
            for x in range(2 ** n):
                if not (x >> i) & 1:
                    a, c = values[x], values[x | (1 << i)]
                    increasing |= c > a
                    decreasing |= c < a
            if increasing and not decreasing:
                choices.append(lambda budget: range(1, budget + 1))
            elif decreasing and not increasing:
                choices.append(lambda budget: (-v for v in range(1, budget + 1)))
            elif not increasing and not decreasing:
                choices.append(lambda budget: (0,))
            else:  # not unate: cannot be a threshold function, but stay exhaustive
                choices.append(both)
    else:
        choices = [both] * n
    choices.append(both)
    return choices


def _lp_lower_bound(values: Sequence[int], domain: Domain) -> int:
    """floor of the LP relaxation optimum (floats only *propose* where the exhaustive search starts)."""
    if not domain.is_integral():
        return 0
    from scipy.optimize import linprog
    rows = np.array([[float(c) for c in p] + [1.0] for p in domain.points])
    d = rows.shape[1]
    signs = np.array([1.0 if v else -1.0 for v in values])
    rhs = np.array([1.0 if v else 0.0 for v in values])
    a_ub = np.hstack([-(rows * signs[:, None]), rows * signs[:, None]])
    result = linprog(np.ones(2 * d), A_ub=a_ub, b_ub=-rhs, bounds=(0, None), method="highs")
    if result.status != 0:
        return 0
    return max(0, int(np.floor(result.fun - 1e-6)))


__all__ = ["MinimalWeights", "minimal_weights", "MAX_MINIMAL_WEIGHT_INPUTS"]
