"""The symmetric characteristic polynomial with each rank sharded over worker processes or a Dask cluster.

[`symmetric_characteristic_polynomial()`][weightspace.arrangement.symmetric.symmetric_characteristic_polynomial]
walks the flats one rank at a time: for every orbit representative ``Z`` of rank ``r`` it forms the upper covers
``cl(Z + h)``, one per ``Stab(Z)``-orbit of hyperplanes ``h``, names their orbits and adds
``|O_Z| mu(O_Z) C(Z, O_Y)`` to each. The representatives of a rank are independent, so here they are split into
shards: each worker returns, per orbit it met, one flat of it, its stabiliser order and the sum of its
contributions, and the driver adds the shards up orbit by orbit. Orbits are named by an exact key that does not
depend on the process: nauty's certificate of the flat's coloured graph
([`GraphSymmetry.key`][weightspace.arrangement.graph_symmetry.GraphSymmetry.key]), so the sums are the same as
the serial route's (the tests compare the two). Each finished rank is checkpointed; a rerun resumes after it.
"""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path
from typing import Any, Callable

from ..errors import CertificationError, InvalidInput
from ..parallel import Executor
from .arrangement import Arrangement
from .graph_symmetry import GraphSymmetry
from .lattice import CharacteristicPolynomial, ZeroRows
from .symmetric import covers, next_rank, start_ranks

_WORKER_STATE: dict[str, tuple[Any, GraphSymmetry, dict[int, bytes]]] = {}


def cover_shard(key: str, normals: list, symmetry: tuple[str, int], reps: list[tuple]) -> dict[bytes, list]:
    """The upper covers of a shard of one rank's representatives, summed per orbit (run in a worker).

    Parameters
    ----------
    key
        Names the arrangement and group (the worker keeps their set-up between shards).
    normals
        The hyperplanes' integer normals.
    symmetry
        ``("cube", n)`` or ``("resonance", n)``: the [`GraphSymmetry`][weightspace.arrangement.graph_symmetry.GraphSymmetry].
    reps
        ``{"mask", "size", "mu", "basis"}`` per representative.

    Returns
    -------
    dict
        Orbit key -> ``[mask of one flat, its basis, stabiliser order, sum of size * mu * C]``.
    """
    zero_rows, canon, names = _worker_state(key, normals, symmetry)
    out: dict[bytes, list] = {}
    for y, cover, contribution in covers(zero_rows, canon, normals, reps):
        name = names.get(y)
        if name is None:
            name = names[y] = canon.key(y)
        entry = out.get(name)
        if entry is None:
            entry = out[name] = [y, cover, canon.stabiliser_order(y), 0]
        entry[3] += contribution
    if len(names) > 1 << 18:              # the same flats recur within a rank; the memo is bounded
        names.clear()
    return out


def cover_sum_shard(key: str, normals: list, symmetry: tuple[str, int], reps: list[tuple]) -> Fraction:
    """``sum over (Z, h) of size(Z) mu(Z) C / a_Y`` for a shard of the representatives of the rank below the top:
    the next rank's coefficient is minus this sum, with no orbit of that rank named (see the driver).

    Parameters
    ----------
    key
        Names the arrangement and group.
    normals
        The hyperplanes' integer normals.
    symmetry
        ``("cube", n)`` or ``("resonance", n)``.
    reps
        ``{"mask", "size", "mu", "basis"}`` per representative.

    Returns
    -------
    Fraction
        The shard's sum.
    """
    zero_rows, canon, _ = _worker_state(key, normals, symmetry)
    return sum((Fraction(contribution, bin(y).count("1")) for y, _, contribution in
                covers(zero_rows, canon, normals, reps)), Fraction(0))


def _worker_state(key: str, normals: list, symmetry: tuple[str, int]) -> tuple[Any, GraphSymmetry, dict]:
    """The worker's set-up for one arrangement and group (kept between shards): zero rows, the group, the memo of
    orbit keys."""
    state = _WORKER_STATE.get(key)
    if state is None:
        _WORKER_STATE.clear()
        kind, n = symmetry
        state = _WORKER_STATE[key] = (ZeroRows(normals, len(normals[0])),
                                      GraphSymmetry.cube(n) if kind == "cube" else GraphSymmetry.resonance(n), {})
    return state


