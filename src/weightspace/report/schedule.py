"""Running the atlas's sections: one after another in this process, or concurrently in worker processes.

The sections of the atlas are independent: each reads and writes its own entries of the catalog
([`weightspace.catalog`][weightspace.catalog]) and returns the data its part of the report shows. With ``workers >=
2`` they run on the local executor of [`weightspace.parallel`][weightspace.parallel] (spawned processes, each
opening the catalog itself; SQLite serialises the writes), longest first (the schedule that keeps both cores busy); the figures and the HTML page are drawn in this
process once every section is back. Each section is marked finished in the catalog as soon as it returns, so an
interrupted run resumes as before.

[`estimate_seconds`][weightspace.report.schedule.estimate_seconds] predicts the wall time from the seconds each
section took in a fresh run (``SECTION_SECONDS``), scheduled the same way.

Examples
--------
>>> jobs = [Job("a", "a", "m", "f"), Job("b", "b", "m", "f"), Job("c", "c", "m", "f")]
>>> estimate_seconds(jobs, 2, {"a": 10.0, "b": 6.0, "c": 5.0})
11.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

SECTION_SECONDS = {"threshold": 2.1, "hopfield": 45.8, "claims": 10.6, "learning": 37.6, "relu": 3.6, "compare": 1.8,
                   "memory": 10.5, "algebraic": 6.6, "beyond": 13.0, "experiments": 26.8}
"""Seconds each section took in a fresh atlas on a quiet 2-core machine (BENCHMARKS.md, issue 41); figures and the
HTML page add about 5 s."""

FIGURE_SECONDS = 5.0


@dataclass(frozen=True)
class Job:
    """One section to compute: ``function(catalog=..., recompute=..., tick=..., **arguments)`` of ``module``, its data
    stored under ``key`` of the report (``"hopfield"``), the catalog section ``section`` marked when it returns."""

    section: str
    key: str
    module: str
    function: str
    arguments: dict[str, Any] = field(default_factory=dict)


def estimate_seconds(jobs: Iterable[Job], workers: int, seconds: Mapping[str, float] = SECTION_SECONDS,
                     finished: Iterable[str] = ()) -> float:
    """The wall time of the longest-first schedule of ``jobs`` on ``workers`` processes, from the per-section
    ``seconds`` (sections in ``finished`` are read back from the catalog: about free).

    Parameters
    ----------
    jobs
        The sections to run.
    workers
        Processes running them at once.
    seconds
        Measured seconds per section (a section not listed counts 1 s).
    finished
        Sections already in the catalog.

    Returns
    -------
    float
        The predicted wall time in seconds (the largest load of the schedule).
    """
    done = set(finished)
    loads = [0.0] * max(1, workers)
    for cost in sorted((0.0 if job.section in done else seconds.get(job.section, 1.0) for job in jobs), reverse=True):
        loads[loads.index(min(loads))] += cost
    return max(loads)


def _call(directory: str, job: Job, recompute: bool, tick: Callable[[str], None] | None = None) -> Any:
    from ..catalog import Catalog
    catalog = Catalog(Path(directory) / "catalog.sqlite")
    function = getattr(import_module(job.module), job.function)
    result = function(catalog=catalog, recompute=recompute, tick=tick or (lambda message: None), **job.arguments)
    catalog.mark_section(job.section)
    return result


def run_jobs(directory: Path, jobs: list[Job], recompute: bool, workers: int = 1,
             progress: Callable[[str, int, int], None] | None = None) -> dict[str, Any]:
    """Compute every job and return ``{key: data}``; ``workers = 1`` runs them in order in this process, more runs
    them concurrently (longest first). ``progress(message, done, total)`` names the sections still running. An
    interruption stops the workers; the sections already returned stay finished in the catalog.

    Parameters
    ----------
    directory
        The atlas directory (its ``catalog.sqlite`` is opened by each job).
    jobs
        The sections to compute.
    recompute
        Recompute results already stored in the catalog.
    workers
        1: in order, in this process; more: that many worker processes.
    progress
        Called with a message, the number of sections done and their total.

    Returns
    -------
    dict[str, Any]
        The data of each job under its ``key``.
    """
    total = len(jobs)
    out: dict[str, Any] = {}
    if workers <= 1:
        for done, job in enumerate(jobs):
            tick = (lambda message, _j=job, _d=done: progress(f"{_j.section}: {message}", _d, total)) if progress \
                else None
            out[job.key] = _call(str(directory), job, recompute, tick)
        return out
    from ..parallel import Executor
    order = sorted(jobs, key=lambda job: -SECTION_SECONDS.get(job.section, 1.0))
    pool = Executor("local", workers, None)      # spawned workers that die with this process; closed on any exit
    try:
        waiting = [job.section for job in order]
        for index, result in pool.map_function(_call, [(str(directory), job, recompute) for job in order]):
            out[order[index].key] = result
            waiting.remove(order[index].section)
            if progress:
                progress(f"{order[index].section} done; waiting for {', '.join(waiting) or 'nothing'}", len(out),
                         total)
    finally:
        pool.close()
    return out


__all__ = ["SECTION_SECONDS", "Job", "estimate_seconds", "run_jobs"]
