"""How likely each function is (issue 36): the certified solid-angle route against Monte Carlo, like for like.

    python3 benchmarks/measure.py [--quick]

For each spec, in one run:

* weightspace's exact route: every chamber's Gaussian probability as a certified Arb ball (error bound printed), and
  its seconds, end to end (chambers, orbits, triangulation, integrals);
* Monte Carlo (weightspace's sampling route, numpy float64 signs, each sampled function evaluated exactly) with the
  number of samples whose standard error on the *most likely* function is 1e-3, and its seconds (measured);
* the measured maximum deviation of Monte Carlo from the certified values, in units of the standard error
  ``sqrt(p (1 - p) / N)`` of the certified ``p``;
* the samples Monte Carlo needs for a 10 % relative standard error on the *least likely* function,
  ``(1 - p) / (0.01 p)``, and the seconds that takes at the throughput measured above (an extrapolation, marked so);
* the ratios of seconds, Monte Carlo / exact, for both targets (larger is better for the exact route).

The two routes compute the same invariant (the probability of every function under independent standard normal
coordinates of the spec's parameter space). The exact route's error is ~1e-16; Monte Carlo reaches its target only
in the statistical sense, so the comparison is time to a stated accuracy, not time to the same certainty.
"""

from __future__ import annotations

import argparse
import math
import time

from weightspace.analysis.measure import measure
from weightspace.specs import resolve


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    specs = ["threshold:2", "threshold:3", "hopfield:2:symmetric-zero-diagonal", "ptf:2:2"]
    if not args.quick:
        specs += ["threshold:4", "hopfield:2:symmetric"]
    print(f"{'spec':38} {'functions':>9} {'exact s':>8} {'max err':>8}  {'samples':>9} {'MC s':>7} {'dev/se':>6} "
          f"{'MC/exact':>8}  {'least p':>9} {'samples':>11} {'MC s':>10} {'MC/exact':>8}")
    for spec in specs:
        obj = resolve(spec)
        start = time.perf_counter()
        exact = measure(obj, "gaussian")
        seconds = time.perf_counter() - start
        values = {str(r.function): r.probability for r in exact.functions}
        error = max(r.error for r in exact.functions)
        top = max(values.values())
        target = 1e-3
        samples = math.ceil(top * (1 - top) / target ** 2)
        start = time.perf_counter()
        sampled = measure(obj, "gaussian", samples=samples, seed=1)
        mc = time.perf_counter() - start
        deviation = max(abs(r.probability - values[str(r.function)]) /
                        math.sqrt(values[str(r.function)] * (1 - values[str(r.function)]) / samples)
                        for r in sampled.functions)
        rare = min(values.values())
        rare_samples = math.ceil((1 - rare) / (0.01 * rare))
        rare_seconds = mc / samples * rare_samples
        print(f"{spec:38} {len(values):9d} {seconds:8.2f} {error:8.0e}  {samples:9d} {mc:7.2f} {deviation:6.2f} "
              f"{mc / seconds:8.2f}  {rare:9.2e} {rare_samples:11d} {rare_seconds:9.1f}* {rare_seconds / seconds:8.1f}")


if __name__ == "__main__":
    main()
