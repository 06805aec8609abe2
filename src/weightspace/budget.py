"""How much work a computation may do: one explicit [`Budget`][weightspace.budget.Budget] value passed down from the
caller.

Routes and size limits are decided in the library, from a ``Budget``, not from module globals: a caller (the CLI,
a test, a notebook) that wants a smaller or larger limit passes another value. Each limit is a count of objects
that a method materialises or composes (chambers, hyperplanes, flats), or an estimated time in core-hours for the
long jobs whose cost is known from measurements (``BENCHMARKS.md``). A computation whose estimate is beyond the
budget raises [`TooLarge`][weightspace.errors.TooLarge] *before* it starts, with the estimate in the message, unless
the budget allows more hours or names a Dask scheduler (work meant for a cluster).

Examples
--------
>>> Budget().max_chambers
3000000
>>> Budget().allows_hours(0.5), Budget().allows_hours(300), Budget(scheduler="tcp://host:8786").allows_hours(300)
(True, False, True)
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace

from .errors import InvalidInput, TooLarge


@dataclass(frozen=True)
class Budget:
    """Limits for one computation.

    Attributes
    ----------
    max_chambers : chambers listed in memory (one-step Hopfield chambers, chamber complexes).
    max_streamed : chambers composed block by block from a product (decoupled Hopfield weights).
    max_faces : faces enumerated for an f-vector and face poset (general-position bound on chambers).
    max_poset_faces : faces of the one-step arrangement coarsened into ``Sigma[Par^S]``.
    max_listed_chambers : chambers printed one by one (``weightspace chambers``).
    max_order_chambers, max_combinations : chambers of the order arrangement and (order chamber, cut)
        combinations when the thresholds of a coupled Hopfield network are eliminated.
    max_symmetric_inputs : largest cube dimension for symmetric characteristic polynomials (``2^n n!`` group).
    max_lp_calls : certified LPs of a brute-force count (one per truth table: ``count --method lp``).
    max_activation_systems : activation systems tried when realising a labelling with a ReLU network on data.
    max_hours : estimated wall-clock hours on this machine a single command may start.
    scheduler : a Dask scheduler address; work for a cluster is not refused by ``max_hours``.
    """

    max_chambers: int = 3_000_000
    max_streamed: int = 200_000_000
    max_faces: int = 500_000
    max_poset_faces: int = 400_000
    max_listed_chambers: int = 200_000
    max_order_chambers: int = 3_000_000
    max_combinations: int = 5_000_000_000
    max_symmetric_inputs: int = 8
    max_lp_calls: int = 2 ** 16
    max_activation_systems: int = 2_000_000
    max_hours: float = 1.0
    scheduler: str | None = None

    def allows_hours(self, hours: float) -> bool:
        """True when a job estimated at ``hours`` may start under this budget."""
        return self.scheduler is not None or hours <= self.max_hours

    def check_hours(self, hours: float, what: str) -> None:
        """Raise [`TooLarge`][weightspace.errors.TooLarge] (with the estimate) when ``hours`` is beyond the budget.

        Raises
        ------
        TooLarge
            When ``hours`` is beyond ``max_hours`` and no scheduler is named; the message carries the estimate.

        Examples
        --------
        >>> Budget().check_hours(260, "T(9) by class enumeration")
        Traceback (most recent call last):
        ...
        weightspace.errors.TooLarge: T(9) by class enumeration would take about 260 hours on this machine; raise --max-hours or give a Dask --scheduler (estimated cost: 260 hours (budget 1 hour))
        """
        if not self.allows_hours(hours):
            raise TooLarge(f"{what} would take about {_hours(hours)} on this machine; raise --max-hours or give a "
                           "Dask --scheduler", f"{_hours(hours)} (budget {_hours(self.max_hours)})")

    def with_(self, **changes) -> "Budget":
        """A copy with some limits changed (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


DEFAULT_BUDGET = Budget()


@contextmanager
def time_limit(seconds: float | None, what: str, estimate: str | None = None):
    """Stop the enclosed computation after ``seconds`` of wall time with [`TooLarge`][weightspace.errors.TooLarge].

    Meant for work whose cost has no reliable closed form (a Gröbner basis): it runs under a wall-clock budget
    instead. The alarm (``SIGALRM``) interrupts pure-Python work and the wait for a child process, and
    ``subprocess.run`` kills its child when interrupted, so no external process outlives the limit. Only in the
    main thread on a POSIX system; elsewhere, and with ``seconds=None``, it does nothing.

    Parameters
    ----------
    seconds
        The wall-time budget (``None``: none).
    what
        The work, named in the message.
    estimate
        A cost estimate to print with it.

    Returns
    -------
    context manager
        Enter it around the work.

    Raises
    ------
    InvalidInput
        For a limit that is not a positive finite number of seconds.
    TooLarge
        When the time is up; the message names ``what`` and the limit.

    Examples
    --------
    >>> import time
    >>> with time_limit(0.05, "a nap"):
    ...     time.sleep(1)
    Traceback (most recent call last):
    ...
    weightspace.errors.TooLarge: a nap was stopped after 0.05 s (raise --max-seconds)
    """
    if seconds is None or not hasattr(signal, "SIGALRM") or \
            threading.current_thread() is not threading.main_thread():
        yield
        return
    if not seconds > 0 or seconds == float("inf"):
        raise InvalidInput(f"the time limit must be a positive number of seconds, got {seconds}")

    def expire(signum, frame):
        raise TooLarge(f"{what} was stopped after {seconds:g} s (raise --max-seconds)", estimate)

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _hours(hours: float) -> str:
    if hours >= 1.5:
        return f"{hours:.0f} hours"
    if hours >= 0.95:
        return "1 hour"
    return f"{hours * 60:.0f} minutes"


__all__ = ["Budget", "DEFAULT_BUDGET", "time_limit"]
