"""Which input -> outcome functions asynchronous schedules realise, over all of parameter space, and for one network.

[`asynchronous_expressivity()`][weightspace.arch.hopfield.async_expressivity.asynchronous_expressivity] runs a
schedule and a read ([`weightspace.arch.hopfield.asynchronous`][weightspace.arch.hopfield.asynchronous]) on the
one-step map of every chamber of the one-step arrangement (the dynamics depend on the parameters only through that
map), counts the distinct outcome functions, how many of them are functions ``{0,1}^n -> {0,1}^n`` (one state per
input, with certainty) and how many of those are one-step synchronous maps of the same weight constraint: the
source's Prop. 4 in the reading "the input -> attractor map of an asynchronous schedule is a one-step map".
[`network_outcomes()`][weightspace.arch.hopfield.async_expressivity.network_outcomes] gives one network's answer
per input, with exact probabilities for random selection.

Examples
--------
>>> row = asynchronous_expressivity(2, "symmetric", "random")
>>> row.maps, row.deterministic, row.one_step
(74, 25, 25)
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ...budget import DEFAULT_BUDGET, Budget
from .asynchronous import deterministic_maps, outcome_keys, parse_schedule, random_attractors
from .chambers import one_step_chambers
from .evaluate import map_of
from .keys import map_keys

CHUNK = 50_000


@dataclass
class AsyncExpressivity:
    """Distinct outcome functions of a schedule over every chamber, and which are one-step maps."""

    n: int
    weights: str
    schedule: str
    order: tuple[int, ...] | None
    read: str
    steps: int
    chambers: int
    maps: int
    deterministic: int
    one_step: int
    beyond_example: tuple[int, ...] | None
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"nodes": self.n, "weights": self.weights, "schedule": self.schedule,
                "order": [u + 1 for u in self.order] if self.order else None, "read": self.read,
                "steps": self.steps if self.read == "steps" else None, "one_step_chambers": self.chambers,
                "maps": self.maps, "deterministic_maps": self.deterministic, "one_step_maps": self.one_step,
                "beyond_one_step_example": list(self.beyond_example) if self.beyond_example else None,
                "seconds": round(self.seconds, 3)}

    def lines(self) -> list[str]:
        what = f"the state after {self.steps} steps" if self.read == "steps" else "the attractor reached"
        order = f" (order {','.join(str(u + 1) for u in self.order)})" if self.order else ""
        out = [f"{self.n} nodes, {self.weights} weights, {self.schedule} schedule{order}, reading {what}:",
               f"  {self.maps} distinct input -> outcome functions over {self.chambers} one-step chambers",
               f"  {self.deterministic} of them are maps {{0,1}}^{self.n} -> {{0,1}}^{self.n} (one state per input, "
               f"with certainty); {self.one_step} of those are one-step synchronous maps"]
        if self.beyond_example:
            out.append(f"  e.g. {','.join(map(str, self.beyond_example))} is not a one-step map")
        return out


def asynchronous_expressivity(n: int, weights: str = "free", schedule: str = "fixed", order: Any = None,
                              read: str = "attractor", steps: int = 1, budget: Budget | None = None,
                              progress=None) -> AsyncExpressivity:
    """Count the outcome functions of a schedule over all chambers (see the module docstring).

    Parameters
    ----------
    n
        Number of nodes (at most 4; the one-step chambers must fit the budget).
    weights
        The weight constraint.
    schedule
        ``fixed``, ``every-order`` or ``random``.
    order
        For ``fixed``: a 1-based order (default ``1..n``).
    read
        ``attractor`` or ``steps``.
    steps
        The number of single-unit steps for ``read = steps``.
    budget
        Size limits for the one-step chambers.
    progress
        Called with ``(chambers done, chambers)``.

    Returns
    -------
    AsyncExpressivity
        The counts.

    Raises
    ------
    InvalidInput
        For an unknown schedule, read or order, or a bad number of steps.
    TooLarge
        When the one-step chambers exceed the budget.
    """
    from ...validation import check_number
    schedule, parsed = parse_schedule(schedule, order, n)
    check_number(steps, "--steps", minimum=1, maximum=64, integer=True)
    started = time.perf_counter()
    chambers = one_step_chambers(n, weights, budget=budget or DEFAULT_BUDGET)
    maps = chambers.maps
    parts = []
    for start in range(0, len(maps), CHUNK):
        keys = outcome_keys(maps[start:start + CHUNK], n, schedule, parsed, read, steps)
        parts.append(np.unique(keys, axis=0))
        if progress is not None:
            progress(min(start + CHUNK, len(maps)), len(maps))
    distinct = np.unique(np.concatenate(parts), axis=0)
    flags, functions = deterministic_maps(distinct, n, schedule, read, steps)
    one_step_keys = np.unique(map_keys(maps, n))
    candidate = functions[flags]
    inside = np.isin(map_keys(candidate.astype(maps.dtype), n), one_step_keys) if len(candidate) else \
        np.zeros(0, dtype=bool)
    beyond = tuple(int(v) for v in candidate[~inside][0]) if (~inside).any() else None
    return AsyncExpressivity(n, weights, schedule, parsed, read, steps, len(maps), len(distinct), int(flags.sum()),
                             int(inside.sum()), beyond, time.perf_counter() - started)


def network_outcomes(W: Sequence[Sequence], theta: Sequence, schedule: str = "random", order: Any = None,
                     read: str = "attractor", steps: int = 1) -> list[dict[str, Any]]:
    """One network's outcome per input: for ``random``, every attractor (its states) with its exact probability;
    for the deterministic schedules, the attractor or state (a set of them for ``every-order``).

    Parameters
    ----------
    W
        The weights (rationals).
    theta
        The thresholds.
    schedule
        ``fixed``, ``every-order`` or ``random``.
    order
        For ``fixed``: a 1-based order.
    read
        ``attractor`` or ``steps``.
    steps
        Single-unit steps for ``read = steps``.

    Returns
    -------
    list of dict
        One entry per input code: ``{"input", "outcomes": [{"states", "probability"}]}``.

    Raises
    ------
    InvalidInput
        For a bad schedule, order or read.

    Examples
    --------
    >>> rows = network_outcomes([[0, 1], [1, 0]], [0, 0])     # each unit copies the other
    >>> [(o["states"], o["probability"]) for o in rows[1]["outcomes"]]
    [([0], '1/2'), ([3], '1/2')]
    """
    n = len(W)
    schedule, parsed = parse_schedule(schedule, order, n)
    F = np.array([map_of(W, theta, n)], dtype=np.int64)
    rows = []
    if schedule == "random" and read == "attractor":
        classes, numerators, denominator = random_attractors(F, n)
        for x in range(2 ** n):
            outcomes = []
            for c in range(2 ** n):
                if classes[0, c] and numerators[0, x, c]:
                    p = Fraction(int(numerators[0, x, c]), int(denominator[0]))
                    outcomes.append({"states": _states(int(classes[0, c])), "probability": _fraction(p)})
            rows.append({"input": x, "outcomes": outcomes})
        return rows
    keys = outcome_keys(F, n, schedule, parsed, read, steps)[0]
    N = 2 ** n
    for x in range(N):
        if schedule == "random":
            counts = keys.reshape(N, N)[x]
            total = n ** steps
            outcomes = [{"states": [y], "probability": _fraction(Fraction(int(c), total))}
                        for y, c in enumerate(counts) if c]
        else:
            values = keys.reshape(N, -1)[x]
            values = [int(v) for v in values if v >= 0]
            outcomes = [{"states": _states(v) if read == "attractor" else [v], "probability": "1"} for v in values]
        rows.append({"input": x, "outcomes": outcomes})
    return rows


def _states(mask: int) -> list[int]:
    return [y for y in range(mask.bit_length()) if (mask >> y) & 1]


def _fraction(p: Fraction) -> str:
    return str(p.numerator) if p.denominator == 1 else f"{p.numerator}/{p.denominator}"


__all__ = ["AsyncExpressivity", "asynchronous_expressivity", "network_outcomes"]
