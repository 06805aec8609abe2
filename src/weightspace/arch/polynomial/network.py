"""Polynomial, linear and linear convolutional networks as architectures: parameters, the parametrisation map to
coefficient vectors, and its Jacobian.

* [`PolynomialNet(widths, r)`][weightspace.arch.polynomial.network.PolynomialNet]: ``x -> W_L s(W_{L-1} ... s(W_1 x))``
  with ``s(t) = t^r`` coordinatewise and no biases (Kileel, Trager, Bruna 2019, "On the expressive power of deep
  polynomial neural networks"). Each output is a homogeneous polynomial of degree ``D = r^(L-1)`` in ``d_0``
  variables, so the function space is ``(Sym^D C^{d_0})^{d_L}`` of dimension ``d_L C(d_0 + D - 1, D)``.
* [`LinearNet(widths)`][weightspace.arch.polynomial.network.LinearNet]: ``r = 1``; the function is the matrix
  ``W_L ... W_1``, and the neuromanifold is ``{M : rank M <= min d_i}``.
* [`LCN(kernels, strides)`][weightspace.arch.polynomial.network.LCN]: a one-dimensional linear convolutional network
  (Kohn, Merkh, Montúfar, Trager 2022, "Geometry of linear convolutional networks"). A filter ``w`` of size ``k``
  is the polynomial ``pi(w) = sum_i w_i t^i``; composing layers with strides ``s_l`` gives the end-to-end filter
  ``pi(w_1)(t) pi(w_2)(t^{S_2}) ... pi(w_L)(t^{S_L})`` with ``S_l = s_1 ... s_{l-1}``.

The parametrisation ``mu: Theta -> coefficients`` is computed exactly with python-flint multivariate polynomials
over ``QQ`` or ``GF(p)``; its Jacobian is computed by forward differentiation (dual numbers ``a + b eps``,
``eps^2 = 0``): column ``k`` is the ``eps``-part of ``mu(Theta + eps e_k)``.

The parameter-space symmetries: a hidden neuron of a polynomial network can be rescaled (incoming weights times
``c``, outgoing times ``c^{-r}``), a linear network has ``GL(d_i)`` acting at each hidden layer, and an LCN's filters
can be rescaled by constants whose product is 1.
"""

from __future__ import annotations

from fractions import Fraction
from math import comb, prod
from typing import Any, Sequence

import flint

from ...capabilities import Declared
from ...encoding import rational
from ...errors import InvalidInput, TooLarge
from ..base import ParameterSpace
from .dual import dense_layer


def _polynomials():
    """``weightspace.algebraic.polynomials``, imported on first use: importing it runs ``weightspace.algebraic``,
    whose modules import this one."""
    from ...algebraic import polynomials
    return polynomials


def _widths(widths: Sequence[int] | str, what: str = "widths") -> tuple[int, ...]:
    if isinstance(widths, str):
        try:
            widths = [int(w) for w in widths.split(",")]
        except ValueError:
            raise InvalidInput(f"{what} must be comma-separated integers") from None
    widths = tuple(int(w) for w in widths)
    if any(w < 1 for w in widths):
        raise InvalidInput(f"{what} must be positive")
    return widths

MAX_AMBIENT_DIMENSION = 200_000      # coefficients of the ambient space (polynomials of degree r^(L-1))
MAX_JACOBIAN_ENTRIES = 500_000       # parameters x ambient dimension


