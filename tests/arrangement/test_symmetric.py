"""Characteristic polynomials from flat orbits against the full intersection lattice and other routes."""

import numpy as np
import pytest

from weightspace import library
from weightspace.arrangement import characteristic_polynomial
from weightspace.arch.threshold import cube_group
from weightspace.arrangement.graph_symmetry import GraphSymmetry
from weightspace.arrangement.symmetric import _Canonizer, symmetric_characteristic_polynomial
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


def test_resonance_seven_betti_numbers():
    """Betti numbers of R_7 as published with CountingChambers.jl (a few seconds with the graph canonizer)."""
    chi, stats = symmetric_characteristic_polynomial(library.resonance(7), GraphSymmetry.resonance(7))
    assert [abs(c) for c in chi.coefficients] == [1, 127, 7035, 215439, 3831835, 37769977, 169824305, 135677633]
    assert stats["orbits"] == 1154 and stats["flats"] == 10923230


def test_threshold_seven_by_flat_orbits_is_t7():
    """chi of the threshold arrangement of 7 inputs: |chi(-1)| = T(7) (OEIS A000609), and chi(1) = 0."""
    chi, stats = symmetric_characteristic_polynomial(library.threshold(7), GraphSymmetry.cube(7))
    assert abs(chi(-1)) == 8378070864 and chi(1) == 0
    assert stats["orbits"] == 1693 and stats["flats"] == 190003314 and stats["group_order"] == 2 ** 7 * 5040


@pytest.mark.parametrize("kind, n", [("cube", 2), ("cube", 3), ("cube", 4), ("cube", 5), ("resonance", 2),
                                     ("resonance", 3), ("resonance", 4), ("resonance", 5)])
def test_graph_symmetry_equals_the_whole_group(kind, n):
    """Two routes to the same orbit data: nauty on the coloured graph against enumerating every group element. On
    random hyperplane sets (and on every flat the algorithm visits) the keys agree exactly on orbits, and the
    stabiliser orders and hyperplane orbits are equal."""
    graph = GraphSymmetry.cube(n) if kind == "cube" else GraphSymmetry.resonance(n)
    A = library.threshold(n) if kind == "cube" else library.resonance(n)
    brute = _Canonizer(cube_group(n) if kind == "cube" else resonance_group(n), len(A))
    assert graph.order == brute.order
    rng = np.random.default_rng(n)
    masks = [0, (1 << len(A)) - 1] + [int(sum(1 << int(h) for h in rng.choice(len(A), size=size, replace=False)))
                                      for size in rng.integers(1, len(A) + 1, size=60)]
    pairs = {}
    for mask in masks:
        key, order = graph.canonical(mask)
        best, brute_order = brute.canonical(mask)
        assert order == brute_order
        assert np.array_equal(graph.orbits(mask), brute.orbits(mask))
        assert pairs.setdefault(key, best) == best                  # one graph key -> one orbit
    assert len(set(pairs.values())) == len(pairs)                   # one orbit -> one graph key
    chi_graph, stats_graph = symmetric_characteristic_polynomial(A, graph)
    chi_brute, stats_brute = symmetric_characteristic_polynomial(A, brute.group)
    assert chi_graph == chi_brute and stats_graph == {**stats_brute, "seconds": stats_graph["seconds"]}
    if kind == "cube":                                              # the third route: |S| n! candidate symmetries
        from weightspace.arch.threshold import CubeSymmetry
        assert symmetric_characteristic_polynomial(A, CubeSymmetry(n))[0] == chi_graph


def test_graph_symmetry_rejects_bad_sides():
    from weightspace.errors import InvalidInput
    with pytest.raises(InvalidInput):
        GraphSymmetry(2, [], [[[0, 5]]])
    with pytest.raises(InvalidInput):
        GraphSymmetry.resonance(1)


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


