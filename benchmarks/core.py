"""Core benchmark (issue 2): threshold arrangement counts, against baselines measured in the same run.

    python benchmarks/core.py                       # weightspace vs. weightspace's own brute-force LP route
    python benchmarks/core.py --sage-python PY      # also SageMath (passagemath) run by interpreter PY
    python benchmarks/core.py --slow                # also run the slow-marked tests (n = 4 brute force by LP)

Each row times a real CLI command (a fresh process, as a user runs it) and prints ratios against the baseline
on the same size. Nothing here is part of the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

SAGE_SCRIPT = r"""
import sys, time
import sage.all__sagemath_polyhedra
from sage.rings.rational_field import QQ
from sage.geometry.hyperplane_arrangement.arrangement import HyperplaneArrangements
n = int(sys.argv[1]); what = sys.argv[2]
names = tuple('w%d' % i for i in range(n)) + ('b',)
H = HyperplaneArrangements(QQ, names)
g = H.gens()
hyperplanes = []
for code in range(2 ** n):
    h = g[n]
    for i in range(n):
        if (code >> i) & 1:
            h = h + g[i]
    hyperplanes.append(h)
A = H(hyperplanes)
t = time.perf_counter()
value = A.n_regions() if what == 'count' else list(A.characteristic_polynomial())
print(time.perf_counter() - t, value)
"""


def timed(command: list[str]) -> tuple[float, dict]:
    start = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - start, json.loads(out)


def sage(python: str, n: int, what: str, timeout: float) -> tuple[float, str]:
    start = time.perf_counter()
    try:
        out = subprocess.run([python, "-c", SAGE_SCRIPT, str(n), what], capture_output=True, text=True,
                             check=True, timeout=timeout).stdout.split(maxsplit=1)
    except subprocess.TimeoutExpired:
        return float("inf"), f"> {timeout:.0f} s (stopped)"
    return time.perf_counter() - start, out[1].strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sage-python", help="python interpreter with passagemath installed (baseline)")
    parser.add_argument("--sage-timeout", type=float, default=900.0)
    parser.add_argument("--slow", action="store_true", help="also run pytest -m slow")
    args = parser.parse_args()
    ws = [sys.executable, "-m", "weightspace.cli"]
    rows = []
    for n in (3, 4, 5):
        t_enum, enum = timed(ws + ["count", "threshold", "--inputs", str(n), "--json"])
        t_chi, chi = timed(ws + ["charpoly", "threshold", "--inputs", str(n), "--json"])
        assert enum["chambers"] == chi["chambers"]
        row = {"n": n, "chambers": enum["chambers"], "enumeration_s": t_enum, "charpoly_s": t_chi}
        if n <= 3:
            t_lp, lp = timed(ws + ["count", "threshold", "--inputs", str(n), "--method", "lp", "--json"])
            assert lp["chambers"] == enum["chambers"]
            row["lp_baseline_s"] = t_lp
        if args.sage_python:
            t_sage, value = sage(args.sage_python, n, "count", args.sage_timeout)
            row["sage_n_regions_s"], row["sage_value"] = t_sage, value
            t_sage_chi, value_chi = sage(args.sage_python, n, "charpoly", args.sage_timeout)
            row["sage_charpoly_s"], row["sage_charpoly"] = t_sage_chi, value_chi
        rows.append(row)
    print(f"{'n':>2} {'chambers':>9} {'enumerate':>10} {'charpoly':>9}  baseline (same run)")
    for row in rows:
        notes = []
        if "lp_baseline_s" in row:
            notes.append(f"brute-force LP {row['lp_baseline_s']:.2f} s = {row['lp_baseline_s'] / row['enumeration_s']:.1f}x "
                         f"the enumeration")
        if "sage_n_regions_s" in row:
            notes.append(f"Sage n_regions {row['sage_n_regions_s']:.2f} s = "
                         f"{row['sage_n_regions_s'] / row['enumeration_s']:.1f}x; Sage charpoly "
                         f"{row['sage_charpoly_s']:.2f} s = {row['sage_charpoly_s'] / row['charpoly_s']:.1f}x "
                         f"(Sage says {row['sage_value']})")
        print(f"{row['n']:>2} {row['chambers']:>9} {row['enumeration_s']:>9.2f}s {row['charpoly_s']:>8.2f}s  "
              + "; ".join(notes))
    if args.slow:
        subprocess.run([sys.executable, "-m", "pytest", "-m", "slow", "-q"], check=True)


if __name__ == "__main__":
    main()