class _Network(Declared):
    """Common code: a list of weight blocks, the forward pass on dual numbers, and the Jacobian."""

    spec: str
    shapes: tuple[tuple[int, int], ...]
    capabilities = frozenset({"evaluate", "neuromanifold"})
    known_dimension: int | None = None
    """The dimension where a theorem gives it (linear networks), else ``None``."""

    def _check_size(self) -> None:
        """Set ``output_degree = S^(L-1)`` (``S = self.degree``) and refuse, before any work, an output degree above
        ``2^40`` or an ambient space of more than ``MAX_AMBIENT_DIMENSION`` coefficients."""
        if (len(self.widths) - 2) * self.degree.bit_length() > 40:
            raise TooLarge(f"the neuromanifold of {self.spec} has output degree S^(L-1) above 2^40",
                           f"degree {self.degree}^{len(self.widths) - 2}")
        self.output_degree = self.degree ** (len(self.widths) - 2)
        self.variables_count = self.widths[0]
        if self.output_degree > MAX_AMBIENT_DIMENSION or self.ambient_dimension > MAX_AMBIENT_DIMENSION:
            raise TooLarge(f"the neuromanifold of {self.spec} lives in a space of more than {MAX_AMBIENT_DIMENSION} "
                           f"coefficients", f"output degree {self.output_degree}")

    def hint(self, name: str) -> str:
        """Semi-algebraic: every generic verb of arrangements points to the neuromanifold commands."""
        use = (f"weightspace neuromanifold {self.neuromanifold_options()} --member F" if name == "realize" else
               f"weightspace neuromanifold {self.neuromanifold_options()} for its dimension, or edd --net {self.spec}")
        return f"it is semi-algebraic (its functions form a continuum); use {use}"

    def neuromanifold_options(self) -> str:
        """The options of ``weightspace neuromanifold`` naming this network."""
        raise NotImplementedError

    @property
    def basis(self) -> list[tuple[int, ...]]:
        """The exponent vectors of the coefficient vector (per output)."""
        return self._basis

    @property
    def parameter_count(self) -> int:
        return sum(a * b for a, b in self.shapes)

    @property
    def parameter_space(self) -> ParameterSpace:
        names = [f"W{l + 1}[{i},{j}]" for l, (a, b) in enumerate(self.shapes) for i in range(a) for j in range(b)]
        return ParameterSpace.free(names)

    def split(self, theta: Sequence) -> list[list[list]]:
        """The weight matrices (``shapes[l]`` each) of a flat parameter vector."""
        theta = list(theta)
        if len(theta) != self.parameter_count:
            raise InvalidInput(f"{self.spec} has {self.parameter_count} parameters, got {len(theta)}")
        out, k = [], 0
        for a, b in self.shapes:
            out.append([theta[k + i * b: k + (i + 1) * b] for i in range(a)])
            k += a * b
        return out

    # -- the parametrisation
    def _context(self, p: int | None):
        names = ("x", self.variables_count)
        return flint.fmpq_mpoly_ctx.get(names) if p is None else flint.nmod_mpoly_ctx.get(names, modulus=p)

    def _vector(self, outputs) -> list:
        out = []
        for poly in outputs:
            terms = poly.to_dict()
            out.extend(terms.get(m, 0) for m in self._basis)
        return out

    def coefficients(self, theta: Sequence) -> tuple[Fraction, ...]:
        """The function ``mu(Theta)`` as its exact coefficient vector (see the module docstring)."""
        ctx = self._context(None)
        weights = [[[flint.fmpq(Fraction(w).numerator, Fraction(w).denominator) for w in row] for row in m]
                   for m in self.split(theta)]
        values, _ = self._forward(ctx, weights, None)
        return tuple(Fraction(int(c.p), int(c.q)) if not isinstance(c, int) else Fraction(c)
                     for c in self._vector(values))

    def check_jacobian_size(self) -> None:
        """Refuse, before any work, a Jacobian with more than ``MAX_JACOBIAN_ENTRIES`` entries (parameters times
        ambient dimension; about 150 s at 1.6 million on this machine, most of it forward passes).

        Raises
        ------
        TooLarge
            With the size of the Jacobian.
        """
        entries = self.parameter_count * self.ambient_dimension
        if entries > MAX_JACOBIAN_ENTRIES:
            raise TooLarge(f"the Jacobian of {self.spec} is beyond the budget of {MAX_JACOBIAN_ENTRIES} entries",
                           f"{self.parameter_count} parameters x {self.ambient_dimension} coefficients = "
                           f"{entries:.3g} entries")

    def jacobian(self, theta: Sequence[int], p: int | None = None) -> list[list]:
        """The Jacobian of ``mu`` at the integer point ``theta`` (rows = parameters), over ``QQ`` or ``GF(p)``.

        Raises
        ------
        TooLarge
            See [`check_jacobian_size`][weightspace.arch.polynomial.network._Network.check_jacobian_size].
        """
        self.check_jacobian_size()
        ctx = self._context(p)
        convert = (lambda w: flint.fmpq(int(w))) if p is None else (lambda w: int(w) % p)
        weights = [[[convert(w) for w in row] for row in m] for m in self.split(theta)]
        rows = []
        for l, (a, b) in enumerate(self.shapes):
            for i in range(a):
                for j in range(b):
                    _, tangents = self._forward(ctx, weights, (l, i, j))
                    rows.append(self._vector(tangents))
        return rows

    # -- the Architecture protocol (semi-algebraic: no arrangement, no sign system)
    def evaluate(self, parameters: Sequence) -> tuple[Fraction, ...]:
        return self.coefficients(parameters)

    def witness_values(self, parameters: Sequence) -> dict[str, Any]:
        return {f"W{l + 1}": m for l, m in enumerate(self.split(parameters))}


