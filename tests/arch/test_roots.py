"""Decoupled (free / zero-diagonal) networks: streamed product of chambers, square roots, two-step estimates."""

from fractions import Fraction
from itertools import permutations

import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace.arch.hopfield import product_chambers
from weightspace.arch.hopfield import (count_dynamics, distinct, map_keys, one_step_chambers, realize_dynamics,
                                        map_of, sync_power)
from weightspace.arch.hopfield import RootCounter, brute_force_roots, estimate_two_step_maps
from weightspace.cli import app
from weightspace.errors import InvalidInput, TooLarge

runner = CliRunner()

# Exact counts made by composing all 104^4 one-step chambers of the 4-node zero-diagonal network (streamed product;
# recomputed by the slow test below and by `weightspace count hopfield --nodes 4 --weights zero-diagonal --steps 2`).
ZERO_DIAGONAL_4_TWO_STEPS = 75_859_512


@pytest.mark.parametrize("n,weights", [(2, "free"), (2, "zero-diagonal"), (3, "zero-diagonal")])
def test_product_is_the_enumerated_arrangement(n, weights):
    """The streamed product lists the same one-step maps as deletion-restriction on the full one-step arrangement
    (no product structure used: every chamber's sign vector read as a map)."""
    from weightspace.arch.hopfield import HopfieldNetwork
    from weightspace.arrangement import chamber_complex
    streamed = product_chambers(n, weights)
    arrangement = HopfieldNetwork(n, weights).arrangement()
    rows = []
    for chamber in chamber_complex(arrangement):
        out = [0] * 2 ** n
        for (unit, x), sign in zip(arrangement.labels, chamber.signs):
            out[x] |= (sign > 0) << unit
        rows.append(out)
    direct = np.array(rows, dtype=np.uint8)
    assert streamed.verified and len(streamed) == len(direct)
    blocks = np.concatenate([maps for _, maps in streamed.blocks()])
    assert np.array_equal(distinct(map_keys(blocks, n)), distinct(map_keys(direct, n)))
    rng = np.random.default_rng(n)
    for c in rng.integers(0, len(streamed), 25):
        W, theta = streamed.witness(int(c))
        if weights == "zero-diagonal":
            assert all(W[i][i] == 0 for i in range(n))
        assert map_of(W, theta, n, "sync", None, 1) == streamed.map(int(c)) == tuple(blocks[c].tolist())


def test_streamed_counts_equal_enumerated_counts():
    for weights in ("free", "zero-diagonal"):
        streamed, enumerated = product_chambers(3, weights), one_step_chambers(3, weights)
        for steps in (1, 2, 3):
            for update, order in (("sync", None), ("async", None), ("async", "3,1,2")):
                a = count_dynamics(3, steps, update, order, chambers=streamed)
                b = count_dynamics(3, steps, update, order, chambers=enumerated)
                assert a.maps == b.maps, (weights, steps, update, order)


def test_streamed_realization_witness_and_impossibility():
    streamed = product_chambers(3, "zero-diagonal")
    enumerated = one_step_chambers(3, "zero-diagonal")
    rng = np.random.default_rng(7)
    two_step = count_dynamics(3, 2, chambers=enumerated)
    for c in rng.integers(0, len(enumerated), 5):
        target = tuple(sync_power(enumerated.maps[[c]], 2)[0].tolist())
        result = realize_dynamics(3, target, steps=2, chambers=streamed)
        assert result.realizable and map_of(result.witness.W, result.witness.theta, 3, "sync", None, 2) == target
        assert all(result.witness.W[i][i] == 0 for i in range(3))
    # the identity needs units that see themselves: no zero-diagonal chamber gives it in one or two steps
    for steps in (1, 2):
        assert not realize_dynamics(3, list(range(8)), steps=steps, chambers=streamed).realizable
        assert not realize_dynamics(3, list(range(8)), steps=steps, chambers=enumerated).realizable
    assert two_step.maps == 1788


def test_distinct_matches_python_set():
    values = np.random.default_rng(0).integers(0, 50, 1000).astype(np.uint64)
    assert distinct(values).tolist() == sorted(set(values.tolist()))
    assert len(distinct(np.array([], dtype=np.uint64))) == 0


@pytest.mark.parametrize("n,weights", [(2, "free"), (2, "zero-diagonal"), (3, "zero-diagonal")])
def test_root_counts_equal_brute_force(n, weights):
    chambers = product_chambers(n, weights)
    counter = RootCounter(chambers)
    exact = brute_force_roots(chambers)
    assert {G: counter.count(G) for G in exact} == exact


def test_root_counts_three_free_nodes_sample():
    chambers = product_chambers(3)
    counter = RootCounter(chambers)
    exact = brute_force_roots(chambers)
    assert len(exact) == 319_622
    rng = np.random.default_rng(11)
    keys = list(exact)
    for i in rng.choice(len(keys), 400, replace=False):
        assert counter.count(keys[i]) == exact[keys[i]]
    # a map that is not a square of any one-step map has no roots; the limit stops early
    assert counter.count((1,) * 8) == exact[(1,) * 8]
    missing = next(G for G in permutations(range(8)) if G not in exact)
    assert counter.count(missing) == 0
    assert counter.count((0,) * 8, limit=3) == 3


def test_sum_of_inverse_root_counts_is_the_number_of_two_step_maps():
    """sum_F 1/r(F o F) = #two-step maps, in exact rationals over every one-step map (2 nodes)."""
    chambers = product_chambers(2)
    counter = RootCounter(chambers)
    total = Fraction(0)
    for _, maps in chambers.blocks():
        for G in sync_power(maps, 2):
            total += Fraction(1, counter.count(G.tolist()))
    assert total == count_dynamics(2, 2).maps == 74


