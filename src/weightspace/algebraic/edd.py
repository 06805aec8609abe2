"""The Euclidean distance degree of an affine variety ``X = V(f_1, ..., f_s)`` in ``C^n`` for a quadratic form ``Q``:
the number of complex critical points of ``x -> (x - u)^T Q (x - u)`` on the smooth part of ``X`` for a generic
data point ``u`` (Draisma, Horobeț, Ottaviani, Sturmfels, Thomas 2016, "The Euclidean distance degree of an
algebraic variety"). For a polynomial network, MSE training is exactly this problem on the neuromanifold with
``Q = A^T A`` (see [`weightspace.algebraic.training`][weightspace.algebraic.training]).

With ``c = codim X`` and ``J`` the Jacobian of ``f``, a smooth point ``x`` is critical iff ``Q(x - u)`` lies in the
row space of ``J(x)``, i.e. iff the ``(c+1)``-minors of the ``n x (s+1)`` matrix ``[Q(x - u) | J(x)^T]`` vanish. The
*critical ideal* is ``(f) + (minors)``, saturated by the singular locus (the ``c``-minors of ``J``): without the
saturation the singular points, where every minor vanishes, stay in and inflate the count (the cusp of
``y^2 = x^3`` counts 3 times). The same points come from the Lagrange system ``Q(x - u) = (R J)^T mu, f = 0``
(``R`` a random ``c x s`` matrix, the identity for a complete intersection; see
[`lagrange_system`][weightspace.algebraic.critical.lagrange_system]), which is much smaller than the set of minors
when ``c`` or ``s`` is large, and faster for Gröbner bases in sympy. For invertible ``Q`` and generic ``u`` a
singular point cannot solve it (it would put ``Q(x - u)`` in a space of dimension below ``c`` over a set of
dimension below ``dim X``), so no saturation is needed; for degenerate ``Q`` it is saturated like the minors.
Both formulations are here and the tests check that they agree.

For positive semidefinite ``Q`` with kernel ``K`` the critical set contains the whole *zero-loss set*
``X ∩ (u + K)`` (where ``Q(x - u) = 0``). weightspace reports it apart: the critical set is split into the zero-loss
set and the closure of the rest (the critical ideal saturated also by the entries of ``Q(x - u)``), each with its
dimension and degree. ``ed_degree`` is the number of isolated critical points (both parts); it is ``None`` when the
non-zero-loss part is itself positive-dimensional.
"""

from __future__ import annotations

from math import comb, prod
import random
import time
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Sequence

import sympy

from ..errors import InvalidInput, NotSupported, TooLarge
from ..budget import time_limit
from ..exact import rank
from .critical import (critical_equations, critical_minors, data_point, lagrange_system,  # noqa: F401
                       residual_entries, singular_ideal)
from .ideals import PRIME, SECOND_PRIME, VarietySummary, choose_backend, field_name, prime_field_note, variety

@dataclass(frozen=True)
class EDDResult:
    """The answer of [`ed_degree`][weightspace.algebraic.edd.ed_degree]: the count, the critical set by parts,
    and what it was computed for (``Q``, ``u``) and how."""

    ed_degree: int | None
    Q: tuple[tuple[Fraction, ...], ...]
    Q_kind: str
    kernel_dimension: int
    data_point: tuple[int, ...]
    codimension: int
    components: tuple[dict, ...]
    method: str
    field: str
    backend: str
    formulation: str
    confirmation: dict | None
    note: str
    seconds: float
    numeric: dict | None = None
    variables: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict:
        return {"ed_degree": self.ed_degree, "method": self.method, "components": list(self.components),
                "Q": [[str(c) for c in row] for row in self.Q], "Q_kind": self.Q_kind,
                "kernel_dimension": self.kernel_dimension, "data_point": list(self.data_point),
                "codimension": self.codimension, "field": self.field, "backend": self.backend,
                "formulation": self.formulation, "confirmation": self.confirmation, "note": self.note,
                "numeric": self.numeric, "variables": list(self.variables), "seconds": round(self.seconds, 3)}


