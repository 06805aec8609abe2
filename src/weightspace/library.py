"""Named arrangements and architectures: the examples that tests, docs, the CLI and the atlas build from.

Every function returns a fresh [`Arrangement`][weightspace.arrangement.arrangement.Arrangement] (or architecture
object). The arrangements that are not architectures (resonance, braid, Shi, Catalan, graphical, ...) and the
resonance arrangement's symmetry group live in [`weightspace.arrangement.families`][weightspace.arrangement.families]
and are re-exported here.
"""

from __future__ import annotations

from .arch.hopfield.network import HopfieldNetwork
from .arch.threshold.unit import threshold_arrangement
from .arrangement import Arrangement
from .arrangement.families import (braid, catalan, coordinate, generic, graphical, linial, parse_edges, resonance,
                                   resonance_group, semiorder, shi)
from .domain import Domain, cube01, cubepm1
from .errors import InvalidInput


def threshold(n: int | None = None, domain: Domain | str | None = None) -> Arrangement:
    """The threshold arrangement of one unit ``x -> H(w . x + b)`` on a finite domain.

    It lives in parameter space ``(w, b) in Q^(n+1)`` and has one hyperplane ``{(w, b) : w . x + b = 0}`` per
    input point ``x`` (labelled by the point's index, which is its code on the cubes). Its chambers are the
    threshold functions on the domain: ``T(n)`` of them on ``{0,1}^n`` (OEIS A000609).

    Parameters
    ----------
    n
        Number of inputs of a cube domain (with ``domain`` a cube name, or alone for ``{0,1}^n``).
    domain
        A [`Domain`][weightspace.domain.Domain] or a domain name (``cube01``, ``cubepm1``); default ``{0,1}^n``.

    Returns
    -------
    Arrangement
        One hyperplane per input point in ``Q^(n+1)``.

    Raises
    ------
    InvalidInput
        When neither ``n`` nor a domain is given, or the domain is unknown.

    Examples
    --------
    >>> A = threshold(2)
    >>> A.normals
    ((0, 0, 1), (1, 0, 1), (0, 1, 1), (1, 1, 1))
    """
    if domain is None or isinstance(domain, str):
        if n is None:
            raise InvalidInput("threshold(n) needs n or a domain")
        domain = cubepm1(n) if domain == "cubepm1" else cube01(n)
    return threshold_arrangement(domain=domain)


def hopfield(n: int, weights: str = "free") -> HopfieldNetwork:
    """The one-step Hopfield network on ``{0,1}^n`` with a weight constraint; see
    [`weightspace.arch.hopfield.HopfieldNetwork`][weightspace.arch.hopfield.network.HopfieldNetwork].

    Parameters
    ----------
    n
        Number of units.
    weights
        ``free``, ``symmetric``, ``zero-diagonal`` or ``symmetric-zero-diagonal``.

    Returns
    -------
    HopfieldNetwork
        The network, whose ``arrangement()`` lives in its parameter space.
    """
    return HopfieldNetwork(n, weights)


__all__ = ["threshold", "resonance", "resonance_group", "braid", "coordinate", "generic", "shi", "catalan",
           "semiorder", "linial", "graphical", "parse_edges", "hopfield"]
