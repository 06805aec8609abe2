"""Associative memories (issue 17): hand-computed cases, exact identities between models, energy descent,
the capacity definition, experiments and the CLI."""

from __future__ import annotations

import json
from math import comb

import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace.cli import app
from weightspace.errors import InvalidInput
from weightspace.memory import MODELS, make_model
from weightspace.memory.batched import retrieve_numpy, retrieve_torch
from weightspace.memory.capacity import (capacity, fitted_exponent, recall_quality, stored_fraction, theory_exponent,
                                         trial_patterns)
from weightspace.memory.experiments import (betti_numbers, correlated, digits_task, forgetting, pattern_persistence,
                                            topology)

PARAMS = {"classical": {}, "poly": {"degree": 3}, "rectified": {"degree": 4}, "exp": {}, "softmax": {"beta": 0.3},
          "simplicial": {"max_dimension": 2}, "energy-transformer": {}}
RANDOM_PATTERN_MODELS = [m for m in MODELS if m != "hillar-tran"]      # hillar-tran stores cliques: test_depth.py


def test_hand_computed_small_case():
    X = np.array([[1, 1, -1, -1], [1, -1, 1, -1]])
    classical = make_model("classical").fit(X)
    # W = X^T X with zero diagonal; at xi_1 the fields W xi_1 = (2, 2, -2, -2)
    assert classical.W_.tolist() == [[0, 0, 0, -2], [0, 0, -2, 0], [0, -2, 0, 0], [-2, 0, 0, 0]]
    assert classical.energy(X[0]) == -4
    poly = make_model("poly", degree=3).fit(X)
    assert poly.energy(X[0]) == -(4 ** 3 + 0 ** 3)
    # at xi_1 the overlaps are s = (4, 0). Flipping unit 0 gives (2, -2): field (64 - 8) + (0 + 8) = 64;
    # flipping unit 1 gives (2, 2): field (64 - 8) + (0 - 8) = 48
    assert poly.aligned_fields(X[0]).tolist() == [64, 48, 48, 64]
    rectified = make_model("rectified", degree=3).fit(X)
    assert rectified.aligned_fields(X[0]).tolist() == [56, 48, 48, 56]        # F(-2) = 0 for the rectified F
    simplicial = make_model("simplicial", max_dimension=2).fit(X)
    # pairs: W; triples: sum over patterns of products, e.g. {0,1,2}: (1)(1)(-1) + (1)(-1)(1) = -2
    assert simplicial.weights_[3].tolist() == [-2, 0, 0, 2]                   # {1,2,3}: 1 + 1


@pytest.mark.parametrize("seed", range(3))
def test_models_agree_where_the_mathematics_says_so(seed):
    X = trial_patterns(12, 5, seed)
    x = trial_patterns(12, 1, seed + 10)[0]
    classical = make_model("classical").fit(X).aligned_fields(x)
    # F(z) = z^2 gives 4 times the classical field; the full 1-dimensional simplicial network is the classical one
    assert (make_model("poly", degree=2).fit(X).aligned_fields(x) == 4 * classical).all()
    assert (make_model("simplicial", max_dimension=1).fit(X).aligned_fields(x) == classical).all()
    assert make_model("simplicial", max_dimension=1).fit(X).energy(x) == make_model("classical").fit(X).energy(x)


@pytest.mark.parametrize("name", RANDOM_PATTERN_MODELS)
def test_vectorised_fields_agree_with_the_definition(name):
    X = trial_patterns(10, 7, 3)
    memory = make_model(name, **PARAMS[name]).fit(X)
    loop = np.array([memory.aligned_fields(p) for p in X])
    fast = memory.pattern_fields()
    assert (np.sign(fast) == np.sign(loop)).all()
    assert (memory.stored() == np.array([memory.is_fixed_point(p) for p in X])).all()


