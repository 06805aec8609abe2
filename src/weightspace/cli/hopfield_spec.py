"""The Hopfield network a Hopfield-only command works on, from its spec."""

from __future__ import annotations

from typing import Optional

from ..arch.hopfield import HopfieldNetwork
from ..errors import NotSupported
from .common import resolve_spec


def hopfield_network(spec: str, nodes: Optional[int], weights: Optional[str]) -> HopfieldNetwork:
    obj = resolve_spec(spec, nodes=nodes, weights=weights)
    if not isinstance(obj, HopfieldNetwork):
        raise NotSupported(f"this command works on Hopfield networks (hopfield:N[:CONSTRAINT]), not {obj.spec}")
    return obj
