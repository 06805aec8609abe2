"""Asynchronous schedules (Definition 3): attractors against the exact simulator, random-selection probabilities
against an exact rational solve and against sampling, and the expressivity counts."""

from fractions import Fraction
import random

import flint
import numpy as np
import pytest

from weightspace.arch.hopfield import map_of, run
from weightspace.arch.hopfield.async_expressivity import asynchronous_expressivity, network_outcomes
from weightspace.arch.hopfield.asynchronous import (attractor_masks, outcome_keys, random_attractors,
                                                    steps_states, unit_updates)
from weightspace.arch.hopfield.chambers import one_step_chambers
from weightspace.errors import InvalidInput


def _random_network(rng, n):
    return [[rng.randint(-3, 3) for _ in range(n)] for _ in range(n)], [Fraction(rng.randint(-5, 5), 2) for _ in range(n)]


@pytest.mark.parametrize("seed", range(8))
def test_fixed_order_attractors_against_the_simulator(seed):
    rng = random.Random(seed)
    n = 3
    W, theta = _random_network(rng, n)
    F = np.array([map_of(W, theta, n)])
    order = tuple(rng.sample(range(n), n))
    masks = attractor_masks(F, n, order)[0]
    for x in range(2 ** n):
        states = run(W, theta, n, 40, "async", order, x)        # 40 sweeps from x, exactly
        tail = states[-8:]                                      # the cycle the sweeps settle on (period <= 8)
        assert masks[x] == sum(1 << s for s in set(tail))
    one_step = steps_states(F, n, order, 1)[0]
    for x in range(2 ** n):
        i = order[0]
        field = sum(W[i][j] * ((x >> j) & 1) for j in range(n)) + theta[i]
        assert one_step[x] == (x & ~(1 << i)) | (int(field > 0) << i)


def _exact_absorption(F, n):
    U = unit_updates(np.array([F]), n)[0]
    N = 2 ** n
    reach = [{x} for x in range(N)]
    changed = True
    while changed:
        changed = False
        for x in range(N):
            new = set(reach[x])
            for y in list(reach[x]):
                new |= {int(U[i, y]) for i in range(n)}
            if new != reach[x]:
                reach[x], changed = new, True
    recurrent = [x for x in range(N) if all(x in reach[y] for y in reach[x])]
    classes = sorted({frozenset(reach[x]) for x in recurrent}, key=min)
    transient = [x for x in range(N) if x not in recurrent]
    out = {}
    for C in classes:
        if transient:
            A = flint.fmpq_mat(len(transient), len(transient))
            b = flint.fmpq_mat(len(transient), 1)
            for r, x in enumerate(transient):
                A[r, r] = 1
                for i in range(n):
                    y = int(U[i, x])
                    if y in C:
                        b[r, 0] += flint.fmpq(1, n)
                    elif y in transient:
                        A[r, transient.index(y)] -= flint.fmpq(1, n)
            h = A.solve(b)
        for x in range(N):
            if x in recurrent:
                p = Fraction(int(x in C))
            else:
                v = h[transient.index(x), 0]
                p = Fraction(int(v.p), int(v.q))
            out[(x, sum(1 << s for s in C))] = p
    return out


def test_random_absorption_against_an_exact_rational_solve():
    maps = one_step_chambers(3, "free").maps
    rng = np.random.default_rng(0)
    sample = maps[rng.choice(len(maps), 60, replace=False)]
    classes, numerators, denominator = random_attractors(sample, 3)
    for m, F in enumerate(sample):
        exact = _exact_absorption([int(v) for v in F], 3)
        for x in range(8):
            for c in range(8):
                if classes[m, c]:
                    assert Fraction(int(numerators[m, x, c]), int(denominator[m])) == exact[(x, int(classes[m, c]))]


def test_random_absorption_against_sampling():
    W, theta = [[0, 2, -1], [2, 0, 1], [-1, 1, 0]], [Fraction(-1, 2), Fraction(-3, 2), Fraction(1, 2)]
    rows = network_outcomes(W, theta, "random")
    F = map_of(W, theta, 3)
    rng = random.Random(1)
    x0 = 5
    hits: dict = {}
    for _ in range(4000):
        x = x0
        for _ in range(60):
            i = rng.randrange(3)
            x = (x & ~(1 << i)) | (F[x] & (1 << i))
        hits[x] = hits.get(x, 0) + 1
    for outcome in rows[x0]["outcomes"]:
        p = float(Fraction(outcome["probability"]))
        seen = sum(hits.get(s, 0) for s in outcome["states"]) / 4000
        assert abs(seen - p) < 5 * (p * (1 - p) / 4000) ** 0.5 + 0.01


def test_symmetric_zero_diagonal_random_selection_ends_at_fixed_points():
    # the energy -x.Wx/2 - theta.x never increases under single-unit updates: every closed class is a fixed point
    maps = one_step_chambers(3, "symmetric-zero-diagonal").maps
    classes, _, _ = random_attractors(maps, 3)
    masks = classes[classes > 0]
    assert np.all((masks & (masks - 1)) == 0)


def test_expressivity_counts_and_the_one_unit_reading_of_prop4():
    # k = 1 step of a fixed order updates one unit: every such map is a one-step map (the claim prop4-one-unit)
    row = asynchronous_expressivity(3, "free", "fixed", "2,1,3", "steps", 1)
    assert row.maps == row.deterministic == row.one_step
    two = asynchronous_expressivity(2, "free", "random")
    assert (two.maps, two.deterministic, two.one_step, two.beyond_example) == (82, 33, 33, None)
    three = asynchronous_expressivity(3, "zero-diagonal", "fixed")
    assert (three.maps, three.deterministic, three.one_step) == (146, 68, 8) and three.beyond_example is not None


def test_every_order_is_the_set_over_orders():
    maps = one_step_chambers(2, "free").maps
    keys = outcome_keys(maps, 2, "every-order", None, "attractor").reshape(len(maps), 4, 2)
    a = attractor_masks(maps, 2, (0, 1))
    b = attractor_masks(maps, 2, (1, 0))
    for m in range(len(maps)):
        for x in range(4):
            assert {v for v in keys[m, x] if v >= 0} == {int(a[m, x]), int(b[m, x])}


def test_bad_input():
    with pytest.raises(InvalidInput):
        asynchronous_expressivity(2, "free", "sometimes")
    with pytest.raises(InvalidInput):
        asynchronous_expressivity(2, "free", "random", order="1,2")
    with pytest.raises(InvalidInput):
        asynchronous_expressivity(2, "free", "fixed", read="forever")
