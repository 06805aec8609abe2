"""Neuromanifolds in full (issue 38), in one run: each new route against its second route, same answers asserted,
times as ratios.

    python3 benchmarks/neuromanifold_depth.py

1. Dimension of networks with affine layers: the exact Jacobian rank over GF(2^61 - 1) (the default route) against
   the rank over QQ at a small integer point (fmpq_mat), same rank asserted.
2. Membership in the closure of the image: the exact route (the implicit equations at the point) against the
   numerical one (monodromy, trace test, homotopy to a slice through the point), same answer asserted. The unit is
   wall time per point; the numerical time includes building its witness set.
3. The singular locus by the equations (Sing(M) and the subnetwork, two saturations) against the parametrisation
   route (Jacobian ranks on every sparse stratum): different questions, both timed, agreement asserted on every
   stratum (a rank drop iff a singular image).
"""

from __future__ import annotations

import random
import time

import flint

from weightspace.algebraic.dimension import JACOBIAN_PRIME
from weightspace.algebraic.implicitization import on_image
from weightspace.algebraic.singular import parametrisation_strata, singular_locus
from weightspace.specs import resolve


def _timed(function, *args, **kwargs):
    begin = time.perf_counter()
    out = function(*args, **kwargs)
    return out, time.perf_counter() - begin


def main() -> None:
    rng = random.Random(0)
    print("1. dimension: rank mod p vs rank over QQ")
    print(f"{'network':<26}{'rank':>6}{'mod p s':>10}{'QQ s':>10}{'QQ / mod p':>12}")
    for spec in ("poly:2,2,1:2:bias", "poly:3,3,3:2:bias", "poly:2,2,2,2:2:bias", "poly:3,4,2:t^3+t:bias",
                 "poly:4,4,1:t^2+t:bias"):
        net = resolve(spec)
        point = [rng.randrange(JACOBIAN_PRIME) for _ in range(net.parameter_count)]
        modular, t_mod = _timed(lambda: flint.nmod_mat(net.jacobian(point, JACOBIAN_PRIME), JACOBIAN_PRIME).rank())
        small = [rng.randint(-9, 9) or 1 for _ in range(net.parameter_count)]
        rational, t_qq = _timed(lambda: flint.fmpq_mat(net.jacobian(small)).rank())
        assert modular == rational, spec
        print(f"{spec:<26}{modular:>6}{t_mod:>10.3f}{t_qq:>10.3f}{t_qq / t_mod:>12.1f}")

    print("\n2. on the closure of the image: equations (exact) vs homotopy (numerical)")
    print(f"{'network':<16}{'points':>7}{'agree':>7}{'exact s/pt':>12}{'numeric s/pt':>14}{'ratio':>8}")
    for spec in ("poly:2,1,1:3", "linear:3,2,3", "poly:2,2,1:4"):
        net = resolve(spec)
        points = [net.coefficients([rng.randint(-2, 2) for _ in range(net.parameter_count)]) for _ in range(3)]
        points += [[rng.randint(-3, 3) for _ in range(net.ambient_dimension)] for _ in range(3)]
        exact_s = numeric_s = 0.0
        for point in points:
            exact, t_exact = _timed(on_image, net, point)
            numeric, t_numeric = _timed(on_image, net, point, numerical=True)
            assert exact.answer == numeric.answer, (spec, point)
            exact_s, numeric_s = exact_s + t_exact, numeric_s + t_numeric
        n = len(points)
        print(f"{spec:<16}{n:>7}{'yes':>7}{exact_s / n:>12.3f}{numeric_s / n:>14.3f}{numeric_s / exact_s:>8.1f}")

    print("\n3. singular locus: equations (two saturations) vs sparse strata (Jacobian ranks)")
    print(f"{'network':<16}{'Sing = sub':>11}{'strata':>8}{'equations s':>13}{'strata s':>10}")
    for spec in ("linear:3,2,3", "poly:2,2,1:4", "poly:2,2,1:5", "linear:3,2,4"):
        net = resolve(spec)
        locus, t_locus = _timed(singular_locus, net)
        strata, t_strata = _timed(parametrisation_strata, net, singular_equations=locus["equations"])
        assert all((r["drop"] > 0) == r["singular_image"] for r in strata["strata"]), spec
        print(f"{spec:<16}{str(locus['equal']):>11}{len(strata['strata']):>8}{t_locus:>13.2f}{t_strata:>10.2f}")


if __name__ == "__main__":
    main()
