"""The symmetry group of the cube, acting on threshold arrangements.

Permuting the inputs and complementing some of them (``x_i -> 1 - x_i`` on ``{0,1}^n``, ``x_i -> -x_i`` on ``{-1,1}^n``)
acts linearly on ``(w, b)`` (``w_i -> -w_i, b -> b + w_i`` for a complement) and permutes the hyperplanes ``w . x + b =
0``: ``2^n n!`` symmetries. [`CubeSymmetry`][weightspace.arch.threshold.symmetry.CubeSymmetry] finds orbit
representatives of sets of points without listing the whole group, for
[`symmetric_characteristic_polynomial()`][weightspace.arrangement.symmetric.symmetric_characteristic_polynomial].
"""

from __future__ import annotations

from itertools import permutations

import numpy as np

from ...arrangement.symmetric import ImageCanonizer
from ...exact import set_bits


def cube_group(n: int) -> np.ndarray:
    """The symmetries of ``{0,1}^n`` (permute coordinates, then complement some) as permutations of point codes.

    They act linearly on ``(w, b)`` and permute the hyperplanes of the threshold arrangement: ``2^n n!`` of them.

    Parameters
    ----------
    n
        Number of coordinates.

    Returns
    -------
    numpy.ndarray
        ``2^n n!`` permutations of the ``2^n`` point codes.
    """
    codes = np.arange(2 ** n)
    bits = (codes[:, None] >> np.arange(n)) & 1
    out = []
    for perm in permutations(range(n)):
        moved = (bits[:, list(perm)] << np.arange(n)).sum(axis=1)
        for flips in range(2 ** n):
            out.append(moved ^ flips)
    return np.array(out, dtype=np.int16)


class CubeSymmetry(ImageCanonizer):
    """Orbit representatives under the cube group without touching all ``2^n n!`` elements.

    The smallest image of a nonempty point set ``S`` contains the point 0, so it is reached by a symmetry
    ``x -> pi(x) XOR v`` with ``v = pi(s)`` for some ``s`` in ``S``, i.e. ``x -> pi(x XOR s)``: only ``|S| n!``
    candidates. The stabiliser of ``S`` is read off the same candidates after translating ``S`` by one of its points.
    """

    def __init__(self, n: int):
        self.n = n
        self.m = 2 ** n
        self.words = (self.m + 63) // 64
        codes = np.arange(self.m)
        bits = (codes[:, None] >> np.arange(n)) & 1
        self.perms = np.array([(bits[:, list(p)] << np.arange(n)).sum(axis=1) for p in permutations(range(n))],
                              dtype=np.int64)                 # (n!, 2^n): pi(x)
        self.word_of = codes // 64
        self.bit_of = np.left_shift(np.uint64(1), (codes % 64).astype(np.uint64))
        self.cache: dict[int, tuple[int, int, np.ndarray]] = {}

    @property
    def order(self) -> int:
        return len(self.perms) * self.m

    def _masks(self, point_sets: np.ndarray) -> np.ndarray:
        """Bit masks (``... x words``) of sets of codes given along the last axis."""
        out = np.zeros(point_sets.shape[:-1] + (self.words,), dtype=np.uint64)
        for w in range(self.words):
            chosen = np.where(self.word_of[point_sets] == w, self.bit_of[point_sets], np.uint64(0))
            out[..., w] = np.bitwise_or.reduce(chosen, axis=-1)
        return out

    def _canonical(self, mask: int) -> tuple[int, int, np.ndarray]:
        hit = self.cache.get(mask)
        if hit is not None:
            return hit
        members = np.array(set_bits(mask), dtype=np.int64)
        if len(members) == 0:
            result = (0, self.order, self._all())
            self.cache[mask] = result
            return result
        translated = members[None, :] ^ members[:, None]          # (a, a): row s is S XOR s (contains 0)
        images = self.perms[:, translated]                          # (n!, a, a): pi(S XOR s)
        masks = self._masks(images).reshape(-1, self.words)         # candidates (p, s)
        if self.words == 1:
            best = int(masks[:, 0].min())
        else:
            first = np.lexsort(masks.T)[0]
            best = sum(int(masks[first, w]) << (64 * w) for w in range(self.words))
        # stabiliser: g = tau_{s0} o h with h(x) = pi(x XOR s) and h(S) = S XOR s0
        s0 = int(members[0])
        target = self._masks((members ^ s0)[None, :])[0]
        hits = np.nonzero(np.all(masks == target, axis=1))[0]
        p_index, s_index = np.divmod(hits, len(members))
        codes = np.arange(self.m)
        stabiliser = self.perms[p_index[:, None], codes[None, :] ^ members[s_index][:, None]] ^ s0
        result = (best, len(hits), stabiliser)
        self.cache[mask] = result
        return result

    def permutations(self, limit: int | None = None) -> np.ndarray:
        """The group's elements ``x -> pi(x XOR s)`` as permutations of the codes (rows), the first ``limit``."""
        codes = np.arange(self.m)
        rows = (self.perms[p][codes ^ s] for p in range(len(self.perms)) for s in range(self.m))
        count = self.order if limit is None else min(limit, self.order)
        return np.array([row for _, row in zip(range(count), rows)], dtype=np.int64)

    def _all(self) -> np.ndarray:
        """For the empty set: the translations, a transitive subgroup (the caller only needs the orbits)."""
        codes = np.arange(self.m)
        return codes[None, :] ^ codes[:, None]


__all__ = ["cube_group", "CubeSymmetry"]
