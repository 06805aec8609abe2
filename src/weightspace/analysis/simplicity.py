"""Simplicity bias: is the probability of a threshold function explained by its number of true points, its minimal
integer weight or its NP class?

For each function of a [`measure()`][weightspace.analysis.measure.measure] result on ``{0,1}^n``: its number of true
points ``|f^-1(1)|`` and the distance ``| |f^-1(1)| - 2^(n-1) |`` from balance, its minimal integer weight
``min sum |w_i| + |b|`` ([`minimal_weights()`][weightspace.arch.threshold.minimal.minimal_weights], exact), and its NP
class (inputs permuted and negated, [`canonical_form()`][weightspace.arch.threshold.classes.canonical_form]). The
summary gives Spearman's rank correlation of ``log P(f)`` with each measure of simplicity, and the largest ratio of
probabilities inside one NP class: the Gaussian law on ``(w, b)`` is invariant under permuting inputs but not under
negating them (``x_i -> 1 - x_i`` sends ``(w, b)`` to ``(.., -w_i, .., b + w_i)``, not an orthogonal map), so an NP
class need not have one probability.

Examples
--------
>>> from weightspace.specs import resolve
>>> from weightspace.analysis.measure import measure
>>> table = simplicity_bias(measure(resolve("threshold:2")), 2)
>>> table.np_classes, round(table.spearman_weight, 3)
(5, -0.844)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.stats import spearmanr

from ..arch.threshold.classes import canonical_form, cube
from ..arch.threshold.minimal import minimal_weights
from ..errors import InvalidInput
from .measure import MeasureResult


@dataclass
class SimplicityTable:
    """Per function: probability, true points, minimal weight and NP class; and the rank correlations."""

    n: int
    rows: list[dict[str, Any]]
    spearman_weight: float
    spearman_balance: float
    np_classes: int
    largest_ratio_in_class: float

    def to_dict(self) -> dict[str, Any]:
        return {"n": self.n, "functions": len(self.rows), "np_classes": self.np_classes,
                "spearman_log_p_vs_minimal_weight": self.spearman_weight,
                "spearman_log_p_vs_distance_from_balance": self.spearman_balance,
                "largest_probability_ratio_within_an_np_class": self.largest_ratio_in_class, "rows": self.rows}

    def lines(self) -> list[str]:
        return [f"n = {self.n}: {len(self.rows)} functions in {self.np_classes} NP classes",
                f"  Spearman(log P, minimal weight) = {self.spearman_weight:+.3f}",
                f"  Spearman(log P, distance of #true points from 2^(n-1)) = {self.spearman_balance:+.3f}",
                f"  largest P ratio inside one NP class = {self.largest_ratio_in_class:.3f}"]


def simplicity_bias(result: MeasureResult, n: int) -> SimplicityTable:
    """The simplicity table of a threshold unit's measure on ``{0,1}^n`` (see the module docstring).

    Parameters
    ----------
    result
        ``measure(threshold:n)`` listing every function.
    n
        The number of inputs.

    Returns
    -------
    SimplicityTable
        One row per function and the correlations.

    Raises
    ------
    InvalidInput
        When ``result`` is not a full list of threshold functions of ``n`` inputs.
    """
    if len(result.functions) != result.functions_total or not all(isinstance(r.function, str) and
                                                                   len(r.function) == 2 ** n
                                                                   for r in result.functions):
        raise InvalidInput(f"simplicity_bias needs every threshold function of {n} inputs (measure without --top)")
    c = cube(n)
    rows = []
    for row in result.functions:
        table = np.array([int(ch) for ch in row.function], dtype=bool)
        ones = int(table.sum())
        weight = minimal_weights(row.function, n=n).total
        key = "".join("1" if v else "0" for v in canonical_form(table, c))
        rows.append({"function": row.function, "probability": row.probability, "true_points": ones,
                     "distance_from_balance": abs(ones - 2 ** (n - 1)), "minimal_weight": weight, "np_class": key})
    logp = [math.log(r["probability"]) for r in rows]
    weight = spearmanr(logp, [r["minimal_weight"] for r in rows]).statistic
    balance = spearmanr(logp, [r["distance_from_balance"] for r in rows]).statistic
    classes: dict[str, list[float]] = {}
    for r in rows:
        classes.setdefault(r["np_class"], []).append(r["probability"])
    ratio = max(max(v) / min(v) for v in classes.values())
    return SimplicityTable(n, rows, float(weight), float(balance), len(classes), float(ratio))


__all__ = ["SimplicityTable", "simplicity_bias"]
