"""Capacity, defined once and used everywhere.

For ``N`` units and ``M`` independent uniform ``+-1`` patterns, the **stored fraction** is the mean over ``T`` trials of
the fraction of patterns that are exact fixed points of the model's asynchronous update (every unit keeps its sign;
ties count as failures). ``capacity(N)`` is one less than the smallest ``M`` whose stored fraction falls below 0.95
(``T = 50`` by default). It is found by doubling ``M``, bisecting, and then scanning a window below the bisection's
answer for an earlier drop (the fraction is a noisy function of ``M``). Trial ``t`` draws its patterns from one
random stream, so the patterns for ``M`` are the first ``M`` rows of those for any larger ``M`` (common random numbers
across ``M``).

Integer-valued energies (classical, polynomial, rectified, simplicial) are tested in exact integer arithmetic; the
exponential and softmax models in float64.

Theory (the scaling exponents the measurements are set against): classical ``N / (4 ln N)`` for all patterns exact
(McEliece et al. 1987; exponent 1 up to the logarithm); polynomial of degree ``a``: ``N^(a-1)`` up to constants and
logarithms (Krotov and Hopfield 2016); full simplicial up to dimension ``D``: ``N^D`` (its energy is a polynomial of
degree ``D + 1`` in the overlaps); exponential and softmax: exponential in ``N`` (Demircigil et al. 2017; Ramsauer et
al. 2021), so no power-law exponent.

Examples
--------
>>> stored_fraction("classical", 32, 2, trials=5)
1.0
>>> capacity("classical", 16, trials=10).capacity
3
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

import numpy as np

from ..errors import TooLarge
from ..validation import check_bytes, check_number
from .models import make_model


def check_setting(N: int, M: int, trials: int) -> None:
    """The one check of a memory experiment's sizes: ``N >= 2`` units, ``M >= 1`` patterns, ``trials >= 1``, and
    memory for an ``N x max(N, M)`` integer array (the weights, or the stored patterns) before it is allocated.

    Raises
    ------
    InvalidInput
        For a size out of range, naming the option.
    TooLarge
        When the arrays would not fit ([`check_bytes`][weightspace.validation.check_bytes]).

    Examples
    --------
    >>> check_setting(100_000, 1, 1)
    Traceback (most recent call last):
    ...
    weightspace.errors.TooLarge: a memory of 100000 units with 1 patterns needs more memory than the 4 GiB one array may take (estimated cost: 74.5 GiB)
    """
    check_number(N, "--nodes", minimum=2, integer=True)
    check_number(M, "--patterns", minimum=1, integer=True)
    check_number(trials, "--trials", minimum=1, integer=True)
    check_bytes(8.0 * N * max(N, M), f"a memory of {N} units with {M} patterns")


def trial_patterns(N: int, M: int, trial: int, seed: int = 0) -> np.ndarray:
    """The first ``M`` patterns of trial ``trial`` (a prefix of the trial's stream)."""
    rng = np.random.default_rng([seed, trial, N])
    return (rng.integers(0, 2, size=(M, N), dtype=np.int64) * 2 - 1)


def stored_fraction(model: str, N: int, M: int, trials: int = 50, seed: int = 0, **params: Any) -> float:
    """Mean over trials of the fraction of ``M`` random patterns that are fixed points of ``model``.

    Raises
    ------
    InvalidInput
        For ``N < 2``, ``M < 1`` or ``trials < 1``.
    """
    check_setting(N, M, trials)
    total = 0.0
    for t in range(trials):
        total += make_model(model, **params).fit(trial_patterns(N, M, t, seed)).stored().mean()
    return float(total / trials)


@dataclass
class Capacity:
    """``capacity`` and every stored fraction evaluated on the way (``fractions[M]``)."""

    model: str
    nodes: int
    capacity: int | None
    trials: int
    fractions: dict[int, float] = field(default_factory=dict)
    at_least: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "nodes": self.nodes, "capacity": self.capacity, "trials": self.trials,
                "capacity_at_least": self.at_least,
                "evaluated": {str(k): round(v, 4) for k, v in sorted(self.fractions.items())}}


MAX_WORK = 4e10          # about ten minutes of numpy on this machine: trials x M^2 x N multiply-adds


