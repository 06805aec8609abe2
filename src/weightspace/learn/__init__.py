"""Learning rules for binary Hopfield networks and learning as motion in parameter space."""

from .base import LearningRule, to_binary
from .registry import RULES, make_rule
from .rules import HebbianRule, LPRule, MPFRule, PerceptronRule, StorkeyRule

__all__ = ["LearningRule", "HebbianRule", "StorkeyRule", "PerceptronRule", "MPFRule", "LPRule", "RULES", "make_rule",
           "to_binary"]
