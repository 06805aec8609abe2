"""The tropical form of a ReLU network with rational weights (Zhang, Naitzat and Lim 2018).

A *tropical (max-plus) polynomial* is ``F(x) = max_i (c_i + a_i . x)``, stored as a dict ``{a_i: c_i}`` (exponents
``a_i``, here rational vectors, and real coefficients ``c_i``). Max is tropical addition, ``+`` tropical
multiplication; a positive multiple ``k F`` is ``max_i (k c_i + k a_i . x)``. Every ReLU network is a *tropical
rational function* ``F - G``: with ``W = W^+ - W^-`` (positive and negative parts), if the layer's input is
``F - G`` then its pre-activation is ``H - G'`` with

    ``H = W^+ F + W^- G + b`` and ``G' = W^+ G + W^- F``,

and ``relu(H - G') = max(H, G') - G'``. Sums of tropical polynomials are Minkowski sums of their monomials;
after each step the monomials that are nowhere the strict maximum are dropped (exactly: a monomial is kept when a
rational point where it is the unique maximum is found, and dropped only with a Gordan certificate from
[`weightspace.lp.solve_signs()`][weightspace.lp.solve_signs]). The kept monomials are the vertices of the upper
hull of the lifted Newton polytope, and they are the linear pieces of the convex function.

The *Newton polytope bound*: where the convex function ``F + G`` is affine, ``F`` and ``G`` are both affine (a convex
function that is an affine function minus a convex one is affine), hence so is the network. So the number of linear
regions of the network is at most the number of monomials of the tropical product ``F G`` (the vertices of the upper
hull of ``P(F) + P(G)``, lifted); for one hidden layer these are zonotopes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Sequence

import numpy as np

from ...errors import CertificationError, TooLarge
from ...lp import solve_signs
from .network import ReLUNet

Tropical = dict[tuple[Fraction, ...], Fraction]


def evaluate_tropical(polynomial: Tropical, x: Sequence[Fraction]) -> Fraction:
    """``max_i (c_i + a_i . x)`` exactly.

    Parameters
    ----------
    polynomial
        Monomials ``(a_i, c_i)``.
    x
        The point.

    Returns
    -------
    Fraction
        The value.
    """
    return max(c + sum((a * v for a, v in zip(e, x)), Fraction(0)) for e, c in polynomial.items())


def _scale(p: Tropical, k: Fraction) -> Tropical:
    return {tuple(k * a for a in e): k * c for e, c in p.items()}


def _max(p: Tropical, q: Tropical) -> Tropical:
    out = dict(p)
    for e, c in q.items():
        if e not in out or out[e] < c:
            out[e] = c
    return out


def _product(p: Tropical, q: Tropical) -> Tropical:
    out: Tropical = {}
    for e1, c1 in p.items():
        for e2, c2 in q.items():
            e = tuple(a + b for a, b in zip(e1, e2))
            c = c1 + c2
            if e not in out or out[e] < c:
                out[e] = c
    return out


def essential(p: Tropical, max_monomials: int = 20_000, seed: int = 0) -> Tropical:
    """The monomials of ``p`` that are the unique maximum on an open set (exact; see the module docstring).

    Parameters
    ----------
    p
        Monomials ``(a_i, c_i)``.
    max_monomials
        Monomials allowed before the pruning stops.
    seed
        Seed of the random directions that propose the essential monomials (each is then decided exactly).

    Returns
    -------
    list
        The essential monomials.

    Raises
    ------
    TooLarge
        When ``p`` has more than ``max_monomials`` monomials.
    CertificationError
        When a monomial is neither shown essential nor certified redundant (cannot happen for exact LP).
    """
    if len(p) <= 1:
        return dict(p)
    if len(p) > max_monomials:
        raise TooLarge(f"a tropical polynomial with {len(p)} monomials", f"{len(p)} LPs")
    items = list(p.items())
    exponents = np.array([[float(a) for a in e] for e, _ in items])
    coefficients = np.array([float(c) for _, c in items])
    d = exponents.shape[1]
    rng = np.random.default_rng(seed)
    keep: set[int] = set()
    spread = 1 + float(np.abs(coefficients).max()) / max(1e-9, float(np.abs(exponents).max(initial=1.0)))
    for radius in (0.1, 1.0, 10.0, 100.0):
        points = rng.uniform(-radius * spread, radius * spread, size=(64, d))
        values = coefficients[None, :] + points @ exponents.T
        for row, x in zip(values, points):
            top = int(np.argmax(row))
            if top in keep:
                continue
            exact_x = [Fraction(float(v)).limit_denominator(10**6) for v in x]
            value = [c + sum((a * v for a, v in zip(e, exact_x)), Fraction(0)) for e, c in items]
            if all(value[top] > value[j] for j in range(len(items)) if j != top):
                keep.add(top)
    out: Tropical = {}
    for i, (e, c) in enumerate(items):
        if i not in keep:
            rows = [tuple(a - b for a, b in zip(e, f)) + (c - g,) for j, (f, g) in enumerate(items) if j != i]
            rows.append(tuple([Fraction(0)] * d) + (Fraction(1),))
            answer = solve_signs(rows, [1] * len(rows))
            if not answer.feasible:
                continue
        out[e] = c
    if not out:                                        # pragma: no cover - some monomial is maximal somewhere
        raise CertificationError("no monomial of a tropical polynomial survived pruning")
    return out


@dataclass(frozen=True)
class TropicalForm:
    """The network as ``F - G`` (one pair per output), with the Newton polytope vertices of both."""

    network: ReLUNet
    numerators: tuple[Tropical, ...]
    denominators: tuple[Tropical, ...]

    def evaluate(self, x: Sequence[Any]) -> tuple[Fraction, ...]:
        x = [Fraction(v) for v in x]
        return tuple(evaluate_tropical(f, x) - evaluate_tropical(g, x)
                     for f, g in zip(self.numerators, self.denominators))

    def verify(self, points: int = 200, seed: int = 0) -> bool:
        """Exact agreement of ``F - G`` with the network at ``points`` random rational points (and at 0)."""
        rng = np.random.default_rng(seed)
        d = self.network.input_dimension
        samples = [[Fraction(0)] * d] + [[Fraction(int(v), 7) for v in rng.integers(-70, 71, size=d)]
                                          for _ in range(points)]
        return all(self.evaluate(x) == self.network.forward(x) for x in samples)

    def region_bound(self, output: int = 0) -> int:
        """Monomials of the tropical product ``F G``: an upper bound on the network's linear regions."""
        return len(essential(_product(self.numerators[output], self.denominators[output])))

    def to_dict(self) -> dict[str, Any]:
        def monomials(p: Tropical) -> list[dict[str, Any]]:
            return [{"exponent": [str(a) for a in e], "coefficient": str(c)} for e, c in sorted(p.items())]

        return {"network": self.network.spec,
                "outputs": [{"F": monomials(f), "G": monomials(g), "newton_F": _strs(newton_vertices(f)),
                             "newton_G": _strs(newton_vertices(g))}
                            for f, g in zip(self.numerators, self.denominators)]}


