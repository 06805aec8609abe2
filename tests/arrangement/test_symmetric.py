"""Characteristic polynomials from flat orbits against the full intersection lattice and other routes."""

import numpy as np
import pytest

from weightspace import library
from weightspace.arrangement import characteristic_polynomial
from weightspace.arch.threshold import cube_group
from weightspace.arrangement.symmetric import symmetric_characteristic_polynomial
from weightspace.library import resonance_group
from weightspace.arch.threshold import count_threshold_classes

from conftest import RESONANCE_COUNTS


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_threshold_orbits_equal_lattice(n):
    A = library.threshold(n)
    chi, stats = symmetric_characteristic_polynomial(A, cube_group(n))
    assert chi == characteristic_polynomial(A)
    assert stats["flats"] == len(__import__("weightspace.arrangement", fromlist=["intersection_lattice"])
                                 .intersection_lattice(A).flats)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_resonance_orbits_equal_lattice(n):
    A = library.resonance(n)
    chi, _ = symmetric_characteristic_polynomial(A, resonance_group(n))
    assert chi == characteristic_polynomial(A)
    if n in RESONANCE_COUNTS:
        assert abs(chi(-1)) == RESONANCE_COUNTS[n]


def test_groups_are_symmetries():
    """Every group element maps flats to flats: the rank of every image of a few hyperplane sets is preserved."""
    from weightspace.exact import rank
    for A, group in ((library.threshold(3), cube_group(3)), (library.resonance(4), resonance_group(4))):
        rng = np.random.default_rng(0)
        for _ in range(30):
            subset = rng.choice(len(A), size=3, replace=False)
            g = group[rng.integers(len(group))]
            assert rank([A.normals[i] for i in subset]) == rank([A.normals[g[i]] for i in subset])
        assert len({tuple(row) for row in group}) == len(group)


def test_six_inputs_two_routes():
    """T(6) by Zaslavsky on flat orbits equals T(6) by NP-class enumeration (and OEIS)."""
    chi, stats = symmetric_characteristic_polynomial(library.threshold(6), cube_group(6))
    assert abs(chi(-1)) == count_threshold_classes(6, workers=1).functions == 15028134
    assert chi(1) == 0 and stats["flats"] == 834900


def test_resonance_six():
    chi, _ = symmetric_characteristic_polynomial(library.resonance(6), resonance_group(6))
    assert abs(chi(-1)) == 1066044


def test_cubepm1_same_polynomial():
    chi, _ = symmetric_characteristic_polynomial(library.threshold(4, domain="cubepm1"), cube_group(4))
    assert chi == characteristic_polynomial(library.threshold(4))


@pytest.mark.slow
def test_resonance_seven_betti_numbers():
    """Betti numbers of R_7 as published with CountingChambers.jl (a few minutes)."""
    chi, _ = symmetric_characteristic_polynomial(library.resonance(7), resonance_group(7))
    assert [abs(c) for c in chi.coefficients] == [1, 127, 7035, 215439, 3831835, 37769977, 169824305, 135677633]


@pytest.mark.parametrize("weights", ["free", "symmetric", "zero-diagonal", "symmetric-zero-diagonal"])
def test_hopfield_group_orbits_equal_lattice(weights):
    from weightspace.arch.hopfield import HopfieldNetwork
    from weightspace.exact import rank
    network = HopfieldNetwork(2, weights)
    A = network.arrangement()
    group = network.symmetry_group()
    chi, _ = symmetric_characteristic_polynomial(A, group)
    assert chi == characteristic_polynomial(A)
    rng = np.random.default_rng(1)
    big = HopfieldNetwork(3, weights)
    big_group, big_arrangement = big.symmetry_group(), big.arrangement()
    for _ in range(40):  # every element maps independent sets to independent sets of the same rank
        subset = rng.choice(len(big_arrangement), size=4, replace=False)
        g = big_group[rng.integers(len(big_group))]
        assert rank([big_arrangement.normals[i] for i in subset]) == \
            rank([big_arrangement.normals[g[i]] for i in subset])


def test_hopfield_symmetric_three_nodes_by_flat_orbits():
    """271,600 one-step maps with symmetric weights by flat orbits; the same count by enumerating the chambers
    (and by eliminating the thresholds) is checked in ``test_elimination.py``."""
    from weightspace.arch.hopfield import count_hopfield
    result = count_hopfield(3, "symmetric")
    assert result.method == "symmetric-charpoly"
    assert result.count == 271600
