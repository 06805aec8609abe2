"""Polynomial threshold units and the one-step simplicial Hopfield network: counts by two routes, the parity
functions, and the maps the setwise weights add."""

from itertools import product

import pytest

from weightspace.arch.base import realize
from weightspace.arch.hopfield.simplicial import SimplicialHopfield, added_maps
from weightspace.arch.threshold.polynomial import PolynomialThresholdUnit, coefficient_count
from weightspace.errors import InvalidInput
from weightspace.spec_options import CountOptions
from weightspace.specs import count, resolve


@pytest.mark.parametrize("spec,expected", [("ptf:1:1", 4), ("ptf:2:1", 14), ("ptf:2:2", 16), ("ptf:3:1", 104),
                                           ("ptf:3:2", 254), ("ptf:3:3", 256), ("ptf:3:2:cubepm1", 254)])
def test_ptf_counts_by_enumeration_and_by_the_characteristic_polynomial(spec, expected):
    obj = resolve(spec)
    assert count(obj).count == expected
    assert count(obj, CountOptions(method="charpoly")).count == expected


def test_ptf_4_2_two_routes():
    obj = resolve("ptf:4:2")
    assert count(obj).count == count(obj, CountOptions(method="charpoly")).count == 57574


def test_the_two_missing_functions_of_degree_n_minus_1_are_parity_by_lp():
    unit = PolynomialThresholdUnit(3, 2)
    missing = []
    for bits in product("01", repeat=8):
        table = "".join(bits)
        answer = realize(unit, table)
        if answer.realizable:
            assert unit.evaluate(answer.witness.parameters) == tuple(int(b) for b in table)
        else:
            missing.append(table)
    assert missing == ["01101001", "10010110"]          # parity and its complement: 254 by LP as by chambers
    witness = realize(PolynomialThresholdUnit(3, 3), "01101001")
    assert witness.realizable and all(float(x).is_integer() for x in witness.witness.parameters)


def test_simplicial_dimension_one_is_the_classical_symmetric_zero_diagonal_network():
    assert count(resolve("simplicial-hopfield:3:1")).count == count(resolve("hopfield:3:symmetric-zero-diagonal")).count == 1164
    assert count(resolve("simplicial-hopfield:2:1")).count == count(resolve("hopfield:2:symmetric-zero-diagonal")).count


def test_triangles_add_maps_each_certified():
    total = count(resolve("simplicial-hopfield:3:2")).count
    added = added_maps(3, 2)
    assert total == 1862 and len(added) == total - 1164
    assert (0, 0, 0, 4, 0, 2, 1, 7) not in added        # "fire iff the other two are on" is AND: pairwise suffices
    lower, higher = SimplicialHopfield(3, 1), SimplicialHopfield(3, 2)
    for mapping in added[::97]:
        certificate = realize(lower, mapping)
        assert not certificate.realizable and certificate.certificate.kind == "gordan"
        assert realize(higher, mapping).realizable


def test_bad_specs():
    with pytest.raises(InvalidInput):
        resolve("ptf:3:4")
    with pytest.raises(InvalidInput):
        resolve("simplicial-hopfield:3:3")
    with pytest.raises(InvalidInput):
        resolve("ptf:3")
    assert coefficient_count(5, 2) == 16
