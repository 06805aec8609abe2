"""Euclidean distance degrees (issue 16): weightspace's routes against a hand-written Singular script and Macaulay2,
in one run.

    python3 benchmarks/edd.py [--sympy-lightning]

For each example it times

* ``weightspace``: ``ed_degree`` with its defaults (Gröbner bases over GF(2^31-1), confirmed over a second prime;
  Singular as the backend when installed);
* ``ws-sympy``: the same over GF(2^31-1) with the sympy backend, no confirmation (the route without Singular; the
  lightning rows only with ``--sympy-lightning``, about a minute each);
* ``Singular GF(p)`` and ``Singular QQ``: the textbook script a user would write (``jacob``, ``minor``, ``sat``,
  ``std``, ``vdim``) run by the Singular program, the baseline of the ratios;
* ``M2 QQ``: the same in Macaulay2 when ``M2`` is installed.

Every route must give the same count; ratios are time / time of ``Singular GF(p)``.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import time

import sympy

from weightspace.algebraic import ed_degree, make_Q, named_variety
from weightspace.algebraic.edd import data_point, residual_entries

EXAMPLES = (("circle", "generic", None), ("cusp", "identity", None), ("rank1", "generic", None),
            ("lightning", "generic", None), ("lightning", "generic", 2))


def _residual_text(variables, Q, u) -> str:
    """The entries of Q(x - u), comma-separated, for the baseline scripts."""
    return ", ".join(str(e) for e in residual_entries(Q, u, variables))


def _script(f: sympy.Expr, variables, Q, u, characteristic: int) -> str:
    names = ",".join(str(v) for v in variables)
    n = len(variables)
    residual = _residual_text(variables, Q, u)
    return "\n".join([
        'LIB "elim.lib";', f"ring R = {characteristic},({names}),dp;",
        f"poly f = {sympy.sstr(f).replace('**', '^')};", f"matrix M[{n}][1] = {residual};",
        "matrix G[" + str(n) + "][1] = jacob(f);", "matrix A = concat(M, G);",
        "ideal C = f, minor(A, 2);", "ideal S = f, jacob(f);",
        "def T = sat(C, S);", 'ideal D; if (typeof(T) == "list") { D = T[1]; } else { D = T; }',
        "ideal Z = f, ideal(M);",  # the zero-loss set, removed as weightspace does
        "def T2 = sat(D, ideal(M));", 'ideal E; if (typeof(T2) == "list") { E = T2[1]; } else { E = T2; }',
        "ideal G2 = std(E);", 'if (dim(G2) == 0) { print("COUNT " + string(vdim(G2))); } '
        'else { print("COUNT dim" + string(dim(G2))); }', "quit;"])


def _m2_script(f, variables, Q, u) -> str:
    names = ",".join(str(v) for v in variables)
    residual = _residual_text(variables, Q, u)
    return "\n".join([f"R = QQ[{names}];", f"f = {sympy.sstr(f).replace('**', '^')};",
                      f"M = matrix {{{{{residual}}}}};", "A = M || jacobian ideal f;",
                      "C = ideal f + minors(2, A);", "S = ideal f + ideal jacobian ideal f;",
                      "E = saturate(saturate(C, S), ideal M);", 'print("COUNT " | toString degree E);', "exit 0"])


def _run(command: list[str], text: str) -> tuple[float, str]:
    start = time.perf_counter()
    run = subprocess.run(command, input=text, capture_output=True, text=True, check=False, timeout=3600)
    seconds = time.perf_counter() - start
    count = next((line.split()[1] for line in run.stdout.splitlines() if line.startswith("COUNT")), "failed")
    return seconds, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sympy-lightning", action="store_true", help="also time the lightning rows in sympy")
    args = parser.parse_args()
    singular, m2 = shutil.which("Singular"), shutil.which("M2")
    print(f"Singular: {singular or 'not installed'}; Macaulay2: {m2 or 'not installed'}")
    header = f"{'example':<24}{'route':<16}{'count':>7}{'seconds':>10}{'ratio':>8}"
    print(header)
    for name, kind, kernel in EXAMPLES:
        equations, variables = named_variety(name)
        n = len(variables)
        label = f"{name} {kind}" + (f" k={kernel}" if kernel is not None else "")
        rows = []
        start = time.perf_counter()
        result = ed_degree(equations, variables, kind, kernel_dimension=kernel)
        rows.append(("weightspace", result.ed_degree, time.perf_counter() - start))
        if name != "lightning" or args.sympy_lightning:
            start = time.perf_counter()
            other = ed_degree(equations, variables, kind, kernel_dimension=kernel, backend="sympy", confirm=False)
            rows.append(("ws-sympy", other.ed_degree, time.perf_counter() - start))
        Q, u = make_Q(kind, n, kernel), data_point(n)
        if singular:
            for field, p in (("GF(p)", 2147483647), ("QQ", 0)):
                seconds, count = _run([singular, "-q", "--no-warn"], _script(equations[0], variables, Q, u, p))
                rows.append((f"Singular {field}", count, seconds))
        if m2:
            seconds, count = _run([m2, "--script", "/dev/stdin"], _m2_script(equations[0], variables, Q, u))
            rows.append(("M2 QQ", count, seconds))
        base = next((s for r, _, s in rows if r == "Singular GF(p)"), None)
        for route, count, seconds in rows:
            ratio = f"{seconds / base:.1f}" if base else "-"
            print(f"{label:<24}{route:<16}{str(count):>7}{seconds:>10.2f}{ratio:>8}")


if __name__ == "__main__":
    main()
