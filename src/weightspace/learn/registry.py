"""One registry of learning rules by name, variants included (``mpf-adam``, ``mpf-torch``).

Examples
--------
>>> sorted(RULES)
['hebb', 'lp', 'mpf', 'mpf-adam', 'mpf-torch', 'perceptron', 'storkey']
>>> make_rule("mpf-adam").method
'adam'
"""

from __future__ import annotations

from typing import Any, Callable

from ..errors import InvalidInput
from .base import LearningRule
from .rules import HebbianRule, LPRule, MPFRule, PerceptronRule, StorkeyRule
from .torch_mpf import MPFTorchRule

# name -> (class, fixed parameters of the variant)
RULES: dict[str, tuple[Callable[..., LearningRule], dict[str, Any]]] = {
    "hebb": (HebbianRule, {}),
    "storkey": (StorkeyRule, {}),
    "perceptron": (PerceptronRule, {}),
    "mpf": (MPFRule, {"method": "lbfgs"}),
    "mpf-adam": (MPFRule, {"method": "adam"}),
    "mpf-torch": (MPFTorchRule, {}),
    "lp": (LPRule, {}),
}


ALIASES = {"hebbian": "hebb"}
"""Other names of rules: ``hebbian`` is ``hebb`` (the name ``memory forgetting`` uses for the same rule)."""


def make_rule(name: str, **options: Any) -> LearningRule:
    """A rule by name, with ``options`` passed to its ``__init__``.

    Parameters
    ----------
    name
        The rule's name (``weightspace learn rules`` lists them).
    **options
        Passed to the rule's constructor.

    Returns
    -------
    LearningRule
        The unfitted rule.

    Raises
    ------
    InvalidInput
        For a name that is not in ``RULES``.
    """
    name = ALIASES.get(name, name)
    if name not in RULES:
        raise InvalidInput(f"unknown rule {name!r}: use one of {', '.join(RULES)}")
    cls, fixed = RULES[name]
    return cls(**{**fixed, **options})


__all__ = ["RULES", "ALIASES", "make_rule"]
