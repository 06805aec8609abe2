"""Greedy search over presentations up to cyclic permutation and inversion of each relator, with "conjugate,
concatenate, reduce" options.

Most of the AC graph explored by the plain greedy search is made of rotations: conjugating a cyclically reduced
relator by the inverse of its first letter moves that letter to the end without changing any length, so every
presentation sits on a plateau of ``|r1| * |r2|`` rotations that the search walks through before it can
concatenate the rotations it needs. Here a vertex is a **class** of presentations up to cyclic permutation and
inversion of each relator (its key: the least rotation of each cyclically reduced relator or of its inverse), and
an **option** (a macro-move) is

    rotate ``r_i`` by ``p`` letters, rotate ``r_j`` by ``q`` letters, ``r_i <- r_i r_j^(+-1)``, cyclically reduce
    ``r_i``

for every ``i != j``, every distinct rotation ``p, q`` and both signs. Each option unfolds into the primitive moves
of [`weightspace.search.ac.moves`][weightspace.search.ac.moves] (conjugations by single letters and one
concatenation; no inversion, so the paper's twelve moves suffice), and the length cap applies to the relator
before its cyclic reduction, so every intermediate presentation of the unfolded path respects it. The options
commute with inverting a relator (``r^-1 s ~ (s^-1 r)^-1`` up to conjugation), so the classes form a quotient of
the graph and a search never needs to invert: a trivial class is reached with the twelve moves.

The budget counts distinct classes generated (``visited``, the unit of the paper's code, which counts distinct
presentations generated); ``evaluated`` counts the concatenations computed. ``goals`` maps class keys to a known
AC-trivial representative and its path: generating a class in ``goals`` ends the search, the representative is
reached by rotations and, where a relator is the goal's inverse, the inversion move ``ri^-1``; the whole path is
replayed before it is returned.
"""

from __future__ import annotations

import heapq
import time
from typing import Mapping, Sequence

from ...errors import CertificationError, InvalidInput
from .moves import Presentation, replay
from .search import SearchResult
from .words import cyclic_reduce, inverse

_INVERSE_LETTER = {"x": "X", "X": "x", "y": "Y", "Y": "y"}


def least_rotation(word: str) -> str:
    """The lexicographically least cyclic permutation of a cyclically reduced word.

    Examples
    --------
    >>> least_rotation("yx"), least_rotation("YYxy")
    ('xy', 'YYxy')
    """
    return min((word[i:] + word[:i] for i in range(len(word))), default="")


def canonical_relator(word: str) -> str:
    """The lesser of the least rotations of ``word`` and of ``word^-1`` (cyclically reduced ``word``): relators
    equal up to conjugation and inversion get the same name.

    Examples
    --------
    >>> canonical_relator("yxx"), canonical_relator("XXY")      # xxy and its inverse YXX ~ XXY
    ('XXY', 'XXY')
    """
    return min(least_rotation(word), least_rotation(inverse(word)))


def class_key(r1: str, r2: str) -> str:
    """The key of the class of ``<r1, r2>`` up to cyclic permutation and inversion of each relator: ``"c1,c2"``
    with ``ci`` the [`canonical_relator`][weightspace.search.ac.cyclic.canonical_relator] of ``ri`` cyclically
    reduced.

    Examples
    --------
    >>> class_key("yxY", "xyyX") == class_key("X", "yy") == class_key("x", "YY")
    True
    """
    return f"{canonical_relator(cyclic_reduce(r1))},{canonical_relator(cyclic_reduce(r2))}"


def _rotations(word: str) -> list[str]:
    """The distinct rotations of ``word``, rotation ``p`` = ``word[p:] + word[:p]``."""
    out, seen = [], set()
    for p in range(max(1, len(word))):
        r = word[p:] + word[:p]
        if r in seen:
            break
        seen.add(r)
        out.append(r)
    return out


