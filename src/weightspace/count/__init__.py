"""Exact counts of realisable functions: chambers of the arrangements built by the architectures.

Each count names the method that produced it. Methods are independent routes to the same number:
``charpoly`` (Zaslavsky's theorem on the intersection lattice), ``enumeration`` (chambers with exact interior
points, :mod:`weightspace.arrangement.chambers`), ``lp`` (brute force: one certified LP per candidate function) and
``product`` (free Hopfield weights: the per-unit count to the power ``n``) and ``classes`` (threshold functions on
``{0,1}^n``: one representative per class under permuting and negating inputs, with orbit sizes; see
:mod:`weightspace.count.threshold_classes`). ``auto`` picks ``classes`` on ``{0,1}^n`` and ``enumeration``
elsewhere.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from itertools import product
from typing import Any, Callable

from ..arch.hopfield import HopfieldNetwork
from ..arch.threshold import realize_threshold
from ..arrangement import Arrangement, characteristic_polynomial, check_size, count_chambers, region_counts
from ..domain import Domain, cube01
from ..errors import InvalidInput, TooLarge

METHODS = ("auto", "classes", "enumeration", "charpoly", "lp")
LP_LIMIT = 2 ** 16


@dataclass(frozen=True)
class CountResult:
    """An exact count with the method that produced it and the wall-clock seconds it took."""

    count: int
    method: str
    seconds: float
    details: dict[str, Any] = field(default_factory=dict)


def count_arrangement_chambers(A: Arrangement, method: str = "enumeration",
                               progress: Callable[[int, int], None] | None = None) -> CountResult:
    """Chambers of ``A`` by ``enumeration`` or ``charpoly`` (both exact, independent)."""
    start = time.perf_counter()
    if method in ("auto", "enumeration"):
        check_size(A, "chamber enumeration")
        count, used = count_chambers(A, progress), "enumeration"
    elif method == "charpoly":
        check_size(A, "the intersection lattice")
        lattice_progress = (lambda flats: progress(flats, 0)) if progress else None
        count = region_counts(A, characteristic_polynomial(A, progress=lattice_progress)).chambers
        used = "charpoly"
    else:
        raise InvalidInput(f"unknown method {method!r} for an arrangement: use enumeration or charpoly")
    return CountResult(count, used, time.perf_counter() - start)


def count_threshold(domain: Domain, method: str = "auto",
                    progress: Callable[[int, int], None] | None = None, **executor: Any) -> CountResult:
    """Number of threshold functions on a domain (``T(n)`` on ``{0,1}^n``, OEIS A000609).

    ``executor`` options (``executor``, ``workers``, ``scheduler``, ``checkpoint``) apply to ``classes``.

    >>> count_threshold(cube01(3)).count
    104
    """
    from .. import library
    if method not in METHODS:
        raise InvalidInput(f"unknown method {method!r}: use one of {', '.join(METHODS)}")
    if method == "auto":
        method = "classes" if domain.name == "cube01" else "enumeration"
    if method == "classes":
        if domain.name != "cube01":
            raise InvalidInput("the classes method counts threshold functions on {0,1}^n (--domain cube01)")
        from .threshold_classes import count_threshold_classes
        class_progress = (lambda layer, half, message: progress(layer, half)) if progress else None
        result = count_threshold_classes(domain.dimension, progress=class_progress, **executor)
        if result.functions == 0:
            raise InvalidInput("the run stopped before the last layer; no count to report")
        return CountResult(result.functions, "np-classes", result.seconds,
                           {"classes": {"np": result.np_classes, "npn": result.npn_classes},
                            "lp_calls": result.lp_calls, "layers": len(result.layers) - 1,
                            "resumed_from_layer": result.resumed_layers, "executor": result.executor})
    if method == "lp":
        start = time.perf_counter()
        total = 2 ** len(domain)
        if total > LP_LIMIT:
            raise TooLarge("brute force over all truth tables is limited to 4 inputs", f"{total} LPs")
        count = 0
        for k, table in enumerate(product((0, 1), repeat=len(domain))):
            count += realize_threshold(table, domain).realizable
            if progress is not None and k % 256 == 0:
                progress(k, total)
        return CountResult(count, "lp", time.perf_counter() - start)
    return count_arrangement_chambers(library.threshold(domain=domain), method, progress)


def count_hopfield(n: int, weights: str = "free", method: str = "auto",
                   progress: Callable[[int, int], None] | None = None) -> CountResult:
    """Number of maps ``{0,1}^n -> {0,1}^n`` realised by one synchronous Hopfield step under a weight constraint.

    Free weights: the arrangement is a product, so the count is ``T(n)^n`` (method ``product``; ``enumeration`` or
    ``charpoly`` on the full product arrangement are available for small ``n`` as independent checks). With
    constraints the count is the number of chambers of the coupled arrangement in the constrained space.

    >>> count_hopfield(2).count, count_hopfield(2, "symmetric").count
    (196, 146)
    """
    network = HopfieldNetwork(n, weights)
    if method not in METHODS or method == "lp":
        raise InvalidInput(f"unknown method {method!r} for Hopfield counts: use auto, enumeration or charpoly")
    if weights in ("free", "zero-diagonal") and method == "auto":
        # the units decouple: unit i is a threshold unit of all n inputs (free) or of the other n - 1 (W_ii = 0)
        start = time.perf_counter()
        unit = count_threshold(cube01(n if weights == "free" else n - 1), "auto", progress, workers=1) if \
            (weights == "free" or n > 1) else CountResult(2, "direct", 0.0)
        return CountResult(unit.count ** n, "product", time.perf_counter() - start,
                           {"per_unit": unit.count, "per_unit_method": unit.method})
    if method == "auto":
        from ..arrangement.symmetric import hopfield_group, symmetric_characteristic_polynomial
        start = time.perf_counter()
        A = network.arrangement()
        chi, stats = symmetric_characteristic_polynomial(A, hopfield_group(network))
        return CountResult(region_counts(A, chi).chambers, "symmetric-charpoly", time.perf_counter() - start,
                           {"orbits": stats["orbits"], "group_order": stats["group_order"]})
    return count_arrangement_chambers(network.arrangement(), method, progress)
