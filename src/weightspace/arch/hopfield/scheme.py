"""Update schemes of a recurrent Hopfield network, and their algebra on one-step maps.

Every update scheme is a function of the one-step map ``F = (f_1, ..., f_n)`` (unit ``i`` computes the threshold
function ``f_i`` of the current state), so for any scheme ``S`` the parameters realising ``g`` form
``Par_g^S = union of Par_F over one-step maps F with S(F) = g``:

* ``sync``, ``k`` steps: ``F^k``.
* ``async`` with an order ``(u_1, ..., u_n)``: one sweep updates ``u_1`` (seeing the current state), then ``u_2``
  (seeing the updated state), ...; ``k`` steps repeat the sweep ``k`` times.
* ``async`` with no order (spelled ``any`` on the command line): the union over all ``n!`` orders, the same order
  in every sweep.

The functions here compose stacks of one-step maps (arrays of shape ``(N, 2^n)``, output codes by input code);
they never simulate a network (that is [`weightspace.arch.hopfield.evaluate`][weightspace.arch.hopfield.evaluate]).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import permutations
from typing import Iterator, Sequence

import numpy as np

from ...errors import InvalidInput

UPDATES = ("sync", "async")
MAX_STEPS = 64


def parse_order(order: str | Sequence[int] | None, n: int) -> tuple[int, ...] | None:
    """Parse a 1-based unit order such as ``"2,1,3"`` into 0-based unit indices; ``None``, ``""`` and ``"any"``
    mean no fixed order.

    Parameters
    ----------
    order
        A 1-based order (text or sequence), or ``None`` / ``""`` / ``"any"``.
    n
        Number of units.

    Returns
    -------
    tuple of int or None
        The 0-based order, or ``None`` for no fixed order.

    Raises
    ------
    InvalidInput
        When the order is not a comma-separated permutation of ``1..n`` (or ``any``).

    Examples
    --------
    >>> parse_order("2,1", 2), parse_order("any", 2)
    ((1, 0), None)
    """
    if order is None or (isinstance(order, str) and order.strip().lower() in ("", "any")):
        return None
    if isinstance(order, str):
        try:
            values = [int(p) for p in order.split(",") if p.strip()]
        except ValueError:
            raise InvalidInput(f"order {order!r} must be comma-separated unit numbers 1..{n}, or any") from None
    else:
        values = [int(v) for v in order]
    if sorted(values) != list(range(1, n + 1)):
        raise InvalidInput(f"order {order!r} must list every unit 1..{n} exactly once")
    return tuple(v - 1 for v in values)


@dataclass(frozen=True)
class Scheme:
    """A validated update scheme: ``update`` (sync / async), ``steps`` (steps or sweeps) and ``order`` (0-based
    units of a sweep; ``None`` for sync, and for async meaning "any order").

    Examples
    --------
    >>> Scheme.parse(2, steps=2, update="async", order="2,1")
    Scheme(update='async', steps=2, order=(1, 0))
    >>> Scheme().is_one_step
    True
    """

    update: str = "sync"
    steps: int = 1
    order: tuple[int, ...] | None = None

    def __post_init__(self) -> None:
        if self.update not in UPDATES:
            raise InvalidInput(f"unknown update {self.update!r}: use sync or async")
        if isinstance(self.steps, bool) or not isinstance(self.steps, (int, np.integer)) or self.steps < 1:
            raise InvalidInput("the number of steps must be a positive integer")
        if self.steps > MAX_STEPS:
            raise InvalidInput(f"at most {MAX_STEPS} steps are supported")
        if self.order is not None and self.update == "sync":
            raise InvalidInput("--order applies to asynchronous updates only (use --update async)")

    @classmethod
    def parse(cls, n: int, steps: int = 1, update: str = "sync", order: str | Sequence[int] | None = None) \
            -> "Scheme":
        """The scheme of ``n`` units from command-line style values (order 1-based, ``any`` allowed).

        Raises
        ------
        InvalidInput
            For an unknown update, an invalid order, or an order given with synchronous updates.
        """
        if update not in UPDATES:
            raise InvalidInput(f"unknown update {update!r}: use sync or async")
        parsed = parse_order(order, n)
        if parsed is not None and update == "sync":
            raise InvalidInput("--order applies to asynchronous updates only (use --update async)")
        return cls(update, steps, parsed)

    @property
    def is_one_step(self) -> bool:
        """One synchronous step: the scheme whose cells are the chambers themselves."""
        return self.update == "sync" and self.steps == 1

    @property
    def any_order(self) -> bool:
        return self.update == "async" and self.order is None

    def orders(self, n: int) -> list[tuple[int, ...] | None]:
        """The sweep orders the scheme takes the union over (``[None]`` for sync)."""
        if self.update == "sync":
            return [None]
        return [self.order] if self.order is not None else list(permutations(range(n)))

    def order_json(self) -> list[int] | None:
        return None if self.order is None else [u + 1 for u in self.order]

    def describe(self) -> str:
        if self.update == "sync":
            return f"{self.steps} synchronous step(s)"
        return f"{self.steps} asynchronous sweep(s) in order {self.order_json() or 'any'}"


def sync_power(maps: np.ndarray, k: int) -> np.ndarray:
    """Row-wise ``F^k`` for a stack of maps (shape ``(N, 2^n)``): ``F^k[x] = F[F^(k-1)[x]]``.

    Parameters
    ----------
    maps
        Maps, one per row.
    k
        The power.

    Returns
    -------
    numpy.ndarray
        ``F^k`` for every row.
    """
    result = np.broadcast_to(np.arange(maps.shape[1], dtype=maps.dtype), maps.shape).copy()
    for _ in range(k):
        result = np.take_along_axis(maps, result, axis=1)
    return result


def _sweep(maps: np.ndarray, state: np.ndarray, order: Sequence[int]) -> np.ndarray:
    for unit in order:
        bit = (np.take_along_axis(maps, state, axis=1) >> unit) & 1
        state = (state & ~np.array(1 << unit, dtype=maps.dtype)) | (bit << unit).astype(maps.dtype)
    return state


def async_sweep(maps: np.ndarray, order: Sequence[int], sweeps: int = 1) -> np.ndarray:
    """Row-wise map of ``sweeps`` asynchronous sweeps in the given unit order.

    Parameters
    ----------
    maps
        One-step maps, one per row (each unit's update is read from the map).
    order
        The units in update order (0-based).
    sweeps
        Number of sweeps.

    Returns
    -------
    numpy.ndarray
        The maps of the sweeps, one per row.
    """
    state = np.broadcast_to(np.arange(maps.shape[1], dtype=maps.dtype), maps.shape).copy()
    for _ in range(sweeps):
        state = _sweep(maps, state, order)
    return state


def scheme_powers(maps: np.ndarray, max_steps: int, update: str, order: Sequence[int] | None) \
        -> Iterator[tuple[int, np.ndarray]]:
    """Yield ``(k, realised maps)`` for ``k = 1..max_steps`` (``F^k``, or ``k`` sweeps in ``order``), each step
    composed onto the previous one.

    Parameters
    ----------
    maps
        One-step maps, one per row.
    max_steps
        The last ``k``.
    update
        ``sync`` or ``async``.
    order
        The sweep order (0-based) for ``async``.

    Returns
    -------
    iterator of tuple
        ``(k, realised maps)`` for ``k = 1, ..., max_steps``.

    Examples
    --------
    >>> [m.tolist() for _, m in scheme_powers(np.array([[1, 2, 3, 0]], dtype=np.uint8), 2, "sync", None)]
    [[[1, 2, 3, 0]], [[2, 3, 0, 1]]]
    """
    state = np.broadcast_to(np.arange(maps.shape[1], dtype=maps.dtype), maps.shape).copy()
    for k in range(1, max_steps + 1):
        state = np.take_along_axis(maps, state, axis=1) if update == "sync" else _sweep(maps, state, order)
        yield k, state


def apply_scheme(maps: np.ndarray, n: int, scheme: Scheme) -> list[tuple[tuple[int, ...] | None, np.ndarray]]:
    """The realised maps per chamber: ``[(order, maps)]`` (one entry, or one per order for "any order").

    Parameters
    ----------
    maps
        One-step maps, one per row.
    n
        Number of units.
    scheme
        The update scheme.

    Returns
    -------
    list of tuple
        ``(order, realised maps)`` per order of the scheme.
    """
    if scheme.update == "sync":
        return [(None, sync_power(maps, scheme.steps))]
    return [(o, async_sweep(maps, o, scheme.steps)) for o in scheme.orders(n)]


__all__ = ["UPDATES", "MAX_STEPS", "Scheme", "parse_order", "sync_power", "async_sweep", "scheme_powers",
           "apply_scheme"]
