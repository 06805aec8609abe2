"""Exact counts of threshold functions on a domain: chambers of the threshold arrangement, by four routes.

Each count names the method that produced it. Methods are independent routes to the same number: ``charpoly``
(Zaslavsky's theorem on the intersection lattice), ``orbits`` (Zaslavsky's theorem on one flat per orbit of the
cube's symmetries, [`symmetric_characteristic_polynomial()`][weightspace.arrangement.symmetric.symmetric_characteristic_polynomial];
the fastest exact route on a cube from 7 inputs on), ``enumeration`` (chambers with exact interior points,
[`weightspace.arrangement.chambers`][weightspace.arrangement.chambers]), ``lp`` (brute force: one certified LP per
candidate function) and ``classes`` (threshold functions on ``{0,1}^n``: one representative per class under permuting
and negating inputs, with orbit sizes; see [`weightspace.arch.threshold.classes`][weightspace.arch.threshold.classes]).
``auto`` picks ``classes`` on ``{0,1}^n`` and ``enumeration`` elsewhere.

Before a class enumeration starts its cost is estimated from measurements on this kind of machine
([`CLASS_CORE_SECONDS`][weightspace.arch.threshold.counting.CLASS_CORE_SECONDS], from ``BENCHMARKS.md``) and checked
against the [`Budget`][weightspace.budget.Budget].
"""

from __future__ import annotations

import os
import time
from dataclasses import replace
from itertools import product
from typing import Any, Callable

from ...arrangement.counting import CountResult, count_arrangement_chambers
from ...budget import DEFAULT_BUDGET, Budget
from ...domain import Domain
from ...errors import InvalidInput, TooLarge
from .class_count import MAX_INPUTS, count_threshold_classes
from ...arrangement.lattice import region_counts
from ...arrangement.symmetric import symmetric_characteristic_polynomial
from ...paths import checkpoint_file
from .unit import ThresholdUnit, realize_threshold, threshold_arrangement

METHODS = ("auto", "classes", "orbits", "enumeration", "charpoly", "lp")
# measured core-seconds of the class enumeration (BENCHMARKS.md: T(7) 8.8 s and T(8) 12.3 min on 2 cores, re-timed
# at 596 s; T(9) extrapolated from measured shard costs to about 260 core-hours); a cost estimate, never a result
CLASS_CORE_SECONDS = {7: 18.0, 8: 1_480.0, 9: 260 * 3600.0}
"""Measured core-seconds of the class enumeration by ``n`` (``BENCHMARKS.md``; ``n = 9`` extrapolated)."""


def estimated_class_hours(n: int, workers: int | None = None) -> float:
    """Estimated wall-clock hours of the class enumeration of ``n`` inputs on ``workers`` local cores.

    Parameters
    ----------
    n
        Number of inputs.
    workers
        Local worker processes; default the machine's cores.

    Returns
    -------
    float
        Hours, from the measured core-seconds in
        [`CLASS_CORE_SECONDS`][weightspace.arch.threshold.counting.CLASS_CORE_SECONDS] (one core-second per unknown n).

    Examples
    --------
    >>> round(estimated_class_hours(9, workers=2))
    130
    """
    cores = max(1, workers or os.cpu_count() or 1)
    return CLASS_CORE_SECONDS.get(n, 1.0) / cores / 3600


def count_threshold(domain: Domain, method: str = "auto", progress: Callable[[int, int], None] | None = None,
                    budget: Budget = DEFAULT_BUDGET, **executor: Any) -> CountResult:
    """Number of threshold functions on a domain (``T(n)`` on ``{0,1}^n``, OEIS A000609).

    ``executor`` options (``executor``, ``workers``, ``scheduler``, ``checkpoint``) apply to ``classes`` and
    ``orbits`` (there: each rank sharded over the workers, and one checkpoint file saved after each rank).

    Parameters
    ----------
    domain
        The finite point set (``{0,1}^n``, ``{-1,1}^n`` or a rational point set).
    method
        ``auto``, ``classes``, ``orbits``, ``enumeration``, ``charpoly`` or ``lp``.
    progress
        Called with ``(done, total)`` as the work goes on.
    budget
        Size and time limits checked before the work starts.
    **executor
        ``executor``, ``workers``, ``scheduler``, ``checkpoint`` (see above).

    Returns
    -------
    CountResult
        The count, the method that produced it, its seconds and route-specific details.

    Raises
    ------
    InvalidInput
        For an unknown ``method``, or the ``classes`` method on a domain other than ``{0,1}^n``.
    TooLarge
        When the estimated cost is beyond the budget (class enumeration: hours from the measured costs; ``lp``: more
        than 4 inputs; enumeration: more chambers than ``budget.max_chambers``).

    Notes
    -----
    ``classes`` (the default on ``{0,1}^n``) enumerates NP classes by flipping one input point at a time, one
    certified LP per step: T(8) in about 10 minutes on 2 cores (596 s measured). ``orbits`` computes ``chi`` from
    one flat per orbit of the cube group (nauty keys): T(7) in about 3 s and T(8) in about 3 minutes on one core
    (``benchmarks/count_threshold.py``). ``enumeration`` lists every chamber (n <= 5), ``charpoly`` uses Zaslavsky
    on the whole lattice, ``lp`` decides every truth table (n <= 4).

    Examples
    --------
    >>> from weightspace.domain import cube01
    >>> count_threshold(cube01(3)).count
    104
    """
    result = _count(domain, method, progress, budget, **executor)
    subject = {"inputs": domain.dimension, "domain": domain.name, "points": len(domain)}
    return replace(result, subject=subject,
                   noun=f"threshold functions on {domain.name} (n = {domain.dimension})")


