"""Maps ``{0,1}^n -> {0,1}^n`` as arrays and as integer keys, for sorting and deduplicating millions of them.

A map is the array of its output codes in input-code order. Its key is ``sum_x F[x] 2^(n x)``, which needs ``n 2^n``
bits: 64 bits at 4 nodes. Keys are unsigned 64-bit integers, so maps of 5 or more nodes (160 bits and more) have no key
here: [`map_keys()`][weightspace.arch.hopfield.keys.map_keys] refuses them instead of letting two different maps share a
key.
"""

from __future__ import annotations

import numpy as np

from ...errors import TooLarge

MAX_KEY_NODES = 4


def map_dtype(n: int):
    """The smallest unsigned dtype holding a state code of ``n`` nodes.

    Parameters
    ----------
    n
        Number of units.

    Returns
    -------
    numpy.dtype
        ``uint8`` up to 8 units, else ``uint16``.
    """
    return np.uint8 if n <= 8 else np.uint16


def distinct(values: np.ndarray) -> np.ndarray:
    """Sorted distinct values by sorting (numpy 2.4's hash-based ``np.unique`` is ~100x slower on 10^7 keys).

    Parameters
    ----------
    values
        A 1-D array.

    Returns
    -------
    numpy.ndarray
        Its distinct values in increasing order.

    Examples
    --------
    >>> distinct(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    values = np.sort(np.ravel(values))
    if len(values) == 0:
        return values
    keep = np.empty(len(values), dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def check_key_width(n: int) -> None:
    """Refuse maps whose keys would not fit in 64 bits (``n 2^n > 64``).

    Parameters
    ----------
    n
        Number of units.

    Raises
    ------
    TooLarge
        When ``n 2^n > 64`` (five or more nodes).

    Examples
    --------
    >>> check_key_width(5)
    Traceback (most recent call last):
    ...
    weightspace.errors.TooLarge: maps of 5 nodes need 160-bit keys; composing maps is supported up to 4 nodes (estimated cost: 160 bits per key)
    """
    if n > MAX_KEY_NODES:
        bits = n * 2 ** n
        raise TooLarge(f"maps of {n} nodes need {bits}-bit keys; composing maps is supported up to "
                       f"{MAX_KEY_NODES} nodes", f"{bits} bits per key")


def map_keys(maps: np.ndarray, n: int) -> np.ndarray:
    """One integer per map: ``sum_x F[x] << (n x)``, exact in uint64 for ``n <= 4`` (refused beyond).

    Parameters
    ----------
    maps
        One map per row (shape ``(N, 2^n)``).
    n
        Number of units.

    Returns
    -------
    numpy.ndarray
        ``N`` uint64 keys.

    Examples
    --------
    >>> map_keys(np.array([[1, 0, 0, 2]]), 2).tolist()
    [129]
    """
    check_key_width(n)
    if n == 4 and len(maps):           # 16 nibbles: pack two per byte and read the 8 bytes as one integer
        packed = np.ascontiguousarray((maps[:, 0::2] | (maps[:, 1::2] << 4)).astype(np.uint8))
        return packed.view("<u8")[:, 0].astype(np.uint64)
    shifts = (np.arange(maps.shape[1], dtype=np.uint64) * np.uint64(n))
    return (maps.astype(np.uint64) << shifts).sum(axis=1, dtype=np.uint64)


def key_to_map(key: int, n: int) -> tuple[int, ...]:
    """Inverse of [`map_keys()`][weightspace.arch.hopfield.keys.map_keys] for one key.

    Parameters
    ----------
    key
        A map key.
    n
        Number of units.

    Returns
    -------
    tuple of int
        The output code of every input code.
    """
    key = int(key)
    mask = (1 << n) - 1
    return tuple((key >> (n * x)) & mask for x in range(2 ** n))


def keys_to_maps(keys: np.ndarray, n: int) -> np.ndarray:
    """Inverse of [`map_keys()`][weightspace.arch.hopfield.keys.map_keys] for an array of keys: shape ``(N, 2^n)``.

    Parameters
    ----------
    keys
        Map keys.
    n
        Number of units.

    Returns
    -------
    numpy.ndarray
        One map per row.
    """
    keys = np.asarray(keys, dtype=np.uint64)
    shifts = np.arange(2 ** n, dtype=np.uint64) * np.uint64(n)
    return ((keys[:, None] >> shifts[None, :]) & np.uint64((1 << n) - 1)).astype(map_dtype(n))


__all__ = ["map_dtype", "distinct", "check_key_width", "map_keys", "key_to_map", "keys_to_maps", "MAX_KEY_NODES"]
