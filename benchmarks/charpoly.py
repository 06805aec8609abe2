"""Characteristic polynomials (issue 3, item 2): flat orbits vs. the full intersection lattice, same run.

    python benchmarks/charpoly.py [--sage-python PY] [--full]      # --full adds R_7 and the threshold n = 7

Rows run `weightspace charpoly threshold|resonance --inputs N --json` in fresh processes; the baseline is the same
command with `--method lattice` (no symmetry) where it finishes, and SageMath's characteristic_polynomial() for
the threshold arrangement when a Sage interpreter is given.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from core import sage  # noqa: E402


def run(args: list[str]) -> tuple[float, dict]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "weightspace.cli", "charpoly", *args, "--json"], capture_output=True,
                         text=True, check=True).stdout
    return time.perf_counter() - start, json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sage-python")
    parser.add_argument("--full", action="store_true")
    args = parser.parse_args()
    print(f"{'arrangement':<14} {'chambers':>14} {'orbits':>7} {'seconds':>8}  baseline (same run)")
    cases = [("threshold", n) for n in (4, 5, 6)] + [("resonance", n) for n in (4, 5, 6)]
    if args.full:
        cases += [("resonance", 7), ("threshold", 7)]
    for kind, n in cases:
        seconds, payload = run([kind, "--inputs", str(n)])
        notes = []
        if n <= 5:
            base, lattice = run([kind, "--inputs", str(n), "--method", "lattice"])
            assert lattice["coefficients"] == payload["coefficients"]
            notes.append(f"lattice {base:.2f} s ({base / seconds:.1f}x)")
            if args.sage_python and kind == "threshold":
                t, value = sage(args.sage_python, n, "charpoly", 600)
                notes.append(f"Sage {t:.2f} s ({t / seconds:.0f}x)")
        print(f"{kind + ' ' + str(n):<14} {payload['chambers']:>14} {payload['orbits']:>7} {seconds:>7.2f}s  "
              + "; ".join(notes))


if __name__ == "__main__":
    main()
