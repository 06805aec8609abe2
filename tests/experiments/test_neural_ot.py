"""Neural optimal transport: exact targets and Brenier maps, the convex-potential model (inverse, density, implicit
gradient), the flow, the sample distances, and the experiment's facts."""

import json
import math

import pytest
import torch
from scipy.optimize import linear_sum_assignment
from typer.testing import CliRunner

from weightspace.cli import app
from weightspace.errors import NotSupported
from weightspace.experiments import make_config, run_experiment
from weightspace.experiments import neural_ot as no
from weightspace.experiments import transport as tr

runner = CliRunner()
TINY = {"targets": ["gaussian"], "widths": [4], "steps": 150, "n_eval": 500, "n_w2": 300, "picture_grid": 10,
        "picture_samples": 20}


def _grid(extent: float = 9.0, n: int = 300):
    axis = torch.linspace(-extent, extent, n + 1, dtype=torch.float64)
    mid = (axis[1:] + axis[:-1]) / 2
    return torch.cartesian_prod(mid, mid), (2 * extent / n) ** 2


@pytest.mark.parametrize("target", tr.TARGETS)
def test_target_densities_integrate_to_one_and_match_their_samplers(target):
    points, cell = _grid()
    density = tr.target_log_density(target, points, torch).exp()
    assert float(density.sum() * cell) == pytest.approx(1, abs=2e-3)
    samples = tr.sample_target(target, 40000, torch.Generator().manual_seed(3), torch)
    for feature in (lambda x: x[:, 0], lambda x: x[:, 1], lambda x: (x * x).sum(dim=1)):
        expected = float((feature(points) * density).sum() * cell)
        values = feature(samples)
        assert abs(float(values.mean()) - expected) < 5 * float(values.std()) / 200     # 5 standard errors


def test_brenier_maps_are_monotone_gradients_that_push_the_gaussian_to_the_target():
    z = torch.randn(3000, 2, generator=torch.Generator().manual_seed(1), dtype=torch.float64)
    for target in ("gaussian", "rings"):
        moved = tr.optimal_map(target, z, torch)
        a, b = z[:1500], z[1500:]
        assert float(((moved[:1500] - moved[1500:]) * (a - b)).sum(dim=1).min()) >= 0          # monotone
        point, h = torch.tensor([[0.7, -1.1]], dtype=torch.float64), 1e-6
        jac = torch.stack([(tr.optimal_map(target, point + h * e, torch) - tr.optimal_map(target, point - h * e,
                                                                                           torch))[0] / (2 * h)
                           for e in torch.eye(2, dtype=torch.float64)], dim=1)       # central differences
        assert torch.allclose(jac, jac.T, atol=1e-6) and bool((torch.linalg.eigvalsh(jac) > 0).all())
        sample = tr.sample_target(target, 1500, torch.Generator().manual_seed(2), torch)
        assert tr.mmd_squared(moved[:1500], sample, torch) < 0.005 < tr.mmd_squared(z[:1500], sample, torch)
    assert tr.optimal_map("mixture", z, torch) is None
    root = tr.optimal_map("gaussian", torch.eye(2, dtype=torch.float64), torch) - torch.tensor(tr._MEAN)
    assert torch.allclose(root @ root, torch.tensor(tr._COVARIANCE, dtype=torch.float64))


def test_assignment_wasserstein_and_mmd_against_direct_computations():
    g = torch.Generator().manual_seed(4)
    a, b = torch.randn(25, 2, generator=g, dtype=torch.float64), torch.randn(25, 2, generator=g, dtype=torch.float64)
    cost = torch.cdist(a, b) ** 2
    rows, cols = linear_sum_assignment(cost.numpy())
    optimum = float(cost[rows, cols].sum())
    assert float(((tr.discrete_map(a, b) - a) ** 2).sum()) == pytest.approx(optimum)
    assert tr.wasserstein2(a, b) == pytest.approx(math.sqrt(optimum / 25))

    def k(p, q):
        return sum(math.exp(-float(((p - q) ** 2).sum()) / (2 * s * s)) for s in (0.5, 1.0, 2.0))
    x, y = a[:8], b[:11]
    direct = (sum(k(x[i], x[j]) for i in range(8) for j in range(8) if i != j) / 56
              + sum(k(y[i], y[j]) for i in range(11) for j in range(11) if i != j) / 110
              - 2 * sum(k(p, q) for p in x for q in y) / 88)
    assert tr.mmd_squared(x, y, torch) == pytest.approx(direct)


@pytest.fixture(scope="module")
def potential():
    torch.manual_seed(5)
    model = no._ConvexPotentialModel(6, 2, torch)
    with torch.no_grad():                                        # a far-from-identity convex potential
        for p in model.parameters():
            p.add_(0.8 * torch.randn(p.shape, dtype=p.dtype))
    return model


