"""General arrangements (issue 14): every invariant of named families and of the Petersen graphical arrangement,
against SageMath (passagemath) measured in the same run.

    python3 benchmarks/arrangements.py --sage-python /tmp/sagevenv/bin/python [--sage-timeout 300]

Each arrangement is written to a CSV file (``a_1,...,a_d,c`` per line) and read by both sides, so neither uses a
symmetry group or a special structure. weightspace runs
``weightspace arrangement hyperplanes:FILE --invariants ... --json`` in a fresh process; the ratio uses the time it
reports for the computation (``seconds``, start-up excluded, printed first; the whole process is printed next to
it). SageMath times ``characteristic_polynomial()``, ``n_regions()``, ``n_bounded_regions()`` and ``face_vector()``
inside one Sage process (its import excluded; later calls reuse what earlier ones cached). Every value Sage finishes is compared with weightspace's. Nothing here is part of
the test suite.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from weightspace import library  # noqa: E402

PETERSEN = "0-1,1-2,2-3,3-4,4-0,0-5,1-6,2-7,3-8,4-9,5-7,7-9,9-6,6-8,8-5"

SAGE_SCRIPT = r"""
import sys, time
import sage.all__sagemath_polyhedra
from sage.rings.rational_field import QQ
from sage.geometry.hyperplane_arrangement.arrangement import HyperplaneArrangements
rows = [[QQ(x) for x in line.split(',')] for line in open(sys.argv[1]) if line.strip()]
d = len(rows[0]) - 1
H = HyperplaneArrangements(QQ, tuple('x%d' % i for i in range(d)))
g = H.gens()
A = H([sum(r[i] * g[i] for i in range(d)) - r[d] for r in rows])
for name, call in (('characteristic_polynomial', lambda: [int(c) for c in reversed(list(A.characteristic_polynomial()))]),
                   ('regions', A.n_regions), ('bounded_regions', A.n_bounded_regions),
                   ('f_vector', lambda: [int(x) for x in A.face_vector()])):
    t = time.perf_counter()
    value = call()
    print(name, time.perf_counter() - t, value, flush=True)
"""

CASES = [(f"{name}:{n}", getattr(library, name)(n)) for n in (3, 4)
         for name in ("braid", "shi", "catalan", "semiorder", "linial")] + [
    ("graphical:K4", library.graphical("0-1,0-2,0-3,1-2,1-3,2-3")),
    ("graphical:Petersen", library.graphical(PETERSEN)),
]


def write_csv(arrangement, path: Path) -> None:
    path.write_text("".join(",".join(map(str, list(a) + [c])) + "\n"
                            for a, c in zip(arrangement.normals, arrangement.offsets)))


def weightspace(path: Path, invariants: str) -> tuple[float, dict]:
    start = time.perf_counter()
    out = subprocess.run([sys.executable, "-m", "weightspace.cli", "arrangement", f"hyperplanes:{path}",
                          "--invariants", invariants, "--json"], capture_output=True, text=True, check=True).stdout
    return time.perf_counter() - start, json.loads(out)


def sage(python: str, path: Path, timeout: float) -> dict[str, tuple[float, str]]:
    try:
        out = subprocess.run([python, "-c", SAGE_SCRIPT, str(path)], capture_output=True, text=True,
                             timeout=timeout).stdout
    except subprocess.TimeoutExpired as error:
        out = error.stdout.decode() if isinstance(error.stdout, bytes) else (error.stdout or "")
    results = {}
    for line in out.splitlines():
        name, seconds, value = line.split(" ", 2)
        results[name] = (float(seconds), value)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sage-python", help="python interpreter with passagemath installed (baseline)")
    parser.add_argument("--sage-timeout", type=float, default=300.0, help="seconds for all four Sage calls")
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp())
    totals = {"weightspace": 0.0, "sage": 0.0}
    print(f"{'arrangement':<20} {'invariant':<26} {'weightspace':>12} {'(process)':>10} {'SageMath':>12} {'ratio':>7}")
    for name, arrangement in CASES:
        path = directory / (name.replace(":", "-") + ".csv")
        write_csv(arrangement, path)
        runs = {"characteristic_polynomial": weightspace(path, "charpoly"),
                "f_vector": weightspace(path, "f_vector"),
                "all four": weightspace(path, "charpoly,regions,bounded_regions,f_vector")}
        baseline = sage(args.sage_python, path, args.sage_timeout) if args.sage_python else {}
        for invariant in ("characteristic_polynomial", "regions", "bounded_regions", "f_vector"):
            payload = runs["all four"][1]
            if json.loads(json.dumps(payload[invariant])) != runs.get(invariant, runs["all four"])[1][invariant]:
                raise SystemExit(f"{name} {invariant}: weightspace routes disagree")
            if invariant in baseline and json.loads(baseline[invariant][1]) != payload[invariant]:
                raise SystemExit(f"{name} {invariant}: SageMath says {baseline[invariant][1]}, "
                                 f"weightspace {payload[invariant]}")
        rows = [("characteristic_polynomial", runs["characteristic_polynomial"],
                 baseline.get("characteristic_polynomial", (None,))[0]),
                ("f_vector", runs["f_vector"], baseline.get("f_vector", (None,))[0]),
                ("all four", runs["all four"], sum(baseline[k][0] for k in baseline) if len(baseline) == 4 else None)]
        for label, (wall, payload), sage_seconds in rows:
            ours = max(payload["seconds"], 1e-4)
            if sage_seconds is not None:
                sage_text, ratio = f"{sage_seconds:.3f} s", f"{sage_seconds / ours:.1f}x"
                if label == "all four":
                    totals["weightspace"] += ours
                    totals["sage"] += sage_seconds
            else:
                sage_text, ratio = ("not run" if not args.sage_python else f"> {args.sage_timeout:.0f} s"), "-"
            print(f"{name:<20} {label:<26} {payload['seconds']:>10.4f} s {wall:>8.2f} s {sage_text:>12} {ratio:>7}")
    if totals["weightspace"]:
        print(f"total of the 'all four' rows Sage finished: weightspace {totals['weightspace']:.2f} s, SageMath "
              f"{totals['sage']:.2f} s ({totals['sage'] / totals['weightspace']:.1f}x)")


if __name__ == "__main__":
    main()
