"""Associative memories in depth (issue 39): clique memories, the Energy Transformer, continual learning, and
theory as curves beside measurements. Every number is set against a second route."""

from __future__ import annotations

import json
import math
from itertools import combinations
from math import comb

import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace.arch.memory.cliques import CliqueHopfield, clique_patterns, vertices_of
from weightspace.arch.memory.energy_transformer import EnergyTransformer, attention_energy, layer_norm
from weightspace.cli import app
from weightspace.errors import InvalidInput
from weightspace.memory.capacity import stored_fraction, trial_patterns
from weightspace.memory.cliques import clique_capacity_row
from weightspace.memory.continual import continual
from weightspace.memory.curves import exp_bound_curve, load_curve
from weightspace.memory.experiments import correlated
from weightspace.memory.theory import correlated_prediction, snr_stored_fraction


@pytest.mark.parametrize("V", [6, 7, 8, 10, 12])
def test_three_clique_fields_decide_storage_like_checking_every_clique(V):
    net = CliqueHopfield(V).fit(clique_patterns(V, V // 2, count=1))
    a, b, c = net.clique_fields()
    clique = clique_patterns(V, V // 2, count=1, seed=3)[0]
    fields = net.fields(clique)
    on = set(np.flatnonzero(clique > 0))
    vertices = {v for u, e in enumerate(combinations(range(V), 2)) if u in on for v in e}
    for u, (i, j) in enumerate(combinations(range(V), 2)):          # the field by how many endpoints are in C
        inside = (i in vertices) + (j in vertices)
        assert fields[u] == {2: a, 1: b, 0: c}[inside]
    every = (net.aligned_fields(clique_patterns(V, V // 2)) > 0).all(axis=1)
    assert every.all() == net.stores_all_cliques() == (V // 2 >= 3)


@pytest.mark.parametrize("V", [8, 10])
def test_certified_radius_holds_for_every_set_of_flips(V):
    net = CliqueHopfield(V).fit(clique_patterns(V, V // 2, count=1))
    r = net.certified_radius()
    assert r == V // 2 - 3                                           # the module's margin (2k - 5) / 2 with step 1
    clique = clique_patterns(V, V // 2, count=1, seed=1)[0]
    N = len(clique)
    rng = np.random.default_rng(0)
    for flips in combinations(range(N), r):                          # every set of r flips (exhaustive)
        cue = clique.copy()
        cue[list(flips)] *= -1
        assert (net.recall(cue, rng=rng) == clique).all()


def test_mpf_from_a_few_cliques_stores_all_of_them_and_from_too_few_only_those():
    many = clique_capacity_row(66, learning="mpf", train=200, trials=2)
    few = clique_capacity_row(66, learning="mpf", train=5, trials=2)
    assert many["capacity"] == many["theory_capacity"] == comb(12, 6)
    assert few["capacity"] == 5                                      # memorised, not generalised
    explicit = clique_capacity_row(120, trials=2)
    assert explicit["capacity"] == comb(16, 8) and explicit["certified_radius"] == 5
    assert explicit["capacity"] > 1000 * explicit["hebbian_theory"]
    with pytest.raises(InvalidInput, match="C\\(V, 2\\)"):
        vertices_of(30)


def test_energy_transformer_gradient_and_energy_descent():
    rng = np.random.default_rng(1)
    et = EnergyTransformer(heads=2, step=0.01, max_steps=200).fit(rng.choice([-1, 1], size=(5, 8)))
    g = layer_norm(rng.normal(size=(4, 8)))
    energy, grad = et.energy_of_g(g)
    numeric = np.zeros_like(g)
    for i, j in np.ndindex(*g.shape):
        bumped = g.copy()
        bumped[i, j] += 1e-6
        numeric[i, j] = (et.energy_of_g(bumped)[0] - energy) / 1e-6
    assert np.abs(numeric - grad).max() < 1e-4
    _, energies = et.flow(rng.normal(size=(4, 8)), record=True)
    assert np.diff(energies).max() <= 1e-12                          # the paper's guarantee, at a small step
    assert attention_energy(g[:1], et.WK_, et.WQ_, 1.0)[0] == 0.0    # one token attends to nothing


def test_energy_transformer_one_token_is_its_hopfield_module():
    X = trial_patterns(16, 3, 0)
    et = EnergyTransformer().fit(X)
    g = layer_norm(X[0].astype(float))
    overlaps = np.maximum(X @ g / 4, 0)                              # memories xi / sqrt(16)
    assert et.energy(X[0]) == pytest.approx(-0.5 * (overlaps ** 2).sum())
    assert EnergyTransformer().fit(X[:1]).stored().all()            # one memory is always kept
    assert (et.stored() == np.array([et.is_fixed_point(p) for p in X])).all()


def test_continual_learning_rows_and_two_routes():
    hebb = continual("hebbian", tasks=3, per_class=5)
    assert [sorted(r) for r in hebb["rows"]][0] == ["accuracy_all", "accuracy_first", "accuracy_new", "task"]
    # a Hebbian sum does not depend on order: after the last task the sequential learner is the joint one
    assert hebb["rows"][-1]["accuracy_all"] == pytest.approx(hebb["ideal"])
    mpf = continual("mpf", tasks=2, per_class=5)
    assert mpf["rows"][0]["accuracy_first"] > 0.8 and mpf["rows"][1]["accuracy_first"] < 0.2  # catastrophic
    same = continual("hebbian", tasks=2, scenario="permuted", variability=0.0, per_class=5)
    assert same["rows"][1]["accuracy_first"] == same["rows"][1]["accuracy_new"]      # variability 0: one task
    with pytest.raises(InvalidInput):
        continual("hebbian", tasks=11)
    out = CliRunner().invoke(app, ["memory", "continual", "--tasks", "2", "--per-class", "3", "--json"])
    assert out.exit_code == 0, out.output
    assert set(json.loads(out.stdout)["rows"][0]) == {"task", "accuracy_first", "accuracy_new", "accuracy_all"}


def test_signal_to_noise_predictions_against_simulation():
    for M in (5, 9):                                                 # c = 0: independent patterns
        measured = correlated("classical", 32, M, [0.0], trials=200, cues=1)[0]["stored_fraction"]
        assert abs(correlated_prediction(32, M, 0.0)["predicted_stored_fraction"] - measured) < 0.05
    assert snr_stored_fraction("classical", 64, 9) == pytest.approx(
        (1 - 0.5 * math.erfc(math.sqrt(64 / 8) / math.sqrt(2))) ** 64)
    for row in load_curve("poly", 32, [40, 80], trials=30):
        assert abs(row["stored_fraction"] - row["predicted"]) < 0.1
    for row in correlated("classical", 64, 5, [0.3, 0.5, 0.7, 0.9], trials=40, cues=1):
        if row["correlation"] < 0.9:
            assert abs(row["stored_fraction"] - row["predicted_stored_fraction"]) < 0.1
        assert abs(row["prototype_fixed"] - row["predicted_prototype_fixed"]) < 0.1
    assert correlated_prediction(64, 5, 0.9)["critical_patterns"] < 5 < correlated_prediction(64, 5, 0.4)[
        "critical_patterns"]


def test_exponential_memory_crosses_demircigil_edge():
    rows = exp_bound_curve([8, 16], trials=10)
    assert rows[0]["capacity"] < rows[0]["bound"] and rows[1]["capacity"] > rows[1]["bound"]
    assert stored_fraction("exp", 16, rows[1]["capacity"], trials=10) >= 0.95


def test_memory_cli_new_models():
    runner = CliRunner()
    out = runner.invoke(app, ["memory", "capacity", "--model", "hillar-tran", "--nodes", "28,45", "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)["rows"]
    assert [r["capacity"] for r in rows] == [70, 252]
    bad = runner.invoke(app, ["memory", "capacity", "--model", "hillar-tran", "--nodes", "30"])
    assert bad.exit_code != 0 and "C(V, 2)" in bad.output
    out = runner.invoke(app, ["memory", "curves", "--model", "classical", "--nodes", "16", "--loads", "2,4",
                              "--trials", "5", "--json"])
    assert out.exit_code == 0 and len(json.loads(out.stdout)["rows"]) == 2
