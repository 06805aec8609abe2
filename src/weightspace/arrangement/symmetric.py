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

import time
from fractions import Fraction
from itertools import permutations
from typing import Callable

import numpy as np

from ..exact import integer_kernel, matvec, primitive, vecmat
from .arrangement import Arrangement
from .lattice import CharacteristicPolynomial, _ZeroRows, _bits


def cube_group(n: int) -> np.ndarray:
    """The symmetries of ``{0,1}^n`` (permute coordinates, then complement some) as permutations of point codes.

    They act linearly on ``(w, b)`` and permute the hyperplanes of the threshold arrangement: ``2^n n!`` of them.
    """
    codes = np.arange(2 ** n)
    bits = (codes[:, None] >> np.arange(n)) & 1
    out = []
    for perm in permutations(range(n)):
        moved = (bits[:, list(perm)] << np.arange(n)).sum(axis=1)
        for flips in range(2 ** n):
            out.append(moved ^ flips)
    return np.array(out, dtype=np.int16)


class CubeSymmetry:
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

    def canonical(self, mask: int) -> tuple[int, int, np.ndarray]:
        hit = self.cache.get(mask)
        if hit is not None:
            return hit
        members = np.array(_bits(mask), dtype=np.int64)
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

    def _all(self) -> np.ndarray:
        """For the empty set: the translations, a transitive subgroup (the caller only needs the orbits)."""
        codes = np.arange(self.m)
        return codes[None, :] ^ codes[:, None]


class _Canonizer:
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

    def canonical(self, mask: int) -> tuple[int, int, np.ndarray]:
        """(smallest image as an int, stabiliser order, stabilising permutations as rows)."""
        hit = self.cache.get(mask)
        if hit is not None:
            return hit
        members = _bits(mask)
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
                                        progress: Callable[[int, int], None] | None = None):
    """``chi_A`` of a central arrangement from one flat per ``G``-orbit (see the module docstring).

    Returns ``(CharacteristicPolynomial, statistics)``.

    >>> from weightspace import library
    >>> chi, stats = symmetric_characteristic_polynomial(library.threshold(3), cube_group(3))
    >>> chi.coefficients, stats["orbits"]
    ((1, -8, 28, -44, 23), 9)
    """
    if not A.is_central:
        raise ValueError("symmetric_characteristic_polynomial needs a central arrangement")
    start = time.perf_counter()
    m, d = len(A), A.dimension
    normals = A.normals
    zero_rows = _ZeroRows(normals, d)
    canon = group if hasattr(group, "canonical") else _Canonizer(group, m)
    order = canon.order
    identity = [tuple(1 if i == j else 0 for i in range(d)) for j in range(d)]
    # orbit data: rep mask -> (rank, a, orbit size, mu, basis)
    reps = {0: {"rank": 0, "a": 0, "size": 1, "mu": Fraction(1), "basis": identity}}
    level = [0]
    coefficients = [0] * (d + 1)
    coefficients[0] = 1
    rank = 0
    while level:
        incoming: dict[int, Fraction] = {}
        new_level = []
        for z in level:
            info = reps[z]
            _, _, stabiliser = canon.canonical(z)
            orbit_of = np.asarray(stabiliser, dtype=np.int64).min(axis=0)             # representative of each hyperplane's Stab(Z)-orbit
            outside = [h for h in range(m) if not (z >> h) & 1]
            representatives, counts = np.unique(orbit_of[outside], return_counts=True)
            for h, weight in zip(representatives.tolist(), counts.tolist()):
                coordinates = vecmat(normals[h], info["basis"])
                kernel = integer_kernel([coordinates], len(info["basis"]))
                basis = [primitive(matvec(info["basis"], column)) for column in kernel]
                y = zero_rows.mask(basis)
                rep, stab_order, _ = canon.canonical(y)
                if rep not in reps:
                    rep_basis = basis if rep == y else integer_kernel([normals[i] for i in _bits(rep)], d)
                    reps[rep] = {"rank": rank + 1, "a": bin(rep).count("1"), "size": order // stab_order,
                                 "mu": None, "basis": rep_basis}
                    new_level.append(rep)
                incoming[rep] = incoming.get(rep, Fraction(0)) + info["size"] * info["mu"] * weight
        for y in new_level:
            data = reps[y]
            mu = -incoming[y] / (data["a"] * data["size"])
            assert mu.denominator == 1, "orbit Moebius value must be an integer"
            data["mu"] = mu
            coefficients[rank + 1] += int(data["size"] * mu)
        if progress:
            progress(len(reps), 0)
        level = new_level
        rank += 1
    stats = {"orbits": len(reps), "group_order": order, "seconds": round(time.perf_counter() - start, 3),
             "flats": sum(r["size"] for r in reps.values())}
    return CharacteristicPolynomial(tuple(coefficients)), stats


def resonance_group(n: int) -> np.ndarray:
    """``S_(n+1)`` acting on the resonance arrangement ``R_n`` (hyperplanes indexed by nonempty ``S`` of ``[n]``).

    With ``x_(n+1) = -(x_1 + ... + x_n)`` the hyperplane ``sum_S x_i = 0`` is also ``sum_(complement) x_i = 0`` in
    ``[n+1]``, so permuting the ``n + 1`` coordinates permutes the hyperplanes (a linear symmetry).
    """
    full = (1 << (n + 1)) - 1
    subsets = list(range(1, 2 ** n))             # hyperplane k is the subset with bit mask subsets[k]
    position = {s: k for k, s in enumerate(subsets)}
    out = []
    for perm in permutations(range(n + 1)):
        row = []
        for s in subsets:
            image = 0
            for i in range(n + 1):
                if (s >> i) & 1:
                    image |= 1 << perm[i]
            if (image >> n) & 1:
                image = full & ~image
            row.append(position[image])
        out.append(row)
    return np.array(out, dtype=np.int16)


def hopfield_group(network) -> np.ndarray:
    """Symmetries of a one-step Hopfield arrangement: relabel units together with inputs (``S_n``) and flip a
    unit's 0/1 meaning on input and output (``Z_2^n``), as permutations of the (unit, input) hyperplanes.

    Flipping unit ``j`` sends ``W_ij -> -W_ij`` (``i != j``), ``theta_i -> theta_i + W_ij`` and negates unit ``j``'s
    row and threshold; this is linear, keeps ``W`` symmetric and the diagonal zero, and maps the hyperplane of
    (``i``, ``x``) to that of (``i``, ``x XOR e_j``). Relabelling is a permutation of coordinates. So the group acts
    under every weight constraint.
    """
    n = network.n
    labels = network.arrangement().labels
    index = {label: k for k, label in enumerate(labels)}
    rows = []
    for perm in permutations(range(n)):
        for flips in range(2 ** n):
            row = []
            for unit, x in labels:
                moved = sum(((x >> j) & 1) << perm[j] for j in range(n)) ^ flips
                row.append(index[(perm[unit], moved)])
            rows.append(row)
    return np.array(rows, dtype=np.int16)