def _rotate_moves(word: str, p: int, index: int) -> list[str]:
    """Conjugations turning relator ``index`` (cyclically reduced ``word``) into its rotation ``p``: each
    ``g.ri`` with ``g`` the inverse of the current first letter moves that letter to the end."""
    return [f"{_INVERSE_LETTER[word[k]]}.r{index}" for k in range(p)]


def _reduce_moves(word: str, index: int) -> tuple[list[str], str]:
    """Conjugations cyclically reducing the freely reduced ``word`` (relator ``index``), and the result."""
    moves = []
    while len(word) >= 2 and word[0] == _INVERSE_LETTER[word[-1]]:
        moves.append(f"{_INVERSE_LETTER[word[0]]}.r{index}")
        word = word[1:-1]
    return moves, word


def _align(current: tuple[str, str], target: tuple[str, str]) -> list[str]:
    """Moves taking cyclically reduced ``current`` to ``target`` (for each relator a rotation of it, or an inversion
    ``ri^-1`` and a rotation)."""
    moves = []
    for index, (word, goal) in enumerate(zip(current, target), 1):
        if goal not in _rotations(word):
            moves.append(f"r{index}^-1")
            word = inverse(word)
        p = _rotations(word).index(goal)
        moves += _rotate_moves(word, p, index)
    return moves


def _unfold(rep: tuple[str, str], option: tuple[int, int, int, int]) -> list[str]:
    """The primitive moves of ``option = (i, p, q, sign)`` applied to the representative ``rep``."""
    i, p, q, sign = option
    j = 1 - i
    moves = _rotate_moves(rep[i], p, i + 1) + _rotate_moves(rep[j], q, j + 1)
    moves.append(f"r{i + 1}*r{j + 1}" + ("" if sign > 0 else "^-1"))
    u, v = rep[i][p:] + rep[i][:p], rep[j][q:] + rep[j][:q]
    reduce, _ = _reduce_moves(_concatenate(u, v if sign > 0 else inverse(v)), i + 1)
    return moves + reduce


def _concatenate(u: str, w: str) -> str:
    """``free_reduce(u + w)`` for freely reduced ``u`` and ``w``: only the junction cancels."""
    k, n = 0, min(len(u), len(w))
    while k < n and u[-1 - k] == _INVERSE_LETTER[w[k]]:
        k += 1
    return u[:len(u) - k] + w[k:]


def _cyclically_reduced(word: str) -> str:
    """``cyclic_reduce`` of a freely reduced word: only the two ends cancel."""
    k, n = 0, len(word)
    while n - 2 * k >= 2 and word[k] == _INVERSE_LETTER[word[n - 1 - k]]:
        k += 1
    return word[k:n - k]


def _trivial_class(key: str) -> bool:
    a, _, b = key.partition(",")
    return len(a) == len(b) == 1 and {a.lower(), b.lower()} == {"x", "y"}


