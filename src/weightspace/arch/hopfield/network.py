"""Hopfield networks ``x -> H(W x + theta)`` on ``{0,1}^n`` under a weight constraint, as an
[`Architecture`][weightspace.arch.base.Architecture].

The ambient parameter space is ``Theta = (W, theta) in Q^(n x n) x Q^n`` (coordinates ``W11, W12, ..., Wnn, theta1, ...,
thetan``). A weight constraint is a linear subspace ``L``: ``symmetric`` (``W = W^T``), ``zero-diagonal`` (``W_ii = 0``)
or both, given by an integer basis ([`WeightConstraint`][weightspace.arch.hopfield.network.WeightConstraint]). Unit
``i`` and input ``x`` give the hyperplane ``{W_i . x + theta_i = 0}``; restricted to ``L`` (``restrict_to_subspace``)
these form the arrangement whose chambers are the realisable one-step maps (source documents, Prop. 2). With free
weights it is a product of ``n`` threshold arrangements, so there are ``T(n)^n`` maps; with constraints the units are
coupled. In every case ``theta`` stays free, so each nonempty ``Par_f`` contains a chamber (lower every ``theta_i``
slightly) and one-step realisability is the strict sign problem of [`weightspace.lp`][weightspace.lp].

A network carries an update [`Scheme`][weightspace.arch.hopfield.scheme.Scheme] (default: one synchronous step). For
other schemes ``Par_f`` is a union of one-step chambers, so realisation is an exhaustive search over them
([`weightspace.arch.hopfield.realize.realize_dynamics()`][weightspace.arch.hopfield.realize.realize_dynamics],
registered with [`weightspace.arch.base.realize()`][weightspace.arch.base.realize]).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

import numpy as np

from ...arrangement import Arrangement
from ...booleans import parse_map, unit_tables
from ...domain import code_to_bits
from ...capabilities import Declared
from ...errors import InvalidInput, NotSupported
from ..base import ParameterSpace, SignSystem, realize
from ..threshold.unit import threshold_arrangement
from . import evaluate
from .scheme import Scheme
from .symmetry import hopfield_group

WEIGHT_CONSTRAINTS = ("free", "symmetric", "zero-diagonal", "symmetric-zero-diagonal")
MAX_NODES = 10


@dataclass(frozen=True)
class WeightConstraint:
    """A weight constraint by name; ``symmetric`` and ``zero_diagonal`` say which subspace it is.

    Examples
    --------
    >>> WeightConstraint.parse("symmetric-zero-diagonal")
    WeightConstraint(name='symmetric-zero-diagonal', symmetric=True, zero_diagonal=True)
    """

    name: str
    symmetric: bool
    zero_diagonal: bool

    @classmethod
    def parse(cls, name: str) -> "WeightConstraint":
        """The constraint called ``name``.

        Raises
        ------
        InvalidInput
            For a name that is not one of ``free``, ``symmetric``, ``zero-diagonal``, ``symmetric-zero-diagonal``.
        """
        if name not in WEIGHT_CONSTRAINTS:
            raise InvalidInput(f"unknown weight constraint {name!r}: use one of {', '.join(WEIGHT_CONSTRAINTS)}")
        return cls(name, name in ("symmetric", "symmetric-zero-diagonal"),
                   name in ("zero-diagonal", "symmetric-zero-diagonal"))

    @property
    def decoupled(self) -> bool:
        """Free and zero-diagonal weights give every unit its own parameters (a product arrangement)."""
        return not self.symmetric

    def coordinates(self, n: int) -> list[tuple[str, Any]]:
        """Coordinates of ``L``: ``("W", (i, j))`` (``i <= j`` when symmetric) and ``("theta", i)``."""
        out: list[tuple[str, Any]] = []
        for i in range(n):
            for j in range(n):
                if (self.symmetric and j < i) or (self.zero_diagonal and i == j):
                    continue
                out.append(("W", (i, j)))
        return out + [("theta", i) for i in range(n)]

    def parameter_space(self, n: int) -> ParameterSpace:
        """``L`` inside ``Q^(n x n) x Q^n``: basis vector ``e_ij (+ e_ji)`` per weight coordinate, ``e_theta_i``."""
        ambient = [f"W{i + 1}{j + 1}" for i in range(n) for j in range(n)] + [f"theta{i + 1}" for i in range(n)]
        basis, names = [], []
        for kind, value in self.coordinates(n):
            column = [0] * (n * n + n)
            if kind == "theta":
                column[n * n + value] = 1
                names.append(f"theta{value + 1}")
            else:
                a, b = value
                column[a * n + b] = 1
                if self.symmetric:
                    column[b * n + a] = 1
                names.append(f"W{a + 1}{b + 1}")
            basis.append(column)
        return ParameterSpace.subspace(ambient, basis, names)


class HopfieldNetwork(Declared):
    """A layer of ``n`` threshold units fed back to itself, with a weight constraint and an update scheme.

    Examples
    --------
    >>> net = HopfieldNetwork(2, "symmetric")
    >>> net.parameter_names
    ['W11', 'W12', 'W22', 'theta1', 'theta2']
    >>> net.step(((0, 1), (1, 0)), (0, 0), 1)   # code 1 = (x1, x2) = (1, 0)  ->  (0, 1) = code 2
    2
    """

    capabilities = frozenset({"evaluate", "sign_system", "search", "arrangement", "symmetry_group", "factors",
                              "count"})
    instead = {"factors": "symmetric weights couple the units (no product structure)",
               "sign_system": "under this scheme Par_f is a union of chambers (realize searches them)"}

    def declared(self) -> frozenset[str]:
        """One sign system only for one synchronous step (else the search); factors only for decoupled weights."""
        out = self.capabilities - ({"search"} if self.scheme.is_one_step else {"sign_system"})
        return out if self.constraint.decoupled else out - {"factors"}

    def __init__(self, n: int, weights: str = "free", scheme: Scheme | None = None):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
            raise InvalidInput(f"a Hopfield network needs at least one node, got {n!r}")
        if n > MAX_NODES:
            raise InvalidInput(f"at most {MAX_NODES} nodes are supported (the state space has 2^n points)")
        self.n = int(n)
        self.constraint = WeightConstraint.parse(weights)
        self.weights = weights
        self.symmetric = self.constraint.symmetric
        self.scheme = scheme or Scheme()
        if self.scheme.order is not None and len(self.scheme.order) != n:
            raise InvalidInput(f"the sweep order must list all {n} units")
        self.parameter_space = self.constraint.parameter_space(self.n)

    @property
    def spec(self) -> str:
        return f"hopfield:{self.n}:{self.weights}"

    def with_scheme(self, scheme: Scheme) -> "HopfieldNetwork":
        """The same network under another update scheme."""
        return HopfieldNetwork(self.n, self.weights, scheme)

    # -------------------------------------------------------------------- parameter space
    @property
    def dimension(self) -> int:
        """Dimension of the constrained parameter space ``L``."""
        return self.parameter_space.dimension

    @property
    def parameter_names(self) -> list[str]:
        return list(self.parameter_space.names)

    def row(self, unit: int, code: int) -> tuple[int, ...]:
        """Coefficients of ``W_unit . x + theta_unit`` in the coordinates of ``L`` (``x`` = bits of ``code``)."""
        n = self.n
        ambient = [0] * (n * n + n)
        for j, bit in enumerate(code_to_bits(code, n)):
            ambient[unit * n + j] = bit
        ambient[n * n + unit] = 1
        return self.parameter_space.restrict(ambient)

    def arrangement(self) -> Arrangement:
        """The arrangement in ``L``: the free one-step arrangement (one hyperplane per (unit, input), labelled
        ``(unit, code)``) restricted to the constraint subspace."""
        n = self.n
        normals, labels = [], []
        for i in range(n):
            for x in range(2 ** n):
                ambient = [0] * (n * n + n)
                for j, bit in enumerate(code_to_bits(x, n)):
                    ambient[i * n + j] = bit
                ambient[n * n + i] = 1
                normals.append(ambient)
                labels.append((i, x))
        free = Arrangement.from_rational(normals, labels=labels, dimension=n * n + n)
        return free.restrict_to_subspace(self.parameter_space.basis)

    def symmetry_group(self, budget=None) -> np.ndarray:
        """Relabellings and unit flips as permutations of the hyperplanes of
        [`arrangement()`][weightspace.arch.hopfield.network.HopfieldNetwork.arrangement]."""
        return hopfield_group(self.arrangement().labels, self.n)

    def describe_arrangement(self) -> tuple[str, dict[str, Any]]:
        return f"Hopfield, {self.weights} weights", {"nodes": self.n, "weights": self.weights}

    def factors(self) -> list:
        """Per-unit threshold arrangements when the units decouple (free or zero-diagonal weights).

        Raises
        ------
        NotSupported
            When the weights are symmetric: they couple the units, so there is no product structure.
        """
        if not self.constraint.decoupled:
            raise NotSupported(f"{self.spec}: symmetric weights couple the units (no product structure)")
        inputs = self.n if self.weights == "free" else self.n - 1
        return [threshold_arrangement(inputs) for _ in range(self.n)]

    def parameters(self, vector: Sequence[int]) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]:
        """``(W, theta)`` from coordinates of ``L``."""
        return self._split(self.parameter_space.embed(vector))

    def _split(self, ambient: Sequence) -> tuple[tuple[tuple, ...], tuple]:
        n = self.n
        return tuple(tuple(ambient[i * n:(i + 1) * n]) for i in range(n)), tuple(ambient[n * n:])

    def ambient(self, W: Sequence[Sequence], theta: Sequence) -> tuple:
        """The ambient parameter vector of ``(W, theta)``."""
        return tuple(v for row in W for v in row) + tuple(theta)

    def satisfies_constraint(self, W: Sequence[Sequence[int]]) -> bool:
        """True when ``W`` obeys this network's weight constraint."""
        return self.parameter_space.contains(self.ambient(W, [0] * self.n))

    # -------------------------------------------------------------------- the architecture protocol
    def parse_function(self, mapping: str | Sequence[int]) -> tuple[int, ...]:
        return parse_map(mapping, self.n)

    def evaluate(self, parameters: Sequence) -> tuple[int, ...]:
        """The map of the ambient parameters under the network's scheme (exact simulation).

        Raises
        ------
        NotSupported
            For the scheme "any order", which needs a concrete order (a witness carries one).
        """
        W, theta = self._split(parameters)
        s = self.scheme
        if s.any_order:
            raise NotSupported("evaluating 'any order' needs a concrete order (a witness carries one)")
        return evaluate.map_of(W, theta, self.n, s.update, s.order, s.steps)

    def witness_values(self, parameters: Sequence) -> dict[str, Any]:
        W, theta = self._split(parameters)
        values: dict[str, Any] = {"W": [list(r) for r in W], "theta": list(theta)}
        if self.scheme.update == "async":
            values["order"] = self.scheme.order_json()
        return values

    def function_dict(self, mapping: tuple) -> dict[str, Any]:
        s = self.scheme
        return {"map": list(mapping), "nodes": self.n, "weights": self.weights, "steps": s.steps, "update": s.update}

    def sign_system(self, mapping: Sequence[int]) -> SignSystem:
        """Rows ``a_k`` (``r_i(x) = a_k . phi``), signs ``s_k`` (+1 where unit ``i`` outputs 1 on ``x``) and labels
        ``(i, x)`` of a one-step map.

        Raises
        ------
        NotSupported
            For schemes other than one synchronous step: there ``Par_f`` is a union of chambers, not one sign system.
        """
        if not self.scheme.is_one_step:
            raise NotSupported(f"Par_f of {self.scheme.describe()} is a union of chambers, not one sign system")
        rows, signs, labels = [], [], []
        for i, table in enumerate(unit_tables(mapping, self.n)):
            for x, value in enumerate(table):
                rows.append(self.row(i, x))
                signs.append(1 if value else -1)
                labels.append((i, x))
        return SignSystem(tuple(rows), tuple(signs), tuple(labels))

    def constraints(self, mapping: Sequence[int]):
        """``(rows, signs, labels)`` of [`sign_system()`][weightspace.arch.hopfield.network.HopfieldNetwork.sign_system]
        as lists."""
        system = self.sign_system(mapping)
        return list(system.rows), list(system.signs), list(system.labels)

    def certificate_values(self, mapping, system: SignSystem, multipliers: Sequence[int]) -> dict[str, Any]:
        return {"terms": [{"unit": i + 1, "input": x, "multiplier": y}
                          for (i, x), y in zip(system.labels, multipliers) if y],
                "statement": "sum of multiplier * s * (W_i . x + theta_i) vanishes for every admissible "
                             "(W, theta), with s = +1 where the map outputs 1 and -1 where it outputs 0"}

    def describe_realization(self, result) -> list[str]:
        if result.realizable:
            values = result.witness.to_dict()
            order = f", order {values['order']}" if values.get("order") else ""
            return [f"realisable: W = {values['W']}, theta = {values['theta']}{order} (simulated exactly)"]
        kind = result.certificate.kind
        if kind == "gordan":
            terms = ", ".join(f"{t['multiplier']}*[unit {t['unit']}, input {t['input']}]"
                              for t in result.certificate.terms)
            return [f"not realisable ({self.weights} weights): certificate {terms}"]
        if kind == "exhaustive-square-root-search":
            return [f"not realisable: an exhaustive search finds no one-step map F (of "
                    f"{result.certificate.one_step_chambers}) with F o F equal to this map"]
        return [f"not realisable: none of the {result.certificate.one_step_chambers_checked} one-step chambers "
                "composes to this map"]

    def realize(self, mapping: str | Sequence[int]):
        """[`weightspace.arch.base.realize()`][weightspace.arch.base.realize] for this network.

        Examples
        --------
        >>> HopfieldNetwork(2).realize("1,0,0,2").to_dict()["realizable"]
        True
        >>> HopfieldNetwork(2).realize("0,1,1,0").realizable     # unit 1 would compute XOR
        False
        """
        return realize(self, mapping)

    # -------------------------------------------------------------------- dynamics
    def step(self, W: Sequence[Sequence[int]], theta: Sequence[int], code: int) -> int:
        """One synchronous step ``H(W x + theta)`` on the state with this code, in exact arithmetic."""
        return evaluate.sync_step(W, theta, code, self.n)

    def map_of(self, W: Sequence[Sequence[int]], theta: Sequence[int]) -> tuple[int, ...]:
        """The one-step map ``{0,1}^n -> {0,1}^n`` computed by ``(W, theta)``."""
        return evaluate.map_of(W, theta, self.n)


__all__ = ["WEIGHT_CONSTRAINTS", "MAX_NODES", "WeightConstraint", "HopfieldNetwork"]
