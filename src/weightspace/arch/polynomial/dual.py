"""Forward differentiation through one dense layer: each value is a pair ``(v, t)``, the value and its derivative
along one parameter direction (dual numbers ``v + t eps``, ``eps^2 = 0``)."""

from __future__ import annotations

from typing import Sequence


def dense_layer(rows: Sequence[Sequence], inputs: Sequence[tuple], zero, direction: tuple[int, int] | None) -> list:
    """``z_i = sum_j W_ij h_j`` on dual numbers; ``direction = (i, j)`` adds ``h_j`` to the derivative of ``z_i``
    (the derivative along the weight ``W_ij``).

    Parameters
    ----------
    rows
        The weight matrix, by rows.
    inputs
        The pairs ``(h_j, dh_j)``.
    zero
        The zero of the ring.
    direction
        ``(i, j)`` for the weight differentiated in this layer, or ``None``.

    Returns
    -------
    list of tuple
        The pairs ``(z_i, dz_i)``.

    Examples
    --------
    >>> dense_layer([[2, 3]], [(1, 0), (5, 0)], 0, (0, 1))     # z = 2*1 + 3*5, dz/dW_01 = h_1 = 5
    [(17, 5)]
    """
    out = []
    for i, row in enumerate(rows):
        v = sum((w * hv for w, (hv, _) in zip(row, inputs)), zero)
        t = sum((w * ht for w, (_, ht) in zip(row, inputs)), zero)
        if direction is not None and direction[0] == i:
            t = t + inputs[direction[1]][0]
        out.append((v, t))
    return out


__all__ = ["dense_layer"]
