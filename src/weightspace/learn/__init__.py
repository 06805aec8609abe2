"""Learning rules for binary Hopfield networks and learning as motion in parameter space."""

from .rules import HebbianRule, LPRule, MPFRule, PerceptronRule, StorkeyRule, RULES, make_rule, to_binary

__all__ = ["HebbianRule", "StorkeyRule", "PerceptronRule", "MPFRule", "LPRule", "RULES", "make_rule", "to_binary"]
