"""Continual learning of associative memories, measured as Kemker, McClure, Abitino, Hayes and Kanan (2018) measure
catastrophic forgetting.

**Data.** scikit-learn's bundled 8x8 digits, binarised (pixel > 7 -> +1), with ``10 x repeats`` label units (``+1``
for the class). This is the classifier of [`digits_task`][weightspace.memory.experiments.digits_task]: a test image is
given the label whose unit the network's field favours most. 400 images are held out for testing.

**Tasks** arrive one after another. The learner sees only the current task's training images, ``per_class`` per
class:

* ``scenario="classes"`` (incremental class learning): the ten digits split into ``T`` groups in order (0-1, 2-3, ...
  for ``T = 5``). Every test image may get any of the ten labels.
* ``scenario="permuted"`` (data permutation): every task has all ten digits, but task ``t > 1`` permutes a fraction
  ``variability`` of the 64 pixel positions by its own random permutation. ``variability`` is the controlled
  dissimilarity of the tasks: 0 repeats one task, 1 gives independent inputs.

**Learners.**

* ``hebbian``: ``W += sum xi xi^T``. A sum does not depend on order, so sequential and joint training coincide.
* ``clipped``: the same addition, with every weight clipped to ``[-clip, clip]`` after each pattern: the palimpsest,
  which forgets old patterns.
* ``mpf``: minimum probability flow on the current task only, started from the previous weights, with
  ``mpf_iterations`` L-BFGS steps (fine-tuning) and a weight decay ``0.01 M |w|^2 / 2`` (``M`` patterns) that keeps
  the weights finite on separable data.
* ``poly``, ``rectified``, ``exp``: dense memories that keep every pattern (the stored set grows).

**Metrics**, after task ``t``: ``accuracy_first`` (test images of task 1), ``accuracy_new`` (task ``t``) and
``accuracy_all`` (tasks ``1..t``). Kemker et al.'s summaries over ``t = 2..T`` are ``omega_base = mean
accuracy_first / ideal``, ``omega_new = mean accuracy_new`` and ``omega_all = mean accuracy_all / ideal``. Here
``ideal`` is the accuracy on all tasks of the same learner trained on all tasks at once (the paper's offline model).

Examples
--------
>>> out = continual("clipped", tasks=2, per_class=5, seed=0)
>>> [sorted(r) for r in out["rows"]][0]
['accuracy_all', 'accuracy_first', 'accuracy_new', 'task']
>>> out["rows"][0]["accuracy_first"] == out["rows"][0]["accuracy_new"]
True
"""

from __future__ import annotations

from typing import Any, Callable

import numpy as np

from ..errors import InvalidInput
from ..validation import check_number
from ..arch.memory.models import hebbian_weights, make_model

DECAY = 0.01            # MPF's weight decay per pattern: keeps the weights, and exp(margin), finite

LEARNERS = ("hebbian", "clipped", "mpf", "poly", "rectified", "exp")
SCENARIOS = ("classes", "permuted")


def _digits() -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import load_digits
    digits = load_digits()
    return np.where(digits.data > 7, 1, -1).astype(np.int64), digits.target


def _task_data(scenario: str, tasks: int, variability: float, per_class: int, seed: int) -> list[dict[str, Any]]:
    images, labels = _digits()
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(labels))
    test, train = order[:400], order[400:]
    out = []
    if scenario == "classes":
        groups = np.array_split(np.arange(10), tasks)
        for classes in groups:
            chosen = np.concatenate([train[labels[train] == c][:per_class] for c in classes])
            held = test[np.isin(labels[test], classes)]
            out.append({"classes": classes.tolist(), "train_x": images[chosen], "train_y": labels[chosen],
                        "test_x": images[held], "test_y": labels[held]})
        return out
    used = 0
    for t in range(tasks):
        perm = np.arange(64)
        if t > 0 and variability > 0:
            moved = rng.choice(64, size=int(round(variability * 64)), replace=False)
            perm[moved] = rng.permutation(moved)
        chosen = np.concatenate([train[labels[train] == c][used:used + per_class] for c in range(10)])
        used += per_class
        out.append({"classes": list(range(10)), "train_x": images[chosen][:, perm], "train_y": labels[chosen],
                    "test_x": images[test][:, perm], "test_y": labels[test]})
    return out


def _with_labels(x: np.ndarray, y: np.ndarray, repeats: int) -> np.ndarray:
    codes = -np.ones((len(x), 10 * repeats), dtype=np.int64)
    for row, c in enumerate(y):
        codes[row, [c + 10 * r for r in range(repeats)]] = 1
    return np.hstack([x, codes])


