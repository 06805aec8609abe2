"""Capacity and recall of the clique memories of Hillar and Tran (2018), measured as for the other models.

The model is [`CliqueHopfield`][weightspace.arch.memory.cliques.CliqueHopfield]. Its memories are the ``k``-cliques of
``K_V`` (``k = floor(V/2)``), not random patterns. Its **capacity** is therefore the number of those cliques that are
exact fixed points. For the explicit three-parameter network it is decided in two ways: by the signs of the three
clique fields, and by checking every clique (up to 20,000 of them). For a network learned by MPF from ``train``
cliques every clique is checked. **Recall** is as in
[`recall_quality`][weightspace.memory.capacity.recall_quality]: a stored clique with a fraction of its ``N`` bits
flipped, asynchronous sweeps, and the fraction brought back exactly.

What we check of the paper (our reading of its claims; the figures' exact values are not reproduced): (1) all
``C(2k, k)`` cliques of size ``k`` are stored by one network on ``N = C(2k, 2)`` units, which is exponential in
``sqrt(N)``, against ``N / (2 ln N)`` random patterns for the Hebbian network; (2) MPF on a small number of cliques
yields a network that stores all of them; (3) noisy cliques are restored, with a worst-case radius that is certified
and a random-noise curve that is measured.

Examples
--------
>>> row = clique_capacity_row(28, trials=2, seed=0)
>>> row["capacity"], row["theory_capacity"], row["certified_radius"]
(70, 70, 1)
"""

from __future__ import annotations

import math
from math import comb
from typing import Any, Sequence

import numpy as np

from ..errors import InvalidInput
from ..validation import check_number, check_numbers
from ..arch.memory.cliques import CliqueHopfield, clique_patterns, vertices_of

CHECK_ALL = 20_000


def _flip(pattern: np.ndarray, fraction: float, rng: np.random.Generator) -> np.ndarray:
    cue = pattern.copy()
    cue[rng.choice(len(cue), size=int(round(fraction * len(cue))), replace=False)] *= -1
    return cue


def clique_recall(net: CliqueHopfield, flip_fraction: float, cues: int = 20, seed: int = 0) -> float:
    """Fraction of noisy cliques (random cliques of the network's size with ``flip_fraction`` of the bits flipped)
    that asynchronous sweeps restore exactly.

    Parameters
    ----------
    net
        A fitted clique network.
    flip_fraction
        The flipped fraction of the ``N`` bits.
    cues
        Number of cues.
    seed
        The seed.

    Returns
    -------
    float
        The fraction restored.

    Raises
    ------
    InvalidInput
        For a fraction outside ``[0, 1]`` or no cue.
    """
    check_number(flip_fraction, "the flipped fraction", minimum=0, maximum=1)
    check_number(cues, "cues", minimum=1, integer=True)
    rng = np.random.default_rng([seed, 11])
    targets = clique_patterns(net.vertices_, net.clique_size_, count=min(cues, comb(net.vertices_, net.clique_size_)),
                              seed=seed + 1)
    hits = 0
    for t in range(cues):
        target = targets[t % len(targets)]
        hits += int((net.recall(_flip(target, flip_fraction, rng), rng=rng) == target).all())
    return hits / cues


def clique_capacity_row(N: int, learning: str = "explicit", train: int = 10, trials: int = 20,
                        recall_flips: float = 0.05, seed: int = 0) -> dict[str, Any]:
    """One capacity row of the clique memory on ``N = C(V, 2)`` units.

    Parameters
    ----------
    N
        Number of units (a ``C(V, 2)``).
    learning
        ``explicit`` (the three-parameter network) or ``mpf`` (learned from ``train`` random cliques).
    train
        Training cliques for ``mpf``.
    trials
        Noisy cues for the recall column.
    recall_flips
        Flipped fraction of each cue.
    seed
        The seed.

    Returns
    -------
    dict
        ``capacity`` (stored cliques), ``theory_capacity`` (all cliques, ``C(V, k)``), ``theory``, ``checked``
        (how the count was decided), ``certified_radius`` (explicit), ``recall``, ``hebbian_theory`` (``N / (2 ln
        N)`` random patterns, the classical model's number for its own pattern class), and the sizes.

    Raises
    ------
    InvalidInput
        For ``N`` not of the form ``C(V, 2)`` or bad settings.
    """
    V = vertices_of(N)
    k = V // 2
    check_number(train, "--train", minimum=1, integer=True)
    total = comb(V, k)
    training = clique_patterns(V, k, count=min(train, total) if learning == "mpf" else 1, seed=seed)
    net = CliqueHopfield(V, learning).fit(training)
    row: dict[str, Any] = {"model": "hillar-tran", "learning": learning, "nodes": N, "vertices": V, "clique_size": k,
                           "theory_capacity": total, "theory": "C(V, floor(V/2)): every clique of half the vertices "
                                                               "(Hillar and Tran 2018)",
                           "hebbian_theory": N / (2 * math.log(N))}
    if learning == "explicit":
        row["certified_radius"] = net.certified_radius()
        row["capacity"] = total if net.stores_all_cliques() else 0
        row["checked"] = "signs of the three clique fields"
    if total <= CHECK_ALL:
        stored = int((net.aligned_fields(clique_patterns(V, k)) > 0).all(axis=1).sum())
        if learning == "explicit" and stored != row["capacity"]:        # pragma: no cover - two routes disagree
            raise AssertionError(f"clique count {stored} against the field signs {row['capacity']}")
        row["capacity"] = stored
        row["checked"] = row["checked"] + " and every clique" if learning == "explicit" else "every clique"
    elif learning == "mpf":
        sample = clique_patterns(V, k, count=CHECK_ALL, seed=seed + 2)
        row["capacity"] = round(total * float((net.aligned_fields(sample) > 0).all(axis=1).mean()))
        row["checked"] = f"{CHECK_ALL} random cliques (estimate)"
    if learning == "mpf":
        row["train"] = len(training)
    row["recall"] = clique_recall(net, recall_flips, trials, seed)
    row["recall_flips"] = recall_flips
    return row


def clique_noise_curve(V: int, flip_fractions: Sequence[float], cues: int = 50, seed: int = 0) -> list[dict]:
    """Recall of the explicit clique network against the flipped fraction (the robustness curve).

    Parameters
    ----------
    V
        Number of vertices.
    flip_fractions
        The flipped fractions.
    cues
        Cues per fraction.
    seed
        The seed.

    Returns
    -------
    list of dict
        ``{"flip_fraction", "flipped_edges", "recall"}`` rows.

    Raises
    ------
    InvalidInput
        For fractions outside ``[0, 1]``.
    """
    check_numbers(flip_fractions, "--flips", minimum=0, maximum=1)
    net = CliqueHopfield(V).fit(clique_patterns(V, V // 2, count=1, seed=seed))
    N = comb(V, 2)
    return [{"flip_fraction": p, "flipped_edges": int(round(p * N)), "recall": clique_recall(net, p, cues, seed)}
            for p in flip_fractions]


__all__ = ["clique_recall", "clique_capacity_row", "clique_noise_curve"]