# ------------------------------------------------------------------------------------------------ Q and u
def make_Q(kind: str | Sequence[Sequence], n: int, kernel_dimension: int | None = None,
           seed: int = 0) -> tuple[tuple[Fraction, ...], ...]:
    """The quadratic form: ``identity``, ``generic`` (a random positive definite ``L L^T`` with ``L`` integer lower
    triangular with positive diagonal) or a given symmetric matrix; with ``kernel_dimension = k`` a random positive
    semidefinite ``B^T B`` with ``B`` an integer ``(n-k) x n`` matrix of full rank (so the kernel is exactly
    ``k``-dimensional).

    Parameters
    ----------
    kind
        ``"identity"``, ``"generic"`` or a symmetric matrix.
    n
        The size.
    kernel_dimension
        Ask for a positive semidefinite form with a kernel of this dimension.
    seed
        Seed of the random form.

    Returns
    -------
    tuple of tuple of Fraction
        The symmetric ``n x n`` matrix.

    Raises
    ------
    InvalidInput
        For an unknown kind, a matrix of the wrong size or not symmetric, or ``k`` outside ``0..n``.

    Examples
    --------
    >>> make_Q("identity", 2)
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
    >>> from weightspace.exact import rank
    >>> rank(make_Q("generic", 3, kernel_dimension=2))
    1
    """
    rng = random.Random(seed)
    if kernel_dimension is not None:
        if not 0 <= kernel_dimension <= n:
            raise InvalidInput(f"the kernel dimension must lie in 0..{n}")
        if kernel_dimension > 0 or kind == "generic":
            while True:
                B = [[rng.randint(-5, 5) for _ in range(n)] for _ in range(n - kernel_dimension)]
                if rank(B) == n - kernel_dimension:
                    break
            return tuple(tuple(Fraction(sum(B[k][i] * B[k][j] for k in range(len(B)))) for j in range(n))
                         for i in range(n))
    if isinstance(kind, str):
        if kind == "identity":
            return tuple(tuple(Fraction(int(i == j)) for j in range(n)) for i in range(n))
        if kind == "generic":
            L = [[(rng.randint(1, 9) if i == j else rng.randint(-9, 9)) if j <= i else 0 for j in range(n)]
                 for i in range(n)]
            return tuple(tuple(Fraction(sum(L[i][k] * L[j][k] for k in range(n))) for j in range(n))
                         for i in range(n))
        raise InvalidInput(f"unknown Q {kind!r}: use identity, generic or a matrix")
    matrix = tuple(tuple(Fraction(c) for c in row) for row in kind)
    if len(matrix) != n or any(len(row) != n for row in matrix):
        raise InvalidInput(f"Q must be a {n} x {n} matrix")
    if any(matrix[i][j] != matrix[j][i] for i in range(n) for j in range(n)):
        raise InvalidInput("Q must be symmetric")
    return matrix


# ------------------------------------------------------------------------------------------------ the cost
# Beyond these Bezout-type bounds a computation is refused up front; below them it runs under a wall-clock budget
# (``max_seconds``), since the bound overestimates structured varieties (lightning: bound 1456, ED degree 14, < 1 s).
# Measured with Singular: x^30+y^30-1 (bound 900) 15 s, x^40+y^40-1 (bound 1600) 80 s; sympy: bound 100 in 10 s.
MAX_ED_BOUND = {"singular": 10_000, "sympy": 2_000}


def ed_degree_bound(degrees: Sequence[int], n: int) -> int:
    """The ED degree of a generic complete intersection of hypersurfaces of degrees ``d_1..d_c`` in ``C^n``
    (Draisma et al. 2016, Prop. 2.6): ``d_1 ... d_c sum_{i_1+...+i_c <= n-c} (d_1-1)^i_1 ... (d_c-1)^i_c``, the
    number of critical points to expect, used as the cost estimate (with the ``n`` largest degrees when more than
    ``n`` equations are given).

    Parameters
    ----------
    degrees
        The degrees ``d_1, ..., d_c`` of the equations.
    n
        The ambient dimension.

    Returns
    -------
    int
        The bound.

    Examples
    --------
    >>> ed_degree_bound([2], 2), ed_degree_bound([40], 2), ed_degree_bound([2, 2], 3)
    (4, 1600, 12)
    """
    degrees = sorted((max(int(d), 1) for d in degrees), reverse=True)[:n]
    c = len(degrees)
    top = n - c
    series = [1] + [0] * top            # truncated prod_j 1 / (1 - (d_j - 1) t): coefficient k sums |i| = k
    for d in degrees:
        for k in range(1, top + 1):
            series[k] += (d - 1) * series[k - 1]
    return prod(degrees) * sum(series)


