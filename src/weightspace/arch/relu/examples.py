"""Named example ReLU networks: the sawtooth of Montúfar et al. / Telgarsky and reproducible random networks."""

from __future__ import annotations

from fractions import Fraction
from typing import Sequence

from ...errors import InvalidInput
from .network import ReLUNet, check_parameter_count


def sawtooth(depth: int) -> ReLUNet:
    """The sawtooth network of Montúfar et al. (2014) / Telgarsky: ``depth`` compositions of the tent map
    ``t(x) = 2 relu(x) - 4 relu(x - 1/2)`` on ``[0, 1]``, which has ``2^depth`` linear pieces there.

    Parameters
    ----------
    depth
        Number of tent maps composed.

    Returns
    -------
    ReLUNet
        A network of ``depth`` hidden layers of width 2.

    Examples
    --------
    >>> net = sawtooth(2)
    >>> net.widths, [net.forward([Fraction(k, 8)])[0] for k in range(9)]
    ((1, 2, 2, 1), [Fraction(0, 1), Fraction(1, 2), Fraction(1, 1), Fraction(1, 2), Fraction(0, 1), Fraction(1, 2), Fraction(1, 1), Fraction(1, 2), Fraction(0, 1)])

    Raises
    ------
    InvalidInput
        When ``depth < 1``.
    """
    if depth < 1:
        raise InvalidInput("the sawtooth needs depth >= 1")
    check_parameter_count([(6 * depth,)], f"sawtooth:{depth}")
    half = Fraction(1, 2)
    weights = [[[1], [1]]]
    biases = [[0, -half]]
    for _ in range(depth - 1):
        weights.append([[2, -4], [2, -4]])
        biases.append([0, -half])
    weights.append([[2, -4]])
    biases.append([0])
    return ReLUNet(weights, biases, spec=f"sawtooth:{depth}")


def random_net(widths: Sequence[int], seed: int = 0, scale: int = 8) -> ReLUNet:
    """A network with independent uniform integer weights in ``[-scale, scale]`` (a reproducible test object).

    Parameters
    ----------
    widths
        Layer widths, input first.
    seed
        Seed of the weights.
    scale
        The weights' bound.

    Returns
    -------
    ReLUNet
        The network.

    Raises
    ------
    InvalidInput
        For fewer than two widths or a width below 1.
    TooLarge
        For more than ``MAX_PARAMETERS`` weights and biases (checked before drawing them).

    Examples
    --------
    >>> random_net([2, 3, 1], seed=1).widths
    (2, 3, 1)
    """
    import numpy as np

    widths = [int(w) for w in widths]
    if len(widths) < 2 or min(widths) < 1:
        raise InvalidInput("a random network needs at least two positive widths")
    check_parameter_count([(b, a + 1) for a, b in zip(widths[:-1], widths[1:])], f"random:{','.join(map(str, widths))}")
    rng = np.random.default_rng(seed)
    arrays = []
    for a, b in zip(widths[:-1], widths[1:]):
        arrays += [rng.integers(-scale, scale + 1, size=(b, a)), rng.integers(-scale, scale + 1, size=b)]
    return ReLUNet.from_arrays(arrays, spec=f"random:{','.join(map(str, widths))}:{seed}")


__all__ = ["sawtooth", "random_net"]
