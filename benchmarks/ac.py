"""The Andrews–Curtis Miller–Schupp benchmark (issue 20): greedy search (the paper's baseline, re-run here), the
cyclic search and options-her (goals only, and with 4 mined options) at equal node budgets, in one run, next to
the paper's counts.

    python3 benchmarks/ac.py [--max-nodes 10000] [--max-n 7] [--checkpoint DIR]

Every method runs on the same presentations (``MS(n, w)``, ``n <= max-n``, ``|w| <= 7``) with the paper's relator
cap ``2 max(2n+3, 8) + 2`` and the same budget per presentation: greedy in the paper's game (its twelve moves,
distinct presentations generated), the cyclic search and options-her in distinct classes up to cyclic permutation
generated. Ratios are solved counts and seconds relative to greedy; every path is replayed before it is counted.
With ``--checkpoint DIR`` finished runs are kept (one JSON-lines file per method) and a rerun resumes.
"""

from __future__ import annotations

import argparse
import os
import time

from weightspace.search.ac.benchmark import PAPER_BUDGET, PAPER_COUNTS, paper_cap, run_benchmark
from weightspace.search.ac.families import miller_schupp_benchmark

METHODS = {"greedy": ("greedy", 0), "cyclic": ("cyclic", 0), "options-her": ("options-her", 0),
           "options-her-mine4": ("options-her", 4)}      # name: (method, mined options)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-nodes", type=int, default=10_000)
    parser.add_argument("--max-n", type=int, default=7)
    parser.add_argument("--checkpoint", default=None, help="directory for one JSON-lines file per method")
    args = parser.parse_args()
    family = miller_schupp_benchmark(args.max_n, 7)
    items = [(p, paper_cap(p)) for _, _, p in family]
    rows = {}
    for method, (kind, mine) in METHODS.items():
        log = os.path.join(args.checkpoint, f"{method}-{args.max_nodes}.jsonl") if args.checkpoint else None
        if args.checkpoint:
            os.makedirs(args.checkpoint, exist_ok=True)
        begin = time.perf_counter()
        (row,) = run_benchmark(items, [kind], args.max_nodes, "ms", log, mine=mine).rows
        row["wall"] = time.perf_counter() - begin
        rows[method] = row
    base = rows["greedy"]
    print(f"Miller-Schupp n <= {args.max_n}, |w| <= 7: {len(items)} presentations, budget {args.max_nodes} each")
    print(f"{'method':<18} {'solved':>7} {'vs greedy':>10} {'seconds':>9} {'time ratio':>11}  unit")
    for method, row in rows.items():
        print(f"{method:<18} {row['solved']:>7} {row['solved'] / max(1, base['solved']):>9.2f}x "
              f"{row['seconds']:>9.1f} {row['seconds'] / max(1e-9, base['seconds']):>10.2f}x  {row['budget_unit']}")
    if args.max_n == 7:
        print(f"paper (Shehper et al. 2024), budget {PAPER_BUDGET}: "
              + ", ".join(f"{k} {v['solved']} ({v.get('budget', '')} {v['unit']})" for k, v in PAPER_COUNTS.items()))


if __name__ == "__main__":
    main()
