"""Types of the input-space subdivision of one-hidden-layer ReLU networks: the count against the enumeration,
sampling against the exact decomposition, witnesses, and the two-dimensional keys."""

from fractions import Fraction
import random

import numpy as np
import pytest

from weightspace.arch.relu.plane_types import two_dimensional_type
from weightspace.arch.relu.types import (discriminant, one_dimensional_type, one_dimensional_types, open_type_count,
                                         relu_types, sample_types, type_count, type_slice,
                                         witness)
from weightspace.errors import InvalidInput


@pytest.mark.parametrize("M", [1, 2, 3])
def test_count_formula_enumeration_witnesses_and_sampling_agree(M):
    types = one_dimensional_types(M)
    assert len(types) == type_count(M) == len(set(types))
    assert all(one_dimensional_type(*witness(t)) == t for t in types)
    met = sample_types(M, 60_000 if M == 3 else 5_000, seed=M, grid=1)
    assert met == set(types)                      # every stratum is met on the grid {-1, 0, 1}, and nothing else


@pytest.mark.parametrize("M", [1, 2, 3, 4])
def test_gaussian_samples_meet_exactly_the_open_types(M):
    met = sample_types(M, 200 + 3 * 4 ** M * M, seed=7)
    assert len(met) == open_type_count(M)
    assert all(len(block) == 1 and "0" not in block[0] for t in met for block in t[0]) and all(not t[1] for t in met)


def test_type_depends_only_on_the_signs_of_the_discriminant():
    rng = random.Random(3)
    for _ in range(300):
        w = [rng.randint(-3, 3) for _ in range(3)]
        b = [rng.randint(-3, 3) for _ in range(3)]
        a = [rng.randint(-2, 2) for _ in range(3)]
        scale = [Fraction(rng.randint(1, 5), rng.randint(1, 5)) for _ in range(3)]
        # scaling (w_i, b_i) by a positive number and a_i by another keeps every sign of the discriminant
        moved = one_dimensional_type([s * x for s, x in zip(scale, w)], [s * x for s, x in zip(scale, b)],
                                     [2 * x for x in a])
        assert moved == one_dimensional_type(w, b, a)
    assert "b1*w2 - b2*w1" in discriminant(2)


def test_counts_beyond_listing_and_the_contract():
    assert [type_count(M) for M in range(1, 7)] == [15, 156, 1472, 13569, 124491, 1141228]
    result = relu_types((1, 2, 1), samples=3000)
    assert result["types"] == 156 and result["open_types"] == 16 and result["open_regions"] == 32
    assert len(result["cells"]) == 156 and result["discriminant"]
    assert result["sampling"]["integer_grid_types_met"] == 156 and result["sampling"]["gaussian_types_all_open"]
    with pytest.raises(InvalidInput):
        relu_types((1, 7, 1))
    with pytest.raises(InvalidInput):
        relu_types((3, 2, 1))


def test_two_dimensional_keys_are_invariant():
    rng = np.random.default_rng(0)
    for _ in range(50):
        W = rng.integers(-3, 4, size=(3, 2))
        b = rng.integers(-3, 4, size=3)
        a = rng.integers(-1, 2, size=3)
        perm = rng.permutation(3)
        k = int(rng.integers(1, 4))
        assert two_dimensional_type(W[perm] * k, b[perm] * k, a[perm]) == two_dimensional_type(W, b, a)
    # two crossing lines are one type whatever their orientation; parallel lines are another
    crossing = two_dimensional_type(np.array([[1, 0], [0, 1]]), np.array([0, 0]), np.array([1, 1]))
    assert crossing == two_dimensional_type(np.array([[1, 1], [-1, 2]]), np.array([3, -1]), np.array([1, 1]))
    parallel = two_dimensional_type(np.array([[1, 0], [1, 0]]), np.array([0, 1]), np.array([1, 1]))
    assert parallel != crossing
    result = relu_types((2, 2, 1), samples=2000)
    assert result["certified"] and result["types"] == 111 and result["generic_types"] == 3
    assert result["sampled_types_all_enumerated"]


def test_oriented_matroid_count_against_an_exhaustive_grid_and_sampling():
    from itertools import product
    from weightspace.arch.relu.plane_types import exact_type_keys
    exact = exact_type_keys(2)
    met = {two_dimensional_type(np.array(W).reshape(2, 2), np.array(b), np.array(a))
           for W in product((-1, 0, 1), repeat=4) for b in product((-1, 0, 1), repeat=2)
           for a in product((-1, 0, 1), repeat=2)}
    assert met == exact and len(exact) == 111              # every enumerated type is met, and nothing else
    three = relu_types((2, 3, 1), samples=3000)
    assert three["types"] == 1096 and three["generic_types"] == 20 and three["sampled_types_all_enumerated"]


def test_slice_has_the_discriminant_as_boundaries():
    data = type_slice(steps=21)
    grid = np.array(data["type_index"])
    assert len(set(grid.ravel())) >= 4
