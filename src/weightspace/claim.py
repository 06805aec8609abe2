"""One claim of the source documents checked in one reading: the value every check returns, and the small helpers the
checks share (in [`weightspace.claims`][weightspace.claims] and [`weightspace.claims_readings`][weightspace.claims_readings])."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .arch.hopfield import HopfieldNetwork
from .errors import CertificationError

XOR_TABLES = {(0, 1, 1, 0): "XOR", (1, 0, 0, 1): "XNOR"}
HOLDS, FAILS = "holds", "fails"


@dataclass
class Claim:
    """One claim checked in one reading: its id, the source's statement, the reading checked (in the source's words
    where it has them), the number of nodes, the verdict (``holds`` or ``fails``; ``status`` is the same) and the
    evidence."""

    id: str
    statement: str
    status: str
    evidence: dict[str, Any] = field(default_factory=dict)
    reading: str = ""
    nodes: int | None = 2

    @property
    def verdict(self) -> str:
        return self.status

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "statement": self.statement, "reading": self.reading, "nodes": self.nodes,
                "verdict": self.status, "status": self.status, "evidence": self.evidence}


def network_dict(W, theta) -> dict[str, Any]:
    """A network ``(W, theta)`` as JSON lists.

    Parameters
    ----------
    W
        The weight matrix.
    theta
        The thresholds.

    Returns
    -------
    dict
        ``{"W", "theta"}``.
    """
    return {"W": [list(r) for r in W], "theta": list(theta)}


def not_one_step(n: int, mapping) -> dict[str, Any]:
    """Gordan certificate that ``mapping`` is not a one-step map (free weights), re-verified.

    Parameters
    ----------
    n
        Number of units.
    mapping
        The map.

    Returns
    -------
    dict
        ``one_step_realizable`` (false), the Gordan certificate and ``certificate_verified``.

    Raises
    ------
    CertificationError
        If one step does realise the map (a counterexample that is not one; never expected).
    """
    result = HopfieldNetwork(n).realize(mapping)          # verified exactly by realize()
    if result.realizable:
        raise CertificationError(f"map {list(mapping)} was reported as a k-step map outside the one-step maps, "
                                 "but one step realises it")
    return {"one_step_realizable": False, "certificate": result.to_dict()["certificate"], "certificate_verified": True}


def xor_units(maps: np.ndarray):
    """(chamber, unit, name) for every map whose unit computes XOR or XNOR of the initial state.

    Parameters
    ----------
    maps
        One map per chamber, one per row.

    Returns
    -------
    list of tuple
        ``(chamber, unit, "XOR" | "XNOR")``.
    """
    found = []
    for unit in range(2):
        tables = (maps >> unit) & 1
        for table, name in XOR_TABLES.items():
            hits = np.nonzero(np.all(tables == np.array(table), axis=1))[0]
            found.extend((int(c), unit, name) for c in hits)
    return found


__all__ = ["Claim", "HOLDS", "FAILS", "XOR_TABLES", "network_dict", "not_one_step", "xor_units"]
