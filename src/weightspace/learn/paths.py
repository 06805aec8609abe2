"""Learning a map as motion in parameter space: which chamber the parameters visit, step by step.

The target is a one-step map ``f`` of an ``n``-node network with a weight constraint; in the coordinates
``phi`` of the constrained parameter space each (unit ``i``, input ``x``) gives a row ``a_k`` with
``r_i(x) = a_k . phi``, and ``f`` prescribes signs ``s_k``. Two rules move ``phi`` from 0:

* ``mpf``: gradient descent on the convex MPF-style surrogate ``L(phi) = sum_k exp(-s_k a_k . phi)`` (the MPF
  objective of the target's constraints) with step ``1 / (K max_k |a_k|^2)``, small enough that ``L`` decreases
  monotonically from ``L(0) = K``. Once ``L < 1`` every margin ``s_k a_k . phi`` is positive, i.e. ``phi`` lies in
  the chamber ``Par_f``; for a realisable (separable) target ``inf L = 0`` and gradient descent drives ``L`` to 0,
  so ``Par_f`` is reached (source documents, Prop. 5). With free weights the units decouple exactly.
* ``perceptron``: cycle through the constraints; a violated one (``s_k a_k . phi <= 0``) adds ``s_k a_k``.

At every step the realised map is read off exactly (``phi`` converted to Fractions) and compared with ``f``
(Hamming distance in output bits).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ..arch.hopfield.network import HopfieldNetwork
from ..booleans import parse_map
from ..errors import InvalidInput

PATH_RULES = ("mpf", "perceptron")


def constraint_system(network: HopfieldNetwork, mapping: Sequence[int]) -> tuple[np.ndarray, np.ndarray, list]:
    """Rows ``a_k`` (integer), signs ``s_k`` and labels ``(unit, input)`` of a target map, as arrays.

    Parameters
    ----------
    network
        The Hopfield network.
    mapping
        The target map.

    Returns
    -------
    tuple
        Rows, signs and labels.
    """
    rows, signs, labels = network.constraints(mapping)
    return np.array(rows, dtype=np.int64), np.array(signs, dtype=np.int64), labels


def exact_map(network: HopfieldNetwork, rows: np.ndarray, labels: list, phi: np.ndarray) -> tuple[int, ...]:
    """The map realised at ``phi`` (floats read exactly as the binary fractions they are).

    Parameters
    ----------
    network
        The Hopfield network.
    rows
        Its constraint rows.
    labels
        Their labels ``(unit, input)``.
    phi
        The parameter point.

    Returns
    -------
    tuple of int
        The map.
    """
    exact = [Fraction(float(v)) for v in phi]
    out = [0] * (2 ** network.n)
    for (unit, x), row in zip(labels, rows):
        if sum(int(a) * b for a, b in zip(row, exact) if a) > 0:
            out[x] |= 1 << unit
    return tuple(out)


def hamming(a: Sequence[int], b: Sequence[int]) -> int:
    """Number of output bits where two maps differ.

    Parameters
    ----------
    a
        A map.
    b
        Another map.

    Returns
    -------
    int
        The number of output bits where they differ.
    """
    return sum(bin(x ^ y).count("1") for x, y in zip(a, b))


@dataclass
class LearningPath:
    """The chambers visited while learning ``target`` (recorded when the chamber changes)."""

    target: tuple[int, ...]
    rule: str
    weights: str
    steps: int
    entered: bool
    entered_at: int | None
    trajectory: list[dict] = field(default_factory=list)
    final_map: tuple[int, ...] = ()
    final_parameters: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"map": list(self.target), "rule": self.rule, "weights": self.weights, "steps": self.steps,
                "entered": self.entered, "entered_at": self.entered_at, "trajectory": self.trajectory,
                "final_map": list(self.final_map), "final_distance": hamming(self.final_map, self.target),
                "final_parameters": self.final_parameters}


def learn_path(n: int, mapping: str | Sequence[int], rule: str = "mpf", weights: str = "free",
               max_steps: int = 5000, stop_on_entry: bool = True) -> LearningPath:
    """Run a rule from ``phi = 0`` towards ``mapping`` and record the chambers it passes through.

    Parameters
    ----------
    n
        Number of units.
    mapping
        The target map.
    rule
        The learning rule.
    weights
        The weight constraint.
    max_steps
        Steps at most.
    stop_on_entry
        Stop when the target's chamber is reached.

    Returns
    -------
    LearningPath
        The chambers visited, in order.

    Raises
    ------
    InvalidInput
        For an unknown rule, a non-positive number of steps, or a malformed map.

    Examples
    --------
    >>> p = learn_path(2, "1,0,0,2", rule="perceptron")
    >>> p.entered, p.trajectory[-1]["distance"]
    (True, 0)
    """
    if rule not in PATH_RULES:
        raise InvalidInput(f"unknown rule {rule!r}: use one of {', '.join(PATH_RULES)}")
    if max_steps < 1:
        raise InvalidInput("--steps must be positive")
    network = HopfieldNetwork(n, weights)
    target = parse_map(mapping, n)
    rows, signs, labels = constraint_system(network, target)
    A = (rows * signs[:, None]).astype(float)
    phi = np.zeros(rows.shape[1])
    eta = 1.0 / (len(rows) * float((rows.astype(float) ** 2).sum(axis=1).max()))
    trajectory, last, entered_at = [], None, None
    current = exact_map(network, rows, labels, phi)
    trajectory.append({"step": 0, "map": list(current), "distance": hamming(current, target)})
    last = current
    step = 0
    k = 0
    for step in range(1, max_steps + 1):
        if rule == "mpf":
            phi = phi + eta * np.exp(-(A @ phi)) @ A
        else:
            for _ in range(len(A)):  # the next violated constraint, cyclically
                if A[k] @ phi <= 0:
                    phi = phi + A[k]
                    k = (k + 1) % len(A)
                    break
                k = (k + 1) % len(A)
        current = exact_map(network, rows, labels, phi)
        if current != last:
            trajectory.append({"step": step, "map": list(current), "distance": hamming(current, target)})
            last = current
        if current == target and entered_at is None:
            entered_at = step
            if stop_on_entry:
                break
    W, theta = network.parameters([float(v) for v in phi])
    return LearningPath(target, rule, weights, step, entered_at is not None, entered_at, trajectory, last,
                        {"W": [list(r) for r in W], "theta": list(theta)})


def batch_mpf(rows: np.ndarray, signs: np.ndarray, max_steps: int, eta: float | None = None):
    """Gradient descent on the surrogate for many targets at once (same rows; ``signs`` is ``B x K``).

    Returns the first step at which each target's iterate had all margins positive (``-1`` if never), the final
    parameters, and the number of constraints violated at the end. ``eta`` defaults to ``1 / (K max |a_k|^2)``.

    Parameters
    ----------
    rows
        The constraint rows.
    signs
        The targets' signs, one row per target.
    max_steps
        Steps at most.
    eta
        The step size (a default from the rows when ``None``).

    Returns
    -------
    tuple
        The step at which each target's chamber was entered (``-1``: never), the final parameters, and the number
        of violated constraints of each target at the end.
    """
    R = rows.astype(float)
    eta = eta or 1.0 / (len(R) * float((R ** 2).sum(axis=1).max()))
    S = signs.astype(float)
    phi = np.zeros((len(S), R.shape[1]))
    entered = np.full(len(S), -1)
    for step in range(1, max_steps + 1):
        margins = S * (phi @ R.T)
        phi = phi + eta * (np.exp(-margins) * S) @ R
        inside = np.all(S * (phi @ R.T) > 0, axis=1)
        entered[inside & (entered < 0)] = step
        if (entered >= 0).all():
            break
    violated = (S * (phi @ R.T) <= 0).sum(axis=1)
    return entered, phi, violated
