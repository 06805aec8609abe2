"""Everything ``weightspace relu regions`` reports about one network, computed in one place.

[`region_summary`][weightspace.arch.relu.summary.region_summary] counts the linear and activation regions exactly
([`linear_regions`][weightspace.arch.relu.regions.linear_regions]) on ``R^d`` and, with a box, on ``[LO, HI]^d``; adds
the architecture bounds ([`region_bounds`][weightspace.arch.relu.bounds.region_bounds]), the Newton-polytope bound of
the tropical form for small one-output networks, and on request the recount by certified LP (the second route).
The command only writes the files (GraphML, PNG) and prints.

Examples
--------
>>> from weightspace.arch.relu import sawtooth
>>> summary = region_summary(sawtooth(2), box=([0], [1]))
>>> summary.payload["regions"], summary.payload["rd_regions"], summary.payload["volumes_sum_to_box"]
(4, 6, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from .network import ReLUNet
from .regions import Subdivision, linear_regions

NEWTON_UNITS = 8          # the tropical form is computed next to the count for networks this small (under a second)


@dataclass
class RegionSummary:
    """The subdivision (``result``: on the box when one is given), the JSON ``payload`` and the text ``lines``."""

    result: Subdivision
    payload: dict[str, Any] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)


def region_summary(network: ReLUNet, box: tuple[Sequence[Any], Sequence[Any]] | None = None, cells: bool = False,
                   check: bool = False, progress: Callable[[int, int], None] | None = None) -> RegionSummary:
    """Exact regions of ``network`` on ``R^d`` (and on ``box``), the bounds, and the LP recount when ``check``.

    Keys of ``payload``: those of the subdivision's ``to_dict`` (on the box when given), ``bounded_regions`` and
    ``rd_regions`` (on ``R^d``), ``bounds`` (architecture bounds, hidden layers only), ``newton_bound`` (or
    ``None``), ``volumes_sum_to_box`` (with a box) and ``check`` (with ``check``: the LP counts and ``agrees``).

    Parameters
    ----------
    network
        The network, exact weights.
    box
        ``(lower, upper)`` corners of a box of the input space, or ``None`` for all of ``R^d``.
    cells
        List every region in the payload.
    check
        Recount by certified LP enumeration (the second route; small networks).
    progress
        Called with ``(done, total)`` hidden units.

    Returns
    -------
    RegionSummary
        The subdivision, the JSON payload and the text lines.
    """
    from .bounds import region_bounds
    d = network.input_dimension
    whole = linear_regions(network, progress=progress)
    result = linear_regions(network, box=box, progress=progress) if box is not None else whole
    payload = result.to_dict(cells=cells)
    payload["bounded_regions"] = whole.bounded_regions
    payload["rd_regions"] = whole.regions
    payload["bounds"] = region_bounds(network.widths) if len(network.widths) > 2 else None
    lines = result.lines()
    if box is not None:
        lines.append(f"on R^{d}: {whole.regions} linear regions, {whole.bounded_regions} bounded")
    if payload["bounds"]:
        lines.append("upper bounds for the architecture: " + ", ".join(
            f"{k} {v}" for k, v in payload["bounds"].items() if k != "montufar_lower"))
    payload["newton_bound"] = None
    if 0 < sum(network.hidden_widths) <= NEWTON_UNITS and network.widths[-1] == 1:
        from .tropical import tropical_form
        payload["newton_bound"] = tropical_form(network).region_bound()
        lines.append(f"Newton-polytope bound for this network (tropical form): {payload['newton_bound']}")
    if box is not None:
        payload["volumes_sum_to_box"] = result.volumes_sum_to_box()
    if check:
        from .enumeration import activation_patterns_by_lp, linear_regions_by_lp
        patterns = activation_patterns_by_lp(network, box)
        linear, _ = linear_regions_by_lp(network, box)
        payload["check"] = {"activation_regions": len(patterns), "regions": linear,
                            "agrees": len(patterns) == result.activation_regions and linear == result.regions}
        lines.append(f"certified LP enumeration: {linear} linear regions, {len(patterns)} activation regions ("
                     + ("agrees" if payload["check"]["agrees"] else "DISAGREES") + ")")
    return RegionSummary(result, payload, lines)


__all__ = ["NEWTON_UNITS", "RegionSummary", "region_summary"]
