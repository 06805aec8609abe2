"""Polynomial convolutional networks (Shahverdi, Marchetti, Kohn 2024, "On the geometry and optimization of
polynomial convolutional networks").

[`PCN(input_size, kernels, strides, degree)`][weightspace.arch.polynomial.convolutional.PCN] is a stack of
one-dimensional convolutions without padding, ``z^(l)_i = sum_q w^(l)_q h^(l-1)_{s_l i + q}``, with the activation
``t^r`` between layers and one output channel throughout. Layer ``l`` maps ``d_{l-1}`` entries to
``d_l = (d_{l-1} - k_l) / s_l + 1``, so the weight matrices are shared (Toeplitz for stride 1). Each output
coordinate is a form of degree ``r^(L-1)`` in the ``d_0`` inputs; the ambient space is that of ``d_L`` such forms.

Symmetries: rescaling the filter of layer ``l < L`` by ``c`` and that of layer ``l + 1`` by ``c^-r`` keeps the
function, so ``L - 1`` dimensions are lost. The paper proves that, for generic filters, nothing else is lost: the
neuromanifold has dimension ``#parameters - (L - 1)`` (when that is below the ambient dimension), which the tests
check against the exact Jacobian rank.

Examples
--------
>>> net = PCN(5, (3, 2), (1, 1), 2)
>>> net.sizes, net.parameter_count, net.expected_dimension
((5, 3, 2), 5, 4)
"""

from __future__ import annotations

from math import comb
from typing import Sequence

from ...errors import InvalidInput, TooLarge
from ..base import ParameterSpace
from .network import MAX_AMBIENT_DIMENSION, PolynomialNet, _polynomials, _widths


class PCN(PolynomialNet):
    """A polynomial convolutional network (see the module docstring).

    Raises
    ------
    InvalidInput
        For kernels that do not fit the input, strides that do not tile it, lists of different lengths or a degree
        below 1.
    TooLarge
        When the ambient space has more than ``MAX_AMBIENT_DIMENSION`` coefficients.
    """

    def __init__(self, input_size: int, kernels: Sequence[int] | str, strides: Sequence[int] | str | None = None,
                 degree: int = 2):
        self.kernels = _widths(kernels, "kernel sizes")
        self.strides = _widths(strides, "strides") if strides is not None else (1,) * len(self.kernels)
        if len(self.strides) != len(self.kernels):
            raise InvalidInput("give one stride per kernel")
        if int(degree) < 1:
            raise InvalidInput("the activation degree r must be positive")
        sizes = [int(input_size)]
        for k, s in zip(self.kernels, self.strides):
            if sizes[-1] < k or (sizes[-1] - k) % s:
                raise InvalidInput(f"a kernel of size {k} with stride {s} does not tile {sizes[-1]} entries")
            sizes.append((sizes[-1] - k) // s + 1)
        self.sizes = tuple(sizes)
        self.widths = self.sizes                     # the dense network of the same shape, for the shared helpers
        self.degree = int(degree)
        self.shapes = tuple((1, k) for k in self.kernels)
        self.spec = (f"pcn:{input_size}:{','.join(map(str, self.kernels))}:{','.join(map(str, self.strides))}:"
                     f"{self.degree}")
        if (len(self.kernels) - 1) * self.degree.bit_length() > 40:
            raise TooLarge(f"{self.spec} has output degree above 2^40", f"degree {self.degree}^{len(self.kernels)-1}")
        self.output_degree = self.degree ** (len(self.kernels) - 1)
        self.variables_count = self.sizes[0]
        if self.ambient_dimension > MAX_AMBIENT_DIMENSION:
            raise TooLarge(f"{self.spec} lives in a space of more than {MAX_AMBIENT_DIMENSION} coefficients",
                           f"{self.ambient_dimension} coefficients")
        self._basis = _polynomials().monomials(self.sizes[0], self.output_degree)

    def neuromanifold_options(self) -> str:
        return (f"--arch pcn --widths {self.sizes[0]} --kernels {','.join(map(str, self.kernels))} --strides "
                f"{','.join(map(str, self.strides))} --degree {self.degree}")

    def hint(self, name: str) -> str:
        """Semi-algebraic: the generic verbs point to ``weightspace neuromanifold``."""
        return (f"it is semi-algebraic (its functions form a continuum); use weightspace neuromanifold "
                f"{self.neuromanifold_options()} for its dimension")

    def dense_weights(self, theta: Sequence) -> list[list[list]]:
        """The shared weight matrices of the filters ``theta`` (``d_l x d_{l-1}``, Toeplitz for stride 1)."""
        out = []
        for l, (row,) in enumerate(self.split(theta)):
            s, k = self.strides[l], len(row)
            out.append([[row[j - s * i] if 0 <= j - s * i < k else 0 for j in range(self.sizes[l])]
                        for i in range(self.sizes[l + 1])])
        return out

    def forward_float(self, theta: Sequence[float], points):
        """The outputs at the rows of ``points`` in floating point (one column per output coordinate)."""
        import numpy as np
        h = np.asarray(points, dtype=float).T
        weights = self.dense_weights(list(theta))
        for l, W in enumerate(weights):
            h = np.asarray(W, dtype=float) @ h
            if l < len(weights) - 1:
                h = h ** self.degree
        return h.T

    @property
    def parameter_space(self) -> ParameterSpace:
        return ParameterSpace.free([f"w{l + 1}[{q}]" for l, k in enumerate(self.kernels) for q in range(k)])

    @property
    def ambient_dimension(self) -> int:
        """``d_L C(d_0 + D - 1, D)``."""
        return self.sizes[-1] * comb(self.sizes[0] + self.output_degree - 1, self.output_degree)

    @property
    def symmetry_dimension(self) -> int:
        """``L - 1``: rescalings of consecutive filters."""
        return len(self.kernels) - 1

    @property
    def expected_dimension(self) -> int:
        return min(self.parameter_count - self.symmetry_dimension, self.ambient_dimension)

    @property
    def dimension_upper_bound(self) -> int:
        return self.expected_dimension

    def _forward(self, ctx, weights, direction):
        x = ctx.gens()
        zero = 0 * x[0]
        h = [(g, zero) for g in x]
        last = len(weights) - 1
        for l, W in enumerate(weights):
            w, s = W[0], self.strides[l]
            z = []
            for i in range(self.sizes[l + 1]):
                window = h[s * i: s * i + len(w)]
                v = sum((a * hv for a, (hv, _) in zip(w, window)), zero)
                t = sum((a * ht for a, (_, ht) in zip(w, window)), zero)
                if direction is not None and direction[0] == l:
                    t = t + window[direction[2]][0]
                z.append((v, t))
            if l < last:
                r = self.degree
                z = [(v ** r, r * v ** (r - 1) * t if r > 1 else t) for v, t in z]
            h = z
        return [v for v, _ in h], [t for _, t in h]

    def variables(self):
        names = ("x", "y") if self.sizes[0] == 2 else tuple(f"x{i + 1}" for i in range(self.sizes[0]))
        return _polynomials().symbols(",".join(names))


__all__ = ["PCN"]