@pytest.mark.parametrize("name", ["classical", "poly", "rectified", "simplicial"])
def test_asynchronous_updates_never_raise_the_energy(name):
    rng = np.random.default_rng(4)
    memory = make_model(name, **PARAMS[name]).fit(trial_patterns(14, 6, 1))
    state = rng.integers(0, 2, size=14) * 2 - 1
    energy = memory.energy(state)
    for _ in range(5):
        for i in rng.permutation(14):
            if memory.aligned_fields(state)[i] < 0:
                state[i] = -state[i]
                new = memory.energy(state)
                assert new < energy               # a flip against the field lowers the energy strictly
                energy = new
    assert memory.is_fixed_point(state) or (memory.aligned_fields(state) == 0).any()


def test_recall_of_a_stored_pattern_is_exact():
    X = trial_patterns(32, 3, 0)
    memory = make_model("poly", degree=3).fit(X)
    assert memory.stored().all()
    for mu in range(3):
        cue = X[mu].copy()
        cue[:3] *= -1
        assert (memory.recall(cue) == X[mu]).all()


def test_capacity_definition_and_search():
    assert (trial_patterns(16, 4, 2) == trial_patterns(16, 30, 2)[:4]).all()      # prefixes across loads
    result = capacity("classical", 24, trials=20)
    brute = next(M for M in range(1, 100) if stored_fraction("classical", 24, M, 20) < 0.95) - 1
    assert result.capacity == brute
    assert result.fractions[result.capacity + 1] < 0.95 <= result.fractions[result.capacity]
    softmax = capacity("softmax", 6, trials=3, max_patterns=64, beta=1.0)
    assert softmax.capacity is None and softmax.at_least == 64
    with pytest.raises(InvalidInput):
        stored_fraction("classical", 1, 3)
    from weightspace.errors import TooLarge
    with pytest.raises(TooLarge, match="multiply-adds"):                  # a cost guard, not a hang
        capacity("exp", 30, trials=2, max_work=1e5)


def test_capacity_resumes_from_a_checkpoint(tmp_path, monkeypatch):
    path = tmp_path / "capacity.json"
    first = capacity("poly", 16, trials=5, checkpoint=str(path), degree=3)
    assert path.is_file() and json.loads(path.read_text())
    import weightspace.memory.capacity as module

    def refuse(*args, **kwargs):
        raise AssertionError("a checkpointed load was recomputed")
    monkeypatch.setattr(module, "stored_fraction", refuse)
    again = capacity("poly", 16, trials=5, checkpoint=str(path), degree=3)
    assert again.capacity == first.capacity and again.fractions == first.fractions


def test_polynomial_scaling_exponent():
    nodes = [16, 24, 32]
    caps = [capacity("poly", n, trials=20, degree=3).capacity for n in nodes]
    exponent = fitted_exponent(nodes, caps)
    assert caps[0] < caps[1] < caps[2] and 1.4 < exponent < 3.0 and theory_exponent("poly", degree=3) == 2.0
    assert capacity("poly", 16, trials=20, degree=3).capacity > capacity("classical", 16, trials=20).capacity
    assert 0 <= recall_quality("poly", 24, caps[1] + 1, 0.1, trials=2, degree=3) <= 1


def test_torch_and_numpy_retrieval_agree():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 2, size=(50, 16)) * 2 - 1
    Q = rng.integers(0, 2, size=(20, 16)) * 2 - 1
    assert np.allclose(retrieve_numpy(X, Q, 0.3), retrieve_torch(X, Q, 0.3, device="cpu"), atol=1e-12)
    memory = make_model("softmax", beta=0.3).fit(X)
    assert np.allclose(memory.retrieve(Q[0]), retrieve_numpy(X, Q[:1], 0.3)[0])


def test_experiments():
    rows = correlated("classical", 24, 4, [0.0, 0.9], trials=3, cues=8)
    assert rows[1]["to_prototype"] > rows[0]["to_prototype"]       # strong correlation: the prototype attracts
    curve = forgetting("classical", 24, 12, rule="clipped", clip=1, trials=4)
    assert curve[-1]["newest_recalled"] >= curve[-1]["oldest_recalled"]   # a palimpsest forgets the old first
    task = digits_task("poly", [1, 10], degree=3)
    assert task[1]["accuracy"] > task[0]["accuracy"] > 0.3
    assert task[1]["stored_fraction"] < 0.5 < task[1]["accuracy"]       # capacity is not a hard constraint
    with pytest.raises(InvalidInput):
        forgetting("poly", 10, 4, rule="clipped")


