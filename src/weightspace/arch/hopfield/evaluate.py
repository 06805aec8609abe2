"""The exact evaluator of Hopfield networks: the only place where ``x -> H(W x + theta)`` is simulated.

A state of ``n`` units is its code ``c = x_1 + 2 x_2 + ... + 2^(n-1) x_n`` (or a 0/1 vector where noted). Unit
``i`` sees the field ``r_i(x) = sum_j W_ij x_j + theta_i`` and takes the value ``H(r_i) = 1`` iff ``r_i > 0``.
A synchronous step updates every unit from the same state; an asynchronous sweep in an order ``(u_1, ..., u_n)``
updates ``u_1``, then ``u_2`` seeing the new value of ``u_1``, and so on. Arithmetic is exact: Python integers or
``fractions.Fraction`` (any mix), or numpy ``int64`` batches whose bound is checked first.

Examples
--------
>>> W, theta = ((0, 1), (1, 0)), (0, 0)
>>> map_of(W, theta, 2, "sync"), map_of(W, theta, 2, "async", (0, 1))
((0, 2, 1, 3), (0, 0, 3, 3))
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

from ...errors import InvalidInput

_INT64_SAFE = 2 ** 62


def field(W, theta, state: int, unit: int, n: int):
    """The exact field ``r_unit(x) = sum_j W_unit,j x_j + theta_unit`` on the state with this code.

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    state
        The state's code.
    unit
        The unit (0-based).
    n
        Number of units.

    Returns
    -------
    Rational
        ``r_unit(x)``.
    """
    row = W[unit]
    total = theta[unit]
    for j in range(n):
        if (state >> j) & 1:
            total = total + row[j]
    return total


def update_unit(W, theta, state: int, unit: int, n: int) -> int:
    """The state after unit ``unit`` takes the value ``H(r_unit(x))``.

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    state
        The state's code.
    unit
        The unit that updates (0-based).
    n
        Number of units.

    Returns
    -------
    int
        The next state's code.
    """
    return (state | (1 << unit)) if field(W, theta, state, unit, n) > 0 else (state & ~(1 << unit))


def sync_step(W, theta, state: int, n: int) -> int:
    """One synchronous step ``x -> H(W x + theta)``.

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    state
        The state's code.
    n
        Number of units.

    Returns
    -------
    int
        The next state's code.
    """
    out = 0
    for i in range(n):
        if field(W, theta, state, i, n) > 0:
            out |= 1 << i
    return out


def sweep_states(W, theta, state: int, n: int, order: Sequence[int]) -> list[int]:
    """The states of one asynchronous sweep, after each unit of ``order`` (the first entry is ``state``).

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    state
        The starting state's code.
    n
        Number of units.
    order
        The units in update order (0-based).

    Returns
    -------
    list of int
        ``len(order) + 1`` state codes.
    """
    states = [state]
    for unit in order:
        states.append(update_unit(W, theta, states[-1], unit, n))
    return states


def run(W, theta, n: int, steps: int, update: str, order: Sequence[int] | None, start: int) -> list[int]:
    """The states after each of ``steps`` synchronous steps or asynchronous sweeps (``start`` first).

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    n
        Number of units.
    steps
        Steps or sweeps.
    update
        ``sync`` or ``async``.
    order
        The sweep order (0-based) for ``async``.
    start
        The first state's code.

    Returns
    -------
    list of int
        ``steps + 1`` state codes.

    Raises
    ------
    InvalidInput
        For an unknown update, or an asynchronous sweep without an order.
    """
    if update not in ("sync", "async"):
        raise InvalidInput(f"unknown update {update!r}: use sync or async")
    if update == "async" and order is None:
        raise InvalidInput("an asynchronous sweep needs an order")
    trajectory = [start]
    for _ in range(steps):
        state = trajectory[-1]
        trajectory.append(sync_step(W, theta, state, n) if update == "sync"
                          else sweep_states(W, theta, state, n, order)[-1])
    return trajectory


def map_of(W, theta, n: int, update: str = "sync", order: Sequence[int] | None = None, steps: int = 1) \
        -> tuple[int, ...]:
    """The map ``{0,1}^n -> {0,1}^n`` of ``steps`` steps or sweeps (output codes in input-code order).

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    n
        Number of units.
    update
        ``sync`` or ``async``.
    order
        The sweep order (0-based) for ``async``.
    steps
        Steps or sweeps.

    Returns
    -------
    tuple of int
        The output code of every input code.
    """
    return tuple(run(W, theta, n, steps, update, order, x)[-1] for x in range(2 ** n))


def _exact_int64(W: np.ndarray, theta: np.ndarray) -> bool:
    """True when every field of a 0/1 state is exact in int64."""
    if W.dtype.kind not in "iu" or theta.dtype.kind not in "iu":
        return False
    largest = max(int(np.abs(W).max(initial=0)), int(np.abs(theta).max(initial=0)))
    return largest * (W.shape[1] + 1) < _INT64_SAFE


def fixed_points(W, theta, X) -> np.ndarray:
    """Boolean per row of ``X`` (0/1 states as vectors): is it a fixed point of every unit's update?

    Exact: int64 when no field can overflow, Python integers (object arrays) otherwise.

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    X
        States as 0/1 rows.

    Returns
    -------
    numpy.ndarray
        One boolean per row.

    Examples
    --------
    >>> fixed_points(np.array([[0, 2], [2, 0]]), np.array([-1, -1]), np.array([[1, 1], [1, 0]])).tolist()
    [True, False]
    """
    W, theta, X = np.asarray(W), np.asarray(theta), np.asarray(X)
    if not _exact_int64(W, theta):
        W, theta, X = W.astype(object), theta.astype(object), X.astype(object)
    fields = X @ W.T + theta
    return np.all((fields > 0) == (X == 1), axis=1)


def settle(W, theta, x: np.ndarray, max_sweeps: int = 50) -> np.ndarray:
    """Asynchronous sweeps in the order ``1..n`` on the 0/1 vector ``x`` until nothing changes (or
    ``max_sweeps``); exact as [`fixed_points()`][weightspace.arch.hopfield.evaluate.fixed_points].

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    x
        The 0/1 state.
    max_sweeps
        Sweeps at most.

    Returns
    -------
    numpy.ndarray
        The state reached.
    """
    W, theta = np.asarray(W), np.asarray(theta)
    state = np.array(x, copy=True)
    if not _exact_int64(W, theta):
        W, theta, state = W.astype(object), theta.astype(object), state.astype(object)
    for _ in range(max_sweeps):
        changed = False
        for i in range(len(state)):
            new = int(W[i] @ state + theta[i] > 0)
            if new != state[i]:
                state[i] = new
                changed = True
        if not changed:
            break
    return state


__all__ = ["field", "update_unit", "sync_step", "sweep_states", "run", "map_of", "fixed_points", "settle"]
