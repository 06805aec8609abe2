"""Comparing the input-space pictures of ReLU networks: whether two networks' subdivisions have isomorphic face
posets ``Dom``, how that changes along a path in parameter space, and whether it stays constant over a chamber of
the first layer's activation arrangement (the face-poset comparison of
[`weightspace.compare`][weightspace.compare] applied to the regions of
[`linear_regions()`][weightspace.arch.relu.regions.linear_regions])."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from .compare import Comparison, _separate_posets, poset_isomorphism
from .encoding import rational
from .errors import InvalidInput


def relu_posets(net_a: Any, net_b: Any, box: Any = None) -> Comparison:
    """Are the face posets ``Dom`` of two ReLU networks' input-space subdivisions isomorphic (on a box, or on
    ``R^d``)? The witness maps activation regions (by pattern) of the first to the second.

    Parameters
    ----------
    net_a
        A ReLU network.
    net_b
        Another, of the same input dimension.
    box
        ``(lower, upper)``, or ``None`` for ``R^d``.

    Returns
    -------
    Comparison
        The decision, with the regions' correspondence or the separating invariant.

    Examples
    --------
    Doubling every weight and bias of a network scales its pre-activations and keeps every region:

    >>> from weightspace.arch.relu import random_net
    >>> net = random_net((2, 3, 3, 1), seed=0)
    >>> twice = net.with_parameters([2 * v for v in net.parameters])
    >>> relu_posets(net, twice).isomorphic
    True
    """
    from .arch.relu import linear_regions
    from .arch.relu.complex import face_poset

    sa, sb = linear_regions(net_a, box=box, volumes=False), linear_regions(net_b, box=box, volumes=False)
    P, Q = face_poset(sa), face_poset(sb)
    negative, phi = _separate_posets(P, Q, "relu-face-poset")
    if negative is not None:
        return negative
    regions = [[P.labels[i]["pattern"], Q.labels[phi[i]]["pattern"]] for i in P.labels]
    return Comparison(True, "relu-face-poset", {"regions": regions})


def relu_poset_along(net_a: Any, net_b: Any, samples: int = 9, box: Any = None) -> list[dict[str, Any]]:
    """The input-space face poset of ``(1 - t) theta_a + t theta_b`` at ``t = 0, 1/(samples-1), ..., 1``: for each
    ``t`` the f-vector and whether the poset is isomorphic to the one at ``t = 0``. A sampled probe of whether the
    combinatorial type is constant along the segment (it is exact at each sample, not between samples).

    Parameters
    ----------
    net_a
        The network at ``t = 0``.
    net_b
        The network at ``t = 1`` (same widths).
    samples
        Points of the segment.
    box
        ``(lower, upper)``, or ``None`` for ``R^d``.

    Returns
    -------
    list of dict
        One row per sample.

    Raises
    ------
    InvalidInput
        When the networks have different widths or ``samples < 2``.
    """
    from .arch.relu import linear_regions
    from .arch.relu.complex import face_poset

    if net_a.widths != net_b.widths or samples < 2:
        raise InvalidInput("the segment needs two networks of the same widths and at least 2 samples")
    first, rows = None, []
    for k in range(samples):
        t = Fraction(k, samples - 1)
        net = net_a.with_parameters([(1 - t) * a + t * b for a, b in zip(net_a.parameters, net_b.parameters)])
        poset = face_poset(linear_regions(net, box=box, volumes=False))
        first = poset if first is None else first
        same = poset.rank_sizes() == first.rank_sizes() and poset_isomorphism(first, poset) is not None
        rows.append({"t": rational(t), "f_vector": poset.rank_sizes(), "same_as_start": same})
    return rows


def input_posets_over_chamber(arch: Any, signs: tuple[int, ...], samples: int = 12, seed: int = 0) -> dict[str, Any]:
    """Is the input-space face poset of a one-hidden-layer network constant over a chamber ``F`` of its activation
    arrangement on data ([`ReLUOnData`][weightspace.arch.relu.data.ReLUOnData])?

    Points of ``F`` (given by its sign vector) are drawn around an exact interior point and kept when they satisfy
    every strict inequality of ``F`` exactly; the activation regions of a one-hidden-layer network do not depend on
    its output weights, which are set to 1. Two sampled points with non-isomorphic posets are an exact proof that the
    poset is *not* constant on ``F`` (both are returned); a single type over all samples is evidence, not proof.

    Parameters
    ----------
    arch
        A ReLU network on data.
    signs
        The chamber's sign vector.
    samples
        Parameter points sampled in the chamber.
    seed
        The seed of the sample.

    Returns
    -------
    dict
        The number of distinct posets met, their f-vectors and two witnesses when they differ.

    Raises
    ------
    InvalidInput
        When ``signs`` is not the sign vector of a chamber of the activation arrangement.
    """
    from .arch.relu import ReLUNet, linear_regions
    from .arch.relu.complex import face_poset
    from .lp import solve_signs

    A = arch.arrangement()
    if len(signs) != len(A) or any(s not in (1, -1) for s in signs):
        raise InvalidInput(f"a chamber of {arch.spec} is a sign vector of {len(A)} entries +1/-1")
    start = solve_signs(A.normals, list(signs))
    if not start.feasible:
        raise InvalidInput("the sign vector is not a chamber of the activation arrangement (Gordan certificate)")
    rng = np.random.default_rng(seed)
    d, m = arch.domain.dimension, arch.width
    inside = lambda theta: all(s * sum(a * t for a, t in zip(row, theta)) > 0                  # noqa: E731
                               for row, s in zip(A.normals, signs))
    base = [Fraction(v) for v in start.witness]
    points = [base]
    scale = max(1, max(abs(v) for v in base))
    for _ in range(50 * samples):
        if len(points) >= samples:
            break
        step = Fraction(int(rng.integers(1, 4)), 2)
        theta = [v + step * scale * Fraction(int(rng.integers(-8, 9)), 8) for v in base]
        if inside(theta):
            points.append(theta)
    types: list[tuple[Any, list]] = []
    for theta in points:
        W = [theta[j * (d + 1):j * (d + 1) + d] for j in range(m)]
        b = [theta[j * (d + 1) + d] for j in range(m)]
        poset = face_poset(linear_regions(ReLUNet([W, [[1] * m]], [b, [0]]), volumes=False))
        if not any(poset.rank_sizes() == P.rank_sizes() and poset_isomorphism(P, poset) is not None
                   for P, _ in types):
            types.append((poset, theta))
    return {"samples": len(points), "types": len(types), "constant_on_samples": len(types) == 1,
            "f_vectors": [P.rank_sizes() for P, _ in types],
            "witnesses": [[rational(v) for v in theta] for _, theta in types[:2]] if len(types) > 1 else None}


__all__ = ["relu_posets", "relu_poset_along", "input_posets_over_chamber"]
