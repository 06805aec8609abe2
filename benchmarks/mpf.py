"""MPF training speed (issue 5): weightspace's vectorised objective vs. a plain scipy L-BFGS implementation of the
same objective (the hdnet approach: loops over units), measured in the same run, plus the PyTorch batched path.

    python benchmarks/mpf.py [--nodes 64] [--patterns 32,64,90] [--trials 5]

Both scipy variants use L-BFGS-B with identical tolerances from the same start, so they take the same number of
iterations; the ratio is the cost of the objective and gradient. Storage is checked exactly for all of them.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
from scipy.optimize import minimize

from weightspace.learn import MPFRule
from weightspace.learn import mpf


def reference_fit(X: np.ndarray) -> np.ndarray:
    n = X.shape[1]
    start = np.zeros(n * (n - 1) // 2 + n)
    result = minimize(mpf.objective_reference, start, args=(X.astype(float),), jac=True, method="L-BFGS-B",
                      options={"maxiter": 2000, "gtol": 1e-10, "ftol": 1e-15})
    return result.x


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=64)
    parser.add_argument("--patterns", default="32,64,90")
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"{'M':>4} {'weightspace':>12} {'plain scipy':>12} {'ratio':>7} {'torch batch/trial':>18}  stored (ws / plain / torch)")
    for M in [int(v) for v in args.patterns.split(",")]:
        sets = [rng.integers(0, 2, (M, args.nodes)) for _ in range(args.trials)]
        start = time.perf_counter()
        ours = [MPFRule().fit(X) for X in sets]
        t_ours = (time.perf_counter() - start) / args.trials
        start = time.perf_counter()
        plain = [reference_fit(X) for X in sets]
        t_plain = (time.perf_counter() - start) / args.trials
        stored_plain = []
        for X, vector in zip(sets, plain):
            rule = MPFRule()
            rule.W_, rule.theta_ = mpf.unpack(vector, args.nodes)
            stored_plain.append(rule.stored(X).mean())
        torch_note = ""
        try:
            from weightspace.learn.torch_mpf import fit_batch
            start = time.perf_counter()
            W, theta = fit_batch(np.stack(sets))
            t_torch = (time.perf_counter() - start) / args.trials
            stored_torch = []
            for X, Wb, tb in zip(sets, W, theta):
                rule = MPFRule()
                rule.W_, rule.theta_ = Wb, tb
                stored_torch.append(rule.stored(X).mean())
            torch_note = f"{t_torch:>17.3f}s"
            torch_stored = f"{np.mean(stored_torch):.2f}"
        except Exception as error:  # torch not installed
            torch_note, torch_stored = f"{'n/a':>18}", f"n/a ({type(error).__name__})"
        print(f"{M:>4} {t_ours:>11.3f}s {t_plain:>11.3f}s {t_plain / t_ours:>6.1f}x {torch_note}  "
              f"{np.mean([r.stored(X).mean() for r, X in zip(ours, sets)]):.2f} / {np.mean(stored_plain):.2f} / "
              f"{torch_stored}")


if __name__ == "__main__":
    main()
