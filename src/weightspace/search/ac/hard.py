"""The hard cases: one method with a large budget over a set of presentations, checkpointed per presentation and
distributed over processes or a Dask cluster.

Sets (``--set``):

* ``ms-paper-unsolved``: the 657 Miller–Schupp presentations ``MS(n, w)`` (``n, |w| <= 7``) that the greedy
  search of Shehper et al. 2024 left unsolved at 10^6 nodes. The selection is the benchmark minus the paper's
  published list of solved presentations; its positions in
  [`miller_schupp_benchmark`][weightspace.search.ac.families.miller_schupp_benchmark] are stored in
  ``data/ms_paper_unsolved.txt``. It selects inputs; no result of the paper is used in a computation.
* ``ak3``: ``AK(3) = <x, y | x^3 y^-4, xyx y^-1 x^-1 y^-1>``, the open Akbulut–Kirby case.
* ``3gen``: the three-generator presentations of
  [`three_generator_family`][weightspace.search.ac.generators.three_generator_family] (greedy and bfs only).
* a file of presentations, one per line (``r1,r2``, or ``r1,r2,r3`` with ``--generators 3``).

Each presentation is one task. [`Executor`][weightspace.parallel.Executor] runs the tasks in local processes or
on a Dask cluster. Every finished task is appended to a JSON-lines checkpoint under a key of its full
configuration, so a rerun skips finished work, and a larger budget is a new key. Every solved path was replayed
inside the task. The report counts what was solved and, for the rest, how many nodes were explored and the
shortest total length reached. A search that stopped before its budget without a solution is *exhausted*: every
node reachable within the length cap was explored. So that method's moves cannot trivialise the presentation without
exceeding the cap (for the cyclic search: its options, with the cap applied before each cyclic reduction).

Examples
--------
>>> items = hard_items("3gen", 3)
>>> [name for name, _ in items][:2]
['ak2+z', 'ak2+zc']
"""

from __future__ import annotations

import time
from importlib import resources
from typing import Any, Callable

from ...errors import InvalidInput
from ...parallel import Executor, JsonLinesCheckpoint, config_key
from .search import check_budget

HARD_SETS = ("ms-paper-unsolved", "ak3", "3gen")
HARD_METHODS = ("greedy", "bfs", "cyclic", "options-her")


def paper_unsolved_positions() -> list[int]:
    """Positions of the paper's unsolved presentations in the benchmark (the package data file).

    Returns
    -------
    list of int
        657 positions.
    """
    text = resources.files("weightspace.search.ac").joinpath("data/ms_paper_unsolved.txt").read_text()
    return [int(v) for line in text.splitlines() if not line.startswith("#") for v in line.split()]


def hard_items(name: str, generators: int = 2) -> list[tuple[str, str]]:
    """``(label, relators)`` of a set (module docstring) or a file.

    Parameters
    ----------
    name
        ``ms-paper-unsolved``, ``ak3``, ``3gen`` or a path.
    generators
        2 or 3 (for a file).

    Returns
    -------
    list of tuple
        Labels and comma-separated relators.

    Raises
    ------
    InvalidInput
        For an unreadable file or a bad line.
    """
    from .families import akbulut_kirby, miller_schupp_benchmark, read_presentations
    from .generators import parse_general, three_generator_family
    if name == "ms-paper-unsolved":
        bench = miller_schupp_benchmark(7, 7)
        return [(f"MS({bench[i][0]}, #{i})", f"{bench[i][2].r1},{bench[i][2].r2}") for i in paper_unsolved_positions()]
    if name == "ak3":
        p = akbulut_kirby(3)
        return [("AK(3)", f"{p.r1},{p.r2}")]
    if name == "3gen":
        return [(label, ",".join(p.relators())) for label, p in three_generator_family().items()]
    if generators == 2:
        return [(f"line {i + 1}", f"{p.r1},{p.r2}") for i, p in enumerate(read_presentations(name))]
    try:
        with open(name, encoding="utf-8") as handle:
            lines = [line.split("#")[0].strip() for line in handle]
    except OSError as error:
        raise InvalidInput(f"cannot read {name}: {error.strerror}") from None
    return [(f"line {i + 1}", ",".join(parse_general(line, generators).relators()))
            for i, line in enumerate(lines) if line]


