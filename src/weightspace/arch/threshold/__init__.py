"""One threshold unit ``x -> H(w . x + b)``: the architecture, realisation, minimal integer weights, the cube's
symmetry group and the counting of threshold functions (by classes under permuting and negating inputs)."""

from .class_count import ClassCount, count_threshold_classes
from .counting import METHODS, count_threshold, estimated_class_hours
from .minimal import MinimalWeights, minimal_weights
from .symmetry import CubeSymmetry, cube_group
from .unit import ThresholdUnit, is_threshold, realize_threshold, threshold_arrangement, verify_threshold

__all__ = ["ClassCount", "count_threshold_classes", "METHODS", "count_threshold", "estimated_class_hours",
           "MinimalWeights", "minimal_weights", "CubeSymmetry", "cube_group", "ThresholdUnit", "is_threshold",
           "realize_threshold", "threshold_arrangement", "verify_threshold"]
