"""Dimension, degree and number of points of an affine variety ``V(I : J_1^inf : ... : J_k^inf)``, by Gröbner bases
over a prime field ``GF(p)`` (fast) or over ``QQ`` (exact confirmation).

Two backends, chosen at run time:

* ``sympy`` (always there): the saturation by ``J = (g_1, ..., g_m)`` is Rabinowitsch's trick with a random
  combination ``g = sum c_i g_i`` (a new variable ``t`` and the equation ``t g - 1``): ``V(I + (t g - 1))`` projects
  isomorphically onto ``V(I) \\ V(g)``, which is ``V(I : J^inf)`` minus the points of ``V(g) \\ V(J)``, and a random
  combination misses any given finite set of such points with probability ``>= 1 - 1/|range of c|`` each. A Gröbner
  basis in the graded reverse lexicographic order then gives the Krull dimension (the largest set of variables
  free of every leading monomial) and, when the variety is finite, its number of points with multiplicity (the
  standard monomials) and without (the squarefree part of the characteristic polynomial of multiplication by a
  random linear form, which separates the points with high probability). The degree of a positive-dimensional
  variety is the number of points of its intersection with ``dim`` random affine hyperplanes.
* ``singular`` (used when the ``Singular`` program is installed, e.g. Debian's ``singular`` package): ``sat`` from
  ``elim.lib``, ``std``, ``dim``, ``vdim``, ``mult`` and ``radical``.

Over ``GF(p)`` the answer is that of ``QQ`` except for the finitely many *unlucky* primes of the computation (those
dividing a leading coefficient or a denominator met over ``QQ``); see
[`prime_field_note`][weightspace.algebraic.ideals.prime_field_note].
"""

from __future__ import annotations

import functools
import itertools
import random
import shutil
import signal
import subprocess
from dataclasses import asdict, dataclass
from typing import Sequence

import sympy

from ..errors import InvalidInput, NotSupported
from ..parallel import die_with_parent
from .polynomials import integer_polynomial

#: The default prime: 2^31 - 1 (Singular's largest characteristic).
PRIME = 2147483647
#: The prime of the confirming computation.
SECOND_PRIME = 2147483629
BACKENDS = ("auto", "sympy", "singular")


@dataclass(frozen=True)
class VarietySummary:
    """What a Gröbner basis says about an affine variety over the algebraic closure of the field.

    ``dimension`` is ``-1`` for the empty variety; ``degree`` is the degree of its top-dimensional part counted with
    multiplicity (the number of points with multiplicity when ``dimension == 0``); ``points`` is the number of
    distinct points when the variety is finite (``None`` otherwise)."""

    dimension: int
    degree: int
    points: int | None
    field: str
    backend: str

    def to_dict(self) -> dict:
        return asdict(self)


def singular_path() -> str | None:
    """The path of the ``Singular`` program, or ``None`` when it is not installed.

    Returns
    -------
    str or None
        The path.
    """
    return shutil.which("Singular")


def choose_backend(backend: str = "auto") -> str:
    """``auto`` -> ``singular`` when installed, else ``sympy``.

    Parameters
    ----------
    backend
        ``auto``, ``singular`` or ``sympy``.

    Returns
    -------
    str
        ``singular`` or ``sympy`` (``auto``: Singular when installed).

    Raises
    ------
    InvalidInput
        For an unknown backend name.
    NotSupported
        When ``singular`` is asked for and not installed.
    """
    if backend not in BACKENDS:
        raise InvalidInput(f"unknown backend {backend!r}; choose one of {', '.join(BACKENDS)}")
    if backend == "auto":
        return "singular" if singular_path() else "sympy"
    if backend == "singular" and not singular_path():
        raise NotSupported("the Singular program is not installed (Debian: apt-get install singular)")
    return backend


def field_name(characteristic: int) -> str:
    """The field's name in reports: ``QQ`` or ``GF(p)``.

    Parameters
    ----------
    characteristic
        ``0`` or a prime.

    Returns
    -------
    str
        The name.
    """
    return "QQ" if characteristic == 0 else f"GF({characteristic})"


def prime_field_note(characteristic: int) -> str:
    """The sentence that says how far an answer over ``GF(p)`` can be trusted.

    Parameters
    ----------
    characteristic
        ``0`` or a prime.

    Returns
    -------
    str
        The note to print with an answer over that field.
    """
    if characteristic == 0:
        return "exact over QQ"
    return (f"computed over GF({characteristic}); the count over QQ differs only if {characteristic} is one of the "
            "finitely many unlucky primes of this ideal (a prime dividing a leading coefficient or denominator met "
            "over QQ), about log2(height)/30 of the ~5e7 primes of this size, so well below 1e-6 for a random prime")


