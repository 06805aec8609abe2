"""Polynomial networks as the talk defines them: affine layers and any polynomial activation.

[`AffineNet(widths, activation, bias)`][weightspace.arch.polynomial.affine.AffineNet] is

    x -> W_L s(W_{L-1} s( ... s(W_1 x + b_1) ... ) + b_{L-1}) + b_L,

with ``s(t) = a_0 + a_1 t + ... + a_S t^S`` applied coordinatewise (``a_S != 0``) and the biases ``b_l`` present
or not. Each output is a polynomial of degree at most ``D = S^(L-1)`` in ``d_0`` variables, so the ambient space is
``(R[x]_{<= D})^{d_L}`` of dimension ``d_L C(d_0 + D, D)``; the coefficient vector lists, for each output, the
monomials of degree ``D, D-1, ..., 0`` (each degree lexicographically largest first).

Symmetries (the continuous ones, which lower the expected dimension):

* ``S >= 2`` and ``s`` an affine image of a monomial, ``s(t) = a (t + h)^S + k``: each hidden neuron can be
  rescaled. Incoming weights and shifted bias go to ``c w`` and ``c (b + h) - h``, outgoing weights to
  ``v / c^S``, and the next layer's bias absorbs the constant ``v k (1 - c^-S)``. With biases this holds for every
  such ``s``; without biases only for ``s = a t^S`` (``h = k = 0``). Other activations have no continuous symmetry
  that this module counts (the expected dimension then counts none: it stays an upper bound).
* ``S = 1``: ``GL(d_i)`` (and with biases the translations) act at each hidden layer; the function is an affine map
  ``x -> M x + c`` with ``rank M <= min d_i``, and the dimension is known: ``r (d_0 + d_L - r)`` plus ``d_L`` for
  the free constant when there are biases (``r = min d_i``).

The expected dimension ``min(#parameters - #symmetries, ambient)`` is an upper bound on the dimension, which the
exact Jacobian ranks of [`neuromanifold_dimension`][weightspace.algebraic.dimension.neuromanifold_dimension] meet
or fall below (a defect).

Examples
--------
>>> net = AffineNet((2, 2, 1), "x^2", bias=True)
>>> net.parameter_count, net.ambient_dimension, net.symmetry_dimension, net.expected_dimension
(9, 6, 2, 6)
>>> net.polynomial([1, 0, 1, 0, 1, 0, 1, 1, 5])       # (x + 1)^2 + y^2 + 5
[x**2 + 2*x + y**2 + 6]
"""

from __future__ import annotations

from fractions import Fraction
from math import comb
from typing import Any, Sequence

import flint

from ...errors import InvalidInput
from ..base import ParameterSpace
from .dual import dense_layer
from .network import _Network, _polynomials, _widths


def read_activation(activation: str | int | Sequence) -> tuple[Fraction, ...]:
    """The coefficients ``a_0, ..., a_S`` of an activation: a polynomial in ``x`` or ``t`` (``"x^2 + x"``), a
    degree ``R`` (the monomial ``t^R``) or the coefficients themselves.

    Parameters
    ----------
    activation
        The activation as text, a degree or coefficients.

    Returns
    -------
    tuple of Fraction
        ``a_0, ..., a_S`` with ``a_S != 0``.

    Raises
    ------
    InvalidInput
        For text that is not a univariate polynomial of positive degree.

    Examples
    --------
    >>> read_activation("x^2 + x") == (0, 1, 1)
    True
    >>> read_activation(3) == (0, 0, 0, 1)
    True
    """
    from ...algebraic.polynomial_parser import read_polynomial
    if isinstance(activation, int):
        if activation < 1:
            raise InvalidInput("the activation degree must be positive")
        return (Fraction(0),) * activation + (Fraction(1),)
    if isinstance(activation, str):
        terms = read_polynomial(activation, ["x", "t"])
        if any(a and b for a, b in terms):
            raise InvalidInput(f"the activation {activation!r} must be a polynomial in one variable (x or t)")
        coefficients: dict[int, Fraction] = {}
        for (a, b), c in terms.items():
            coefficients[a + b] = coefficients.get(a + b, Fraction(0)) + c
        degree = max((e for e, c in coefficients.items() if c), default=0)
        out = tuple(coefficients.get(e, Fraction(0)) for e in range(degree + 1))
    else:
        out = tuple(Fraction(c) for c in activation)
        while out and out[-1] == 0:
            out = out[:-1]
    if len(out) < 2:
        raise InvalidInput(f"the activation {activation!r} must have positive degree")
    return out


