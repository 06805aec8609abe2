"""How likely is each function? The measure of ``Par_f`` under a standard initialisation law on parameter space.

For an arrangement-type architecture (a threshold unit, a one-step Hopfield network, a polynomial threshold unit) or
any arrangement spec, ``Par_f`` is a chamber, so ``P(f) = P(Theta in chamber)``. The laws are on the coordinates
in which the spec's arrangement is written (for a constrained Hopfield network: the free coordinates of ``L``, each
weight ``W_ij = W_ji`` one standard coordinate):

* ``gaussian``: independent standard normal coordinates; ``uniform-sphere``: uniform on the unit sphere. Both are
  rotation invariant, so for a linear arrangement ``P(f)`` is the chamber's solid angle, the same under both. It is
  computed with a certified error bound up to rank 5
  ([`weightspace.arrangement.solid_angle`][weightspace.arrangement.solid_angle]: closed forms up to rank 3,
  Girard's theorem in rank 3, a rigorous one-dimensional integral in ranks 4 and 5).
* ``uniform-cube``: uniform on ``[-1, 1]^d``; ``P(f) = vol(chamber cap cube) / 2^d`` is an exact rational, from a
  pulling triangulation ([`weightspace.arrangement.polytope`][weightspace.arrangement.polytope]).

Both exact routes compute one chamber per orbit of the signed coordinate permutations that permute the hyperplanes
(they preserve all three laws), and split the arrangement into coordinate-disjoint factors (a product law gives
product probabilities: free Hopfield weights give one threshold factor per unit). Everything else (rank above 5, an
affine arrangement, or ``samples`` given) is Monte Carlo: ``P(f)`` estimated by the fraction of samples, with
standard error ``sqrt(p (1 - p) / N)``, each sampled function evaluated exactly at the sampled (binary rational)
point. The entropy is ``H = -sum p log2 p`` (for samples: the plug-in estimate, biased low).

Examples
--------
>>> from weightspace.specs import resolve
>>> result = measure(resolve("threshold:2"))
>>> [(row.function, round(row.probability, 4)) for row in result.functions[:3]]
[('0000', 0.277), ('1111', 0.277), ('0011', 0.0479)]
>>> round(result.entropy_bits, 4), result.method
(3.1094, 'solid-angle')
"""

from __future__ import annotations

import heapq
import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Callable, Sequence

import flint
import numpy as np

from ..arrangement import Arrangement, chamber_complex, check_size
from ..arrangement.coordinate_symmetry import chamber_orbits, coordinate_factors, factor_coordinates, \
    signed_permutations
from ..arrangement.polytope import box_cell, cell_volume, cut
from ..arrangement.solid_angle import MAX_EXACT_RANK, chamber_solid_angles
from ..balls import contains
from ..budget import DEFAULT_BUDGET, Budget
from ..errors import CertificationError, InvalidInput, TooLarge
from ..validation import check_number

LAWS = ("gaussian", "uniform-sphere", "uniform-cube")
MAX_SAMPLES = 10_000_000


@dataclass(frozen=True)
class FunctionProbability:
    """One function with its probability: ``error`` is a certified bound on ``|probability - P(f)|`` (solid angles),
    ``exact`` the exact rational (cube), ``stderr`` the standard error (samples)."""

    function: Any
    probability: float
    method: str
    error: float | None = None
    stderr: float | None = None
    exact: Fraction | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"function": self.function, "probability": self.probability, "stderr": self.stderr,
               "method": self.method, "error_bound": self.error}
        if self.exact is not None:
            out["exact"] = f"{self.exact.numerator}/{self.exact.denominator}"
        return out