def check_ed_cost(equations: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol], backend: str) -> int:
    """Refuse before any Gröbner basis when the ED degree bound exceeds ``MAX_ED_BOUND[backend]``; returns the bound.

    Parameters
    ----------
    equations
        The equations.
    variables
        Their variables.
    backend
        ``singular`` or ``sympy``.

    Returns
    -------
    int
        The bound.

    Raises
    ------
    TooLarge
        With the bound as the estimate.
    """
    degrees = [sympy.Poly(e, *variables).total_degree() for e in equations]
    bound = ed_degree_bound(degrees, len(variables))
    limit = MAX_ED_BOUND.get(backend, MAX_ED_BOUND["sympy"])
    if bound > limit:
        raise TooLarge(f"the ED degree computation is beyond the {backend} backend's reach here (bound {limit})",
                       f"up to {bound} critical points (Bezout-type bound for degrees {degrees})")
    return bound


# ------------------------------------------------------------------------------------------------ the ED degree
def ed_degree(equations: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol], Q="identity", *,
              kernel_dimension: int | None = None, seed: int = 0, field: str = "prime", backend: str = "auto",
              formulation: str = "auto", confirm: bool = True, numeric: bool = False,
              max_seconds: float | None = None) -> EDDResult:
    """The Euclidean distance degree of ``V(equations)`` for the quadratic form ``Q`` at a random data point.

    Parameters
    ----------
    equations
        Polynomials defining the variety.
    variables
        Its coordinates.
    Q
        ``"identity"``, ``"generic"`` or a symmetric matrix.
    kernel_dimension
        ``k``: a random positive semidefinite ``Q`` with a ``k``-dimensional kernel.
    seed
        Seed of the data point and of random forms.
    field
        ``"prime"`` (Gröbner bases over ``GF(2^31-1)``) or ``"rational"`` (over ``QQ``).
    backend
        ``"auto"``, ``"singular"`` or ``"sympy"``.
    formulation
        ``"minors"`` (the critical ideal of the module docstring), ``"lagrange"`` or ``"auto"`` (minors with
        Singular when there are at most 60 of them, Lagrange otherwise).
    confirm
        Confirm a prime-field answer over a second prime.
    numeric
        Add a homotopy-continuation count
        ([`numeric_ed_degree`][weightspace.algebraic.homotopy.numeric_ed_degree]).
    max_seconds
        Wall-time limit of the computation.

    Returns
    -------
    EDDResult
        The ED degree with the route, the field and the checks that produced it.

    Raises
    ------
    InvalidInput
        For an empty or inconsistent set of equations, a bad ``Q``, field or formulation.
    NotSupported
        For ``numeric=True`` with a singular ``Q`` or a variety that is not a complete intersection.
    TooLarge
        When the closed-form bound of [`ed_degree_bound`][weightspace.algebraic.edd.ed_degree_bound] is beyond
        what the backend reaches (``MAX_ED_BOUND``), before any Gröbner basis is computed; or when the computation
        takes longer than ``max_seconds``.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> ed_degree([x**2 + y**2 - 1], (x, y), "identity", backend="sympy").ed_degree
    2
    >>> ed_degree([x**2 + y**2 - 1], (x, y), [[4, 0], [0, 1]], backend="sympy").ed_degree
    4
    >>> ed_degree([y**2 - x**3], (x, y), backend="sympy").ed_degree     # cuspidal cubic: the cusp is saturated away
    4
    """
    start = time.perf_counter()
    variables = tuple(variables)
    equations = [e for e in map(sympy.expand, equations) if e != 0]
    if not equations:
        raise InvalidInput("give at least one nonzero equation")
    if field not in ("prime", "rational"):
        raise InvalidInput("field must be prime or rational")
    if formulation not in ("auto", "minors", "lagrange"):
        raise InvalidInput("formulation must be auto, minors or lagrange")
    backend = choose_backend(backend)
    bound = check_ed_cost(equations, variables, backend)
    with time_limit(max_seconds, "the ED degree computation", f"up to {bound} critical points"):
        return _ed_degree(equations, variables, Q, kernel_dimension, seed, field, backend, formulation, confirm,
                          numeric, start)


