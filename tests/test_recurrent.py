"""Recurrent dynamics: counts by composition vs. sampling, witnesses, cells, claims, single-network dynamics."""

from functools import lru_cache
from itertools import combinations, permutations, product

import numpy as np
import pytest

from weightspace.arch.hopfield import cell_structure, coarsened_poset
from weightspace.arch.hopfield import analyse, energy
from weightspace.arch.hopfield import HopfieldNetwork, WEIGHT_CONSTRAINTS
from weightspace.arch.hopfield import product_chambers
from weightspace.arch.hopfield import (conjugate_maps, count_dynamics, distinct, expressivity_table, key_to_map,
                                        keys_to_maps, map_keys, one_step_chambers, realize_dynamics, realized_keys,
                                        relabelling, streamed_keys)
from weightspace.claims import evaluate_claims
from weightspace.errors import InvalidInput


@lru_cache(maxsize=None)
def chambers_of(n, weights):
    """One-step chambers, enumerated once per module (the 3-node symmetric arrangement takes ~20 s)."""
    return one_step_chambers(n, weights)


def simulate(W, theta, x, n, steps, update, order):
    """Plain, independent simulator on tuples of bits."""
    state = [(x >> i) & 1 for i in range(n)]
    for _ in range(steps):
        if update == "sync":
            state = [int(sum(W[i][j] * state[j] for j in range(n)) + theta[i] > 0) for i in range(n)]
        else:
            for u in order:
                state[u] = int(sum(W[u][j] * state[j] for j in range(n)) + theta[u] > 0)
    return sum(b << i for i, b in enumerate(state))


def sampled_maps(n, weights, bound, steps, update, orders):
    network = HopfieldNetwork(n, weights)
    found = set()
    for vector in product(range(-bound, bound + 1), repeat=network.dimension):
        W, theta = network.parameters(vector)
        for order in orders:
            found.add(tuple(simulate(W, theta, x, n, steps, update, order) for x in range(2 ** n)))
    return found


def enumerated_maps(n, weights, steps, update, order=None):
    return {key_to_map(k, n) for k in realized_keys(one_step_chambers(n, weights), steps, update, order)}


@pytest.mark.parametrize("weights,bound", [("free", 2), ("symmetric", 3), ("zero-diagonal", 3),
                                           ("symmetric-zero-diagonal", 4)])
def test_two_routes_two_nodes(weights, bound):
    """Composition of enumerated chambers equals brute-force sampling of integer parameters."""
    for steps in (1, 2, 3):
        assert enumerated_maps(2, weights, steps, "sync") == sampled_maps(2, weights, bound, steps, "sync", [None])
    orders = list(permutations(range(2)))
    assert enumerated_maps(2, weights, 1, "async") == sampled_maps(2, weights, bound, 1, "async", orders)
    assert enumerated_maps(2, weights, 2, "async", (1, 0)) == sampled_maps(2, weights, bound, 2, "async", [(1, 0)])


@pytest.mark.parametrize("weights", WEIGHT_CONSTRAINTS)
def test_any_order_by_relabelling_equals_composing_every_order(weights):
    """Order pi's maps are the relabelled conjugates of order 1..n's, so "any order" needs one order composed."""
    for n in (2, 3):
        chambers = chambers_of(n, weights)
        for steps in (1, 2, 3) if n == 2 else (1, 2):
            identity = realized_keys(chambers, steps, "async", tuple(range(n)))
            for perm in permutations(range(n)):
                conjugates = distinct(map_keys(conjugate_maps(keys_to_maps(identity, n), perm, n), n))
                assert np.array_equal(conjugates, realized_keys(chambers, steps, "async", perm))
            by_symmetry = realized_keys(chambers, steps, "async", None)
            assert np.array_equal(by_symmetry, realized_keys(chambers, steps, "async", None, symmetry=False))
            assert len(by_symmetry) > len(identity) or n == 1


def test_relabelling_is_the_network_relabelled():
    """Conjugating a simulated map by P_pi equals simulating the network with units relabelled by pi."""
    rng = np.random.default_rng(11)
    for _ in range(20):
        W = rng.integers(-3, 4, (3, 3)).tolist()
        theta = rng.integers(-3, 4, 3).tolist()
        perm = tuple(int(v) for v in rng.permutation(3))
        W2 = [[0] * 3 for _ in range(3)]
        theta2 = [0] * 3
        for i in range(3):
            theta2[perm[i]] = theta[i]
            for j in range(3):
                W2[perm[i]][perm[j]] = W[i][j]
        original = np.array([[simulate(W, theta, x, 3, 1, "async", (0, 1, 2)) for x in range(8)]], dtype=np.uint8)
        relabelled = [simulate(W2, theta2, x, 3, 1, "async", perm) for x in range(8)]
        assert conjugate_maps(original, perm, 3)[0].tolist() == relabelled
        assert sorted(relabelling(perm, 3).tolist()) == list(range(8))


