"""The training-dynamics lab: student–teacher (lazy vs. rich training)."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
import torch
from typer.testing import CliRunner

from weightspace.cli import app
from weightspace.errors import InvalidInput
from weightspace.experiments import make_config, run_experiment
from weightspace.experiments import student_teacher as st

runner = CliRunner()
SMALL = {"alphas": [0.03, 1, 30, 1000], "m": 64, "steps": 400, "n_test": 300}


@pytest.fixture(scope="module")
def sweep():
    return run_experiment("student-teacher", SMALL, quick=True)


def test_seeded_runs_reproduce_exactly(sweep):
    config = make_config("student-teacher", SMALL, quick=True)
    assert st.run(config, 30.0) == sweep.rows[2]
    other = st.run(dict(config, seed=1), 30.0)
    assert other["test_loss"] != sweep.rows[2]["test_loss"] and other["seed"] == 1


def test_lazy_training_at_large_alpha_and_rich_training_at_small_alpha(sweep):
    rows = sweep.rows
    changes = [r["relative_change"] for r in rows]
    assert changes == sorted(changes, reverse=True) and changes[-1] < 0.01      # |θ_T − θ_0| / |θ_0| -> 0
    assert rows[-1]["kernel_change"] < 0.05 < 1 < rows[0]["kernel_change"]     # the tangent kernel freezes
    assert rows[0]["alignment"] > 0.9 > 0.5 > rows[-1]["alignment"]            # neurons find the teacher's
    assert rows[0]["test_loss"] < rows[-1]["test_loss"] / 10                    # and generalise better
    assert all(r["train_loss"] < 0.01 * r["baseline_loss"] for r in rows)      # every scale fits the data
    # the heuristic: kappa = alpha* / alpha, "lazy" exactly above alpha*; the measured regime and onset come from
    # the kernel change, and the two disagree at alpha = 3 (issue 32: the heuristic is not the paper's kappa)
    star = sweep.summary["alpha_star"]
    assert all(r["kappa"] == pytest.approx(star / r["alpha"]) for r in rows)
    assert [r["heuristic_regime"] for r in rows] == ["lazy" if r["alpha"] > star else "rich" for r in rows]
    assert [r["regime"] for r in rows] == ["lazy" if r["kernel_change"] < 0.1 else "rich" for r in rows]
    onset = sweep.summary["lazy_onset_alpha"]
    assert all(r["kernel_change"] < 0.1 for r in rows if r["alpha"] >= onset)
    assert any(r["heuristic_regime"] != r["regime"] for r in rows) and onset > star
    assert "heuristic" in sweep.summary["alpha_star_is"] and "measured" in sweep.summary["lazy_onset_is"]


def test_closed_form_jacobian_and_curvature_against_autograd():
    config = make_config("student-teacher", {"d": 3, "m": 5, "n_train": 7})
    _, x, y, _, _, u, b = st._data(config, torch)

    def h(theta):
        return st._h(theta[:15].reshape(5, 3), theta[15:], x, torch)

    theta = torch.cat([u.flatten(), b])
    assert torch.allclose(torch.autograd.functional.jacobian(h, theta), st._jacobian(u, b, x, torch))
    hessian = torch.autograd.functional.hessian(lambda t: (y * h(t)).mean(), theta)
    assert torch.linalg.matrix_norm(hessian, ord=2) == pytest.approx(st._curvature(u, y, x, torch))


def test_lab_checkpoint_resumes_and_the_figure_is_drawn(tmp_path):
    log = tmp_path / "log.jsonl"
    settings = {"alphas": [0.1, 10], "m": 16, "steps": 50}
    first = run_experiment("student-teacher", settings, quick=True, checkpoint=str(log), out=str(tmp_path))
    assert len(log.read_text().splitlines()) == 2 and (tmp_path / "student-teacher.png").stat().st_size > 1000
    again = run_experiment("student-teacher", settings, quick=True, checkpoint=str(log))
    assert again.rows == first.rows and len(log.read_text().splitlines()) == 2     # nothing recomputed
    parallel = run_experiment("student-teacher", settings, quick=True, workers=2)
    assert parallel.rows == first.rows                                            # processes: the same rows


def test_cli_contract_and_errors(tmp_path):
    config = tmp_path / "c.json"
    config.write_text(json.dumps({"alphas": [0.1, 100], "m": 16, "steps": 50}))
    out = runner.invoke(app, ["experiment", "student-teacher", "--quick", "--config", str(config), "--out",
                              str(tmp_path), "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert {"alpha", "test_loss", "relative_change", "kernel_change", "alignment"} <= set(payload["rows"][0])
    assert payload["seed"] == 0 and payload["figure"].endswith("student-teacher.png")
    config.write_text(json.dumps({"learning_rate": 1}))
    for arguments in (["nonsense"], ["student-teacher", "--config", str(config)],
                      ["student-teacher", "--config", str(tmp_path / "missing.json")],
                      ["student-teacher", "--executor", "slurm"]):
        out = runner.invoke(app, ["experiment"] + arguments)
        assert out.exit_code == 2 and out.output.startswith("error:"), arguments
    with pytest.raises(InvalidInput, match="no setting"):
        make_config("student-teacher", {"width": 3})


# -- mean-field limit with dropout ------------------------------------------------------------------------------

def test_exact_and_sliced_wasserstein_against_an_assignment():
    import numpy as np
    from scipy.optimize import linear_sum_assignment
    from weightspace.experiments import mean_field
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(16, 3)), rng.normal(size=(8, 3)) + 0.5
    both = np.vstack([b, b])                     # uniform weights: m/2 points twice = an m x m assignment
    cost = ((a[:, None, :] - both[None, :, :]) ** 2).sum(-1)
    rows, cols = linear_sum_assignment(cost)
    distances = mean_field._distances(a, b, {"projections": 100, "seed": 0, "exact_up_to": 64})
    assert distances["w2"] == pytest.approx(np.sqrt(cost[rows, cols].mean()))
    assert distances["sliced_w2"] <= distances["w2"]           # every projection is 1-Lipschitz


def test_mean_field_measures_converge_and_dropout_fades_with_width():
    settings = {"log2_widths": [4, 8], "dropout": [0.0, 0.5], "steps": 300, "seeds": 2}
    result = run_experiment("mean-field-dropout", settings, quick=True)
    assert sorted({r["seed"] for r in result.rows}) == [0, 1] and result.summary["seeds"] == 2
    plain = [r for r in result.rows if r["p"] == 0.0 and r["seed"] == 0]
    dropped = [r for r in result.rows if r["p"] == 0.5 and r["seed"] == 0]
    assert [r["m"] for r in plain] == [16, 32, 64, 128, 256]
    successive = [r["sliced_w2_to_half_width"] for r in plain[1:]]          # W(mu_m, mu_m/2) for m = 32..256
    assert successive[-1] < max(successive) / 2
    assert all(r["sliced_w2_to_half_width"] <= r["w2_to_half_width"] for r in result.rows if "w2_to_half_width" in r)
    assert dropped[-1]["sliced_w2_to_no_dropout"] < dropped[0]["sliced_w2_to_no_dropout"] / 2
    assert all(p["test_loss"] < d["test_loss"] for p, d in zip(plain, dropped))   # dropout costs fit at finite m
    assert 0.2 < result.summary["rate_p0"] < 1.0                                   # about m^(-1/2)
    low, high = result.summary["rate_p0_ci95"]                                     # issue 32: an interval over seeds
    assert low <= result.summary["rate_p0"] <= high
    # the baseline any rate must beat: two independent draws of the initial law, about m^(-1/2) as well
    assert 0.3 < result.summary["baseline_rate"] < 0.7 and "full-batch" in result.summary["training"]
    assert all(r["sliced_w2_init_pair"] > 0 for r in result.rows)
    assert run_experiment("mean-field-dropout", settings, quick=True).rows == result.rows


# -- SGD noise -----------------------------------------------------------------------------------------------------

def test_sharpness_by_power_iteration_against_the_full_hessian():
    from weightspace.experiments.sgd_noise import _sharpness
    generator = torch.Generator().manual_seed(0)
    x = torch.randn(6, 2, generator=generator, dtype=torch.float64)
    y = torch.randn(6, generator=generator, dtype=torch.float64)
    u = torch.randn(4, 2, generator=generator, dtype=torch.float64).requires_grad_(True)
    b = torch.randn(4, generator=generator, dtype=torch.float64).requires_grad_(True)

    def loss(u_, b_):
        return ((torch.tanh(x @ u_.T) @ b_ - y) ** 2).mean() / 2

    full = torch.autograd.functional.hessian(lambda t: loss(t[:8].reshape(4, 2), t[8:]),
                                             torch.cat([u.detach().flatten(), b.detach()]))
    eigenvalues = torch.linalg.eigvalsh(full)
    largest = max(eigenvalues.tolist(), key=abs)      # power iteration finds the eigenvalue largest in size
    assert _sharpness(loss, [u, b], 300, torch, 0) == pytest.approx(largest, rel=1e-6)


def test_sgd_reaches_a_global_minimiser_and_augmentation_keeps_its_noise():
    result = run_experiment("sgd-noise", {"learning_rates": [1.0], "steps": 1500, "record_every": 500}, quick=True)
    plain = [r for r in result.rows if not r["augment"]]
    augmented = [r for r in result.rows if r["augment"]]
    assert [r["step"] for r in plain] == [0, 500, 1000, 1500]
    assert plain[-1]["train_loss"] < 1e-6 * plain[0]["train_loss"]               # interpolation: noise vanishes
    assert augmented[-1]["train_loss"] > 100 * plain[-1]["train_loss"]          # jitter: noise persists
    assert all(r["stability"] < 2 for r in result.rows)                          # lr * sharpness: stable
    assert run_experiment("sgd-noise", {"learning_rates": [1.0], "steps": 1500, "record_every": 500},
                          quick=True).rows == result.rows


def _workers_of(pid: int) -> list[int]:
    """The live child processes of ``pid`` that are multiprocessing workers (Linux /proc)."""
    import os
    try:
        children = open(f"/proc/{pid}/task/{pid}/children").read().split()
    except OSError:
        return []
    out = []
    for child in children:
        try:
            if b"spawn_main" in open(f"/proc/{child}/cmdline", "rb").read():
                out.append(int(child))
        except OSError:
            pass
    return out


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of ``pid`` (Linux /proc), 0 when it is gone."""
    import os
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _alive(pid: int) -> bool:
    """Running, and not a zombie waiting to be reaped."""
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig,code", [(signal.SIGTERM, 143), (signal.SIGKILL, -signal.SIGKILL)])
def test_no_worker_outlives_its_command(tmp_path, sig, code):
    """SIGTERM unwinds the command (exit 143, workers stopped by ``Executor.close``); after SIGKILL of the parent
    the kernel stops the workers (``PR_SET_PDEATHSIG``). Either way no worker keeps computing."""
    command = [sys.executable, "-m", "weightspace.cli", "experiment", "mean-field-dropout", "--workers", "2",
               "--out", str(tmp_path), "--checkpoint", str(tmp_path / "runs.jsonl"), "--json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline, workers = time.time() + 60, []
    try:
        while time.time() < deadline and len(workers) < 2:
            time.sleep(0.2)
            workers = _workers_of(process.pid)
        assert len(workers) == 2, "the two workers did not start"
        while time.time() < deadline and min(map(_cpu_seconds, workers)) < 1.0:   # both busy: an event, not a nap
            time.sleep(0.1)
        process.send_signal(sig)
        _, stderr = process.communicate(timeout=30)     # busy workers are not waited for
    finally:
        process.kill()
    assert process.returncode == code
    if sig == signal.SIGTERM:
        assert stderr.strip().splitlines()[-1].startswith("error: terminated")
    deadline = time.time() + 20
    while time.time() < deadline and any(map(_alive, workers)):
        time.sleep(0.2)
    alive = [pid for pid in workers if _alive(pid)]
    for pid in alive:                                   # do not leave them to the rest of the suite
        os.kill(pid, signal.SIGKILL)
    assert not alive
