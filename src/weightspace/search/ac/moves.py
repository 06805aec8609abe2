"""Andrews–Curtis moves on a balanced presentation ``<x, y | r1, r2>`` (Shehper et al. 2024, "What makes math
problems hard for reinforcement learning: a case study", arXiv 2408.15332).

The moves, named as weightspace prints them in a path:

* ``r1*r2``, ``r1*r2^-1``: ``r1 <- r1 r2^(+-1)``; ``r2*r1``, ``r2*r1^-1``: ``r2 <- r2 r1^(+-1)`` (concatenation);
* ``g.r1``, ``g.r2`` for ``g`` in ``x, X, y, Y``: ``ri <- g ri g^-1`` (conjugation);
* ``r1^-1``, ``r2^-1``: ``ri <- ri^-1`` (inversion).

Relators are kept freely reduced. The presentation is *trivial* when its cyclically reduced relators are one
generator each, one of each letter (``{x, y}`` up to inverses and order). A length cap forbids moves that would
make a relator longer than the cap (the game of the paper).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ...errors import InvalidInput
from .words import cyclic_reduce, free_reduce, inverse

MOVES = ("r1*r2", "r1*r2^-1", "r2*r1", "r2*r1^-1", "x.r1", "X.r1", "y.r1", "Y.r1", "x.r2", "X.r2", "y.r2", "Y.r2",
         "r1^-1", "r2^-1")
"""The 14 moves, in the order of the Gymnasium action space."""

PAPER_MOVES = MOVES[:12]
"""The twelve moves of the paper's search code (concatenations and conjugations, no inversion)."""

INVERSE_MOVE = {"r1*r2": "r1*r2^-1", "r1*r2^-1": "r1*r2", "r2*r1": "r2*r1^-1", "r2*r1^-1": "r2*r1",
                "x.r1": "X.r1", "X.r1": "x.r1", "y.r1": "Y.r1", "Y.r1": "y.r1", "x.r2": "X.r2", "X.r2": "x.r2",
                "y.r2": "Y.r2", "Y.r2": "y.r2", "r1^-1": "r1^-1", "r2^-1": "r2^-1"}
"""The move undoing each move (on freely reduced relators ``(r s) s^-1 = r`` after free reduction)."""


@dataclass(frozen=True, order=True)
class Presentation:
    """Two freely reduced relators."""

    r1: str
    r2: str

    @classmethod
    def of(cls, r1: str, r2: str) -> "Presentation":
        return cls(free_reduce(r1), free_reduce(r2))

    @property
    def length(self) -> int:
        """Total length ``|r1| + |r2|``."""
        return len(self.r1) + len(self.r2)

    def relators(self) -> list[str]:
        return [self.r1, self.r2]

    def is_trivial(self) -> bool:
        """Cyclically reduced relators of length 1, one ``x``-letter and one ``y``-letter.

        Examples
        --------
        >>> Presentation("X", "xyX").is_trivial(), Presentation("x", "x").is_trivial()
        (True, False)
        """
        a, b = cyclic_reduce(self.r1), cyclic_reduce(self.r2)
        return len(a) == len(b) == 1 and {a.lower(), b.lower()} == {"x", "y"}

    def apply(self, move: str) -> "Presentation":
        """The presentation after ``move`` (one of [`MOVES`][weightspace.search.ac.moves.MOVES]).

        Raises
        ------
        InvalidInput
            For an unknown move.

        Examples
        --------
        >>> Presentation("xxYYY", "xyxYXY").apply("r1*r2^-1")
        Presentation(r1='xxYYxyXYX', r2='xyxYXY')
        >>> Presentation("xy", "y").apply("r1*r2^-1")
        Presentation(r1='x', r2='y')
        """
        r1, r2 = self.r1, self.r2
        if move == "r1*r2":
            return Presentation(free_reduce(r1 + r2), r2)
        if move == "r1*r2^-1":
            return Presentation(free_reduce(r1 + inverse(r2)), r2)
        if move == "r2*r1":
            return Presentation(r1, free_reduce(r2 + r1))
        if move == "r2*r1^-1":
            return Presentation(r1, free_reduce(r2 + inverse(r1)))
        if move == "r1^-1":
            return Presentation(inverse(r1), r2)
        if move == "r2^-1":
            return Presentation(r1, inverse(r2))
        if len(move) == 4 and move[0] in "xXyY" and move[1:] in (".r1", ".r2"):
            g = move[0]
            if move[3] == "1":
                return Presentation(free_reduce(g + r1 + inverse(g)), r2)
            return Presentation(r1, free_reduce(g + r2 + inverse(g)))
        raise InvalidInput(f"unknown move {move!r}; moves are {', '.join(MOVES)}")

    def neighbours(self, max_length: int | None = None, moves: Sequence[str] = MOVES):
        """``(move, presentation)`` for every move (of ``moves``) whose result keeps each relator within
        ``max_length``."""
        for move in moves:
            after = self.apply(move)
            if max_length is None or (len(after.r1) <= max_length and len(after.r2) <= max_length):
                yield move, after


def replay(start: Presentation, path: list[str]) -> Presentation:
    """Apply the moves of ``path`` in order (the check every reported path passes).

    Parameters
    ----------
    start
        The first presentation.
    path
        Move names.

    Returns
    -------
    Presentation
        The presentation the moves lead to.
    """
    current = start
    for move in path:
        current = current.apply(move)
    return current


def invert_path(path: Sequence[str]) -> list[str]:
    """The path back: the inverse moves in reverse order, so that ``replay(replay(p, path), invert_path(path)) == p``.

    Parameters
    ----------
    path
        Move names.

    Returns
    -------
    list of str
        The inverse path.

    Examples
    --------
    >>> p = Presentation("xxYYY", "xyxYXY")
    >>> path = ["r1*r2", "y.r2", "r2^-1"]
    >>> invert_path(path), replay(replay(p, path), invert_path(path)) == p
    (['r2^-1', 'Y.r2', 'r1*r2^-1'], True)
    """
    return [INVERSE_MOVE[move] for move in reversed(path)]
