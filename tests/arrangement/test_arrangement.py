"""Arrangements: counts by independent routes, lattices, faces, restriction and deletion."""

from itertools import product

import pytest

from weightspace import library
from weightspace.arch.threshold import realize_threshold
from weightspace.arrangement import (Arrangement, chamber_complex, characteristic_polynomial, count_chambers,
                                     f_vector, f_vector_by_flats, faces, intersection_lattice, region_counts,
                                     verify_chamber, whitney_characteristic_polynomial)
from weightspace.domain import cube01
from weightspace.errors import InvalidInput

from conftest import RESONANCE_COUNTS, THRESHOLD_COUNTS


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_threshold_counts_charpoly_and_enumeration(n):
    A = library.threshold(n)
    by_zaslavsky = region_counts(A).chambers
    by_enumeration = count_chambers(A)
    assert by_zaslavsky == by_enumeration == THRESHOLD_COUNTS[n]


@pytest.mark.parametrize("n", [1, 2, 3])
def test_threshold_counts_three_routes(n):
    """Zaslavsky, enumeration and brute-force certified LP over every truth table agree."""
    domain = cube01(n)
    by_lp = sum(realize_threshold(t, domain).realizable for t in product((0, 1), repeat=2 ** n))
    A = library.threshold(n)
    assert by_lp == count_chambers(A) == region_counts(A).chambers == THRESHOLD_COUNTS[n]


def test_enumerated_chambers_are_exactly_the_lp_realisable_tables():
    domain = cube01(3)
    complex_ = chamber_complex(library.threshold(3))
    tables = {tuple(1 if s > 0 else 0 for s in c.signs) for c in complex_}
    by_lp = {t for t in product((0, 1), repeat=8) if realize_threshold(t, domain).realizable}
    assert tables == by_lp


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_resonance_counts(n):
    A = library.resonance(n)
    assert count_chambers(A) == region_counts(A).chambers == RESONANCE_COUNTS[n]


def test_reference_characteristic_polynomial_n4():
    assert characteristic_polynomial(library.threshold(4)).coefficients == (1, -16, 120, -460, 820, -465)


@pytest.mark.parametrize("A", [library.threshold(2), library.threshold(3), library.braid(4), library.resonance(3),
                               library.generic(3, 6), library.hopfield(2, "symmetric").arrangement(),
                               Arrangement.from_rational([(1, 0), (0, 1), (1, 1), (1, -1)], [0, 0, 1, 2])],
                         ids=["threshold2", "threshold3", "braid4", "resonance3", "generic", "hopfield-sym",
                              "affine"])
def test_charpoly_lattice_equals_whitney(A):
    assert characteristic_polynomial(A) == whitney_characteristic_polynomial(A)


def test_braid_has_factorial_chambers():
    for n, expected in [(3, 6), (4, 24), (5, 120)]:
        assert count_chambers(library.braid(n)) == region_counts(library.braid(n)).chambers == expected
        assert characteristic_polynomial(library.braid(n))(-1) * (-1) ** n == expected


def test_every_chamber_witness_verifies_exactly():
    A = library.threshold(4)
    complex_ = chamber_complex(A)
    assert all(verify_chamber(A, c) for c in complex_)
    assert all(all(isinstance(x, int) for x in c.witness) for c in complex_)


def test_facets_and_adjacency():
    complex_ = chamber_complex(library.threshold(2))
    graph = complex_.adjacency_graph()
    # every facet is shared by exactly two chambers: edges = (sum of facet counts) / 2
    assert graph.number_of_edges() * 2 == sum(len(complex_.facets(k)) for k in range(len(complex_)))
    # the facets of a chamber are the walls whose crossing gives a chamber, found again by LP
    for k in range(len(complex_)):
        chamber = complex_.chamber(k)
        table = [1 if s > 0 else 0 for s in chamber.signs]
        for i in range(4):
            flipped = list(table)
            flipped[i] ^= 1
            assert (i in complex_.facets(k)) == realize_threshold(flipped, n=2).realizable


def test_affine_arrangement_counts():
    # three lines in general position: 7 regions, 1 bounded
    A = Arrangement.from_rational([(1, 0), (0, 1), (1, 1)], [0, 0, 1])
    counts = region_counts(A)
    assert (counts.chambers, counts.bounded_chambers) == (7, 1)
    assert count_chambers(A) == 7
    assert f_vector(A) == f_vector_by_flats(A) == [3, 9, 7]
    for chamber in chamber_complex(A):
        assert verify_chamber(A, chamber)


def test_parallel_lines():
    A = Arrangement.from_rational([(1, 0), (1, 0), (0, 1)], [0, 1, 0])
    assert count_chambers(A) == region_counts(A).chambers == 6
    assert f_vector(A) == [2, 7, 6]


def test_repeated_hyperplanes_count_once():
    A = Arrangement.from_rational([(1, 0), (2, 0), (0, 1), (0, -3)])
    assert count_chambers(A) == region_counts(A).chambers == 4
    assert characteristic_polynomial(A).coefficients == (1, -2, 1)