def test_rank_checkpoint_resumes_after_an_interruption(tmp_path):
    """Stopped in the middle of rank 3, a rerun resumes from the saved rank 2 and ends with the same polynomial;
    a checkpoint of another arrangement is refused."""
    from weightspace.errors import InvalidInput
    A, path = library.threshold(5), tmp_path / "chi.json"
    expected, _ = symmetric_characteristic_polynomial(A, GraphSymmetry.cube(5))
    finished = []

    def stop_at_the_end_of_rank_two(done, total):
        finished.extend([1] if done == total else [])
        if len(finished) == 3:                       # ranks 0 and 1 are saved, rank 2 is not
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        symmetric_characteristic_polynomial(A, GraphSymmetry.cube(5), stop_at_the_end_of_rank_two, path)
    import json
    assert json.loads(path.read_text())["rank"] == 2
    levels = []
    chi, stats = symmetric_characteristic_polynomial(A, GraphSymmetry.cube(5),
                                                     lambda d, t: levels.extend([1] if d == t else []), path)
    assert chi == expected and stats["orbits"] == 50 and stats["flats"] == 12364
    assert len(levels) == A.dimension + 1 - 2        # the levels of ranks 0 and 1 were not computed again
    with pytest.raises(InvalidInput):
        symmetric_characteristic_polynomial(library.resonance(5), GraphSymmetry.resonance(5), None, path)


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5])
def test_count_threshold_by_orbits(n):
    from weightspace.arch.threshold.counting import count_threshold
    from weightspace.domain import cube01, cubepm1
    from conftest import THRESHOLD_COUNTS
    result = count_threshold(cube01(n), "orbits")
    assert result.count == THRESHOLD_COUNTS[n] == count_threshold(cubepm1(n), "orbits").count
    assert result.method == "flat-orbits"


@pytest.mark.parametrize("kind, n, workers", [("cube", 5, 1), ("resonance", 5, 2), ("cube", 6, 2)])
def test_sharded_ranks_equal_the_serial_route(kind, n, workers, tmp_path):
    """Each rank split into shards (in-process, or two worker processes), summed by process-independent orbit
    keys: the same polynomial, orbits and flats as the serial route; a rerun resumes from the checkpoint."""
    from weightspace.arrangement.orbit_shards import sharded_characteristic_polynomial
    A = library.threshold(n) if kind == "cube" else library.resonance(n)
    group = GraphSymmetry.cube(n) if kind == "cube" else GraphSymmetry.resonance(n)
    serial, serial_stats = symmetric_characteristic_polynomial(A, group)
    path = tmp_path / "chi.json"
    sharded, stats = sharded_characteristic_polynomial(A, group, workers=workers, shard_size=7, checkpoint=path)
    assert sharded == serial and (stats["orbits"], stats["flats"]) == (serial_stats["orbits"], serial_stats["flats"])
    assert stats["shards"] > A.dimension
    again, _ = sharded_characteristic_polynomial(A, group, workers=1, checkpoint=path)
    assert again == serial


def test_orbit_keys_do_not_depend_on_the_process():
    """The sharded route's key: equal exactly on orbits (against the whole group), the same from a fresh object."""
    from weightspace.arrangement.symmetric import _Canonizer
    first, second = GraphSymmetry.cube(4), GraphSymmetry.cube(4)
    brute = _Canonizer(cube_group(4), 16)
    rng = np.random.default_rng(3)
    names = {}
    for size in rng.integers(1, 17, size=80):
        mask = int(sum(1 << int(h) for h in rng.choice(16, size=size, replace=False)))
        key = first.key(mask)
        assert key == second.key(mask) and first.stabiliser_order(mask) == brute.canonical(mask)[1]
        assert names.setdefault(key, brute.canonical(mask)[0]) == brute.canonical(mask)[0]
    assert len(set(names.values())) == len(names)


@pytest.mark.parametrize("kind, n", [("cube", 4), ("cube", 6), ("resonance", 5)])
def test_top_ranks_summed_without_naming_their_orbits(kind, n):
    from weightspace.arrangement.orbit_shards import sharded_characteristic_polynomial
    A = library.threshold(n) if kind == "cube" else library.resonance(n)
    group = GraphSymmetry.cube(n) if kind == "cube" else GraphSymmetry.resonance(n)
    named, all_stats = sharded_characteristic_polynomial(A, group, workers=1)
    summed, stats = sharded_characteristic_polynomial(A, group, workers=1, name_last_ranks=False)
    assert summed == named and stats["orbits"] < all_stats["orbits"]
