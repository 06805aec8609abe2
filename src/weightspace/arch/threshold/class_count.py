"""The driver of the threshold-class count: layers of canonical classes, checkpoints, executors, certified LPs for the
candidates the witness move leaves undecided (the method is described in
[`classes`][weightspace.arch.threshold.classes])."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import numpy as np

from ...errors import CertificationError, InvalidInput, TooLarge
from ...lp import solve_signs
from ...parallel import Executor
from .classes import Cube, complement_key, cube, expand_shard, orbit_size

MAX_INPUTS = 9
WITNESS_LIMIT = 2 ** 40


# ------------------------------------------------------------------------------------------------ results
@dataclass
class ClassCount:
    """``T(n)`` with the NP and NPN class counts and per-layer sizes."""

    n: int
    functions: int
    np_classes: int
    npn_classes: int
    layers: list[int]
    lp_calls: int
    seconds: float
    shards: int
    executor: str
    resumed_layers: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"chambers": self.functions, "method": "np-classes",
                "classes": {"np": self.np_classes, "npn": self.npn_classes},
                "seconds": round(self.seconds, 3), "inputs": self.n, "layers": self.layers,
                "lp_calls": self.lp_calls, "shards": self.shards, "executor": self.executor,
                "resumed_layers": self.resumed_layers}


# ------------------------------------------------------------------------------------------------ driver
def _lp_witness(table: np.ndarray, c: Cube) -> np.ndarray | None:
    """An integer witness for a table (None if it is not threshold), decided exactly.

    Fast path: HiGHS on the margin LP, rounded, checked in exact integer arithmetic. Otherwise the certified oracle
    [`weightspace.lp.solve_signs()`][weightspace.lp.solve_signs] (witness or Gordan certificate).
    """
    from scipy.optimize import linprog
    signs = np.where(table, 1.0, -1.0)
    a_ub = -(c.rows * signs[:, None]).astype(float)
    result = linprog(np.zeros(c.n + 1), A_ub=a_ub, b_ub=-np.ones(c.N), bounds=(None, None), method="highs")
    if result.status == 0:
        for scale in (1, 2, 4, 16, 2 * c.n + 2):
            theta = np.rint(result.x * scale).astype(np.int64)
            if np.all((c.rows @ theta) * signs > 0):
                return theta
    answer = solve_signs(c.rows.tolist(), [1 if v else -1 for v in table])
    return np.array(answer.witness, dtype=np.int64) if answer.feasible else None


def solve_deferred(n: int, tables: np.ndarray) -> np.ndarray:
    """Witnesses for a batch of packed tables; a row of zeros marks a certified non-threshold table.

    Parameters
    ----------
    n
        Number of inputs.
    tables
        Packed tables, one per row.

    Returns
    -------
    numpy.ndarray
        One witness per table (zeros: not a threshold function).
    """
    c = cube(n)
    out = np.zeros((len(tables), n + 1), dtype=np.int64)
    for i, packed in enumerate(tables):
        witness = _lp_witness(np.unpackbits(packed)[: c.N].astype(bool), c)
        if witness is not None:
            out[i] = witness
    return out


def _small_witness(table: np.ndarray, theta: np.ndarray, c: Cube) -> np.ndarray:
    """Replace a witness whose entries grew large by a fresh small one (certified LP)."""
    if np.abs(theta).max() < WITNESS_LIMIT:
        return theta
    fresh = _lp_witness(table, c)
    if fresh is None:
        raise CertificationError("a class with a witness has no witness after all: the witness move is wrong")
    return fresh


class _Checkpoint:
    """Layer files ``layer_K.npz`` plus ``state.json``; every file is written to a temporary name, then renamed."""

    def __init__(self, directory: str | Path | None, n: int):
        self.directory = Path(directory) if directory else None
        self.n = n
        if self.directory:
            self.directory.mkdir(parents=True, exist_ok=True)

    def _atomic(self, path: Path, writer) -> None:
        tmp = path.with_suffix(path.suffix + ".tmp")
        writer(tmp)
        os.replace(tmp, path)

    def load(self):
        if not self.directory or not (self.directory / "state.json").exists():
            return None
        state = json.loads((self.directory / "state.json").read_text())
        if state.get("n") != self.n:
            raise InvalidInput(f"checkpoint directory {self.directory} holds a run for n = {state.get('n')}")
        data = np.load(self.directory / f"layer_{state['layer']}.npz")
        shards = {}
        for path in self.directory.glob(f"shard_{state['layer']}_*.npz"):
            index = int(path.stem.split("_")[-1])
            with np.load(path) as shard:
                shards[index] = (shard["tables"], shard["thetas"], shard["deferred"])
        return state, data["tables"], data["thetas"], shards

    def save_layer(self, layer: int, tables: np.ndarray, thetas: np.ndarray, state: dict) -> None:
        if not self.directory:
            return
        self._atomic(self.directory / f"layer_{layer}.npz",
                     lambda p: np.savez(open(p, "wb"), tables=tables, thetas=thetas))
        self._atomic(self.directory / "state.json", lambda p: p.write_text(json.dumps(state)))
        for old in self.directory.glob("layer_*.npz"):
            if old.name != f"layer_{layer}.npz":
                old.unlink()
        for old in self.directory.glob("shard_*.npz"):
            if not old.name.startswith(f"shard_{layer}_"):
                old.unlink()

    def save_shard(self, layer: int, index: int, result) -> None:
        if not self.directory:
            return
        tables, thetas, deferred = result
        self._atomic(self.directory / f"shard_{layer}_{index}.npz",
                     lambda p: np.savez(open(p, "wb"), tables=tables, thetas=thetas, deferred=deferred))


def count_threshold_classes(n: int, executor: str = "local", workers: int | None = None,
                            scheduler: str | None = None, checkpoint: str | Path | None = None,
                            shard_size: int | None = None, stop_after_layer: int | None = None,
                            progress: Callable[[int, int], None] | None = None) -> ClassCount:
    """Count threshold functions of ``n`` inputs (and NP / NPN classes) by class enumeration.

    ``executor``: ``local`` (processes on this machine; ``workers=1`` runs in-process), ``dask`` (a
    dask.distributed cluster at ``scheduler``, or a local cluster when no address is given). ``checkpoint``: a
    directory; an interrupted run resumes from the last finished shard. ``stop_after_layer`` stops early (for
    measuring shard costs); the result then covers only the layers built.

    Parameters
    ----------
    n
        Number of inputs.
    executor
        ``local`` or ``dask``.
    workers
        Local worker processes (``1``: in-process).
    scheduler
        A Dask scheduler address.
    checkpoint
        A directory to checkpoint to and resume from.
    shard_size
        Classes per shard of a layer.
    stop_after_layer
        Stop after this layer (for measuring shard costs).
    progress
        Called with ``(shards done, shards)`` over the layers.

    Returns
    -------
    ClassCount
        The number of threshold functions, the NP and NPN classes and the run's statistics.

    Raises
    ------
    InvalidInput
        When ``n`` is not a positive integer, or a checkpoint belongs to another ``n``.
    TooLarge
        For ``n`` beyond the supported range (more than about ``10^12`` classes).

    Notes
    -----
    One certified LP per candidate neighbour of every class. Measured on 2 cores: T(7) in about 6 s, T(8) in 596 s
    (about 10 minutes; BENCHMARKS.md). Progress is reported layer by layer; with ``checkpoint`` each finished layer is saved and a re-run
    resumes from the last one.

    Examples
    --------
    >>> r = count_threshold_classes(4, workers=1)
    >>> r.functions, r.np_classes, r.npn_classes
    (1882, 27, 15)
    """
    if not isinstance(n, int) or n < 1:
        raise InvalidInput("the number of inputs must be a positive integer")
    if n > MAX_INPUTS:
        raise TooLarge(f"class enumeration is supported up to n = {MAX_INPUTS}", "more than 1e12 classes")
    start = time.perf_counter()
    c = cube(n)
    half = c.N // 2
    store = _Checkpoint(checkpoint, n)
    loaded = store.load()
    zero = np.zeros(c.N, dtype=bool)
    if loaded:
        state, tables, thetas, done_shards = loaded
        layer_index = state["layer"]
        sizes, orbits, lp_calls = state["sizes"], [int(v) for v in state["orbits"]], state["lp_calls"]
        layer_seconds = state.get("layer_seconds", [])
        resumed = layer_index
    else:
        tables = np.packbits(zero)[None, :]
        thetas = np.array([[0] * n + [-1]], dtype=np.int64)
        layer_index, sizes, orbits, lp_calls, done_shards, resumed = 0, [1], [orbit_size(zero, c)], 0, {}, 0
        layer_seconds = []
        store.save_layer(0, tables, thetas, _state(n, 0, sizes, orbits, lp_calls))
    pool = Executor(executor, workers, scheduler)
    shards_used = 0
    try:
        while layer_index < half and (stop_after_layer is None or layer_index < stop_after_layer):
            layer_start = time.perf_counter()
            size = shard_size or max(16, min(2048, len(tables) // (4 * pool.workers) + 1))
            shards = _split(tables, thetas, size)
            shards_used += len(shards)
            results = {i: r for i, r in done_shards.items() if i < len(shards)}
            todo = [i for i in range(len(shards)) if i not in results]
            for position, result in pool.map_function(expand_shard, [(n, *shards[i]) for i in todo]):
                index = todo[position]
                store.save_shard(layer_index, index, result)
                results[index] = result
                if progress:
                    progress(layer_index * len(shards) + len(results), half * len(shards))
            tables, thetas, calls = _merge(results, c, pool)
            lp_calls += calls
            layer_index += 1
            sizes.append(len(tables))
            orbits.append(_orbit_sum(tables, c))
            layer_seconds.append(round(time.perf_counter() - layer_start, 3))
            store.save_layer(layer_index, tables, thetas,
                             _state(n, layer_index, sizes, orbits, lp_calls, layer_seconds))
            done_shards = {}
    finally:
        pool.close()
    complete = layer_index == half
    if complete:
        functions = 2 * sum(orbits[:-1]) + orbits[-1]
        np_classes = 2 * sum(sizes[:-1]) + sizes[-1]
        npn = _npn(sizes, tables, c)
    else:
        functions = np_classes = npn = 0
    return ClassCount(n, functions, np_classes, npn, sizes, lp_calls, time.perf_counter() - start, shards_used,
                      pool.name, resumed)


def _state(n, layer, sizes, orbits, lp_calls, seconds=None) -> dict:
    return {"n": n, "layer": layer, "sizes": sizes, "orbits": [str(v) for v in orbits], "lp_calls": lp_calls,
            "layer_seconds": seconds or []}


def _orbit_sum(tables: np.ndarray, c: Cube) -> int:
    return sum(orbit_size(np.unpackbits(t)[: c.N].astype(bool), c) for t in tables)


def _npn(sizes: list[int], middle: np.ndarray, c: Cube) -> int:
    keys = {t.tobytes() for t in middle}
    self_complementary = sum(complement_key(np.unpackbits(t)[: c.N].astype(bool), c) == t.tobytes()
                             for t in middle)
    if not all(complement_key(np.unpackbits(t)[: c.N].astype(bool), c) in keys for t in middle):
        raise CertificationError("the middle layer is not closed under complementing the output")
    return sum(sizes[:-1]) + (sizes[-1] + self_complementary) // 2


def _split(tables: np.ndarray, thetas: np.ndarray, size: int):
    return [(tables[i:i + size], thetas[i:i + size]) for i in range(0, len(tables), size)]


def _merge(results: dict, c: Cube, pool: Executor):
    """Union of the shards' children (dedup), then certified LPs (in parallel) for deferred keys nobody certified."""
    merged: dict[bytes, int] = {}
    all_tables, all_thetas = [], []
    for index in sorted(results):
        tables, thetas, _ = results[index]
        for t, th in zip(tables, thetas):
            key = t.tobytes()
            if key not in merged:
                merged[key] = len(all_tables)
                all_tables.append(t)
                all_thetas.append(th)
    pending: dict[bytes, np.ndarray] = {}
    for index in sorted(results):
        for t in results[index][2]:
            if t.tobytes() not in merged:
                pending.setdefault(t.tobytes(), t)
    if pending:
        batch = np.array(list(pending.values()), dtype=np.uint8)
        chunks = [batch[i:i + 64] for i in range(0, len(batch), 64)]
        solved = dict(pool.map_function(solve_deferred, [(c.n, chunk) for chunk in chunks]))
        for i in range(len(chunks)):
            for t, witness in zip(chunks[i], solved[i]):
                if witness.any():
                    all_tables.append(t)
                    all_thetas.append(witness)
    tables = np.array(all_tables, dtype=np.uint8).reshape(len(all_tables), (c.N + 7) // 8)
    thetas = np.array([_small_witness(np.unpackbits(t)[: c.N].astype(bool), th, c)
                       for t, th in zip(all_tables, all_thetas)], dtype=np.int64).reshape(len(all_tables), c.n + 1)
    order = np.lexsort(tables.T[::-1]) if len(tables) else np.arange(0)
    return tables[order], thetas[order], len(pending)


__all__ = ["ClassCount", "count_threshold_classes", "solve_deferred", "MAX_INPUTS"]
