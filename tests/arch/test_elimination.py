"""One-step chambers by eliminating the thresholds, against direct enumeration, Zaslavsky and plain sampling."""

from itertools import product

import numpy as np
import pytest

from weightspace.arch.hopfield import eliminated_chambers, order_arrangement
from weightspace.arch.hopfield import HopfieldNetwork, WEIGHT_CONSTRAINTS
from weightspace.arch.hopfield import (count_dynamics, count_hopfield, expressivity_table, key_to_map, map_keys,
                                        one_step_chambers, realized_keys)
from weightspace.arrangement import chamber_complex
from weightspace.errors import TooLarge

# Computed by `weightspace table hopfield --nodes 4 --weights symmetric-zero-diagonal` (67 s); recomputed by the
# slow test below. The one-step count is also Zaslavsky's count of the 4-node arrangement (charpoly hopfield).
SYMMETRIC_ZERO_DIAGONAL_4 = {1: 6_732_428, 2: 3_448_425}


def plain_map(W, theta, n):
    """The one-step map by the definition, on tuples of bits."""
    out = []
    for x in range(2 ** n):
        bits = [(x >> j) & 1 for j in range(n)]
        out.append(sum(int(sum(W[i][j] * bits[j] for j in range(n)) + theta[i] > 0) << i for i in range(n)))
    return tuple(out)


CASES = [(n, w) for n in (1, 2, 3) for w in WEIGHT_CONSTRAINTS if (n, w) != (3, "free")]


@pytest.mark.parametrize("n,weights", CASES)
def test_elimination_equals_direct_enumeration(n, weights):
    """Same maps as deletion-restriction in the full parameter space, as many as Zaslavsky says, the same
    adjacency, and every witness (all of them up to 2 nodes, a sample at 3) keeps the constraint and computes its
    map under the plain definition."""
    network = HopfieldNetwork(n, weights)
    eliminated = eliminated_chambers(network)
    direct = one_step_chambers(n, weights, route="direct")
    assert len(eliminated) == eliminated.zaslavsky == len(direct)
    if (n, weights) == (3, "symmetric"):      # the flat-orbit count of test_symmetric.py, by two more routes
        assert len(direct) == count_hopfield(3, "symmetric").count == 271600
    assert set(map_keys(eliminated.maps, n).tolist()) == set(map_keys(direct.maps, n).tolist())
    step = 1 if n <= 2 else max(1, len(eliminated) // 150)
    for c in range(0, len(eliminated), step):
        W, theta = eliminated.witness(c)
        assert network.satisfies_constraint(W)
        assert plain_map(W, theta, n) == tuple(int(v) for v in eliminated.maps[c])

    def edges(chambers):
        keys = map_keys(chambers.maps, n)
        return set(zip(keys[chambers.edge_source].tolist(), keys[chambers.edge_target].tolist(),
                       chambers.edge_unit.tolist(), chambers.edge_input.tolist()))
    assert edges(eliminated) == edges(direct)


@pytest.mark.parametrize("weights,bound", [("symmetric", 3), ("symmetric-zero-diagonal", 4)])
def test_elimination_equals_sampling_two_nodes(weights, bound):
    """Every integer parameter in a box, simulated, gives exactly the eliminated chambers' maps."""
    network = HopfieldNetwork(2, weights)
    sampled = {plain_map(*network.parameters(v), 2) for v in product(range(-bound, bound + 1),
                                                                     repeat=network.dimension)}
    assert {tuple(int(v) for v in m) for m in eliminated_chambers(network).maps} == sampled


def test_order_arrangement_sizes():
    # four nodes, symmetric zero diagonal: 4 units x 13 lines, the 6 lines W_ij = 0 shared by two units
    four = order_arrangement(HopfieldNetwork(4, "symmetric-zero-diagonal"))
    assert (len(four), four.dimension) == (46, 6)
    # three nodes: W_ij = 0 and W_ij +- W_ik = 0 in R^3 form the Coxeter arrangement B_3, 2^3 * 3! chambers
    three = order_arrangement(HopfieldNetwork(3, "symmetric-zero-diagonal"))
    assert len(chamber_complex(three)) == 48


def test_out_of_reach_says_so():
    with pytest.raises(TooLarge, match="thresholds eliminated"):
        one_step_chambers(4, "symmetric")
    with pytest.raises(TooLarge):
        eliminated_chambers(HopfieldNetwork(4, "symmetric"))


def test_listed_table_equals_composed_table(weights="symmetric-zero-diagonal"):
    """The 4-node symmetric route (eliminated chambers, one pass per scheme, orders by relabelling) against
    composing every row of the 3-node table."""
    from weightspace.budget import Budget
    composed = expressivity_table(3, max_steps=3, weights=(weights,))
    listed = expressivity_table(3, max_steps=3, weights=(weights,), budget=Budget(max_chambers=100))
    assert any("threshold elimination" in r["method"] for r in listed)
    assert any(r["method"].startswith("relabelled") for r in listed)
    assert [(r["update"], r["order"], r["steps"], r["maps"]) for r in listed] == \
        [(r["update"], r["order"], r["steps"], r["maps"]) for r in composed]


@pytest.mark.slow
def test_four_node_symmetric_zero_diagonal():
    """About 75 seconds (run by `python benchmarks/two_step.py --slow-tests`): the classic Hopfield network at 4
    nodes. Chambers by elimination == Zaslavsky; two-step maps; random integer networks, simulated by the plain
    definition, land in the composed sets."""
    chambers = one_step_chambers(4, "symmetric-zero-diagonal")
    assert len(chambers) == chambers.zaslavsky == SYMMETRIC_ZERO_DIAGONAL_4[1]
    assert count_dynamics(4, 2, weights="symmetric-zero-diagonal", chambers=chambers).maps == \
        SYMMETRIC_ZERO_DIAGONAL_4[2]
    one = set(map_keys(chambers.maps, 4).tolist())
    two = set(realized_keys(chambers, 2, "sync", None).tolist())
    network = HopfieldNetwork(4, "symmetric-zero-diagonal")
    rng = np.random.default_rng(11)
    for _ in range(500):
        W, theta = network.parameters([int(v) for v in rng.integers(-9, 10, network.dimension)])
        F = plain_map(W, theta, 4)
        key = int(map_keys(np.array([F]), 4)[0])
        assert key in one and key_to_map(key, 4) == F
        assert int(map_keys(np.array([[F[F[x]] for x in range(16)]]), 4)[0]) in two
