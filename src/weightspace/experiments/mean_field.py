"""The mean-field limit of a two-layer network trained with dropout (Sirignano and Spiliopoulos 2020, "Mean field
analysis of neural networks"; the 1/m output scaling).

The network ``h(x) = (1/m) sum_i b_i relu(u_i . x)`` is the integral of ``b relu(u . x)`` against the empirical
measure ``mu_m = (1/m) sum_i delta_(u_i, b_i)`` of its neurons. Trained by gradient descent with the step scaled by
``m`` (each neuron moves at speed O(1)), ``mu_m`` follows a particle approximation of a Wasserstein gradient flow,
and as ``m -> infinity`` it converges to the solution of that flow from the initial law. With dropout of rate ``p``
each step keeps every hidden unit with probability ``1 - p`` and rescales by ``1/(1 - p)``. Under the 1/m scaling the
masked output differs from the full one by zero-mean noise of variance ``p/(1-p) (1/m^2) sum_i b_i^2 relu(u_i.x)^2
= O(1/m)``, so the expected masked gradient is the full gradient plus O(1/m): at finite width dropout acts as a
penalty and a noise, and as ``m`` grows its trained measure approaches the one trained without dropout.

The experiment trains widths ``m = 2^a .. 2^b`` from the same law (``u ~ N(0, I_d)``, ``b ~ N(0, 1)``) on a teacher
``sum_j relu(w_j . x)`` in ``d = 2`` dimensions, for each dropout rate, and measures the distance between the
trained measures at successive widths: the sliced 2-Wasserstein distance (POT, ``ot.sliced_wasserstein_distance``,
seeded projections; it converges at rate ``m^(-1/2)`` in any dimension), and the exact 2-Wasserstein distance
(``ot.emd2``, network simplex) while both widths are at most ``exact_up_to``. It also reports, at each width, the
distance between the measures trained with and without dropout.

**What a rate means here.** Training is full-batch gradient descent with a fresh dropout mask at every step (not the
minibatch SGD of Sirignano and Spiliopoulos). A rate fitted over a few widths from one seed is no evidence of
``m^(-1/2)``: the experiment runs ``seeds`` independent seeds (5 by default) and reports the mean fitted rate with a
95 % confidence interval (Student's t over seeds). It also reports the baseline any rate must be read against: the
sliced distance between two *independent draws of the initial law* at the same width, ``sliced_w2_init_pair``,
which itself decays like ``m^(-1/2)`` (empirical measures of one law). A trained rate near the baseline's says the
trained measures are as close as i.i.d. samples of one limit, and no more.
"""

from __future__ import annotations

from typing import Any

REQUIRES = ("ot",)                      # packages beyond torch
DEFAULTS: dict[str, Any] = {"d": 2, "k": 3, "n_train": 500, "n_test": 2000, "log2_widths": [4, 12],
                            "dropout": [0.0, 0.2, 0.5], "steps": 2000, "learning_rate": 0.2, "projections": 200,
                            "exact_up_to": 512, "seed": 0, "seeds": 5}
QUICK: dict[str, Any] = {"log2_widths": [4, 9], "dropout": [0.0, 0.5], "steps": 600}
TRAINING = "full-batch gradient descent, a fresh dropout mask per step (not minibatch SGD)"


