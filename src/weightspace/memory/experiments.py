"""Experiments with associative memories: correlated patterns, sequential storage (forgetting), a digits
classification task, and topology (simplicial complexes of connections, persistent homology of patterns).

Every experiment returns JSON-ready rows; randomness comes from a seed.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..errors import InvalidInput
from ..validation import check_number, check_numbers
from .capacity import capacity, check_setting, trial_patterns
from .theory import correlated_prediction
from ..arch.memory.models import hebbian_weights, make_model




def correlated_patterns(N: int, M: int, correlation: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``M`` patterns that copy each bit of a random prototype with probability ``correlation`` (otherwise a fair
    coin): pairwise overlaps have mean ``correlation^2 N``. Returns ``(prototype, patterns)``.

    Parameters
    ----------
    N
        Number of units.
    M
        Number of patterns.
    correlation
        The probability of copying a prototype bit.
    rng
        The random generator.

    Returns
    -------
    tuple
        ``(prototype, patterns)``.

    Raises
    ------
    InvalidInput
        When ``correlation`` is outside ``[0, 1]``.
    """
    if not 0 <= correlation <= 1:
        raise InvalidInput("the correlation must be between 0 and 1")
    prototype = rng.integers(0, 2, size=N) * 2 - 1
    copy = rng.random((M, N)) < correlation
    noise = rng.integers(0, 2, size=(M, N)) * 2 - 1
    return prototype, np.where(copy, prototype[None, :], noise).astype(np.int64)


def correlated(model: str, N: int, M: int, correlations: Sequence[float], trials: int = 10, cues: int = 20,
               seed: int = 0, **params: Any) -> list[dict[str, Any]]:
    """For each correlation: the stored fraction, and where asynchronous dynamics from random cues end: a stored
    pattern or its mirror image ``-xi`` (an attractor of every even energy), the prototype (a "concept" attractor that was never stored), or another (spurious) state, with the
    number of distinct attractors reached, and how often the prototype itself is a fixed point. For the classical
    model each row also carries the mean-field predictions of
    [`correlated_prediction`][weightspace.memory.theory.correlated_prediction] (stored fraction, prototype fixed,
    the critical load ``1 + 1/c^2``).

    Parameters
    ----------
    model
        The memory model's name.
    N
        Number of units.
    M
        Number of patterns.
    correlations
        The correlations to try.
    trials
        Trials per correlation.
    cues
        Random cues per trial.
    seed
        The seed of the run.
    **params
        Passed to the model.

    Returns
    -------
    list of dict
        One row per correlation.

    Raises
    ------
    InvalidInput
        For fewer than 2 units or no pattern, or a correlation outside ``[0, 1]``.
    """
    check_setting(N, M, trials)
    check_numbers(correlations, "--correlations", minimum=0, maximum=1)
    check_number(cues, "cues", minimum=1, integer=True)
    rows = []
    for c in correlations:
        rng = np.random.default_rng([seed, int(round(1000 * c))])
        stored, to_pattern, to_prototype, distinct, prototype_fixed = 0.0, 0, 0, 0, 0
        for _ in range(trials):
            prototype, X = correlated_patterns(N, M, c, rng)
            memory = make_model(model, **params).fit(X)
            stored += memory.stored().mean()
            prototype_fixed += int(memory.is_fixed_point(prototype))
            ends = set()
            for _ in range(cues):
                end = memory.recall(rng.integers(0, 2, size=N) * 2 - 1, rng=rng)
                ends.add(end.tobytes())
                to_pattern += int((X == end).all(axis=1).any() or (X == -end).all(axis=1).any())
                to_prototype += int((end == prototype).all() or (end == -prototype).all())
            distinct += len(ends)
        rows.append({"model": model, "correlation": c, "nodes": N, "patterns": M,
                     "stored_fraction": float(stored / trials), "to_stored_pattern": to_pattern / (trials * cues),
                     "to_prototype": to_prototype / (trials * cues), "attractors": distinct / trials,
                     "prototype_fixed": prototype_fixed / trials})
        if model == "classical":
            rows[-1].update(correlated_prediction(N, M, c))
    return rows


