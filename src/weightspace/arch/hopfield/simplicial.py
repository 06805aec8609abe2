"""The one-step simplicial Hopfield network (Burns and Fukai 2023): setwise weights up to dimension ``D``.

``N`` binary units on ``{0,1}^N``; a weight ``w_sigma`` on every simplex ``sigma`` of ``{1..N}`` with
``2 <= |sigma| <= D + 1`` (edges for ``D = 1``, triangles from ``D = 2``), shared by all its members, and a bias
``theta_i`` per unit. Unit ``i`` sees the field

    h_i(x) = theta_i + sum_{sigma containing i} w_sigma prod_{j in sigma, j != i} x_j

and one synchronous step is ``x -> H(h(x))``. Parameter space is ``Q^m`` with coordinates ``theta_i`` and
``w_sigma``; each (unit, input) gives the hyperplane ``h_i(x) = 0``, and since ``h_i`` does not read ``x_i`` the
inputs ``x`` and ``x xor e_i`` give the same hyperplane (a zero diagonal). The realisable one-step maps are the
chambers of this arrangement (``theta_i`` is free, so lowering it moves every zero off its wall).

``D = 1`` is the classical network with symmetric weights and zero diagonal (``hopfield:N:symmetric-zero-diagonal``);
the higher simplices add maps, which [`added_maps()`][weightspace.arch.hopfield.simplicial.added_maps] lists.

Examples
--------
>>> net = SimplicialHopfield(3, 2)
>>> net.spec, net.parameter_space.names
('simplicial-hopfield:3:2', ('theta1', 'theta2', 'theta3', 'w12', 'w13', 'w23', 'w123'))
>>> net.evaluate((-1, -1, -1, 0, 0, 0, 2))     # each unit fires iff the other two are on
(0, 0, 0, 4, 0, 2, 1, 7)
"""

from __future__ import annotations

from fractions import Fraction
from itertools import combinations
from typing import Any, Sequence

from ...arrangement import Arrangement
from ...booleans import parse_map, unit_tables
from ...capabilities import Declared
from ...domain import code_to_bits
from ...errors import InvalidInput
from ..base import ParameterSpace, Realization, SignSystem

MAX_SIMPLICIAL_NODES = 6


