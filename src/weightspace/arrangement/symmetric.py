"""Characteristic polynomials with symmetry: one representative per orbit of flats.

Let a group ``G`` of linear symmetries permute the hyperplanes. Flats fall into ``G``-orbits on which the Moebius
function is constant, so ``chi(t) = sum over orbits O of |O| mu(O) t^dim``. The Moebius values come from Weisner's
theorem in a geometric lattice: for any hyperplane ``h`` containing ``Y``,
``mu(Y) = -sum { mu(Z) : Z covered by Y, h not containing Z }``. Averaging over the ``a_Y`` hyperplanes containing
``Y`` removes the choice of ``h``:

    a_Y mu(Y) = - sum_{Z covered by Y} (a_Y - a_Z) mu(Z).

Counting the pairs (``Z`` in orbit ``O_Z``, ``Y`` in orbit ``O_Y``) from both ends gives the orbit form used here,
which only needs *upper* covers of orbit representatives:

    mu(O_Y) = - 1 / (a_Y |O_Y|) sum_{O_Z} |O_Z| mu(O_Z) C(Z, O_Y),

where ``C(Z, O_Y)`` is the number of hyperplanes ``h`` not containing ``Z`` with ``cl(Z + h)`` in ``O_Y``. Orbits
are identified by the smallest image of the flat's hyperplane set under ``G`` (exact), and ``|O| = |G| / |Stab|``.
"""

from __future__ import annotations

import json
import os
import time
from fractions import Fraction
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from ..errors import CertificationError, InvalidInput
from ..exact import integer_kernel, matvec, primitive, set_bits, vecmat
from ..parallel import config_key
from .arrangement import Arrangement
from .lattice import CharacteristicPolynomial, ZeroRows


class ImageCanonizer:
    """A group whose orbit key of a set is its smallest image: a subclass's ``_canonical(mask)`` returns
    ``(smallest image as an int, stabiliser order, stabilising permutations as rows)``, and this gives the two
    calls the symmetric characteristic polynomial makes.
    """

    def _canonical(self, mask: int) -> tuple[int, int, np.ndarray]:
        raise NotImplementedError

    def canonical(self, mask: int) -> tuple[int, int]:
        """The smallest image of ``mask`` and its stabiliser's order.

        Parameters
        ----------
        mask
            Bit mask of the set.

        Returns
        -------
        tuple of int
            ``(smallest image as an int, stabiliser order)``.
        """
        return self._canonical(mask)[:2]

    def orbits(self, mask: int) -> np.ndarray:
        """For every element, the smallest element of its orbit under the stabiliser of ``mask``.

        Parameters
        ----------
        mask
            Bit mask of the set.

        Returns
        -------
        numpy.ndarray
            One representative per element.
        """
        return np.asarray(self._canonical(mask)[2], dtype=np.int64).min(axis=0)


class _Canonizer(ImageCanonizer):
    """Orbit representatives of hyperplane sets: the largest-word-first lexicographically smallest image.

    ``images[h]`` holds, for every group element ``g``, the bit mask of ``g(h)`` (``|G| x words`` uint64), so the
    images of a set are the OR of its members' rows.
    """

    def __init__(self, group: np.ndarray, m: int):
        self.group = group
        self.m = m
        self.words = (m + 63) // 64
        self.images_of = np.zeros((m, len(group), self.words), dtype=np.uint64)
        for h in range(m):
            target = group[:, h].astype(np.int64)
            for w in range(self.words):
                inside = (target >= 64 * w) & (target < 64 * (w + 1))
                self.images_of[h, inside, w] = np.left_shift(np.uint64(1), (target[inside] - 64 * w).astype(np.uint64))
        self.cache: dict[int, tuple[int, int, np.ndarray]] = {}

    def _words(self, mask: int) -> np.ndarray:
        return np.array([(mask >> (64 * w)) & ((1 << 64) - 1) for w in range(self.words)], dtype=np.uint64)

    @property
    def order(self) -> int:
        return len(self.group)

    def _canonical(self, mask: int) -> tuple[int, int, np.ndarray]:
        """(smallest image as an int, stabiliser order, stabilising permutations as rows)."""
        hit = self.cache.get(mask)
        if hit is not None:
            return hit
        members = set_bits(mask)
        if members:
            images = np.bitwise_or.reduce(self.images_of[members], axis=0)
        else:
            images = np.zeros((len(self.group), self.words), dtype=np.uint64)
        if self.words == 1:
            best = int(images[:, 0].min())
        else:
            first = np.lexsort(images.T)[0]   # the last word is the primary key
            best = sum(int(images[first, w]) << (64 * w) for w in range(self.words))
        stabiliser = np.nonzero(np.all(images == self._words(mask), axis=1))[0]
        result = (best, len(stabiliser), self.group[stabiliser])
        self.cache[mask] = result
        return result