class PolynomialNet(_Network):
    """``x -> W_L s(... s(W_1 x))`` with ``s(t) = t^r`` (see the module docstring).

    Raises
    ------
    InvalidInput
        For fewer than two widths, a non-positive width or degree.

    Examples
    --------
    >>> net = PolynomialNet((2, 2, 1), 3)
    >>> net.parameter_count, net.ambient_dimension, net.expected_dimension
    (6, 4, 4)
    >>> net.polynomial([1, 0, 0, 1, 1, 1])       # (x)^3 + (y)^3
    [x**3 + y**3]
    """

    def neuromanifold_options(self) -> str:
        return f"--arch poly --widths {','.join(map(str, self.widths))} --degree {self.degree}"

    @property
    def parameter_degree(self) -> int:
        """The degree of the coefficients in the weights: ``sum_k r^k`` over the layers."""
        return sum(self.degree ** k for k in range(len(self.widths) - 1))

    def __init__(self, widths: Sequence[int] | str, degree: int):
        self.widths = _widths(widths)
        if len(self.widths) < 2:
            raise InvalidInput("give at least two widths (input and output)")
        if int(degree) < 1:
            raise InvalidInput("the activation degree r must be positive")
        self.degree = int(degree)
        self.shapes = tuple((self.widths[l + 1], self.widths[l]) for l in range(len(self.widths) - 1))
        self.spec = f"poly:{','.join(map(str, self.widths))}:{self.degree}"
        self._check_size()
        self._basis = _polynomials().monomials(self.widths[0], self.output_degree)
        self.spec = f"poly:{','.join(map(str, self.widths))}:{self.degree}"

    @property
    def ambient_dimension(self) -> int:
        """``d_L C(d_0 + D - 1, D)``."""
        d0, D = self.widths[0], self.output_degree
        return self.widths[-1] * comb(d0 + D - 1, D)

    @property
    def symmetry_dimension(self) -> int:
        """Dimension of the group of parameter symmetries (rescaling each hidden neuron)."""
        return sum(self.widths[1:-1])

    @property
    def expected_dimension(self) -> int:
        """``min(#parameters - #symmetries, ambient)``: the dimension when no unexpected relation occurs."""
        return min(self.parameter_count - self.symmetry_dimension, self.ambient_dimension)

    @property
    def dimension_upper_bound(self) -> int:
        """The expected dimension, less ``m (m - 1) / 2`` when ``r = 2`` and a last hidden layer of ``m <= d_{L-2}``
        neurons feeds one output (the orthogonal group of ``sum_i v_i z_i^2``; see
        [`AffineNet`][weightspace.arch.polynomial.affine.AffineNet])."""
        m = self.widths[-2] if len(self.widths) > 2 else 0
        if self.degree == 2 and self.widths[-1] == 1 and 0 < m <= self.widths[-3]:
            return min(self.expected_dimension, self.parameter_count - self.symmetry_dimension - m * (m - 1) // 2)
        return self.expected_dimension

    def _forward(self, ctx, weights, direction):
        x = ctx.gens()
        zero = 0 * x[0]
        h = [(g, zero) for g in x]
        last = len(weights) - 1
        for l, W in enumerate(weights):
            z = dense_layer(W, h, zero, direction[1:] if direction is not None and direction[0] == l else None)
            if l < last:
                r = self.degree
                z = [(v ** r, r * v ** (r - 1) * t if r > 1 else t) for v, t in z]
            h = z
        return [v for v, _ in h], [t for _, t in h]

    def polynomial(self, theta: Sequence) -> list:
        """The outputs as sympy polynomials in ``x, y`` (two inputs) or ``x1, ..., xn``."""
        variables = self.variables()
        c = self.coefficients(theta)
        size = len(self._basis)
        return [_polynomials().from_coefficients(c[k * size:(k + 1) * size], variables, self.output_degree)
                for k in range(self.widths[-1])]

    def variables(self):
        names = ("x", "y") if self.widths[0] == 2 else tuple(f"x{i + 1}" for i in range(self.widths[0]))
        return _polynomials().symbols(",".join(names))

    def parse_function(self, f: Any) -> tuple[Fraction, ...]:
        """A polynomial (text, or a list of texts for several outputs) or a coefficient vector, as the coefficient
        vector.

        Raises
        ------
        InvalidInput
            When the polynomial is not homogeneous of degree ``D`` or has the wrong number of outputs."""
        if isinstance(f, str):
            f = [f]
        f = list(f)
        if f and all(isinstance(c, str) for c in f):
            if len(f) != self.widths[-1]:
                raise InvalidInput(f"{self.spec} has {self.widths[-1]} outputs, got {len(f)} polynomials")
            out: list[Fraction] = []
            poly = _polynomials()
            for text in f:
                out.extend(poly.coefficient_vector(poly.parse_polynomial(text, self.variables()), self.variables(),
                                                   self.output_degree))
            return tuple(out)
        if len(f) != self.ambient_dimension:
            raise InvalidInput(f"a function of {self.spec} has {self.ambient_dimension} coefficients")
        return tuple(Fraction(c) for c in f)

    def function_dict(self, f: tuple) -> dict[str, Any]:
        size = len(self._basis)
        poly = _polynomials()
        polys = [str(poly.from_coefficients(f[k * size:(k + 1) * size], self.variables(), self.output_degree))
                 for k in range(self.widths[-1])]
        return {"coefficients": [rational(c) for c in f], "polynomials": polys}


class LinearNet(PolynomialNet):
    """A linear network ``x -> W_L ... W_1 x``; its function is the ``d_L x d_0`` matrix, row by row.

    Examples
    --------
    >>> net = LinearNet((3, 2, 3))
    >>> net.ambient_dimension, net.known_dimension, net.expected_dimension
    (9, 8, 8)
    """

    def neuromanifold_options(self) -> str:
        return f"--arch linear --widths {','.join(map(str, self.widths))}"

    def __init__(self, widths: Sequence[int] | str):
        super().__init__(widths, 1)
        self.spec = f"linear:{','.join(map(str, self.widths))}"

    @property
    def symmetry_dimension(self) -> int:
        """``sum dim GL(d_i)`` over hidden layers."""
        return sum(w * w for w in self.widths[1:-1])

    @property
    def expected_dimension(self) -> int:
        """For linear networks the naive count ``#parameters - sum d_i^2`` is wrong when a hidden layer is wider
        than the narrowest one (the ``GL`` actions are not free); the expected dimension is the known one."""
        return self.known_dimension

    @property
    def known_dimension(self) -> int:
        """``r (d_0 + d_L - r)`` with ``r = min d_i``: the dimension of the matrices of rank at most ``r``."""
        r, m, n = min(self.widths), self.widths[-1], self.widths[0]
        return r * (m + n - r)


class LCN(_Network):
    """A one-dimensional linear convolutional network with filter sizes ``kernels`` and ``strides`` (see the
    module docstring); its function is the end-to-end filter, coefficients of ``t^0, t^1, ...``.

    Raises
    ------
    InvalidInput
        For an empty list of kernels, a non-positive size or stride, or lists of different lengths.

    Examples
    --------
    >>> net = LCN((2, 3))
    >>> net.ambient_dimension, net.expected_dimension
    (4, 4)
    >>> net.coefficients([1, 1, 1, 0, -1])          # (1 + t)(1 - t^2)
    (Fraction(1, 1), Fraction(1, 1), Fraction(-1, 1), Fraction(-1, 1))
    """

    def neuromanifold_options(self) -> str:
        return (f"--arch lcn --kernels {','.join(map(str, self.kernels))} --strides "
                f"{','.join(map(str, self.strides))}")

    @property
    def parameter_degree(self) -> int:
        """The degree of the end-to-end filter in the weights: one per layer."""
        return len(self.kernels)

    def __init__(self, kernels: Sequence[int] | str, strides: Sequence[int] | str | None = None):
        self.kernels = _widths(kernels, "kernel sizes")
        self.strides = _widths(strides, "strides") if strides is not None else (1,) * len(self.kernels)
        if not self.kernels or len(self.strides) != len(self.kernels):
            raise InvalidInput("give one stride per kernel")
        self.shapes = tuple((1, k) for k in self.kernels)
        self.steps = tuple(prod(self.strides[:l]) for l in range(len(self.kernels)))
        self.variables_count = 1
        self._basis = [(i,) for i in range(self.ambient_dimension)]
        self.spec = f"lcn:{','.join(map(str, self.kernels))}:{','.join(map(str, self.strides))}"

    @property
    def ambient_dimension(self) -> int:
        """Length of the end-to-end filter: ``1 + sum_l (k_l - 1) S_l``."""
        return 1 + sum((k - 1) * s for k, s in zip(self.kernels, self.steps))

    @property
    def symmetry_dimension(self) -> int:
        return len(self.kernels) - 1

    @property
    def expected_dimension(self) -> int:
        return min(self.parameter_count - self.symmetry_dimension, self.ambient_dimension)

    def _forward(self, ctx, weights, direction):
        (t,) = ctx.gens()
        one = t ** 0
        value, tangent = one, 0 * t
        for l, W in enumerate(weights):
            s = self.steps[l]
            v = sum((w * t ** (i * s) for i, w in enumerate(W[0])), 0 * t)
            d = t ** (direction[2] * s) if direction is not None and direction[0] == l else 0 * t
            value, tangent = value * v, tangent * v + value * d
        return [value], [tangent]

    def parse_function(self, f: Any) -> tuple[Fraction, ...]:
        """A filter as a list of ``ambient_dimension`` numbers.

        Raises
        ------
        InvalidInput
            For the wrong length."""
        if isinstance(f, str):
            f = [c for c in f.replace(",", " ").split()]
        if len(f) != self.ambient_dimension:
            raise InvalidInput(f"a filter of {self.spec} has {self.ambient_dimension} entries")
        return tuple(Fraction(c) for c in f)

    def function_dict(self, f: tuple) -> dict[str, Any]:
        return {"filter": [str(c) for c in f]}