def test_streamed_any_order_by_symmetry():
    chambers = product_chambers(3, "zero-diagonal")
    for steps in (1, 2):
        assert np.array_equal(streamed_keys(chambers, steps, "async", None),
                              streamed_keys(chambers, steps, "async", None, symmetry=False))


def test_three_nodes_sampling_is_contained():
    rng = np.random.default_rng(3)
    for weights in ("symmetric-zero-diagonal", "zero-diagonal"):
        network = HopfieldNetwork(3, weights)
        maps = enumerated_maps(3, weights, 2, "sync")
        for _ in range(300):
            W, theta = network.parameters([int(v) for v in rng.integers(-5, 6, network.dimension)])
            assert tuple(simulate(W, theta, x, 3, 2, "sync", None) for x in range(8)) in maps


def test_counts_table_values():
    assert [count_dynamics(2, k).maps for k in range(1, 7)] == [196, 74, 96, 57, 112, 42]
    chambers = one_step_chambers(3, "symmetric-zero-diagonal")
    assert count_dynamics(3, 1, weights="symmetric-zero-diagonal", chambers=chambers).maps == 1164
    rows = expressivity_table(2, max_steps=2, weights=("free",))
    assert {(r["update"], str(r["order"]), r["steps"]): r["maps"] for r in rows}[("sync", "None", 1)] == 196


@pytest.mark.parametrize("weights", WEIGHT_CONSTRAINTS)
def test_realize_dynamics_witness_or_impossible(weights):
    n = 2
    reachable = enumerated_maps(n, weights, 2, "sync")
    for mapping in list(product(range(4), repeat=4))[::7]:
        result = realize_dynamics(n, mapping, steps=2, weights=weights)
        assert result.realizable == (mapping in reachable)
        if result.realizable:
            network = HopfieldNetwork(n, weights)
            W, theta = result.witness.W, result.witness.theta
            assert network.satisfies_constraint(W)
            assert tuple(simulate(W, theta, x, n, 2, "sync", None) for x in range(4)) == mapping
        else:
            assert result.to_dict()["certificate"]["one_step_chambers_checked"] == len(one_step_chambers(n, weights))


def test_realize_async_with_order():
    result = realize_dynamics(2, "0,0,0,0", steps=1, update="async", order="2,1")
    assert result.realizable and result.to_dict()["witness"]["order"] == [2, 1]


def _chambers_and_signs(weights):
    chambers = one_step_chambers(2, weights)
    signs = np.stack([(chambers.maps[:, x] >> u) & 1 for u in range(2) for x in range(4)], axis=1)
    return chambers, signs


@pytest.mark.parametrize("weights", WEIGHT_CONSTRAINTS)
def test_convexity_matches_interval_criterion(weights):
    """Independent check: a union of chambers is convex iff it contains every chamber between two of its
    chambers (chambers agreeing with both wherever the two agree: T-convexity of oriented matroids)."""
    chambers, signs = _chambers_and_signs(weights)
    for steps in (2, 3):
        structure = cell_structure(chambers, steps)
        keys = map_keys(np.stack([np.array(r.mapping) for r in structure.rows]), 2)
        labels = map_keys(__import__("weightspace.arch.hopfield", fromlist=["sync_power"]).sync_power(
            chambers.maps, steps), 2)
        for row, key in zip(structure.rows, keys):
            members = set(np.nonzero(labels == key)[0].tolist())
            convex = True
            for a, b in combinations(sorted(members), 2):
                agree = signs[a] == signs[b]
                between = np.nonzero(np.all(signs[:, agree] == signs[a][agree], axis=1))[0]
                if not set(between.tolist()) <= members:
                    convex = False
                    break
            assert convex == row.convex
            assert row.chambers == len(members)


def test_connectivity_matches_networkx():
    import networkx as nx
    from weightspace.arch.hopfield import sync_power
    chambers = one_step_chambers(2)
    labels = map_keys(sync_power(chambers.maps, 2), 2)
    graph = nx.Graph()
    graph.add_nodes_from(range(len(chambers)))
    for a, b in zip(chambers.edge_source, chambers.edge_target):
        if labels[a] == labels[b]:
            graph.add_edge(int(a), int(b))
    structure = cell_structure(chambers, 2)
    for row in structure.rows:
        key = map_keys(np.array([row.mapping]), 2)[0]
        members = np.nonzero(labels == key)[0]
        assert row.components == nx.number_connected_components(graph.subgraph(members.tolist()))


