"""One validation helper for every numeric setting, used by the library (and so by the CLI, which only calls it).

An impossible setting (``--trials 0``, ``--beta inf``, ``--workers 0``) is an
[`InvalidInput`][weightspace.errors.InvalidInput] that names the option, never a made-up number (``nan``, ``-0.00``,
"capacity 0"); a setting whose memory would exceed the machine is a [`TooLarge`][weightspace.errors.TooLarge] before
the allocation.
"""

from __future__ import annotations

import math
from typing import Any, Iterable

from .errors import InvalidInput, TooLarge

MAX_BYTES = 4 * 2 ** 30        # one array a computation may allocate (the machines here have 24 GiB)


def check_number(value: Any, name: str, *, minimum: float | None = None, maximum: float | None = None,
                 integer: bool = False, positive: bool = False) -> Any:
    """``value`` itself, after checking that it is a finite number (an integer when ``integer``) within
    ``[minimum, maximum]`` (and ``> 0`` when ``positive``); ``name`` is the option as the user spells it.

    Parameters
    ----------
    value
        The value given.
    name
        The option's name, for the message.
    minimum
        The smallest value allowed.
    maximum
        The largest value allowed.
    integer
        Require an integer.
    positive
        Require a value above 0.

    Returns
    -------
    Any
        ``value``.

    Raises
    ------
    InvalidInput
        Naming the option, the allowed range and the value given.

    Examples
    --------
    >>> check_number(5, "--trials", minimum=1, integer=True)
    5
    >>> check_number(float("inf"), "--beta", positive=True)
    Traceback (most recent call last):
    ...
    weightspace.errors.InvalidInput: --beta must be a finite number, got inf
    >>> check_number(0, "--trials", minimum=1, integer=True)
    Traceback (most recent call last):
    ...
    weightspace.errors.InvalidInput: --trials must be at least 1, got 0
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) and not hasattr(value, "__index__"):
        try:
            value = float(value)
        except (TypeError, ValueError):
            raise InvalidInput(f"{name} must be a number, got {value!r}") from None
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput(f"{name} must be a finite number, got {value}")
    if integer and int(value) != value:
        raise InvalidInput(f"{name} must be an integer, got {value}")
    if positive and value <= 0:
        raise InvalidInput(f"{name} must be positive, got {value}")
    if minimum is not None and value < minimum:
        raise InvalidInput(f"{name} must be at least {minimum}, got {value}")
    if maximum is not None and value > maximum:
        raise InvalidInput(f"{name} must be at most {maximum}, got {value}")
    return value


def check_numbers(values: Iterable[Any], name: str, **limits: Any) -> list:
    """[`check_number`][weightspace.validation.check_number] on every value of a list, which must not be empty.

    Parameters
    ----------
    values
        The values given.
    name
        The option's name, for the message.
    **limits
        As for ``check_number``.

    Returns
    -------
    list
        The values.

    Raises
    ------
    InvalidInput
        For an empty list or any value out of range.

    Examples
    --------
    >>> check_numbers([0, 0.5], "--correlations", minimum=0, maximum=1)
    [0, 0.5]
    """
    values = list(values)
    if not values:
        raise InvalidInput(f"{name} needs at least one value")
    return [check_number(v, name, **limits) for v in values]


def check_bytes(count: float, what: str) -> None:
    """Refuse, before allocating it, an array of more than ``MAX_BYTES`` bytes.

    Parameters
    ----------
    count
        The bytes the array would take.
    what
        What the array is, for the message.

    Raises
    ------
    TooLarge
        With the size in GiB.

    Examples
    --------
    >>> check_bytes(100_000 ** 2 * 8, "the weight matrix of 100000 units")
    Traceback (most recent call last):
    ...
    weightspace.errors.TooLarge: the weight matrix of 100000 units needs more memory than the 4 GiB one array may take (estimated cost: 74.5 GiB)
    """
    if count > MAX_BYTES:
        raise TooLarge(f"{what} needs more memory than the {MAX_BYTES // 2 ** 30} GiB one array may take",
                       f"{count / 2 ** 30:.1f} GiB")


__all__ = ["check_number", "check_numbers", "check_bytes", "MAX_BYTES"]
