"""Intersection lattice and f-vector (issue 14): this tree against an older tree, in one run.

    git worktree add /tmp/before a0c2c52
    python3 benchmarks/lattice.py --baseline /tmp/before/src

Each row runs the same in-process computation in a fresh interpreter on both trees (``PYTHONPATH`` set to each
``src``) and prints the seconds and the ratio baseline / current. The baseline f-vector enumerates every face (the
only route it has); the current one reads it off the lattice. Answers must agree.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

PETERSEN = "0-1,1-2,2-3,3-4,4-0,0-5,1-6,2-7,3-8,4-9,5-7,7-9,9-6,6-8,8-5"
SCRIPT = r"""
import json, sys, time
from weightspace import library
from weightspace.arrangement import characteristic_polynomial, intersection_lattice, faces
case, what = sys.argv[1], sys.argv[2]
if case.startswith("graphical"):
    from weightspace.arrangement import Arrangement
    edges = [tuple(map(int, e.split("-"))) for e in case.split(":")[1].split(",")]
    n = max(max(e) for e in edges) + 1
    rows = []
    for u, v in edges:
        row = [0] * n; row[u], row[v] = 1, -1; rows.append(row)
    A = Arrangement.from_rational(rows)
elif case.startswith("catalan"):
    from weightspace.arrangement import Arrangement
    from itertools import combinations
    n = int(case.split(":")[1]); rows, rhs = [], []
    for i, j in combinations(range(n), 2):
        for c in (-1, 0, 1):
            row = [0] * n; row[i], row[j] = 1, -1; rows.append(row); rhs.append(c)
    A = Arrangement.from_rational(rows, rhs)
else:
    A = library.threshold(int(case.split(":")[1]))
start = time.perf_counter()
if what == "charpoly":
    value = list(characteristic_polynomial(A).coefficients)
else:
    try:
        from weightspace.arrangement import f_vector_from_lattice
        value = f_vector_from_lattice(A)
    except ImportError:
        value = faces(A, limit=None).f_vector()
print(json.dumps([time.perf_counter() - start, value]))
"""
CASES = [("threshold:5", "charpoly"), ("graphical:" + PETERSEN, "charpoly"), ("catalan:5", "charpoly"),
         ("threshold:4", "f_vector"), ("catalan:4", "f_vector"), ("graphical:" + PETERSEN, "f_vector")]


def run(src: str, case: str, what: str) -> tuple[float, list]:
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", SCRIPT, case, what], env=env, capture_output=True, text=True,
                         check=True).stdout
    seconds, value = json.loads(out)
    return seconds, value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", required=True, help="src directory of the older tree")
    args = parser.parse_args()
    current = str(Path(__file__).resolve().parents[1] / "src")
    print(f"{'case':<22} {'what':<9} {'current':>9} {'baseline':>9} {'ratio':>7}")
    for case, what in CASES:
        now, value = run(current, case, what)
        before, old = run(args.baseline, case, what)
        if value != old:
            raise SystemExit(f"{case} {what}: {value} != {old}")
        label = "graphical:Petersen" if PETERSEN in case else case
        print(f"{label:<22} {what:<9} {now:>8.2f}s {before:>8.2f}s {before / now:>6.1f}x")


if __name__ == "__main__":
    main()
