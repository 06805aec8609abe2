"""Feedforward ReLU networks: exact linear and activation regions, bounds, the tropical form, and the activation
arrangement of a one-hidden-layer network on a finite data set."""

from .examples import random_net, sawtooth
from .network import ReLUNet, weight
from .regions import MAX_INPUT_DIMENSION, Region, Subdivision, linear_regions, parse_box

__all__ = ["ReLUNet", "random_net", "sawtooth", "weight", "MAX_INPUT_DIMENSION", "Region", "Subdivision",
           "linear_regions", "parse_box"]
