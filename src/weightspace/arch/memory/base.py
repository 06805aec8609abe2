"""The interface every associative memory of weightspace shares (see
[`weightspace.arch.memory.models`][weightspace.arch.memory.models] for the models and their energies)."""

from __future__ import annotations

from typing import Any

import numpy as np

from ...errors import InvalidInput


def check_patterns(patterns: Any) -> np.ndarray:
    """The patterns as an ``M x N`` integer array of ``+-1`` entries.

    Parameters
    ----------
    patterns
        Rows of ``+1`` / ``-1``.

    Returns
    -------
    numpy.ndarray
        The patterns, ``int64``.

    Raises
    ------
    InvalidInput
        When they are not a 2-D ``+-1`` array with at least 2 columns.
    """
    array = np.asarray(patterns)
    if array.ndim != 2 or array.shape[1] < 2 or not np.isin(array, (-1, 1)).all():
        raise InvalidInput("patterns must be a 2-D array of +1/-1 entries with at least 2 units")
    return array.astype(np.int64)


class AssociativeMemory:
    """The common interface (scikit-learn conventions: parameters in ``__init__``, ``fit`` returns ``self``, learned
    values with a trailing underscore)."""

    name = "memory"

    def fit(self, patterns: Any) -> "AssociativeMemory":
        self.patterns_ = check_patterns(patterns)
        self.n_units_ = self.patterns_.shape[1]
        self._store()
        return self

    def _store(self) -> None:
        pass

    def aligned_fields(self, x: Any) -> np.ndarray:        # pragma: no cover - every model overrides
        raise NotImplementedError

    def is_fixed_point(self, x: Any) -> bool:
        """Every unit keeps its sign under the asynchronous update (ties count as failures)."""
        return bool((self.aligned_fields(np.asarray(x, dtype=np.int64)) > 0).all())

    def pattern_fields(self) -> np.ndarray:
        """The aligned fields at every stored pattern (rows: patterns), each row up to a positive factor (the dense
        models return twice the field, or a rescaled one for ``exp``): only the signs are read. Vectorised in the
        models."""
        return np.array([self.aligned_fields(p) for p in self.patterns_])

    def stored(self) -> np.ndarray:
        """For each stored pattern, whether it is a fixed point (every aligned field positive)."""
        return (self.pattern_fields() > 0).all(axis=1)

    def update(self, x: Any, sweeps: int = 20, rng: np.random.Generator | None = None) -> tuple[np.ndarray, int]:
        """Asynchronous sweeps (random unit order per sweep) until no unit changes; ``(state, sweeps used)``."""
        rng = rng or np.random.default_rng(0)
        state = np.array(x, dtype=np.int64)
        for sweep in range(1, sweeps + 1):
            changed = False
            fields = self.aligned_fields(state)
            for i in rng.permutation(len(state)):
                if fields[i] < 0:
                    state[i] = -state[i]
                    changed = True
                    fields = self.aligned_fields(state)        # the fields change only when a unit flips
            if not changed:
                return state, sweep
        return state, sweeps

    def recall(self, cue: Any, sweeps: int = 20, rng: np.random.Generator | None = None) -> np.ndarray:
        return self.update(cue, sweeps, rng)[0]


__all__ = ["check_patterns", "AssociativeMemory"]
