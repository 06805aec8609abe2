"""The claims whose source states them in a narrower or different reading than a single check: Prop. 4 (asynchronous
updates), the asynchronous half of Cor. 1.1 and Prop. 5 with minimum probability flow itself.

Each check says which reading it tests, in the source's words where it has them:

* Definition 3 defines an asynchronous *step* as one selected unit updating. Prop. 4 in that reading
  (``prop4-one-unit``): every one-unit update map ``x -> (x with x_i := H(W_i x + theta_i))`` is itself a one-step
  synchronous map. In the sweep reading (``prop4-sweep``): one sweep through all units in a fixed order realises no map
  beyond one synchronous step. The source states Prop. 4 "in the case of 2 nodes"; 3 nodes is an extension.
* Cor. 1.1 says a two-node network cannot express XOR "asynchronous (or synchronous)": ``cor1.1-async`` checks sweeps
  in every fixed order, k = 1..6.
* Prop. 5 is about minimum probability flow (Sohl-Dickstein et al.; Hillar et al. 2012), whose target is a set of
  patterns to store as fixed points: ``prop5-mpf`` runs MPF itself on every storable set of states.
"""

from __future__ import annotations

from itertools import combinations
import numpy as np

from .arch.hopfield import OneStepChambers, Scheme, apply_scheme, key_to_map, map_keys, map_of, sweep_states
from .claim import FAILS, HOLDS, XOR_TABLES, Claim, network_dict, not_one_step, xor_units

SOURCE_PROP4 = "Prop. 4 (stated in the case of 2 nodes): asynchronous updates are no more expressive than synchronous"
ONE_UNIT = ("Definition 3: an asynchronous step updates one selected unit; so: every one-unit update map is itself a "
            "one-step synchronous map")
SWEEP = "a sweep updates every unit once, in a fixed order; one sweep realises no map beyond one synchronous step"


def _first_beyond_one_step(chambers: OneStepChambers, candidates):
    """Over ``(label, maps per chamber)`` pairs: ``((label, chamber, map, distinct maps outside) | None, maps checked,
    one-step maps)``, the first chamber whose map is not a one-step map (free weights)."""
    n = chambers.network.n
    one_step = np.array(sorted(set(chambers.keys.tolist())), dtype=np.uint64)
    checked = 0
    for label, maps in candidates:
        keys = map_keys(maps, n)
        checked += len(keys)
        outside = np.nonzero(~np.isin(keys, one_step))[0]
        if len(outside):
            c = int(outside[0])
            return (label, c, key_to_map(keys[c], n), int(len(set(keys[outside].tolist())))), checked, len(one_step)
    return None, checked, len(one_step)


def prop4_one_unit(chambers: OneStepChambers) -> Claim:
    """Every one-unit update map of every chamber is a one-step map (free weights): checked over all chambers and
    units; the reason is constructive (keep unit ``i``'s row, give every other unit ``j`` the row ``x_j - 1/2``).

    Parameters
    ----------
    chambers
        The one-step chambers (free weights).

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    n = chambers.network.n
    states = np.arange(2 ** n, dtype=chambers.maps.dtype)
    updates = ((unit, (states & ((2 ** n - 1) ^ (1 << unit))) | (chambers.maps & (1 << unit)))   # only unit i moves
               for unit in range(n))
    found, checked, one_step = _first_beyond_one_step(chambers, updates)
    if found:
        unit, c, g, _ = found
        W, theta = chambers.witness(c)
        evidence = {"unit": unit + 1, "network": network_dict(W, theta), "one_unit_map": list(g),
                    **not_one_step(n, g)}
        return Claim("prop4-one-unit", SOURCE_PROP4, FAILS, evidence, ONE_UNIT, n)
    return Claim("prop4-one-unit", SOURCE_PROP4, HOLDS, {
        "one_unit_maps_checked": checked, "one_step_maps": one_step,
        "reason": "unit i keeps its row (W_i, theta_i); every other unit j gets x_j - 1/2, which copies x_j"},
        ONE_UNIT, n)


def prop4_sweep(chambers: OneStepChambers) -> Claim:
    """One asynchronous sweep, every fixed order: a map outside the one-step maps, with its trajectory and a Gordan
    certificate that one step cannot realise it, or the count of sweeps checked.

    Parameters
    ----------
    chambers
        The one-step chambers (free weights).

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    n = chambers.network.n
    reading = SWEEP + ("" if n == 2 else f" (n = {n}: an extension beyond the source, which states n = 2)")
    found, checked, one_step = _first_beyond_one_step(chambers, apply_scheme(chambers.maps, n,
                                                                            Scheme("async", 1, None)))
    if found:
        order, c, g, outside = found
        W, theta = chambers.witness(c)
        evidence = {"order": [u + 1 for u in order], "network": network_dict(W, theta), "async_map": list(g),
                    "trajectories": [{"input": x, "states_after_each_unit": sweep_states(W, theta, x, n, order)}
                                     for x in range(2 ** n)],
                    "exact_check": map_of(W, theta, n, "async", order, 1) == g, "async_maps_outside_sync": outside}
        evidence.update(not_one_step(n, g))
        return Claim("prop4-sweep", SOURCE_PROP4, FAILS, evidence, reading, n)
    return Claim("prop4-sweep", SOURCE_PROP4, HOLDS, {"orders": "all", "chamber_sweeps_checked": checked,
                                                      "one_step_maps": one_step}, reading, n)