@dataclass
class MeasureResult:
    """The measure of every function (most likely first), the entropy and how they were computed."""

    spec: str
    law: str
    method: str
    functions: list[FunctionProbability]
    functions_total: int
    entropy_bits: float
    seconds: float
    entropy_error: float | None = None
    samples: int | None = None
    total_check: str | None = None
    orbits: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"spec": self.spec, "law": self.law, "method": self.method,
                "functions": [row.to_dict() for row in self.functions], "functions_total": self.functions_total,
                "entropy_bits": self.entropy_bits, "entropy_error_bound": self.entropy_error,
                "samples": self.samples, "total_check": self.total_check, "orbits": self.orbits,
                "seconds": round(self.seconds, 3), **self.extra}

    def lines(self) -> list[str]:
        head = (f"{self.spec} under the {self.law} law: {self.functions_total} functions, entropy "
                f"{self.entropy_bits:.4f} bits ({self.method}" +
                (f", {self.samples} samples" if self.samples else "") + ")")
        out = [head]
        for row in self.functions:
            spread = (f" ± {row.stderr:.2g} (s.e.)" if row.stderr is not None else
                      f" (exact {row.exact})" if row.exact is not None else
                      f" ± {row.error:.1g} (certified)" if row.error is not None else "")
            out.append(f"  {_text(row.function)}  {row.probability:.6f}{spread}")
        if len(self.functions) < self.functions_total:
            out.append(f"  ... {self.functions_total - len(self.functions)} more (use --top)")
        if self.total_check:
            out.append(f"check: {self.total_check}")
        return out


def _text(function: Any) -> str:
    return ",".join(map(str, function)) if isinstance(function, list) else str(function)


# ------------------------------------------------------------------------------------------------ labels
def _labeller(obj: Any, A: Arrangement) -> Callable[[Sequence], Any]:
    """The function computed at a parameter point (exact), in the JSON form every command uses."""
    if callable(getattr(obj, "evaluate", None)) and hasattr(obj, "parameter_space"):
        def label(point: Sequence) -> Any:
            values = obj.function_dict(tuple(obj.evaluate(obj.parameter_space.embed(point))))
            return values.get("table", values.get("map"))
        return label

    def signs(point: Sequence) -> str:
        out = []
        for a, c in zip(A.normals, A.offsets):
            value = sum(Fraction(x) * y for x, y in zip(point, a)) - c
            out.append("+" if value > 0 else "-" if value < 0 else "0")
        return "".join(out)
    return signs


# ------------------------------------------------------------------------------------------------ exact routes
@dataclass
class _Factor:
    coordinates: list[int]
    witnesses: list[tuple]
    values: list[Any]            # flint.arb (solid angle) or Fraction (cube)
    orbits: int


def _cube_volume(A: Arrangement, complex_, c: int) -> Fraction:
    d = A.dimension
    cell = box_cell([-1] * d, [1] * d)
    signs = complex_.chamber(c).signs
    for k, i in enumerate(complex_.facets(c)):
        h = tuple(signs[i] * x for x in A.normals[i]) + (0,)
        cell = cut(cell, h, 2 * d + k)[0]
    return cell_volume(cell) / 2 ** d


def _exact_factor(A: Arrangement, hyperplanes: list[int], law: str, progress) -> _Factor:
    coordinates = factor_coordinates(A, hyperplanes)
    sub = Arrangement(tuple(tuple(A.normals[i][j] for j in coordinates) for i in hyperplanes),
                      (0,) * len(hyperplanes), len(coordinates))
    complex_ = chamber_complex(sub)
    orbit = chamber_orbits(complex_, signed_permutations(sub))
    representatives = sorted(set(orbit))
    if law == "uniform-cube":
        values = {c: _cube_volume(sub, complex_, c) for c in representatives}
    else:
        angles = chamber_solid_angles(sub, complex_, representatives, progress)
        values = dict(zip(representatives, angles))
    return _Factor(coordinates, [complex_.points[c] for c in range(len(complex_))],
                   [values[orbit[c]] for c in range(len(complex_))], len(representatives))


def _can_be_exact(A: Arrangement, law: str, factors: list[list[int]]) -> bool:
    if not A.is_linear:
        return False
    if law == "uniform-cube":
        return all(len(factor_coordinates(A, f)) <= MAX_EXACT_RANK for f in factors)
    return all(Arrangement.from_rational([A.normals[i] for i in f]).rank <= MAX_EXACT_RANK for f in factors)


def _as_float(value: Any) -> float:
    return float(value) if isinstance(value, Fraction) else float(value.mid())


