"""Asynchronous dynamics as the source's Definition 3 defines it: one selected unit updates per step, and "the
method of selection is an additional choice".

Every schedule is a function of the one-step map ``F``: updating unit ``i`` at state ``x`` gives ``U_i(x)``, the
state ``x`` with bit ``i`` replaced by bit ``i`` of ``F(x)``. Schedules:

* ``fixed`` (an order ``u_1..u_n``, repeated): step ``t`` updates ``u_(t mod n)``; the *sweep map* is
  ``S = U_(u_n) o ... o U_(u_1)``.
* ``every-order``: the fixed schedules of all ``n!`` orders together; the answer per input is the set of outcomes.
* ``random``: each step updates a unit chosen uniformly at random, a Markov chain on ``{0,1}^n`` with
  ``P(x, U_i(x)) += 1/n``.

The function is read two ways:

* ``steps``: the state after ``k`` single-unit steps (for ``random``: its exact distribution, ``P^k``);
* ``attractor``: where the dynamics end. For a fixed order, the cycle that the sweep map ``S`` reaches (a fixed point
  of ``S`` is a fixed point of ``F``: a sweep that returns to its state changed no bit), recorded as the set of its
  states at sweep boundaries. For ``random``, the closed communicating classes of the chain (a fixed point, or a set
  of states the chain never leaves), with the exact probability of ending in each, the absorption probabilities
  ``h_C = P h_C`` off the classes, ``h_C = 1_C`` on them.

The absorption probabilities are solved in floating point over a batch of maps and then *verified exactly*: with
``A`` the integer system (``n I - (counts)`` on transient states, ``e_x`` on recurrent ones), ``d = det A`` (an integer
at most ``n^(2^n)``, recovered by rounding) and ``N`` the rounded numerators, ``A N = d B`` is checked in integer
arithmetic; ``A`` is non-singular (every transient state reaches a class, so ``A`` is a non-singular M-matrix), so
``N / d`` is the solution. Distinct answers are told apart by their values rounded to ``2^-40``, which separates
rationals with denominators up to ``n^(2^n)``.

Examples
--------
>>> import numpy as np
>>> F = np.array([[0, 3, 3, 3]], dtype=np.uint8)   # 2 nodes: each unit copies OR of the state
>>> attractor_masks(F, 2, (0, 1)).tolist()         # 00 stays; the others end at 11 (mask 1 << 3)
[[1, 8, 8, 8]]
>>> classes, numerators, denominator = random_attractors(F, 2)
>>> (numerators[0, 1] / denominator[0]).tolist()   # from x = 10 (code 1): to the class of 11 with probability 1
[0.0, 0.0, 0.0, 1.0]
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

from ...errors import CertificationError, InvalidInput

SCHEDULES = ("fixed", "every-order", "random")
READS = ("steps", "attractor")
MAX_ASYNC_NODES = 4


def unit_updates(maps: np.ndarray, n: int) -> np.ndarray:
    """``U[m, i, x]``: the state after unit ``i`` of map ``m`` updates at state ``x``.

    Parameters
    ----------
    maps
        One-step maps, shape ``(M, 2^n)`` (output codes by input code).
    n
        Number of units.

    Returns
    -------
    numpy.ndarray
        Shape ``(M, n, 2^n)``.
    """
    maps = np.asarray(maps, dtype=np.int64)
    x = np.arange(2 ** n, dtype=np.int64)
    out = np.empty((len(maps), n, 2 ** n), dtype=np.int64)
    for i in range(n):
        bit = 1 << i
        out[:, i, :] = (x & ~bit) | (maps & bit)
    return out


def _compose(U: np.ndarray, order) -> np.ndarray:
    rows = np.arange(len(U))[:, None]
    state = np.broadcast_to(np.arange(U.shape[2]), (len(U), U.shape[2])).copy()
    for i in order:
        state = U[rows, i, state]
    return state


def steps_states(maps: np.ndarray, n: int, order, k: int) -> np.ndarray:
    """The state after ``k`` single-unit steps of the fixed order, from every input.

    Parameters
    ----------
    maps
        One-step maps, shape ``(M, 2^n)``.
    n
        Number of units.
    order
        The order (0-based units).
    k
        Number of steps.

    Returns
    -------
    numpy.ndarray
        Shape ``(M, 2^n)``.
    """
    U = unit_updates(maps, n)
    return _compose(U, [order[t % n] for t in range(k)])


def attractor_masks(maps: np.ndarray, n: int, order) -> np.ndarray:
    """For every input, the cycle of the sweep map in this order that the input reaches, as a bitmask of states.

    Parameters
    ----------
    maps
        One-step maps, shape ``(M, 2^n)``.
    n
        Number of units.
    order
        The order (0-based units).

    Returns
    -------
    numpy.ndarray
        Shape ``(M, 2^n)``; a single bit ``1 << y`` is the fixed point ``y``.
    """
    S = _compose(unit_updates(maps, n), order)
    rows = np.arange(len(S))[:, None]
    y = np.broadcast_to(np.arange(2 ** n), S.shape).copy()
    for _ in range(2 ** n):
        y = S[rows, y]
    mask = np.zeros(S.shape, dtype=np.int64)
    for _ in range(2 ** n):
        mask |= np.left_shift(1, y)
        y = S[rows, y]
    return mask


def _closure(U: np.ndarray) -> np.ndarray:
    M, n, N = U.shape
    reach = np.zeros((M, N, N), dtype=np.int32)
    reach[:, np.arange(N), np.arange(N)] = 1
    for i in range(n):
        reach[np.arange(M)[:, None], np.arange(N)[None, :], U[:, i, :]] = 1
    for _ in range(max(1, (N - 1).bit_length())):
        reach = np.minimum(reach @ reach, 1)
    return reach.astype(bool)


def random_attractors(maps: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The closed classes of the random-selection chain and, for every input, the exact probability of ending in
    each (verified in integers; see the module docstring).

    Parameters
    ----------
    maps
        One-step maps, shape ``(M, 2^n)``.
    n
        Number of units.

    Returns
    -------
    tuple
        ``classes[m, c]``: the bitmask of the class whose least state is ``c`` (0 where ``c`` is no class's least
        state); ``numerators[m, x, c]`` and ``denominator[m]``: the probability that the chain from ``x`` ends in that
        class is ``numerators[m, x, c] / denominator[m]``, exactly.

    Raises
    ------
    CertificationError
        When the integer check of a solution fails.
    """
    U = unit_updates(maps, n)
    M, _, N = U.shape
    reach = _closure(U)
    recurrent = np.all(~reach | np.transpose(reach, (0, 2, 1)), axis=2)              # x -> y implies y -> x
    members = reach & recurrent[:, :, None]
    least = np.where(recurrent, np.argmax(reach, axis=2), -1)                        # class id: least state
    weights = 1 << np.arange(N, dtype=np.int64)
    classes = np.zeros((M, N), dtype=np.int64)
    for c in range(N):
        is_least = least == c
        rows, cols = np.nonzero(is_least)
        classes[rows, c] = (members[rows, cols] * weights).sum(axis=1)
    A = np.zeros((M, N, N), dtype=np.int64)
    B = np.zeros((M, N, N), dtype=np.int64)
    idx = np.arange(N)
    A[:, idx, idx] = np.where(recurrent, 1, n)
    for i in range(n):
        transient = ~recurrent
        m_idx, x_idx = np.nonzero(transient)
        np.subtract.at(A, (m_idx, x_idx, U[m_idx, i, x_idx]), 1)
    m_idx, x_idx = np.nonzero(recurrent)
    B[m_idx, x_idx, least[m_idx, x_idx]] = 1
    det = np.rint(np.linalg.det(A.astype(np.float64))).astype(np.int64)
    solution = np.linalg.solve(A.astype(np.float64), B.astype(np.float64))
    numerators = np.rint(solution * det[:, None, None]).astype(np.int64)
    if np.any(det == 0) or np.any(A @ numerators != det[:, None, None] * B):
        raise CertificationError("an absorption probability failed its exact integer check")
    sign = np.where(det < 0, -1, 1)[:, None, None]
    return classes, numerators * sign, np.abs(det)


