"""A numerical cross-check of the ED degree by homotopy continuation: monodromy in the data point ``u``.

For a complete intersection ``X = V(f_1, ..., f_s)`` (``s = codim X``) and an invertible ``Q``, the critical points
are the solutions ``(x, lambda)`` of the square Lagrange system

    F(x, lambda; u) = ( Q (x - u) - J(x)^T lambda ,  f(x) ) = 0,

whose solutions over a generic ``u`` form a covering of degree ``EDD``. Monodromy solving (as in
HomotopyContinuation.jl's ``monodromy_solve``): one start solution is made by choosing ``x`` on ``X`` (Gauss-Newton
from a random complex point) and ``lambda`` at random, and setting ``u_0 = x - Q^{-1} J^T lambda``; then every known
solution is tracked around random triangles ``u_0 -> u_1 -> u_2 -> u_0`` in complex ``u``-space, which permutes the
solutions of ``F(.; u_0)``; new end points are added until several loops in a row find nothing new. Finally the
solutions are tracked from ``u_0`` to the target ``u`` along a straight segment (with a random complex detour) and
refined by Newton's method. Paths are tracked by an fourth-order Runge-Kutta predictor and a Newton corrector with adaptive step size.

This is a floating-point heuristic and only a cross-check: the exact answer comes from
[`ed_degree`][weightspace.algebraic.edd.ed_degree].
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Sequence

import numpy as np
import sympy

from ..errors import InvalidInput


@dataclass(frozen=True)
class NumericCount:
    """Outcome of [`numeric_ed_degree`][weightspace.algebraic.homotopy.numeric_ed_degree]."""

    count: int
    real_points: int
    loops: int
    failed_paths: int
    residual: float
    method: str

    def to_dict(self) -> dict:
        return asdict(self)


class _System:
    """``F``, its Jacobian in ``z = (x, lambda)`` and in ``u``, compiled with ``sympy.lambdify``."""

    def __init__(self, equations, variables, Q):
        self.n, self.s = len(variables), len(equations)
        self.Q = np.array([[float(c) for c in row] for row in Q], dtype=complex)
        self.f = sympy.lambdify(variables, list(equations), "numpy")
        jac = [[sympy.diff(f, v) for v in variables] for f in equations]
        self.J = sympy.lambdify(variables, jac, "numpy")
        hess = [[[sympy.diff(g, v) for v in variables] for g in row] for row in jac]
        self.H = sympy.lambdify(variables, hess, "numpy")

    def jacobian(self, x) -> np.ndarray:
        return np.array(self.J(*x), dtype=complex).reshape(self.s, self.n)

    def value(self, z, u) -> np.ndarray:
        x, lam = z[:self.n], z[self.n:]
        return np.concatenate([self.Q @ (x - u) - self.jacobian(x).T @ lam,
                               np.array(self.f(*x), dtype=complex).reshape(self.s)])

    def dz(self, z) -> np.ndarray:
        x, lam = z[:self.n], z[self.n:]
        J = self.jacobian(x)
        H = np.array(self.H(*x), dtype=complex).reshape(self.s, self.n, self.n)
        top = np.hstack([self.Q - np.tensordot(lam, H, axes=1), -J.T])
        bottom = np.hstack([J, np.zeros((self.s, self.s), dtype=complex)])
        return np.vstack([top, bottom])

    def newton(self, z, u, steps: int, tol: float):
        """At most ``steps`` Newton steps on ``F(.; u)``; ``(z, converged)`` with convergence when a step is below
        ``tol`` relative to ``|z|``."""
        for _ in range(steps):
            try:
                delta = np.linalg.solve(self.dz(z), -self.value(z, u))
            except np.linalg.LinAlgError:
                return z, False
            z = z + delta
            if np.linalg.norm(delta) <= tol * (1 + np.linalg.norm(z)):
                return z, True
        return z, False

    def track(self, z, u_a, u_b) -> np.ndarray | None:
        """Follow the solution ``z`` of ``F(.; u_a)`` to ``F(.; u_b)`` (``None`` if the path fails)."""
        t, h = 0.0, 0.05
        du = u_b - u_a
        rhs = np.concatenate([self.Q @ du, np.zeros(self.s, dtype=complex)])
        while t < 1.0:
            h = min(h, 1.0 - t)
            guess = self._rk4(z, rhs, h)
            corrected, ok = (None, False) if guess is None else self.newton(guess, u_a + (t + h) * du, 3, 1e-9)
            if ok and np.linalg.norm(corrected - guess) < 1e-8 * (1 + np.linalg.norm(z)):
                z, t = corrected, t + h
                h = min(h * 1.5, 0.05)
            else:
                h /= 2
                if h < 1e-10:
                    return None
            if np.linalg.norm(z) > 1e8:
                return None
        return z

    def _rk4(self, z, rhs, h):
        """Runge-Kutta step of ``dz/dt = F_z^{-1} Q du`` (the velocity is linear in ``rhs``)."""
        try:
            k1 = np.linalg.solve(self.dz(z), rhs)
            k2 = np.linalg.solve(self.dz(z + h / 2 * k1), rhs)
            k3 = np.linalg.solve(self.dz(z + h / 2 * k2), rhs)
            k4 = np.linalg.solve(self.dz(z + h * k3), rhs)
        except np.linalg.LinAlgError:
            return None
        return z + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)


def _start(system: _System, rng: np.random.Generator):
    x = rng.normal(size=system.n) + 1j * rng.normal(size=system.n)
    for _ in range(100):
        J = system.jacobian(x)
        value = np.array(system.f(*x), dtype=complex).reshape(system.s)
        if np.linalg.norm(value) < 1e-13 * (1 + np.linalg.norm(x)):
            break
        x = x - np.linalg.pinv(J) @ value
    lam = rng.normal(size=system.s) + 1j * rng.normal(size=system.s)
    u = x - np.linalg.solve(system.Q, system.jacobian(x).T @ lam)
    return np.concatenate([x, lam]), u


def _is_new(z, known, tol=1e-6) -> bool:
    return all(np.linalg.norm(z - k) > tol * (1 + np.linalg.norm(k)) for k in known)


def numeric_ed_degree(equations: Sequence[sympy.Expr], variables: Sequence[sympy.Symbol], Q,
                      u: Sequence, *, seed: int = 0, stall: int = 12, max_loops: int = 80) -> NumericCount:
    """The number of critical points of ``(x-u)^T Q (x-u)`` on ``V(equations)`` by monodromy (see the module
    docstring); ``equations`` must be a complete intersection and ``Q`` invertible.

    Parameters
    ----------
    equations
        A complete intersection.
    variables
        Its coordinates.
    Q
        An invertible symmetric matrix.
    u
        The data point.
    seed
        Seed of the random start system.
    stall
        Monodromy loops without a new solution before the count stops.
    max_loops
        Monodromy loops at most.

    Returns
    -------
    NumericCount
        The number of critical points found (a numerical count, not a certificate).

    Raises
    ------
    InvalidInput
        When ``Q`` is singular.

    Examples
    --------
    >>> x, y = sympy.symbols("x y")
    >>> numeric_ed_degree([x**2 + y**2 - 1], (x, y), [[4, 0], [0, 1]], (3, 5)).count
    4
    """
    Qf = np.array([[float(c) for c in row] for row in Q])
    if abs(np.linalg.det(Qf)) < 1e-12:
        raise InvalidInput("the numeric cross-check needs an invertible Q")
    rng = np.random.default_rng(seed)
    system = _System(list(equations), list(variables), Q)
    z0, u0 = _start(system, rng)
    known = [z0]
    scale = 1 + float(np.linalg.norm(u0)) / np.sqrt(system.n)
    loops = quiet = failed = 0
    while quiet < stall and loops < max_loops:
        loops += 1
        # loops at random scales, so that branch points near u_0 and far from it are both encircled
        size = scale * 10 ** rng.uniform(-1, 2)
        u1, u2 = (size * (rng.normal(size=system.n) + 1j * rng.normal(size=system.n)) for _ in range(2))
        found = False
        for z in list(known):
            end = z
            for a, b in ((u0, u1), (u1, u2), (u2, u0)):
                end = system.track(end, a, b) if end is not None else None
            if end is None:
                failed += 1
            elif _is_new(end, known):
                known.append(end)
                found = True
        quiet = 0 if found else quiet + 1
    target = np.array([float(c) for c in u], dtype=complex)
    finals = []
    for z in known:
        # the solutions over u_0 and over the target correspond one to one: a path that fails, or ends where
        # another already ended (a path jump), is tracked again along another random detour
        for _ in range(8):
            detour = (u0 + target) / 2 + scale * 1j * rng.normal(size=system.n)
            end = system.track(z, u0, detour)
            end = system.track(end, detour, target) if end is not None else None
            if end is not None:
                end, _ = system.newton(end, target, 4, 1e-11)
                if _is_new(end, finals):
                    finals.append(end)
                    break
            failed += 1
    residual = max((float(np.linalg.norm(system.value(z, target))) for z in finals), default=0.0)
    real = sum(1 for z in finals if np.linalg.norm(z[:system.n].imag) < 1e-7 * (1 + np.linalg.norm(z)))
    return NumericCount(len(finals), real, loops, failed, residual,
                        f"monodromy in u (stopped after {stall} loops without a new solution), Runge-Kutta/Newton tracking")
