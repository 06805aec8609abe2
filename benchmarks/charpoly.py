"""Characteristic polynomials with symmetry (issues 3 and 35): flat orbits by nauty against the earlier routes.

    python benchmarks/charpoly.py [--sage-python PY] [--full]

Each row runs `weightspace charpoly threshold|resonance --inputs N --json` in a fresh process (end to end: start-up,
imports, the computation) and reports the in-process computation time the command prints. Baselines, in the same
run and in this process (computation only):
- `group`: the same orbit algorithm with the group enumerated element by element (the route before issue 35:
  `CubeSymmetry` for the cube, the permutation table of S_(n+1) for R_n); up to n = 6, and R_7 with --full
  (about 35 s; the cube's n = 7 took 468 s and is not rerun);
- `lattice`: the whole intersection lattice, no symmetry (n <= 5);
- SageMath's characteristic_polynomial() for the threshold arrangement (n <= 5) when --sage-python is given.
CountingChambers.jl (Julia/OSCAR) is not installable here; its R_7 figure is the published one, quoted in
BENCHMARKS.md, not rerun.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from core import sage  # noqa: E402

from weightspace import library  # noqa: E402
from weightspace.arch.threshold import CubeSymmetry  # noqa: E402
from weightspace.arrangement.symmetric import symmetric_characteristic_polynomial  # noqa: E402


def run(args: list[str]) -> tuple[float, dict]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "weightspace.cli", "charpoly", *args, "--json"], capture_output=True,
                         text=True, check=True).stdout
    return time.perf_counter() - start, json.loads(out)


def group_route(kind: str, n: int) -> tuple[float, list[int]]:
    A = library.threshold(n) if kind == "threshold" else library.resonance(n)
    group = CubeSymmetry(n) if kind == "threshold" else library.resonance_group(n)
    start = time.perf_counter()
    chi, _ = symmetric_characteristic_polynomial(A, group)
    return time.perf_counter() - start, list(chi.coefficients)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sage-python")
    parser.add_argument("--full", action="store_true", help="also the group route on R_7 (about 35 s)")
    args = parser.parse_args()
    print(f"{'arrangement':<14} {'chambers':>14} {'orbits':>7} {'end to end':>10} {'computation':>11}  "
          "baselines (same run, computation only)")
    cases = [("threshold", n) for n in (4, 5, 6, 7)] + [("resonance", n) for n in (4, 5, 6, 7)]
    for kind, n in cases:
        seconds, payload = run([kind, "--inputs", str(n)])
        notes = []
        if n <= 6 or (args.full and kind == "resonance"):
            base, coefficients = group_route(kind, n)
            assert coefficients == payload["coefficients"]
            notes.append(f"group {base:.2f} s ({base / payload['seconds']:.1f}x)")
        if n <= 5:
            base, lattice = run([kind, "--inputs", str(n), "--method", "lattice"])
            assert lattice["coefficients"] == payload["coefficients"]
            notes.append(f"lattice {lattice['seconds']:.2f} s ({lattice['seconds'] / payload['seconds']:.1f}x)")
            if args.sage_python and kind == "threshold":
                t, value = sage(args.sage_python, n, "charpoly", 600)
                notes.append(f"Sage {t:.2f} s ({t / payload['seconds']:.0f}x)")
        print(f"{kind + ' ' + str(n):<14} {payload['chambers']:>14} {payload['orbits']:>7} {seconds:>9.2f}s "
              f"{payload['seconds']:>10.2f}s  " + "; ".join(notes), flush=True)


if __name__ == "__main__":
    main()
