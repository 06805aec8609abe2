"""Threshold functions counted through their classes under permuting and negating inputs (NP classes).

Method (classic class enumeration, Muroga et al. 1970, with exact certificates at every step):

* Every threshold function is NP-equivalent to a *positive* one (each relevant input increasing) whose inputs
  are sorted by Chow parameter ``c_i = #{x : f(x) = 1, x_i = 1}``, largest first. For threshold functions equal
  Chow parameters mean symmetric inputs (Chow 1961), so this sorted positive table is a canonical form, and the
  stabiliser of the class is the product of the symmetric groups on blocks of equal Chow parameter, times
  ``k! 2^k`` for ``k`` irrelevant inputs. The orbit has ``2^n n! / |stabiliser|`` functions (orbit-stabiliser).
* Classes are generated layer by layer in the number ``k`` of true points. A threshold function with ``k + 1``
  true points loses one and stays threshold by lowering its bias until the first true point crosses, so every
  class of layer ``k + 1`` arises from one of layer ``k`` by turning one false point ``x`` true. Such ``x`` must
  keep the function unate, i.e. be maximal among false points in every relevant direction; one candidate per orbit
  of the stabiliser is tried.
* A candidate is accepted with an exact integer witness: with ``theta`` an interior integer point of ``f`` and ``r = R
  theta``, moving along ``(x, 1)`` by ``lambda`` with ``|r(x)|/(|x|+1) < lambda < min |r(y)| / (x.y + 1)`` (false ``y !=
  x``) lands in the chamber of ``f + {x}``; the simplest rational in that interval keeps integers small. It is rejected
  with an exact certificate when two false points ``a, b`` and two true points ``x, c`` of ``f + {x}`` satisfy ``a + b =
  x + c`` (2-summability, a Gordan certificate ``y = (1, 1, 1, 1)``). Candidates that neither test decides and that no
  other parent produced go to the certified LP oracle ([`weightspace.lp`][weightspace.lp]).
* Complementing the output maps layer ``k`` onto layer ``2^n - k`` bijectively, so only ``k <= 2^(n-1)`` is built.

``T(n) = 2 sum_{k < 2^(n-1)} sum_classes |orbit| + sum_{k = 2^(n-1)} |orbit|``.
"""

from __future__ import annotations

import math
from fractions import Fraction
from math import factorial

import numpy as np

from ...errors import CertificationError



# ------------------------------------------------------------------------------------------------ geometry
class Cube:
    """Precomputed arrays for ``{0,1}^n``: bits, rows ``(x, 1)``, Gram matrix ``x.y + 1``, base-3 codes."""

    def __init__(self, n: int):
        self.n = n
        self.N = 2 ** n
        codes = np.arange(self.N)
        self.bits = ((codes[:, None] >> np.arange(n)) & 1).astype(np.int64)
        self.rows = np.hstack([self.bits, np.ones((self.N, 1), dtype=np.int64)])
        self.gram = self.rows @ self.rows.T
        self.base3 = self.bits @ (3 ** np.arange(n, dtype=np.int64))
        self.codes = codes


_CUBES: dict[int, Cube] = {}


def cube(n: int) -> Cube:
    """The cube ``{0,1}^n`` with its precomputed point tables, one per ``n`` (cached).

    Parameters
    ----------
    n
        Number of inputs.

    Returns
    -------
    Cube
        The shared tables.
    """
    if n not in _CUBES:
        _CUBES[n] = Cube(n)
    return _CUBES[n]


def chow(table: np.ndarray, c: Cube) -> np.ndarray:
    """Chow parameters ``c_i`` (true points with ``x_i = 1``) of one table (bool, length ``2^n``).

    Parameters
    ----------
    table
        Boolean values on the ``2^n`` points.
    c
        The cube.

    Returns
    -------
    numpy.ndarray
        The ``n`` Chow parameters.
    """
    return c.bits[table].sum(axis=0)


def canonical_permutation(chows: np.ndarray) -> np.ndarray:
    """Input order sorting Chow parameters decreasingly (stable): new input ``j`` is old input ``perm[j]``.

    Parameters
    ----------
    chows
        Chow parameters.

    Returns
    -------
    numpy.ndarray
        The permutation ``perm``.
    """
    return np.argsort(-chows, kind="stable")


def permute_table(table: np.ndarray, perm: np.ndarray, c: Cube) -> np.ndarray:
    """The table with inputs reordered so that new input ``j`` is old input ``perm[j]``.

    Parameters
    ----------
    table
        Boolean values on the ``2^n`` points.
    perm
        New input ``j`` is old input ``perm[j]``.
    c
        The cube.

    Returns
    -------
    numpy.ndarray
        The permuted table.
    """
    old = np.zeros(c.N, dtype=np.int64)
    for j, p in enumerate(perm):
        old |= ((c.codes >> j) & 1) << p
    return table[old]


