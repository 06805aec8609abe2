"""Memories in depth (issue 39), in one run: the fast routes against the obvious ones, and the capacity comparisons
with their units.

    python3 benchmarks/memory_depth.py

1. Whether a clique network stores every clique: the signs of the three clique fields (constant time) against
   checking every one of the ``C(V, V/2)`` cliques (same answer asserted).
2. Recall of noisy cliques: the clique network's incremental update (one row of ``W`` per flip) against the generic
   asynchronous update of ``AssociativeMemory`` (all fields recomputed after each flip), on the same cues with the
   same random order (same end states asserted).
3. Capacities at equal ``N`` with the criterion of ``memory capacity`` (each pattern an exact fixed point, mean over
   trials >= 0.95): the Energy Transformer (one token) against the rectified memory of degree 2, whose energy
   ``-sum ReLU(xi . x)^2`` is its Hopfield module without the layer norm and the continuous flow; and the clique
   memory's stored cliques against the Hebbian theory ``N / (2 ln N)``. That last pair compares *different pattern
   classes* (cliques against random patterns) and is printed for scale only.
"""

from __future__ import annotations

import math
import time
from math import comb

import numpy as np

from weightspace.arch.memory.base import AssociativeMemory
from weightspace.arch.memory.cliques import CliqueHopfield, clique_patterns
from weightspace.memory.capacity import capacity


def _flip(p: np.ndarray, k: int, rng: np.random.Generator) -> np.ndarray:
    q = p.copy()
    q[rng.choice(len(q), size=k, replace=False)] *= -1
    return q


def main() -> None:
    print("1. storage decided by the three field signs vs by every clique")
    print(f"{'V':>4}{'cliques':>9}{'signs s':>11}{'every s':>11}{'ratio':>9}")
    for V in (8, 10, 12, 14, 16):
        net = CliqueHopfield(V).fit(clique_patterns(V, V // 2, count=1))
        t = time.perf_counter()
        fast = net.stores_all_cliques()
        t_fast = time.perf_counter() - t
        t = time.perf_counter()
        slow = bool((net.aligned_fields(clique_patterns(V, V // 2)) > 0).all())
        t_slow = time.perf_counter() - t
        assert fast == slow
        print(f"{V:>4}{comb(V, V // 2):>9}{t_fast:>11.2e}{t_slow:>11.2e}{t_slow / t_fast:>9.0f}")
    print("2. recall: incremental clique update vs the generic asynchronous update (same cues, same order)")
    print(f"{'V':>4}{'cues':>6}{'incremental s':>15}{'generic s':>11}{'ratio':>8}")
    for V in (12, 16):
        net = CliqueHopfield(V).fit(clique_patterns(V, V // 2, count=1))
        cues = [_flip(p, comb(V, 2) // 20, np.random.default_rng(i)) for i, p in
                enumerate(clique_patterns(V, V // 2, count=20, seed=1))]
        t = time.perf_counter()
        fast = [net.update(c, rng=np.random.default_rng(7))[0] for c in cues]
        t_fast = time.perf_counter() - t
        t = time.perf_counter()
        slow = [AssociativeMemory.update(net, c, rng=np.random.default_rng(7))[0] for c in cues]
        t_slow = time.perf_counter() - t
        assert all((a == b).all() for a, b in zip(fast, slow))
        print(f"{V:>4}{len(cues):>6}{t_fast:>15.3f}{t_slow:>11.3f}{t_slow / t_fast:>8.1f}")
    print("3. capacity at equal N (each pattern an exact fixed point, 20 trials)")
    print(f"{'N':>5}{'ET':>6}{'rectified a=2':>15}{'ET/rect':>9}")
    for N in (16, 32, 64):
        et = capacity("energy-transformer", N, trials=20).capacity
        rect = capacity("rectified", N, trials=20, degree=2).capacity
        print(f"{N:>5}{et:>6}{rect:>15}{et / rect:>9.2f}")
    print(f"{'N':>5}{'cliques stored':>16}{'N / (2 ln N)':>14}   (different pattern classes: scale only)")
    for V in (8, 12, 16):
        N = comb(V, 2)
        print(f"{N:>5}{comb(V, V // 2):>16}{N / (2 * math.log(N)):>14.1f}")


if __name__ == "__main__":
    main()