def test_estimates_cover_exact_counts():
    three = estimate_two_step_maps(3, samples=3000, seed=5, workers=1)
    assert abs(three.estimate - 319_622) < 4 * three.standard_error
    assert three.standard_error < 0.05 * three.estimate
    four = estimate_two_step_maps(4, "zero-diagonal", samples=2000, seed=2, workers=1)
    assert abs(four.estimate - ZERO_DIAGONAL_4_TWO_STEPS) < 4 * four.standard_error
    assert four.one_step_maps == 104 ** 4 and sum(four.roots_histogram.values()) == 2000


def test_estimate_checkpoint_resumes(tmp_path):
    first = estimate_two_step_maps(3, samples=500, seed=9, workers=1, checkpoint=tmp_path)
    again = estimate_two_step_maps(3, samples=500, seed=9, workers=1, checkpoint=tmp_path)
    assert again.resumed_chunks == 2 and again.estimate == first.estimate
    # a larger run keeps the finished chunks and draws only the new ones
    more = estimate_two_step_maps(3, samples=750, seed=9, workers=1, checkpoint=tmp_path)
    assert more.resumed_chunks == 2 and more.samples == 750
    # an interrupted write (a cut last line) is ignored and that chunk is redone
    log = next(tmp_path.glob("*.jsonl"))
    log.write_text(log.read_text() + '{"chunk": 3, "roo')
    assert estimate_two_step_maps(3, samples=1000, seed=9, workers=1, checkpoint=tmp_path).resumed_chunks == 3


def test_bad_inputs():
    with pytest.raises(InvalidInput):
        estimate_two_step_maps(3, "symmetric")
    with pytest.raises(InvalidInput):
        estimate_two_step_maps(3, samples=1)
    with pytest.raises(InvalidInput):
        RootCounter(product_chambers(2)).count((0, 1, 2))
    with pytest.raises(InvalidInput):
        product_chambers(3, "symmetric")
    with pytest.raises(TooLarge):
        count_dynamics(4, 2)                      # 1882^4 one-step chambers


def test_cli_estimate_and_too_large():
    result = runner.invoke(app, ["estimate", "hopfield", "--nodes", "3", "--samples", "300", "--workers", "1",
                                 "--json"])
    assert result.exit_code == 0, result.output
    import json
    payload = json.loads(result.output)
    assert payload["exact"] is False and payload["samples"] == 300
    low, high = payload["ci95"]
    assert low < payload["estimate"] < high
    result = runner.invoke(app, ["count", "hopfield", "--nodes", "4", "--steps", "2"])
    assert result.exit_code == 2 and "estimate hopfield" in result.output
    result = runner.invoke(app, ["estimate", "hopfield", "--nodes", "3", "--steps", "3"])
    assert result.exit_code == 2


@pytest.mark.slow
def test_four_node_zero_diagonal_two_steps():
    """About 2 minutes: compose all 104^4 one-step chambers (run by `python benchmarks/two_step.py --slow-tests`)."""
    assert count_dynamics(4, 1, weights="zero-diagonal").maps == 104 ** 4
    assert count_dynamics(4, 2, weights="zero-diagonal").maps == ZERO_DIAGONAL_4_TWO_STEPS


def test_realize_two_steps_by_root_search_matches_composition():
    """With the chamber limit lowered, 3-node two-step realisation goes through the square-root search; its
    verdicts equal membership in the composed set, and every witness is re-simulated."""
    from weightspace.budget import Budget
    composed = {tuple(m) for m in sync_power(one_step_chambers(3).maps, 2).tolist()}
    small = Budget(max_chambers=1000)
    rng = np.random.default_rng(4)
    realizable = list(composed)
    targets = [realizable[i] for i in rng.choice(len(realizable), 30, replace=False)]
    targets += [tuple(int(v) for v in rng.integers(0, 8, 8)) for _ in range(30)]
    for target in targets:
        result = realize_dynamics(3, target, steps=2, budget=small)
        assert result.method == "square-root-search"
        assert result.realizable == (target in composed)
        if result.realizable:
            assert map_of(result.witness.W, result.witness.theta, 3, "sync", None, 2) == target
        else:
            assert result.to_dict()["certificate"]["type"] == "exhaustive-square-root-search"


def test_realize_four_free_nodes_two_steps():
    rng = np.random.default_rng(8)
    chambers = product_chambers(4)
    for c in rng.integers(0, len(chambers), 3):
        target = tuple(sync_power(np.array([chambers.map(int(c))]), 2)[0].tolist())
        result = realize_dynamics(4, target, steps=2)
        assert result.realizable and map_of(result.witness.W, result.witness.theta, 4, "sync", None, 2) == target
    # a single 1 at input 0 and 0 elsewhere is no square of a one-step map
    assert not realize_dynamics(4, [1] + [0] * 15, steps=2).realizable


def test_sizes_beyond_index_range():
    """5 free nodes have 94,572^5 ~ 7.6e24 one-step chambers: sizes are Python ints, not len() (capped at 2^63)."""
    from weightspace.arch.hopfield import ProductChambers
    big = ProductChambers(5, "free", [np.zeros((94_572, 32), dtype=np.uint8)] * 5, [])
    assert big.size == 94_572 ** 5 > 2 ** 63
    assert big.unit_chambers(big.size - 1) == (94_571,) * 5
