"""The shared base of the learning rules, scikit-learn style.

Parameters are set in ``__init__`` (no work, no validation there); each rule's ``fit`` validates them and the patterns,
learns, and returns ``self``; learned values carry a trailing underscore (``W_``, ``theta_``, ``n_iter_``).
``get_params`` / ``set_params`` read and write the ``__init__`` parameters, so rules can be cloned and swept. Every rule
learns a network ``x -> H(W x + theta)`` on ``{0,1}^n`` with ``W`` symmetric and zero on the diagonal unless it says
otherwise; [`integer_network`][weightspace.learn.base.LearningRule.integer_network] gives an exact integer network and
[`stored`][weightspace.learn.base.LearningRule.stored] checks, with the exact evaluator of
[`weightspace.arch.hopfield.evaluate`][weightspace.arch.hopfield.evaluate], which patterns are its fixed points.
"""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np

from ..arch.hopfield.evaluate import fixed_points
from ..errors import InvalidInput


def to_binary(patterns) -> np.ndarray:
    """Patterns as a ``M x n`` array in {0,1} (``{-1,1}`` input is mapped by ``x = (s + 1) / 2``).

    Parameters
    ----------
    patterns
        ``M x n`` patterns in ``{0,1}`` or ``{-1,1}``.

    Returns
    -------
    numpy.ndarray
        The patterns in ``{0,1}`` (integers).

    Raises
    ------
    InvalidInput
        When the patterns are not a non-empty ``M x n`` array with entries in ``{0,1}`` or in ``{-1,1}``.

    Examples
    --------
    >>> to_binary([[-1, 1], [1, 1]]).tolist()
    [[0, 1], [1, 1]]
    """
    X = np.asarray(patterns)
    if X.ndim == 1:
        X = X[None, :]
    if X.ndim != 2 or X.size == 0:
        raise InvalidInput("patterns must be a non-empty M x n array")
    values = set(np.unique(X).tolist())
    if values <= {0, 1}:
        return X.astype(np.int64)
    if values <= {-1, 1}:
        return ((X + 1) // 2).astype(np.int64)
    raise InvalidInput("patterns must have entries in {0,1} or in {-1,1}")


class LearningRule:
    """Base class: parameter handling, exact integer networks and exact fixed-point checks.

    Examples
    --------
    >>> from weightspace.learn.rules import PerceptronRule
    >>> rule = PerceptronRule(margin=2.0)
    >>> rule.get_params()["margin"], rule.set_params(margin=3.0).margin
    (2.0, 3.0)
    """

    W_: np.ndarray
    theta_: np.ndarray
    n_iter_: int = 0

    @classmethod
    def _parameter_names(cls) -> list[str]:
        signature = inspect.signature(cls.__init__)
        return [p.name for p in signature.parameters.values()
                if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The ``__init__`` parameters and their current values."""
        return {name: getattr(self, name) for name in self._parameter_names()}

    def set_params(self, **params: Any) -> "LearningRule":
        """Set ``__init__`` parameters; unknown names are an error.

        Raises
        ------
        InvalidInput
            For a name that is not a parameter of the rule.
        """
        valid = set(self._parameter_names())
        for name, value in params.items():
            if name not in valid:
                raise InvalidInput(f"{type(self).__name__} has no parameter {name!r} (it has {', '.join(sorted(valid))})")
            setattr(self, name, value)
        return self

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.get_params().items())})"

    def _validate(self) -> None:
        """Check the parameters (called by ``fit``); subclasses extend it."""

    def _check_positive(self, **values: Any) -> None:
        for name, value in values.items():
            if value is None or value <= 0:
                raise InvalidInput(f"{type(self).__name__}: {name} must be positive, got {value!r}")

    def integer_network(self, bits: int = 30) -> tuple[np.ndarray, np.ndarray]:
        """Integer ``(W, theta)``: the learned values scaled so the largest is about ``2^bits`` and rounded.

        Rules whose values are already integers are returned unchanged (exact).
        """
        W, theta = np.asarray(self.W_, dtype=float), np.asarray(self.theta_, dtype=float)
        if np.all(W == np.round(W)) and np.all(theta == np.round(theta)):
            return W.astype(np.int64), theta.astype(np.int64)
        largest = max(np.abs(W).max(initial=0), np.abs(theta).max(initial=0), 1e-300)
        scale = 2.0 ** (bits - int(np.ceil(np.log2(largest))))
        # rounding is entrywise, so a symmetric W stays symmetric and a zero diagonal stays zero
        return np.round(W * scale).astype(np.int64), np.round(theta * scale).astype(np.int64)

    def stored(self, patterns, bits: int = 30) -> np.ndarray:
        """Boolean per pattern: is it a fixed point of the integer network (exact evaluator)?"""
        W, theta = self.integer_network(bits)
        return fixed_points(W, theta, to_binary(patterns))


__all__ = ["LearningRule", "to_binary"]