def variety(equations: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol], *,
            saturate: Sequence[Sequence[sympy.Expr]] = (), characteristic: int = PRIME, backend: str = "auto",
            seed: int = 0, project: int = 0) -> VarietySummary:
    """Dimension, degree and points of ``V(I : J_1^inf : ... : J_k^inf)`` with ``I = (equations)`` and
    ``J_i = saturate[i]``, over the algebraic closure of ``GF(characteristic)`` (``0`` for ``QQ``). With
    ``project = m`` the last ``m`` variables are eliminated first: the answer is about the projection to the others
    (for varieties on which those variables are functions of the others, such as Lagrange multipliers).

    Parameters
    ----------
    equations
        Generators of ``I``.
    variables
        The coordinates.
    saturate
        Generators of the ideals ``J_i`` to saturate by.
    characteristic
        ``0`` or a prime below ``2^31``.
    backend
        ``"auto"``, ``"singular"`` or ``"sympy"``.
    seed
        Seed of the random choices (linear sections for the degree).
    project
        Number of trailing variables to eliminate first.

    Returns
    -------
    VarietySummary
        Dimension, degree and number of points (when finite).

    Raises
    ------
    InvalidInput
        For a bad backend name or a characteristic that is neither 0 nor a prime below 2^31.
    NotSupported
        When ``backend="singular"`` and Singular is not installed.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> variety([x**2 + y**2 - 1, x - y], (x, y), backend="sympy").points
    2
    >>> variety([y**2 - x**3, 3*x**2, 2*y], (x, y), backend="sympy").dimension    # the cusp alone
    0
    >>> variety([y**2 - x**3, 3*x**2, 2*y], (x, y), saturate=[[3*x**2, 2*y]], backend="sympy").dimension
    -1
    """
    if characteristic != 0 and (characteristic >= 2 ** 31 or not sympy.isprime(characteristic)):
        raise InvalidInput("the characteristic must be 0 or a prime below 2^31")
    backend = choose_backend(backend)
    equations = [e for e in map(sympy.expand, equations) if e != 0]
    saturate = [[g for g in map(sympy.expand, ideal) if g != 0] for ideal in saturate]
    if backend == "singular":
        return _singular(equations, variables, saturate, characteristic, project)
    return _sympy(equations, list(variables), saturate, characteristic, random.Random(seed),
                  len(variables) - project)


# ------------------------------------------------------------------------------------------------ sympy backend
def _combination(ideal: Sequence[sympy.Expr], variables, rng: random.Random) -> sympy.Expr:
    return sympy.expand(sum(rng.randint(1, 2 ** 20) * integer_polynomial(g, variables).as_expr() for g in ideal))


def _sympy(equations, variables, saturate, characteristic, rng, kept: int) -> VarietySummary:
    ts = list(sympy.symbols(f"_t0:{len(saturate)}"))
    system = list(equations)
    for t, ideal in zip(ts, saturate):
        if not ideal:                              # saturating by the zero ideal empties the variety
            return VarietySummary(-1, 0, 0, field_name(characteristic), "sympy")
        system.append(t * _combination(ideal, variables, rng) - 1)
    gens = variables + ts
    basis = _groebner(system, gens, characteristic)
    dimension = _dimension(basis, len(gens))
    if dimension == -1:
        return VarietySummary(-1, 0, 0, field_name(characteristic), "sympy")
    if dimension > 0:
        slices = [sum(rng.randint(-2 ** 20, 2 ** 20) * v for v in variables[:kept]) - rng.randint(-2 ** 20, 2 ** 20)
                  for _ in range(dimension)]
        sliced = _sympy(list(equations) + slices, variables, saturate, characteristic, rng, kept)
        if sliced.dimension != 0:  # pragma: no cover - generic slices cut the dimension exactly
            raise NotSupported("a random slice did not cut the variety to points; try another seed")
        return VarietySummary(dimension, sliced.degree, None, field_name(characteristic), "sympy")
    standard = _standard_monomials(basis, len(gens))
    points = _distinct_points(basis, gens, standard, characteristic, rng)
    return VarietySummary(0, len(standard), points, field_name(characteristic), "sympy")


def _groebner(system, gens, characteristic):
    polys = [integer_polynomial(e, gens).as_expr() for e in system]
    options = {"order": "grevlex"}
    if characteristic:
        options["modulus"] = characteristic
    return sympy.groebner(polys, *gens, **options)


def _leading(basis) -> list[tuple[int, ...]]:
    return [p.terms(order="grevlex")[0][0] for p in basis.polys]