def _strs(points):
    return [[str(a) for a in p] for p in points]


def tropical_form(net: ReLUNet, max_monomials: int = 20_000) -> TropicalForm:
    """The tropical rational form ``F - G`` of a network with rational weights, pruned to essential monomials.

    Parameters
    ----------
    net
        The network (one output).
    max_monomials
        Monomials allowed in either polynomial.

    Returns
    -------
    TropicalForm
        ``F`` and ``G`` with ``net(x) = F(x) - G(x)``.

    Raises
    ------
    TooLarge
        When an intermediate polynomial has more than ``max_monomials`` monomials.

    Examples
    --------
    ``relu(x) - relu(-x) = x`` comes out as ``F = max(2x, x)`` and ``G = max(x, 0)``, whose difference is ``x``:

    >>> from weightspace.arch.relu.network import ReLUNet
    >>> form = tropical_form(ReLUNet([[[1], [-1]], [[1, -1]]], [[0, 0], [0]]))
    >>> sorted(form.numerators[0]), sorted(form.denominators[0]), form.verify()
    ([(Fraction(1, 1),), (Fraction(2, 1),)], [(Fraction(0, 1),), (Fraction(1, 1),)], True)
    """
    d = net.input_dimension
    zero = tuple([Fraction(0)] * d)
    F = [{tuple(Fraction(int(i == j)) for j in range(d)): Fraction(0)} for i in range(d)]
    G = [{zero: Fraction(0)} for _ in range(d)]
    last = len(net.weights) - 1
    for layer, (w, b) in enumerate(zip(net.weights, net.biases)):
        new_F, new_G = [], []
        for row, bias in zip(w, b):
            H: Tropical = {zero: bias}
            Gp: Tropical = {zero: Fraction(0)}
            for weight, f, g in zip(row, F, G):
                if weight > 0:
                    H, Gp = _product(H, _scale(f, weight)), _product(Gp, _scale(g, weight))
                elif weight < 0:
                    H, Gp = _product(H, _scale(g, -weight)), _product(Gp, _scale(f, -weight))
                H, Gp = essential(H, max_monomials), essential(Gp, max_monomials)
            new_F.append(H if layer == last else essential(_max(H, Gp), max_monomials))
            new_G.append(Gp)
        F, G = new_F, new_G
    return TropicalForm(net, tuple(F), tuple(G))


def newton_vertices(polynomial: Tropical) -> list[tuple[Fraction, ...]]:
    """Vertices of the Newton polytope ``conv{a_i}`` of a tropical polynomial: ``a_i`` is a vertex iff some
    direction ``y`` has ``y . a_i > y . a_j`` for every other exponent (decided exactly).

    Parameters
    ----------
    polynomial
        Monomials ``(a_i, c_i)``.

    Returns
    -------
    list of tuple
        The exponents that are vertices.

    Examples
    --------
    >>> F = {(Fraction(0), Fraction(0)): 0, (Fraction(1), Fraction(0)): 0, (Fraction(0), Fraction(1)): 0,
    ...      (Fraction(1, 4), Fraction(1, 4)): 5}
    >>> len(newton_vertices(F))
    3
    """
    exponents = sorted(set(polynomial))
    if len(exponents) <= 1:
        return exponents
    out = []
    for i, e in enumerate(exponents):
        rows = [tuple(a - b for a, b in zip(e, f)) for j, f in enumerate(exponents) if j != i]
        if solve_signs(rows, [1] * len(rows)).feasible:
            out.append(e)
    return out


__all__ = ["Tropical", "TropicalForm", "tropical_form", "essential", "evaluate_tropical", "newton_vertices"]
