"""Finite input domains: ``{0,1}^n``, ``{-1,1}^n`` and any finite set of rational points.

Points of the cubes are listed in code order: the point ``x`` has code ``x_1 + 2 x_2 + ... + 2^(n-1) x_n``
(``x_1`` is the least significant bit); for ``{-1,1}^n`` the bit ``x_i = 1`` stands for the coordinate ``+1``
and ``x_i = 0`` for ``-1``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Sequence

from .errors import InvalidInput, TooLarge
from .exact import to_fraction

Point = tuple[Fraction, ...]


@dataclass(frozen=True)
class Domain:
    """A finite ordered set of points of ``Q^n``.

    Attributes
    ----------
    name : a short spec (``cube01``, ``cubepm1`` or ``points``) used in reports and ``--json``.
    dimension : ``n``.
    points : the points, in the domain's order (code order for the cubes).

    Examples
    --------
    >>> cube01(2).points[3]
    (Fraction(1, 1), Fraction(1, 1))
    """

    name: str
    dimension: int
    points: tuple[Point, ...]

    def __post_init__(self) -> None:
        if self.dimension < 0:
            raise InvalidInput("the dimension of a domain must be non-negative")
        for p in self.points:
            if len(p) != self.dimension:
                raise InvalidInput(f"point {p} has {len(p)} coordinates, expected {self.dimension}")
        if len(set(self.points)) != len(self.points):
            raise InvalidInput("a domain's points must be distinct")

    def __len__(self) -> int:
        return len(self.points)

    def is_integral(self) -> bool:
        """True when every coordinate is an integer."""
        return all(c.denominator == 1 for p in self.points for c in p)

    def to_dict(self) -> dict:
        return {"name": self.name, "dimension": self.dimension,
                "points": [[str(c) for c in p] for p in self.points]}


def code_to_bits(code: int, n: int) -> tuple[int, ...]:
    """Bits ``(x_1, ..., x_n)`` of a point code, ``x_1`` least significant.

    Parameters
    ----------
    code
        The point's code, ``sum_i x_i 2^(i-1)``.
    n
        Number of coordinates.

    Returns
    -------
    tuple of int
        The ``n`` bits.

    Examples
    --------
    >>> code_to_bits(2, 2)
    (0, 1)
    """
    return tuple((code >> i) & 1 for i in range(n))


def bits_to_code(bits: Sequence[int]) -> int:
    """Inverse of [`code_to_bits()`][weightspace.domain.code_to_bits].

    Parameters
    ----------
    bits
        ``(x_1, ..., x_n)``, each 0 or 1.

    Returns
    -------
    int
        The code ``sum_i x_i 2^(i-1)``.
    """
    return sum(int(b) << i for i, b in enumerate(bits))


def cube01(n: int) -> Domain:
    """The Boolean cube ``{0,1}^n`` in code order.

    Parameters
    ----------
    n
        Number of coordinates.

    Returns
    -------
    Domain
        ``2^n`` points, point ``k`` the bits of ``k``.
    """
    _check_cube(n)
    return Domain("cube01", n, tuple(tuple(Fraction(b) for b in code_to_bits(c, n)) for c in range(2 ** n)))


def cubepm1(n: int) -> Domain:
    """The cube ``{-1,1}^n`` in code order (bit 1 is the coordinate +1, bit 0 is -1).

    Parameters
    ----------
    n
        Number of coordinates.

    Returns
    -------
    Domain
        ``2^n`` points, point ``k`` with ``x_i = 2 b_i - 1`` for the bits ``b`` of ``k``.
    """
    _check_cube(n)
    return Domain("cubepm1", n,
                  tuple(tuple(Fraction(2 * b - 1) for b in code_to_bits(c, n)) for c in range(2 ** n)))


def from_points(points: Sequence[Sequence[object]], name: str = "points") -> Domain:
    """A domain from explicit points (ints, Fractions or strings such as ``"1/2"``).

    Parameters
    ----------
    points
        The points, one sequence of coordinates each, all of the same length.
    name
        The domain's name in reports.

    Returns
    -------
    Domain
        The points as exact rationals, in the order given.

    Raises
    ------
    InvalidInput
        When no point is given, or a coordinate is not a rational number.

    Examples
    --------
    >>> from_points([[0, "1/2"], [1, 1]]).points[0]
    (Fraction(0, 1), Fraction(1, 2))
    """
    rows = [tuple(to_fraction(v) for v in p) for p in points]
    if not rows:
        raise InvalidInput("a domain needs at least one point")
    return Domain(name, len(rows[0]), tuple(rows))


MAX_CUBE = 16                     # inputs of a cube domain (2^16 points)
MAX_CSV_BYTES = 50 * 2 ** 20      # a points or hyperplanes file (far beyond what any computation here uses)


def read_rational_rows(path: str | Path, what: str, max_rows: int = 100_000) -> list[tuple[int, list[Fraction]]]:
    """The rows of a CSV file of rational numbers (integers, ``p/q`` or decimals) with their line numbers; blank
    lines and lines starting with ``#`` are skipped, and every row must have as many entries as the first.

    Parameters
    ----------
    path
        The CSV file.
    what
        What the rows are, for error messages (``"a point"``, ``"a hyperplane"``).
    max_rows
        Rows read at most.

    Returns
    -------
    list of tuple
        ``(line number, row of Fractions)`` per data line.

    Raises
    ------
    InvalidInput
        When the path is missing or a directory, the file is not text, a row is ragged or an entry is not a rational
        number; the message names the file and the line.
    TooLarge
        For a file over ``MAX_CSV_BYTES`` or more than ``max_rows`` rows.
    """
    path = Path(path)
    if path.is_dir():
        raise InvalidInput(f"{what} {path} is a directory, not a file")
    if not path.is_file():
        raise InvalidInput(f"{what} not found: {path}")
    if path.stat().st_size > MAX_CSV_BYTES:
        raise TooLarge(f"{what} {path} is larger than {MAX_CSV_BYTES // 2 ** 20} MB",
                       f"{path.stat().st_size / 2 ** 20:.0f} MB")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"{what} {path} is not a text (CSV) file") from None
    rows: list[tuple[int, list[Fraction]]] = []
    for number, line in enumerate(csv.reader(text.splitlines()), start=1):
        cells = [c.strip() for c in line if c.strip()]
        if not cells or cells[0].startswith("#"):
            continue
        if rows and len(cells) != len(rows[0][1]):
            raise InvalidInput(f"{path}:{number}: {len(cells)} entries, but the first row has {len(rows[0][1])}")
        try:
            rows.append((number, [to_fraction(c) for c in cells]))
        except InvalidInput as error:
            raise InvalidInput(f"{path}:{number}: {error}") from None
        if len(rows) > max_rows:
            raise TooLarge(f"{path} holds more than {max_rows} rows", f"more than {max_rows} rows")
    return rows


def from_csv(path: str | Path) -> Domain:
    """Read a domain from a CSV file: one point per line, coordinates as integers or fractions ``p/q``.

    Blank lines and lines starting with ``#`` are ignored.

    Parameters
    ----------
    path
        The CSV file.

    Returns
    -------
    Domain
        The points, named ``points:PATH``.

    Raises
    ------
    InvalidInput
        When the file is missing, a row is ragged, or a coordinate is not a rational number (naming the line).
    TooLarge
        For more than 2^16 points (``MAX_CUBE``).
    """
    rows = read_rational_rows(path, "points file", max_rows=2 ** MAX_CUBE)
    return from_points([row for _, row in rows], name=f"points:{Path(path)}")


def parse_domain(spec: str, n: int | None) -> Domain:
    """Build a domain from a CLI spec: ``cube01``, ``cubepm1`` (both need ``n``) or ``points:FILE``.

    Parameters
    ----------
    spec
        ``cube01``, ``cubepm1`` or ``points:FILE``.
    n
        Number of inputs (the cubes need it).

    Returns
    -------
    Domain
        The domain the spec names.

    Raises
    ------
    InvalidInput
        For an unknown domain, a cube without ``n``, or a points file whose dimension differs from ``n``.

    Examples
    --------
    >>> len(parse_domain("cubepm1", 3))
    8
    """
    if spec in ("cube01", "cubepm1"):
        if n is None:
            raise InvalidInput(f"domain {spec} needs the number of inputs")
        return cube01(n) if spec == "cube01" else cubepm1(n)
    if spec.startswith("points:"):
        domain = from_csv(spec[len("points:"):])
        if n is not None and n != domain.dimension:
            raise InvalidInput(f"the points file has dimension {domain.dimension}, but {n} inputs were given")
        return domain
    raise InvalidInput(f"unknown domain {spec!r}: use cube01, cubepm1 or points:FILE")



def _check_cube(n: int) -> None:
    if not isinstance(n, int) or n < 0:
        raise InvalidInput(f"the number of inputs must be a non-negative integer, got {n!r}")
    if n > MAX_CUBE:
        raise InvalidInput(f"a cube of dimension {n} has 2^{n} points; at most {MAX_CUBE} are supported")
