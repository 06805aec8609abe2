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
replayed before it is returned. With the paper's twelve moves (``moves=PAPER_MOVES``) the classes are up to
rotation only (a relator and its inverse are different classes), so a goal is always reached by rotations and no
path has an inversion.

**Mined options** ``macros`` extend an option by unrotated steps ``(swap, flip)`` (the next concatenation onto the
same relator or the other, with the same sign or the other), mined from the chains of solved searches by
[`mine_options`][weightspace.search.ac.cyclic.mine_options]; an extended option is offered only where it ends
shorter than the option it extends (the way down a hill), and its unfolded path respects the cap at every step.
"""

from __future__ import annotations

import heapq
import time
from functools import lru_cache
from typing import Mapping, Sequence

from ...errors import CertificationError, InvalidInput
from .moves import MOVES, PAPER_MOVES, Presentation, replay
from .search import SearchResult, check_budget
from .classes import (_INVERSE, _INVERSE_LETTER, Macro, _concatenate, _cyclically_reduced, _rotations,  # noqa: F401
                      _trivial_class, canonical_relator, class_key, clear_names, inverts, least_rotation)
# (class names and word operations live in weightspace.search.ac.classes; they stay importable from here)
from .words import inverse

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


def _unfold(rep: tuple[str, str], option: tuple) -> list[str]:
    """The primitive moves of ``option = (i, p, q, sign)`` applied to the representative ``rep``, or of a mined
    option ``(i, p, q, sign, steps)``: that option followed by one unrotated option per step (see
    [`mine_options`][weightspace.search.ac.cyclic.mine_options])."""
    i, p, q, sign = option[:4]
    j = 1 - i
    moves = _rotate_moves(rep[i], p, i + 1) + _rotate_moves(rep[j], q, j + 1)
    moves.append(f"r{i + 1}*r{j + 1}" + ("" if sign > 0 else "^-1"))
    u, v = rep[i][p:] + rep[i][:p], rep[j][q:] + rep[j][:q]
    reduce, reduced = _reduce_moves(_concatenate(u, v if sign > 0 else inverse(v)), i + 1)
    moves += reduce
    current = [reduced, v] if i == 0 else [v, reduced]
    for swap, flip in option[4] if len(option) > 4 else ():
        i, sign = (1 - i if swap else i), (-sign if flip else sign)
        moves += _unfold((current[0], current[1]), (i, 0, 0, sign))
        current[i] = _cyclically_reduced(_concatenate(current[i], current[1 - i] if sign > 0
                                                      else inverse(current[1 - i])))
    return moves


def cyclic_solve(start: Presentation, max_nodes: int = 100_000, max_length: int | None = None, *,
                 goals: Mapping[str, tuple[tuple[str, str], Sequence[str]]] | None = None,
                 keep: int = 0, macros: Sequence[Macro] = (), max_seconds: float | None = None,
                 moves: Sequence[str] = MOVES) -> SearchResult:
    """Greedy (best-first by total length) search over classes up to cyclic permutation with the options of the
    module docstring; ``max_nodes`` bounds the classes generated. ``goals`` maps class keys to ``((r1, r2),
    path)`` with ``path`` taking the representative ``(r1, r2)`` to a trivial presentation; ``keep=K`` returns the
    K shortest classes generated, each as ``(key, path from start to its representative)``; ``macros`` are mined
    options (see the module docstring). A solved result carries the ``trace`` of its chain of options.
    ``moves=PAPER_MOVES`` searches classes up to rotation only, so the path has the paper's twelve moves (no
    ``ri^-1``, also where it reaches a goal); the goals must then be keyed and pathed the same way.

    Parameters
    ----------
    start
        The presentation.
    max_nodes
        Classes generated at most.
    max_length
        The relator length cap (``None``: none).
    goals
        Class key -> ``((r1, r2), path)`` of known AC-trivial presentations.
    keep
        Return the ``keep`` shortest classes generated, with their paths.
    macros
        Mined options.
    max_seconds
        A wall-time budget.
    moves
        All 14 moves or the paper's 12.

    Returns
    -------
    SearchResult
        The replayed path (when solved), the final presentation, the counts and the chain of options.

    Raises
    ------
    InvalidInput
        For a non-positive budget, a start longer than the cap or a move set other than all or the paper's.
    CertificationError
        If a path fails its replay, or uses an inversion under the paper's moves (a bug, never expected).

    Examples
    --------
    >>> from weightspace.search.ac.families import akbulut_kirby, miller_schupp
    >>> result = cyclic_solve(akbulut_kirby(2))
    >>> result.solved, result.visited < 2000
    (True, True)
    >>> paper = cyclic_solve(akbulut_kirby(2), moves=PAPER_MOVES)
    >>> paper.solved, set(paper.path) <= set(PAPER_MOVES)
    (True, True)
    >>> from weightspace.search.ac.moves import PAPER_MOVES
    >>> from weightspace.search.ac.search import solve
    >>> p = miller_schupp(3, "yxyyX")
    >>> cyclic_solve(p, 10_000, 20).visited, solve(p, "greedy", 10**6, 20, count="visited", moves=PAPER_MOVES).visited
    (4324, 153330)
    """
    check_budget(max_nodes)
    invert, allowed = inverts(moves), set(moves)
    if max_length is not None and max(len(start.r1), len(start.r2)) > max_length:
        raise InvalidInput(f"the start has a relator longer than the cap {max_length}")
    begin = time.perf_counter()
    goals = goals or {}
    prefix, rep0 = [], []
    for index, word in enumerate((start.r1, start.r2), 1):
        moves, reduced = _reduce_moves(word, index)
        prefix += moves
        rep0.append(reduced)
    root = class_key(*rep0, invert=invert)
    reps: dict[str, tuple[str, str]] = {root: (rep0[0], rep0[1])}
    parents: dict[str, tuple[str, tuple[int, int, int, int]] | None] = {root: None}
    frontier = [(len(root) - 1, 0, root)]
    counter = expanded = evaluated = 0
    found = root if _trivial_class(root) or root in goals else None
    best = root
    deadline = None if max_seconds is None else begin + max_seconds          # a wall-time budget (--match-time)
    heappush = heapq.heappush
    while frontier and found is None and len(parents) < max_nodes and (deadline is None or
                                                                       time.perf_counter() < deadline):
        _, _, key = heapq.heappop(frontier)
        expanded += 1
        size = len(parents)
        for option, child, k in _children(reps[key], max_length, macros, invert):
            evaluated += 1
            if k is None or k in parents:
                continue
            if size >= max_nodes:                           # the budget is exact: no class beyond it
                break
            parents[k] = (key, option)
            reps[k] = child
            size += 1
            length = len(k)
            if length < len(best):
                best = k
            if (length == 3 and _trivial_class(k)) or k in goals:     # a trivial class's key is "x,y" or alike
                found = k
                break
            counter += 1
            heappush(frontier, (length - 1, counter, k))
    end = found or best
    path = prefix + _path_to(parents, reps, end)
    if found is not None and not _trivial_class(found):
        goal_rep, goal_path = goals[found]
        path += _align(reps[found], goal_rep) + list(goal_path)
    final = replay(start, path)
    if found is not None and not final.is_trivial():
        raise CertificationError("the cyclic search path does not replay to a trivial presentation")
    if found is None and class_key(final.r1, final.r2, invert) != end:
        raise CertificationError("the cyclic search path does not replay to its end point")
    if not set(path) <= allowed:
        raise CertificationError("the cyclic search path uses a move outside its move set")
    achieved = tuple((k, tuple(prefix + _path_to(parents, reps, k))) for k in heapq.nsmallest(keep, parents, key=len))
    return SearchResult(found is not None, tuple(path), (final.r1, final.r2), expanded, time.perf_counter() - begin,
                        "cyclic", (start.r1, start.r2), len(parents), achieved, evaluated,
                        _trace(parents, end) if found is not None else ())


def _children(rep: tuple[str, str], max_length: int | None, macros: Sequence[Macro] = (), invert: bool = True):
    """``(option, child representative, class key)`` for every option on ``rep``, in a fixed order; the key is
    ``None`` when the concatenated relator exceeds the cap. Each option that respects the cap is followed by its
    extensions by the mined ``macros``, each step unrotated."""
    trie, ends = _trie(tuple(macros))
    cap = max_length if max_length is not None else 1 << 62
    opposite, name_of, concatenate, reduce = _INVERSE_LETTER, canonical_relator, _concatenate, _cyclically_reduced
    for i in (0, 1):
        j = 1 - i
        fixed = name_of(rep[j], invert)
        pairs = [(v, inverse(v)) for v in _rotations(rep[j])]
        for p, u in enumerate(_rotations(rep[i])):
            last = opposite[u[-1]] if u else ""
            for q, (v, v_inverse) in enumerate(pairs):
                for sign, w in ((1, v), (-1, v_inverse)):
                    product = concatenate(u, w) if w and w[0] == last else u + w
                    if len(product) > cap:
                        yield (i, p, q, sign), None, None
                        continue
                    if len(product) >= 2 and product[0] == opposite[product[-1]]:
                        product = reduce(product)
                    if i == 0:
                        yield (i, p, q, sign), (product, v), f"{name_of(product, invert)},{fixed}"
                    else:
                        yield (i, p, q, sign), (v, product), f"{fixed},{name_of(product, invert)}"
                    if not macros:
                        continue
                    states = _extend((product, v, i, sign) if i == 0 else (v, product, i, sign), trie, max_length)
                    length = len(product) + len(v)
                    for steps, end in zip(macros, ends):
                        child = states[end]
                        if child is not None and len(child[0]) + len(child[1]) < length:
                            yield ((i, p, q, sign, steps), child[:2],
                                   f"{name_of(child[0], invert)},{name_of(child[1], invert)}")


@lru_cache(maxsize=64)
def _trie(macros: tuple[Macro, ...]) -> tuple[tuple[tuple[int, bool, bool], ...], tuple[int, ...]]:
    """The mined options as a prefix tree: nodes ``(parent, swap, flip)`` in an order where parents come first
    (node 0 is the option itself), and the node where each mined option ends. Options sharing a prefix share its
    nodes, so each step after an option is computed once."""
    index: dict[Macro, int] = {(): 0}
    nodes: list[tuple[int, bool, bool]] = [(-1, False, False)]
    ends = []
    for steps in macros:
        for k in range(1, len(steps) + 1):
            if steps[:k] not in index:
                index[steps[:k]] = len(nodes)
                nodes.append((index[steps[:k - 1]], *steps[k - 1]))
        ends.append(index[steps])
    return tuple(nodes), tuple(ends)


def _extend(state: tuple, trie: Sequence[tuple[int, bool, bool]], max_length: int | None) -> list:
    """The states ``(r1, r2, i, sign)`` at every node of the ``trie`` of mined options, starting from the state of
    an option on relator ``i`` with ``sign``; ``None`` below a step that exceeds the cap. (The hot loop of
    options-her: the junction and the ends are tested inline, the general routines run only where letters
    cancel.)"""
    states: list = [state]
    append = states.append
    cap = max_length if max_length is not None else 1 << 62
    opposite, table = _INVERSE_LETTER, _INVERSE
    for parent, swap, flip in trie[1:]:
        state = states[parent]
        if state is None:
            append(None)
            continue
        a, b, i, sign = state
        if swap:
            i = 1 - i
        if flip:
            sign = -sign
        u, w = (a, b) if i == 0 else (b, a)
        if sign < 0:
            w = w.translate(table)[::-1]
        product = _concatenate(u, w) if u and w and u[-1] == opposite[w[0]] else u + w
        if len(product) > cap:
            append(None)
            continue
        if len(product) >= 2 and product[0] == opposite[product[-1]]:
            product = _cyclically_reduced(product)
        append((product, b, i, sign) if i == 0 else (a, product, i, sign))
    return states


def _trace(parents: dict, key: str) -> tuple[tuple[bool, bool] | None, ...]:
    """The options of the chain to ``key`` relative to their predecessors: ``(swap, flip)`` for an unrotated option
    (``p = q = 0``; ``swap`` when it concatenates onto the other relator, ``flip`` when it changes the sign), ``None``
    for a rotated one; the steps of mined options are spelled out."""
    chain = []
    while parents[key] is not None:
        key, option = parents[key]
        chain.append(option)
    trace: list[tuple[bool, bool] | None] = []
    previous = None
    for option in reversed(chain):
        i, p, q, sign = option[:4]
        trace.append((i != previous[0], sign != previous[1]) if previous and p == q == 0 else None)
        trace += option[4] if len(option) > 4 else ()
        for swap, flip in option[4] if len(option) > 4 else ():
            i, sign = (1 - i if swap else i), (-sign if flip else sign)
        previous = (i, sign)
    return tuple(trace)


def mine_options(traces: Sequence[Sequence[tuple[bool, bool] | None]], top: int = 2,
                 longest: int = 2) -> tuple[Macro, ...]:
    """Mined options: the ``top`` most frequent runs of 1 to ``longest`` consecutive unrotated steps in the traces
    of solved searches (``SearchResult.trace``), ties broken by the order of first occurrence. A mined option
    ``(i, p, q, sign, steps)`` is an option followed by these steps, so it reaches in one action a class that the
    options reach in ``1 + len(steps)``, over a relator possibly longer than both (a hill).

    Parameters
    ----------
    traces
        The traces of solved searches.
    top
        How many options to keep.
    longest
        The longest run of steps considered.

    Returns
    -------
    tuple
        The mined options.

    Examples
    --------
    >>> same = (False, False)       # concatenate the same relator onto the same one again: r_i <- r_i v v
    >>> mine_options([[None, same, same, (True, False)], [None, same]], top=2)
    (((False, False),), ((False, False), (False, False)))
    """
    counts: dict[Macro, int] = {}
    for trace in traces:
        for start in range(len(trace)):
            for length in range(1, longest + 1):
                run = tuple(trace[start:start + length])
                if len(run) < length or None in run:
                    break
                counts[run] = counts.get(run, 0) + 1
    order = {run: k for k, run in enumerate(counts)}
    return tuple(sorted(counts, key=lambda run: (-counts[run], order[run]))[:top])


def option_name(steps: Macro) -> str:
    """A mined option's steps in short: ``s`` (onto the same relator) or ``o`` (the other), then ``+`` (same sign)
    or ``-`` (the other sign).

    Parameters
    ----------
    steps
        A mined option's steps.

    Returns
    -------
    str
        Its short name.

    Examples
    --------
    >>> option_name(((False, False), (True, True)))          # r_i <- r_i v v, then r_j <- r_j r_i^-1
    's+ o-'
    """
    return " ".join(("o" if swap else "s") + ("-" if flip else "+") for swap, flip in steps)


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