def _count(domain: Domain, method: str, progress, budget: Budget, **executor: Any) -> CountResult:
    if method not in METHODS:
        raise InvalidInput(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    if method == "auto":
        method = "classes" if domain.name == "cube01" else "enumeration"
    if method == "classes":
        if domain.name != "cube01":
            raise InvalidInput("the classes method counts threshold functions on {0,1}^n (--domain cube01)")
        n = domain.dimension
        if n > MAX_INPUTS:
            raise TooLarge(f"class enumeration is supported up to n = {MAX_INPUTS}", "more than 1e12 classes")
        scheduler = executor.get("scheduler") or budget.scheduler
        local = executor.get("executor", "local") == "local"
        budget.with_(scheduler=scheduler).check_hours(
            estimated_class_hours(n, executor.get("workers") if local else None),
            f"T({n}) by class enumeration")
        result = count_threshold_classes(n, progress=progress, **executor)
        if result.functions == 0:
            raise InvalidInput("the run stopped before the last layer; no count to report")
        return CountResult(result.functions, "np-classes", result.seconds,
                           {"classes": {"np": result.np_classes, "npn": result.npn_classes},
                            "lp_calls": result.lp_calls, "layers": len(result.layers) - 1,
                            "resumed_from_layer": result.resumed_layers, "executor": result.executor})
    if method == "orbits":
        return _count_by_orbits(domain, progress, budget, **executor)
    if method == "lp":
        start = time.perf_counter()
        total = 2 ** len(domain)
        if total > budget.max_lp_calls:
            raise TooLarge("brute force over all truth tables is limited to 4 inputs", f"{total} LPs")
        count = 0
        for k, table in enumerate(product((0, 1), repeat=len(domain))):
            count += realize_threshold(table, domain).realizable
            if progress is not None and k % 256 == 0:
                progress(k, total)
        return CountResult(count, "lp", time.perf_counter() - start)
    return count_arrangement_chambers(threshold_arrangement(domain=domain), method, progress, budget)


def _count_by_orbits(domain: Domain, progress, budget: Budget, checkpoint: str | None = None,
                     executor: str = "local", workers: int | None = None, scheduler: str | None = None) -> CountResult:
    """Chambers = ``|chi(-1)|`` with ``chi`` from one flat per orbit of the cube group (checkpointed per rank);
    each rank sharded over ``workers`` processes or a Dask cluster when asked (``--workers K``, ``--executor``)."""
    if domain.name not in ("cube01", "cubepm1"):
        raise InvalidInput("the orbits method uses the symmetries of the cube (--domain cube01 or cubepm1)")
    A = threshold_arrangement(domain=domain)
    group = ThresholdUnit(domain).symmetry_group(budget)
    path = checkpoint_file(checkpoint, f"charpoly-orbits-{domain.name}-{domain.dimension}.json") if checkpoint else None
    if executor == "dask" or (workers or 1) > 1:
        from ...arrangement.graph_symmetry import GraphSymmetry
        from ...arrangement.orbit_shards import sharded_characteristic_polynomial
        if not isinstance(group, GraphSymmetry):          # below 6 inputs the unit enumerates the group instead
            group = GraphSymmetry.cube(domain.dimension)
        chi, stats = sharded_characteristic_polynomial(A, group, executor, workers, scheduler, path, progress)
    else:
        chi, stats = symmetric_characteristic_polynomial(A, group, progress, path)
    chambers = region_counts(A, chi).chambers
    return CountResult(chambers, "flat-orbits", stats["seconds"],
                       {"orbits": stats["orbits"], "flats": stats["flats"], "group_order": stats["group_order"],
                        "characteristic_polynomial": list(chi.coefficients)})


__all__ = ["METHODS", "CountResult", "count_threshold", "estimated_class_hours", "CLASS_CORE_SECONDS"]
