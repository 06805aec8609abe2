"""One-step Hopfield networks under the four weight constraints."""

from itertools import product
import random

import pytest

from weightspace import library
from weightspace.arch.hopfield import WEIGHT_CONSTRAINTS, HopfieldNetwork
from weightspace.arrangement import count_chambers, region_counts
from weightspace.arch.hopfield import count_hopfield
from weightspace.errors import InvalidInput


def _all_maps(n):
    return product(range(2 ** n), repeat=2 ** n)


def test_example4_two_nodes_free():
    network = HopfieldNetwork(2)
    results = [network.realize(m) for m in _all_maps(2)]
    realizable = [r for r in results if r.realizable]
    impossible = [r for r in results if not r.realizable]
    assert len(realizable) == 196 and len(impossible) == 60
    assert all((r.verify() is r) for r in results)
    # exactly the maps with a unit computing XOR or XNOR are impossible (Corollary 1.1)
    xor_like = {(0, 1, 1, 0), (1, 0, 0, 1)}
    for r in results:
        tables = [tuple((y >> i) & 1 for y in r.target) for i in range(2)]
        assert r.realizable == (not any(t in xor_like for t in tables))


@pytest.mark.parametrize("weights", WEIGHT_CONSTRAINTS)
def test_two_nodes_three_routes(weights):
    """Chambers by enumeration, by Zaslavsky, and certified LP over all 256 maps agree."""
    network = HopfieldNetwork(2, weights)
    A = network.arrangement()
    results = [network.realize(m) for m in _all_maps(2)]
    assert all((r.verify() is r) for r in results)
    by_lp = sum(r.realizable for r in results)
    assert by_lp == count_chambers(A) == region_counts(A).chambers == count_hopfield(2, weights).count


@pytest.mark.parametrize("weights", ["zero-diagonal", "symmetric-zero-diagonal"])
def test_three_nodes_enumeration_equals_charpoly(weights):
    A = HopfieldNetwork(3, weights).arrangement()
    assert count_chambers(A) == region_counts(A).chambers


def test_zero_diagonal_is_a_product_of_two_input_units():
    # with W_ii = 0 unit i sees only the other n - 1 inputs: (T(n-1))^n maps (route auto: the product)
    for n in (2, 3):
        product = count_hopfield(n, "zero-diagonal").count
        assert product == count_hopfield(n, "zero-diagonal", method="enumeration").count == \
            count_hopfield(n, "zero-diagonal", method="charpoly").count == {2: 4 ** 2, 3: 14 ** 3}[n]
    # 4 nodes: the product of per-unit counts by class enumeration, against Zaslavsky on one unit's arrangement
    assert count_hopfield(4, "zero-diagonal").count == region_counts(library.threshold(3)).chambers ** 4 == 104 ** 4
    assert count_hopfield(1, "zero-diagonal").count == 2


def test_free_product_equals_full_arrangement():
    """The product count against the full one-step arrangement: enumerated at 2 nodes, Zaslavsky from one flat
    per orbit of the relabel/flip group at 3 nodes (24 hyperplanes in R^12)."""
    from weightspace.arrangement.invariants import charpoly_of
    assert count_hopfield(2, "free").count == count_hopfield(2, "free", method="enumeration").count == 196
    assert count_hopfield(3, "free").count == charpoly_of(HopfieldNetwork(3), "symmetric").chambers == 104 ** 3


@pytest.mark.parametrize("weights", WEIGHT_CONSTRAINTS)
def test_sampled_parameters_give_realisable_maps(weights):
    """Random integer parameters obeying the constraint realise maps the exact oracle accepts (n = 3)."""
    rng = random.Random(7)
    network = HopfieldNetwork(3, weights)
    for _ in range(40):
        vector = [rng.randint(-4, 4) for _ in range(network.dimension)]
        W, theta = network.parameters(vector)
        assert network.satisfies_constraint(W)
        mapping = network.map_of(W, theta)
        result = network.realize(mapping)
        assert result.realizable and (result.verify() is result)


def test_sampling_reaches_every_chamber_for_two_symmetric_nodes():
    """Brute-force sampling of a grid of integer parameters finds exactly the enumerated maps."""
    network = HopfieldNetwork(2, "symmetric")
    sampled = {network.map_of(*network.parameters(v)) for v in product(range(-3, 4), repeat=network.dimension)}
    enumerated = set()
    from weightspace.arrangement import chamber_complex
    complex_ = chamber_complex(network.arrangement())
    labels = network.arrangement().labels
    for chamber in complex_:
        mapping = [0] * 4
        for (unit, code), s in zip(labels, chamber.signs):
            if s > 0:
                mapping[code] |= 1 << unit
        enumerated.add(tuple(mapping))
    assert sampled == enumerated


def test_symmetric_certificate_uses_coupling():
    """With symmetric weights some maps are impossible although each unit alone is a threshold function."""
    network = HopfieldNetwork(2, "symmetric")
    free = HopfieldNetwork(2)
    coupled = [m for m in _all_maps(2) if free.realize(m).realizable and not network.realize(m).realizable]
    assert len(coupled) == 196 - 146
    result = network.realize(coupled[0])
    assert (result.verify() is result)
    assert len({t["unit"] for t in result.certificate.terms}) == 2  # the certificate involves both units


def test_invalid_networks():
    with pytest.raises(InvalidInput):
        HopfieldNetwork(0)
    with pytest.raises(InvalidInput):
        HopfieldNetwork(2, "antisymmetric")
    with pytest.raises(InvalidInput):
        HopfieldNetwork(2).realize("1,0,0")
    with pytest.raises(InvalidInput):
        HopfieldNetwork(2).realize("1,0,0,7")
    assert library.hopfield(2).n == 2