def cor11_async(chambers: OneStepChambers, max_sweeps: int = 6) -> Claim:
    """Cor. 1.1's asynchronous half: no unit of a two-node network computes XOR or XNOR of the initial state after k
    sweeps in any fixed order, k = 1..max_sweeps (every order covers "any order", the union).

    Parameters
    ----------
    chambers
        The one-step chambers (free weights).
    max_sweeps
        The largest number of sweeps.

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    statement = "Cor. 1.1: a two-node Hopfield network cannot express XOR (asynchronous or synchronous)"
    reading = f"the asynchronous half: k sweeps in each fixed order, k = 1..{max_sweeps}, every order"
    checked = 0
    for k in range(1, max_sweeps + 1):
        for order, realised in apply_scheme(chambers.maps, 2, Scheme("async", k, None)):
            checked += len(realised)
            found = xor_units(realised)
            if found:
                c, unit, name = found[0]
                W, theta = chambers.witness(c)
                outputs = [(map_of(W, theta, 2, "async", order, k)[x] >> unit) & 1 for x in range(4)]
                return Claim("cor1.1-async", statement, FAILS, {
                    "sweeps": k, "order": [u + 1 for u in order], "network": network_dict(W, theta), "unit": unit + 1,
                    "computes": name, "unit_outputs": outputs,
                    "exact_check": tuple(outputs) in XOR_TABLES}, reading, 2)
    return Claim("cor1.1-async", statement, HOLDS, {"sweeps_checked": list(range(1, max_sweeps + 1)),
                                                    "orders": "all", "chamber_sweeps_checked": checked}, reading, 2)


def prop5_mpf(n: int = 3) -> Claim:
    """Prop. 5 with minimum probability flow itself: for every nonempty set of states of ``{0,1}^n`` that some
    symmetric zero-diagonal network stores as fixed points (decided exactly: an integer network or a Gordan
    certificate, [`LPRule`][weightspace.learn.rules.LPRule]), MPF from zero learns a network that stores them all
    (checked exactly on the integer network of the learned weights).

    Parameters
    ----------
    n
        Number of units.

    Returns
    -------
    Claim
        The claim's status with its evidence.
    """
    from .learn.rules import LPRule, MPFRule
    states = [tuple((x >> i) & 1 for i in range(n)) for x in range(2 ** n)]
    storable = stored = 0
    missed: list[list[int]] = []
    for size in range(1, 2 ** n + 1):
        for subset in combinations(range(2 ** n), size):
            patterns = np.array([states[x] for x in subset])
            if LPRule().fit(patterns).certificate_ is not None:
                continue                                       # certified: no network stores this set
            storable += 1
            if MPFRule().fit(patterns).stored(patterns).all():
                stored += 1
            elif len(missed) < 5:
                missed.append(list(subset))
    reading = ("minimum probability flow (Hillar, Sohl-Dickstein and Koepsell 2012) on a target given as a set of "
               f"states to store as fixed points, symmetric zero-diagonal W, every storable set of {{0,1}}^{n}")
    return Claim("prop5-mpf", "Prop. 5: if f is realisable, minimising the energy flow (MPF) finds a point of Par_f",
                 HOLDS if stored == storable else FAILS,
                 {"nodes": n, "storable_sets": storable, "stored_by_mpf": stored, "missed": missed,
                  "exact_check": "fixed points of the integer network of the learned weights"}, reading, n)


__all__ = ["prop4_one_unit", "prop4_sweep", "cor11_async", "prop5_mpf"]