def _train(config: dict, m: int, p: float, torch):
    """Train width ``m`` with dropout ``p``; return the neurons ``(u, b)`` as an ``m x (d+1)`` array and losses."""
    from .student_teacher import _h
    from .teacher import teacher_data
    _, _, x, y, x_test, y_test = teacher_data(config, torch)
    d = int(config["d"])
    init = torch.Generator().manual_seed(int(config["seed"]) * 7919 + m)          # each width its own draw
    u = torch.randn(m, d, generator=init, dtype=torch.float64)
    b = torch.randn(m, generator=init, dtype=torch.float64)
    masks = torch.Generator().manual_seed(int(config["seed"]) * 104729 + m)
    rate = float(config["learning_rate"]) * m                                       # mean-field time scale
    n = len(x)
    with torch.no_grad():                 # the gradient of the loss below, written out (autograd's, without a graph)
        for _ in range(int(config["steps"])):
            keep = (torch.rand(m, generator=masks, dtype=torch.float64) >= p).double() / (1 - p) if p else 1.0
            pre = x @ u.T
            hidden = torch.relu(pre)
            weights = b * keep / m
            residual = (hidden @ weights - y) / n           # d loss / d output, loss = mean((output - y)^2) / 2
            grad_b = hidden.T @ residual * keep / m
            grad_u = ((residual[:, None] * weights[None, :]) * (pre > 0)).T @ x
            u -= rate * grad_u
            b -= rate * grad_b
    with torch.no_grad():
        train = float(((_h(u, b, x, torch) - y) ** 2).mean() / 2)
        test = float(((_h(u, b, x_test, torch) - y_test) ** 2).mean() / 2)
        particles = torch.cat([u, b[:, None]], dim=1).numpy().copy()
    return particles, train, test


def _distances(a, b, config: dict) -> dict:
    import numpy as np
    import ot
    sliced = float(ot.sliced_wasserstein_distance(a, b, n_projections=int(config["projections"]),
                                                  seed=int(config["seed"])))
    out = {"sliced_w2": sliced}
    if max(len(a), len(b)) <= int(config["exact_up_to"]):
        cost = ot.dist(a, b)                                                        # squared Euclidean
        out["w2"] = float(np.sqrt(ot.emd2(np.full(len(a), 1 / len(a)), np.full(len(b), 1 / len(b)), cost)))
    return out


def _initial_pair(config: dict, m: int, torch):
    """Two independent draws of the initial law at width ``m`` (generators apart from every training run)."""
    d = int(config["d"])
    draws = []
    for which in (1, 2):
        g = torch.Generator().manual_seed(int(config["seed"]) * 15485863 + 2 * m + which)
        draws.append(torch.cat([torch.randn(m, d, generator=g, dtype=torch.float64),
                                torch.randn(m, 1, generator=g, dtype=torch.float64)], dim=1).numpy())
    return draws


def run(config: dict, p: float, seed: int | None = None) -> list[dict]:
    """All widths at dropout rate ``p`` (and without dropout, for the comparison) for one seed (``config["seed"]``
    plus ``seed``): one row per width, with the baseline distance of two independent initial draws.

    Parameters
    ----------
    config
        The experiment's settings.
    p
        The dropout rate.
    seed
        Added to ``config["seed"]``.

    Returns
    -------
    list of dict
        One row per width.
    """
    import torch
    torch.set_num_threads(1)
    config = dict(config, seed=int(config["seed"]) + int(seed or 0))
    low, high = (int(v) for v in config["log2_widths"])
    rows, previous = [], None
    for a in range(low, high + 1):
        m = 2 ** a
        particles, train, test = _train(config, m, p, torch)
        row = {"p": p, "m": m, "train_loss": train, "test_loss": test, "seed": int(config["seed"])}
        if previous is not None:
            row.update({f"{k}_to_half_width": v for k, v in _distances(particles, previous, config).items()})
        row["sliced_w2_init_pair"] = _distances(*_initial_pair(config, m, torch), config)["sliced_w2"]
        if p:
            plain, _, _ = _train(config, m, 0.0, torch)
            row["sliced_w2_to_no_dropout"] = _distances(particles, plain, config)["sliced_w2"]
        rows.append(row)
        previous = particles
    return rows


def tasks(config: dict) -> list[tuple]:
    """One task per dropout rate and seed.

    Parameters
    ----------
    config
        The experiment's settings.

    Returns
    -------
    list of tuple
        The arguments of each ``run``.
    """
    return [(float(p), s) for p in config["dropout"] for s in range(int(config.get("seeds", 1)))]


