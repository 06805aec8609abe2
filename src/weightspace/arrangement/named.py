"""An arrangement given by name or file, with an optional symmetry group: the object a spec such as
``resonance:5`` or ``hyperplanes:FILE`` resolves to (it has the arrangement capability, and no architecture)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from ..domain import read_rational_rows
from ..capabilities import Declared
from ..errors import InvalidInput, NotSupported
from .arrangement import Arrangement


class NamedArrangement(Declared):
    """``arrangement()`` and, when known, ``symmetry_group()`` of a named arrangement.

    Examples
    --------
    >>> from weightspace import library
    >>> named = NamedArrangement(library.braid(3), "braid:3", "braid arrangement")
    >>> len(named.arrangement()), named.subject
    (3, {'hyperplanes': 3, 'dimension': 3})
    """

    def __init__(self, arrangement: Arrangement, spec: str, name: str, group: Callable[[], Any] | None = None,
                 subject: dict[str, Any] | None = None, symmetric_limit: Callable[[Any], None] | None = None):
        self._arrangement = arrangement
        self.spec = spec
        self.name = name
        self._group = group
        self._limit = symmetric_limit
        self.subject = subject if subject is not None else {"hyperplanes": len(arrangement),
                                                             "dimension": arrangement.dimension}

    def arrangement(self) -> Arrangement:
        return self._arrangement

    def describe_arrangement(self) -> tuple[str, dict[str, Any]]:
        return self.name, dict(self.subject)

    capabilities = frozenset({"arrangement", "symmetry_group", "count"})
    instead = {"realize": "an arrangement is not an architecture; realize works on threshold:N, points:FILE, "
                          "hopfield:N and relu-data:FILE",
               "symmetry_group": "use --method lattice"}

    def declared(self) -> frozenset[str]:
        """The symmetry group only where the family knows one."""
        return self.capabilities if self._group is not None else self.capabilities - {"symmetry_group"}

    def symmetry_group(self, budget=None):
        """The known symmetry group of the family, as permutations of its hyperplanes (one row per element).

        Raises
        ------
        NotSupported
            When the arrangement has no known symmetry group (use the lattice method).
        TooLarge
            When the family's size limit for the symmetric route is beyond ``budget``.
        """
        if self._group is None:
            raise NotSupported(f"{self.spec} has no known symmetry group (use --method lattice)")
        if self._limit is not None and budget is not None:
            self._limit(budget)
        return self._group()


def read_hyperplanes(path: str | Path) -> Arrangement:
    """Hyperplanes ``a . x = c`` from a CSV file: one per line, ``a_1, ..., a_d, c`` (integers or fractions
    ``p/q``); blank lines and lines starting with ``#`` are ignored.

    Parameters
    ----------
    path
        The CSV file.

    Returns
    -------
    Arrangement
        The hyperplanes in file order.

    Raises
    ------
    InvalidInput
        When the file is missing or empty, a line is ragged or has fewer than two entries, an entry is not a rational
        number, or a normal is zero; the message names the line.
    TooLarge
        For more than 10,000 hyperplanes.

    Examples
    --------
    >>> import tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "h.csv")
    >>> _ = open(path, "w").write("1,0,0\\n0,1,0\\n1,1,1\\n")
    >>> A = read_hyperplanes(path)
    >>> A.dimension, len(A), A.is_linear, A.is_central
    (2, 3, False, False)
    """
    path = Path(path)
    rows = []
    for number, row in read_rational_rows(path, "hyperplanes file", max_rows=10_000):
        if len(row) < 2:
            raise InvalidInput(f"{path}:{number}: a hyperplane needs a normal and an offset (a_1,...,a_d,c)")
        if not any(row[:-1]):
            raise InvalidInput(f"{path}:{number}: the normal (a_1,...,a_d) is zero, so this is not a hyperplane")
        rows.append(row)
    if not rows:
        raise InvalidInput(f"{path} holds no hyperplane")
    d = len(rows[0]) - 1
    return Arrangement.from_rational([r[:d] for r in rows], [r[d] for r in rows], dimension=d)


__all__ = ["NamedArrangement", "read_hyperplanes"]