def test_adjacent_chambers_differ_by_their_wall():
    chambers = one_step_chambers(2, "symmetric")
    for a, b, u, x in zip(chambers.edge_source, chambers.edge_target, chambers.edge_unit, chambers.edge_input):
        diff = chambers.maps[a] ^ chambers.maps[b]
        assert (int(diff[x]) >> int(u)) & 1


def test_coarsened_poset_covers_every_map():
    chambers = one_step_chambers(2, "symmetric-zero-diagonal")
    poset = coarsened_poset(chambers, 2)
    assert len(poset) == count_dynamics(2, 2, weights="symmetric-zero-diagonal").maps


def test_claims_and_their_counterexamples():
    evaluated = evaluate_claims(2)
    claims = {c.id: c for c in evaluated}
    by_nodes = {(c.id, c.nodes): c for c in evaluated}
    # docs/claims.md states every claim the command reports, with the verdict it finds
    import re
    from pathlib import Path
    text = (Path(__file__).resolve().parents[1] / "docs" / "claims.md").read_text()
    sections = dict(re.findall(r"### `([^`]+)`(.*?)(?=\n### |\Z)", text, re.S))
    assert set(sections) == set(claims)
    for claim in evaluated:
        assert f"**{claim.status}**" in sections[claim.id], claim.id
        assert claim.reading and claim.to_dict()["verdict"] == claim.status
    assert set(claims) >= {"example4", "cor1.1", "cor1.1-ksteps", "prop1", "prop3-coarsening", "prop3-maps",
                           "prop4-one-unit", "prop4-sweep", "cor1.1-async", "prop2", "prop5-mpf"}
    # issue 32: each reading of Prop. 4 and Cor. 1.1 at the sizes the source states, and beyond where labelled
    assert by_nodes["prop4-one-unit", 2].status == by_nodes["prop4-one-unit", 3].status == "holds"
    assert by_nodes["prop4-sweep", 2].status == "holds" and by_nodes["prop4-sweep", 3].status == "fails"
    assert "extension beyond the source" in by_nodes["prop4-sweep", 3].reading
    assert by_nodes["cor1.1-async", 2].status == "holds"
    assert "stand-in" in claims["prop5"].reading and claims["prop5-mpf"].status == "holds"
    assert claims["prop5-mpf"].evidence["storable_sets"] == claims["prop5-mpf"].evidence["stored_by_mpf"] > 0
    assert claims["example4"].status == "holds" and claims["example4"].evidence["realizable"] == 196
    assert claims["cor1.1"].status == "holds"
    # every failure carries an integer counterexample that plain simulation confirms
    c = claims["cor1.1-ksteps"]
    assert c.status == "fails"
    W, theta, k = c.evidence["network"]["W"], c.evidence["network"]["theta"], c.evidence["steps"]
    unit = c.evidence["unit"] - 1
    table = tuple((simulate(W, theta, x, 2, k, "sync", None) >> unit) & 1 for x in range(4))
    assert table in {(0, 1, 1, 0), (1, 0, 0, 1)}
    c = claims["prop3-maps"]
    assert c.status == "fails"
    W, theta, k = c.evidence["network"]["W"], c.evidence["network"]["theta"], c.evidence["steps"]
    g = tuple(simulate(W, theta, x, 2, k, "sync", None) for x in range(4))
    assert list(g) == c.evidence["k_step_map"]
    assert not HopfieldNetwork(2).realize(g).realizable
    c = by_nodes["prop4-sweep", 3]
    assert c.status == "fails"
    W, theta, order = c.evidence["network"]["W"], c.evidence["network"]["theta"], [u - 1 for u in c.evidence["order"]]
    g = tuple(simulate(W, theta, x, 3, 1, "async", order) for x in range(8))
    assert list(g) == c.evidence["async_map"] and not HopfieldNetwork(3).realize(g).realizable
    assert by_nodes["prop4-sweep", 2].status == "holds"
    c = claims["prop1-ksteps"]
    assert c.status == "fails"
    mid = c.evidence["sum_of_the_two (a positive multiple of the midpoint)"]
    for name in ("first", "second"):
        p = c.evidence[name]
        assert [simulate(p["W"], p["theta"], x, 2, 2, "sync", None) for x in range(4)] == c.evidence["map"]
    assert [simulate(mid["W"], mid["theta"], x, 2, 2, "sync", None) for x in range(4)] != c.evidence["map"]


