"""Polynomial, linear and linear convolutional networks: semi-algebraic architectures (their functions form a
continuum, the neuromanifold; its geometry is computed by [`weightspace.algebraic`][weightspace.algebraic])."""

from .network import LCN, LinearNet, PolynomialNet

__all__ = ["LCN", "LinearNet", "PolynomialNet"]
