"""Polynomial (homogeneous or with affine layers and any polynomial activation), polynomial convolutional, linear
and linear convolutional networks: semi-algebraic architectures (their functions form a
continuum, the neuromanifold; its geometry is computed by [`weightspace.algebraic`][weightspace.algebraic])."""

from .affine import AffineNet
from .convolutional import PCN
from .network import LCN, LinearNet, PolynomialNet

__all__ = ["LCN", "LinearNet", "PolynomialNet", "AffineNet", "PCN"]
