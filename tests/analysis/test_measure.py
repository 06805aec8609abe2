"""Measures on parameter space: certified solid angles against Monte Carlo, exact cube volumes against samples,
closed forms, symmetry and products."""

from fractions import Fraction

import flint
import numpy as np
import pytest

from weightspace import library
from weightspace.analysis.measure import measure, sample_law
from weightspace.arrangement import chamber_complex
from weightspace.arrangement.coordinate_symmetry import chamber_orbits, coordinate_factors, signed_permutations
from weightspace.arrangement.solid_angle import (chamber_solid_angles, orthant_probability, simplicial_cone_measure,
                                                 simplicial_cones)
from weightspace.balls import contains
from weightspace.errors import InvalidInput, NotSupported
from weightspace.specs import resolve


def _monte_carlo_orthant(covariance, samples=400_000, seed=1):
    rng = np.random.default_rng(seed)
    L = np.linalg.cholesky(np.array(covariance, dtype=float))
    Y = rng.standard_normal((samples, len(covariance))) @ L.T
    p = float(np.mean(np.all(Y > 0, axis=1)))
    return p, (p * (1 - p) / samples) ** 0.5


@pytest.mark.parametrize("k", [2, 3, 4, 5])
def test_equicorrelated_orthant_is_one_over_k_plus_one(k):
    half = Fraction(1, 2)
    R = [[1 if a == b else half for b in range(k)] for a in range(k)]
    ball = orthant_probability(R)
    assert contains(ball, Fraction(1, k + 1)) and float(ball.rad()) < 1e-12


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("k", [4, 5])
def test_plackett_integral_against_sampling(k, seed):
    rng = np.random.default_rng(seed)
    B = rng.integers(-3, 4, size=(k, k))
    while round(abs(np.linalg.det(B))) == 0:
        B = rng.integers(-3, 4, size=(k, k))
    covariance = [[Fraction(int(x)) for x in row] for row in (B @ B.T)]
    ball = orthant_probability(covariance)
    p, se = _monte_carlo_orthant(covariance, seed=seed)
    assert abs(float(ball.mid()) - p) < 5 * se + 1e-4


def test_orthant_beyond_five_is_refused_but_independent_blocks_multiply():
    with pytest.raises(NotSupported):
        orthant_probability([[Fraction(1) if a == b else Fraction(1, 3) for b in range(6)] for a in range(6)])
    identity = [[int(a == b) for b in range(7)] for a in range(7)]
    assert contains(orthant_probability(identity), Fraction(1, 128))


def test_pulling_triangulation_of_a_cone_over_a_square_and_its_measure():
    # the cone |x1|, |x2| <= x3 over a square: 4 rays, 2 simplicial cones whose measures add up
    rays = [(1, 1, 1), (-1, 1, 1), (-1, -1, 1), (1, -1, 1)]
    facets = [(0, -1, 1), (1, 0, 1), (0, 1, 1), (-1, 0, 1)]      # normals of the 4 facets
    incidence = [sum(1 << f for f, a in enumerate(facets) if sum(x * y for x, y in zip(a, r)) == 0) for r in rays]
    simplices = simplicial_cones(incidence, 3)
    assert len(simplices) == 2 and sorted(set(v for s in simplices for v in s)) == [0, 1, 2, 3]
    total = sum((simplicial_cone_measure([rays[v] for v in s]) for s in simplices), flint.arb(0))
    # the cone |x1|, |x2| <= x3 is 1/6 of space (six such cones around the axes tile R^3)
    assert contains(total, Fraction(1, 6))


@pytest.mark.parametrize("name", ["threshold:2", "threshold:3", "hopfield:2:symmetric-zero-diagonal", "braid:4"])
def test_solid_angles_sum_to_one_and_agree_with_samples(name):
    obj = resolve(name)
    exact = measure(obj, "gaussian")
    assert exact.method == "solid-angle" and "contains 1: True" in exact.total_check
    sampled = measure(obj, "gaussian", samples=200_000, seed=3)
    estimate = {str(row.function): row for row in sampled.functions}
    for row in exact.functions:
        other = estimate.get(str(row.function))
        p = other.probability if other else 0.0
        se = max(other.stderr if other else 0.0, (row.probability * (1 - row.probability) / 200_000) ** 0.5)
        assert abs(row.probability - p) < 5 * se + 2e-5, row.function
    assert abs(exact.entropy_bits - sampled.entropy_bits) < 0.02


