"""Classical search for an Andrews–Curtis trivialisation: breadth-first and greedy (best-first by total relator
length, the "greedy search" of Shehper et al. 2024), with a node budget and checkpoints.

Both explore the graph whose vertices are presentations and whose edges are the moves of
[`weightspace.search.ac.moves`][weightspace.search.ac.moves] (with an optional cap on relator length), remember
each vertex's parent and move, and stop at the first trivial presentation or after ``max_nodes`` expansions. The
answer's path is replayed from the start before it is returned; a path that does not end at a trivial
presentation raises [`CertificationError`][weightspace.errors.CertificationError].

Budgets count ``"expanded"`` vertices (popped from the frontier) or, as in the paper's code, ``"visited"``
vertices (every distinct presentation generated). ``moves`` restricts the move set (the paper's game has the
twelve moves without inversion, [`PAPER_MOVES`][weightspace.search.ac.moves.PAPER_MOVES]); ``goals`` maps
presentations already known to be AC-trivial to a path of moves from them to a trivial one, and the search stops
as soon as it generates one of them (the path is then completed by the goal's path and replayed as a whole; the
learned version of this is [`weightspace.search.ac.options_her`][weightspace.search.ac.options_her]).

Checkpoints: with ``checkpoint=FILE`` the frontier, the parents and the counters are written as JSON every
``every`` expansions and when the budget runs out; a later call with the same start, method and cap resumes from
the file (a larger ``max_nodes`` continues the search), so an interrupted run loses at most ``every`` expansions.
"""

from __future__ import annotations

import heapq
import json
import os
import time
from collections import deque
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

from ...errors import CertificationError, InvalidInput
from ...validation import check_number
from .moves import MOVES, Presentation, replay

MAX_SEARCH_NODES = 20_000_000    # nodes one search may hold (a few GB; the paper's budget is 10^6)


def check_budget(max_nodes: int) -> None:
    """The one check of a search budget: an integer in ``1..MAX_SEARCH_NODES``.

    Parameters
    ----------
    max_nodes
        The budget given.

    Raises
    ------
    InvalidInput
        Naming ``--max-nodes`` and the range.
    """
    check_number(max_nodes, "--max-nodes", minimum=1, maximum=MAX_SEARCH_NODES, integer=True)

METHODS = ("greedy", "bfs")
COUNTS = ("expanded", "visited")


@dataclass(frozen=True)
class SearchResult:
    """``solved``, the replayable ``path``, the ``final`` presentation (the trivial one, or the shortest seen),
    ``nodes_expanded``, ``seconds`` and ``visited`` (distinct vertices generated); the cyclic search also fills
    ``achieved`` (classes reached, with their paths), ``evaluated`` (concatenations computed) and ``trace`` (its solved
    chain of options, see [`mine_options`][weightspace.search.ac.cyclic.mine_options])."""

    solved: bool
    path: tuple[str, ...]
    final: tuple[str, str]
    nodes_expanded: int
    seconds: float
    method: str
    start: tuple[str, str]
    visited: int
    achieved: tuple[tuple[str, tuple[str, ...]], ...] = ()
    evaluated: int = 0
    trace: tuple = ()

    def to_dict(self) -> dict:
        return {"solved": self.solved, "path": list(self.path), "final": list(self.final),
                "nodes_expanded": self.nodes_expanded, "seconds": round(self.seconds, 3), "method": self.method,
                "start": list(self.start), "visited": self.visited, "path_length": len(self.path),
                **({"evaluated": self.evaluated} if self.evaluated else {})}


def _key(p) -> str:
    return ",".join(p.relators())


def _unkey(key: str):
    parts = key.split(",")
    if len(parts) == 2:
        return Presentation(*parts)
    from .generators import GeneralPresentation
    return GeneralPresentation(tuple(parts))