def _dimension(basis, n: int) -> int:
    """Krull dimension of ``k[x]/LT(I)``: the largest set of variables containing the support of no leading
    monomial (``-1`` for the unit ideal)."""
    leads = _leading(basis)
    if any(sum(m) == 0 for m in leads):
        return -1
    supports = [frozenset(i for i, e in enumerate(m) if e) for m in leads]
    for size in range(n, -1, -1):
        for subset in itertools.combinations(range(n), size):
            chosen = set(subset)
            if not any(s <= chosen for s in supports):
                return size
    return 0  # pragma: no cover


def _standard_monomials(basis, n: int) -> list[tuple[int, ...]]:
    leads = _leading(basis)
    bounds = [min(m[i] for m in leads if sum(m) == m[i] and m[i]) for i in range(n)]
    out = []
    for exponents in itertools.product(*(range(b) for b in bounds)):
        if not any(all(e >= l for e, l in zip(exponents, lead)) for lead in leads):
            out.append(exponents)
    return out


def _distinct_points(basis, gens, standard, characteristic, rng) -> int:
    """Number of distinct eigenvalues of multiplication by a random linear form on ``k[x]/I``."""
    import flint

    index = {m: i for i, m in enumerate(standard)}
    form = sum(rng.randint(1, 2 ** 20) * v for v in gens)
    rows = []
    for m in standard:
        monomial = sympy.Mul(*(v ** e for v, e in zip(gens, m)))
        _, remainder = basis.reduce(sympy.expand(form * monomial))
        row = [0] * len(standard)
        if remainder != 0:
            options = {"modulus": characteristic} if characteristic else {"domain": "QQ"}
            for exps, c in sympy.Poly(remainder, *gens, **options).terms():
                row[index[exps]] = c
        rows.append(row)
    if characteristic:
        matrix = flint.nmod_mat([[int(c) % characteristic for c in r] for r in rows], characteristic)
    else:
        matrix = flint.fmpq_mat([[flint.fmpq(int(sympy.Rational(c).p), int(sympy.Rational(c).q)) for c in r]
                                 for r in rows])
    char = matrix.charpoly()
    return char.degree() - char.gcd(char.derivative()).degree()


# ------------------------------------------------------------------------------------------------ Singular backend
def _singular_text(expression: sympy.Expr, names: dict) -> str:
    return sympy.sstr(sympy.expand(expression.xreplace(names))).replace("**", "^")


def _singular(equations, variables, saturate, characteristic, project) -> VarietySummary:
    names = {v: sympy.Symbol(f"v{i}") for i, v in enumerate(variables)}
    lines = ['LIB "elim.lib";', 'LIB "primdec.lib";',
             f"ring R = {characteristic},({','.join(str(names[v]) for v in variables)}),dp;",
             f"ideal I = {', '.join(_singular_text(e, names) for e in equations) or '0'};"]
    for k, ideal in enumerate(saturate):
        lines += [f"ideal J{k} = {', '.join(_singular_text(g, names) for g in ideal) or '0'};",
                  f"def S{k} = sat(I, J{k});",
                  f'if (typeof(S{k}) == "list") {{ I = S{k}[1]; }} else {{ I = S{k}; }}']
    if project:
        kept = ",".join(str(names[v]) for v in variables[:-project])
        lines += [f"I = eliminate(I, {'*'.join(str(names[v]) for v in variables[-project:])});",
                  f"ring S = {characteristic},({kept}),dp;", "ideal I = imap(R, I);"]
    lines += ["ideal G = std(I);", "int d = dim(G);", 'print("WS dim " + string(d));',
              'if (d == 0) { print("WS vdim " + string(vdim(G))); '
              'print("WS points " + string(vdim(std(radical(G))))); }',
              'if (d > 0) { print("WS mult " + string(mult(G))); }', "quit;"]
    # Singular dies with us (PR_SET_PDEATHSIG, SIGKILL) even when we are killed outright; a time limit around the
    # computation (weightspace.budget.time_limit) interrupts the wait, and subprocess.run then kills it.
    run = subprocess.run([singular_path(), "-q", "--no-warn"], input="\n".join(lines), capture_output=True,
                         text=True, check=False, preexec_fn=functools.partial(die_with_parent, signal.SIGKILL))
    values = {}
    for line in run.stdout.splitlines():
        if line.startswith("WS "):
            _, key, value = line.split()
            values[key] = int(value)
    if "dim" not in values:  # pragma: no cover - Singular itself failed
        raise NotSupported(f"Singular failed: {(run.stderr or run.stdout).strip()[-300:]}")
    d = values["dim"]
    field = field_name(characteristic)
    if d == -1:
        return VarietySummary(-1, 0, 0, field, "singular")
    if d == 0:
        return VarietySummary(0, values["vdim"], values["points"], field, "singular")
    return VarietySummary(d, values["mult"], None, field, "singular")