def test_topology():
    from itertools import combinations
    N = 8
    edges = np.array(list(combinations(range(N), 2)))
    assert betti_numbers({2: edges}, N) == [1, comb(N, 2) - N + 1]      # cycles of the complete graph
    triangles = np.array(list(combinations(range(N), 3)))
    assert betti_numbers({3: triangles}, N)[:2] == [1, 0]                 # the full 2-skeleton is simply connected
    rows = topology(10, (0.0, 1.0), trials=5)
    assert rows[0]["betti"] == [1, comb(10, 2) - 10 + 1] and rows[1]["triangles"] == comb(10, 2)
    two_points = pattern_persistence(np.array([[1, 1, 1, 1], [-1, -1, 1, 1]]))
    assert two_points["H0"] == {"bars": 2, "longest_finite": 2.0}         # they merge at Hamming distance 2


def test_cli_memory():
    runner = CliRunner()
    out = runner.invoke(app, ["memory", "capacity", "--model", "poly", "--degree", "3", "--nodes", "16,24",
                              "--trials", "10", "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert [r["model"] for r in payload["rows"]] == ["poly", "poly"] and payload["theory_exponent"] == 2.0
    assert all(isinstance(r["capacity"], int) for r in payload["rows"]) and isinstance(payload["exponent"], float)
    out = runner.invoke(app, ["memory", "classify", "--model", "classical", "--per-class", "2", "--json"])
    assert json.loads(out.stdout)["rows"][0]["memories"] == 20
    for bad in (["memory", "capacity", "--model", "foo"], ["memory", "capacity", "--nodes", "0"],
                ["memory", "correlated", "--correlations", "2"]):
        out = runner.invoke(app, bad)
        assert out.exit_code == 2 and "error:" in out.output


def test_theory_capacity_is_for_the_criterion_measured():
    """Issue 32: per-pattern criterion, so N / (2 ln N) (not N / (4 ln N)); Krotov-Hopfield's constant for a = 3;
    a = 2 reduces the polynomial formula to the classical one."""
    import math
    from weightspace.memory.capacity import theory_capacity
    assert theory_capacity("classical", 64)[0] == pytest.approx(64 / (2 * math.log(64)))
    assert theory_capacity("poly", 32, degree=3)[0] == pytest.approx(32 ** 2 / (2 * 3 * math.log(32)))
    assert theory_capacity("poly", 50, degree=2)[0] == pytest.approx(theory_capacity("classical", 50)[0])
    assert theory_capacity("poly", 50, degree=4)[0] == pytest.approx(50 ** 3 / (2 * 15 * math.log(50)))
    assert theory_capacity("exp", 10)[0] == 32.0
    assert theory_capacity("softmax", 10)[0] is None and "Ramsauer" in theory_capacity("softmax", 10)[1]


def test_log_corrected_exponent_compares_like_with_like():
    import math
    nodes = [16, 32, 64, 128]
    law = [n ** 2 / (6 * math.log(n)) for n in nodes]
    assert fitted_exponent(nodes, law) == pytest.approx(2.0)
    assert fitted_exponent(nodes, law, log_corrected=False) < 1.9         # a bare power misreads the same law


def test_softmax_criterion_uninformative_is_reported():
    out = CliRunner().invoke(app, ["memory", "capacity", "--model", "softmax", "--nodes", "16", "--trials", "3",
                                   "--max-patterns", "4096", "--json"])
    row = json.loads(out.stdout)["rows"][0]
    assert row["criterion_uninformative"] is True and row["random_fixed_fraction"] > 0.5
    assert row["capacity"] is None and row["capacity_at_least"] is None and row["largest_load"] == 4096
    classical = json.loads(CliRunner().invoke(app, ["memory", "capacity", "--nodes", "16,32", "--trials", "5",
                                                    "--json"]).stdout)
    assert all("criterion_uninformative" not in r and r["theory_capacity"] > 0 for r in classical["rows"])
    assert classical["exponent_law"] == "capacity ~ N^k / ln N" and "measures" in classical
