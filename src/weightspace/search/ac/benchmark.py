"""Run search methods over a benchmark family with equal node budgets, with a checkpoint per presentation.

[`run_benchmark`][weightspace.search.ac.benchmark.run_benchmark] solves each presentation with each method under
the same ``max_nodes`` budget (node expansions for the searches, environment steps for PPO), replays every path it reports (through
[`solve`][weightspace.search.ac.search.solve]), and records per method how many were solved. With a checkpoint
file (JSON lines), finished ``(method, presentation)`` pairs are appended as they complete and skipped on a rerun, so an
interrupted run resumes without losing finished work.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable, Sequence

from ...errors import InvalidInput
from ...parallel import JsonLinesCheckpoint
from .moves import Presentation
from .search import METHODS, solve


@dataclass(frozen=True)
class BenchmarkResult:
    """Per method: the number solved, the total, the nodes expanded and the seconds spent."""

    family: str
    total: int
    max_nodes: int
    rows: tuple[dict, ...]

    def to_dict(self) -> dict:
        return {"family": self.family, "total": self.total, "max_nodes": self.max_nodes, "methods": list(self.rows)}


def run_benchmark(presentations: Sequence[Presentation], methods: Sequence[str], max_nodes: int, family: str = "",
                  checkpoint: str | None = None,
                  progress: Callable[[int, int], None] | None = None) -> BenchmarkResult:
    """Solve every presentation with every method (see the module docstring).

    Raises
    ------
    InvalidInput
        For an unknown method.

    Examples
    --------
    >>> from weightspace.search.ac.families import miller_schupp_benchmark
    >>> family = [p for _, _, p in miller_schupp_benchmark(1, 3)]
    >>> run_benchmark(family, ["greedy"], 1000).rows[0]["solved"]
    6
    """
    for method in methods:
        if method not in METHODS + ("ppo",):
            raise InvalidInput(f"unknown method {method!r}: the benchmark runs {', '.join(METHODS)} and ppo")
    log = JsonLinesCheckpoint(checkpoint)
    done = {row["key"]: row for row in log.rows() if "key" in row}
    total = len(presentations) * len(methods)
    rows = []
    with log.appender() as append:
        for method in methods:
            solved = nodes = 0
            seconds = 0.0
            for p in presentations:
                key = f"{method}:{max_nodes}:{p.r1},{p.r2}"
                if key not in done:
                    start = time.perf_counter()
                    if method == "ppo":
                        from .ppo import ppo_solve
                        result = ppo_solve(p, max_nodes)
                    else:
                        result = solve(p, method, max_nodes)
                    done[key] = {"key": key, "solved": result.solved, "nodes": result.nodes_expanded,
                                 "seconds": time.perf_counter() - start, "path": list(result.path)}
                    append(done[key])
                entry = done[key]
                solved += entry["solved"]
                nodes += entry["nodes"]
                seconds += entry["seconds"]
                if progress:
                    progress(sum(1 for k in done if k.split(":")[0] in methods), total)
            rows.append({"method": method, "solved": solved, "total": len(presentations), "nodes_expanded": nodes,
                         "seconds": round(seconds, 2)})
    return BenchmarkResult(family, len(presentations), max_nodes, tuple(rows))