def symmetric_characteristic_polynomial(A: Arrangement, group: np.ndarray,
                                        progress: Callable[[int, int], None] | None = None,
                                        checkpoint: str | Path | None = None):
    """``chi_A`` of a central arrangement from one flat per ``G``-orbit (see the module docstring).

    Raises
    ------
    InvalidInput
        When the arrangement is not central, or the checkpoint belongs to another arrangement or group.
    CertificationError
        When an orbit Moebius value is not an integer, i.e. the given group does not act on the arrangement.

    Parameters
    ----------
    A
        A central arrangement.
    group
        Permutations of the hyperplanes (one row per group element, enumerated per flat), or an object with
        ``order``, ``canonical(mask) -> (key, stabiliser order)`` and ``orbits(mask)`` such as
        [`GraphSymmetry`][weightspace.arrangement.graph_symmetry.GraphSymmetry] (nauty) or
        [`CubeSymmetry`][weightspace.arch.threshold.symmetry.CubeSymmetry].
    progress
        Called with (representatives done, representatives) of the current rank.
    checkpoint
        A JSON file: each finished rank is saved there, and a rerun resumes after the last saved rank.

    Returns
    -------
    tuple
        The characteristic polynomial and ``{"orbits", "group_order", "seconds", "flats"}``.

    Notes
    -----
    The cost is that of one flat per orbit plus one orbit key per upper cover of a representative. Measured with
    the nauty keys (``benchmarks/charpoly.py``): the threshold arrangement of 7 inputs (1,693 orbits of 190,003,314
    flats) in about 2 s, the resonance arrangement of 7 inputs (1,154 orbits) in about 2.3 s; enumerating the
    group instead took 468 s and 31 s. The group must act on the hyperplanes; a wrong group is detected.

    Examples
    --------
    >>> from weightspace import library
    >>> from weightspace.arch.threshold.symmetry import cube_group
    >>> chi, stats = symmetric_characteristic_polynomial(library.threshold(3), cube_group(3))
    >>> chi.coefficients, stats["orbits"]
    ((1, -8, 28, -44, 23), 9)
    """
    if not A.is_linear:
        raise InvalidInput("the symmetric characteristic polynomial needs a central arrangement (every offset zero)")
    start = time.perf_counter()
    zero_rows = ZeroRows(A.normals, A.dimension)
    canon = group if hasattr(group, "canonical") else _Canonizer(group, len(A))
    order = canon.order
    store, state = start_ranks(A, order, checkpoint)
    while state["level"]:
        level = state["level"]
        found: dict[int, list] = {}
        for done, info in enumerate(level, 1):
            for y, basis, contribution in covers(zero_rows, canon, A.normals, [info]):
                key, stabiliser = canon.canonical(y)
                entry = found.get(key)
                if entry is None:
                    found[key] = [y, basis, stabiliser, contribution]
                else:
                    entry[3] += contribution
            if progress and (done % 64 == 0 or done == len(level)):
                progress(done, len(level))
        state = next_rank(state, found.values(), order)
        if hasattr(canon, "forget"):
            canon.forget()                                    # flats of different ranks are never in one orbit
        if state["level"]:
            store.save(state)
    stats = {"orbits": state["orbits"], "group_order": order, "seconds": round(time.perf_counter() - start, 3),
             "flats": state["flats"]}
    return CharacteristicPolynomial(tuple(state["coefficients"])), stats


def start_ranks(A: Arrangement, order: int, checkpoint: str | Path | None) -> tuple["_RankCheckpoint", dict]:
    """The checkpoint of the rank walk (keyed by the arrangement and the group's order) and the state to start
    from: the saved rank, or rank 0 (the whole space: one orbit, mask 0, ``mu = 1``).

    Parameters
    ----------
    A
        The arrangement.
    order
        The group's order.
    checkpoint
        A JSON file, or ``None``.

    Returns
    -------
    tuple
        The checkpoint and ``{"rank", "coefficients", "orbits", "flats", "level"}``, ``level`` holding one
        ``{"mask", "a", "size", "mu", "basis"}`` per orbit of the rank.

    Raises
    ------
    InvalidInput
        When the checkpoint belongs to another arrangement or group.
    """
    d = A.dimension
    key = config_key(task="symmetric-charpoly", normals=[list(map(str, row)) for row in A.normals], order=order)
    store = _RankCheckpoint(checkpoint, key)
    state = store.load() or {"rank": 0, "coefficients": [1] + [0] * d, "orbits": 1, "flats": 1,
                             "level": [{"mask": 0, "a": 0, "size": 1, "mu": 1,
                                        "basis": [tuple(int(i == j) for i in range(d)) for j in range(d)]}]}
    return store, state