def _solve_one(relators: str, method: str, max_nodes: int, cap: int | None, moves: str | None,
               library: str | None) -> dict[str, Any]:
    """One task (top level, so that process pools and Dask can ship it)."""
    start = time.perf_counter()
    parts = relators.split(",")
    if len(parts) == 2:
        from .moves import Presentation
        from .solver import solve_with
        result = solve_with(Presentation.of(*parts), method, max_nodes, cap, moves=moves, library=library)
    else:
        from .generators import GeneralPresentation
        from .search import solve
        result = solve(GeneralPresentation(tuple(parts)), method, max_nodes, cap, count="visited")
    return {"solved": result.solved, "path": list(result.path), "visited": result.visited,
            "expanded": result.nodes_expanded, "shortest": sum(map(len, result.final)),
            "final": list(result.final), "seconds": time.perf_counter() - start}


def hard_run(items: list[tuple[str, str]], method: str = "cyclic", max_nodes: int = 1_000_000,
             cap: int | None = None, moves: str | None = "paper", library: str | None = None,
             executor: str = "local", workers: int | None = 1, scheduler: str | None = None,
             checkpoint: str | None = None, progress: Callable[[int, int], None] | None = None) -> dict[str, Any]:
    """Solve every item with ``method`` at ``max_nodes`` (module docstring).

    Parameters
    ----------
    items
        ``(label, relators)`` pairs.
    method
        ``greedy``, ``bfs``, ``cyclic`` or ``options-her`` (three generators: ``greedy`` or ``bfs``).
    max_nodes
        The budget per presentation, in the method's unit (presentations generated for greedy and bfs on three
        generators, expansions on two; classes for cyclic and options-her).
    cap
        Relator length cap; ``None`` for each presentation's paper cap (two generators) or none (three).
    moves
        ``paper`` or ``all`` (two generators).
    library
        An options-her library (read-only, so the tasks stay independent).
    executor
        ``local`` or ``dask`` ([`Executor`][weightspace.parallel.Executor]).
    workers
        Worker processes.
    scheduler
        A Dask scheduler address.
    checkpoint
        A JSON-lines file of finished tasks.
    progress
        Called with ``(done, total)``.

    Returns
    -------
    dict
        ``rows`` (one per presentation, in input order, each with ``exhausted``), ``solved``, ``exhausted``,
        ``total``, ``nodes`` and the settings.

    Raises
    ------
    InvalidInput
        For an unknown method, a budget out of range, or a method that does not take three generators.
    """
    if method not in HARD_METHODS:
        raise InvalidInput(f"unknown method {method!r}: use {', '.join(HARD_METHODS)}")
    check_budget(max_nodes)
    if any(len(r.split(",")) == 3 for _, r in items) and method not in ("greedy", "bfs"):
        raise InvalidInput("three-generator presentations are searched with greedy or bfs")
    from .benchmark import paper_cap
    from .moves import Presentation
    store = JsonLinesCheckpoint(checkpoint)
    done = store.keyed()
    tasks, keys, rows = [], [], [None] * len(items)
    for i, (label, relators) in enumerate(items):
        parts = relators.split(",")
        limit = cap if cap is not None or len(parts) != 2 else paper_cap(Presentation.of(*parts))
        key = config_key(relators=relators, method=method, max_nodes=max_nodes, cap=limit, moves=moves,
                         library=library)
        if key in done:
            rows[i] = {"label": label, "relators": relators, **{k: v for k, v in done[key].items() if k != "key"}}
        else:
            tasks.append((i, (relators, method, max_nodes, limit, moves, library)))
            keys.append(key)
    begin = time.perf_counter()
    finished = len(items) - len(tasks)
    pool = Executor(executor, workers, scheduler)
    try:
        with store.appender() as append:
            for j, result in pool.map_function(_solve_one, [arguments for _, arguments in tasks]):
                i = tasks[j][0]
                append({"key": keys[j], **result})
                rows[i] = {"label": items[i][0], "relators": items[i][1], **result}
                finished += 1
                if progress:
                    progress(finished, len(items))
    finally:
        pool.close()
    for r in rows:                   # the search stopped before its budget without a solution: nothing left to try
        r["exhausted"] = not r["solved"] and r["visited"] < max_nodes
    return {"method": method, "max_nodes": max_nodes, "moves": moves, "total": len(items),
            "solved": sum(r["solved"] for r in rows), "exhausted": sum(r["exhausted"] for r in rows),
            "nodes": sum(r["visited"] for r in rows),
            "seconds": time.perf_counter() - begin, "rows": rows}


__all__ = ["HARD_SETS", "HARD_METHODS", "paper_unsolved_positions", "hard_items", "hard_run"]