def _best(factors: list[_Factor], top: int):
    """The ``top`` most likely chambers of the product, best first (best-first search over index tuples)."""
    orders = [sorted(range(len(f.values)), key=lambda k, f=f: (-_as_float(f.values[k]), k)) for f in factors]

    def weight(index: tuple[int, ...]) -> float:
        return math.prod(_as_float(f.values[o[i]]) for f, o, i in zip(factors, orders, index))
    start = (0,) * len(factors)
    heap, seen, out = [(-weight(start), start)], {start}, []
    while heap and len(out) < top:
        _, index = heapq.heappop(heap)
        out.append(tuple(o[i] for o, i in zip(orders, index)))
        for j in range(len(index)):
            if index[j] + 1 < len(orders[j]):
                nxt = index[:j] + (index[j] + 1,) + index[j + 1:]
                if nxt not in seen:
                    seen.add(nxt)
                    heapq.heappush(heap, (-weight(nxt), nxt))
    return out


def _exact(obj: Any, A: Arrangement, factor_hyperplanes: list[list[int]], law: str, top: int | None, budget: Budget,
           progress) -> MeasureResult:
    factors = [_exact_factor(A, f, law, progress) for f in factor_hyperplanes]
    total = math.prod(len(f.values) for f in factors)
    listed = total if top is None else min(top, total)
    if listed > budget.max_listed_chambers:
        raise TooLarge(f"{total} functions to list; pass --top K", f"{total} functions")
    label = _labeller(obj, A)
    rows = []
    for choice in _best(factors, listed):
        point = [0] * A.dimension
        value: Any = 1
        for f, c in zip(factors, choice):
            for j, x in zip(f.coordinates, f.witnesses[c]):
                point[j] = x
            value = value * f.values[c]
        cube = law == "uniform-cube"
        rows.append(FunctionProbability(label(point), _as_float(value), "exact-volume" if cube else "solid-angle",
                                        0.0 if cube else float(value.rad()), exact=value if cube else None))
    rows.sort(key=lambda row: (-round(row.probability, 12), _text(row.function)))
    if law == "uniform-cube":
        sums = [sum(f.values, Fraction(0)) for f in factors]
        entropy = sum(-sum(float(v) * math.log2(v) for v in f.values if v) for f in factors)
        check = f"the probabilities sum to exactly {math.prod(sums)}"
        if math.prod(sums) != 1:
            raise CertificationError(f"the cube volumes sum to {math.prod(sums)}, not 1")
        error = None
    else:
        sums = [sum(f.values, flint.arb(0)) for f in factors]
        product = math.prod(sums)
        entropy_ball = sum(-sum(v * v.log() for v in f.values) for f in factors) / flint.arb(2).log()
        entropy, error = float(entropy_ball.mid()), float(entropy_ball.rad())
        check = f"the certified balls sum to {product.str(12, radius=True)}, which contains 1: {contains(product, 1)}"
    orbits = sum(f.orbits for f in factors)
    return MeasureResult(obj.spec, law, "exact-volume" if law == "uniform-cube" else "solid-angle", rows, total,
                         entropy, 0.0, error, None, check, orbits, {"factors": len(factors)})


# ------------------------------------------------------------------------------------------------ sampling
def sample_law(law: str, samples: int, dimension: int, seed: int = 0) -> np.ndarray:
    """``samples`` points of ``Q^dimension`` from the law (float64, each an exact binary rational).

    Parameters
    ----------
    law
        ``gaussian``, ``uniform-sphere`` or ``uniform-cube``.
    samples
        How many.
    dimension
        The dimension.
    seed
        The seed of numpy's generator.

    Returns
    -------
    numpy.ndarray
        An array of shape ``(samples, dimension)``.
    """
    rng = np.random.default_rng(seed)
    if law == "uniform-cube":
        return rng.uniform(-1.0, 1.0, size=(samples, dimension))
    points = rng.standard_normal(size=(samples, dimension))
    if law == "uniform-sphere":
        points /= np.linalg.norm(points, axis=1, keepdims=True)
    return points


