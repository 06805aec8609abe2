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
from .search import COUNTS, METHODS, solve

BENCHMARK_METHODS = METHODS + ("cyclic", "options-her", "ppo")
"""Every method the benchmark runs."""

PAPER_COUNTS = {"greedy": 533, "bfs": 278, "ppo": 431}
"""Presentations of the 1190 Miller–Schupp benchmark (``n, |w| <= 7``) solved in Shehper et al. 2024 (arXiv
2408.15332, sections 3 and 4): greedy search and BFS with 10^6 nodes each (distinct presentations generated, the
paper's twelve moves, relator length cap ``2 max(2n+3, 8) + 2``), and PPO. Cited from the paper's repository
shehper/AC-Solver (the files ``greedy_solved_presentations.txt`` and ``bfs_solved_presentations.txt`` and the PPO
notebook); literature values printed next to ours, never used in a computation."""

PAPER_BUDGET = 1_000_000
"""The node budget of the paper's searches."""


def paper_cap(presentation: Presentation, max_w_length: int = 7) -> int:
    """The paper's cap on relator length: ``2 max(|r1|, max_w_length + 1) + 2`` (for ``MS(n, w)``, ``|r1| = 2n+3``).

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
                  paper: dict | None = None, mine: int = 4) -> BenchmarkResult:
    """Solve every ``(presentation, cap)`` with every method (see the module docstring); ``library=FILE`` saves
    what options-her learned; ``mine=K`` lets options-her use the K options it mines from its solved searches;
    ``paper`` is passed through to the result.

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
    log = JsonLinesCheckpoint(checkpoint)
    done = {row["key"]: row for row in log.rows() if "key" in row}
    total = len(items) * len(methods)
    rows = []
    with log.appender() as append:
        for number, method in enumerate(methods):
            base = number * len(items)

            def step(i: int, _n: int = 0) -> None:
                if progress:
                    progress(base + i, total)

            if method == "options-her":
                from .cyclic import option_name
                from .options_her import options_her
                learned = options_her(items, max_nodes, keep=keep, done=done, record=append, progress=step,
                                      mine=mine)
                results = [(r.solved, r.visited, r.seconds) for r in learned.results]
                if library:
                    learned.library.save(library)
                extra = {"propagated": learned.propagated, "goals": len(learned.library.goals),
                         "mined_options": [option_name(macro) for macro in learned.library.macros]}
            else:
                results, extra = [], {}
                for i, (p, cap) in enumerate(items):
                    key = f"{method}:{max_nodes}:{count}:{len(moves)}:{cap}:{p.r1},{p.r2}"
                    if key not in done:
                        done[key] = _run(method, p, cap, max_nodes, count, moves) | {"key": key}
                        append(done[key])
                    results.append((done[key]["solved"], done[key]["nodes"], done[key]["seconds"]))
                    step(i + 1)
            unit = {"ppo": "environment steps", "cyclic": "classes visited", "options-her": "classes visited"}
            rows.append({"method": method, "solved": sum(r[0] for r in results), "total": len(items),
                         "budget_unit": unit.get(method, f"presentations {count}"),
                         "nodes": sum(r[1] for r in results), "seconds": round(sum(r[2] for r in results), 2),
                         **extra})
    return BenchmarkResult(family, len(items), max_nodes, tuple(rows), paper)


def _run(method: str, p: Presentation, cap: int | None, max_nodes: int, count: str, moves) -> dict:
    start = time.perf_counter()
    if method == "ppo":
        from .ppo import ppo_solve
        result = ppo_solve(p, max_nodes, cap or 18)
        nodes = result.nodes_expanded
    elif method == "cyclic":
        from .cyclic import cyclic_solve
        result = cyclic_solve(p, max_nodes, cap)
        nodes = result.visited
    else:
        result = solve(p, method, max_nodes, cap, count=count, moves=moves)
        nodes = result.visited if count == "visited" else result.nodes_expanded
    return {"solved": result.solved, "nodes": nodes, "seconds": time.perf_counter() - start,
            "path": list(result.path)}
