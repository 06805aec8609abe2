"""Balanced presentations ``<x1..xk | r1..rk>`` with ``k = 2`` or ``3`` generators: letters ``x, y, z`` and
``X, Y, Z`` for their inverses.

The moves are those of the two-generator game
([`weightspace.search.ac.moves`][weightspace.search.ac.moves]), for every ordered pair of relators:

* ``ri*rj``, ``ri*rj^-1``: ``ri <- ri rj^(+-1)`` (concatenation, ``i != j``);
* ``g.ri``: ``ri <- g ri g^-1`` for every letter ``g`` (conjugation);
* ``ri^-1``: ``ri <- ri^-1`` (inversion).

At ``k = 2`` the names and their effect are exactly those of ``moves.MOVES``. The tests check that both classes
give the same neighbours. The presentation is *trivial* when its cyclically reduced relators are single letters,
one per generator. [`GeneralPresentation`][weightspace.search.ac.generators.GeneralPresentation] has the interface
the searches of [`weightspace.search.ac.search`][weightspace.search.ac.search] use (``apply``, ``neighbours``,
``is_trivial``, ``length``, ``relators``), so greedy and breadth-first search, their budgets, checkpoints and the
exact replay of every path work for three generators unchanged.

A balanced presentation can only be AC-trivial if its exponent-sum matrix has determinant ``+-1``, because that is
what abelianising the trivial group requires. [`parse_general`][weightspace.search.ac.generators.parse_general]
checks this in exact integers.

Examples
--------
>>> p = parse_general("xY,yZ,z", 3)
>>> p.apply("r1*r2").relators(), p.apply("x.r3").relators()
(['xZ', 'yZ', 'z'], ['xY', 'yZ', 'xzX'])
>>> GeneralPresentation(("X", "y", "Z")).is_trivial(), GeneralPresentation(("x", "x", "z")).is_trivial()
(True, False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ...errors import InvalidInput
from .words import MAX_WORD_LENGTH
from .words import cyclic_reduce as cyclic_reduce_word
from .words import free_reduce as reduce_word
from .words import inverse as invert_word

NAMES = "xyz"


def letters(k: int) -> str:
    """The letters of ``k`` generators and their inverses (``xXyY`` for 2, ``xXyYzZ`` for 3).

    Parameters
    ----------
    k
        Number of generators, 2 or 3.

    Returns
    -------
    str
        The letters.

    Raises
    ------
    InvalidInput
        For ``k`` other than 2 or 3.
    """
    if k not in (2, 3):
        raise InvalidInput("--generators must be 2 or 3")
    return "".join(g + g.upper() for g in NAMES[:k])


def general_moves(k: int, inversion: bool = True) -> tuple[str, ...]:
    """The move names for ``k`` relators (the order of ``moves.MOVES`` at ``k = 2``).

    Parameters
    ----------
    k
        Number of relators.
    inversion
        Include ``ri^-1``.

    Returns
    -------
    tuple of str
        The moves.

    Examples
    --------
    >>> from weightspace.search.ac.moves import MOVES
    >>> general_moves(2) == MOVES, len(general_moves(3))
    (True, 33)
    """
    pairs = [f"r{i}*r{j}{sign}" for i in range(1, k + 1) for j in range(1, k + 1) if i != j for sign in ("", "^-1")]
    conjugations = [f"{g}.r{i}" for i in range(1, k + 1) for g in letters(k)]
    return tuple(pairs + conjugations + ([f"r{i}^-1" for i in range(1, k + 1)] if inversion else []))


_MOVE = re.compile(r"^(?:r(\d)\*r(\d)(\^-1)?|([xXyYzZ])\.r(\d)|r(\d)\^-1)$")


@dataclass(frozen=True, order=True)
class GeneralPresentation:
    """``k`` freely reduced relators over the first ``k`` generators."""

    rels: tuple[str, ...]

    @property
    def k(self) -> int:
        return len(self.rels)

    @property
    def length(self) -> int:
        """Total length of the relators."""
        return sum(map(len, self.rels))

    def relators(self) -> list[str]:
        return list(self.rels)

    def move_names(self) -> tuple[str, ...]:
        return general_moves(self.k)

    def is_trivial(self) -> bool:
        """Cyclically reduced relators of length 1, one per generator."""
        reduced = [cyclic_reduce_word(r) for r in self.rels]
        return all(len(r) == 1 for r in reduced) and {r.lower() for r in reduced} == set(NAMES[:self.k])

    def apply(self, move: str) -> "GeneralPresentation":
        """The presentation after ``move`` (one of ``general_moves(k)``).

        Raises
        ------
        InvalidInput
            For a move that does not exist for these relators.
        """
        match = _MOVE.match(move)
        rels = list(self.rels)
        if match is None:
            raise InvalidInput(f"unknown move {move!r}")
        i, j, inv, g, c, n = match.groups()
        if i is not None and i != j and 1 <= int(i) <= self.k and 1 <= int(j) <= self.k:
            other = rels[int(j) - 1]
            rels[int(i) - 1] = reduce_word(rels[int(i) - 1] + (invert_word(other) if inv else other))
        elif g is not None and g.lower() in NAMES[:self.k] and 1 <= int(c) <= self.k:
            rels[int(c) - 1] = reduce_word(g + rels[int(c) - 1] + g.swapcase())
        elif n is not None and 1 <= int(n) <= self.k:
            rels[int(n) - 1] = invert_word(rels[int(n) - 1])
        else:
            raise InvalidInput(f"unknown move {move!r} for {self.k} relators")
        return GeneralPresentation(tuple(rels))

    def neighbours(self, max_length: int | None = None, moves: Sequence[str] | None = None):
        """``(move, presentation)`` for every move whose result keeps each relator within ``max_length``."""
        for move in moves or self.move_names():
            after = self.apply(move)
            if max_length is None or max(map(len, after.rels)) <= max_length:
                yield move, after


def _parse_word(text: str, alphabet: str) -> str:
    text = text.strip().replace(" ", "")
    if not text:
        raise InvalidInput("an empty relator")
    out = []
    for part in text.split("*"):
        found = re.fullmatch(r"([A-Za-z]+)(?:\^(-?\d+))?", part)
        if not found or any(ch not in alphabet for ch in found.group(1)):
            raise InvalidInput(f"bad relator {text!r}: use the letters {alphabet} (capitals are inverses), with "
                               f"optional powers like x^2*Y^3")
        power = int(found.group(2) or 1)
        if abs(power) * len(found.group(1)) > MAX_WORD_LENGTH:
            raise InvalidInput(f"relator {text!r} is longer than {MAX_WORD_LENGTH} letters")
        base = found.group(1) if power > 0 else invert_word(found.group(1))
        out.append(base * abs(power))
    return reduce_word("".join(out))


def exponent_matrix(relators: Sequence[str], k: int) -> list[list[int]]:
    """Exponent sums: row ``i`` counts each generator in relator ``i`` (inverses negatively).

    Parameters
    ----------
    relators
        The relators.
    k
        Number of generators.

    Returns
    -------
    list of list of int
        The ``k x k`` matrix.
    """
    return [[r.count(g) - r.count(g.upper()) for g in NAMES[:k]] for r in relators]


def _determinant(m: list[list[int]]) -> int:
    if len(m) == 1:
        return m[0][0]
    return sum((-1) ** c * m[0][c] * _determinant([row[:c] + row[c + 1:] for row in m[1:]]) for c in range(len(m)))


def parse_general(text: str, k: int) -> GeneralPresentation:
    """``"r1,..,rk"`` over ``k`` generators, checked to be balanced with exponent-sum determinant ``+-1``.

    Parameters
    ----------
    text
        The relators, comma-separated.
    k
        Number of generators.

    Returns
    -------
    GeneralPresentation
        The presentation.

    Raises
    ------
    InvalidInput
        For bad letters, a number of relators other than ``k``, or a determinant other than ``+-1``.

    Examples
    --------
    >>> parse_general("x^2*Y^3,xyxYXY,z", 3).relators()
    ['xxYYY', 'xyxYXY', 'z']
    """
    alphabet = letters(k)
    relators = [_parse_word(r, alphabet) for r in text.split(",")]
    if len(relators) != k:
        raise InvalidInput(f"a balanced presentation on {k} generators has {k} relators, got {len(relators)}")
    det = _determinant(exponent_matrix(relators, k))
    if abs(det) != 1:
        raise InvalidInput(f"the exponent-sum matrix has determinant {det}, not +-1: the group is not perfect, so the "
                           f"presentation cannot be AC-trivial")
    return GeneralPresentation(tuple(relators))


def three_generator_family() -> dict[str, GeneralPresentation]:
    """Three-generator presentations for the search, by name.

    * ``ak2+z``, ``ak3+z``: the Akbulut–Kirby presentations ``AK(n) = <x, y | x^n y^-(n+1), xyx y^-1 x^-1 y^-1>``
      stabilised by a generator ``z`` with relator ``z``. AC-trivialising these is the *stable* AC question for
      ``AK(n)``. ``AK(2)`` is AC-trivial (Myasnikov 1999), so ``ak2+z`` is too; ``AK(3)`` is the open case.
    * ``ak2+zc``, ``ak3+zc``: relatives ``<x, y, z | AK(n), z [x, y]>`` (``[x, y] = x y x^-1 y^-1``). They define
      the same trivial group (``z = [x, y]^-1``), their exponent-sum determinant is that of ``AK(n)``, and a solution
      must also free ``z`` from the commutator.
    * ``higman3``: ``<x, y, z | y x y^-1 x^-2, z y z^-1 y^-2, x z x^-1 z^-2>``. This is Higman's cyclic
      presentation with three generators; it defines the trivial group, unlike Higman's four-generator group.
      Whether it is AC-trivial is not settled here.

    Returns
    -------
    dict
        Name -> presentation.
    """
    ak = {2: "xxYYY,xyxYXY", 3: "xxxYYYY,xyxYXY"}
    out = {}
    for n, text in ak.items():
        r1, r2 = text.split(",")
        out[f"ak{n}+z"] = parse_general(f"{r1},{r2},z", 3)
        out[f"ak{n}+zc"] = parse_general(f"{r1},{r2},zxyXY", 3)
    out["higman3"] = parse_general("yxYXX,zyZYY,xzXZZ", 3)
    return out


__all__ = ["letters", "general_moves", "GeneralPresentation",
           "exponent_matrix", "parse_general", "three_generator_family"]