class SimplicialHopfield(Declared):
    """One synchronous step of the simplicial Hopfield network with simplices of dimension ``1..D``."""

    capabilities = frozenset({"evaluate", "sign_system", "arrangement", "count"})
    instead = {"symmetry_group": "use --method lattice or enumeration"}

    def __init__(self, n: int, dimension: int):
        if not 2 <= n <= MAX_SIMPLICIAL_NODES:
            raise InvalidInput(f"a simplicial Hopfield network needs 2 to {MAX_SIMPLICIAL_NODES} nodes, got {n}")
        if not 1 <= dimension <= n - 1:
            raise InvalidInput(f"the simplex dimension must be between 1 and {n - 1}, got {dimension}")
        self.n, self.dimension_of_simplices = n, dimension
        self.simplices = [s for k in range(2, dimension + 2) for s in combinations(range(n), k)]
        names = [f"theta{i + 1}" for i in range(n)] + ["w" + "".join(str(i + 1) for i in s) for s in self.simplices]
        self.parameter_space = ParameterSpace.free(names)

    @property
    def spec(self) -> str:
        return f"simplicial-hopfield:{self.n}:{self.dimension_of_simplices}"

    def row(self, unit: int, code: int) -> tuple[int, ...]:
        """Coefficients of ``h_unit(x)`` in the parameters (``x`` the state with this code)."""
        x = code_to_bits(code, self.n)
        out = [int(i == unit) for i in range(self.n)]
        for s in self.simplices:
            value = 0
            if unit in s:
                value = 1
                for j in s:
                    if j != unit:
                        value *= x[j]
            out.append(value)
        return tuple(out)

    # ---------------------------------------------------------------- the architecture protocol
    def parse_function(self, mapping: str | Sequence[int]) -> tuple[int, ...]:
        return parse_map(mapping, self.n)

    def evaluate(self, parameters: Sequence) -> tuple[int, ...]:
        """The one-step map (output codes by input code), exactly."""
        out = []
        for x in range(2 ** self.n):
            code = 0
            for i in range(self.n):
                field = sum((Fraction(p) * a for p, a in zip(parameters, self.row(i, x))), Fraction(0))
                code |= int(field > 0) << i
            out.append(code)
        return tuple(out)

    def witness_values(self, parameters: Sequence) -> dict[str, Any]:
        return dict(zip(self.parameter_space.names, parameters))

    def function_dict(self, mapping: tuple) -> dict[str, Any]:
        return {"map": list(mapping), "nodes": self.n, "simplex_dimension": self.dimension_of_simplices}

    def sign_system(self, mapping: Sequence[int]) -> SignSystem:
        rows, signs, labels = [], [], []
        for i, table in enumerate(unit_tables(mapping, self.n)):
            for x, value in enumerate(table):
                rows.append(self.row(i, x))
                signs.append(1 if value else -1)
                labels.append((i, x))
        return SignSystem(tuple(rows), tuple(signs), tuple(labels))

    def certificate_values(self, mapping, system: SignSystem, multipliers: Sequence[int]) -> dict[str, Any]:
        return {"terms": [{"unit": i + 1, "input": x, "multiplier": y}
                          for (i, x), y in zip(system.labels, multipliers) if y],
                "statement": "sum of multiplier * s * h_i(x) vanishes for every parameter, with s = +1 where the "
                             "map outputs 1 and -1 where it outputs 0"}

    def describe_realization(self, result: Realization) -> list[str]:
        if result.realizable:
            values = {k: v for k, v in result.witness.to_dict().items() if k not in ("parameters",)}
            return [f"realisable: {values} (simulated exactly)"]
        terms = ", ".join(f"{t['multiplier']}*[unit {t['unit']}, input {t['input']}]"
                          for t in result.certificate.terms)
        return [f"not realisable with simplices up to dimension {self.dimension_of_simplices}: certificate {terms}"]

    # ---------------------------------------------------------------- capabilities
    def arrangement(self) -> Arrangement:
        """One hyperplane ``h_i(x) = 0`` per (unit, input), labelled ``(unit, code)`` (repeated for ``x``,
        ``x xor e_i``)."""
        normals, labels = [], []
        for i in range(self.n):
            for x in range(2 ** self.n):
                normals.append(self.row(i, x))
                labels.append((i, x))
        return Arrangement.from_rational(normals, labels=labels, dimension=self.parameter_space.dimension)

    def describe_arrangement(self) -> tuple[str, dict[str, Any]]:
        return (f"simplicial Hopfield network, simplices up to dimension {self.dimension_of_simplices}",
                {"nodes": self.n, "simplex_dimension": self.dimension_of_simplices,
                 "parameters": self.parameter_space.dimension})


def added_maps(n: int, dimension: int) -> list[tuple[int, ...]]:
    """The one-step maps of ``simplicial-hopfield:n:dimension`` that ``simplicial-hopfield:n:dimension-1`` cannot
    realise: the maps of the chambers of the larger arrangement minus those of the smaller (each chamber's map read at
    its exact interior point).

    Parameters
    ----------
    n
        Number of nodes.
    dimension
        The largest simplex dimension, at least 2.

    Returns
    -------
    list of tuple of int
        The added maps, sorted.

    Raises
    ------
    InvalidInput
        For ``dimension < 2``.
    """
    from ...arrangement import chamber_complex
    if dimension < 2:
        raise InvalidInput("added_maps compares dimension D with D - 1, so D must be at least 2")
    maps = []
    for net in (SimplicialHopfield(n, dimension), SimplicialHopfield(n, dimension - 1)):
        maps.append({net.evaluate(point) for point in chamber_complex(net.arrangement()).points})
    return sorted(maps[0] - maps[1])


__all__ = ["MAX_SIMPLICIAL_NODES", "SimplicialHopfield", "added_maps"]