def _monte_carlo(obj: Any, A: Arrangement, law: str, samples: int, seed: int, top: int | None,
                 progress) -> MeasureResult:
    label = _labeller(obj, A)
    N = np.array(A.normals, dtype=np.float64)
    offsets = np.array(A.offsets, dtype=np.float64)
    counts: dict[bytes, list] = {}
    chunk = max(1, min(100_000, 10_000_000 // max(1, len(A) + A.dimension)))   # at most ~80 MB of floats per chunk
    for start in range(0, samples, chunk):
        points = sample_law(law, min(chunk, samples - start), A.dimension, seed + start)
        values = points @ N.T - offsets
        scale = np.abs(points) @ np.abs(N).T + np.abs(offsets)
        near = np.abs(values) <= 1e-9 * scale           # float may misjudge the sign: decide those exactly
        for s, i in zip(*np.nonzero(near)):
            exact = sum(Fraction(float(p)) * a for p, a in zip(points[s], A.normals[i])) - A.offsets[i]
            values[s, i] = 0.0 if exact == 0 else (1.0 if exact > 0 else -1.0)
        keys = np.sign(values).astype(np.int8)
        for s, key in enumerate(keys):
            k = key.tobytes()
            entry = counts.get(k)
            if entry is None:
                counts[k] = [1, points[s]]
            else:
                entry[0] += 1
        if progress is not None:
            progress(min(start + chunk, samples), samples)
    by_function: dict[Any, int] = {}
    for count, point in counts.values():
        f = label([Fraction(float(x)) for x in point])
        key = tuple(f) if isinstance(f, list) else f
        by_function[key] = by_function.get(key, 0) + count
    ordered = sorted(by_function.items(), key=lambda item: (-item[1], _text(item[0])))
    rows = []
    for f, count in ordered[:top] if top is not None else ordered:
        p = count / samples
        rows.append(FunctionProbability(list(f) if isinstance(f, tuple) else f, p, "monte-carlo",
                                        stderr=math.sqrt(p * (1 - p) / samples)))
    entropy = -sum(c / samples * math.log2(c / samples) for _, c in ordered)
    return MeasureResult(obj.spec, law, "monte-carlo", rows, len(ordered), entropy, 0.0, None, samples,
                         f"{len(ordered)} functions seen in {samples} samples (each evaluated exactly)")


# ------------------------------------------------------------------------------------------------ the entry point
def measure(obj: Any, law: str = "gaussian", samples: int | None = None, seed: int = 0, top: int | None = None,
            progress=None, budget: Budget | None = None) -> MeasureResult:
    """The probability of every function of ``obj`` under ``law`` (see the module docstring for the routes).

    Parameters
    ----------
    obj
        A resolved spec with an arrangement (threshold unit, one-step Hopfield network, arrangement spec, ...).
    law
        ``gaussian``, ``uniform-sphere`` or ``uniform-cube``.
    samples
        Monte Carlo with this many samples; ``None`` for the exact route where it applies (else 100,000 samples).
    seed
        The seed of the samples.
    top
        List only the ``top`` most likely functions (the entropy and total still cover all).
    progress
        Called with ``(done, total)``.
    budget
        Size limits (chambers enumerated and listed).

    Returns
    -------
    MeasureResult
        The functions, most likely first, with probabilities, errors and the entropy.

    Raises
    ------
    InvalidInput
        For an unknown law or a bad number of samples.
    NotSupported
        When ``obj`` has no arrangement.
    TooLarge
        When the chambers to enumerate or list exceed ``budget``.
    """
    budget = budget or DEFAULT_BUDGET
    if law not in LAWS:
        raise InvalidInput(f"unknown law {law!r}: use one of {', '.join(LAWS)}")
    if samples is not None:
        check_number(samples, "--samples", minimum=1, maximum=MAX_SAMPLES, integer=True)
    if top is not None:
        check_number(top, "--top", minimum=1, integer=True)
    obj.require("arrangement")
    if getattr(obj, "scheme", None) is not None and not obj.scheme.is_one_step:
        raise InvalidInput("measure covers one synchronous step (Par_f is then one chamber)")
    A = obj.arrangement()
    started = time.perf_counter()
    factors = coordinate_factors(A)
    if samples is None and _can_be_exact(A, law, factors):
        for f in factors:
            check_size(Arrangement(tuple(A.normals[i] for i in f), (0,) * len(f), A.dimension),
                       "the exact measure", budget.max_chambers)
        result = _exact(obj, A, factors, law, top, budget, progress)
    else:
        result = _monte_carlo(obj, A, law, samples or 100_000, seed, top, progress)
    result.seconds = time.perf_counter() - started
    return result


__all__ = ["LAWS", "FunctionProbability", "MeasureResult", "measure", "sample_law"]
