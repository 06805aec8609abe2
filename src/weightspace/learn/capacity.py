"""Storage capacity: how many random patterns a rule stores as exact fixed points, and recall from noisy cues.

One task = (rule, nodes, patterns M, trial): draw ``M`` uniform random patterns in ``{0,1}^n`` (seeded by the trial),
fit the rule, take its exact integer network and count the patterns that are fixed points (integer arithmetic). Recall:
flip ``round(noise * n)`` bits of each stored pattern, run asynchronous sweeps (units in order) until a fixed point or
``max_sweeps``, and count exact returns. Tasks run through
[`weightspace.parallel.Executor`][weightspace.parallel.Executor] (local processes or Dask) and are appended to a
JSON-lines checkpoint, so a sweep resumes without redoing finished tasks.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np

from ..errors import InvalidInput
from ..arch.hopfield.evaluate import settle
from ..parallel import Executor, JsonLinesCheckpoint, config_key
from .registry import make_rule


MAX_RANGE_VALUES = 10_000


def parse_range(text: str, what: str = "patterns") -> list[int]:
    """``"10:120:10"`` -> ``[10, 20, ..., 120]``; ``"5,10,20"`` -> the list (``what`` names the option in errors).

    Parameters
    ----------
    text
        ``START:STOP:STEP`` or a comma-separated list.
    what
        The option's name, for messages.

    Returns
    -------
    list of int
        The values.

    Raises
    ------
    InvalidInput
        When the text is neither ``START:STOP:STEP`` nor a comma-separated list of positive integers.

    Examples
    --------
    >>> parse_range("10:40:10")
    [10, 20, 30, 40]
    """
    try:
        if ":" in text:
            start, stop, step = (int(v) for v in text.split(":"))
            if step <= 0 or start <= 0 or stop < start:
                raise ValueError
            values = range(start, stop + 1, step)
        else:
            values = [int(v) for v in text.split(",")[:MAX_RANGE_VALUES + 1] if v.strip()]
            if not values or min(values) <= 0:
                raise ValueError
    except ValueError:
        raise InvalidInput(f"{what} {text!r} must be START:STOP:STEP or a comma-separated list of positive "
                           "integers") from None
    if len(values) > MAX_RANGE_VALUES:
        raise InvalidInput(f"{what} {text[:40]!r} names more than {MAX_RANGE_VALUES} values")
    return list(values)


def recall(W: np.ndarray, theta: np.ndarray, pattern: np.ndarray, flips: int, rng: np.random.Generator,
           max_sweeps: int = 50) -> bool:
    """Corrupt ``flips`` bits, run asynchronous sweeps exactly (the evaluator's
    [`settle()`][weightspace.arch.hopfield.evaluate.settle]), report exact
    return to the pattern.

    Parameters
    ----------
    W
        Integer weights.
    theta
        Integer thresholds.
    pattern
        The stored 0/1 pattern.
    flips
        Bits to corrupt.
    rng
        The random generator.
    max_sweeps
        Sweeps at most.

    Returns
    -------
    bool
        Whether the dynamics return to ``pattern``.
    """
    state = pattern.copy()
    if flips:
        state[rng.choice(len(state), size=flips, replace=False)] ^= 1
    return bool(np.array_equal(settle(W, theta, state, max_sweeps), pattern))


def run_task(rule: str, nodes: int, patterns: int, trial: int, noise: float = 0.1, seed: int = 0) -> dict:
    """One capacity measurement (a picklable top-level function for executors).

    Parameters
    ----------
    rule
        The learning rule.
    nodes
        Number of units.
    patterns
        Number of patterns.
    trial
        The trial's index.
    noise
        The fraction of bits corrupted in a recall cue.
    seed
        The seed of the run.

    Returns
    -------
    dict
        The measurement.
    """
    rng = np.random.default_rng([seed, nodes, patterns, trial])
    X = rng.integers(0, 2, size=(patterns, nodes))
    start = time.perf_counter()
    fitted = make_rule(rule).fit(X)
    seconds = time.perf_counter() - start
    stored = fitted.stored(X)
    W, theta = fitted.integer_network()
    flips = int(round(noise * nodes))
    recalled = [recall(W, theta, X[m], flips, rng) for m in np.nonzero(stored)[0]]
    return {"rule": rule, "nodes": nodes, "patterns": patterns, "trial": trial, "stored": int(stored.sum()),
            "all_stored": bool(stored.all()), "recalled": int(sum(recalled)), "noise": noise,
            "fit_seconds": round(seconds, 4)}


def _key(rule: str, nodes: int, patterns: int, trial: int, noise: float, seed: int) -> str:
    return config_key(task="capacity", rule=rule, nodes=nodes, patterns=patterns, trial=trial, noise=noise, seed=seed)


@dataclass
class CapacityCurve:
    """Aggregated rows ``{"rule", "nodes", "patterns", "trials", "fraction_stored", ...}``."""

    rows: list[dict]
    tasks: int
    resumed_tasks: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"rows": self.rows, "tasks": self.tasks, "resumed_tasks": self.resumed_tasks,
                "seconds": round(self.seconds, 2)}


def capacity_curve(rules: Sequence[str], nodes: int, pattern_counts: Sequence[int], trials: int,
                   noise: float = 0.1, seed: int = 0, executor: str = "local", workers: int | None = None,
                   scheduler: str | None = None, checkpoint: str | Path | None = None,
                   progress: Callable[[int, int], None] | None = None) -> CapacityCurve:
    """Fraction of random patterns stored (and recalled) for each rule and number of patterns.

    Parameters
    ----------
    rules
        The learning rules.
    nodes
        Number of units.
    pattern_counts
        The numbers of patterns.
    trials
        Trials per point.
    noise
        The fraction of bits corrupted in a recall cue.
    seed
        The seed of the run.
    executor
        ``local`` or ``dask``.
    workers
        Worker processes.
    scheduler
        A Dask scheduler address.
    checkpoint
        A file to save finished trials to and resume from.
    progress
        Called with ``(done, total)``.

    Returns
    -------
    CapacityCurve
        The aggregated rows.

    Raises
    ------
    InvalidInput
        For fewer than 2 nodes or no trial, or an unknown rule.

    Notes
    -----
    Cost: ``trials`` fits per pattern count and rule. At ``n = 64``, 4 rules x 12 pattern counts x 10 trials (480
    fits) take about 51 s on 2 cores; with ``checkpoint`` every finished fit is kept and a re-run resumes.

    Examples
    --------
    >>> curve = capacity_curve(["hebb"], 16, [1, 2], trials=2, workers=1)
    >>> [r["patterns"] for r in curve.rows]
    [1, 2]
    """
    if nodes < 2 or trials < 1:
        raise InvalidInput("capacity needs at least 2 nodes and 1 trial")
    for rule in rules:
        make_rule(rule)  # validates the name
    start = time.perf_counter()
    tasks = [(rule, nodes, m, t, noise, seed) for rule in rules for m in pattern_counts for t in range(trials)]
    log = JsonLinesCheckpoint.in_directory(checkpoint, "capacity.jsonl")
    kept = log.keyed()                              # rows keyed by their full configuration, the seed included
    keys = {task: _key(*task) for task in tasks}
    done: dict[tuple, dict] = {task: kept[key] for task, key in keys.items() if key in kept}
    resumed = len(done)
    todo = [task for task in tasks if task not in done]
    pool = Executor(executor, workers if workers else (1 if len(todo) < 8 else None), scheduler)
    try:
        with log.appender() as append:
            for count, (index, row) in enumerate(pool.map_function(run_task, todo), start=1):
                done[todo[index]] = row
                append({**row, "seed": todo[index][5], "key": keys[todo[index]]})
                if progress:
                    progress(resumed + count, len(tasks))
    finally:
        pool.close()
    rows = []
    for rule in rules:
        for m in pattern_counts:
            results = [done[(rule, nodes, m, t, noise, seed)] for t in range(trials)]
            stored = sum(r["stored"] for r in results)
            rows.append({"rule": rule, "nodes": nodes, "patterns": m, "trials": trials,
                         "fraction_stored": stored / (m * trials),
                         "all_stored_fraction": sum(r["all_stored"] for r in results) / trials,
                         "recall_fraction": (sum(r["recalled"] for r in results) / stored) if stored else 0.0,
                         "noise": noise})
    return CapacityCurve(rows, len(tasks), resumed, time.perf_counter() - start)


def plot_capacity(curve: CapacityCurve, path: str | Path) -> Path:
    """Fraction stored (solid) and recalled (dashed) against the number of patterns, one colour per rule.

    Parameters
    ----------
    curve
        The curve.
    path
        The picture file.

    Returns
    -------
    Path
        The file written.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    figure, axes = plt.subplots(figsize=(7, 4.5))
    for k, rule in enumerate(sorted({r["rule"] for r in curve.rows})):
        rows = [r for r in curve.rows if r["rule"] == rule]
        colour = f"C{k}"
        axes.plot([r["patterns"] for r in rows], [r["fraction_stored"] for r in rows], "o-", color=colour,
                  label=f"{rule}: stored")
        axes.plot([r["patterns"] for r in rows], [r["recall_fraction"] for r in rows], "x--", color=colour,
                  alpha=0.6, label=f"{rule}: recalled ({int(100 * rows[0]['noise'])}% noise)")
    nodes = curve.rows[0]["nodes"] if curve.rows else 0
    axes.set_xlabel("patterns M")
    axes.set_ylabel("fraction")
    axes.set_title(f"Storage capacity, n = {nodes} (exact fixed-point checks)")
    axes.set_ylim(-0.03, 1.03)
    axes.grid(True, alpha=0.3)
    axes.legend(fontsize=7)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)
    return Path(path)
