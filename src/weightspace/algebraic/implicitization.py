"""Membership without equations: numerical implicitization of a neuromanifold (as Macaulay2's
NumericalImplicitization does with ``isOnImage``), and the degree of the image by a trace test.

``M`` is the Zariski closure of the image of ``mu: C^P -> C^K``, of dimension ``d`` (the exact Jacobian rank). Pick
a random affine ``d``-plane ``theta = theta_0 + B s`` in parameter space and a random ``A`` (``d x K``). The square
system ``G(s; b) = A mu(theta_0 + B s) - b`` has, for generic ``b``, finitely many solutions; their images are the
points of ``M ∩ {y : A y = b}``, a *pseudo-witness set* of ``deg M`` points.

* **Monodromy** fills the witness set: start from one solution (``s_0`` at random, ``b_0 = A mu(theta(s_0))``) and
  track every known solution around random triangles ``b_0 -> b_1 -> b_2 -> b_0``; new image points are added until
  several loops in a row find none.
* **The trace test** checks completeness: along the parallel slices ``b_0 + t v`` the sum of the witness points is
  an affine function of ``t`` exactly when the set is complete; the reported ``trace_error`` is
  ``|T(1) + T(-1) - 2 T(0)|`` relative to the points' size.
* **Membership** of a point ``c``: move the slice to ``b_c = A c``, through ``c``, and track the witness points
  there (along the straight segment from the complex ``b_0``; a random complex detour when a path fails). If
  ``c ∈ M`` it is one of the end points, or the limit of one whose slice parameters diverge (a point of the
  closure that the slice reaches only at infinity).

Every step is floating point: the answers are labelled numerical. Where an exact route exists, the answer is
exact instead ([`on_image`][weightspace.algebraic.implicitization.on_image]): the implicit equations evaluated at
``c`` in rational arithmetic, or a neuromanifold that fills its ambient space.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np
import sympy

from ..errors import InvalidInput, NotSupported, TooLarge

MAX_SYMBOLIC_PARAMETERS = 16


@dataclass(frozen=True)
class OnImage:
    """Whether a point is on the Zariski closure of the image, and how that was decided."""

    spec: str
    answer: str
    route: str
    certified: bool
    degree: int | None = None
    trace_error: float | None = None
    distance: float | None = None
    loops: int = 0
    failed_paths: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def symbolic_parametrisation(net) -> tuple[list[sympy.Expr], tuple[sympy.Symbol, ...]]:
    """``mu`` as polynomials in the parameters ``p0, p1, ...`` (in the order of ``net.coefficients``), by the
    network's own forward pass on symbols.

    Parameters
    ----------
    net
        A polynomial, affine, linear or convolutional network.

    Returns
    -------
    tuple
        The coefficient polynomials and the parameter symbols.

    Raises
    ------
    TooLarge
        For more than ``MAX_SYMBOLIC_PARAMETERS`` parameters.
    """
    P = net.parameter_count
    if P > MAX_SYMBOLIC_PARAMETERS:
        raise TooLarge(f"numerical implicitization is limited to {MAX_SYMBOLIC_PARAMETERS} parameters",
                       f"{net.spec} has {P}")
    from ..arch.polynomial.network import LCN
    theta = sympy.symbols(f"p0:{P}")
    blocks = net.dense_weights(list(theta)) if hasattr(net, "dense_weights") else net.split(list(theta))
    if isinstance(net, LCN):                                          # the product of the filter polynomials
        t = sympy.Symbol("t")
        value = sympy.Integer(1)
        for l, W in enumerate(blocks):
            value *= sum(w * t ** (i * net.steps[l]) for i, w in enumerate(W[0]))
        poly = sympy.Poly(sympy.expand(value), t)
        return [poly.coeff_monomial(t ** m[0]) for m in net.basis], theta
    x = sympy.symbols(f"x0:{net.widths[0]}")
    h: list = list(x)
    bias = getattr(net, "bias", False)
    activation = getattr(net, "activation", None)
    for l, W in enumerate(blocks):
        inputs = h + ([sympy.Integer(1)] if bias else [])
        h = [sum(w * v for w, v in zip(row, inputs)) for row in W]
        if l < len(blocks) - 1:
            h = [sum(sympy.Rational(a.numerator, a.denominator) * z ** e for e, a in enumerate(activation))
                 if activation is not None else z ** net.degree for z in h]
    out = []
    for output in h:
        poly = sympy.Poly(sympy.expand(output), *x)
        out += [poly.coeff_monomial(sympy.Mul(*(v ** e for v, e in zip(x, m)))) for m in net.basis]
    return out, theta


class _Slice:
    """``G(s; b) = A mu(theta_0 + B s) - b`` compiled, with its Jacobian in ``s``."""

    def __init__(self, net, d: int, rng: np.random.Generator):
        coefficients, theta = symbolic_parametrisation(net)
        self.mu = sympy.lambdify(theta, coefficients, "numpy")
        self.dmu = sympy.lambdify(theta, [[sympy.diff(c, p) for p in theta] for c in coefficients], "numpy")
        P, self.K, self.d = len(theta), len(coefficients), d
        complex_normal = lambda *shape: rng.normal(size=shape) + 1j * rng.normal(size=shape)  # noqa: E731
        # parameters of size about 1 (the coefficients have degree up to sum_k S^k in them), unit rows of A
        self.theta0, self.B = complex_normal(P) / 2, complex_normal(P, d) / (2 * np.sqrt(d))
        A = complex_normal(d, self.K)
        self.A = A / np.linalg.norm(A, axis=1, keepdims=True)

    def image(self, s) -> np.ndarray:
        return np.array(self.mu(*(self.theta0 + self.B @ s)), dtype=complex).reshape(self.K)

    def jacobian(self, s) -> np.ndarray:
        D = np.array(self.dmu(*(self.theta0 + self.B @ s)), dtype=complex).reshape(self.K, -1)
        return self.A @ D @ self.B

    def newton(self, s, b, steps: int, tol: float):
        for _ in range(steps):
            try:
                delta = np.linalg.solve(self.jacobian(s), b - self.A @ self.image(s))
            except np.linalg.LinAlgError:
                return s, False
            s = s + delta
            if np.linalg.norm(delta) <= tol * (1 + np.linalg.norm(s)):
                return s, True
        return s, False

    def track(self, s, b_a, b_b, endgame: bool = False):
        """Follow a solution from ``b_a`` to ``b_b`` (Euler predictor, Newton corrector); ``None`` on failure. With
        ``endgame``, a path that stalls or diverges after ``t = 0.999`` returns ``(s, t)`` at that point instead
        (its image may still converge: a point of the closure that the slice reaches only as ``s -> infinity``)."""
        t, h = 0.0, 0.05
        db = b_b - b_a
        while t < 1.0:
            h = min(h, 1.0 - t)
            try:
                guess = s + h * np.linalg.solve(self.jacobian(s), db)
            except np.linalg.LinAlgError:
                return None
            corrected, ok = self.newton(guess, b_a + (t + h) * db, 4, 1e-10)
            if ok and np.linalg.norm(corrected - guess) < 1e-3 * (1 + np.linalg.norm(s)):
                s, t, h = corrected, t + h, min(h * 1.5, 0.05)
            else:
                h /= 2
                if h < 1e-9:
                    return (s, t) if endgame and t > 0.999 else None
            if np.linalg.norm(s) > 1e8:
                return (s, t) if endgame and t > 0.999 else None
        return (s, 1.0) if endgame else s


def _new(y, known, tol=1e-6) -> bool:
    return all(np.linalg.norm(y - k) > tol * (1 + np.linalg.norm(k)) for k in known)


def pseudo_witness_set(net, dimension: int, seed: int = 0, stall: int = 8, max_loops: int = 60,
                       max_seconds: float = 120.0) -> dict[str, Any]:
    """The witness points of ``M`` on a random slice, filled by monodromy and checked by the trace test.

    Parameters
    ----------
    net
        The network.
    dimension
        ``dim M``.
    seed
        Seed of the slice and the loops.
    stall
        Loops without a new point before stopping.
    max_loops
        Loops at most.
    max_seconds
        Wall-time limit of the monodromy.

    Returns
    -------
    dict
        ``slice`` (the compiled system), ``solutions`` (one preimage on the slice per witness point), ``b0``,
        ``degree``, ``trace_error``, ``loops`` and ``failed_paths``.

    Raises
    ------
    TooLarge
        When the monodromy takes longer than ``max_seconds``, or the network has too many parameters.
    """
    import time
    begin = time.perf_counter()
    rng = np.random.default_rng(seed)
    system = _Slice(net, dimension, rng)
    s0 = (rng.normal(size=dimension) + 1j * rng.normal(size=dimension)) / 2
    b0 = system.A @ system.image(s0)
    solutions, images = [s0], [system.image(s0)]
    scale = 1 + float(np.linalg.norm(b0))
    loops = quiet = failed = 0
    while quiet < stall and loops < max_loops:
        if time.perf_counter() - begin > max_seconds:
            raise TooLarge(f"the monodromy for {net.spec} did not settle within {max_seconds:g} s",
                           f"{len(images)} witness points after {loops} loops")
        loops += 1
        b1, b2 = (b0 + scale * (rng.normal(size=dimension) + 1j * rng.normal(size=dimension)) for _ in range(2))
        found = False
        for s in list(solutions):
            end = s
            for a, b in ((b0, b1), (b1, b2), (b2, b0)):
                end = system.track(end, a, b) if end is not None else None
            if end is None:
                failed += 1
                continue
            y = system.image(end)
            if _new(y, images):
                solutions.append(end)
                images.append(y)
                found = True
        quiet = 0 if found else quiet + 1
    v = scale * (rng.normal(size=dimension) + 1j * rng.normal(size=dimension))
    traces = []
    for t in (1.0, -1.0):
        ends = [system.track(s, b0, b0 + t * v) for s in solutions]
        failed += sum(e is None for e in ends)
        traces.append(sum(system.image(e) for e in ends if e is not None))
    middle = sum(images)
    size = 1 + sum(float(np.linalg.norm(system.image(s))) for s in solutions)
    trace_error = float(np.linalg.norm(traces[0] + traces[1] - 2 * middle)) / size
    return {"slice": system, "solutions": solutions, "b0": b0, "degree": len(images), "trace_error": trace_error,
            "loops": loops, "failed_paths": failed}


def on_image(net, point: Sequence, seed: int = 0, numerical: bool = False) -> OnImage:
    """Is ``point`` (a coefficient vector) on the Zariski closure of the image? Exact where the implicit equations
    are known or the neuromanifold fills its ambient space; numerical (module docstring) elsewhere.

    Parameters
    ----------
    net
        The network.
    point
        Anything ``net.parse_function`` reads.
    seed
        Seed of the numerical route.
    numerical
        Use the numerical route even where an exact one exists (to compare the two).

    Returns
    -------
    OnImage
        The answer, the route and, for the numerical route, the degree of ``M`` with its trace error.

    Raises
    ------
    InvalidInput
        For a point the network cannot read.
    """
    from .dimension import neuromanifold_dimension
    from .examples import neuromanifold_equations
    c = tuple(Fraction(v) for v in net.parse_function(point))
    facts = neuromanifold_dimension(net, seed=seed)
    if facts.dimension == net.ambient_dimension and facts.certified and not numerical:
        return OnImage(net.spec, "yes", "exact: the neuromanifold fills its ambient space", True)
    try:
        equations, variables = (None, None) if numerical else neuromanifold_equations(net)
    except NotSupported:
        equations = None
    if equations is not None:
        values = dict(zip(variables, [sympy.Rational(v.numerator, v.denominator) for v in c]))
        inside = all(e.subs(values) == 0 for e in equations)
        return OnImage(net.spec, "yes" if inside else "no", "exact: the implicit equations at the point", True)
    witness = pseudo_witness_set(net, facts.dimension, seed)
    system, target = witness["slice"], np.array([complex(float(v)) for v in c])
    b_c = system.A @ target
    rng = np.random.default_rng(seed + 1)
    best, limit, failed = np.inf, np.inf, witness["failed_paths"]
    scale = 1 + float(np.linalg.norm(witness["b0"]))
    size = 1 + float(np.linalg.norm(target))
    for s in witness["solutions"]:
        end = system.track(s, witness["b0"], b_c, endgame=True)     # b_0 is complex and generic: a straight
        if end is None:                                                # segment misses the branch points; on a
            detour = (witness["b0"] + b_c) / 2 + scale * 1j * rng.normal(size=facts.dimension)   # failure, detour
            end = system.track(s, witness["b0"], detour)
            end = system.track(end, detour, b_c, endgame=True) if end is not None else None
        if end is None:
            failed += 1
            continue
        end, reached = end
        if reached == 1.0:
            end, _ = system.newton(end, b_c, 6, 1e-13)
            best = min(best, float(np.linalg.norm(system.image(end) - target)) / size)
        else:
            limit = min(limit, float(np.linalg.norm(system.image(end) - target)) / size)
    if not (np.isfinite(best) or np.isfinite(limit)):
        raise InvalidInput("every path failed; try another --seed")
    route = "numerical: homotopy continuation on a pseudo-witness set (not certified)"
    if best < 1e-6:
        answer, distance = "yes", best
    elif limit < 1e-3:
        answer, distance = "yes", limit
        route += "; reached as a limit (the slice's parameters diverge): in the closure of the image"
    else:
        answer, distance = "no", min(best, limit)
    return OnImage(net.spec, answer, route, False, witness["degree"], witness["trace_error"], distance,
                   witness["loops"], failed)


__all__ = ["OnImage", "symbolic_parametrisation", "pseudo_witness_set", "on_image"]
