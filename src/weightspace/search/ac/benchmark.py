"""Run search methods over a benchmark family with equal node budgets, with a checkpoint of finished runs.

[`run_benchmark`][weightspace.search.ac.benchmark.run_benchmark] solves each ``(presentation, length cap)`` with
each method under the same ``max_nodes`` budget and records per method how many were solved; every path it
reports has been replayed. The budget units:

* ``greedy``, ``bfs``: distinct presentations generated (``count="visited"``, the unit of the paper's code) or
  vertices expanded (``count="expanded"``), with the paper's twelve moves by default;
* ``cyclic``: distinct classes up to cyclic permutation generated
  ([`cyclic_solve`][weightspace.search.ac.cyclic.cyclic_solve]);
* ``options-her``: the same, per presentation, in one pass that learns goals from the presentations before
  ([`options_her`][weightspace.search.ac.options_her.options_her]);
* ``ppo``: environment steps.

``moves`` applies to every method: with the paper's twelve moves (the default) greedy and bfs never invert a
relator, cyclic and options-her search classes up to rotation only (so no path, stored goal path included, has an
inversion ``ri^-1``), and PPO's action set is the twelve moves.

With a checkpoint file (JSON lines), finished ``(method, presentation)`` runs are appended as they complete and
reused on a rerun, so an interrupted run resumes without losing finished work (options-her replays its stored runs
in order and so reaches the same library).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Sequence

from ...errors import InvalidInput
from ...parallel import JsonLinesCheckpoint
from ...validation import check_number
from .moves import PAPER_MOVES, Presentation
from .search import COUNTS, MAX_SEARCH_NODES, METHODS, solve

BENCHMARK_METHODS = METHODS + ("cyclic", "options-her", "ppo")
"""Every method the benchmark runs."""

PAPER_COUNTS = {"greedy": {"solved": 533, "budget": 1_000_000, "unit": "presentations"},
                "bfs": {"solved": 278, "budget": 1_000_000, "unit": "presentations"},
                "ppo": {"solved": 431, "unit": "environment steps", "trained_on": "family"}}
"""Presentations of the 1190 Miller–Schupp benchmark (``n, |w| <= 7``) solved in Shehper et al. 2024 (arXiv
2408.15332, sections 3 and 4): greedy search and BFS with 10^6 nodes each (distinct presentations generated, the
paper's twelve moves, relator length cap ``2 max(2n+3, 8) + 2``), and PPO (its budget in environment steps, never a
node budget). Each entry carries its own unit and setting. Cited from the paper's repository
shehper/AC-Solver (the files ``greedy_solved_presentations.txt`` and ``bfs_solved_presentations.txt`` and the PPO
notebook); literature values printed next to ours, never used in a computation."""

PAPER_BUDGET = 1_000_000
"""The node budget of the paper's searches."""


def paper_cap(presentation: Presentation, max_w_length: int = 7) -> int:
    """The paper's cap on relator length: ``2 max(|r1|, max_w_length + 1) + 2`` (for ``MS(n, w)``, ``|r1| = 2n+3``).

    Parameters
    ----------
    presentation
        The presentation.
    max_w_length
        The benchmark's longest word.

    Returns
    -------
    int
        The cap.

    Examples
    --------
    >>> from weightspace.search.ac.families import miller_schupp_benchmark
    >>> sorted({paper_cap(p) for n, _, p in miller_schupp_benchmark(7, 7)})      # n = 1, 2 share 18
    [18, 20, 24, 28, 32, 36]
    """
    return 2 * max(len(presentation.r1), max_w_length + 1) + 2


@dataclass(frozen=True)
class BenchmarkResult:
    """Per method: the number solved, the total, the nodes and the seconds spent, and the paper's counts."""

    family: str
    total: int
    max_nodes: int
    rows: tuple[dict, ...]
    paper: dict | None = None

    def to_dict(self) -> dict:
        return {"family": self.family, "total": self.total, "max_nodes": self.max_nodes, "methods": list(self.rows),
                "paper": self.paper}


