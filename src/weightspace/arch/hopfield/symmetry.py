"""Symmetries of Hopfield networks: relabelling units and flipping a unit's 0/1 meaning.

Relabelling the units by a permutation ``pi`` (``W'_{pi(i) pi(j)} = W_ij``, ``theta'_{pi(i)} = theta_i``) preserves each
of the four weight constraints and turns a sweep in order ``(u_1, ..., u_n)`` into a sweep in order ``(pi(u_1), ...,
pi(u_n))``; on maps it is conjugation ``g -> P g P^{-1}`` by the state permutation ``P`` moving bit ``i`` to bit
``pi(i)``. Hence the maps of order ``pi`` are the conjugates of the maps of order ``(1, ..., n)``, and "any order" is
the union of the ``n!`` conjugates of that one set
([`any_order_keys()`][weightspace.arch.hopfield.symmetry.any_order_keys]): one order is composed instead of ``n!``
(tested against composing every order).

Flipping unit ``j`` sends ``W_ij -> -W_ij`` (``i != j``), ``theta_i -> theta_i + W_ij`` and negates unit ``j``'s row and
threshold; this is linear, keeps ``W`` symmetric and the diagonal zero, and maps the hyperplane of (``i``, ``x``) to
that of (``i``, ``x XOR e_j``). Together they form
[`hopfield_group()`][weightspace.arch.hopfield.symmetry.hopfield_group], which acts on the one-step arrangement under
every weight constraint.
"""

from __future__ import annotations

from itertools import permutations
from typing import Sequence

import numpy as np

from .keys import distinct, keys_to_maps, map_keys


def relabelling(perm: Sequence[int], n: int, flips: int = 0) -> np.ndarray:
    """The state permutation ``P`` of relabelling unit ``i`` as ``perm[i]``: bit ``perm[i]`` of ``P[x]`` is bit ``i``
    of ``x``; then the units in the bit mask ``flips`` (new labels) swap the meaning of 0 and 1.

    Parameters
    ----------
    perm
        The new name of every unit.
    n
        Number of units.
    flips
        Bit mask of the (new) units whose 0 and 1 swap.

    Returns
    -------
    numpy.ndarray
        The permutation of the ``2^n`` state codes.

    Examples
    --------
    >>> relabelling((1, 0), 2).tolist()      # swap the two units: states 01 and 10 trade places
    [0, 2, 1, 3]
    """
    codes = np.arange(2 ** n)
    image = np.zeros(2 ** n, dtype=np.int64)
    for i, j in enumerate(perm):
        image |= ((codes >> i) & 1) << int(j)
    return image ^ flips


def conjugate_maps(maps: np.ndarray, perm: Sequence[int], n: int, flips: int = 0) -> np.ndarray:
    """Row-wise ``P g P^{-1}`` for the state permutation ``P = relabelling(perm, n, flips)``: the maps of the
    relabelled (and flipped) networks.

    Parameters
    ----------
    maps
        Maps, one per row.
    perm
        The relabelling of the units.
    n
        Number of units.
    flips
        Bit mask of the units whose 0 and 1 swap.

    Returns
    -------
    numpy.ndarray
        The conjugated maps.

    Examples
    --------
    >>> conjugate_maps(np.array([[1, 1, 1, 1]], dtype=np.uint8), (1, 0), 2).tolist()   # constant 01 becomes 10
    [[2, 2, 2, 2]]
    """
    P = relabelling(perm, n, flips)
    inverse = np.argsort(P)
    return P.astype(maps.dtype)[maps[:, inverse]]


def any_order_keys(identity_keys: np.ndarray, n: int, chunk: int = 1_000_000) -> np.ndarray:
    """Distinct keys of the maps realised in *some* order, from those realised in order ``(1, ..., n)``: the
    union over all relabellings ``pi`` of ``P_pi S P_pi^{-1}`` (see the module docstring).

    Parameters
    ----------
    identity_keys
        Keys of the maps realised in the order ``(1, ..., n)``.
    n
        Number of units.
    chunk
        Keys relabelled per numpy pass.

    Returns
    -------
    numpy.ndarray
        Sorted distinct keys.
    """
    parts = []
    for start in range(0, len(identity_keys), chunk):
        maps = keys_to_maps(identity_keys[start:start + chunk], n)
        parts.append(distinct(np.concatenate([map_keys(conjugate_maps(maps, perm, n), n)
                                              for perm in permutations(range(n))])))
    return distinct(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.uint64)


def relabel_network(W, theta, perm: Sequence[int]):
    """The network with unit ``i`` renamed ``perm[i]``: ``W'[perm[i]][perm[j]] = W[i][j]``, ``theta'[perm[i]] =
    theta[i]`` (each weight constraint is preserved).

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.
    perm
        The new name of every unit.

    Returns
    -------
    tuple
        The relabelled ``(W, theta)``.

    Examples
    --------
    >>> relabel_network(((0, 1), (2, 0)), (3, 4), (1, 0))
    (((0, 2), (1, 0)), (4, 3))
    """
    n = len(theta)
    W2 = [[0] * n for _ in range(n)]
    theta2 = [0] * n
    for i in range(n):
        theta2[perm[i]] = theta[i]
        for j in range(n):
            W2[perm[i]][perm[j]] = W[i][j]
    return tuple(tuple(row) for row in W2), tuple(theta2)


def hopfield_group(labels: Sequence[tuple[int, int]], n: int) -> np.ndarray:
    """Relabellings (``S_n``) and unit flips (``Z_2^n``) as permutations of the hyperplanes labelled
    ``(unit, input code)`` of a one-step arrangement (module docstring): ``2^n n!`` rows.

    Parameters
    ----------
    labels
        The hyperplane labels ``(unit, input code)``.
    n
        Number of units.

    Returns
    -------
    numpy.ndarray
        ``2^n n!`` permutations of the hyperplanes.

    Examples
    --------
    >>> hopfield_group([(0, 0), (0, 1)], 1).tolist()     # one unit: the identity and the flip
    [[0, 1], [1, 0]]
    """
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


__all__ = ["relabelling", "conjugate_maps", "any_order_keys", "relabel_network", "hopfield_group"]