def forgetting(model: str, N: int, M: int, rule: str = "hebbian", clip: int = 3, seed: int = 0,
               trials: int = 10, **params: Any) -> list[dict[str, Any]]:
    """Sequential storage: after each new pattern, the fraction of the *first* quarter of patterns and of the *latest*
    quarter that are still fixed points. ``rule = "clipped"`` (classical model only) keeps every weight in
    ``[-clip, clip]`` after each addition: a palimpsest (Parisi 1986) that forgets old patterns instead of all.

    Parameters
    ----------
    model
        The memory model's name.
    N
        Number of units.
    M
        Number of patterns stored one after the other.
    rule
        ``hebbian`` or ``clipped``.
    clip
        The weight bound of ``clipped``.
    seed
        The seed of the run.
    trials
        Number of trials.
    **params
        Passed to the model.

    Returns
    -------
    list of dict
        One row per number of patterns stored.

    Raises
    ------
    InvalidInput
        For the clipped rule on a model other than ``classical``, fewer than 2 units or no pattern.
    """
    rule = "hebbian" if rule == "hebb" else rule          # the one Hebbian rule has both names
    if rule not in ("hebbian", "clipped") or (rule == "clipped" and model != "classical"):
        raise InvalidInput("rules: hebbian (or hebb; every model) or clipped (classical)")
    check_setting(N, M, trials)
    check_number(clip, "clip", minimum=1, integer=True)
    rows = []
    curves = np.zeros((trials, M, 2))
    for t in range(trials):
        X = trial_patterns(N, M, t, seed + 101)
        W = np.zeros((N, N), dtype=np.int64)
        for k in range(1, M + 1):
            if rule == "clipped":
                W = np.clip(W + hebbian_weights(X[k - 1:k]), -clip, clip)
                fixed = ((X[:k] * (X[:k] @ W)) > 0).all(axis=1)
            else:
                fixed = make_model(model, **params).fit(X[:k]).stored()
            quarter = max(1, k // 4)
            curves[t, k - 1] = fixed[:quarter].mean(), fixed[-quarter:].mean()
    mean = curves.mean(axis=0)
    for k in range(M):
        rows.append({"model": model, "rule": rule, "stored": k + 1, "oldest_recalled": float(mean[k, 0]),
                     "newest_recalled": float(mean[k, 1])})
    return rows


def digits_task(model: str, memories_per_class: Sequence[int], repeats: int = 3, seed: int = 0,
                capacity_trials: int = 0, **params: Any) -> list[dict[str, Any]]:
    """scikit-learn's bundled 8x8 digits, binarised (pixel > 7 -> +1), with 10 label units appended (``+1`` for
    the class, ``-1`` otherwise, repeated ``repeats`` times). A test image is classified by the label unit whose
    switch to ``+1`` the energy favours most (one asynchronous step on the label units from all ``-1``). Rows: memories
    per class, the stored fraction of the memories, and the test accuracy. With ``capacity_trials > 0`` each row also
    gives the number of memories relative to the model's capacity for random patterns of the same length.

    Parameters
    ----------
    model
        The memory model's name.
    memories_per_class
        The numbers of stored images per digit to try.
    repeats
        Copies of the label units.
    seed
        The seed of the run.
    capacity_trials
        Trials of a capacity measurement at the same size (0: none).
    **params
        Passed to the model.

    Returns
    -------
    list of dict
        One row per number of memories.
    """
    from sklearn.datasets import load_digits

    check_numbers(memories_per_class, "--per-class", minimum=1, maximum=150, integer=True)
    check_number(repeats, "repeats", minimum=1, integer=True)
    check_number(capacity_trials, "--capacity-trials", minimum=0, integer=True)
    digits = load_digits()
    images = np.where(digits.data > 7, 1, -1).astype(np.int64)
    labels = digits.target
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(labels))
    test, train = order[:400], order[400:]
    reference = None
    if capacity_trials > 0:
        reference = capacity(model, 64 + 10 * repeats, capacity_trials, seed=seed, **params).capacity
    rows = []
    for k in memories_per_class:
        chosen = np.concatenate([train[labels[train] == c][:k] for c in range(10)])
        codes = -np.ones((len(chosen), 10 * repeats), dtype=np.int64)
        for row, c in enumerate(labels[chosen]):
            codes[row, [c + 10 * r for r in range(repeats)]] = 1
        memory = make_model(model, **params).fit(np.hstack([images[chosen], codes]))
        correct = 0
        for i in test:
            x = np.concatenate([images[i], -np.ones(10 * repeats, dtype=np.int64)])
            fields = memory.aligned_fields(x)[64:]
            pull = -fields.reshape(repeats, 10).sum(axis=0)           # how much each label wants to switch on
            correct += int(np.argmax(pull) == labels[i])
        rows.append({"model": model, "memories_per_class": k, "memories": int(len(chosen)),
                     "stored_fraction": float(memory.stored().mean()), "accuracy": correct / len(test),
                     "relative_to_capacity": None if not reference else round(len(chosen) / reference, 3)})
    return rows


def betti_numbers(simplices: dict[int, np.ndarray], N: int) -> list[int]:
    """Betti numbers (over Z/2) of the simplicial complex generated by the connection simplices on ``N`` vertices
    (gudhi's simplex tree inserts every face).

    Parameters
    ----------
    simplices
        The connection simplices by dimension.
    N
        Number of vertices.

    Returns
    -------
    list of int
        The Betti numbers.
    """
    import gudhi

    tree = gudhi.SimplexTree()
    for v in range(N):
        tree.insert([v])
    for group in simplices.values():
        for s in group:
            tree.insert(list(map(int, s)))
    tree.compute_persistence(homology_coeff_field=2, persistence_dim_max=True)
    return list(tree.betti_numbers())