def covers(zero_rows: ZeroRows, canon, normals, reps) -> Iterator[tuple[int, list, int]]:
    """``(mask, basis, size(Z) mu(Z) C)`` for each representative ``Z`` and each ``Stab(Z)``-orbit of the ``C``
    hyperplanes ``h`` outside it: the upper cover ``cl(Z + h)``, by one integer kernel in ``Z``'s basis.

    Parameters
    ----------
    zero_rows
        The hyperplanes, to read a flat's mask off its basis.
    canon
        The group (``orbits(mask)``: each hyperplane's orbit representative under the stabiliser).
    normals
        The hyperplanes' integer normals.
    reps
        ``{"mask", "size", "mu", "basis"}`` per representative.

    Returns
    -------
    iterator of tuple
        One triple per cover, the same cover possibly from several representatives.
    """
    m = len(normals)
    for info in reps:
        mask, basis = info["mask"], [tuple(v) for v in info["basis"]]
        orbit_of = canon.orbits(mask)
        outside = [h for h in range(m) if not (mask >> h) & 1]
        representatives, counts = np.unique(orbit_of[outside], return_counts=True)
        for h, weight in zip(representatives.tolist(), counts.tolist()):
            kernel = integer_kernel([vecmat(normals[h], basis)], len(basis))
            cover = [primitive(matvec(basis, column)) for column in kernel]
            yield zero_rows.mask(cover), cover, info["size"] * info["mu"] * weight


def next_rank(state: dict, found, order: int) -> dict:
    """The state after a rank: ``mu(O_Y) = -(sum of contributions) / (a_Y |O_Y|)`` for each orbit found (checked
    to be an integer), its coefficient added, and the orbits as the next level.

    Parameters
    ----------
    state
        The state of the rank just processed.
    found
        ``[mask, basis, stabiliser order, sum of contributions]`` per orbit of the next rank.
    order
        The group's order.

    Returns
    -------
    dict
        The next state.

    Raises
    ------
    CertificationError
        When a stabiliser order does not divide the group's, or a Moebius value is not an integer: the group does
        not act on the arrangement.
    """
    coefficients, level, rank = list(state["coefficients"]), [], state["rank"]
    for y, basis, stabiliser, contribution in found:
        if order % stabiliser:
            raise CertificationError(f"a stabiliser of order {stabiliser} in a group of order {order}")
        size, a = order // stabiliser, bin(y).count("1")
        mu = Fraction(-contribution, a * size)
        if mu.denominator != 1:
            raise CertificationError(f"an orbit Moebius value came out as {mu}, not an integer: the group does not "
                                     "act on the arrangement")
        coefficients[rank + 1] += size * int(mu)
        level.append({"mask": y, "a": a, "size": size, "mu": int(mu), "basis": [tuple(v) for v in basis]})
    return {"rank": rank + 1, "coefficients": coefficients, "orbits": state["orbits"] + len(level),
            "flats": state["flats"] + sum(r["size"] for r in level), "level": level}


class _RankCheckpoint:
    """One JSON file holding the last finished rank (its orbit representatives and the coefficients so far),
    written to a temporary name and renamed; a file from another arrangement or group is refused."""

    def __init__(self, path: str | Path | None, key: str):
        self.path = Path(path) if path else None
        self.key = key

    def load(self) -> dict | None:
        if self.path is None or not self.path.exists():
            return None
        try:
            state = json.loads(self.path.read_text())
        except (OSError, ValueError) as error:
            raise InvalidInput(f"checkpoint {self.path} is not readable: {error}") from None
        if not isinstance(state, dict) or state.get("key") != self.key:
            raise InvalidInput(f"checkpoint {self.path} belongs to another arrangement or group")
        for info in state["level"]:
            info["basis"] = [tuple(v) for v in info["basis"]]
        return state

    def save(self, state: dict) -> None:
        if self.path is None:
            return
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        tmp.write_text(json.dumps({**state, "key": self.key}))
        os.replace(tmp, self.path)


__all__ = ["symmetric_characteristic_polynomial", "ImageCanonizer", "start_ranks", "covers", "next_rank"]
