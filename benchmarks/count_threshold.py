"""Counting benchmark (issue 3): T(n) by NP-class enumeration against baselines measured in the same run.

    python benchmarks/count_threshold.py                      # T(5), T(6), T(7); baseline: core enumeration
    python benchmarks/count_threshold.py --sage-python PY     # also SageMath n_regions where it can finish
    python benchmarks/count_threshold.py --full               # also T(8) (about 10 + 3 minutes on 2 cores)
    python benchmarks/count_threshold.py --slow-tests         # also run the slow-marked tests (n = 7 classes)
    python benchmarks/count_threshold.py --gate               # the regression gate: run before every change to the
                                                              # counting path; exits 1 when T(7) got 1.5x slower

The gate times T(7) by classes and, in the same run, a fixed baseline (T(5) by core chamber enumeration, a route the
class count does not use), each the best of three fresh processes, and compares the ratio T(7) / baseline with the
ratio recorded in BENCHMARKS.md (``RECORDED_GATE_RATIO``): a ratio, not seconds, so a slower or busier machine does
not trip it.

Every row runs the real CLI command in a fresh process. Baselines: weightspace's core chamber enumeration (every
chamber with a witness, no symmetry) and SageMath's HyperplaneArrangements(...).n_regions() (passagemath from
PyPI, in its own venv). Ratios are baseline time / class-enumeration time on the same n. Each row also counts
T(n) by the second exact route, ``--method orbits`` (Zaslavsky on one flat per orbit of the cube group, nauty keys),
in the same run: the ``orbits`` column, end to end, with its ratio to the class enumeration.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from core import sage  # noqa: E402  (the same Sage driver as the core benchmark)

REFERENCE = {5: 94572, 6: 15028134, 7: 8378070864, 8: 17561539552946}
RECORDED_GATE_RATIO = 1.445         # T(7) / baseline, measured on main (BENCHMARKS.md, "The T(7) gate")
GATE_FACTOR = 1.5


def run(command: list[str], timeout: float | None = None) -> tuple[float, dict]:
    start = time.perf_counter()
    out = subprocess.run(command, capture_output=True, text=True, check=True, timeout=timeout).stdout
    return time.perf_counter() - start, json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sage-python")
    parser.add_argument("--sage-timeout", type=float, default=600.0)
    parser.add_argument("--full", action="store_true", help="also T(8)")
    parser.add_argument("--slow-tests", action="store_true")
    parser.add_argument("--gate", action="store_true", help="only the T(7) regression gate")
    args = parser.parse_args()
    ws = [sys.executable, "-m", "weightspace.cli", "count", "threshold", "--json", "--inputs"]
    if args.gate:
        sys.exit(gate(ws))
    sizes = [5, 6, 7] + ([8] if args.full else [])
    print(f"{'n':>2} {'T(n)':>16} {'classes':>9} {'seconds':>9} {'orbits':>9}  baselines in the same run")
    for n in sizes:
        seconds, payload = run(ws + [str(n)])
        assert payload["chambers"] == REFERENCE[n], payload
        orbit_seconds, by_orbits = run(ws + [str(n), "--method", "orbits"])
        assert by_orbits["chambers"] == payload["chambers"], by_orbits
        notes = [f"orbits / classes {orbit_seconds / seconds:.2f}x"]
        if n <= 5:
            base, enumerated = run(ws + [str(n), "--method", "enumeration"])
            assert enumerated["chambers"] == payload["chambers"]
            notes.append(f"core enumeration {base:.2f} s ({base / seconds:.0f}x)")
        if args.sage_python and n <= 5:
            base, value = sage(args.sage_python, n, "count", args.sage_timeout)
            notes.append(f"Sage n_regions {base:.2f} s ({base / seconds:.0f}x, says {value})")
        if args.sage_python and n == 6:
            base, value = sage(args.sage_python, n, "count", args.sage_timeout)
            notes.append(f"Sage n_regions {'did not finish in ' + str(int(args.sage_timeout)) + ' s' if base == float('inf') else f'{base:.1f} s ({base / seconds:.0f}x)'}")
        print(f"{n:>2} {payload['chambers']:>16} {payload['classes']['np']:>9} {seconds:>8.2f}s {orbit_seconds:>8.2f}s  "
              + "; ".join(notes), flush=True)
    if args.slow_tests:
        subprocess.run([sys.executable, "-m", "pytest", "-m", "slow", "-q"], check=True)


def gate(ws: list[str], repeats: int = 3) -> int:
    """T(7) against the baseline, best of ``repeats`` each; 1 (and a loud message) when the ratio is beyond
    ``GATE_FACTOR`` times the recorded one."""
    t7 = min(run(ws + ["7"])[0] for _ in range(repeats))
    base = min(run(ws + ["5", "--method", "enumeration"])[0] for _ in range(repeats))
    ratio = t7 / base
    print(f"T(7) by classes {t7:.2f} s, baseline T(5) by core enumeration {base:.2f} s, ratio {ratio:.3f} "
          f"(recorded {RECORDED_GATE_RATIO}, gate {GATE_FACTOR}x)")
    if RECORDED_GATE_RATIO is not None and ratio > GATE_FACTOR * RECORDED_GATE_RATIO:
        print(f"FAIL: T(7) is {ratio / RECORDED_GATE_RATIO:.2f}x its recorded cost relative to the baseline; find "
              "the regression before changing the counting path further", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    main()