def _rate(points) -> float | None:
    """The fitted ``s`` of ``distance ~ C m^(-s)`` (least squares in log-log), or ``None`` with fewer than 2 points."""
    import numpy as np
    if len(points) < 2:
        return None
    return float(-np.polyfit(np.log([m for m, _ in points]), np.log([w for _, w in points]), 1)[0])


def mean_interval(values) -> tuple[float, list[float] | None]:
    """Mean and 95 % confidence interval (Student's t over the values; ``None`` for fewer than 2).

    Parameters
    ----------
    values
        The values.

    Returns
    -------
    tuple
        The mean and the interval (or ``None``).

    Examples
    --------
    >>> mean, (low, high) = mean_interval([0.4, 0.5, 0.6])
    >>> round(mean, 3), round(low, 3), round(high, 3)
    (0.5, 0.252, 0.748)
    """
    import numpy as np
    from scipy.stats import t
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    if len(values) < 2:
        return mean, None
    half = float(t.ppf(0.975, len(values) - 1) * values.std(ddof=1) / np.sqrt(len(values)))
    return mean, [round(mean - half, 4), round(mean + half, 4)]


def summarise(config: dict, rows: list[dict]) -> dict:
    """Per dropout rate, the rate ``s`` of ``sliced_w2_to_half_width ~ C m^(-s)`` fitted per seed, as a mean with a
    95 % interval over seeds; the same for the baseline of two independent initial draws (``baseline_rate``); and
    how the networks were trained.

    Parameters
    ----------
    config
        The experiment's settings.
    rows
        The rows of every ``run``.

    Returns
    -------
    dict
        The summary.
    """
    out: dict[str, Any] = {"training": TRAINING, "seeds": len({r["seed"] for r in rows})}
    for p in sorted({r["p"] for r in rows}):
        rates = []
        for seed in sorted({r["seed"] for r in rows}):
            mine = [r for r in rows if r["p"] == p and r["seed"] == seed]
            rate = _rate([(r["m"], r["sliced_w2_to_half_width"]) for r in mine if "sliced_w2_to_half_width" in r])
            if rate is not None:
                rates.append(rate)
        if rates:
            out[f"rate_p{p:g}"], out[f"rate_p{p:g}_ci95"] = mean_interval(rates)
    baseline = []
    for seed in sorted({r["seed"] for r in rows}):
        pairs = {r["m"]: r["sliced_w2_init_pair"] for r in rows if r["seed"] == seed and "sliced_w2_init_pair" in r}
        rate = _rate(sorted(pairs.items()))
        if rate is not None:
            baseline.append(rate)
    if baseline:
        out["baseline_rate"], out["baseline_rate_ci95"] = mean_interval(baseline)
        out["baseline"] = "sliced W2 between two independent draws of the initial law at the same width"
    return out


def figure(rows: list[dict], path: str) -> None:
    """Distance between successive widths against m (log-log) per dropout rate, and test loss against m.

    Parameters
    ----------
    rows
        The rows of every ``run``.
    path
        The picture file.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.5))
    ms = sorted({r["m"] for r in rows})

    def mean_at(key, selected):
        return [float(np.mean([r[key] for r in selected if r["m"] == m and key in r])) for m in ms
                if any(r["m"] == m and key in r for r in selected)]
    for p in sorted({r["p"] for r in rows}):
        mine = [r for r in rows if r["p"] == p]
        axes[0].loglog(ms[1:], mean_at("sliced_w2_to_half_width", mine), "o-", label=f"dropout p = {p:g}")
        axes[1].loglog(ms, mean_at("test_loss", mine), "o-", label=f"p = {p:g}")
    axes[0].loglog(ms, mean_at("sliced_w2_init_pair", rows), "k:", label="two initial draws (baseline)")
    axes[0].set_title(f"sliced W2(μ_m, μ_m/2), mean of {len({r['seed'] for r in rows})} seeds")
    axes[1].set_title("test loss")
    for ax in axes:
        ax.set_xlabel("width m")
        ax.legend()
    fig.suptitle("mean-field limit with dropout")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
