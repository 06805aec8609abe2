"""The one JSON encoding of exact numbers, used by every ``--json`` output, the catalog and the atlas.

An integer is a JSON integer (however large: Python's ``json`` writes big integers exactly), any other rational
``p/q`` is the string ``"p/q"`` (a JSON number would round it), a float stays a JSON number. Integer-valued
rationals of every library weightspace meets (``fractions.Fraction``, numpy integers, python-flint ``fmpz`` /
``fmpq``, sympy ``Integer`` / ``Rational``) are therefore written the same way, so a witness matrix reads
``[[1, 0], [0, "3/2"]]`` whichever route computed it.

[`jsonable`][weightspace.encoding.jsonable] converts a value recursively; [`json_default`][weightspace.encoding.json_default]
is the ``default=`` hook of ``json.dumps`` (``strict=False`` writes anything else as its ``str``, for the catalog,
which stores whatever a result holds).

Examples
--------
>>> from fractions import Fraction
>>> import json
>>> json.dumps(jsonable({"m": [[Fraction(2, 1), Fraction(3, 2)]], "n": (1, 2)}))
'{"m": [[2, "3/2"]], "n": [1, 2]}'
>>> rational(Fraction(-4, 2)), rational(Fraction(1, 3))
(-2, '1/3')
"""

from __future__ import annotations

import json
from fractions import Fraction
from numbers import Integral, Rational
from typing import Any


def rational(value: Any) -> int | str:
    """An exact rational as a JSON integer or the string ``"p/q"``.

    Parameters
    ----------
    value
        An integer or rational of Python, numpy, python-flint or sympy.

    Returns
    -------
    int | str
        The integer, or ``"p/q"`` in lowest terms with ``q > 1``.

    Raises
    ------
    TypeError
        When ``value`` is not an exact rational.
    """
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, Integral):
        return int(value)
    if isinstance(value, Rational):
        q = Fraction(int(value.numerator), int(value.denominator))
        return q.numerator if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    p, q = getattr(value, "p", None), getattr(value, "q", None)          # flint fmpq, sympy Rational
    if p is not None and q is not None and not callable(p):
        q_int, p_int = int(q), int(p)
        return p_int if q_int == 1 else f"{p_int}/{q_int}"
    numerator, denominator = getattr(value, "numerator", None), getattr(value, "denominator", None)
    if numerator is not None and denominator is not None:                # flint fmpz, fmpq
        numerator = numerator() if callable(numerator) else numerator
        denominator = denominator() if callable(denominator) else denominator
        return rational(Fraction(int(numerator), int(denominator)))
    raise TypeError(f"not an exact rational: {type(value).__name__}")


def json_default(value: Any, strict: bool = True) -> Any:
    """The ``default=`` hook of ``json.dumps``: exact rationals by [`rational`][weightspace.encoding.rational],
    numpy scalars and arrays as numbers and lists, sets as sorted lists.

    Parameters
    ----------
    value
        What ``json.dumps`` could not write itself.
    strict
        Refuse a value with no JSON form (``False``: write its ``str``).

    Returns
    -------
    Any
        A JSON-writable value.

    Raises
    ------
    TypeError
        When ``strict`` and the value has no JSON form (``strict=False`` writes its ``str``).
    """
    try:
        import numpy as np
        if isinstance(value, np.ndarray):
            return jsonable(value.tolist())
        if isinstance(value, np.floating):
            return float(value)
        if isinstance(value, np.bool_):
            return bool(value)
    except ImportError:  # pragma: no cover - numpy is a dependency
        pass
    if isinstance(value, (set, frozenset)):
        return jsonable(sorted(value, key=repr))
    try:
        return rational(value)
    except TypeError:
        if strict:
            raise TypeError(f"not JSON serialisable: {type(value).__name__}") from None
        return str(value)


def jsonable(value: Any, strict: bool = True) -> Any:
    """``value`` with every container a list or a dict (string keys) and every exact number in the JSON form of
    the module docstring.

    Parameters
    ----------
    value
        Any nesting of dicts, lists, tuples and numbers.
    strict
        Refuse a part with no JSON form (``False``: write its ``str``).

    Returns
    -------
    Any
        The same structure, ready for ``json.dumps``.

    Raises
    ------
    TypeError
        When ``strict`` and some part has no JSON form.
    """
    if value is None or isinstance(value, (str, bool, float)):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, dict):
        return {k if isinstance(k, str) else str(jsonable(k, strict)): jsonable(v, strict) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v, strict) for v in value]
    converted = json_default(value, strict)
    return converted if isinstance(converted, (int, str, float, bool)) else jsonable(converted, strict)


def dumps(payload: Any, strict: bool = True, **options: Any) -> str:
    """``json.dumps`` with the one encoding (see the module docstring).

    Parameters
    ----------
    payload
        What to write.
    strict
        Refuse a part with no JSON form (``False``: write its ``str``).
    **options
        Passed to ``json.dumps`` (``indent``, ...).

    Returns
    -------
    str
        The JSON text.

    Raises
    ------
    TypeError
        When ``strict`` and some part of ``payload`` has no JSON form.
    """
    return json.dumps(jsonable(payload, strict), **options)


__all__ = ["rational", "json_default", "jsonable", "dumps"]
