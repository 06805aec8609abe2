"""The dynamics of one Hopfield network on ``{0,1}^n``: transitions, fixed points, cycles, basins, energy.

Synchronous updates and sweeps in a fixed order give a deterministic map ``T`` on the ``2^n`` states, whose
functional graph has attractor cycles and basins. Asynchronous updates with no fixed order give the
non-deterministic graph with an edge ``x -> x'`` for every single-unit update; its attractors are the terminal
strongly connected components. For symmetric ``W`` the energy ``E(x) = -1/2 x^T W x - theta^T x`` is reported;
updating unit ``u`` from ``a`` to ``b`` changes it by ``-(b - a) r_u - 1/2 W_uu (b^2 - a^2)`` with
``r_u = sum_{j != u} W_uj x_j + theta_u``, so with zero diagonal it never increases (Hopfield 1982) and is
constant exactly when ``r_u = 0`` switches a unit off. All arithmetic is exact (Fractions).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Sequence

from ...domain import code_to_bits
from ...errors import InvalidInput
from ...exact import to_fraction
from . import evaluate
from .scheme import parse_order

MAX_DYNAMICS_NODES = 12


def parse_matrix(text: str) -> list[list[Fraction]]:
    """Parse ``"0,1;1,0"`` (rows separated by ``;``) into a square matrix of Fractions.

    Parameters
    ----------
    text
        Rows separated by ``;``, entries by ``,``.

    Returns
    -------
    list of list of Fraction
        The square matrix.

    Raises
    ------
    InvalidInput
        When the rows have different lengths, the matrix is not square, or an entry is not a rational number.

    Examples
    --------
    >>> parse_matrix("0,1/2;1/2,0")[0]
    [Fraction(0, 1), Fraction(1, 2)]
    """
    rows = [[to_fraction(v) for v in row.split(",") if v.strip()] for row in text.split(";") if row.strip()]
    if not rows or any(len(r) != len(rows) for r in rows):
        raise InvalidInput(f"W must be a square matrix written as rows 'a,b;c,d', got {text!r}")
    return rows


def parse_vector(text: str, n: int) -> list[Fraction]:
    """Parse ``"1,-2"`` into ``n`` Fractions.

    Parameters
    ----------
    text
        Comma-separated entries.
    n
        The expected length.

    Returns
    -------
    list of Fraction
        The vector.

    Raises
    ------
    InvalidInput
        When the vector does not have ``n`` entries or an entry is not a rational number.
    """
    values = [to_fraction(v) for v in text.split(",") if v.strip()]
    if len(values) != n:
        raise InvalidInput(f"theta must have {n} entries (one per node), got {len(values)}")
    return values


@dataclass
class Dynamics:
    """The state-transition structure of one network under one update mode."""

    n: int
    update: str
    order: tuple[int, ...] | None
    transitions: dict[int, list[int]]
    fixed_points: list[int]
    attractors: list[list[int]]
    basins: list[int]
    energy: dict[int, Fraction] | None = None
    energy_check: dict[str, Any] | None = None
    symmetric: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "nodes": self.n, "update": self.update,
            "order": None if self.order is None else [u + 1 for u in self.order],
            "transitions": {str(x): ys for x, ys in self.transitions.items()},
            "fixed_points": self.fixed_points,
            "attractors": [{"states": a, "length": len(a), "basin_size": b}
                           for a, b in zip(self.attractors, self.basins)],
            "symmetric": self.symmetric,
        }
        if self.energy is not None:
            out["energy"] = {str(x): str(e) for x, e in self.energy.items()}
            out["energy_check"] = self.energy_check
        return out


def step_map(W, theta, n: int, update: str, order: Sequence[int] | None) -> list[int]:
    """Deterministic transition map (sync step, or one sweep in ``order``), by the exact evaluator.

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    n
        Number of units.
    update
        ``sync`` or ``async``.
    order
        The sweep order (0-based) for ``async``.

    Returns
    -------
    list of int
        The next state of every state.
    """
    return list(evaluate.map_of(W, theta, n, update, order))


def energy(W, theta, state: int, n: int) -> Fraction:
    """``E(x) = -1/2 x^T W x - theta^T x`` (exact).

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    state
        The state's code.
    n
        Number of units.

    Returns
    -------
    Fraction
        ``E(x)``.
    """
    x = code_to_bits(state, n)
    quadratic = sum((W[i][j] * x[i] * x[j] for i in range(n) for j in range(n)), Fraction(0))
    return -quadratic / 2 - sum((theta[i] * x[i] for i in range(n)), Fraction(0))


def analyse(W: Sequence[Sequence[Any]], theta: Sequence[Any], update: str = "sync",
            order: str | Sequence[int] | None = None) -> Dynamics:
    """Transition graph, fixed points, attractors with basin sizes and (for symmetric W) the energy check.

    Parameters
    ----------
    W
        The weight matrix (exact rationals).
    theta
        The thresholds.
    update
        ``sync`` or ``async``.
    order
        The sweep order (1-based) for ``async``.

    Returns
    -------
    Dynamics
        The transition graph and what it contains.

    Raises
    ------
    InvalidInput
        When ``W`` is not a non-empty square matrix, ``theta`` has the wrong length, the update is unknown, an order is
        given with synchronous updates, or the network has more nodes than the state graph lists.

    Examples
    --------
    >>> d = analyse([[0, 1], [1, 0]], [0, 0])
    >>> d.fixed_points, [a for a in d.attractors]
    ([0, 3], [[0], [1, 2], [3]])
    """
    n = len(W)
    if n == 0 or any(len(r) != n for r in W):
        raise InvalidInput("W must be a non-empty square matrix")
    if n > MAX_DYNAMICS_NODES:
        raise InvalidInput(f"at most {MAX_DYNAMICS_NODES} nodes (2^n states are listed)")
    if len(theta) != n:
        raise InvalidInput(f"theta must have {n} entries")
    if update not in ("sync", "async"):
        raise InvalidInput(f"unknown update {update!r}: use sync or async")
    W = [[to_fraction(v) for v in row] for row in W]
    theta = [to_fraction(v) for v in theta]
    order = parse_order(order, n)
    if order is not None and update == "sync":
        raise InvalidInput("--order applies to asynchronous updates only")
    import networkx as nx
    graph = nx.DiGraph()
    graph.add_nodes_from(range(2 ** n))
    if update == "sync" or order is not None:
        T = step_map(W, theta, n, update, order)
        transitions = {x: [T[x]] for x in range(2 ** n)}
    else:
        transitions = {x: sorted({evaluate.update_unit(W, theta, x, u, n) for u in range(n)}) for x in range(2 ** n)}
    for x, ys in transitions.items():
        graph.add_edges_from((x, y) for y in ys)
    fixed = [x for x, ys in transitions.items() if ys == [x]]
    condensation = nx.condensation(graph)
    attractors, basins = [], []
    for component in condensation.nodes:
        if condensation.out_degree(component) == 0:
            members = sorted(condensation.nodes[component]["members"])
            attractors.append(_cycle_order(members, transitions) if update == "sync" or order else members)
            reach = nx.ancestors(graph, members[0]) | set(members)
            basins.append(len(reach))
    order_attractors = sorted(range(len(attractors)), key=lambda i: min(attractors[i]))
    attractors = [attractors[i] for i in order_attractors]
    basins = [basins[i] for i in order_attractors]
    symmetric = all(W[i][j] == W[j][i] for i in range(n) for j in range(n))
    result = Dynamics(n, update, order, transitions, fixed, attractors, basins, symmetric=symmetric)
    if symmetric:
        result.energy = {x: energy(W, theta, x, n) for x in range(2 ** n)}
        result.energy_check = _energy_check(W, theta, n, result.energy)
    return result


def _cycle_order(members: list[int], transitions: dict[int, list[int]]) -> list[int]:
    start = min(members)
    cycle, state = [start], transitions[start][0]
    while state != start:
        cycle.append(state)
        state = transitions[state][0]
    return cycle


def _energy_check(W, theta, n: int, values: dict[int, Fraction]) -> dict[str, Any]:
    """Every single-unit asynchronous update that changes the state: does the energy go down?"""
    zero_diagonal = all(W[i][i] == 0 for i in range(n))
    increases, unchanged, changes = [], [], 0
    for x in range(2 ** n):
        for u in range(n):
            y = evaluate.update_unit(W, theta, x, u, n)
            if y == x:
                continue
            changes += 1
            delta = values[y] - values[x]
            if delta > 0:
                increases.append({"state": x, "unit": u + 1, "next": y, "delta": str(delta)})
            elif delta == 0:
                unchanged.append({"state": x, "unit": u + 1, "next": y})
    return {"zero_diagonal": zero_diagonal, "state_changing_updates": changes,
            "non_increasing": not increases, "strictly_decreasing": not increases and not unchanged,
            "increases": increases[:10], "unchanged_updates": unchanged[:10]}
