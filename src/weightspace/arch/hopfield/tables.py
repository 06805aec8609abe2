"""Expressivity tables: how many maps each weight constraint and update scheme realises, for k = 1..K.

Materialised chambers (``n <= 3``): every row is composed, each order separately. Streamed chambers (4 nodes, zero
diagonal) and chambers listed by threshold elimination (4 nodes, symmetric zero diagonal): one pass gives
``k = 1..K`` synchronously, one more pass the sweeps in order ``1..n``; another order ``pi`` has the relabelled
conjugates of those maps (a bijection, so the same count; ``method`` says so) and "any order" is the union of the
conjugates ([`symmetry`][weightspace.arch.hopfield.symmetry]).
"""

from __future__ import annotations

from itertools import permutations
from typing import Any, Sequence

from ...budget import DEFAULT_BUDGET, Budget
from ...errors import InvalidInput
from .chambers import one_step_chambers
from .counting import listed_key_sets, realized_keys, streamable, streamed_key_sets
from .network import WEIGHT_CONSTRAINTS
from .product import chambers_per_unit, product_chambers
from .symmetry import any_order_keys


MAX_TABLE_NODES = 4


def table_constraints(n: int, weights: str | Sequence[str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The weight constraints a table of ``n`` nodes tabulates, and those omitted with the reason.

    Default: all four up to 3 nodes; at 4 nodes zero-diagonal and symmetric-zero-diagonal, the ones in reach.

    Parameters
    ----------
    n
        Number of units.
    weights
        The constraints asked for (all when ``None``).

    Returns
    -------
    tuple
        The constraints tabulated, and the omitted ones with the reason.

    Raises
    ------
    InvalidInput
        When ``n`` is outside ``1..4`` or a weight constraint is unknown.

    Examples
    --------
    >>> table_constraints(4)[1]["free"].startswith("1882^4")
    True
    """
    if not isinstance(n, int) or not 1 <= n <= MAX_TABLE_NODES:
        raise InvalidInput(f"the expressivity table is computed for 1 to {MAX_TABLE_NODES} nodes")
    omitted: dict[str, str] = {}
    if weights is None:
        if n <= 3:
            return list(WEIGHT_CONSTRAINTS), omitted
        omitted = {"free": f"{chambers_per_unit(4)}^4 one-step chambers; `weightspace estimate hopfield --nodes 4` "
                           "estimates the two-step count",
                   "symmetric": "the coupled one-step arrangement has too many chambers to enumerate, even with the "
                                "thresholds eliminated (`weightspace charpoly hopfield --nodes 4 --weights "
                                "symmetric` counts them)"}
        return ["zero-diagonal", "symmetric-zero-diagonal"], omitted
    chosen = [w.strip() for w in weights.split(",") if w.strip()] if isinstance(weights, str) else list(weights)
    unknown = [w for w in chosen if w not in WEIGHT_CONSTRAINTS]
    if unknown or not chosen:
        raise InvalidInput(f"unknown weight constraint(s) {unknown or weights!r}: use {', '.join(WEIGHT_CONSTRAINTS)}")
    return chosen, omitted


def _shifted(progress, offset: int, total: int):
    """A block-progress callback reporting ``offset + done`` of ``total``."""
    return None if progress is None else (lambda done, _total: progress(offset + done, total))


def expressivity_table(n: int, max_steps: int = 6, weights: Sequence[str] = WEIGHT_CONSTRAINTS,
                       progress=None, budget: Budget = DEFAULT_BUDGET) -> list[dict[str, Any]]:
    """Counts of realised maps for every weight constraint, ``k = 1..max_steps`` and every update mode.

    Rows: ``{"weights", "update", "order", "steps", "maps", "one_step_chambers", "method"}``; ``update`` is
    ``sync``, ``async`` with an explicit order, or ``async`` with ``order = "any"`` (union over all orders).
    ``progress(done, total)`` counts rows, or blocks of the product when the chambers are streamed.

    Routes: see the module docstring; ``budget.max_chambers`` decides which chambers are listed.

    Parameters
    ----------
    n
        Number of units.
    max_steps
        The largest ``k``.
    weights
        The weight constraints to tabulate.
    progress
        Called with ``(done, total)``.
    budget
        Size limits checked before the work starts.

    Returns
    -------
    list of dict
        One row per weight constraint and update mode.

    Raises
    ------
    InvalidInput
        When ``n`` is outside ``1..4`` or a weight constraint is unknown.

    Notes
    -----
    At 4 nodes only the constraints within the budget are computed (the others are listed in ``omitted`` with the
    reason): zero diagonal about 15 minutes (two streamed passes), symmetric zero diagonal about 1 minute.

    Examples
    --------
    >>> [r["maps"] for r in expressivity_table(2, 2, weights=("free",)) if r["update"] == "sync"]
    [196, 74]
    """
    steps = range(1, max_steps + 1)
    orders = list(permutations(range(n)))
    rows: list[dict[str, Any]] = []

    def row(constraint, update, order, k, maps, chambers, method):
        rows.append({"weights": constraint, "update": update,
                     "order": order if order in (None, "any") else [u + 1 for u in order],
                     "steps": k, "maps": int(maps), "one_step_chambers": int(chambers), "method": method})

    total_rows = len(weights) * (len(orders) + 2) * max_steps

    def by_relabelling(constraint, sync, identity, size, method):
        for k in steps:
            row(constraint, "sync", None, k, len(sync[k]), size, method)
        for order in orders:
            for k in steps:
                row(constraint, "async", order, k, len(identity[k]), size, method if order == orders[0] else
                    "relabelled conjugates of order " + ",".join(str(u + 1) for u in orders[0]))
        for k in steps:
            row(constraint, "async", "any", k, len(any_order_keys(identity[k], n)), size,
                "union of the relabelled conjugates of order " + ",".join(str(u + 1) for u in orders[0]))

    for constraint in weights:
        if streamable(n, constraint, budget):
            chambers = product_chambers(n, constraint)
            passes = 2 * chambers.per_unit
            sync = streamed_key_sets(chambers, steps, "sync", None, _shifted(progress, 0, passes))
            identity = streamed_key_sets(chambers, steps, "async", orders[0],
                                         _shifted(progress, chambers.per_unit, passes))
            by_relabelling(constraint, sync, identity, chambers.size, "composed (streamed product)")
            continue
        chambers = one_step_chambers(n, constraint, progress=progress, budget=budget)
        if len(chambers) > budget.max_chambers:       # listed by threshold elimination: one pass per scheme
            sync = listed_key_sets(chambers, steps, "sync", None)
            if progress:
                progress(1, 3)
            identity = listed_key_sets(chambers, steps, "async", orders[0])
            if progress:
                progress(2, 3)
            by_relabelling(constraint, sync, identity, len(chambers), "composed (" + chambers.source + ")")
            continue
        for update, order in [("sync", None)] + [("async", o) for o in orders] + [("async", "any")]:
            for k in steps:
                keys = realized_keys(chambers, k, update, None if order == "any" else order)
                row(constraint, update, order, k, len(keys), len(chambers),
                    "union of the relabelled conjugates of order " + ",".join(str(u + 1) for u in orders[0])
                    if order == "any" else "composed")
                if progress:
                    progress(len(rows), total_rows)
    return rows


__all__ = ["expressivity_table", "table_constraints", "MAX_TABLE_NODES"]
