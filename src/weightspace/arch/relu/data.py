"""A one-hidden-layer ReLU network on a finite data set, as an [`Architecture`][weightspace.arch.base.Architecture].

The network ``x -> sum_j v_j relu(w_j . x + b_j) + c`` of width ``m`` labels the data points ``x_1..x_N`` by
``H(output)`` (the Heaviside convention of weightspace). In first-layer parameter space ``Q^(m (d + 1))`` each unit
``j`` and point ``x_i`` give the hyperplane ``w_j . x_i + b_j = 0`` (the threshold arrangement of the points, once per
unit): its chambers are the realisable activation patterns on the data, ``T^m`` of them when one unit has ``T``
dichotomies of the points.

**Realising a labelling.** Fix for each unit the set ``S_j`` of points where it is active (a chamber of the threshold
arrangement) and the sign ``e_j`` of ``v_j``. Since ``relu`` is positively homogeneous, ``|v_j| (w_j, b_j)`` may be
written ``(u_j, beta_j)``, and the output at ``x_i`` is ``sum_{j : i in S_j} e_j (u_j . x_i + beta_j) + c``, linear in
``(u, beta, c)``. Every condition (``u_j . x_i + beta_j > 0`` on ``S_j``, ``< 0`` off it, output ``> 0`` on the ones,
``< 0`` on the zeros) is a strict homogeneous inequality: strictness loses nothing, because lowering ``b_j`` and then
``c`` slightly turns zeros into negatives and keeps the positives. So a labelling is realisable iff one of the finitely
many systems, one per multiset of pairs ``(S_j, e_j)``, is feasible; [`weightspace.lp.solve_signs()`][weightspace.lp.solve_signs]
decides each exactly. A witness is re-checked by exact evaluation; a negative answer is an exhaustive certificate
(every multiset tried, their number checked against ``C(2T + m - 1, m)``).
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations_with_replacement
from math import comb
from typing import Any, Callable, Sequence

from ...arrangement import Arrangement
from ...booleans import parse_table
from ...capabilities import Declared
from ...budget import DEFAULT_BUDGET, Budget
from ...domain import Domain
from ...errors import InvalidInput, TooLarge
from ...lp import solve_signs
from ..base import Certificate, ParameterSpace, Realization, Witness, register_search
from ..threshold.unit import threshold_arrangement



class ReLUOnData(Declared):
    """``x -> sum_j v_j relu(w_j . x + b_j) + c`` of width ``m`` on a finite rational domain.

    Parameters are ``(W (m x d, row by row), b (m), v (m), c)``.

    Examples
    --------
    >>> from weightspace.domain import cube01
    >>> arch = ReLUOnData(cube01(2), 2)
    >>> arch.evaluate((1, 1, 1, 1, 0, -1, 1, -2, 0))              # relu(x+y) - 2 relu(x+y-1): XOR
    (0, 1, 1, 0)
    >>> arch.parameter_space.dimension, len(arch.arrangement())
    (9, 8)
    """

    capabilities = frozenset({"evaluate", "search", "arrangement", "count"})

    def __init__(self, domain: Domain, width: int, spec: str | None = None):
        if not isinstance(width, int) or width < 1:
            raise InvalidInput(f"the width must be a positive integer, got {width!r}")
        self.domain, self.width = domain, width
        d = domain.dimension
        names = ([f"W{j + 1},{i + 1}" for j in range(width) for i in range(d)] + [f"b{j + 1}" for j in range(width)]
                 + [f"v{j + 1}" for j in range(width)] + ["c"])
        self.parameter_space = ParameterSpace.free(names)
        self._spec = spec

    @property
    def spec(self) -> str:
        return self._spec or f"relu-data:{self.domain.name}:{self.width}"

    # ------------------------------------------------------------------ the architecture protocol
    def parse_function(self, labels: str | Sequence[int]) -> tuple[int, ...]:
        return parse_table(labels, len(self.domain))

    def _split(self, parameters: Sequence[Any]):
        m, d = self.width, self.domain.dimension
        p = [Fraction(v) for v in parameters]
        if len(p) != m * (d + 2) + 1:
            raise InvalidInput(f"{self.spec} has {m * (d + 2) + 1} parameters, not {len(p)}")
        W = [p[j * d:(j + 1) * d] for j in range(m)]
        return W, p[m * d:m * d + m], p[m * d + m:m * d + 2 * m], p[-1]

    def evaluate(self, parameters: Sequence[Any]) -> tuple[int, ...]:
        """The labels ``H(sum_j v_j relu(w_j . x + b_j) + c)`` on the domain, exactly."""
        W, b, v, c = self._split(parameters)
        out = []
        for x in self.domain.points:
            total = c + sum(vj * max(Fraction(0), sum(a * xi for a, xi in zip(w, x)) + bj)
                            for w, bj, vj in zip(W, b, v))
            out.append(int(total > 0))
        return tuple(out)

    def witness_values(self, parameters: Sequence[Any]) -> dict[str, Any]:
        W, b, v, c = self._split(parameters)
        return {"W": [list(r) for r in W], "b": list(b), "v": list(v), "c": c}

    def function_dict(self, labels: tuple) -> dict[str, Any]:
        return {"labels": "".join(map(str, labels)), "width": self.width}

    def describe_realization(self, result: Realization) -> list[str]:
        labels = "".join(map(str, result.target))
        if result.realizable:
            w = result.witness.to_dict()
            return [f"labels {labels} realised by width {self.width}: W = {w['W']}, b = {w['b']}, v = {w['v']}, "
                    f"c = {w['c']} (checked exactly)"]
        checked = result.certificate.values["checked"]
        return [f"labels {labels} not realisable by width {self.width}: all {checked} activation systems (multisets "
                f"of (active set, output sign) per unit) are infeasible, each with a Gordan certificate"]

    def arrangement(self) -> Arrangement:
        """The activation arrangement in first-layer parameter space
        ([`activation_arrangement()`][weightspace.arch.relu.data.activation_arrangement])."""
        return activation_arrangement(self.domain.points, self.width)

    def unit_arrangement(self) -> Arrangement:
        """The threshold arrangement of one unit on the data (one factor of the activation arrangement)."""
        return threshold_arrangement(domain=self.domain)


def activation_arrangement(points: Sequence[Sequence[Any]], units: int = 1) -> Arrangement:
    """The hyperplanes ``w_j . x_i + b_j = 0`` in first-layer parameter space ``Q^(units (d + 1))``, one per unit ``j``
    and point ``x_i`` (labelled ``(j, i)``, units from 1); with one unit, the threshold arrangement of the points.
    Repeated points give repeated hyperplanes.

    Parameters
    ----------
    points
        The data points.
    units
        The width of the hidden layer.

    Returns
    -------
    Arrangement
        The hyperplanes, labelled ``(unit, point)``.

    Examples
    --------
    >>> activation_arrangement([(0,), (1,)], units=2).normals
    ((0, 1, 0, 0), (1, 1, 0, 0), (0, 0, 0, 1), (0, 0, 1, 1))
    """
    width = len(points[0]) + 1
    normals, labels = [], []
    for j in range(units):
        for i, x in enumerate(points):
            row = [Fraction(0)] * (units * width)
            row[j * width:(j + 1) * width] = list(x) + [Fraction(1)]
            normals.append(row)
            labels.append((j + 1, i))
    return Arrangement.from_rational(normals, labels=labels, dimension=units * width)


def activation_patterns(arch: ReLUOnData) -> dict[str, int]:
    """The number of activation patterns of the hidden layer on the data, as chambers of the activation
    arrangement (enumeration) and as ``T^m`` from one unit's chambers.

    Parameters
    ----------
    arch
        The ReLU network on data.

    Returns
    -------
    dict
        The two counts.

    Examples
    --------
    >>> from weightspace.domain import cube01
    >>> activation_patterns(ReLUOnData(cube01(2), 2))
    {'per_unit': 14, 'patterns': 196}
    """
    from ...arrangement.chambers import count_chambers

    per_unit = count_chambers(arch.unit_arrangement())
    return {"per_unit": per_unit, "patterns": per_unit ** arch.width}


def realize_labels(arch: ReLUOnData, target: tuple[int, ...], progress: Callable[[int, int], None] | None = None,
                   budget: Budget = DEFAULT_BUDGET, **_: Any) -> Realization:
    """Decide exactly whether a width-``m`` network labels the data as ``target`` (see the module docstring).

    Parameters
    ----------
    arch
        The ReLU network on data.
    target
        The labels, one per point.
    progress
        Called with ``(done, total)``.
    budget
        Limits the activation systems tried.
    **_
        Ignored (the generic realise options).

    Returns
    -------
    Realization
        A verified witness or certificate.

    Raises
    ------
    TooLarge
        When more systems would have to be tried than ``budget.max_activation_systems`` (2,000,000 by default).
    """
    from ...arrangement.chambers import chambers

    d, m = arch.domain.dimension, arch.width
    points = arch.domain.points
    dichotomies = [tuple(s > 0 for s in chamber.signs) for chamber in chambers(arch.unit_arrangement())]
    options = [(S, e) for S in dichotomies for e in (1, -1)]
    expected = comb(len(options) + m - 1, m)
    if expected > budget.max_activation_systems:
        raise TooLarge(f"{expected} activation systems for width {m}", f"{expected} LPs")
    width = m * (d + 1) + 1
    unit_rows = [tuple(row) + (0,) for row in activation_arrangement(points, m).normals]   # same for every system
    checked = 0
    for choice in combinations_with_replacement(range(len(options)), m):
        checked += 1
        if progress is not None and checked % 500 == 0:
            progress(checked, expected)
        rows = list(unit_rows)
        signs = [1 if options[o][0][i] else -1 for o in choice for i in range(len(points))]
        for i, x in enumerate(points):
            row = [Fraction(0)] * width
            row[-1] = Fraction(1)
            for j, o in enumerate(choice):
                S, e = options[o]
                if S[i]:
                    row[j * (d + 1):(j + 1) * (d + 1)] = [e * v for v in list(x) + [Fraction(1)]]
            rows.append(row)
            signs.append(1 if target[i] else -1)
        answer = solve_signs(rows, signs)
        if answer.feasible:
            theta = answer.witness
            W = [theta[j * (d + 1):j * (d + 1) + d] for j in range(m)]
            b = [theta[j * (d + 1) + d] for j in range(m)]
            v = [options[o][1] for o in choice]
            parameters = tuple(Fraction(x) for x in [a for row in W for a in row] + b + v + [theta[-1]])
            witness = Witness(parameters, arch.witness_values(parameters))
            return Realization(arch, target, True, witness, None, "activation-systems",
                               {"systems_tried": checked})
    certificate = Certificate("exhaustive", {"checked": checked, "expected": expected,
                                             "statement": f"every multiset of {m} (activation set, output sign) "
                                                          f"pairs gives an infeasible strict system"})
    return Realization(arch, target, False, None, certificate, "activation-systems", {"systems_tried": checked})


register_search(ReLUOnData, realize_labels)

__all__ = ["ReLUOnData", "activation_arrangement", "activation_patterns", "realize_labels"]