def activation_text(a: Sequence[Fraction]) -> str:
    """The activation as compact text in ``t`` (``t^2+t``), as used in specs.

    Parameters
    ----------
    a
        Its coefficients ``a_0, ..., a_S``.

    Returns
    -------
    str
        The text.
    """
    parts = []
    for e in range(len(a) - 1, -1, -1):
        c = a[e]
        if c == 0:
            continue
        power = "" if e == 0 else "t" if e == 1 else f"t^{e}"
        number = "" if (c in (1, -1) and e) else str(abs(c)) if c.denominator == 1 else f"({abs(c)})"
        parts.append(("-" if c < 0 else "+") + number + ("*" if number and power else "") + power)
    text = "".join(parts)
    return text[1:] if text.startswith("+") else text


def monomial_shift(a: Sequence[Fraction]) -> tuple[Fraction, Fraction] | None:
    """``(h, k)`` when ``s(t) = a_S (t + h)^S + k`` exactly, else ``None``.

    Parameters
    ----------
    a
        The coefficients ``a_0, ..., a_S`` (``S >= 1``).

    Returns
    -------
    tuple or None
        The shift ``h`` and the constant ``k``.

    Examples
    --------
    >>> monomial_shift(read_activation("x^2 + x"))
    (Fraction(1, 2), Fraction(-1, 4))
    >>> monomial_shift(read_activation("x^3 + x")) is None
    True
    """
    S, lead = len(a) - 1, a[-1]
    h = a[S - 1] / (S * lead)
    shifted = [lead * comb(S, e) * h ** (S - e) for e in range(S + 1)]
    if any(shifted[e] != a[e] for e in range(1, S + 1)):
        return None
    return h, a[0] - shifted[0]


