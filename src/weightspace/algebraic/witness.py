"""Exact witnesses shared by the membership routes: the answer type, reduced row echelon form and congruence
diagonalisation of a symmetric rational matrix."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any


@dataclass(frozen=True)
class Membership:
    """``answer`` is ``yes``, ``no`` or ``unknown``; ``witness`` holds exact weights when one is given."""

    spec: str
    answer: str
    reason: str
    witness: dict | None = None
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"spec": self.spec, "answer": self.answer, "reason": self.reason,
                "witness": None if self.witness is None else
                {k: [[str(c) for c in row] for row in v] for k, v in self.witness.items()},
                "details": self.details}


def rref(M) -> tuple[list, list]:
    """The nonzero rows of the reduced row echelon form of ``M`` and its pivot columns (flint, exact).

    Parameters
    ----------
    M
        A rational matrix, by rows.

    Returns
    -------
    tuple
        The rows (lists of Fraction) and the pivot column of each.

    Examples
    --------
    >>> rref([[2, 4], [1, 2]])
    ([[Fraction(1, 1), Fraction(2, 1)]], [0])
    """
    import flint
    reduced, k = flint.fmpq_mat([[flint.fmpq(v.numerator, v.denominator) for v in map(Fraction, row)]
                                 for row in M]).rref()
    rows = [[Fraction(int(reduced[i, j].p), int(reduced[i, j].q)) for j in range(reduced.ncols())] for i in range(k)]
    return rows, [next(j for j, v in enumerate(row) if v != 0) for row in rows]


def diagonalise(S) -> tuple[list, list]:
    """``S = sum_k d_k l_k l_k^T`` in the original coordinates: take ``v`` with ``v^T S v = d != 0`` (a unit vector
    or a sum of two), put ``l = S v / d`` and subtract ``d l l^T``, which has ``v`` in its kernel and lowers the
    rank by one.

    Parameters
    ----------
    S
        A symmetric rational matrix, by rows.

    Returns
    -------
    tuple
        The forms ``l_k`` and the weights ``d_k``, as many as the rank.

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> diagonalise([[F(0), F(1, 2)], [F(1, 2), F(0)]])      # x y = ((x + y)/2)^2 - ((x - y)/2)^2
    ([[Fraction(1, 2), Fraction(1, 2)], [Fraction(1, 1), Fraction(-1, 1)]], [Fraction(1, 1), Fraction(-1, 4)])
    """
    n = len(S)
    S = [row[:] for row in S]
    forms, weights = [], []
    candidates = [(i,) for i in range(n)] + [(i, j) for i in range(n) for j in range(i + 1, n)]
    while True:
        for v in candidates:
            w = [sum(S[a][i] for i in v) for a in range(n)]
            d = sum(w[i] for i in v)
            if d != 0:
                break
        else:
            return forms, weights
        l = [x / d for x in w]
        S = [[S[a][b] - d * l[a] * l[b] for b in range(n)] for a in range(n)]
        forms.append(l)
        weights.append(d)


__all__ = ["Membership", "rref", "diagonalise"]
