"""Training a polynomial network by mean squared error is distance minimisation in its function space.

For data ``(x_i, y_i)``, ``i = 1..N``, and a single-output network whose function is the homogeneous polynomial
with coefficient vector ``c`` on the monomial basis ``m_1, ..., m_K`` (the Veronese coordinates), the prediction at
``x_i`` is ``(A c)_i`` with ``A_ij = m_j(x_i)``. Hence, with ``Q = A^T A`` and any solution ``c*`` of the normal
equations ``Q c* = A^T y`` (``c* = A^+ y`` is one),

    L(c) = sum_i ((A c)_i - y_i)^2 = (c - c*)^T Q (c - c*) + (y^T y - c*^T Q c*),

so training moves ``c = mu(Theta)`` on the neuromanifold towards ``c*`` in the (pseudo)metric of ``Q``. ``Q`` is
degenerate when the data do not determine a polynomial of degree ``D`` (``rank Q < K``, e.g. ``N < K``); then the
loss is constant along ``ker Q`` and the ED degree question is the one for positive semidefinite ``Q``.

Several outputs ``o = 1..d_L`` (targets ``y_io``) add their losses, each with the same ``A``, so ``Q`` is block
diagonal with ``d_L`` copies of ``A^T A``, ``c*`` stacks one solution per output, and the constant is
``sum_o (y_o^T y_o - c*_o^T A^T A c*_o)``. Networks with affine layers use the monomials of every degree up to ``D``
as their basis (the columns of ``A``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from fractions import Fraction
from typing import Sequence

import numpy as np
import sympy

from ..errors import InvalidInput
from ..exact import rank, solve_particular
from ..arch.polynomial.network import PolynomialNet
from .polynomials import monomials


@dataclass(frozen=True)
class TrainingGeometry:
    """``Q``, ``c*`` and the constant of the identity in the module docstring, with its checks."""

    ambient_dimension: int
    data_points: int
    rank_Q: int
    kernel_dimension: int
    degenerate: bool
    Q: tuple[tuple[Fraction, ...], ...]
    target: tuple[Fraction, ...]
    constant: Fraction
    symbolic_check: bool
    numeric_gap: float

    def to_dict(self) -> dict:
        return {"ambient_dimension": self.ambient_dimension, "data_points": self.data_points, "rank_Q": self.rank_Q,
                "kernel_dimension": self.kernel_dimension, "degenerate": self.degenerate,
                "Q": [[str(v) for v in row] for row in self.Q], "target": [str(v) for v in self.target],
                "constant": str(self.constant), "symbolic_check": self.symbolic_check,
                "numeric_gap": self.numeric_gap}


def feature_matrix(net: PolynomialNet, points: Sequence[Sequence]) -> list[list[Fraction]]:
    """``A_ij = m_j(x_i)``: the Veronese features of degree ``D`` of the data.

    Parameters
    ----------
    net
        The polynomial network.
    points
        The data points.

    Returns
    -------
    list of list of Fraction
        ``A``: one row per point, one column per monomial of the output degree (of the network's basis, for
        networks with affine layers).
    """
    basis = getattr(net, "basis", None) or monomials(net.widths[0], net.output_degree)
    out = []
    for x in points:
        x = [Fraction(v) for v in x]
        out.append([_monomial(x, e) for e in basis])
    return out


def _monomial(x, exponents) -> Fraction:
    value = Fraction(1)
    for v, e in zip(x, exponents):
        value *= v ** e
    return value


def forward(net: PolynomialNet, theta: Sequence[float], points: np.ndarray) -> np.ndarray:
    """The network's output at the data by its own forward pass in floating point (independent of ``A``).

    Parameters
    ----------
    net
        The polynomial network.
    theta
        Its parameters, flattened.
    points
        The data points, one per row.

    Returns
    -------
    numpy.ndarray
        The outputs (one column per output for several).
    """
    if hasattr(net, "forward_float"):
        out = net.forward_float(theta, points)
        return out[:, 0] if out.shape[1] == 1 else out
    h = np.asarray(points, dtype=float).T
    weights = net.split(list(theta))
    for l, W in enumerate(weights):
        h = np.asarray(W, dtype=float) @ h
        if l < len(weights) - 1:
            h = h ** net.degree
    return h[0] if h.shape[0] == 1 else h.T


def training_geometry(net: PolynomialNet, points: Sequence[Sequence], values: Sequence, seed: int = 0,
                      symbolic: bool = True) -> TrainingGeometry:
    """``Q = A^T A``, the target ``c*`` and the constant, with two checks of the identity: symbolically in the
    coefficients (sympy, exact) and numerically (the loss of the network's own forward pass at random parameters
    against the ``Q``-distance of its coefficient vector).

    Parameters
    ----------
    net
        The polynomial network.
    points
        The training inputs.
    values
        The targets, one per input (a tuple of ``d_L`` values per input for several outputs).
    seed
        Seed of the random parameters of the numerical check.
    symbolic
        Also check the identity symbolically.

    Returns
    -------
    TrainingGeometry
        ``Q``, the target ``c*``, the constant and the checks.

    Raises
    ------
    InvalidInput
        For points of the wrong dimension, a values list of another length or the wrong number of values per point.

    Examples
    --------
    >>> g = training_geometry(PolynomialNet((2, 2, 1), 3), [(1, 0), (0, 1), (1, 1)], [1, 2, 3])
    >>> g.rank_Q, g.ambient_dimension, g.degenerate, g.symbolic_check
    (3, 4, True, True)
    """
    outputs = net.widths[-1]
    points = [tuple(Fraction(v) for v in x) for x in points]
    if any(len(x) != net.widths[0] for x in points):
        raise InvalidInput(f"every data point needs {net.widths[0]} coordinates")
    if len(values) != len(points):
        raise InvalidInput("give one value per data point")
    Y = [list(map(Fraction, v)) if isinstance(v, (list, tuple)) else [Fraction(v)] for v in values]
    if any(len(y) != outputs for y in Y):
        raise InvalidInput(f"every data point needs {outputs} values, one per output")
    A = feature_matrix(net, points)
    K = len(A[0])
    block = [[sum(A[i][j] * A[i][k] for i in range(len(A))) for k in range(K)] for j in range(K)]
    target, constant = [], sum(v * v for y in Y for v in y)
    for o in range(outputs):        # the loss is a sum over outputs, each with the same A: Q is block diagonal
        b = [sum(A[i][j] * Y[i][o] for i in range(len(A))) for j in range(K)]
        part = solve_particular(block, b)   # consistent: A^T y lies in the column space of A^T A
        target.extend(part)
        constant -= sum(part[j] * block[j][k] * part[k] for j in range(K) for k in range(K))
    Q = tuple(tuple(block[j % K][k % K] if j // K == k // K else Fraction(0) for k in range(K * outputs))
              for j in range(K * outputs))
    r = rank(block) * outputs
    ok = _symbolic(A, Y, Q, target, constant) if symbolic else False
    rng = np.random.default_rng(seed)
    gap = 0.0
    X = np.array([[float(v) for v in x] for x in points])
    Yf = np.array([[float(v) for v in y] for y in Y])
    Qf = np.array([[float(v) for v in row] for row in Q])
    for _ in range(5):
        theta = rng.normal(size=net.parameter_count)
        predicted = np.asarray(forward(net, theta, X)).reshape(len(points), outputs)
        loss = float(np.sum((predicted - Yf) ** 2))
        c = np.array([float(v) for v in net.coefficients([Fraction(float(t)) for t in theta])])
        d = c - np.array([float(v) for v in target])
        distance = float(d @ Qf @ d) + float(constant)
        gap = max(gap, abs(loss - distance) / (1 + abs(loss)))
    n = K * outputs
    return TrainingGeometry(n, len(points), r, n - r, r < n, Q, tuple(target), constant, ok, gap)


def _symbolic(A, Y, Q, target, constant) -> bool:
    n, K = len(Q), len(A[0])
    c = sympy.symbols(f"c0:{n}")
    R = lambda v: sympy.Rational(v.numerator, v.denominator)  # noqa: E731
    loss = sum((sum(R(A[i][j]) * c[o * K + j] for j in range(K)) - R(Y[i][o])) ** 2
               for i in range(len(A)) for o in range(len(Y[0])))
    d = [c[j] - R(target[j]) for j in range(n)]
    distance = sum(d[j] * R(Q[j][k]) * d[k] for j in range(n) for k in range(n) if Q[j][k]) + R(constant)
    return sympy.expand(loss - distance) == 0


def random_data(net: PolynomialNet, count: int, seed: int = 0) -> tuple[list, list]:
    """``count`` random integer data points in ``[-3, 3]^n`` with random integer values.

    Parameters
    ----------
    net
        The polynomial network (for its input dimension).
    count
        Number of points.
    seed
        The seed.

    Returns
    -------
    tuple
        The points and the values.
    """
    rng = random.Random(seed)
    points = [tuple(rng.randint(-3, 3) for _ in range(net.widths[0])) for _ in range(count)]
    return points, [rng.randint(-5, 5) for _ in range(count)]