@pytest.mark.parametrize("n,expected", [(2, [1, 12, 24, 14]), (3, [1, 40, 192, 256, 104]),
                                        (4, [1, 280, 2320, 6080, 5920, 1882])])
def test_threshold_f_vectors(n, expected):
    A = library.threshold(n)
    f = f_vector(A)
    assert f == expected
    assert sum((-1) ** k * x for k, x in enumerate(f)) == (-1) ** A.dimension  # Euler relation


@pytest.mark.parametrize("A", [library.threshold(3), library.braid(4), library.resonance(3),
                               library.hopfield(2, "zero-diagonal").arrangement()],
                         ids=["threshold3", "braid4", "resonance3", "hopfield-zd"])
def test_f_vector_two_routes(A):
    f = f_vector(A)
    assert f == f_vector_by_flats(A)
    lineality = A.dimension - A.rank
    assert sum((-1) ** k * x for k, x in enumerate(f)) == (-1) ** A.dimension
    assert all(x == 0 for x in f[:lineality]) and f[lineality] == 1


def test_face_poset_is_graded_and_consistent():
    enumeration = faces(library.threshold(2))
    poset = enumeration.face_poset()
    assert poset.is_interval_graded()
    assert poset.rank_sizes() == [1, 12, 24, 14]
    # a 2-dimensional face of a 3-dimensional central arrangement is a wedge with two rays: 2 lower covers
    lower = {}
    for x, y in poset.covers:
        lower.setdefault(y, []).append(x)
    for k, dim in enumerate(enumeration.dimensions):
        if dim == 2:
            assert len(lower[k]) == 2
        if dim == 1:
            assert len(lower[k]) == 1


def test_face_posets_of_the_two_cubes_are_isomorphic():
    """{0,1}^2 and {-1,1}^2 differ by an affine change of inputs, a linear isomorphism of parameter space."""
    a = faces(library.threshold(2)).face_poset()
    b = faces(library.threshold(2, domain="cubepm1")).face_poset()
    assert a.is_isomorphic(b)
    c = faces(library.braid(3)).face_poset()
    assert not a.is_isomorphic(c)


def test_graphml_roundtrip(tmp_path):
    import networkx as nx
    poset = faces(library.threshold(2)).face_poset()
    path = tmp_path / "poset.graphml"
    poset.write_graphml(path)
    graph = nx.read_graphml(path)
    assert graph.number_of_nodes() == 51 and graph.number_of_edges() == len(poset.covers)


def test_lattice_of_threshold_arrangement():
    lattice = intersection_lattice(library.threshold(3))
    assert lattice.whitney_numbers(1) == [1, -8, 28, -44, 23]
    assert lattice.whitney_numbers(2)[0] == 1 and lattice.whitney_numbers(2)[1] == 8
    diagram = lattice.hasse_diagram()
    assert diagram.number_of_nodes() == len(lattice.flats)


def test_deletion_restriction_recurrence():
    """r(A) = r(A \\ H) + r(A^H) for every hyperplane (Zaslavsky)."""
    A = library.threshold(3)
    total = region_counts(A).chambers
    for i in range(len(A)):
        assert total == count_chambers(A.deletion(i)) + count_chambers(A.restriction(i))
        chi = characteristic_polynomial(A).coefficients
        chi_del = characteristic_polynomial(A.deletion(i)).coefficients
        chi_res = characteristic_polynomial(A.restriction(i)).coefficients
        assert chi == tuple(a - b for a, b in zip(chi_del, (0,) + chi_res))


def test_restriction_of_threshold_is_resonance():
    """Restricting the threshold arrangement to any hyperplane gives the resonance arrangement."""
    for n in (2, 3):
        A = library.threshold(n)
        for i in range(len(A)):
            assert count_chambers(A.restriction(i)) == RESONANCE_COUNTS[n]


def test_essentialization():
    A = Arrangement.from_rational([(1, -1, 0), (0, 1, -1), (1, 0, -1)])  # braid, lineality (1,1,1)
    assert not A.is_essential
    E = A.essentialization()
    assert E.is_essential and E.dimension == 2
    assert count_chambers(E) == count_chambers(A) == 6
    assert f_vector(E) == [1, 6, 6] and f_vector(A) == [0, 1, 6, 6]


def test_cone_doubles_chambers():
    A = Arrangement.from_rational([(1, 0), (0, 1), (1, 1)], [0, 0, 1])
    assert count_chambers(A.cone()) == 2 * count_chambers(A)


def test_invalid_arrangements():
    with pytest.raises(InvalidInput):
        Arrangement.from_rational([(0, 0)])
    with pytest.raises(InvalidInput):
        Arrangement(((1, 0),), (0,), 3)
    with pytest.raises(InvalidInput):
        library.threshold(2).restriction(9)


@pytest.mark.slow
def test_threshold_count_four_inputs_by_lp():
    """Brute force over all 65,536 truth tables of 4 inputs (about 3 minutes; run by benchmarks/core.py)."""
    from weightspace.arch.threshold import count_threshold
    assert count_threshold(cube01(4), "lp").count == THRESHOLD_COUNTS[4] == count_chambers(library.threshold(4))
