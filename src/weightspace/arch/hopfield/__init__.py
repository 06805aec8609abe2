"""Hopfield networks ``x -> H(W x + theta)`` on ``{0,1}^n``: the architecture, its update schemes, the one-step
chambers and every question asked of them.

Modules, one job each: `network` (the architecture and its weight constraints), `evaluate` (the exact
simulator), `scheme` (update schemes and their algebra on maps), `keys` (maps as integer keys),
`symmetry` (relabelling and flipping units), `onestep` / `chambers` / `product` /
`elimination` (routes to the one-step chambers), `counting` and `tables` (how many maps),
`realize` (witness or exhaustive proof), `roots` (square roots and the two-step estimate),
`cells` (the shape of ``Par_f``), `dynamics` (one network's state graph).
"""

from .cells import CellRow, CellStructure, cell_structure, coarsened_poset
from .chambers import ROUTES, one_step_chambers
from .counting import (DynamicsCount, count_dynamics, count_hopfield, listed_key_sets, realized_keys, streamable,
                       streamed_key_sets, streamed_keys)
from .dynamics import analyse, energy, parse_matrix, parse_vector
from .elimination import eliminated_chambers, order_arrangement
from .evaluate import fixed_points, map_of, run, settle, sweep_states, sync_step, update_unit
from .keys import distinct, key_to_map, keys_to_maps, map_dtype, map_keys
from .network import MAX_NODES, WEIGHT_CONSTRAINTS, HopfieldNetwork, WeightConstraint
from .onestep import OneStepChambers
from .product import DECOUPLED, ProductChambers, chambers_per_unit, product_chambers
from .realize import realize_dynamics
from .roots import RootCounter, TwoStepEstimate, brute_force_roots, estimate_two_step_maps
from .scheme import UPDATES, Scheme, apply_scheme, async_sweep, parse_order, scheme_powers, sync_power
from .symmetry import any_order_keys, conjugate_maps, hopfield_group, relabel_network, relabelling
from .tables import expressivity_table, table_constraints

__all__ = [
    "CellRow", "CellStructure", "cell_structure", "coarsened_poset", "ROUTES", "one_step_chambers", "DynamicsCount",
    "count_dynamics", "count_hopfield", "listed_key_sets", "realized_keys", "streamable", "streamed_key_sets",
    "streamed_keys", "analyse", "energy", "parse_matrix", "parse_vector", "eliminated_chambers", "order_arrangement",
    "fixed_points", "map_of", "run", "settle", "sweep_states", "sync_step", "update_unit", "distinct", "key_to_map",
    "keys_to_maps", "map_dtype", "map_keys", "MAX_NODES", "WEIGHT_CONSTRAINTS", "HopfieldNetwork",
    "WeightConstraint", "OneStepChambers", "DECOUPLED", "ProductChambers", "chambers_per_unit", "product_chambers",
    "realize_dynamics", "RootCounter", "TwoStepEstimate", "brute_force_roots", "estimate_two_step_maps", "UPDATES",
    "Scheme", "apply_scheme", "async_sweep", "parse_order", "scheme_powers", "sync_power", "any_order_keys",
    "conjugate_maps", "hopfield_group", "relabel_network", "relabelling", "expressivity_table", "table_constraints",
]