def solve(start: Presentation, method: str = "greedy", max_nodes: int = 100_000, max_length: int | None = None,
          checkpoint: str | None = None, every: int = 20_000,
          progress: Callable[[int, int], None] | None = None, *, count: str = "expanded",
          moves: Sequence[str] = MOVES, goals: Mapping[str, Sequence[str]] | None = None,
          max_seconds: float | None = None) -> SearchResult:
    """Search for a path of AC moves from ``start`` to a trivial presentation (see the module docstring).

    Parameters
    ----------
    start
        The presentation.
    method
        ``greedy`` or ``bfs``.
    max_nodes
        The budget, in the unit ``count`` names.
    max_length
        The relator length cap (``None``: none).
    checkpoint
        A file to save the search to and resume from.
    every
        Nodes between checkpoints.
    progress
        Called with ``(nodes expanded, max_nodes)`` every 1,000 expansions.
    count
        ``expanded`` or ``visited`` (presentations generated, the paper's unit).
    moves
        The move set (all 14, or the paper's 12).
    goals
        Presentations known to be AC-trivial, keyed by presentation, with their paths.
    max_seconds
        A wall-time budget.

    Returns
    -------
    SearchResult
        The replayed path (when solved), the final presentation and the counts.

    Raises
    ------
    InvalidInput
        For an unknown method, budget unit or move, or a non-positive budget.
    CertificationError
        If a path fails its replay (a bug, never expected).

    Examples
    --------
    >>> from weightspace.search.ac.families import akbulut_kirby
    >>> result = solve(akbulut_kirby(2), "greedy")          # AK(2) is AC-trivial
    >>> result.solved, len(result.path), result.final
    (True, 20, ('YYxyy', 'y'))
    >>> solve(Presentation("xyX", "xYY"), "bfs").path    # cyclically reduced: y and x
    ('r2*r1', 'r2*r1')
    >>> known = {"xY,xYY": ["r2*r1^-1", "r1*r2^-1"]}     # a presentation known to be AC-trivial, with its path
    >>> solve(Presentation("xyX", "xYY"), "bfs", goals=known).path   # generated first, it ends the search
    ('r1*r2', 'r2*r1^-1', 'r1*r2^-1')
    """
    if method not in METHODS:
        raise InvalidInput(f"unknown method {method!r}: classical search is {' or '.join(METHODS)}")
    if count not in COUNTS:
        raise InvalidInput(f"unknown budget unit {count!r}: use {' or '.join(COUNTS)}")
    check_budget(max_nodes)
    names = start.move_names() if hasattr(start, "move_names") else MOVES
    if moves is MOVES:
        moves = names
    unknown = [m for m in moves if m not in names]
    if unknown:
        raise InvalidInput(f"unknown move {unknown[0]!r}; moves are {', '.join(names)}")
    goals = goals or {}
    begin = time.perf_counter()
    header = _header(start, method, max_length, count, moves)
    state = _load(checkpoint, header) if checkpoint else None
    if state is None:
        state = {"parents": {_key(start): None}, "frontier": [[start.length, 0, _key(start)]], "counter": 1,
                 "expanded": 0, "best": _key(start)}
    parents, counter, expanded, best = state["parents"], state["counter"], state["expanded"], state["best"]
    best_length = _unkey(best).length
    frontier = deque(tuple(e) for e in state["frontier"]) if method == "bfs" else [tuple(e) for e in state["frontier"]]
    if method == "greedy":
        heapq.heapify(frontier)
    found = _key(start) if start.is_trivial() or _key(start) in goals else None
    used = (lambda: expanded) if count == "expanded" else (lambda: len(parents))
    if used() > max_nodes:
        raise InvalidInput(f"the checkpoint {checkpoint} holds a search that already used {used()} nodes, more than "
                           f"--max-nodes {max_nodes}: its result would not be this budget's; raise --max-nodes or "
                           f"give another checkpoint file")
    deadline = None if max_seconds is None else begin + max_seconds          # a wall-time budget (--match-time)
    while frontier and found is None and used() < max_nodes and (deadline is None or time.perf_counter() < deadline):
        _, _, key = frontier.popleft() if method == "bfs" else heapq.heappop(frontier)
        expanded += 1
        for label, after in _unkey(key).neighbours(max_length, moves):
            k = _key(after)
            if k in parents:
                continue
            if count == "visited" and len(parents) >= max_nodes:     # the budget is exact
                break
            parents[k] = [key, label]
            if after.length < best_length:
                best, best_length = k, after.length
            if after.is_trivial() or k in goals:
                found = k
                break
            entry = (after.length, counter, k)
            counter += 1
            frontier.append(entry) if method == "bfs" else heapq.heappush(frontier, entry)
        if progress and expanded % 1000 == 0:
            progress(expanded, max_nodes)
        if checkpoint and expanded % every == 0:
            _save(checkpoint, header, parents, frontier, counter, expanded, best)
    if checkpoint and found is None:
        _save(checkpoint, header, parents, frontier, counter, expanded, best)
    end = found or best
    path = _path(parents, end)
    reached = replay(start, path)
    if _key(reached) != end:
        raise CertificationError("the search path does not replay to its end point")
    if found is not None and not reached.is_trivial():
        path += list(goals[found])
    final = replay(start, path)
    if found is not None and not final.is_trivial():
        raise CertificationError("the search path does not replay to a trivial presentation")
    return SearchResult(found is not None, tuple(path), tuple(final.relators()), expanded,
                        time.perf_counter() - begin, method, tuple(start.relators()), len(parents))


def _path(parents: dict, key: str) -> list[str]:
    moves = []
    while parents[key] is not None:
        key, move = parents[key]
        moves.append(move)
    return moves[::-1]


def _header(start, method: str, max_length: int | None, count: str, moves: Sequence[str]) -> dict:
    header = {"start": _key(start), "method": method, "max_length": max_length}
    default = start.move_names() if hasattr(start, "move_names") else MOVES
    if count != "expanded" or list(moves) != list(default):
        header.update(count=count, moves=list(moves))
    return header


def _save(path, header, parents, frontier, counter, expanded, best) -> None:
    data = {**header, "parents": parents, "frontier": [list(e) for e in frontier],
            "counter": counter, "expanded": expanded, "best": best}
    tmp = f"{path}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle)
    os.replace(tmp, path)


def _load(path: str, header: dict) -> dict | None:
    if not os.path.exists(path):
        return None
    if os.path.isdir(path):
        raise InvalidInput(f"--checkpoint: {path} is a directory, not a checkpoint file")
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except (OSError, ValueError):
        raise InvalidInput(f"checkpoint {path} is not readable JSON; delete it to start afresh") from None
    if {k: data.get(k) for k in header} != header or set(data) - set(header) - _STATE:
        raise InvalidInput(f"checkpoint {path} belongs to another search ({data.get('start')}, "
                           f"{data.get('method')}, cap {data.get('max_length')})")
    return data


_STATE = {"parents", "frontier", "counter", "expanded", "best"}