def test_sphere_law_gives_the_gaussian_solid_angles():
    gaussian = measure(resolve("threshold:2"), "gaussian")
    sphere = measure(resolve("threshold:2"), "uniform-sphere")
    assert [r.probability for r in gaussian.functions] == [r.probability for r in sphere.functions]


def test_closed_forms_threshold_2():
    # AND = 0001 is the cone w1 + w2 + b > 0 > max(w1 + b, w2 + b, b) -- the constant 0000 is {b < 0, w1 + b < 0,
    # w2 + b < 0, w1 + w2 + b < 0}; by the symmetry f -> 1 - f (Theta -> -Theta) P(0000) = P(1111)
    result = {row.function: row for row in measure(resolve("threshold:2"), "gaussian").functions}
    assert result["0000"].probability == result["1111"].probability
    assert result["0101"].probability == result["0011"].probability          # x1 and x2 (swap w1, w2)
    total = sum(row.probability for row in result.values())
    assert abs(total - 1) < 1e-12


def test_cube_volumes_are_exact_and_agree_with_samples():
    exact = measure(resolve("threshold:2"), "uniform-cube")
    values = {row.function: row.exact for row in exact.functions}
    assert sum(values.values()) == 1 and values["0000"] == Fraction(13, 48)
    sampled = {row.function: row for row in measure(resolve("threshold:2"), "uniform-cube", samples=200_000).functions}
    for f, value in values.items():
        assert abs(float(value) - sampled[f].probability) < 5 * sampled[f].stderr + 1e-5


def test_cube_value_of_the_constant_by_hand():
    # P(0000) on the cube [-1,1]^3 of (w1, w2, b) is the volume of {b < 0, w1 + b < 0, w2 + b < 0, w1 + w2 + b < 0}
    # over 8; a second route: the fraction of a fine midpoint grid in that set converges to it
    value = {row.function: row.exact for row in measure(resolve("threshold:2"), "uniform-cube").functions}["0000"]
    grid = np.linspace(-1 + 1 / 80, 1 - 1 / 80, 80)
    w1, w2, b = np.meshgrid(grid, grid, grid, indexing="ij")
    inside = (b < 0) & (w1 + b < 0) & (w2 + b < 0) & (w1 + w2 + b < 0)
    assert abs(inside.mean() - float(value)) < 0.01


def test_products_and_symmetry():
    A = library.threshold(3)
    complex_ = chamber_complex(A)
    group = signed_permutations(A)
    assert len(group) == 12                              # S_3 x {+1, -1}
    orbit = chamber_orbits(complex_, group)
    which = [c for c in range(len(complex_)) if orbit[c] != c][:12]
    angles = chamber_solid_angles(A, complex_, which + [orbit[c] for c in which])
    for k in range(len(which)):
        assert contains(angles[k] - angles[len(which) + k], 0)   # measured separately, equal on the orbit
    hopfield = resolve("hopfield:2")
    assert len(coordinate_factors(hopfield.arrangement())) == 2
    one = {row.function: row.probability for row in measure(resolve("threshold:2"), "gaussian").functions}
    both = measure(hopfield, "gaussian")
    # the map (codes) sends x to (f_1(x), f_2(x)): its probability is P(f_1) P(f_2)
    for row in both.functions[:20]:
        f1 = "".join(str(code & 1) for code in row.function)
        f2 = "".join(str(code >> 1 & 1) for code in row.function)
        assert abs(row.probability - one[f1] * one[f2]) < 1e-12
    assert abs(both.entropy_bits - 2 * measure(resolve("threshold:2")).entropy_bits) < 1e-12


def test_monte_carlo_for_high_rank_and_bad_input():
    result = measure(resolve("hopfield:3:symmetric"), samples=2000, top=3)
    assert result.method == "monte-carlo" and len(result.functions) == 3 and result.functions_total > 3
    with pytest.raises(InvalidInput):
        measure(resolve("threshold:2"), "cauchy")
    with pytest.raises(InvalidInput):
        measure(resolve("threshold:2"), samples=-5)
    assert sample_law("uniform-sphere", 5, 3).shape == (5, 3)
