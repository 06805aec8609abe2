"""Two-step maps of decoupled Hopfield networks (issue 4): streamed product, exact square-root counts, estimate.

    python benchmarks/two_step.py [--samples 300] [--slow-tests]

Each line compares the weightspace route with the plain one on the same input in the same run:

* counting two-step maps of the 3-node free network: streamed product (blocks of the per-unit product) vs.
  composing the materialised chamber list (one_step_chambers);
* the number of square roots r(G) of a two-step map: the forcing search of RootCounter vs. composing every one of
  the 104^3 one-step maps and comparing (3 nodes; at 4 nodes the plain route would compose 1882^4 ~ 1.25e13 maps
  per G);
* distinct keys: sort-based ``distinct`` vs. numpy's ``np.unique`` on 2e7 random 64-bit keys;
* one asynchronous sweep in any order (3 free nodes, 2 sweeps): order 1..n composed once plus its relabelled
  conjugates vs. composing all n! orders.

* the one-step chambers of the 3-node symmetric network: thresholds eliminated (arch.elimination) vs.
  deletion-restriction in the full parameter space; then the 4-node symmetric zero-diagonal chambers by
  elimination alone (checked against Zaslavsky).

``--slow-tests`` also runs the slow-marked tests that compose all 104^4 one-step chambers of the 4-node
zero-diagonal network (about 2 minutes per step count) and the 6,732,428 chambers of the 4-node symmetric
zero-diagonal network (about 75 s).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

import numpy as np

from weightspace.arch.hopfield import eliminated_chambers
from weightspace.arch.hopfield import HopfieldNetwork
from weightspace.arch.hopfield import product_chambers
from weightspace.arch.hopfield import (count_dynamics, distinct, map_keys, one_step_chambers, realized_keys,
                                        sync_power)
from weightspace.arch.hopfield import RootCounter
from weightspace.arrangement import chamber_complex


def timed(function):
    start = time.perf_counter()
    value = function()
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--samples", type=int, default=300, help="two-step maps whose roots are counted")
    parser.add_argument("--slow-tests", action="store_true")
    args = parser.parse_args()

    streamed = product_chambers(3)
    (a, ta) = timed(lambda: count_dynamics(3, 2, chambers=streamed).maps)
    (b, tb) = timed(lambda: count_dynamics(3, 2, chambers=one_step_chambers(3)).maps)
    assert a == b
    print(f"two-step maps, 3 free nodes ({a}): streamed {ta:.2f} s, materialised chambers {tb:.2f} s, "
          f"ratio {tb / ta:.1f}x")

    rng = np.random.default_rng(0)
    all_maps = np.concatenate([maps for _, maps in streamed.blocks()])
    squares = sync_power(all_maps, 2)
    square_keys = map_keys(squares, 3)
    chosen = squares[rng.integers(0, len(squares), args.samples)]
    counter = RootCounter(streamed)
    (fast, tf) = timed(lambda: [counter.count(G.tolist()) for G in chosen])
    (plain, tp) = timed(lambda: [int((square_keys == k).sum()) for k in map_keys(chosen, 3)])
    assert fast == plain
    print(f"square roots of {args.samples} two-step maps (3 free nodes): search {1e3 * tf / args.samples:.3f} ms/map, "
          f"compose-all {1e3 * tp / args.samples:.3f} ms/map, ratio {tp / tf:.1f}x")

    four = RootCounter(product_chambers(4))
    maps = four.chambers.maps_of(rng.integers(0, four.chambers.per_unit, size=(args.samples, 4)))
    (roots, t4) = timed(lambda: [four.count(G.tolist()) for G in sync_power(maps, 2)])
    print(f"square roots at 4 free nodes: {1e3 * t4 / args.samples:.1f} ms/map (mean 1/r = "
          f"{np.mean([1 / r for r in roots]):.4f}); compose-all would scan 1882^4 = {1882 ** 4:.3g} maps per map")

    keys = rng.integers(0, 2 ** 63, 20_000_000).astype(np.uint64)
    (u1, t1) = timed(lambda: distinct(keys))
    (u2, t2) = timed(lambda: np.unique(keys))
    assert np.array_equal(u1, u2)
    print(f"distinct 2e7 keys: sort-based {t1:.2f} s, np.unique {t2:.2f} s, ratio {t2 / t1:.1f}x")

    chambers = one_step_chambers(3)
    (sym, ts) = timed(lambda: realized_keys(chambers, 2, "async", None))
    (every, te) = timed(lambda: realized_keys(chambers, 2, "async", None, symmetry=False))
    assert np.array_equal(sym, every)
    print(f"two sweeps in any order, 3 free nodes ({len(sym)} maps): relabelled conjugates {ts:.2f} s, "
          f"composing all 6 orders {te:.2f} s, ratio {te / ts:.1f}x")

    network = HopfieldNetwork(3, "symmetric")
    (eliminated, tx) = timed(lambda: eliminated_chambers(network))
    (direct, td) = timed(lambda: chamber_complex(network.arrangement()))
    assert len(eliminated) == len(direct) == eliminated.zaslavsky
    print(f"one-step chambers, 3 symmetric nodes ({len(direct)}): thresholds eliminated {tx:.2f} s, "
          f"deletion-restriction in the full space {td:.2f} s, ratio {td / tx:.1f}x")
    (four, t4) = timed(lambda: eliminated_chambers(HopfieldNetwork(4, "symmetric-zero-diagonal")))
    assert len(four) == four.zaslavsky
    print(f"one-step chambers, 4 symmetric zero-diagonal nodes ({len(four)} = Zaslavsky): thresholds eliminated "
          f"{t4:.1f} s (deletion-restriction in R^10 is beyond its 3e6-chamber limit)")

    if args.slow_tests:
        sys.exit(subprocess.call([sys.executable, "-m", "pytest", "-q", "-m", "slow", "-p", "no:cacheprovider",
                                  "tests/arch/test_roots.py", "tests/arch/test_elimination.py"]))


if __name__ == "__main__":
    main()