def cyclic_solve(start: Presentation, max_nodes: int = 100_000, max_length: int | None = None, *,
                 goals: Mapping[str, tuple[tuple[str, str], Sequence[str]]] | None = None,
                 keep: int = 0) -> SearchResult:
    """Greedy (best-first by total length) search over classes up to cyclic permutation with the options of the
    module docstring; ``max_nodes`` bounds the classes generated. ``goals`` maps class keys to ``((r1, r2),
    path)`` with ``path`` taking the representative ``(r1, r2)`` to a trivial presentation; ``keep=K`` returns the
    K shortest classes generated, each as ``(key, path from start to its representative)``.

    Raises
    ------
    InvalidInput
        For a non-positive budget or a start longer than the cap.
    CertificationError
        If a path fails its replay (a bug, never expected).

    Examples
    --------
    >>> from weightspace.search.ac.families import akbulut_kirby, miller_schupp
    >>> result = cyclic_solve(akbulut_kirby(2))
    >>> result.solved, result.visited < 2000
    (True, True)
    >>> from weightspace.search.ac.moves import PAPER_MOVES
    >>> from weightspace.search.ac.search import solve
    >>> p = miller_schupp(3, "yxyyX")
    >>> cyclic_solve(p, 10_000, 20).visited, solve(p, "greedy", 10**6, 20, count="visited", moves=PAPER_MOVES).visited
    (4324, 153330)
    """
    if max_nodes < 1:
        raise InvalidInput("--max-nodes must be positive")
    if max_length is not None and max(len(start.r1), len(start.r2)) > max_length:
        raise InvalidInput(f"the start has a relator longer than the cap {max_length}")
    begin = time.perf_counter()
    goals = goals or {}
    prefix, rep0 = [], []
    for index, word in enumerate((start.r1, start.r2), 1):
        moves, reduced = _reduce_moves(word, index)
        prefix += moves
        rep0.append(reduced)
    root = class_key(*rep0)
    reps: dict[str, tuple[str, str]] = {root: (rep0[0], rep0[1])}
    parents: dict[str, tuple[str, tuple[int, int, int, int]] | None] = {root: None}
    frontier = [(len(root) - 1, 0, root)]
    counter = expanded = evaluated = 0
    found = root if _trivial_class(root) or root in goals else None
    best = root
    while frontier and found is None and len(parents) < max_nodes:
        _, _, key = heapq.heappop(frontier)
        expanded += 1
        for option, child, k in _children(reps[key], max_length):
            evaluated += 1
            if k is None or k in parents:
                continue
            if len(parents) >= max_nodes:                   # the budget is exact: no class beyond it
                break
            parents[k] = (key, option)
            reps[k] = child
            if len(k) < len(best):
                best = k
            if _trivial_class(k) or k in goals:
                found = k
                break
            counter += 1
            heapq.heappush(frontier, (len(k) - 1, counter, k))
    end = found or best
    path = prefix + _path_to(parents, reps, end)
    if found is not None and not _trivial_class(found):
        goal_rep, goal_path = goals[found]
        path += _align(reps[found], goal_rep) + list(goal_path)
    final = replay(start, path)
    if found is not None and not final.is_trivial():
        raise CertificationError("the cyclic search path does not replay to a trivial presentation")
    if found is None and class_key(final.r1, final.r2) != end:
        raise CertificationError("the cyclic search path does not replay to its end point")
    achieved = tuple((k, tuple(prefix + _path_to(parents, reps, k))) for k in heapq.nsmallest(keep, parents, key=len))
    return SearchResult(found is not None, tuple(path), (final.r1, final.r2), expanded, time.perf_counter() - begin,
                        "cyclic", (start.r1, start.r2), len(parents), achieved, evaluated)


def _children(rep: tuple[str, str], max_length: int | None):
    """``(option, child representative, class key)`` for every option on ``rep``, in a fixed order; the key is
    ``None`` when the concatenated relator exceeds the cap."""
    for i in (0, 1):
        j = 1 - i
        fixed = canonical_relator(rep[j])
        pairs = [(v, inverse(v)) for v in _rotations(rep[j])]
        for p, u in enumerate(_rotations(rep[i])):
            for q, (v, v_inverse) in enumerate(pairs):
                for sign, w in ((1, v), (-1, v_inverse)):
                    product = _concatenate(u, w)
                    if max_length is not None and len(product) > max_length:
                        yield (i, p, q, sign), None, None
                        continue
                    reduced = _cyclically_reduced(product)
                    name = canonical_relator(reduced)
                    if i == 0:
                        yield (i, p, q, sign), (reduced, v), f"{name},{fixed}"
                    else:
                        yield (i, p, q, sign), (v, reduced), f"{fixed},{name}"


def _path_to(parents: dict, reps: dict, key: str) -> list[str]:
    chain = []
    while parents[key] is not None:
        parent, option = parents[key]
        chain.append((parent, option))
        key = parent
    moves: list[str] = []
    for parent, option in reversed(chain):
        moves += _unfold(reps[parent], option)
    return moves
