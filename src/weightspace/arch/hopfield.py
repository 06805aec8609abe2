"""One-step Hopfield networks ``x -> H(W x + theta)`` on ``{0,1}^n`` under weight constraints.

Parameter space is ``Theta = (W, theta) in Q^(n x n) x Q^n``, or a linear subspace ``L`` of it for the constraints
``symmetric`` (``W = W^T``), ``zero-diagonal`` (``W_ii = 0``) or both. Unit ``i`` and input ``x`` give the
hyperplane ``{W_i . x + theta_i = 0}``; written in coordinates of ``L`` these form the arrangement whose chambers
are the realisable maps (source documents, Prop. 2). With free weights the arrangement is a product of ``n``
threshold arrangements, so there are ``T(n)^n`` maps; with constraints the units are coupled and the arrangement
in ``L`` is handled as one exact arrangement. In every case ``theta`` stays free, so each nonempty ``Par_f``
contains a chamber (lower every ``theta_i`` slightly) and realisability is the strict sign problem of
:mod:`weightspace.lp`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from ..arrangement import Arrangement
from ..booleans import parse_map, unit_tables
from ..domain import code_to_bits
from ..errors import InvalidInput
from ..lp import solve_signs, verify_certificate

WEIGHT_CONSTRAINTS = ("free", "symmetric", "zero-diagonal", "symmetric-zero-diagonal")
MAX_NODES = 10


@dataclass(frozen=True)
class HopfieldRealization:
    """Answer of :meth:`HopfieldNetwork.realize`: an integer witness ``(W, theta)`` or a Gordan certificate.

    The certificate lists non-negative integers ``y`` on pairs (unit ``i``, input ``x``; units are numbered from 1
    in ``to_dict``) with
    ``sum y s (W_i . x + theta_i) = 0`` identically on the constrained parameter space, where ``s = +1`` if the map
    sets unit ``i`` to 1 on ``x`` and ``-1`` otherwise; since ``s (W_i . x + theta_i)`` would be positive on the
    ones and non-negative on the zeros, no parameter realises the map.
    """

    mapping: tuple[int, ...]
    weights: str
    realizable: bool
    W: tuple[tuple[int, ...], ...] | None
    theta: tuple[int, ...] | None
    multipliers: tuple[tuple[int, int, int], ...] | None   # (unit, input code, y) with y > 0
    method: str

    def to_dict(self) -> dict[str, Any]:
        certificate = None
        if self.multipliers is not None:
            certificate = {
                "type": "gordan",
                "terms": [{"unit": i + 1, "input": x, "multiplier": y} for i, x, y in self.multipliers],
                "statement": "sum of multiplier * s * (W_i . x + theta_i) vanishes for every admissible (W, theta), "
                             "with s = +1 where the map outputs 1 and -1 where it outputs 0",
            }
        return {
            "map": list(self.mapping),
            "weights": self.weights,
            "realizable": self.realizable,
            "witness": None if self.W is None else {"W": [list(r) for r in self.W], "theta": list(self.theta)},
            "certificate": certificate,
            "method": self.method,
        }


class HopfieldNetwork:
    """A layer of ``n`` threshold units fed back to itself, with a weight constraint.

    >>> net = HopfieldNetwork(2, "symmetric")
    >>> net.parameter_names
    ['W11', 'W12', 'W22', 'theta1', 'theta2']
    >>> net.step(((0, 1), (1, 0)), (0, 0), 1)   # code 1 = (x1, x2) = (1, 0)  ->  (0, 1) = code 2
    2
    """

    def __init__(self, n: int, weights: str = "free"):
        if not isinstance(n, int) or n < 1:
            raise InvalidInput(f"a Hopfield network needs at least one node, got {n!r}")
        if n > MAX_NODES:
            raise InvalidInput(f"at most {MAX_NODES} nodes are supported (the state space has 2^n points)")
        if weights not in WEIGHT_CONSTRAINTS:
            raise InvalidInput(f"unknown weight constraint {weights!r}: use one of {', '.join(WEIGHT_CONSTRAINTS)}")
        self.n = n
        self.weights = weights
        symmetric = weights.startswith("symmetric")
        zero_diagonal = weights.endswith("zero-diagonal")
        self._coordinates: list[tuple[str, Any]] = []   # ("W", (i, j)) with i <= j if symmetric, or ("theta", i)
        for i in range(n):
            for j in range(n):
                if (symmetric and j < i) or (zero_diagonal and i == j):
                    continue
                self._coordinates.append(("W", (i, j)))
        self._coordinates += [("theta", i) for i in range(n)]
        self.symmetric = symmetric

    # -------------------------------------------------------------------- parameter space
    @property
    def dimension(self) -> int:
        """Dimension of the constrained parameter space ``L``."""
        return len(self._coordinates)

    @property
    def parameter_names(self) -> list[str]:
        return [f"W{a + 1}{b + 1}" if kind == "W" else f"theta{a + 1}" for kind, (a, b) in
                ((k, v if k == "W" else (v, None)) for k, v in self._coordinates)]

    def row(self, unit: int, code: int) -> tuple[int, ...]:
        """Coefficients of ``W_unit . x + theta_unit`` in the coordinates of ``L`` (``x`` = bits of ``code``)."""
        x = code_to_bits(code, self.n)
        out = []
        for kind, value in self._coordinates:
            if kind == "theta":
                out.append(int(value == unit))
                continue
            a, b = value
            coefficient = 0
            if a == unit:
                coefficient += x[b]
            if self.symmetric and b == unit and a != b:
                coefficient += x[a]
            out.append(coefficient)
        return tuple(out)

    def arrangement(self) -> Arrangement:
        """The arrangement in ``L``: one hyperplane per (unit, input), labelled ``(unit, code)``."""
        rows, labels = [], []
        for i in range(self.n):
            for x in range(2 ** self.n):
                rows.append(self.row(i, x))
                labels.append((i, x))
        return Arrangement.from_rational(rows, labels=labels, dimension=self.dimension)

    def parameters(self, vector: Sequence[int]) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]:
        """``(W, theta)`` from coordinates of ``L``."""
        W = [[0] * self.n for _ in range(self.n)]
        theta = [0] * self.n
        for (kind, value), v in zip(self._coordinates, vector):
            if kind == "theta":
                theta[value] = v
            else:
                a, b = value
                W[a][b] = v
                if self.symmetric:
                    W[b][a] = v
        return tuple(tuple(r) for r in W), tuple(theta)

    def satisfies_constraint(self, W: Sequence[Sequence[int]]) -> bool:
        """True when ``W`` obeys this network's weight constraint."""
        n = self.n
        if self.symmetric and any(W[i][j] != W[j][i] for i in range(n) for j in range(n)):
            return False
        if self.weights.endswith("zero-diagonal") and any(W[i][i] != 0 for i in range(n)):
            return False
        return True

    # -------------------------------------------------------------------- dynamics
    def step(self, W: Sequence[Sequence[int]], theta: Sequence[int], code: int) -> int:
        """One synchronous step ``H(W x + theta)`` on the state with this code, in exact integer arithmetic."""
        x = code_to_bits(code, self.n)
        out = 0
        for i in range(self.n):
            if sum(W[i][j] * x[j] for j in range(self.n)) + theta[i] > 0:
                out |= 1 << i
        return out

    def map_of(self, W: Sequence[Sequence[int]], theta: Sequence[int]) -> tuple[int, ...]:
        """The map ``{0,1}^n -> {0,1}^n`` computed by ``(W, theta)`` (output codes in input-code order)."""
        return tuple(self.step(W, theta, x) for x in range(2 ** self.n))

    # -------------------------------------------------------------------- questions
    def constraints(self, mapping: Sequence[int]) -> tuple[list[tuple[int, ...]], list[int], list[tuple[int, int]]]:
        """The sign conditions of a map: rows ``a_k`` (``r_i(x) = a_k . phi``), signs ``s_k`` (+1 where unit ``i``
        outputs 1 on ``x``) and labels ``(i, x)``."""
        rows, signs, labels = [], [], []
        for i, table in enumerate(unit_tables(mapping, self.n)):
            for x, value in enumerate(table):
                rows.append(self.row(i, x))
                signs.append(1 if value else -1)
                labels.append((i, x))
        return rows, signs, labels

    def realize(self, mapping: str | Sequence[int]) -> HopfieldRealization:
        """Decide exactly whether some admissible ``(W, theta)`` computes ``mapping`` in one synchronous step.

        >>> HopfieldNetwork(2).realize("1,0,0,2").to_dict()["realizable"]
        True
        >>> HopfieldNetwork(2).realize("0,1,1,0").realizable     # unit 1 would compute XOR
        False
        """
        values = parse_map(mapping, self.n)
        rows, signs, labels = self.constraints(values)
        answer = solve_signs(rows, signs)
        if answer.feasible:
            W, theta = self.parameters(answer.witness)
            return HopfieldRealization(values, self.weights, True, W, theta, None, answer.method)
        terms = tuple((i, x, y) for (i, x), y in zip(labels, answer.certificate) if y)
        return HopfieldRealization(values, self.weights, False, None, None, terms, answer.method)

    def verify(self, result: HopfieldRealization) -> bool:
        """Re-check a realisation exactly: simulate the witness, or re-add the certificate's combination."""
        if result.realizable:
            return self.satisfies_constraint(result.W) and self.map_of(result.W, result.theta) == result.mapping
        tables = unit_tables(result.mapping, self.n)
        rows, signs, y = [], [], []
        for i, x, multiplier in result.multipliers:
            rows.append(self.row(i, x))
            signs.append(1 if tables[i][x] else -1)
            y.append(multiplier)
        ones = sum(m for (i, x, m) in result.multipliers if tables[i][x])
        return verify_certificate(rows, signs, y) and ones > 0