def test_convex_potential_inverse_density_and_implicit_gradient_are_exact(potential):
    x = torch.randn(200, 2, generator=torch.Generator().manual_seed(6), dtype=torch.float64) * 2
    z, residual = no.invert_gradient(potential.f, x, torch)
    assert residual < 1e-8 and torch.allclose(potential.transport(z), x, atol=1e-8)
    _, hess = no._gradient_hessian(potential.f, z.clone(), torch)
    assert bool((torch.linalg.eigvalsh(hess.detach()) > 0).all())                     # strictly convex
    points, cell = _grid(12.0, 160)
    assert float(potential.log_prob(points).detach().exp().sum() * cell) == pytest.approx(1, abs=5e-3)
    # the implicit gradient of the log-likelihood against a central difference along a random direction
    params = list(potential.parameters())
    loss = potential.log_prob(x, train=True).mean()
    grads = torch.autograd.grad(loss, params)
    g = torch.Generator().manual_seed(7)
    direction = [torch.randn(p.shape, generator=g, dtype=p.dtype) for p in params]
    analytic = sum(float((gr * d).sum()) for gr, d in zip(grads, direction))
    eps, values = 1e-4, []
    potential.tolerance = 1e-13                              # the difference quotient needs exact inverses
    for sign in (1, -1):
        with torch.no_grad():
            for p, d in zip(params, direction):
                p.add_(sign * eps * d)
        values.append(float(potential.log_prob(x).detach().mean()))
        with torch.no_grad():
            for p, d in zip(params, direction):
                p.sub_(sign * eps * d)
    potential.tolerance = 1e-8
    assert analytic == pytest.approx((values[0] - values[1]) / (2 * eps), rel=1e-6)


def test_the_flow_is_a_density_and_its_map_inverts_its_transform():
    torch.manual_seed(8)
    flow = no._FlowModel(8, 2, torch)
    points, cell = _grid(12.0, 160)
    assert float(flow.log_prob(points).detach().exp().sum() * cell) == pytest.approx(1, abs=5e-3)
    z = torch.randn(50, 2, generator=torch.Generator().manual_seed(9), dtype=torch.float64)
    assert torch.allclose(flow.flow().transform(flow.transport(z)), z, atol=1e-8)


@pytest.fixture(scope="module")
def tiny():
    return run_experiment("neural-ot", TINY)


def test_seeded_runs_reproduce_and_the_map_error_bounds_w2(tiny, potential):
    config = make_config("neural-ot", TINY)
    again = no.run(config, "gaussian", "flow", 4)
    assert {**again, "seconds": 0} == {**tiny.rows[1], "seconds": 0}                 # all but the timing
    # W2 between the empirical T#mu and T*#mu is at most the map error on the same Gaussian sample (the coupling
    # z -> (T(z), T*(z)) is admissible), exactly
    z = torch.randn(300, 2, generator=torch.Generator().manual_seed(10), dtype=torch.float64)
    moved, best = potential.transport(z), tr.optimal_map("gaussian", z, torch)
    assert tr.wasserstein2(moved, best) <= math.sqrt(float(((moved - best) ** 2).sum(dim=1).mean())) + 1e-12


def test_the_convex_potential_fits_the_map_where_the_flow_fits_only_the_density(tiny):
    icnn, flow = tiny.rows
    assert (icnn["model"], flow["model"]) == ("icnn", "flow")
    assert icnn["kl"] < 0.1 and flow["kl"] < 0.1 and abs(icnn["kl"] - flow["kl"]) < 0.05     # both fit nu
    assert icnn["map_error"] < flow["map_error"] / 3                    # Brenier: only the convex gradient is T*
    assert tiny.summary["gaussian_flow_over_icnn_map_error"] > 3
    assert "picture" in icnn and len(icnn["picture"]["density"]) == 10


def test_cli_contract_and_errors(tmp_path):
    config = tmp_path / "c.json"
    config.write_text(json.dumps(dict(TINY, models=["flow"], steps=20)))
    result = runner.invoke(app, ["experiment", "neural-ot", "--config", str(config), "--out", str(tmp_path),
                                 "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert {"target", "model", "width", "map_error", "kl", "mmd", "w2"} <= set(payload["rows"][0])
    assert (tmp_path / "neural-ot.png").exists()
    text = runner.invoke(app, ["experiment", "neural-ot", "--config", str(config), "--out", str(tmp_path)])
    assert text.exit_code == 0 and "gaussian  flow  exact" in text.output
    config.write_text(json.dumps({"targets": ["spiral"]}))
    bad = runner.invoke(app, ["experiment", "neural-ot", "--config", str(config)])
    assert bad.exit_code == 2 and "unknown target 'spiral'" in bad.output


def test_a_missing_package_is_named(monkeypatch):
    import importlib.util
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zuko" else real(name, *a))
    with pytest.raises(NotSupported, match="needs zuko"):
        run_experiment("neural-ot", TINY)
