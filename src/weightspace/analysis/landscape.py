"""Where do the critical points of a training loss lie in ``Sigma[Par_A]``? (source draft, section 1.5)

Every loss here is a sum over linear forms of the parameters, plus weight decay:

    L(theta) = sum_k phi_k(a_k . theta) + lambda |theta|^2,

with rows ``a_k`` exact (one per data point, or per (pattern, unit) for MPF):

* ``logistic``: ``phi_k(z) = log(1 + e^(-s_k z))``, ``s_k = +-1`` the target; ``exp``: ``phi_k(z) = e^(-s_k z)``;
* ``mse``: ``phi_k(z) = (sigma(beta z) - y_k)^2``, a sigmoid unit at inverse temperature ``beta`` (not convex);
* ``mpf`` (Hopfield networks, patterns to store): ``phi_k(z) = e^(s_k z / 2)`` with ``a_k . theta`` the field of unit
  ``i`` at pattern ``x`` and ``s_k = 1 - 2 x_i`` (the objective of [`weightspace.learn.mpf`][weightspace.learn.mpf],
  which the tests compare).

The first two and MPF are convex: there is at most one critical point, the minimum, found by Newton's method; when
the loss has no minimum (``lambda = 0`` and the target realisable) the minimising direction is reported with its cell.
For ``mse`` with ``lambda > 0`` every critical point satisfies ``|theta| <= G / (2 lambda)`` with
``G = (beta / 2) sum_k |a_k|`` a bound on ``|grad sum phi_k|``, so the box ``[-R, R]^d`` holds them all; an interval
branch-and-bound (Arb balls) discards boxes where some component of the interval gradient excludes 0 and proves a
unique zero in the others with the Krawczyk operator ``K(X) = y - Y F(y) + (I - Y F'(X))(X - y) subset int X``
(Krawczyk 1969; Moore 1977). Each proven critical point gets:

* its *Morse index*, the number of negative eigenvalues of the Hessian, certified when every eigenvalue of the
  midpoint Hessian exceeds the Frobenius norm of the interval Hessian's radius (Weyl's inequality);
* its *cell* of ``Sigma[Par_A]``: the sign of every ``a_k . theta`` over the proven box (``0`` when the ball meets the
  wall), so a chamber or a lower face.

The *Morse check*: for a coercive loss whose critical points are all non-degenerate and lie in a ball,
``sum (-1)^index = chi(ball) = 1`` (Poincare-Hopf). Boxes left undecided at the depth limit are reported, and then the
check is a consistency test only.

Examples
--------
>>> result = landscape("threshold:2", table="0110", loss="mse", beta=4, weight_decay="1/20")
>>> result.morse_check["sum"], sorted(p.index for p in result.critical_points)
(1, [0, 0, 0, 0, 1, 1, 1])
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

import flint
import numpy as np

from ..errors import InvalidInput
from ..exact import to_fraction

LOSSES = ("mpf", "logistic", "exp", "mse")
MAX_BOXES = 400_000


@dataclass(frozen=True)
class Objective:
    """``sum_k phi(a_k . theta) + lambda |theta|^2``: rows, signs ``s_k`` (or targets ``y_k``), the loss and its
    constants."""

    rows: tuple[tuple[Fraction, ...], ...]
    targets: tuple[int, ...]
    loss: str
    beta: Fraction = Fraction(1)
    weight_decay: Fraction = Fraction(0)

    @property
    def dimension(self) -> int:
        return len(self.rows[0])

    def _phi(self, z, k: int, order: int, exp, b):
        s = self.targets[k]
        if self.loss == "exp" or self.loss == "mpf":
            c = -s if self.loss == "exp" else s / 2
            e = exp(min(c * z, 700.0)) if isinstance(z, float) else exp(c * z)
            return e * c ** order
        if self.loss == "logistic":
            if order == 0:
                return _log1p_exp(-s * z, exp)
            p = 1 / (1 + exp(min(s * z, 700.0) if isinstance(z, float) else s * z))      # sigma(-s z)
            return -s * p if order == 1 else p * (1 - p)
        y = (1 + s) // 2
        if isinstance(z, flint.arb):                 # tight enclosures: each quantity once, clipped to its range
            q = _clip(1 / (1 + (-b * z).exp()), 0, 1)
            d = _clip(b / (4 * ((b * z / 2).cosh()) ** 2), 0, b / 4)
        else:
            u = -b * z
            q = 1 / (1 + exp(u)) if u < 700 else 0.0
            d = b * q * (1 - q)
        if order == 0:
            return (q - y) ** 2
        if order == 1:
            g = 2 * (q - y) * d
            return _clip(g, -b / 2, b / 2) if isinstance(g, flint.arb) else g
        return 2 * d * d + 2 * (q - y) * d * b * (1 - 2 * q)

    def evaluate(self, theta: Sequence, order: int, exp=math.exp, const=float):
        """Value (``order`` 0), gradient (1) or Hessian (2) at ``theta``, in the arithmetic of ``theta``'s
        entries (floats, or Arb balls with ``exp = lambda z: z.exp()`` for enclosures over a box).

        Parameters
        ----------
        theta
            The parameters.
        order
            0, 1 or 2.
        exp
            The exponential of the arithmetic.
        const
            Converts an exact constant into the arithmetic.

        Returns
        -------
        Any
            A number, a list, or a list of lists.
        """
        d = self.dimension
        lam = const(self.weight_decay)
        rows = [[const(a) for a in row] for row in self.rows]
        beta = const(self.beta)
        zs = [sum((a * t for a, t in zip(row, theta)), 0 * theta[0]) for row in rows]
        if order == 0:
            return sum((self._phi(z, k, 0, exp, beta) for k, z in enumerate(zs)), 0 * theta[0]) + \
                lam * sum((t * t for t in theta), 0 * theta[0])
        if order == 1:
            out = [2 * lam * t for t in theta]
            for k, z in enumerate(zs):
                g = self._phi(z, k, 1, exp, beta)
                for i in range(d):
                    if self.rows[k][i]:
                        out[i] = out[i] + g * rows[k][i]
            return out
        H = [[(2 * lam if i == j else 0) + 0 * theta[0] for j in range(d)] for i in range(d)]
        for k, z in enumerate(zs):
            h = self._phi(z, k, 2, exp, beta)
            row = rows[k]
            for i in range(d):
                if self.rows[k][i]:
                    for j in range(d):
                        if self.rows[k][j]:
                            H[i][j] = H[i][j] + h * row[i] * row[j]
        return H


def _clip(ball: flint.arb, low, high) -> flint.arb:
    """``ball`` intersected with ``[low, high]`` (a known range of the quantity it encloses)."""
    if not ball.is_finite():
        return flint.arb((float(low) + float(high)) / 2, (float(high) - float(low)) / 2 * (1 + 1e-15))
    lo = max(float(ball.lower()), float(low))
    hi = min(float(ball.upper()), float(high))
    if lo > hi:
        return ball
    return flint.arb((lo + hi) / 2, (hi - lo) / 2 * (1 + 1e-15) + 1e-300)


def _log1p_exp(u, exp):
    if isinstance(u, flint.arb):
        return (1 + exp(u)).log()
    return max(float(u), 0.0) + math.log1p(math.exp(-abs(float(u))))


@dataclass(frozen=True)
class CriticalPoint:
    """A critical point: its (midpoint) parameters, loss, Morse index, cell and whether all three are proven."""

    point: tuple[float, ...]
    radius: float
    loss: float
    index: int
    cell: str
    certified: bool
    function: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {"point": list(self.point), "radius": self.radius, "loss": self.loss, "index": self.index,
                "cell": self.cell, "certified": self.certified, "function": self.function}


@dataclass
class Landscape:
    """Every critical point found, the Morse check, and for convex losses without a minimum the direction."""

    spec: str
    loss: str
    critical_points: list[CriticalPoint]
    morse_check: dict[str, Any]
    complete: bool
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"spec": self.spec, "loss": self.loss, "critical_points": [p.to_dict() for p in self.critical_points],
                "morse_check": self.morse_check, "complete": self.complete, "seconds": round(self.seconds, 3),
                **self.extra}

    def lines(self) -> list[str]:
        out = [f"{self.spec}, {self.loss} loss: {len(self.critical_points)} critical point(s)"
               + ("" if self.complete else " (search incomplete)")]
        for p in self.critical_points:
            point = ", ".join(f"{x:.4g}" for x in p.point)
            out.append(f"  index {p.index}  loss {p.loss:.6g}  at ({point})  cell {p.cell}"
                       + (f"  function {p.function}" if p.function is not None else "")
                       + ("  [certified]" if p.certified else "  [numerical]"))
        out += [f"{key}: {self.extra[key]}" for key in ("minimising_direction", "prop5") if key in self.extra]
        check = self.morse_check
        if check["euler"] is None:
            out.append(f"Morse check: none ({check['reading']})")
        else:
            out.append(f"Morse check: sum (-1)^index = {check['sum']}, Euler characteristic {check['euler']}: "
                       f"{'agrees' if check['agrees'] else 'DIFFERS'} ({check['reading']})")
        return out


# ------------------------------------------------------------------------------------------------ building the loss
def objective_for(obj: Any, loss: str, table: str | None = None, patterns: Sequence[int] | None = None,
                  beta: Fraction | int | str = 1, weight_decay: Fraction | int | str = 0,
                  labelled: Sequence[tuple[Sequence, int]] | None = None) -> Objective:
    """The loss of a target on an architecture with a sign system (threshold unit, polynomial threshold unit,
    one-step Hopfield network), or the MPF objective of patterns on a Hopfield network.

    Parameters
    ----------
    obj
        The resolved spec.
    loss
        ``mpf``, ``logistic``, ``exp`` or ``mse``.
    table
        The target function (a truth table, or a map for a Hopfield network).
    patterns
        The states to store (codes), for ``mpf``.
    beta
        The inverse temperature of ``mse``.
    weight_decay
        ``lambda``.
    labelled
        A data set for a threshold unit: ``(point, label)`` pairs, label 0 or 1 (instead of ``table``).

    Returns
    -------
    Objective
        The rows, targets and constants.

    Raises
    ------
    InvalidInput
        For an unknown loss, a missing or malformed target, or ``mpf`` off a Hopfield network.
    NotSupported
        When the spec has no sign system (the loss needs linear forms).
    """
    if loss not in LOSSES:
        raise InvalidInput(f"unknown loss {loss!r}: use one of {', '.join(LOSSES)}")
    if obj.supports("sign_system") and getattr(obj, "parameter_space", None) is not None and \
            obj.parameter_space.dimension > 12:
        raise InvalidInput(f"{obj.spec} has {obj.parameter_space.dimension} parameters; the landscape search is "
                           "supported up to 12")
    beta, lam = to_fraction(beta), to_fraction(weight_decay)
    if beta <= 0 or lam < 0:
        raise InvalidInput("--beta must be positive and --weight-decay non-negative")
    if loss == "mpf":
        if not hasattr(obj, "constraint") or not patterns:
            raise InvalidInput("mpf needs a Hopfield spec and the patterns to store (--patterns 0,5 or --data FILE)")
        rows, signs = [], []
        for x in patterns:
            if not 0 <= x < 2 ** obj.n:
                raise InvalidInput(f"pattern {x} is not a state of {obj.n} nodes")
            for i in range(obj.n):
                rows.append(tuple(Fraction(v) for v in obj.row(i, x)))
                signs.append(1 - 2 * ((x >> i) & 1))
        return Objective(tuple(rows), tuple(signs), loss, beta, lam)
    if labelled is not None:
        if not hasattr(obj, "domain"):
            raise InvalidInput("a labelled data set (--data) trains a threshold unit: use threshold:N or points:FILE")
        d = obj.domain.dimension
        if any(len(point) != d or label not in (0, 1) for point, label in labelled):
            raise InvalidInput(f"each data row needs {d} coordinates and a 0/1 label")
        return Objective(tuple(tuple(to_fraction(v) for v in point) + (Fraction(1),) for point, _ in labelled),
                         tuple(1 if label else -1 for _, label in labelled), loss, beta, lam)
    obj.require("sign_system")
    if table is None:
        raise InvalidInput(f"the {loss} loss needs a target: --table T (a truth table, or a map for Hopfield)")
    system = obj.sign_system(obj.parse_function(table))
    return Objective(tuple(tuple(Fraction(v) for v in r) for r in system.rows), tuple(system.signs), loss, beta, lam)


def landscape(spec: str | Any, table: str | None = None, loss: str = "mse", patterns: Sequence[int] | None = None,
              beta: Fraction | int | str = 1, weight_decay: Fraction | int | str = 0, search: str = "multistart",
              starts: int = 300, seed: int = 0, max_boxes: int = MAX_BOXES, progress=None,
              labelled: Sequence[tuple[Sequence, int]] | None = None) -> Landscape:
    """The critical points of a loss on a spec's parameter space, with index, cell and the Morse check (see the
    module docstring).

    Parameters
    ----------
    spec
        A spec or resolved object.
    table
        The target (truth table or map).
    loss
        ``mpf``, ``logistic``, ``exp`` or ``mse``.
    patterns
        States to store, for ``mpf``.
    beta
        Inverse temperature of ``mse``.
    weight_decay
        ``lambda``; ``mse`` needs it positive (it bounds the search).
    search
        For ``mse``: ``multistart`` (Newton from ``starts`` points in the bounding box, each zero proven by
        Krawczyk) or ``branch-and-bound`` (complete when no box is left undecided).
    starts
        Newton starts.
    seed
        Seed of the starts.
    max_boxes
        Branch-and-bound budget.
    progress
        Called with ``(boxes, 0)``.
    labelled
        A labelled data set for a threshold unit, instead of ``table``.

    Returns
    -------
    Landscape
        The critical points and the check.

    Raises
    ------
    InvalidInput
        For bad targets or constants, or ``mse`` without weight decay.
    NotSupported
        For a spec without a sign system.
    """
    from ..specs import resolve
    from . import critical_points as cp
    obj = resolve(spec) if isinstance(spec, str) else spec
    if search not in ("multistart", "branch-and-bound"):
        raise InvalidInput(f"unknown search {search!r}: use multistart or branch-and-bound")
    objective = objective_for(obj, loss, table, patterns, beta, weight_decay, labelled)
    started = time.perf_counter()
    extra: dict[str, Any] = {"beta": float(objective.beta), "weight_decay": float(objective.weight_decay)}
    if loss == "mse":
        if objective.weight_decay <= 0:
            raise InvalidInput("the mse loss needs --weight-decay > 0: it bounds the region holding every critical "
                               "point, so the search can be complete")
        # 2 lambda theta_i = -sum_k phi_k' a_ki and |phi_k'| <= beta / 2: a box per coordinate
        lam, half = float(objective.weight_decay), float(objective.beta) / 2
        radius = [half * sum(abs(float(r[i])) for r in objective.rows) / (2 * lam) * (1 + 1e-9) + 1e-9
                  for i in range(objective.dimension)]
        extra["search_box_radius"] = radius
        if search == "branch-and-bound":
            boxes, undecided = cp.branch_and_bound(objective, radius, max_boxes, progress=progress)
            complete = undecided == 0
            extra["undecided_boxes"] = undecided
        else:
            boxes, failed = cp.multistart(objective, radius, starts, seed, progress)
            complete = False                         # many starts find points; they do not prove there are no others
            extra.update({"starts": starts, "unproven_points": failed})
        extra["search"] = search
    else:
        direction = _direction(objective) if objective.weight_decay == 0 else None
        if direction is not None:                    # no minimum: the loss decreases along an open cone
            boxes, complete = [], True
            extra["minimising_direction"] = direction
        else:
            point = cp.newton(objective, [0.0] * objective.dimension, steps=200)
            found = cp.refine(objective, point) if point is not None else None
            boxes = [found] if found is not None else []
            complete = found is not None
    points = []
    for X in boxes:
        index, certain = cp.morse_index(objective, X)
        signs = cp.cell(objective.rows, X)
        value = cp.enclosure(objective, X, 0)
        function = _function(obj, objective, signs, loss)
        points.append(CriticalPoint(tuple(float(x.mid()) for x in X), max(float(x.rad()) for x in X),
                                    float(value.mid()), index, signs, certain, function))
    points.sort(key=lambda p: (p.index, p.loss))
    total = sum((-1) ** p.index for p in points)
    coercive = objective.weight_decay > 0 or bool(points)
    morse = {"sum": total, "euler": 1 if coercive else None, "agrees": coercive and total == 1,
             "complete": complete,
             "reading": ("Poincare-Hopf on a ball holding every critical point of a coercive loss: "
                         + ("the search is complete, so the sum must be 1" if complete else
                            "a sum other than 1 shows a missed critical point; 1 is consistent, not a proof"))
                        if coercive else "the loss has no minimum (not coercive): no check"}
    if loss != "mpf" and (table is not None or labelled is not None):
        target = "".join("+" if s > 0 else "-" for s in objective.targets)
        minima = [p for p in points if p.index == 0]
        extra["prop5"] = {"minima": len(minima), "minima_in_par_f_of_target": sum(p.cell == target for p in minima)}
    result = Landscape(obj.spec, loss, points, morse, complete, 0.0, extra)
    result.seconds = time.perf_counter() - started
    return result


def _function(obj: Any, objective: Objective, signs: str, loss: str) -> Any:
    if "0" in signs or loss == "mpf" or len(signs) != len(getattr(obj, "domain", ())) and not hasattr(obj, "n"):
        return None
    outputs = [1 if s == "+" else 0 for s in signs]
    if hasattr(obj, "constraint"):
        n = obj.n
        return [sum(outputs[i * 2 ** n + x] << i for i in range(n)) for x in range(2 ** n)]
    return "".join(map(str, outputs))


def _direction(objective: Objective) -> dict[str, Any] | None:
    """For a convex loss without weight decay: an exact direction along which every term tends to 0 (then the loss
    has no minimum), or ``None`` when there is none (Gordan's alternative, decided exactly)."""
    from ..lp import solve_signs
    signs = [(-s if objective.loss == "mpf" else s) for s in objective.targets]
    answer = solve_signs(objective.rows, signs)
    if answer.witness is None:
        return None
    return {"direction": [str(v) for v in answer.witness],
            "reading": "no critical point: every term tends to 0 along this exact direction (for a target, a "
                       "direction of Par_f), so the loss has no minimum"}


__all__ = ["LOSSES", "Objective", "CriticalPoint", "Landscape", "objective_for", "landscape"]
