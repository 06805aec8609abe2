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

Theory, for the criterion measured here (each pattern, on average, a fixed point; not all patterns at once):
[`theory_capacity`][weightspace.memory.theory.theory_capacity] gives the predicted number at each ``N`` with its
formula (classical ``N / (2 ln N)``, McEliece et al. 1987; polynomial ``N^(a-1) / (2 (2a-3)!! ln N)``, Krotov and
Hopfield 2016; exponential ``2^(N/2)``, Demircigil et al. 2017), and the fitted exponent uses the same log-corrected
law ``capacity ~ N^k / ln N`` as the theory it is set against.

Examples
--------
>>> stored_fraction("classical", 32, 2, trials=5)
1.0
>>> capacity("classical", 16, trials=10).capacity
3
"""

from __future__ import annotations

import json
from pathlib import Path
from dataclasses import dataclass, field
from typing import Any, Callable

import numpy as np

from ..errors import TooLarge
from ..validation import check_bytes, check_number
from ..arch.memory.models import make_model
from .theory import fitted_exponent, theory_capacity, theory_exponent  # noqa: F401  (re-exported)


def check_setting(N: int, M: int, trials: int) -> None:
    """The one check of a memory experiment's sizes: ``N >= 2`` units, ``M >= 1`` patterns, ``trials >= 1``, and
    memory for an ``N x max(N, M)`` integer array (the weights, or the stored patterns) before it is allocated.

    Parameters
    ----------
    N
        Number of units.
    M
        Number of patterns.
    trials
        Number of trials.

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
    """The first ``M`` patterns of trial ``trial`` (a prefix of the trial's stream).

    Parameters
    ----------
    N
        Number of units.
    M
        Number of patterns.
    trial
        The trial's index.
    seed
        The seed of the run.

    Returns
    -------
    numpy.ndarray
        ``M x N`` patterns in ``{-1,1}``.
    """
    rng = np.random.default_rng([seed, trial, N])
    return (rng.integers(0, 2, size=(M, N), dtype=np.int64) * 2 - 1)