def capacity(model: str, N: int, trials: int = 50, threshold: float = 0.95, seed: int = 0,
             max_patterns: int = 20_000, progress: Callable[[int, int], None] | None = None,
             max_work: float = MAX_WORK, checkpoint: str | None = None, **params: Any) -> Capacity:
    """``capacity(N)`` as defined in the module docstring.

    Raises
    ------
    TooLarge
        When the search would do more than ``max_work`` multiply-adds (about ten minutes), with the estimate.

    ``checkpoint`` names a JSON file where every evaluated stored fraction is written as soon as it is known (keyed by
    model, parameters, ``N``, trials and seed); a re-run with the same file reads them back instead of recomputing, so
    an interrupted search resumes without losing finished work.

    When the stored fraction is still at least the threshold at ``max_patterns`` patterns (the softmax memory stores
    random patterns at any load: for unit ``i`` the patterns that agree with ``xi_nu`` there have overlaps 2 higher on
    average, so the retrieval's mass on the right sign grows linearly in ``M`` while its fluctuation grows like
    ``sqrt(M)``), ``capacity`` is ``None`` and ``at_least`` is the largest load tested.
    """
    check_setting(N, 1, trials)
    check_number(max_patterns, "--max-patterns", minimum=1, integer=True)
    check_number(threshold, "the threshold", positive=True, maximum=1)
    check_bytes(8.0 * N * max_patterns if model != "classical" else 0.0,
                f"{max_patterns} stored patterns of {N} units (lower --max-patterns)")
    fractions: dict[int, float] = {}
    work = [0.0]
    key = json.dumps([model, sorted(params.items()), N, trials, seed], default=lambda a: np.asarray(a).tolist())
    stored: dict[str, dict[str, float]] = {}
    if checkpoint and Path(checkpoint).is_file():
        stored = json.loads(Path(checkpoint).read_text())
    known = {int(M): v for M, v in stored.get(key, {}).items()}

    def f(M: int) -> float:
        if M not in fractions and M in known:
            fractions[M] = known[M]
        if M not in fractions:
            per_pattern = N ** (params.get("max_dimension", 1) + 1) if model == "simplicial" else M * N
            work[0] += trials * float(M) * per_pattern
            if work[0] > max_work:
                raise TooLarge(f"the capacity search for {model} on {N} units reached {M} patterns per trial",
                               f"more than {max_work:.0e} multiply-adds (trials x M^2 x N); lower --nodes or "
                               f"--trials")
            fractions[M] = stored_fraction(model, N, M, trials, seed, **params)
            if checkpoint:
                stored[key] = {str(m): v for m, v in fractions.items()}
                tmp = Path(str(checkpoint) + ".tmp")
                tmp.write_text(json.dumps(stored))
                tmp.replace(checkpoint)
            if progress is not None:
                progress(len(fractions), 0)
        return fractions[M]

    if f(1) < threshold:
        return Capacity(model, N, 0, trials, fractions)
    lo, hi = 1, 2
    while f(hi) >= threshold:
        lo, hi = hi, 2 * hi
        if hi > max_patterns:
            return Capacity(model, N, None, trials, fractions, at_least=lo)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if f(mid) >= threshold else (lo, mid)
    for M in range(max(1, hi - max(3, hi // 10)), hi):    # an earlier drop below the threshold?
        if f(M) < threshold:
            hi = M
            break
    return Capacity(model, N, hi - 1, trials, fractions)


def theory_exponent(model: str, degree: int = 3, max_dimension: int = 2, simplices: str = "full") -> float | None:
    """The power-law exponent of capacity in ``N`` that theory predicts (``None``: exponential or unknown)."""
    if model == "classical":
        return 1.0
    if model in ("poly", "rectified"):
        return float(degree - 1)
    if model == "simplicial" and simplices == "full":
        return float(max_dimension)
    return None


def fitted_exponent(nodes: Sequence[int], capacities: Sequence[int | None]) -> float | None:
    """Least-squares slope of ``log capacity`` against ``log N`` (``None`` with fewer than two positive points)."""
    points = [(math.log(n), math.log(c)) for n, c in zip(nodes, capacities) if c]
    if len(points) < 2:
        return None
    x, y = np.array(points).T
    return float(np.polyfit(x, y, 1)[0])


def recall_quality(model: str, N: int, M: int, flip_fraction: float = 0.1, trials: int = 10, seed: int = 0,
                   **params: Any) -> float:
    """Fraction of cues (a stored pattern with ``flip_fraction`` of its bits flipped) that asynchronous sweeps bring
    back to the exact pattern.

    Raises
    ------
    InvalidInput
        When ``flip_fraction`` is outside ``[0, 1]``.
    """
    check_number(flip_fraction, "the flipped fraction", minimum=0, maximum=1)
    check_setting(N, M, trials)
    rng = np.random.default_rng([seed, 7])
    hits, total = 0, 0
    for t in range(trials):
        X = trial_patterns(N, M, t, seed)
        memory = make_model(model, **params).fit(X)
        for mu in range(min(M, 10)):
            cue = X[mu].copy()
            cue[rng.choice(N, size=int(round(flip_fraction * N)), replace=False)] *= -1
            hits += int((memory.recall(cue, rng=rng) == X[mu]).all())
            total += 1
    return hits / total


__all__ = ["trial_patterns", "stored_fraction", "Capacity", "capacity", "theory_exponent", "fitted_exponent",
           "recall_quality"]