class _Learner:
    """A sequential learner: ``learn(patterns)`` adds a task, ``scores(images)`` are the label fields."""

    def __init__(self, name: str, units: int, repeats: int, clip: int, mpf_iterations: int, degree: int):
        self.name, self.repeats, self.clip, self.iterations, self.degree = name, repeats, clip, mpf_iterations, degree
        self.W = np.zeros((units, units))
        self.theta = np.zeros(units)
        self.stored: list[np.ndarray] = []

    def learn(self, patterns: np.ndarray) -> None:
        if self.name == "hebbian":
            self.W = self.W + hebbian_weights(patterns)
        elif self.name == "clipped":
            for p in patterns:
                self.W = np.clip(self.W + hebbian_weights(p[None, :]), -self.clip, self.clip)
        elif self.name == "mpf":
            from scipy.optimize import minimize
            from ..learn.mpf import objective, pack, unpack
            X = (patterns > 0).astype(float)
            decay = DECAY * len(X)

            def penalised(vector: np.ndarray) -> tuple[float, np.ndarray]:
                value, grad = objective(vector, X)
                return value + 0.5 * decay * float(vector @ vector), grad + decay * vector

            result = minimize(penalised, pack(self.W, self.theta), jac=True, method="L-BFGS-B",
                              options={"maxiter": self.iterations})
            self.W, self.theta = unpack(result.x, X.shape[1])
        else:
            self.stored.append(patterns)

    def scores(self, images: np.ndarray) -> np.ndarray:
        """How much each label unit wants to switch on, from the image with every label unit off."""
        states = np.hstack([images, -np.ones((len(images), 10 * self.repeats), dtype=np.int64)])
        if self.name in ("hebbian", "clipped"):
            fields = states @ self.W
        elif self.name == "mpf":
            fields = (states > 0) @ self.W + self.theta
        else:
            memory = make_model(self.name, degree=self.degree).fit(np.vstack(self.stored))
            fields = -np.array([memory.aligned_fields(s) for s in states], dtype=float)
        return fields[:, images.shape[1]:].reshape(len(images), self.repeats, 10).sum(axis=1)


def _accuracy(learner: _Learner, task: dict[str, Any]) -> float:
    return float((learner.scores(task["test_x"]).argmax(axis=1) == task["test_y"]).mean())


def _all_accuracy(learner: _Learner, data: list[dict[str, Any]]) -> float:
    hits = sum(_accuracy(learner, task) * len(task["test_y"]) for task in data)
    return hits / sum(len(task["test_y"]) for task in data)


def continual(learner: str, tasks: int = 5, scenario: str = "classes", variability: float = 1.0,
              per_class: int = 20, repeats: int = 3, clip: int = 30, mpf_iterations: int = 50, degree: int = 3,
              seed: int = 0, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Train ``learner`` on ``tasks`` tasks in order; the rows and Kemker et al.'s summaries (module docstring).

    Parameters
    ----------
    learner
        ``hebbian``, ``clipped``, ``mpf``, ``poly``, ``rectified`` or ``exp``.
    tasks
        Number of tasks, 2 to 10.
    scenario
        ``classes`` or ``permuted``.
    variability
        The permuted fraction of pixels (``permuted``).
    per_class
        Training images per class and task.
    repeats
        Copies of the label units.
    clip
        The weight bound of ``clipped``.
    mpf_iterations
        L-BFGS iterations of ``mpf`` per task.
    degree
        The degree of ``poly`` and ``rectified``.
    seed
        The seed.
    progress
        Called with ``(done, total)`` after each task.

    Returns
    -------
    dict
        ``rows`` (``task``, ``accuracy_first``, ``accuracy_new``, ``accuracy_all``), ``ideal``, ``omega_base``,
        ``omega_new``, ``omega_all`` and the settings.

    Raises
    ------
    InvalidInput
        For an unknown learner or scenario, or settings out of range.
    """
    if learner not in LEARNERS:
        raise InvalidInput(f"unknown learner {learner!r}: use {', '.join(LEARNERS)}")
    if scenario not in SCENARIOS:
        raise InvalidInput(f"unknown scenario {scenario!r}: use {', '.join(SCENARIOS)}")
    check_number(tasks, "--tasks", minimum=2, maximum=10, integer=True)
    check_number(variability, "--variability", minimum=0, maximum=1)
    check_number(per_class, "--per-class", minimum=1, maximum=100 // (tasks if scenario == "permuted" else 1),
                 integer=True)
    check_number(repeats, "--repeats", minimum=1, maximum=10, integer=True)
    check_number(clip, "--clip", minimum=1, integer=True)
    check_number(mpf_iterations, "--mpf-iterations", minimum=1, integer=True)
    data = _task_data(scenario, tasks, variability, per_class, seed)
    units = 64 + 10 * repeats
    make = lambda: _Learner(learner, units, repeats, clip, mpf_iterations, degree)   # noqa: E731
    sequential, rows = make(), []
    for t, task in enumerate(data):
        sequential.learn(_with_labels(task["train_x"], task["train_y"], repeats))
        rows.append({"task": t + 1, "accuracy_first": _accuracy(sequential, data[0]),
                     "accuracy_new": _accuracy(sequential, task),
                     "accuracy_all": _all_accuracy(sequential, data[:t + 1])})
        if progress:
            progress(t + 1, len(data) + 1)
    joint = make()
    joint.learn(np.vstack([_with_labels(task["train_x"], task["train_y"], repeats) for task in data]))
    ideal = _all_accuracy(joint, data)
    if progress:
        progress(len(data) + 1, len(data) + 1)
    later = rows[1:]
    safe = ideal if ideal > 0 else float("nan")
    return {"learner": learner, "scenario": scenario, "tasks": tasks, "variability": variability,
            "per_class": per_class, "rows": rows, "ideal": ideal,
            "omega_base": float(np.mean([r["accuracy_first"] for r in later]) / safe),
            "omega_new": float(np.mean([r["accuracy_new"] for r in later])),
            "omega_all": float(np.mean([r["accuracy_all"] for r in later]) / safe),
            "classes": [task["classes"] for task in data]}


__all__ = ["LEARNERS", "SCENARIOS", "continual"]
