"""The dimension of a neuromanifold ``M = mu(Par)``: the generic rank of the Jacobian of the parametrisation
``mu`` (the image of a polynomial map has dimension equal to the rank of its Jacobian at a generic point).

The rank is computed exactly at random points: over ``GF(p)`` at a uniform random point of ``GF(p)^P`` (``p`` a
61-bit prime), and over ``QQ`` at a random small integer point. Each is a *certified lower bound*: a nonzero
``r x r`` minor at one point shows the generic rank is at least ``r`` (mod ``p`` a nonzero minor is nonzero over
``ZZ``); one more rank over ``GF(2^31 - 1)`` is a second route. The expected dimension
``min(#parameters - #symmetries, ambient)`` is an upper bound (or the network's own ``dimension_upper_bound`` when it
proves a smaller one), so when the two meet
the dimension is certified. Otherwise (a *defective* network, e.g. the Alexander–Hirschowitz cases) the rank found
is the dimension unless every trial hit a zero of a nonzero minor: by Schwartz–Zippel that has probability at most
``deg/p`` per trial, where ``deg <= r (D_mu - 1)`` and ``D_mu`` is the degree of ``mu`` in the parameters.
A floating-point rank (numpy's SVD with its default tolerance) is reported beside, for comparison only.
"""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

import flint
import numpy as np

from ..errors import InvalidInput

#: A 61-bit prime (2^61 - 1) for the modular ranks.
JACOBIAN_PRIME = 2 ** 61 - 1
#: A second prime (2^31 - 1): one more rank, over another field, as a second route.
SECOND_PRIME = 2 ** 31 - 1


@dataclass(frozen=True)
class NeuromanifoldDimension:
    """Dimension facts about a neuromanifold (see the module docstring)."""

    spec: str
    dimension: int
    ambient_dimension: int
    parameter_count: int
    symmetry_dimension: int
    expected_dimension: int
    fills: bool
    defective: bool
    certified: bool
    error_probability: float
    modular_ranks: tuple[int, ...]
    rational_rank: int
    float_rank: int
    prime: int
    known_dimension: int | None = None
    upper_bound: int | None = None
    second_prime_rank: int | None = None
    second_prime: int = SECOND_PRIME

    def to_dict(self) -> dict:
        out = asdict(self)
        out["modular_ranks"] = list(self.modular_ranks)
        return out


def neuromanifold_dimension(net, trials: int = 2, seed: int = 0) -> NeuromanifoldDimension:
    """The dimension of the neuromanifold of ``net`` (a [`PolynomialNet`][weightspace.arch.polynomial.network.PolynomialNet],
    [`LinearNet`][weightspace.arch.polynomial.network.LinearNet] or [`LCN`][weightspace.arch.polynomial.network.LCN]) with its
    ambient and expected dimension, whether it fills the ambient space, and how the answer is certified.

    Parameters
    ----------
    net
        A polynomial, linear or locally connected network.
    trials
        Random parameter points at which the Jacobian rank is taken (the largest rank counts).
    seed
        Seed of the random points.

    Returns
    -------
    NeuromanifoldDimension
        The dimension, the ambient dimension and the parameter count.

    Raises
    ------
    InvalidInput
        When ``trials < 1``.

    Examples
    --------
    >>> from weightspace.arch.polynomial.network import PolynomialNet
    >>> d = neuromanifold_dimension(PolynomialNet((2, 2, 1), 3))
    >>> d.dimension, d.ambient_dimension, d.fills, d.certified
    (4, 4, True, True)
    >>> d = neuromanifold_dimension(PolynomialNet((3, 2, 1), 2))        # rank-2 ternary quadrics: defective
    >>> d.dimension, d.expected_dimension, d.defective
    (5, 6, True)
    """
    if trials < 1:
        raise InvalidInput("trials must be at least 1")
    rng = random.Random(seed)
    P = net.parameter_count
    modular = []
    for _ in range(trials):
        point = [rng.randrange(JACOBIAN_PRIME) for _ in range(P)]
        rows = net.jacobian(point, JACOBIAN_PRIME)
        modular.append(flint.nmod_mat(rows, JACOBIAN_PRIME).rank() if rows and rows[0] else 0)
    small = [rng.randint(-9, 9) or 1 for _ in range(P)]
    point = [rng.randrange(SECOND_PRIME) for _ in range(P)]
    rows = net.jacobian(point, SECOND_PRIME)
    second = flint.nmod_mat(rows, SECOND_PRIME).rank() if rows and rows[0] else 0
    exact_rows = net.jacobian(small)
    rational = flint.fmpq_mat(exact_rows).rank() if exact_rows and exact_rows[0] else 0
    floats = np.array([[float(c) for c in row] for row in exact_rows]) if exact_rows else np.zeros((0, 0))
    float_rank = int(np.linalg.matrix_rank(floats)) if floats.size else 0
    dimension = max(max(modular), rational, second)
    expected = net.expected_dimension
    known = net.known_dimension
    upper = min(expected, known) if known is not None else expected
    upper = min(upper, getattr(net, "dimension_upper_bound", upper))
    certified = dimension == upper
    per_trial = dimension * max(net.parameter_degree - 1, 1) / JACOBIAN_PRIME
    return NeuromanifoldDimension(net.spec, dimension, net.ambient_dimension, P, net.symmetry_dimension, expected,
                                  dimension == net.ambient_dimension, dimension < expected, certified,
                                  0.0 if certified else per_trial ** trials, tuple(modular), rational, float_rank,
                                  JACOBIAN_PRIME, known, upper, second)
