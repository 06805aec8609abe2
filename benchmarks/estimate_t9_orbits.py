"""The cost of T(9) by flat orbits (issue 35): run the first ranks, then time a random sample of the next rank.

    python3 benchmarks/estimate_t9_orbits.py --checkpoint /tmp/t9.json --ranks 7 --sample 300
    python3 benchmarks/estimate_t9_orbits.py --checkpoint /tmp/t9.json --ranks 7 --dask-fraction 0.01 --workers 2

Phase 1 runs the symmetric characteristic polynomial of the threshold arrangement of 9 inputs (orbit keys by
nauty) with a per-rank checkpoint until the checkpoint holds the representatives of rank ``--ranks`` (a rerun
resumes there; about 20 minutes on one core for rank 7), printing the orbits and seconds per rank. Phase 2 copies
the checkpoint with that rank's representatives replaced by a random sample of ``--sample`` of them, processes the
sample (one rank's work, the same code) and prints the time per representative and its extrapolation to the whole
rank. What is timed: the computation only, one core. With ``--dask-fraction F`` phase 2 instead runs a random
fraction ``F`` of the rank as the sharded route does (`weightspace.arrangement.orbit_shards`): shards of 200
representatives on a Dask LocalCluster of ``--workers`` processes, timed end to end (cluster start excluded), and
the orbits met are summed by their exact keys as the driver would.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from weightspace import library
from weightspace.arrangement.graph_symmetry import GraphSymmetry
from weightspace.arrangement.symmetric import symmetric_characteristic_polynomial


class _Stop(Exception):
    pass


def run_ranks(checkpoint: Path, ranks: int, n: int) -> None:
    """Phase 1: process ranks until the checkpoint holds rank ``ranks`` (stopped in the next rank's first
    progress report, after the save)."""
    first = json.loads(checkpoint.read_text())["rank"] if checkpoint.exists() else 0
    if first >= ranks:
        return
    start, finished = time.perf_counter(), [first]

    def report(done: int, total: int) -> None:
        if finished[0] >= ranks:
            raise _Stop
        if done == total:
            finished[0] += 1
            print(f"  rank {finished[0] - 1}: {total} representatives done at {time.perf_counter() - start:.1f} s",
                  flush=True)

    try:
        symmetric_characteristic_polynomial(library.threshold(n), GraphSymmetry.cube(n), report, checkpoint)
    except _Stop:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--checkpoint", required=True, type=Path)
    parser.add_argument("--ranks", type=int, default=7)
    parser.add_argument("--sample", type=int, default=300)
    parser.add_argument("--inputs", type=int, default=9)
    parser.add_argument("--dask-fraction", type=float, default=None)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    run_ranks(args.checkpoint, args.ranks, args.inputs)
    state = json.loads(args.checkpoint.read_text())
    level = state["level"]
    print(f"rank {state['rank']}: {len(level)} orbit representatives; {state['orbits']} orbits so far")
    random.seed(0)
    if args.dask_fraction:
        dask_shard(state, level, args)
        return
    state["level"] = random.sample(level, min(args.sample, len(level)))
    shard = args.checkpoint.with_suffix(".sample.json")
    shard.write_text(json.dumps(state))
    symmetry = GraphSymmetry.cube(args.inputs)

    def stop(done: int, total: int) -> None:
        if done == total:
            raise _Stop

    start = time.perf_counter()
    try:
        symmetric_characteristic_polynomial(library.threshold(args.inputs), symmetry, stop, shard)
    except _Stop:
        pass
    seconds = time.perf_counter() - start
    k = len(state["level"])
    print(f"{k} sampled representatives in {seconds:.1f} s: {seconds / k * 1000:.1f} ms each; the whole rank "
          f"{seconds / k * len(level) / 3600:.2f} core-hours")


def dask_shard(state: dict, level: list, args) -> None:
    """Phase 2 on Dask: a fraction of the rank, sharded as the sharded route shards it."""
    from weightspace.arrangement.orbit_shards import cover_shard
    from weightspace.arrangement.symmetric import start_ranks
    from weightspace.parallel import Executor
    A = library.threshold(args.inputs)
    symmetry = GraphSymmetry.cube(args.inputs)
    name = start_ranks(A, symmetry.order, None)[0].key          # the workers' set-up key, as the sharded route's
    sample = random.sample(level, max(1, round(args.dask_fraction * len(level))))
    reps = [{key: r[key] for key in ("mask", "size", "mu", "basis")} for r in sample]
    normals = [list(row) for row in A.normals]
    tasks = [(name, normals, symmetry.spec, reps[i:i + 200]) for i in range(0, len(reps), 200)]
    pool = Executor("dask", args.workers, None)
    try:
        start = time.perf_counter()
        found: dict = {}
        for _, part in pool.map_function(cover_shard, tasks):
            for key, entry in part.items():
                found.setdefault(key, entry)
        seconds = time.perf_counter() - start
    finally:
        pool.close()
    k = len(reps)
    print(f"{k} of {len(level)} rank-{state['rank']} representatives ({args.dask_fraction:.0%}) in {len(tasks)} "
          f"shards on a Dask LocalCluster of {args.workers} workers: {seconds:.1f} s wall, {len(found)} distinct "
          f"orbits of the next rank met; the whole rank {seconds * args.workers / k * len(level) / 3600:.2f} "
          f"core-hours ({seconds / k * len(level) / 3600:.2f} h on {args.workers} workers)")


if __name__ == "__main__":
    main()