def _ed_degree(equations, variables, Q, kernel_dimension, seed, field, backend, formulation, confirm, numeric,
               start) -> EDDResult:
    n = len(variables)
    kind = Q if isinstance(Q, str) else "given"
    matrix = make_Q(Q, n, kernel_dimension, seed)
    kernel = n - rank(matrix)
    if kernel_dimension is not None:
        kind = f"random PSD with kernel dimension {kernel_dimension}"
    u = data_point(n, seed)
    characteristic = PRIME if field == "prime" else 0
    X = variety(equations, variables, characteristic=characteristic, backend=backend, seed=seed)
    if X.dimension < 0:
        raise InvalidInput("the equations have no common complex zero")
    codimension = n - X.dimension
    if numeric and (kernel or len(equations) != codimension):
        raise NotSupported("the numeric cross-check needs an invertible Q and a complete intersection (as many "
                           "equations as the codimension)")
    if formulation == "auto":
        minors = comb(n, codimension + 1) * comb(len(equations) + 1, codimension + 1)
        formulation = "minors" if backend == "singular" and minors <= 60 else "lagrange"

    parts = _parts(equations, variables, matrix, u, codimension, formulation, backend, seed, kernel)

    zero_loss, rest = parts(characteristic)
    confirmation = None
    if confirm and field == "prime":
        z2, r2 = parts(SECOND_PRIME)
        agree = (z2.to_dict() | {"field": ""}) == (zero_loss.to_dict() | {"field": ""}) and \
            (r2.to_dict() | {"field": ""}) == (rest.to_dict() | {"field": ""})
        confirmation = {"field": field_name(SECOND_PRIME), "agrees": agree}
    isolated = 0
    for part in (zero_loss, rest):
        if part.dimension == 0:
            isolated += part.points
    count = isolated if rest.dimension <= 0 else None
    components = tuple({"part": name, **{k: v for k, v in p.to_dict().items() if k not in ("field", "backend")}}
                       for name, p in (("zero-loss", zero_loss), ("critical", rest)) if p.dimension >= 0)
    method = f"Gröbner basis over {field_name(characteristic)} ({backend}, {formulation} formulation)"
    result = EDDResult(count, matrix, kind, kernel, u, codimension, components, method, field_name(characteristic),
                       backend, formulation, confirmation, prime_field_note(characteristic),
                       time.perf_counter() - start, None, tuple(map(str, variables)))
    if numeric:
        from .homotopy import numeric_ed_degree
        result = replace(result, numeric=numeric_ed_degree(equations, variables, matrix, u, seed=seed).to_dict(),
                          seconds=time.perf_counter() - start)
    return result


def _parts(equations, variables, Q, u, codimension, formulation, backend, seed, kernel):
    """The ideals of the zero-loss set and of the rest, built once; returns a function of the characteristic."""
    residual = residual_entries(Q, u, variables)
    singular = singular_ideal(equations, variables, codimension, seed)
    on_X = all(e.subs(dict(zip(variables, u))) == 0 for e in equations)
    if formulation == "lagrange":
        system, multipliers = lagrange_system(equations, variables, residual, codimension, seed)
        gens, project = tuple(variables) + multipliers, len(multipliers)
        saturate = ([singular] if kernel or on_X else []) + ([residual] if kernel else [])
    else:
        system = critical_minors(equations, variables, residual, codimension)
        gens, project, saturate = tuple(variables), 0, [singular, residual]

    def compute(characteristic: int) -> tuple[VarietySummary, VarietySummary]:
        zero_loss = variety(list(equations) + residual, variables, saturate=[singular],
                            characteristic=characteristic, backend=backend, seed=seed) if kernel \
            else VarietySummary(-1, 0, 0, "", backend)
        rest = variety(system, gens, saturate=saturate, characteristic=characteristic, backend=backend, seed=seed,
                       project=project)
        return zero_loss, rest

    return compute


