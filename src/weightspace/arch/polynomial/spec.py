"""The spec strings of the semi-algebraic architectures, read into networks (registered in
[`weightspace.specs`][weightspace.specs]).

* ``poly:WIDTHS:R``: the homogeneous network with ``t^R`` and no biases;
* ``poly:WIDTHS:R:bias`` and ``poly:WIDTHS:SIGMA[:bias]``: affine layers and any polynomial activation;
* ``pcn:INPUT:KERNELS:STRIDES:R``: a polynomial convolutional network;
* ``linear:WIDTHS`` and ``lcn:KERNELS[:STRIDES]``.

Examples
--------
>>> from_spec("poly", ["2,2,1", "t^2+t", "bias"]).spec
'poly:2,2,1:t^2+t:bias'
"""

from __future__ import annotations

from ...errors import InvalidInput

SYNTAX = {"poly": ("poly:WIDTHS:R[:bias] or poly:WIDTHS:SIGMA[:bias] (e.g. poly:2,2,1:3, poly:2,2,1:t^2+t:bias)",
                   2, 3),
          "pcn": ("pcn:INPUT:KERNELS:STRIDES:R (e.g. pcn:5:3,2:1,1:2)", 4, 4),
          "linear": ("linear:WIDTHS (e.g. linear:3,2,3)", 1, 1),
          "lcn": ("lcn:KERNELS[:STRIDES] (e.g. lcn:2,3 or lcn:3,3:2,1)", 1, 2)}


def _integer(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise InvalidInput(f"{what} must be an integer, got {text!r}") from None


def from_spec(name: str, arguments: list[str]):
    """The network of a spec (module docstring), ``name`` being its kind and ``arguments`` the parts after it.

    Parameters
    ----------
    name
        ``poly``, ``pcn``, ``linear`` or ``lcn``.
    arguments
        The colon-separated parts after the name.

    Returns
    -------
    network
        The network.

    Raises
    ------
    InvalidInput
        For a malformed spec.
    """
    from . import affine, convolutional, network
    syntax, low, high = SYNTAX[name]
    if not low <= len(arguments) <= high:
        raise InvalidInput(f"spec needs the form {syntax}")
    if name == "linear":
        return network.LinearNet(arguments[0])
    if name == "lcn":
        return network.LCN(*arguments, *[None][len(arguments) - 1:])
    if name == "pcn":
        return convolutional.PCN(_integer(arguments[0], "the input size"), arguments[1], arguments[2],
                                 _integer(arguments[3], "the activation degree R"))
    if len(arguments) == 3 and arguments[2] != "bias":
        raise InvalidInput(f"the third part of a poly spec is 'bias', got {arguments[2]!r}")
    bias = len(arguments) == 3
    try:
        degree = int(arguments[1])
    except ValueError:
        return affine.AffineNet(arguments[0], arguments[1], bias)
    return affine.AffineNet(arguments[0], degree, True) if bias else network.PolynomialNet(arguments[0], degree)


__all__ = ["from_spec", "SYNTAX"]