def topology(N: int, triangle_shares: Sequence[float] = (0.0, 0.25, 0.5, 0.75, 1.0), trials: int = 20,
             seed: int = 0) -> list[dict[str, Any]]:
    """Simplicial Hopfield networks with ``C(N, 2)`` weights split between edges and triangles (share of triangles
    given): Betti numbers of the complex of connections against the measured capacity.

    Parameters
    ----------
    N
        Number of units.
    triangle_shares
        The shares of the weights on triangles to try.
    trials
        Trials per share.
    seed
        The seed of the run.

    Returns
    -------
    list of dict
        One row per share.

    Raises
    ------
    InvalidInput
        For fewer than 3 units.
    """
    from itertools import combinations
    from math import comb

    if N < 3:
        raise InvalidInput("the topology experiment needs at least 3 units (triangles)")
    check_setting(N, 1, trials)
    check_numbers(triangle_shares, "--triangle-shares", minimum=0, maximum=1)
    rows = []
    rng = np.random.default_rng(seed)
    budget = comb(N, 2)
    all_edges = np.array(list(combinations(range(N), 2)))
    all_triangles = np.array(list(combinations(range(N), 3)))
    for share in triangle_shares:
        triangles = min(len(all_triangles), int(round(share * budget)))
        groups = {2: all_edges[rng.choice(len(all_edges), size=budget - triangles, replace=False)],
                  3: all_triangles[rng.choice(len(all_triangles), size=triangles, replace=False)]}
        groups = {k: v for k, v in groups.items() if len(v)}
        betti = betti_numbers(groups, N)
        cap = capacity("simplicial", N, trials, seed=seed, simplices=groups).capacity
        rows.append({"nodes": N, "triangle_share": share, "edges": len(groups.get(2, [])),
                     "triangles": len(groups.get(3, [])), "betti": betti, "capacity": cap})
    return rows


def pattern_persistence(points: np.ndarray, max_dimension: int = 1) -> dict[str, Any]:
    """Persistent homology (gudhi Vietoris-Rips on Hamming distances) of a set of binary states: the number of bars
    per dimension and the longest finite bar in each.

    Parameters
    ----------
    points
        Binary states, one per row.
    max_dimension
        The largest homology dimension.

    Returns
    -------
    dict
        The bars per dimension and the longest finite bar in each.
    """
    import gudhi

    X = np.asarray(points)
    distance = (X[:, None, :] != X[None, :, :]).sum(axis=2).astype(float)
    rips = gudhi.RipsComplex(distance_matrix=distance.tolist(), max_edge_length=float(X.shape[1]))
    tree = rips.create_simplex_tree(max_dimension=max_dimension + 1)
    diagram = tree.persistence()
    out: dict[str, Any] = {}
    for dim in range(max_dimension + 1):
        bars = [(b, d) for k, (b, d) in diagram if k == dim]
        finite = [d - b for b, d in bars if d != float("inf")]
        out[f"H{dim}"] = {"bars": len(bars), "longest_finite": max(finite) if finite else 0.0}
    return out


def attractor_topology(model: str, N: int, M: int, cues: int = 60, flip_fraction: float = 0.2, seed: int = 0,
                       **params: Any) -> dict[str, Any]:
    """Persistent homology of the stored patterns and of the attractors reached from noisy cues.

    Parameters
    ----------
    model
        The memory model's name.
    N
        Number of units.
    M
        Number of stored patterns.
    cues
        Noisy cues.
    flip_fraction
        The fraction of bits flipped in each cue.
    seed
        The seed of the run.
    **params
        Passed to the model.

    Returns
    -------
    dict
        The persistence of the patterns and of the attractors.
    """
    rng = np.random.default_rng(seed)
    X = trial_patterns(N, M, 0, seed)
    memory = make_model(model, **params).fit(X)
    ends = []
    for c in range(cues):
        cue = X[c % M].copy()
        cue[rng.choice(N, size=int(round(flip_fraction * N)), replace=False)] *= -1
        ends.append(memory.recall(cue, rng=rng))
    attractors = np.unique(np.array(ends), axis=0)
    return {"model": model, "nodes": N, "patterns": M, "stored_fraction": float(memory.stored().mean()),
            "patterns_persistence": pattern_persistence(X), "attractors": int(len(attractors)),
            "attractors_persistence": pattern_persistence(attractors)}


__all__ = ["correlated_patterns", "correlated", "forgetting", "digits_task", "betti_numbers", "topology",
           "pattern_persistence", "attractor_topology", "capacity"]