def parse_schedule(schedule: str, order, n: int) -> tuple[str, tuple[int, ...] | None]:
    """Check a schedule name and its order.

    Parameters
    ----------
    schedule
        ``fixed``, ``every-order`` or ``random``.
    order
        For ``fixed``: a 1-based order such as ``"2,1,3"`` (default ``1..n``).
    n
        Number of units.

    Returns
    -------
    tuple
        The schedule and the 0-based order (``None`` unless fixed).

    Raises
    ------
    InvalidInput
        For an unknown schedule or a bad order.
    """
    from .scheme import parse_order
    if schedule not in SCHEDULES:
        raise InvalidInput(f"unknown schedule {schedule!r}: use one of {', '.join(SCHEDULES)}")
    if not 1 <= n <= MAX_ASYNC_NODES:
        raise InvalidInput(f"asynchronous schedules are supported for 1 to {MAX_ASYNC_NODES} nodes, got {n}")
    if schedule != "fixed":
        if order not in (None, "", "any"):
            raise InvalidInput(f"--order applies to the fixed schedule only, not to {schedule}")
        return schedule, None
    parsed = parse_order(order, n)
    return schedule, parsed if parsed is not None else tuple(range(n))


def outcome_keys(maps: np.ndarray, n: int, schedule: str, order, read: str, k: int = 1) -> np.ndarray:
    """One row of integers per map that determines its input -> outcome function (equal rows, equal functions).

    Parameters
    ----------
    maps
        One-step maps, shape ``(M, 2^n)``.
    n
        Number of units.
    schedule
        ``fixed``, ``every-order`` or ``random``.
    order
        The 0-based order for ``fixed``.
    read
        ``steps`` or ``attractor``.
    k
        The number of steps for ``read = steps``.

    Returns
    -------
    numpy.ndarray
        Shape ``(M, K)``, int64.

    Raises
    ------
    InvalidInput
        For an unknown read.
    """
    if read not in READS:
        raise InvalidInput(f"unknown read {read!r}: use one of {', '.join(READS)}")
    if schedule == "fixed":
        return steps_states(maps, n, order, k) if read == "steps" else attractor_masks(maps, n, order)
    if schedule == "every-order":
        parts = [steps_states(maps, n, o, k) if read == "steps" else attractor_masks(maps, n, o)
                 for o in permutations(range(n))]
        stacked = np.sort(np.stack(parts, axis=2), axis=2)
        repeated = np.zeros(stacked.shape, dtype=bool)
        repeated[:, :, 1:] = stacked[:, :, 1:] == stacked[:, :, :-1]
        stacked = np.sort(np.where(repeated, -1, stacked), axis=2)  # the set of outcomes per input (-1 pads)
        return stacked.reshape(len(maps), -1)
    if read == "steps":
        return _random_steps(maps, n, k)
    classes, numerators, denominator = random_attractors(maps, n)
    g = np.gcd(numerators, denominator[:, None, None])
    g = np.where(g == 0, 1, g)
    reduced = np.stack([numerators // g, denominator[:, None, None] // g], axis=3)    # each probability p / q
    return np.concatenate([classes, reduced.reshape(len(maps), -1)], axis=1)


def _random_steps(maps: np.ndarray, n: int, k: int) -> np.ndarray:
    U = unit_updates(maps, n)
    M, _, N = U.shape
    counts = np.zeros((M, N, N), dtype=object if k * np.log2(n) > 60 else np.int64)
    for i in range(n):
        np.add.at(counts, (np.arange(M)[:, None], np.arange(N)[None, :], U[:, i, :]), 1)
    power = counts
    for _ in range(k - 1):
        power = power @ counts
    return power.reshape(M, -1)              # integer counts over n^k paths: the exact distribution times n^k


def deterministic_maps(keys: np.ndarray, n: int, schedule: str, read: str, k: int = 1) -> np.ndarray:
    """Which outcome rows are functions ``{0,1}^n -> {0,1}^n`` (one state per input, with certainty), and those
    maps: ``(flags, maps)`` with ``maps[r]`` meaningful where ``flags[r]``.

    Parameters
    ----------
    keys
        Rows of [`outcome_keys()`][weightspace.arch.hopfield.asynchronous.outcome_keys].
    n
        Number of units.
    schedule
        The schedule the keys come from.
    read
        The read the keys come from.
    k
        The number of steps for ``read = steps``.

    Returns
    -------
    tuple of numpy.ndarray
        Flags of shape ``(R,)`` and maps of shape ``(R, 2^n)``.
    """
    N = 2 ** n
    R = len(keys)
    if schedule in ("fixed", "every-order"):
        if schedule == "fixed":
            values, single = keys, np.ones(R, dtype=bool)
        else:                                          # one outcome per input: the -1 pads fill the rest
            per_input = keys.reshape(R, N, -1)
            values, single = per_input[:, :, -1], (per_input[:, :, :-1] == -1).all(axis=(1, 2))
        if read == "attractor":
            return single & _single_bits(values).all(axis=1), _bit_index(values)
        return single, values
    if read == "steps":
        counts = keys.reshape(R, N, N)
        flags = (counts.max(axis=2) == n ** k).all(axis=1)
        return flags, counts.argmax(axis=2)
    classes = keys[:, :N]
    reduced = keys[:, N:].reshape(R, N, N, 2)
    certain = reduced[:, :, :, 0] == reduced[:, :, :, 1]                   # probability p / q with p = q: 1
    target = np.take_along_axis(classes, certain.argmax(axis=2), axis=1)
    flags = certain.any(axis=2).all(axis=1) & _single_bits(target).all(axis=1)
    return flags, _bit_index(target)


def _single_bits(masks: np.ndarray) -> np.ndarray:
    return (masks > 0) & ((masks & (masks - 1)) == 0)


def _bit_index(masks: np.ndarray) -> np.ndarray:
    return np.where(masks > 0, np.log2(np.maximum(masks, 1)).round().astype(np.int64), -1)


__all__ = ["SCHEDULES", "READS", "MAX_ASYNC_NODES", "unit_updates", "steps_states", "attractor_masks",
           "random_attractors", "parse_schedule", "outcome_keys", "deterministic_maps"]
