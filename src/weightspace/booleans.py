"""Truth tables and maps as exact values; Chow parameters.

A Boolean function of ``n`` inputs is its truth table in code order, written as a 0/1 string (``0110`` is XOR
for ``n = 2``). A map ``{0,1}^n -> {0,1}^n`` is the list of output codes in input-code order (``1,0,0,2``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from .domain import Domain
from .errors import InvalidInput


def parse_table(text: str | Sequence[int], size: int) -> tuple[int, ...]:
    """Parse a truth table of ``size`` entries from a 0/1 string (or a sequence of 0/1 values).

    Parameters
    ----------
    text
        A 0/1 string or sequence.
    size
        The number of entries expected.

    Returns
    -------
    tuple of int
        The table.

    Raises
    ------
    InvalidInput
        When the table has the wrong number of entries or an entry other than 0 and 1.

    Examples
    --------
    >>> parse_table("0110", 4)
    (0, 1, 1, 0)
    """
    if isinstance(text, str):
        text = text.strip()
        bad = sorted({c for c in text if c not in "01"})
        if bad:
            raise InvalidInput(f"truth table {text!r} contains {''.join(bad)!r}; only 0 and 1 are allowed")
        values = tuple(int(c) for c in text)
    else:
        values = tuple(int(v) for v in text)
        if any(v not in (0, 1) for v in values):
            raise InvalidInput("truth table entries must be 0 or 1")
    if len(values) != size:
        raise InvalidInput(f"truth table has {len(values)} entries, expected {size} (one per input point)")
    return values


def format_table(values: Sequence[int]) -> str:
    """Inverse of [`parse_table()`][weightspace.booleans.parse_table].

    Parameters
    ----------
    values
        The table.

    Returns
    -------
    str
        Its 0/1 string.
    """
    return "".join(str(int(v)) for v in values)


def parse_map(text: str | Sequence[int], n: int) -> tuple[int, ...]:
    """Parse a map ``{0,1}^n -> {0,1}^n``: ``2^n`` comma-separated output codes in input-code order.

    Parameters
    ----------
    text
        Comma-separated output codes, or a sequence.
    n
        Number of units.

    Returns
    -------
    tuple of int
        The output code of every input code.

    Raises
    ------
    InvalidInput
        When the map does not have ``2^n`` entries, an entry is not an integer, or it is outside ``0..2^n - 1``.

    Examples
    --------
    >>> parse_map("1,0,0,2", 2)
    (1, 0, 0, 2)
    """
    if isinstance(text, str):
        parts = [p.strip() for p in text.split(",") if p.strip() != ""]
        try:
            values = tuple(int(p) for p in parts)
        except ValueError:
            raise InvalidInput(f"map {text!r} must be comma-separated integer codes") from None
    else:
        values = tuple(int(v) for v in text)
    if len(values) != 2 ** n:
        raise InvalidInput(f"map has {len(values)} entries, expected 2^{n} = {2 ** n} (one per input state)")
    bad = [v for v in values if not 0 <= v < 2 ** n]
    if bad:
        raise InvalidInput(f"map entry {bad[0]} is not a state code of {n} nodes (0..{2 ** n - 1})")
    return values


def unit_tables(mapping: Sequence[int], n: int) -> list[tuple[int, ...]]:
    """The truth table of each unit ``i`` of a map: ``table_i[x] = bit i of mapping[x]``.

    Parameters
    ----------
    mapping
        The output code of every input code.
    n
        Number of units.

    Returns
    -------
    list of tuple
        One truth table per unit.

    Examples
    --------
    >>> unit_tables((1, 0, 0, 2), 2)
    [(1, 0, 0, 0), (0, 0, 0, 1)]
    """
    return [tuple((y >> i) & 1 for y in mapping) for i in range(n)]


def map_from_tables(tables: Sequence[Sequence[int]]) -> tuple[int, ...]:
    """Inverse of [`unit_tables()`][weightspace.booleans.unit_tables].

    Parameters
    ----------
    tables
        One truth table per unit.

    Returns
    -------
    tuple of int
        The map.
    """
    return tuple(sum(int(t[x]) << i for i, t in enumerate(tables)) for x in range(len(tables[0])))


def chow_parameters(table: Sequence[int], domain: Domain) -> tuple[tuple[Fraction, ...], int]:
    """Chow parameters of a function on a domain: ``(sum of the points where f = 1, number of such points)``.

    Chow (1961): two threshold functions on ``{0,1}^n`` with the same Chow parameters are equal.

    Parameters
    ----------
    table
        The function's values on the domain's points.
    domain
        The finite point set.

    Returns
    -------
    tuple
        The sum of the true points and their number.

    Raises
    ------
    InvalidInput
        When the table and the domain differ in length.

    Examples
    --------
    >>> from weightspace.domain import cube01
    >>> chow_parameters((0, 0, 0, 1), cube01(2))
    ((Fraction(1, 1), Fraction(1, 1)), 1)
    """
    if len(table) != len(domain):
        raise InvalidInput(f"truth table has {len(table)} entries, the domain has {len(domain)} points")
    total = [Fraction(0)] * domain.dimension
    count = 0
    for value, point in zip(table, domain.points):
        if value:
            count += 1
            total = [t + p for t, p in zip(total, point)]
    return tuple(total), count