def canonical_form(table: np.ndarray, c: Cube) -> np.ndarray:
    """Canonical representative of the NP class of a threshold table: negate the decreasing inputs, then sort the
    inputs by Chow parameter (largest first).

    Parameters
    ----------
    table
        A threshold function's values on the ``2^n`` points.
    c
        The cube.

    Returns
    -------
    numpy.ndarray
        The canonical table of its NP class.
    """
    table = np.asarray(table, dtype=bool)
    for i in range(c.n):
        lower = (c.codes >> i) & 1 == 0
        if np.any(table[lower] & ~table[c.codes[lower] | (1 << i)]):
            table = table[c.codes ^ (1 << i)]
    return permute_table(table, canonical_permutation(chow(table, c)), c)


def stabilizer_order(table: np.ndarray, c: Cube) -> int:
    """Order of the stabiliser of a canonical positive threshold table in the NP group (see module docstring).

    Parameters
    ----------
    table
        A canonical positive threshold table.
    c
        The cube.

    Returns
    -------
    int
        The stabiliser's order.
    """
    chows = chow(table, c)
    ones = int(table.sum())
    size = 1
    irrelevant = 0
    values, counts = np.unique(chows, return_counts=True)
    for value, count in zip(values, counts):
        if 2 * int(value) == ones:
            irrelevant = int(count)
        else:
            size *= factorial(int(count))
    return size * factorial(irrelevant) * 2 ** irrelevant


def orbit_size(table: np.ndarray, c: Cube) -> int:
    """``2^n n! / |stabiliser|``: how many threshold functions the class contains.

    Parameters
    ----------
    table
        A canonical positive threshold table.
    c
        The cube.

    Returns
    -------
    int
        The number of functions in its NP class.
    """
    return (2 ** c.n * factorial(c.n)) // stabilizer_order(table, c)


def complement_key(table: np.ndarray, c: Cube) -> bytes:
    """Canonical key of the complement ``1 - f`` (negate every input to make it positive again, then sort).

    Parameters
    ----------
    table
        A canonical positive threshold table.
    c
        The cube.

    Returns
    -------
    bytes
        The packed canonical table of ``1 - f``.
    """
    flipped = ~table[::-1]            # x -> not f(not x): complement output, negate all inputs
    return np.packbits(permute_table(flipped, canonical_permutation(chow(flipped, c)), c)).tobytes()


def _simplest_between(lo: Fraction, hi: Fraction) -> Fraction:
    """The fraction with the smallest denominator strictly between ``lo < hi`` (Stern-Brocot descent)."""
    floor_lo = lo.numerator // lo.denominator
    if floor_lo + 1 < hi:
        return Fraction(floor_lo + 1)
    # lo and hi share the integer part a: recurse on reciprocals of the fractional parts
    a = Fraction(floor_lo)
    lo_f, hi_f = lo - a, hi - a
    if lo_f == 0:
        # any 1/m with 1/m < hi_f
        m = int(1 / hi_f) + 1
        return a + Fraction(1, m)
    inner = _simplest_between(1 / hi_f, 1 / lo_f)
    return a + 1 / inner


