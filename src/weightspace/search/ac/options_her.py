"""Options with hindsight relabelling ("options-her"): the cyclic search of
[`weightspace.search.ac.cyclic`][weightspace.search.ac.cyclic], whose actions are options (macro-moves: rotate,
concatenate, reduce), run over a benchmark family in one pass while it learns a growing set of goals (the source's
proposal after Levy et al. 2019, adapted from episodes to search trees).

* **Hindsight goals.** A solved path ``p_0 -> p_1 -> ... -> p_T`` (trivial) is relabelled: every cyclically reduced
  ``p_i`` is an AC-trivial presentation with the path ``moves[i:]``, and its class (up to cyclic permutation and
  inversion of each relator) becomes a goal. Later searches end as soon as they generate a goal class.
* **Achieved classes.** A search also *achieves* classes: it holds a path ``q`` from its start ``P`` to a
  representative ``Q`` of each class it generated. The moves are invertible
  ([`invert_path`][weightspace.search.ac.moves.invert_path]), so once ``P`` is solved by a path ``s``, ``Q`` is
  solved by ``q^-1 s``; and once the class of ``Q`` becomes a goal, ``P`` is solved by ``q``, rotations and the
  goal's path. The ``keep`` shortest achieved classes of every search are indexed, and each new goal is looked up
  there, so solutions propagate through the family without new search.
* **Mined options** (``mine=K``). Each solved search leaves its chain of options; where an option follows the one
  before without rotating either relator, it is a *step* ``(swap, flip)`` relative to it (concatenate onto the
  other relator or the same one, with the other sign or the same). The K most frequent runs of one or two steps in
  the chains solved so far ([`mine_options`][weightspace.search.ac.cyclic.mine_options]) become options of the later
  searches: an option followed by the run, offered only where it leads down from the hill the first option climbs,
  so greedy search crosses that hill in one action. They are re-mined after every solved search and kept in the
  library.

Every presentation is searched once with ``max_nodes`` classes at most, so a comparison with another method at
the same ``max_nodes`` is at equal budget; what options-her adds is what it learns from the presentations before.
The learned [`Library`][weightspace.search.ac.options_her.Library] can be saved and given to a single solve.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from typing import Callable, Mapping, Sequence

from ...errors import CertificationError, InvalidInput
from .cyclic import Macro, _align, class_key, cyclic_solve, inverts, mine_options
from .moves import MOVES, PAPER_MOVES, Presentation, invert_path, replay
from .search import SearchResult, check_budget
from .words import cyclic_reduce


@dataclass
class Library:
    """Learned goals: class key -> ``((r1, r2), path)``, a cyclically reduced representative and a path of moves
    from it to a trivial presentation; and the options mined from solved searches (``macros``, see
    [`mine_options`][weightspace.search.ac.cyclic.mine_options]). ``inversion=False``: learned with the paper's
    twelve moves, so the keys are classes up to rotation only and no path has an inversion ``ri^-1``."""

    goals: dict[str, tuple[tuple[str, str], list[str]]] = field(default_factory=dict)
    macros: tuple[Macro, ...] = ()
    inversion: bool = True

    @property
    def moves(self) -> tuple[str, ...]:
        """The move set of the library's paths: all 14, or the paper's 12 when ``inversion`` is off."""
        return MOVES if self.inversion else PAPER_MOVES

    def add_solution(self, start: Presentation, path: Sequence[str]) -> list[str]:
        """Relabel a solved path: the class of every cyclically reduced presentation on it becomes a goal (the
        shorter path wins). Returns the keys that are new goals.

        Raises
        ------
        CertificationError
            If ``path`` does not take ``start`` to a trivial presentation, or has a move outside the library's set.

        Examples
        --------
        >>> library = Library()
        >>> library.add_solution(Presentation("xy", "yxy"), ["r2*r1^-1", "r1*r2^-1"])
        ['XY,XYY', 'XY,Y']
        >>> library.goals["XY,Y"]
        (('xy', 'y'), ['r1*r2^-1'])
        """
        states = [start]
        for move in path:
            states.append(states[-1].apply(move))
        if not states[-1].is_trivial():
            raise CertificationError("a path given to the library does not reach a trivial presentation")
        if not set(path) <= set(self.moves):
            raise CertificationError("a path given to a paper-moves library has an inversion ri^-1")
        new = []
        for i, state in enumerate(states[:-1]):
            if cyclic_reduce(state.r1) != state.r1 or cyclic_reduce(state.r2) != state.r2:
                continue
            key = class_key(state.r1, state.r2, self.inversion)
            if key not in self.goals:
                new.append(key)
            if key not in self.goals or len(self.goals[key][1]) > len(path) - i:
                self.goals[key] = ((state.r1, state.r2), list(path[i:]))
        return new

    def save(self, path: str) -> None:
        """Write the library as JSON."""
        tmp = f"{path}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            json.dump({"goals": {k: [list(rep), moves] for k, (rep, moves) in self.goals.items()},
                       "macros": [[list(step) for step in macro] for macro in self.macros],
                       "moves": "all" if self.inversion else "paper"}, handle)
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: str) -> "Library":
        """Read a library written by [`save`][weightspace.search.ac.options_her.Library.save]; every goal's path is
        replayed, so a corrupt or edited file cannot make a false claim.

        Raises
        ------
        InvalidInput
            When the file is unreadable or a goal's path does not reach a trivial presentation.
        """
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
            goals = {str(k): ((str(rep[0]), str(rep[1])), [str(m) for m in moves])
                     for k, (rep, moves) in data["goals"].items()}
            macros = tuple(tuple((bool(swap), bool(flip)) for swap, flip in macro) for macro in data.get("macros", []))
            inversion = {"all": True, "paper": False}[data.get("moves", "all")]
        except OSError as error:
            raise InvalidInput(f"cannot read the library {path}: {error.strerror}") from None
        except (ValueError, KeyError, TypeError, IndexError, AttributeError):
            raise InvalidInput(f"{path} is not a library written by 'ac benchmark --library'") from None
        allowed = set(MOVES if inversion else PAPER_MOVES)
        for key, (rep, moves) in goals.items():
            if (class_key(*rep, invert=inversion) != key or any(m not in allowed for m in moves)
                    or not replay(Presentation(*rep), moves).is_trivial()):
                raise InvalidInput(f"library {path}: goal {key} does not replay to a trivial presentation")
        return cls(goals, macros, inversion)


@dataclass(frozen=True)
class FamilyResult:
    """Per presentation (in input order) its result, the learned library, and how many were solved by
    propagation alone (after their own search had failed)."""

    results: tuple[SearchResult, ...]
    library: Library
    propagated: int

    @property
    def solved(self) -> int:
        return sum(r.solved for r in self.results)


def options_her(items: Sequence[tuple[Presentation, int | None]], max_nodes: int, *, keep: int = 64,
                library: Library | None = None, progress: Callable[[int, int], None] | None = None,
                done: Mapping[str, dict] | None = None, record: Callable[[dict], None] | None = None,
                mine: int = 0, share_goals: bool = True, seconds: Sequence[float] | None = None,
                moves: Sequence[str] = MOVES) -> FamilyResult:
    """Solve a family of ``(presentation, length cap)`` pairs in order with options and hindsight relabelling (see
    the module docstring); no presentation is searched beyond ``max_nodes`` classes (nor beyond ``seconds[i]``
    seconds of wall time when given, the budget of a compute-matched comparison).

    ``share_goals=False`` switches the cross-presentation learning off: each presentation is searched with no goal,
    achieved class or mined option from the others, so the result measures the search alone. ``moves=PAPER_MOVES``
    keeps every search, goal and propagated path to the paper's twelve moves (classes up to rotation only).

    For checkpoints, every search is passed to ``record`` as a row with a ``"key"`` naming the family, the budget
    and the presentation; rows found in ``done`` under the same key are used instead of searching again. ``mine=K``
    adds the K options mined from the solved searches (see the module docstring; ``library.macros`` to begin
    with). The pass
    is deterministic, so a resumed run ends with the same results and library as an uninterrupted one.

    Parameters
    ----------
    items
        ``(presentation, cap)`` pairs, in order.
    max_nodes
        Classes per search at most.
    keep
        Achieved classes kept per search.
    library
        A library learned before.
    progress
        Called with ``(done, total)``.
    done
        Rows of a checkpoint, by key.
    record
        Called with each new row.
    mine
        Options to mine from solved searches.
    share_goals
        Learn across presentations.
    seconds
        Wall time per presentation (a compute-matched budget).
    moves
        All 14 moves or the paper's 12.

    Returns
    -------
    FamilyResult
        Every presentation's result, the library and the number solved by propagation.

    Raises
    ------
    InvalidInput
        For a non-positive budget, a move set other than all or the paper's, or a ``library`` learned with
        another move set.
    CertificationError
        If a reported path fails its replay (a bug, never expected).

    Examples
    --------
    >>> from weightspace.search.ac.families import miller_schupp_benchmark
    >>> items = [(p, 18) for _, _, p in miller_schupp_benchmark(1, 3)]
    >>> result = options_her(items, 1000)
    >>> result.solved, len(result.library.goals) > 20
    (6, True)
    >>> paper = options_her(items, 1000, moves=PAPER_MOVES)
    >>> paper.solved, all(set(r.path) <= set(PAPER_MOVES) for r in paper.results)
    (6, True)
    """
    check_budget(max_nodes)
    inversion = inverts(moves)
    library = library if library is not None else Library(inversion=inversion)
    if library.inversion != inversion:
        raise InvalidInput("the library was learned with " + ("all 14 moves" if library.inversion else
                                                              "the paper's 12 moves") + ": use the same --moves")
    starts = [p for p, _ in items]
    outcome: list[SearchResult | None] = [None] * len(items)
    paths: dict[int, list[str]] = {}
    index: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    propagated = 0

    def settle(i: int, path: list[str]) -> None:
        """Record a solution of item i and propagate it through the index of achieved classes."""
        nonlocal propagated
        work = [(i, path)]
        while work:
            j, route = work.pop()
            if j in paths:
                continue
            paths[j] = route
            propagated += j != i
            new = library.add_solution(starts[j], route)
            for _, q in outcome[j].achieved if outcome[j] is not None else ():
                new += library.add_solution(replay(starts[j], q), invert_path(q) + route)
            for key in new:
                for other, q in index.pop(key, []):
                    if other not in paths:
                        rep, goal_path = library.goals[key]
                        here = replay(starts[other], q)
                        work.append((other, list(q) + _align((here.r1, here.r2), rep) + goal_path))

    traces: list[tuple] = []
    macros = library.macros
    family = hashlib.sha1(";".join(f"{p.r1},{p.r2},{c}" for p, c in items).encode()).hexdigest()[:12]
    done = done or {}
    for i, (start, cap) in enumerate(items):
        if i not in paths:
            key = (f"options-her:{family}:{max_nodes}:{keep}:{i}" + (f":mine{mine}" if mine else "")
                   + ("" if share_goals else ":solo") + (f":t{seconds[i]:.4f}" if seconds is not None else "")
                   + ("" if inversion else ":paper"))
            if key in done:
                result = _from_row(done[key], start)
            else:
                result = cyclic_solve(start, max_nodes, cap, goals=library.goals if share_goals else None,
                                      keep=keep, macros=macros if share_goals else (),
                                      max_seconds=None if seconds is None else seconds[i], moves=moves)
                if record:
                    record(_to_row(result, key))
            outcome[i] = result
            if result.solved and not share_goals:
                paths[i] = list(result.path)
            elif result.solved:
                settle(i, list(result.path))
                if mine and result.trace:
                    traces.append(result.trace)
                    macros = library.macros = mine_options(traces, mine)
            elif share_goals:
                for key, q in result.achieved:
                    index.setdefault(key, []).append((i, q))
        if progress:
            progress(i + 1, len(items))
    results = []
    for i, start in enumerate(starts):
        path = paths.get(i)
        searched = outcome[i] or SearchResult(False, (), (start.r1, start.r2), 0, 0.0, "", (start.r1, start.r2), 0)
        final = replay(start, path) if path is not None else Presentation(*searched.final)
        if path is not None and not final.is_trivial():
            raise CertificationError("an options-her path does not replay to a trivial presentation")
        results.append(dataclasses.replace(searched, solved=path is not None, path=tuple(path or ()),
                                           final=(final.r1, final.r2), method="options-her", achieved=()))
    return FamilyResult(tuple(results), library, propagated)


def _to_row(result: SearchResult, key: str) -> dict:
    return {"key": key, "solved": result.solved, "path": list(result.path), "final": list(result.final),
            "expanded": result.nodes_expanded, "seconds": result.seconds, "nodes": result.visited,
            "evaluated": result.evaluated, "achieved": [[k, list(q)] for k, q in result.achieved],
            "trace": [list(step) if step else None for step in result.trace]}


def _from_row(row: dict, start: Presentation) -> SearchResult:
    return SearchResult(row["solved"], tuple(row["path"]), tuple(row["final"]), row["expanded"], row["seconds"],
                        "cyclic", (start.r1, start.r2), row["nodes"],
                        tuple((k, tuple(q)) for k, q in row["achieved"]), row["evaluated"],
                        tuple(tuple(step) if step else None for step in row.get("trace", [])))