class AffineNet(_Network):
    """``x -> W_L s(... s(W_1 x + b_1) ...) + b_L`` with any polynomial ``s`` (see the module docstring).

    Raises
    ------
    InvalidInput
        For fewer than two widths, a non-positive width or an activation of degree 0.
    TooLarge
        When the ambient space has more than ``MAX_AMBIENT_DIMENSION`` coefficients.
    """

    def __init__(self, widths: Sequence[int] | str, activation: str | int | Sequence = 2, bias: bool = True):
        self.widths = _widths(widths)
        if len(self.widths) < 2:
            raise InvalidInput("give at least two widths (input and output)")
        self.activation = read_activation(activation)
        self.bias = bool(bias)
        self.degree = len(self.activation) - 1
        self.shapes = tuple((self.widths[l + 1], self.widths[l] + self.bias) for l in range(len(self.widths) - 1))
        self.spec = f"poly:{','.join(map(str, self.widths))}:{activation_text(self.activation)}" + \
            (":bias" if self.bias else "")
        self._check_size()
        monomials = _polynomials().monomials
        self._basis = [m for d in range(self.output_degree, -1, -1) for m in monomials(self.widths[0], d)]

    def hint(self, name: str) -> str:
        """Semi-algebraic: the generic verbs point to ``weightspace neuromanifold``."""
        return (f"it is semi-algebraic (its functions form a continuum); use weightspace neuromanifold "
                f"{self.neuromanifold_options()} for its dimension" + (" or --member F" if name == "realize" else ""))

    def neuromanifold_options(self) -> str:
        return (f"--arch poly --widths {','.join(map(str, self.widths))} --activation "
                f"\"{activation_text(self.activation)}\"" + (" --bias" if self.bias else ""))

    @property
    def parameter_space(self) -> ParameterSpace:
        names = []
        for l, (a, b) in enumerate(self.shapes):
            for i in range(a):
                names += [f"W{l + 1}[{i},{j}]" for j in range(self.widths[l])] + ([f"b{l + 1}[{i}]"] if self.bias
                                                                                  else [])
        return ParameterSpace.free(names)

    @property
    def parameter_degree(self) -> int:
        """The degree of the coefficients in the parameters: ``sum_k S^k`` over the layers."""
        return sum(self.degree ** k for k in range(len(self.widths) - 1))

    @property
    def ambient_dimension(self) -> int:
        """``d_L C(d_0 + D, D)``."""
        return self.widths[-1] * comb(self.widths[0] + self.output_degree, self.output_degree)

    @property
    def support_degrees(self) -> frozenset[int]:
        """The degrees that can occur in an output. With biases: ``0..D``. Without: ``E_0 = {1}`` and ``E_{l+1}``
        the sums of ``e`` elements of ``E_l`` over the exponents ``e`` of ``s`` (an even ``s`` gives even
        polynomials, an odd one odd polynomials, ``s(0) = 0`` no constant term, ``t^S`` forms of degree ``D``)."""
        if self.bias:
            return frozenset(range(self.output_degree + 1))
        exponents = [e for e, c in enumerate(self.activation) if c]
        degrees = frozenset({1})
        for _ in range(len(self.widths) - 2):
            sums = {0: frozenset({0})}
            for e in range(1, max(exponents) + 1):
                sums[e] = frozenset(a + b for a in sums[e - 1] for b in degrees)
            degrees = frozenset().union(*(sums[e] for e in exponents))
        return degrees

    @property
    def reachable_dimension(self) -> int:
        """The dimension of the coefficient space spanned by the monomials of ``support_degrees``."""
        n = self.widths[0]
        return self.widths[-1] * sum(comb(n + d - 1, d) for d in self.support_degrees)

    @property
    def known_dimension(self) -> int | None:
        """For ``S = 1`` (and biases, or ``a_0 = 0``): ``r (d_0 + d_L - r)`` (``+ d_L`` with biases)."""
        if self.degree != 1 or (not self.bias and self.activation[0] != 0):
            return None
        r = min(self.widths)
        return r * (self.widths[0] + self.widths[-1] - r) + (self.widths[-1] if self.bias else 0)

    def _rescalable(self) -> bool:
        shift = monomial_shift(self.activation)
        return self.degree >= 2 and shift is not None and (self.bias or shift == (0, 0))

    @property
    def symmetry_dimension(self) -> int:
        """The continuous symmetries counted in the module docstring."""
        hidden = self.widths[1:-1]
        if self.degree == 1:
            return sum(w * w + (w if self.bias else 0) for w in hidden) if self.known_dimension is not None else 0
        return sum(hidden) if self._rescalable() else 0

    @property
    def expected_dimension(self) -> int:
        """``min(#parameters - #symmetries, reachable)`` (the naive count of Alexander–Hirschowitz, in which sums of
        squares are defective), or the known dimension for ``S = 1``."""
        if self.known_dimension is not None:
            return self.known_dimension
        return min(self.parameter_count - self.symmetry_dimension, self.reachable_dimension)

    @property
    def dimension_upper_bound(self) -> int:
        """A proven upper bound: the expected dimension, less ``m (m - 1) / 2`` for a quadratic ``s`` whose last
        hidden layer (``m <= d_{L-2}`` plus one with biases neurons) feeds one output. There ``sum_i v_i z_i^2`` is
        kept by the orthogonal group of ``diag(v)`` acting on ``z``; with the rescalings it is the group of
        ``(A, v')`` with ``A^T diag(v') A = diag(v)``, of dimension ``m (m + 1) / 2``, acting with finite
        stabilisers at generic points."""
        m = self.widths[-2] if len(self.widths) > 2 else 0
        if (self.known_dimension is None and self.degree == 2 and self._rescalable() and self.widths[-1] == 1
                and m <= self.widths[-3] + self.bias):
            return min(self.expected_dimension, self.parameter_count - self.symmetry_dimension - m * (m - 1) // 2)
        return self.expected_dimension

    def _forward(self, ctx, weights, direction):
        x = ctx.gens()
        zero, one = 0 * x[0], x[0] ** 0
        p = getattr(ctx, "modulus", lambda: None)()
        coefficient = ((lambda c: flint.fmpq(c.numerator, c.denominator)) if p is None else
                       (lambda c: c.numerator * pow(c.denominator, -1, p) % p))
        a = [coefficient(c) for c in self.activation]
        derivative = [e * a[e] for e in range(1, len(a))]
        h = [(g, zero) for g in x]
        last = len(weights) - 1
        for l, W in enumerate(weights):
            inputs = h + ([(one, zero)] if self.bias else [])
            z = dense_layer(W, inputs, zero, direction[1:] if direction is not None and direction[0] == l else None)
            if l < last:
                z = [(_horner(a, v, zero), _horner(derivative, v, zero) * t) for v, t in z]
            h = z
        return [v for v, _ in h], [t for _, t in h]

    def variables(self):
        names = ("x", "y") if self.widths[0] == 2 else tuple(f"x{i + 1}" for i in range(self.widths[0]))
        return _polynomials().symbols(",".join(names))

    def _expression(self, c: Sequence) -> Any:
        import sympy
        variables = self.variables()
        return sympy.expand(sum((sympy.Rational(Fraction(v).numerator, Fraction(v).denominator)
                                 * sympy.Mul(*(x ** e for x, e in zip(variables, m)))
                                 for v, m in zip(c, self._basis)), sympy.Integer(0)))

    def polynomial(self, theta: Sequence) -> list:
        """The outputs as sympy polynomials in ``x, y`` (two inputs) or ``x1, ..., xn``."""
        c, size = self.coefficients(theta), len(self._basis)
        return [self._expression(c[k * size:(k + 1) * size]) for k in range(self.widths[-1])]

    def forward_float(self, theta: Sequence[float], points) -> Any:
        """The outputs at the rows of ``points`` by the network's own forward pass in floating point (one column
        per output); independent of the coefficient vector."""
        import numpy as np
        h = np.asarray(points, dtype=float).T
        a = [float(c) for c in self.activation]
        weights = self.split(list(theta))
        for l, W in enumerate(weights):
            W = np.asarray(W, dtype=float)
            h = W[:, :self.widths[l]] @ h + (W[:, -1:] if self.bias else 0)
            if l < len(weights) - 1:
                h = sum(c * h ** e for e, c in enumerate(a))
        return h.T

    def parse_function(self, f: Any) -> tuple[Fraction, ...]:
        """Polynomials of degree at most ``D`` (text, one per output) or a coefficient vector.

        Raises
        ------
        InvalidInput
            For a polynomial of higher degree, unknown variables or the wrong number of outputs."""
        from ...algebraic.polynomial_parser import read_polynomial
        if isinstance(f, str):
            f = [f]
        f = list(f)
        if f and all(isinstance(c, str) for c in f):
            if len(f) != self.widths[-1]:
                raise InvalidInput(f"{self.spec} has {self.widths[-1]} outputs, got {len(f)} polynomials")
            out: list[Fraction] = []
            names = [str(v) for v in self.variables()]
            for text in f:
                terms = read_polynomial(text, names)
                if any(sum(m) > self.output_degree for m, c in terms.items() if c):
                    raise InvalidInput(f"{text} has degree above {self.output_degree}, the degree of {self.spec}")
                out.extend(terms.get(m, Fraction(0)) for m in self._basis)
            return tuple(out)
        if len(f) != self.ambient_dimension:
            raise InvalidInput(f"a function of {self.spec} has {self.ambient_dimension} coefficients")
        return tuple(Fraction(c) for c in f)

    def function_dict(self, f: tuple) -> dict[str, Any]:
        size = len(self._basis)
        return {"coefficients": [str(c) for c in f],
                "polynomials": [str(self._expression(f[k * size:(k + 1) * size])) for k in range(self.widths[-1])]}


def _horner(a: Sequence, v, zero):
    out = zero
    for c in reversed(a):
        out = out * v + c
    return out


__all__ = ["AffineNet", "read_activation", "activation_text", "monomial_shift"]
