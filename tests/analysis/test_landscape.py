"""Loss landscapes: the objectives against their definitions and against learn.mpf, certified critical points
against Newton and against a complete branch and bound, the Morse check, and the convex cases."""

from fractions import Fraction

import numpy as np
import pytest

from weightspace.analysis import critical_points as cp
from weightspace.analysis.landscape import landscape, objective_for
from weightspace.errors import InvalidInput
from weightspace.learn import mpf
from weightspace.specs import resolve


def test_mpf_objective_is_the_one_of_learn_mpf():
    rng = np.random.default_rng(0)
    net = resolve("hopfield:3:symmetric-zero-diagonal")
    patterns = [0, 5, 6]
    objective = objective_for(net, "mpf", patterns=patterns)
    X = np.array([[(x >> i) & 1 for i in range(3)] for x in patterns], dtype=float)
    for _ in range(5):
        theta = rng.normal(size=6)
        value, gradient = mpf.objective(theta, X)
        assert abs(objective.evaluate(list(theta), 0) - value) < 1e-9 * max(1, value)
        assert np.allclose(objective.evaluate(list(theta), 1), gradient)


@pytest.mark.parametrize("loss", ["logistic", "exp", "mse"])
def test_gradient_and_hessian_against_finite_differences(loss):
    objective = objective_for(resolve("threshold:2"), loss, "0110", beta=3, weight_decay="1/10")
    rng = np.random.default_rng(1)
    for _ in range(3):
        x = rng.normal(size=3)
        g = np.array(objective.evaluate(list(x), 1))
        H = np.array(objective.evaluate(list(x), 2))
        for i in range(3):
            e = np.zeros(3)
            e[i] = 1e-6
            assert abs((objective.evaluate(list(x + e), 0) - objective.evaluate(list(x - e), 0)) / 2e-6 - g[i]) < 1e-5
            assert np.allclose((np.array(objective.evaluate(list(x + e), 1)) -
                                np.array(objective.evaluate(list(x - e), 1))) / 2e-6, H[:, i], atol=1e-4)


def test_enclosures_contain_point_values():
    objective = objective_for(resolve("threshold:2"), "mse", "0110", beta=4, weight_decay="1/20")
    rng = np.random.default_rng(2)
    for _ in range(20):
        centre = rng.normal(size=3) * 2
        X = cp.box(centre, 0.3)
        G = cp.gradient_enclosure(objective, X)
        inner = centre + rng.uniform(-0.3, 0.3, size=3)
        for g, value in zip(G, objective.evaluate(list(inner), 1)):
            assert float(g.lower()) - 1e-12 <= value <= float(g.upper()) + 1e-12


def test_multistart_agrees_with_a_complete_branch_and_bound(tmp_path):
    path = tmp_path / "line.csv"
    path.write_text("0\n1\n2\n3\n")
    kwargs = dict(table="0110", loss="mse", beta=4, weight_decay="1/8")
    starts = landscape(f"points:{path}", **kwargs)
    complete = landscape(f"points:{path}", search="branch-and-bound", **kwargs)
    assert complete.complete and complete.extra["undecided_boxes"] == 0
    assert sorted(p.index for p in complete.critical_points) == sorted(p.index for p in starts.critical_points) == [0, 0, 1]
    assert complete.morse_check["sum"] == 1 and complete.morse_check["agrees"]
    for a, b in zip(sorted(complete.critical_points, key=lambda p: p.point),
                    sorted(starts.critical_points, key=lambda p: p.point)):
        assert np.allclose(a.point, b.point, atol=1e-8) and a.cell == b.cell


def test_xor_landscape_and_its_cells():
    result = landscape("threshold:2", table="0110", loss="mse", beta=4, weight_decay="1/20")
    assert sorted(p.index for p in result.critical_points) == [0, 0, 0, 0, 1, 1, 1]
    assert all(p.certified for p in result.critical_points) and result.morse_check["agrees"]
    rows = [(0, 0, 1), (1, 0, 1), (0, 1, 1), (1, 1, 1)]
    for p in result.critical_points:
        if "0" not in p.cell:
            assert p.cell == "".join("+" if np.dot(r, p.point) > 0 else "-" for r in rows)
    assert result.extra["prop5"]["minima_in_par_f_of_target"] == 0          # XOR is not realisable


def test_convex_losses():
    # XOR with the logistic loss: the minimum is the origin (a symmetric point on every wall)
    xor = landscape("threshold:2", table="0110", loss="logistic")
    assert len(xor.critical_points) == 1 and xor.critical_points[0].cell == "0000"
    # AND is realisable: no minimum, and the exact direction of decrease lies in Par_f of AND
    unit = resolve("threshold:2")
    for loss in ("logistic", "exp"):
        result = landscape(unit, table="0001", loss=loss)
        assert not result.critical_points and result.complete
        direction = [Fraction(v) for v in result.extra["minimising_direction"]["direction"]]
        assert unit.evaluate(direction) == (0, 0, 0, 1)
    # with weight decay the minimum exists, and for a realisable target it lies in Par_f (Prop. 5, this reading)
    decayed = landscape(unit, table="0001", loss="mse", beta=4, weight_decay="1/20", starts=60)
    assert decayed.extra["prop5"] == {"minima": 1, "minima_in_par_f_of_target": 1}


def test_bad_input():
    with pytest.raises(InvalidInput):
        landscape("threshold:2", table="0110", loss="mse")                 # no weight decay
    with pytest.raises(InvalidInput):
        landscape("threshold:2", table="0110", loss="hinge")
    with pytest.raises(InvalidInput):
        landscape("threshold:2", loss="mpf", patterns=[0])
    with pytest.raises(InvalidInput):
        landscape("threshold:2", table="0110", loss="mse", weight_decay="1/10", search="annealing")


def test_cli_contract_with_a_labelled_data_set(tmp_path):
    import json
    from typer.testing import CliRunner
    from weightspace.cli import app
    path = tmp_path / "data.csv"
    path.write_text("0,0,0\n1,0,1\n0,1,1\n1,1,0\n")
    out = CliRunner().invoke(app, ["landscape", "threshold:2", "--data", str(path), "--loss", "logistic", "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert set(payload) >= {"critical_points", "morse_check", "seconds"}
    assert set(payload["critical_points"][0]) >= {"point", "loss", "index", "cell", "certified"}
    assert payload["critical_points"][0]["cell"] == "0000"            # the same XOR data as --table 0110
    bad = CliRunner().invoke(app, ["landscape", "threshold:2", "--data", str(path), "--loss", "mse"])
    assert bad.exit_code == 2 and bad.stderr.startswith("error:")