def sharded_characteristic_polynomial(A: Arrangement, symmetry: GraphSymmetry, executor: str = "local",
                                      workers: int | None = None, scheduler: str | None = None,
                                      checkpoint: str | Path | None = None,
                                      progress: Callable[[int, int], None] | None = None,
                                      shard_size: int = 2_000, name_last_ranks: bool = True) \
        -> tuple[CharacteristicPolynomial, dict[str, Any]]:
    """``chi_A`` from one flat per orbit, each rank's representatives sharded over an executor.

    Parameters
    ----------
    A
        A central arrangement on which ``symmetry`` acts.
    symmetry
        A group built by ``GraphSymmetry.cube`` or ``GraphSymmetry.resonance``.
    executor
        ``local`` (processes of this machine; one worker runs in-process) or ``dask``.
    workers
        Worker processes (local or of a local Dask cluster).
    scheduler
        A Dask scheduler address (a local cluster when ``None``).
    checkpoint
        A JSON file: each finished rank is saved there and a rerun resumes after it.
    progress
        Called with ``(shards done, shards)`` of the current rank.
    shard_size
        Representatives per shard.
    name_last_ranks
        ``False`` skips naming the orbits of the two top ranks: the coefficient of rank ``R - 1`` is
        ``-sum size(Z) mu(Z) C / a_Y`` over the covers of rank ``R - 2`` (each orbit's ``|O| mu(O)`` is minus its
        incoming sum over ``a_Y``, so the orbits need not be told apart), and the top one follows from
        ``chi(1) = 0``. The largest ranks are then never held in memory; ``orbits`` and ``flats`` count ranks
        below ``R - 1`` only, and the integrality check of the last two ranks is the sum's.

    Returns
    -------
    tuple
        The characteristic polynomial and ``{"orbits", "group_order", "seconds", "flats", "shards"}``.

    Raises
    ------
    InvalidInput
        When the arrangement is not central, the group was not built by a named constructor, or the checkpoint
        belongs to another arrangement.
    CertificationError
        When an orbit Moebius value is not an integer.

    Examples
    --------
    >>> from weightspace.arrangement.families import resonance
    >>> chi, stats = sharded_characteristic_polynomial(resonance(4), GraphSymmetry.resonance(4), workers=1)
    >>> chi.coefficients, stats["orbits"]
    ((1, -15, 80, -170, 104), 10)
    """
    if not A.is_linear:
        raise InvalidInput("the symmetric characteristic polynomial needs a central arrangement (every offset zero)")
    if symmetry.spec is None:
        raise InvalidInput("sharding needs a group built by GraphSymmetry.cube or GraphSymmetry.resonance")
    start = time.perf_counter()
    order = symmetry.order
    normals = [list(row) for row in A.normals]
    store, state = start_ranks(A, order, checkpoint)
    name, top, shards_run = store.key, A.rank, 0
    pool = Executor(executor, workers, scheduler)
    try:
        while state["level"]:
            reps = [{"mask": r["mask"], "size": r["size"], "mu": r["mu"], "basis": [list(v) for v in r["basis"]]}
                    for r in state["level"]]
            tasks = [(name, normals, symmetry.spec, reps[i:i + shard_size]) for i in range(0, len(reps), shard_size)]
            shards_run += len(tasks)
            if not name_last_ranks and state["rank"] == top - 2:
                total = Fraction(0)
                for done, (_, part) in enumerate(pool.map_function(cover_sum_shard, tasks), 1):
                    total += part
                    if progress:
                        progress(done, len(tasks))
                if total.denominator != 1:
                    raise CertificationError(f"the coefficient of rank {top - 1} came out as {-total}, not an integer")
                coefficients = state["coefficients"]
                coefficients[top - 1] = -int(total)
                coefficients[top] = -sum(coefficients[:top])               # chi(1) = 0: a central arrangement
                break
            found: dict[bytes, list] = {}
            for done, (_, part) in enumerate(pool.map_function(cover_shard, tasks), 1):
                for key, entry in part.items():
                    if key in found:
                        found[key][3] += entry[3]
                    else:
                        found[key] = entry
                if progress:
                    progress(done, len(tasks))
            state = next_rank(state, found.values(), order)
            if state["level"]:
                store.save(state)
    finally:
        pool.close()
    stats = {"orbits": state["orbits"], "group_order": order, "seconds": round(time.perf_counter() - start, 3),
             "flats": state["flats"], "shards": shards_run}
    return CharacteristicPolynomial(tuple(state["coefficients"])), stats


__all__ = ["sharded_characteristic_polynomial", "cover_shard"]