def stored_fraction(model: str, N: int, M: int, trials: int = 50, seed: int = 0, **params: Any) -> float:
    """Mean over trials of the fraction of ``M`` random patterns that are fixed points of ``model``.

    Parameters
    ----------
    model
        ``classical``, ``poly``, ``rectified``, ``exp``, ``softmax`` or ``simplicial``.
    N
        Number of units.
    M
        Number of patterns.
    trials
        Number of trials.
    seed
        The seed of the run.
    **params
        Passed to the model (``degree``, ``beta``, ``max_dimension``, ``simplices``).

    Returns
    -------
    float
        The mean fraction.

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

    Parameters
    ----------
    model
        ``classical``, ``poly``, ``rectified``, ``exp``, ``softmax`` or ``simplicial``.
    N
        Number of units.
    trials
        Trials per number of patterns.
    threshold
        The mean stored fraction a number of patterns must reach.
    seed
        The seed of the run.
    max_patterns
        The largest number of patterns tried.
    progress
        Called with ``(done, total)``.
    max_work
        The largest estimated work (multiply-adds) allowed.
    checkpoint
        A file to save finished trials to and resume from.
    **params
        Passed to the model (``degree``, ``beta``, ``max_dimension``, ``simplices``).

    Returns
    -------
    Capacity
        The capacity (or a lower bound when the search stopped), with the fractions measured.

    Raises
    ------
    TooLarge
        When the search would do more than ``max_work`` multiply-adds (about ten minutes), with the estimate.

    ``checkpoint`` names a JSON file where every evaluated stored fraction is written as soon as it is known (keyed by
    model, parameters, ``N``, trials and seed); a re-run with the same file reads them back instead of recomputing, so
    an interrupted search resumes without losing finished work.

    When the stored fraction is still at least the threshold at ``max_patterns`` patterns, ``capacity`` is ``None``
    and ``at_least`` is the largest load tested. That can mean a large capacity, or a criterion that says nothing:
    the softmax memory at ``beta = 1`` with many patterns makes nearly *every* state a fixed point, stored or not;
    [`random_state_fixed_fraction`][weightspace.memory.capacity.random_state_fixed_fraction] tells the two apart.
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


def random_state_fixed_fraction(model: str, N: int, M: int, samples: int = 200, seed: int = 0,
                                **params: Any) -> float:
    """Fraction of uniformly random states (not stored) that are exact fixed points of ``model`` storing ``M``
    random patterns: the base rate against which "the stored patterns are fixed points" is informative. Near 1
    (the softmax memory at ``beta = 1`` with many patterns: the retrieval averages so many patterns that nearly
    every state maps to itself up to sign), the fixed-point criterion cannot tell a stored pattern from any other
    state.

    Parameters
    ----------
    model
        ``classical``, ``poly``, ``rectified``, ``exp``, ``softmax`` or ``simplicial``.
    N
        Number of units.
    M
        Number of stored patterns.
    samples
        Random states tried.
    seed
        The seed of the run.
    **params
        Passed to the model (``degree``, ``beta``, ``max_dimension``, ``simplices``).

    Returns
    -------
    float
        The fraction.

    Raises
    ------
    InvalidInput
        For sizes out of range ([`check_setting`][weightspace.memory.capacity.check_setting]).

    Examples
    --------
    >>> random_state_fixed_fraction("classical", 32, 2, samples=50)
    0.0
    """
    check_setting(N, M, 1)
    check_number(samples, "samples", minimum=1, integer=True)
    memory = make_model(model, **params).fit(trial_patterns(N, M, 0, seed))
    rng = np.random.default_rng([seed, N, M, 17])
    states = rng.integers(0, 2, size=(samples, N), dtype=np.int64) * 2 - 1
    return float(np.mean([memory.is_fixed_point(x) for x in states]))


UNINFORMATIVE = 0.5        # random states fixed this often: the fixed-point criterion says nothing


def capacity_row(model: str, N: int, trials: int = 50, seed: int = 0, max_patterns: int = 20_000,
                 progress: Callable[[int, int], None] | None = None, checkpoint: str | None = None,
                 **params: Any) -> dict[str, Any]:
    """One row of a capacity table, the same for the CLI and the atlas: the measured ``capacity`` (or
    ``capacity_at_least``), the theory's ``theory_capacity`` for this criterion with its formula (``theory``), and,
    where the stored fraction never fell below the threshold, the base rate ``random_fixed_fraction`` of random
    states that are fixed points with ``criterion_uninformative`` (then there is no capacity to report).

    Parameters
    ----------
    model
        ``classical``, ``poly``, ``rectified``, ``exp``, ``softmax`` or ``simplicial``.
    N
        Number of units.
    trials
        Trials per number of patterns.
    seed
        The seed of the run.
    max_patterns
        The largest number of patterns tried.
    progress
        Called with ``(done, total)``.
    checkpoint
        A file to save finished trials to and resume from.
    **params
        Passed to the model (``degree``, ``beta``, ``max_dimension``, ``simplices``).

    Returns
    -------
    dict
        The row.

    Raises
    ------
    InvalidInput
        For settings out of range.
    TooLarge
        When the capacity search is beyond its work budget.

    Examples
    --------
    >>> row = capacity_row("classical", 16, trials=10)
    >>> row["capacity"], round(row["theory_capacity"], 2), row["theory"].split("; ")[0]
    (3, 2.89, 'N / (2 ln N)')
    """
    result = capacity(model, N, trials, seed=seed, max_patterns=max_patterns, progress=progress,
                      checkpoint=checkpoint, **params)
    theory_params = {k: v for k, v in params.items() if k in ("degree", "max_dimension", "simplices")}
    predicted, formula = theory_capacity(model, N, **theory_params)
    row = {"model": model, "nodes": N, "capacity": result.capacity, "capacity_at_least": result.at_least,
           "trials": trials, "theory_capacity": predicted, "theory": formula}
    if result.capacity is None:
        fraction = random_state_fixed_fraction(model, N, result.at_least, seed=seed, **params)
        row["random_fixed_fraction"], row["largest_load"] = fraction, result.at_least
        row["criterion_uninformative"] = fraction >= UNINFORMATIVE
        if row["criterion_uninformative"]:
            row["capacity_at_least"] = None
    return row


def recall_quality(model: str, N: int, M: int, flip_fraction: float = 0.1, trials: int = 10, seed: int = 0,
                   **params: Any) -> float:
    """Fraction of cues (a stored pattern with ``flip_fraction`` of its bits flipped) that asynchronous sweeps bring
    back to the exact pattern.

    Parameters
    ----------
    model
        ``classical``, ``poly``, ``rectified``, ``exp``, ``softmax`` or ``simplicial``.
    N
        Number of units.
    M
        Number of stored patterns.
    flip_fraction
        The fraction of bits flipped in each cue.
    trials
        Number of trials.
    seed
        The seed of the run.
    **params
        Passed to the model (``degree``, ``beta``, ``max_dimension``, ``simplices``).

    Returns
    -------
    float
        The fraction recalled exactly.

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