def certified_witness(table: np.ndarray, theta: list[int], c: Cube) -> np.ndarray:
    """``theta`` (Python integers) divided by its gcd, after an exact check that ``(x, 1) . theta`` is positive on
    the true points of ``table`` and negative on the false ones; raises
    [`CertificationError`][weightspace.errors.CertificationError] otherwise, or when ``theta`` does not fit in int64.

    The check runs in int64 only when no sum can overflow (rows are 0/1, so ``sum |theta_j| < 2^63`` suffices),
    and in Python integers otherwise.

    Parameters
    ----------
    table
        Boolean values on the ``2^n`` points.
    theta
        A candidate ``(w, b)`` as Python integers.
    c
        The cube.

    Returns
    -------
    numpy.ndarray
        The checked witness divided by its gcd.

    Raises
    ------
    CertificationError
        When the rounded witness fails its exact check on the domain, or cannot be represented exactly.

    Examples
    --------
    >>> certified_witness(np.array([False, False, False, True]), [4, 4, -6], cube(2)).tolist()
    [2, 2, -3]
    """
    g = math.gcd(*theta)
    if g > 1:
        theta = [v // g for v in theta]
    largest = max(map(abs, theta))
    if largest * len(theta) < 2 ** 62:           # every |(x, 1) . theta| <= sum |theta_j|: exact in int64
        values = c.rows @ np.array(theta, dtype=np.int64)
        good = bool(np.array_equal(values > 0, table)) and not bool((values == 0).any())
    else:
        values = [sum(int(a) * b for a, b in zip(row, theta)) for row in c.rows.tolist()]
        good = all((v > 0) if t else (v < 0) for v, t in zip(values, table))
    if not good:
        raise CertificationError("a witness built for a new threshold class fails its exact check")
    if largest >= 2 ** 63:
        raise CertificationError("a threshold class witness does not fit in 64-bit integers")
    return np.array(theta, dtype=np.int64)


# ------------------------------------------------------------------------------------------------ one parent
def expand(table: np.ndarray, theta: np.ndarray, c: Cube):
    """Children of one canonical class: ``(certified, deferred)``.

    ``certified``: list of ``(key, table, theta)`` with exact witnesses; ``deferred``: list of ``(key, table)``
    that neither the witness move nor 2-summability decided.

    Parameters
    ----------
    table
        A canonical table.
    theta
        Its integer witness.
    c
        The cube.

    Returns
    -------
    tuple
        ``(certified, deferred)`` as above.
    """
    n = c.n
    r = c.rows @ theta
    absr = np.abs(r)
    chows = chow(table, c)
    ones = int(table.sum())
    irrelevant = 2 * chows == ones
    false_points = np.nonzero(~table)[0]
    xb = c.bits[false_points]
    ok = np.all(xb[:, irrelevant] == 1, axis=1)
    for i in range(n):
        if irrelevant[i]:
            continue
        ok &= (xb[:, i] == 1) | table[false_points | (1 << i)]
    for i in range(n - 1):
        if chows[i] == chows[i + 1] and not irrelevant[i]:
            ok &= xb[:, i] >= xb[:, i + 1]
    candidates = false_points[ok]
    if len(candidates) == 0:
        return [], []
    # witness move: gap[k, y] = D_x |r(y)| - |r(x)| (x.y + 1) > 0 for every false y != x
    D = c.gram[candidates, candidates]
    gram = c.gram[np.ix_(candidates, false_points)]
    gap = D[:, None] * absr[false_points][None, :] - absr[candidates][:, None] * gram
    is_self = false_points[None, :] == candidates[:, None]
    movable = np.all((gap > 0) | is_self, axis=1)
    # 2-summability: a + b (false of g) == x + c (c true of f); built only when a candidate needs it
    present = None
    true3 = c.base3[table]
    certified, deferred = [], []
    for k, x in enumerate(candidates):
        child = table.copy()
        child[x] = True
        perm = canonical_permutation(chows + c.bits[x])
        child_table = permute_table(child, perm, c)
        key = np.packbits(child_table).tobytes()
        if movable[k]:
            lo = Fraction(int(absr[x]), int(D[k]))
            others = (false_points != x)
            num = absr[false_points][others]
            den = gram[k][others]
            if len(num):
                j = int(np.argmin(num / den))
                hi = Fraction(int(num[j]), int(den[j]))
                exact_min = np.all(num * hi.denominator >= den * hi.numerator)
                if not exact_min:  # pragma: no cover - float argmin off by rounding: take the exact minimum
                    hi = min(Fraction(int(a), int(b)) for a, b in zip(num, den))
                lam = _simplest_between(lo, hi)
            else:
                lam = lo + 1
            exact = [lam.denominator * int(t) + lam.numerator * int(r) for t, r in zip(theta, c.rows[x])]
            new_theta = certified_witness(child, exact, c)
            new_theta = np.concatenate([new_theta[:-1][perm], new_theta[-1:]])
            certified.append((key, child_table, new_theta))
            continue
        if present is None:
            present = np.zeros(3 ** n, dtype=bool)
            present[np.add.outer(c.base3[false_points], c.base3[false_points]).ravel()] = True
        sums = c.base3[x] + true3
        if present[sums[sums < len(present)]].any():
            continue  # certified non-threshold: a + b = x + c with a, b false and x, c true
        deferred.append((key, child_table))
    return certified, deferred


def expand_shard(n: int, tables: np.ndarray, thetas: np.ndarray):
    """Expand a batch of parents (packed tables, integer witnesses): the unit of work sent to an executor.

    Returns ``(keys, tables, thetas, deferred_keys, deferred_tables)`` with duplicates inside the shard removed.

    Parameters
    ----------
    n
        Number of inputs.
    tables
        Packed canonical tables, one per row.
    thetas
        Their integer witnesses.

    Returns
    -------
    tuple
        The packed tables and witnesses of the children found with a certified witness, and the packed tables of
        the children left for a certified LP.
    """
    c = cube(n)
    found: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}
    deferred: dict[bytes, np.ndarray] = {}
    for packed, theta in zip(tables, thetas):
        table = np.unpackbits(packed)[: c.N].astype(bool)
        certified, undecided = expand(table, theta.astype(np.int64), c)
        for key, child, witness in certified:
            if key not in found:
                found[key] = (child, witness)
        for key, child in undecided:
            deferred.setdefault(key, child)
    width = (c.N + 7) // 8
    keys = list(found)
    out_tables = np.array([np.packbits(found[k][0]) for k in keys], dtype=np.uint8).reshape(len(keys), width)
    out_thetas = np.array([found[k][1] for k in keys], dtype=np.int64).reshape(len(keys), n + 1)
    dkeys = [k for k in deferred if k not in found]
    dtables = np.array([np.packbits(deferred[k]) for k in dkeys], dtype=np.uint8).reshape(len(dkeys), width)
    return out_tables, out_thetas, dtables


__all__ = ["Cube", "cube", "chow", "canonical_permutation", "permute_table", "canonical_form", "stabilizer_order",
           "orbit_size", "complement_key", "certified_witness", "expand", "expand_shard"]
