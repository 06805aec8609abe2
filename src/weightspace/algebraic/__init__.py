"""Polynomial, linear and linear convolutional networks (semi-algebraic architectures): the parametrisation,
the neuromanifold's dimension, real membership, training as distance minimisation, and Euclidean distance degrees
by Gröbner bases over prime fields and QQ (sympy, or Singular when installed) with a homotopy-continuation
cross-check."""

from .dimension import NeuromanifoldDimension, neuromanifold_dimension
from .edd import EDDResult, ed_degree, make_Q
from .examples import named_variety, neuromanifold_equations
from .ideals import VarietySummary, variety
from .membership import Membership, membership
from ..arch.polynomial.network import LCN, LinearNet, PolynomialNet
from .training import TrainingGeometry, training_geometry

__all__ = ["NeuromanifoldDimension", "neuromanifold_dimension", "EDDResult", "ed_degree", "make_Q", "named_variety",
           "neuromanifold_equations", "VarietySummary", "variety", "Membership", "membership", "LCN", "LinearNet",
           "PolynomialNet", "TrainingGeometry", "training_geometry"]