def run_benchmark(items: Sequence[tuple[Presentation, int | None]], methods: Sequence[str], max_nodes: int,
                  family: str = "", checkpoint: str | None = None,
                  progress: Callable[[int, int], None] | None = None, *, count: str = "visited",
                  moves: Sequence[str] = PAPER_MOVES, keep: int = 64, library: str | None = None,
                  paper: dict | None = None, mine: int = 4, share_goals: bool = True,
                  match_time: bool = False) -> BenchmarkResult:
    """Solve every ``(presentation, cap)`` with every method (see the module docstring); ``library=FILE`` saves
    what options-her learned; ``mine=K`` lets options-her use the K options it mines from its solved searches;
    ``share_goals=False`` switches options-her's cross-presentation learning off; ``paper`` is passed through.

    Every row names its ``budget_unit`` and carries ``nodes`` (in that unit), ``elementary_moves`` (the moves of
    the replayed solution paths, each an elementary AC move) and ``seconds``. With ``match_time`` the comparison is
    compute-matched: greedy runs first under the node budget, and every other method gets, per presentation, the
    wall time greedy used on it (and no node limit beyond ``MAX_SEARCH_NODES``).

    Parameters
    ----------
    items
        ``(presentation, cap)`` pairs.
    methods
        The methods to run.
    max_nodes
        The budget per presentation.
    family
        The family's name, for the rows.
    checkpoint
        A file to save finished searches to and resume from.
    progress
        Called with ``(done, total)``.
    count
        Greedy's budget unit, ``visited`` or ``expanded``.
    moves
        The move set.
    keep
        Achieved classes options-her keeps per search.
    library
        A file for options-her's library.
    paper
        The paper's counts, passed through.
    mine
        Options options-her mines.
    share_goals
        Options-her's cross-presentation learning.
    match_time
        Give options-her greedy's wall time per presentation.

    Returns
    -------
    BenchmarkResult
        One row per method.

    Raises
    ------
    InvalidInput
        For no or an unknown method, an empty family, a budget below 1 or a budget unit not known.

    Examples
    --------
    >>> from weightspace.search.ac.families import miller_schupp_benchmark
    >>> family = [(p, paper_cap(p)) for _, _, p in miller_schupp_benchmark(1, 3)]
    >>> [row["solved"] for row in run_benchmark(family, ["greedy", "options-her"], 1000).rows]
    [6, 6]
    """
    if not methods:
        raise InvalidInput(f"give at least one method: {', '.join(BENCHMARK_METHODS)}")
    if not items:
        raise InvalidInput("the benchmark family is empty")
    check_number(max_nodes, "--max-nodes", minimum=1, integer=True)
    check_number(mine, "--mine", minimum=0, integer=True)
    for method in methods:
        if method not in BENCHMARK_METHODS:
            raise InvalidInput(f"unknown method {method!r}: the benchmark runs {', '.join(BENCHMARK_METHODS)}")
    if count not in COUNTS:
        raise InvalidInput(f"unknown budget unit {count!r}: use {' or '.join(COUNTS)}")
    if match_time and "greedy" not in methods:
        raise InvalidInput("--match-time gives every method greedy's wall time: include greedy in --methods")
    if match_time:
        methods = ["greedy"] + [m for m in methods if m != "greedy"]
    log = JsonLinesCheckpoint(checkpoint)
    done = {row["key"]: row for row in log.rows() if "key" in row}
    total = len(items) * len(methods)
    rows = []
    greedy_seconds: list[float] | None = None
    with log.appender() as append:
        for number, method in enumerate(methods):
            base = number * len(items)

            def step(i: int, _n: int = 0) -> None:
                if progress:
                    progress(base + i, total)

            if method == "options-her":
                from .cyclic import option_name
                from .options_her import options_her
                timed = greedy_seconds if match_time and greedy_seconds else None
                learned = options_her(items, MAX_SEARCH_NODES if timed else max_nodes, keep=keep, done=done,
                                      record=append, progress=step, mine=mine, share_goals=share_goals,
                                      seconds=timed, moves=moves)
                results = [(r.solved, r.visited, r.seconds, len(r.path)) for r in learned.results]
                if library:
                    learned.library.save(library)
                extra = {"shares_goals": share_goals, "propagated": learned.propagated,
                         "goals": len(learned.library.goals),
                         "mined_options": [option_name(macro) for macro in learned.library.macros]}
            else:
                results, extra = [], {}
                timed = match_time and method != "greedy" and greedy_seconds is not None
                for i, (p, cap) in enumerate(items):
                    seconds = greedy_seconds[i] if timed else None
                    key = (f"{method}:{max_nodes}:{count}:{len(moves)}:{cap}:{p.r1},{p.r2}"
                           + (f":t{seconds:.4f}" if seconds is not None else ""))
                    if key not in done:
                        done[key] = _run(method, p, cap, MAX_SEARCH_NODES if timed else max_nodes, count, moves,
                                         seconds) | {"key": key}
                        append(done[key])
                    results.append((done[key]["solved"], done[key]["nodes"], done[key]["seconds"],
                                    len(done[key]["path"]) if done[key]["solved"] else 0))
                    step(i + 1)
                if method == "greedy":
                    greedy_seconds = [r[2] for r in results]
            unit = {"ppo": "environment steps", "cyclic": "classes visited", "options-her": "classes visited"}
            budget = (f"wall seconds, greedy's per presentation ({unit.get(method, f'presentations {count}')} "
                      f"counted)" if match_time and method != "greedy" else unit.get(method, f"presentations {count}"))
            paper_moves = list(moves) == list(PAPER_MOVES)
            used_moves = (("paper's 12" if paper_moves else f"all {len(moves)}") +
                          ((" (classes up to rotation)" if paper_moves else " (classes up to rotation and relator "
                            "inversion, ri^-1)") if method in ("cyclic", "options-her") else ""))
            rows.append({"method": method, "solved": sum(r[0] for r in results), "total": len(items),
                         "budget_unit": budget, "moves": used_moves, "nodes": sum(r[1] for r in results),
                         "elementary_moves": sum(r[3] for r in results if r[0]),
                         "seconds": round(sum(r[2] for r in results), 2), **extra})
    return BenchmarkResult(family, len(items), max_nodes, tuple(rows), paper)


def _run(method: str, p: Presentation, cap: int | None, max_nodes: int, count: str, moves,
         max_seconds: float | None = None) -> dict:
    start = time.perf_counter()
    if method == "ppo":
        if max_seconds is not None:
            raise InvalidInput("--match-time does not apply to ppo (its budget is environment steps)")
        from .ppo import ppo_solve
        result = ppo_solve(p, max_nodes, cap or 18, moves=moves)
        nodes = result.nodes_expanded
    elif method == "cyclic":
        from .cyclic import cyclic_solve
        result = cyclic_solve(p, max_nodes, cap, max_seconds=max_seconds, moves=moves)
        nodes = result.visited
    else:
        result = solve(p, method, max_nodes, cap, count=count, moves=moves, max_seconds=max_seconds)
        nodes = result.visited if count == "visited" else result.nodes_expanded
    return {"solved": result.solved, "nodes": nodes, "seconds": time.perf_counter() - start,
            "path": list(result.path)}