def test_single_network_dynamics():
    result = analyse([[0, 1], [1, 0]], [0, 0])
    assert result.fixed_points == [0, 3] and result.attractors == [[0], [1, 2], [3]]
    assert result.basins == [1, 2, 1]
    asynchronous = analyse([[0, 1], [1, 0]], [0, 0], "async")
    assert asynchronous.attractors == [[0], [3]]
    assert asynchronous.energy_check["non_increasing"]
    assert energy([[0, 1], [1, 0]], [0, 0], 3, 2) == -1
    # random symmetric zero-diagonal networks: energy never increases under asynchronous updates
    rng = np.random.default_rng(0)
    for _ in range(20):
        A = rng.integers(-3, 4, (4, 4))
        W = np.triu(A, 1) + np.triu(A, 1).T
        check = analyse(W.tolist(), rng.integers(-3, 4, 4).tolist(), "async").energy_check
        assert check["non_increasing"] and check["zero_diagonal"]


def test_scheme_errors():
    with pytest.raises(InvalidInput):
        count_dynamics(2, steps=0)
    with pytest.raises(InvalidInput):
        count_dynamics(2, update="parallel")
    with pytest.raises(InvalidInput):
        count_dynamics(2, update="async", order="1,1")
    with pytest.raises(InvalidInput):
        count_dynamics(2, update="sync", order="1,2")
    with pytest.raises(InvalidInput):
        analyse([[0, 1]], [0])


def test_streamed_table_equals_composed_table():
    """The 4-node table route (two streamed passes, other orders by relabelling) against composing every row."""
    from weightspace.budget import Budget
    composed = expressivity_table(3, max_steps=3, weights=("zero-diagonal",))
    small = Budget(max_chambers=100)                             # 14^3 = 2744 chambers now count as "too many"
    streamed = expressivity_table(3, max_steps=3, weights=("zero-diagonal",), budget=small)
    assert any(r["method"].startswith("relabelled") for r in streamed)
    assert [(r["update"], r["order"], r["steps"], r["maps"]) for r in streamed] == \
        [(r["update"], r["order"], r["steps"], r["maps"]) for r in composed]


@pytest.mark.parametrize("weights", WEIGHT_CONSTRAINTS)
def test_realize_any_order_by_relabelling(weights):
    """Realisation in any order (one order swept, targets relabelled) agrees with composing every order; the
    relabelled witness keeps the weight constraint and is re-simulated by the plain simulator."""
    rng = np.random.default_rng(5)
    chambers = chambers_of(3, weights)
    for steps in (1, 2):
        realised = {key_to_map(k, 3) for k in realized_keys(chambers, steps, "async", None, symmetry=False)}
        listed = sorted(realised)
        targets = [listed[i] for i in rng.integers(0, len(listed), 10)]
        targets += [tuple(int(v) for v in rng.integers(0, 8, 8)) for _ in range(10)]
        for target in targets:
            result = realize_dynamics(3, list(target), steps, "async", None, weights, chambers=chambers)
            assert result.realizable == (target in realised)
            if result.realizable:
                W, theta, order = result.witness.W, result.witness.theta, [u - 1 for u in result.witness.order]
                assert tuple(simulate(W, theta, x, 3, steps, "async", order) for x in range(8)) == target
                if "symmetric" in weights:
                    assert all(W[i][j] == W[j][i] for i in range(3) for j in range(3))
                if "zero-diagonal" in weights:
                    assert all(W[i][i] == 0 for i in range(3))
            else:
                assert "relabelled" in result.to_dict()["certificate"]["statement"]


@pytest.mark.parametrize("weights", WEIGHT_CONSTRAINTS)
def test_synchronous_maps_are_closed_under_the_cube_symmetries(weights):
    """Relabelling units and flipping a unit's 0/1 meaning on input and output preserve every weight constraint,
    so the realised k-step maps are closed under the 48 conjugations of 3 nodes (not true of arbitrary map sets)."""
    chambers = chambers_of(3, weights)
    for steps in (1, 2, 3):
        keys = realized_keys(chambers, steps, "sync", None)
        maps = keys_to_maps(keys, 3)
        for perm in permutations(range(3)):
            for flips in range(8):
                assert np.array_equal(distinct(map_keys(conjugate_maps(maps, perm, 3, flips), 3)), keys)
    sample = keys_to_maps(keys[:5], 3)           # a set that is not closed: the test can fail
    assert not np.array_equal(distinct(map_keys(conjugate_maps(sample, (1, 0, 2), 3, 5), 3)), keys[:5])
