"""Learning rules, trajectories through chambers, capacity sweeps."""

import numpy as np
import pytest

from weightspace.errors import InvalidInput
from weightspace.learn import HebbianRule, LPRule, MPFRule, PerceptronRule, StorkeyRule, make_rule, to_binary
from weightspace.learn import mpf
from weightspace.learn.capacity import capacity_curve, parse_range, run_task
from weightspace.learn.paths import learn_path


def test_mpf_gradient_matches_finite_differences():
    rng = np.random.default_rng(0)
    X = rng.integers(0, 2, (7, 6)).astype(float)
    vector = rng.normal(scale=0.3, size=6 * 5 // 2 + 6)
    value, grad = mpf.objective(vector, X)
    eps = 1e-6
    numeric = np.array([(mpf.objective(vector + eps * e, X)[0] - mpf.objective(vector - eps * e, X)[0]) / (2 * eps)
                        for e in np.eye(len(vector))])
    assert np.allclose(grad, numeric, rtol=1e-5, atol=1e-6)
    ref_value, ref_grad = mpf.objective_reference(vector, X)
    assert np.isclose(value, ref_value) and np.allclose(grad, ref_grad)


def test_torch_gradient_matches_analytic():
    import torch
    from weightspace.learn.torch_mpf import objective_torch
    rng = np.random.default_rng(1)
    n = 5
    X = rng.integers(0, 2, (6, n)).astype(float)
    vector = rng.normal(scale=0.3, size=n * (n - 1) // 2 + n)
    upper = torch.tensor(vector[None, : n * (n - 1) // 2], requires_grad=True)
    theta = torch.tensor(vector[None, n * (n - 1) // 2:], requires_grad=True)
    loss = objective_torch(upper, theta, torch.tensor(X[None]))
    loss.sum().backward()
    value, grad = mpf.objective(vector, X)
    assert np.isclose(loss.item(), value)
    assert np.allclose(np.concatenate([upper.grad[0].numpy(), theta.grad[0].numpy()]), grad)


def test_mpf_stores_64_patterns_in_64_nodes_exactly():
    rng = np.random.default_rng(2)
    X = rng.integers(0, 2, (64, 64))
    for rule in (MPFRule(), MPFRule(method="adam", max_iter=3000), make_rule("mpf-torch")):
        fitted = rule.fit(X)
        assert fitted.stored(X).all()
        W, theta = fitted.integer_network()
        assert (W == W.T).all() and (np.diag(W) == 0).all()
        # exact: the integer network's fields, recomputed with Python integers
        for x in X[:5]:
            fields = [sum(int(W[i, j]) * int(x[j]) for j in range(64)) + int(theta[i]) for i in range(64)]
            assert [int(f > 0) for f in fields] == [int(v) for v in x]


def test_hebbian_is_exact_and_matches_pm1_dynamics():
    X = np.array([[1, 0, 1, 0, 1, 0], [1, 1, 0, 0, 1, 1]])
    rule = HebbianRule().fit(X)
    S = 2 * X - 1
    J = S.T @ S
    np.fill_diagonal(J, 0)
    for s in (2 * np.random.default_rng(3).integers(0, 2, (20, 6)) - 1):
        x = (s + 1) // 2
        assert np.array_equal(J @ s > 0, rule.W_ @ x + rule.theta_ > 0)
    assert rule.stored(X).all()


@pytest.mark.parametrize("rule", [StorkeyRule(), PerceptronRule(), LPRule(), LPRule(exact_limit=0), MPFRule()])
def test_rules_store_few_patterns(rule):
    rng = np.random.default_rng(4)
    X = rng.integers(0, 2, (3, 24))
    assert rule.fit(X).stored(X).all()


def test_pm1_patterns_and_errors():
    X = np.array([[1, -1, 1, -1], [-1, -1, 1, 1]])
    assert np.array_equal(to_binary(X), (X + 1) // 2)
    with pytest.raises(InvalidInput):
        to_binary([[0, 2, 1]])
    with pytest.raises(InvalidInput):
        make_rule("oja")
    with pytest.raises(InvalidInput):
        parse_range("10:5:1")


def test_learning_paths():
    path = learn_path(2, "1,0,0,2", rule="mpf")
    assert path.entered and path.trajectory[-1]["distance"] == 0 and path.trajectory[0]["step"] == 0
    assert all(a["step"] < b["step"] for a, b in zip(path.trajectory, path.trajectory[1:]))
    perceptron = learn_path(3, "1,2,3,4,5,6,7,0", rule="perceptron", max_steps=300)
    assert not perceptron.entered  # x -> x + 1 mod 8: unit 2 would compute x1 XOR x2, not a threshold map
    xor = learn_path(2, "0,1,1,0", rule="mpf", max_steps=200)
    assert not xor.entered and xor.to_dict()["final_distance"] > 0
    symmetric = learn_path(2, "3,1,2,0", rule="mpf", weights="symmetric")
    assert symmetric.entered
    W = symmetric.final_parameters["W"]
    assert W[0][1] == W[1][0]


def test_capacity_shape_and_resume(tmp_path):
    first = capacity_curve(["mpf", "hebb"], 32, [8, 16], trials=2, workers=1, checkpoint=tmp_path)
    rows = {(r["rule"], r["patterns"]): r for r in first.rows}
    assert rows[("mpf", 8)]["fraction_stored"] == 1.0
    assert rows[("hebb", 16)]["fraction_stored"] < 1.0
    lines = (tmp_path / "capacity.jsonl").read_text().splitlines()
    assert len(lines) == 8
    # drop two finished tasks and cut the last line: the resumed sweep recomputes exactly those
    (tmp_path / "capacity.jsonl").write_text("\n".join(lines[:-2]) + "\n" + lines[-1][:20])
    again = capacity_curve(["mpf", "hebb"], 32, [8, 16], trials=2, workers=1, checkpoint=tmp_path)
    assert again.resumed_tasks == 6 and again.rows == first.rows


def test_capacity_on_dask_matches_local():
    local = capacity_curve(["hebb"], 16, [2, 4], trials=2, workers=1)
    distributed = capacity_curve(["hebb"], 16, [2, 4], trials=2, executor="dask", workers=2)
    assert local.rows == distributed.rows


def test_task_is_deterministic():
    a, b = run_task("hebb", 16, 4, 1), run_task("hebb", 16, 4, 1)
    assert {k: v for k, v in a.items() if k != "fit_seconds"} == {k: v for k, v in b.items() if k != "fit_seconds"}


def test_lp_rule_exact_witness_and_certificate():
    X = np.array([[1, 0, 1, 0, 1, 0, 1, 0], [1, 1, 0, 0, 1, 1, 0, 0], [0, 0, 1, 1, 1, 1, 0, 0]])
    rule = LPRule().fit(X)
    assert rule.status_ == "stored (exact)" and rule.stored(X).all()
    # two patterns at Hamming distance 1 cannot both be fixed points of a zero-diagonal network
    Y = np.array([[0, 0, 0, 1], [1, 0, 0, 1]])
    impossible = LPRule().fit(Y)
    assert impossible.certificate_ is not None and impossible.status_.startswith("impossible")
    assert not HebbianRule().fit(Y).stored(Y).all() and not MPFRule().fit(Y).stored(Y).all()


def test_per_unit_perceptron():
    rng = np.random.default_rng(6)
    X = rng.integers(0, 2, (6, 20))
    rule = PerceptronRule(symmetric=False).fit(X)
    assert rule.stored(X).all() and np.all(np.diag(rule.W_) == 0)


def test_the_hebbian_rule_has_one_vocabulary():
    """``hebb`` (learn) and ``hebbian`` (memory forgetting) name the same rule everywhere, built by the one
    ``hebbian_weights``."""
    import numpy as np
    from weightspace.arch.memory.models import hebbian_weights, make_model
    from weightspace.learn.registry import make_rule
    from weightspace.memory.experiments import forgetting
    X = np.array([[1, 0, 1, 1], [0, 1, 1, 0]])
    assert (make_rule("hebbian").fit(X).W_ == make_rule("hebb").fit(X).W_).all()
    assert (make_rule("hebb").fit(X).W_ == 2 * hebbian_weights(2 * X - 1)).all()
    assert (make_model("classical").fit(2 * X - 1).W_ == hebbian_weights(2 * X - 1)).all()
    assert forgetting("classical", 8, 3, rule="hebb", trials=2) == forgetting("classical", 8, 3, rule="hebbian",
                                                                              trials=2)
