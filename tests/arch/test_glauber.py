"""Glauber dynamics: the kernel against its definition and against sampling, the deterministic limit and its
bounds, and the Boltzmann law of the random-scan chain."""

from fractions import Fraction
import math
import random

import pytest

from weightspace.arch.hopfield import map_of
from weightspace.arch.hopfield.glauber import (boltzmann_check, deterministic_limit, fields, kernel, tv_samples)
from weightspace.errors import InvalidInput

W = [[0, 2, -1], [2, 0, 1], [-1, 1, 0]]
THETA = [Fraction(-1, 2), Fraction(-3, 2), Fraction(1, 2)]


def test_kernel_rows_sum_to_one_and_tv_is_one_minus_the_mass_on_the_map():
    K = kernel(W, THETA, 3)
    F = map_of(W, THETA, 3)
    limit = deterministic_limit(W, THETA, 3)
    for x, row in enumerate(K):
        assert sum(row).contains(1)
        assert abs(1 - float(row[F[x]].mid()) - limit.tv[x]) < 1e-12


def test_kernel_against_sampling():
    rng = random.Random(0)
    beta, x = 1, 5
    h = fields(W, THETA, x)
    counts = [0] * 8
    for _ in range(20000):
        y = sum(1 << i for i in range(3) if rng.random() < 1 / (1 + math.exp(-beta * float(h[i]))))
        counts[y] += 1
    row = kernel(W, THETA, beta)[x]
    for y in range(8):
        p = float(row[y].mid())
        assert abs(counts[y] / 20000 - p) < 5 * math.sqrt(p * (1 - p) / 20000) + 1e-3


def test_bounds_hold_and_tv_vanishes_with_beta():
    for row in tv_samples(3, 25, [Fraction(1, 2), 2, 8], seed=4):
        assert row["lower_bound"] - 1e-12 <= row["max_tv"] <= row["upper_bound"] + 1e-12
        assert row["upper_bound"] <= 3 * math.exp(-row["beta_delta"]) + 1e-12
    values = [deterministic_limit(W, THETA, b).max_tv for b in (1, 4, 16, 64)]
    assert values == sorted(values, reverse=True) and values[-1] < 1e-6


def test_on_a_wall_the_limit_is_not_deterministic():
    limit = deterministic_limit([[0, 1], [1, 0]], [0, 0], 1000)
    assert limit.on_a_wall and limit.max_tv >= 0.5


def test_boltzmann_law_and_refusals():
    check = boltzmann_check(W, THETA, Fraction(3, 2))
    assert check["agree"] and abs(sum(check["stationary"]) - 1) < 1e-12
    with pytest.raises(InvalidInput):
        boltzmann_check([[1, 1], [1, 0]], [0, 0], 1)          # a nonzero diagonal
    with pytest.raises(InvalidInput):
        deterministic_limit(W, THETA, 0)
