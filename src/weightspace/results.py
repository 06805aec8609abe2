"""The one result vocabulary: answers that different routes give in one shape.

* a count: [`Count`][weightspace.results.Count], ``{"count", "unit", ...}`` beside the route's own keys
  (``chambers`` for arrangements and threshold units, ``maps`` for Hopfield networks, ``regions`` for ReLU
  networks), so a script reads ``count`` whatever it counted;
* a decision: [`Realization`][weightspace.arch.base.Realization], ``{"realizable", "witness" | "certificate",
  "method"}``;
* an isomorphism: [`Comparison`][weightspace.compare.Comparison], ``{"isomorphic", "kind", "witness",
  "separating_invariant"}``, printed by ``weightspace compare`` and by ``arrangement --compare``.

Exact numbers in all of them are written by [`weightspace.encoding`][weightspace.encoding].
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Count:
    """``count`` objects of ``unit``, beside the counting route's own answer ``result`` (whose keys stay as they
    were); attributes of ``result`` are read through.

    Examples
    --------
    >>> class Route:
    ...     maps = 196
    ...     def to_dict(self): return {"maps": 196}
    >>> answer = Count(196, "maps", Route())
    >>> answer.to_dict(), answer.maps
    ({'count': 196, 'unit': 'maps', 'maps': 196}, 196)
    """

    count: int
    unit: str
    result: Any = field(repr=False)

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "unit": self.unit, **self.result.to_dict()}

    def lines(self) -> list[str]:
        return self.result.lines()

    def __getattr__(self, name: str) -> Any:
        if name == "result":
            raise AttributeError(name)
        return getattr(self.result, name)


__all__ = ["Count"]
