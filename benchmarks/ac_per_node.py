"""Andrews–Curtis, the cost of one node (issue 35): wall time per node of each search against greedy search, in
one run.

    python3 benchmarks/ac_per_node.py [--max-nodes 50000] [--every 40]

Every ``every``-th presentation of the Miller–Schupp benchmark (``n <= 7``, ``|w| <= 7``, the paper's relator cap,
the paper's twelve moves) is searched by greedy search (a node: one presentation generated), the cyclic search and
options-her without and with 4 mined options (a node: one class generated), each up to ``max-nodes`` nodes. The
columns are nodes, seconds and microseconds per node; the ratio is per node against greedy's. What is timed: the
searches only (one process, one core, imports and the family excluded); the memo of relator names is cleared
before each method, so no method inherits another's.
"""

from __future__ import annotations

import argparse
import time

from weightspace.search.ac import cyclic
from weightspace.search.ac.benchmark import paper_cap
from weightspace.search.ac.cyclic import cyclic_solve
from weightspace.search.ac.families import miller_schupp_benchmark
from weightspace.search.ac.moves import PAPER_MOVES
from weightspace.search.ac.options_her import options_her
from weightspace.search.ac.search import solve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-nodes", type=int, default=50_000)
    parser.add_argument("--every", type=int, default=40)
    args = parser.parse_args()
    items = [(p, paper_cap(p)) for _, _, p in miller_schupp_benchmark(7, 7)][::args.every]

    def greedy():
        return [solve(p, "greedy", args.max_nodes, cap, count="visited", moves=PAPER_MOVES) for p, cap in items]

    def cyclic_search():
        return [cyclic_solve(p, args.max_nodes, cap, moves=PAPER_MOVES) for p, cap in items]

    def her(mine):
        return lambda: options_her(items, args.max_nodes, moves=PAPER_MOVES, mine=mine).results

    rows = []
    for name, run in (("greedy", greedy), ("cyclic", cyclic_search), ("options-her", her(0)),
                      ("options-her, 4 mined", her(4))):
        if hasattr(cyclic, "clear_names"):          # the memo of relator names (absent before issue 35)
            cyclic.clear_names()
        start = time.perf_counter()
        results = run()
        seconds = time.perf_counter() - start
        nodes = sum(r.visited for r in results)
        rows.append((name, sum(r.solved for r in results), nodes, seconds, seconds / nodes * 1e6))
    base = rows[0][4]
    print(f"{len(items)} Miller-Schupp presentations, {args.max_nodes} nodes each, the paper's 12 moves")
    print(f"{'method':<22} {'solved':>6} {'nodes':>10} {'seconds':>8} {'us/node':>8} {'per node vs greedy':>19}")
    for name, solved, nodes, seconds, per in rows:
        print(f"{name:<22} {solved:>6} {nodes:>10} {seconds:>8.2f} {per:>8.2f} {per / base:>18.2f}x")


if __name__ == "__main__":
    main()
