"""Singularities of neuromanifolds, and the conjecture that they come from sparse subnetworks.

Two routes:

* **The parametrisation** ([`parametrisation_strata`][weightspace.algebraic.singular.parametrisation_strata]). A
  sparse subnetwork is a stratum of parameter space: some hidden neurons removed (their incoming weights, bias and
  outgoing weights zero), or one weight zero (for an LCN, one filter coefficient: a leading or trailing zero is a
  shorter filter). At a random point of each stratum the exact rank of the Jacobian of ``mu`` (over ``GF(p)``)
  is compared with the generic rank. A drop means the stratum consists of critical points of ``mu``; their images
  are the candidates for singular points of ``M``. The rank of the Jacobian restricted to the stratum's free
  parameters is the dimension of the subnetwork's own neuromanifold.
* **The implicit equations**, where they are known
  ([`neuromanifold_equations`][weightspace.algebraic.examples.neuromanifold_equations]: rank-bounded matrices,
  secants of rational normal curves). ``Sing(M)`` is cut out by the equations and the ``c``-minors of their
  Jacobian (``c`` the codimension; the equations generate the prime ideal of ``M`` in these cases). The subnetwork
  with one neuron fewer in the narrowest hidden layer has its own equations, and two saturations settle the
  conjecture exactly: ``V(I_sub : I_sing^inf)`` empty means ``M_sub ⊆ Sing(M)``, and ``V(I_sing : I_sub^inf)``
  empty means ``Sing(M) ⊆ M_sub``. Both together: the singular points are exactly the functions of the subnetwork.

Examples
--------
>>> from weightspace.arch.polynomial.network import LinearNet
>>> facts = singular_locus(LinearNet((3, 2, 3)), backend="sympy")
>>> facts["subnetwork"], facts["singular_dimension"], facts["subnetwork_in_singular"], facts["singular_in_subnetwork"]
('linear:3,1,3', 5, True, True)
"""

from __future__ import annotations

import itertools
import random
from math import comb
from typing import Any

import flint

from ..errors import NotSupported, TooLarge
from .dimension import JACOBIAN_PRIME

MAX_MINORS = 5_000


def _neurons(net) -> list[tuple[int, int]]:
    """Hidden neurons ``(layer, index)``, ``layer`` counted in ``widths`` (none for convolutions: their weights are
    shared, so a neuron cannot be removed alone)."""
    if hasattr(net, "kernels"):
        return []
    widths = getattr(net, "widths", ())
    return [(l, i) for l in range(1, len(widths) - 1) for i in range(widths[l])]


def _offsets(net) -> list[int]:
    out, k = [], 0
    for a, b in net.shapes:
        out.append(k)
        k += a * b
    return out


def _neuron_parameters(net, neuron: tuple[int, int]) -> set[int]:
    """Indices of the incoming weights (and bias) and the outgoing weights of a hidden neuron."""
    l, i = neuron
    offsets = _offsets(net)
    rows_in, cols_in = net.shapes[l - 1]
    rows_out, cols_out = net.shapes[l]
    incoming = {offsets[l - 1] + i * cols_in + j for j in range(cols_in)}
    outgoing = {offsets[l] + r * cols_out + i for r in range(rows_out)}
    return incoming | outgoing


def parametrisation_strata(net, seed: int = 0, max_strata: int = 64, singular_equations=None) -> dict[str, Any]:
    """The Jacobian rank of ``mu`` on each sparse stratum (module docstring).

    Parameters
    ----------
    net
        A polynomial, affine, linear or convolutional network.
    seed
        Seed of the random points.
    max_strata
        At most this many strata (neuron subsets first, by size, then single weights).
    singular_equations
        ``(generators, variables)`` of ``Sing(M)``: each row then says whether the image of a random small integer
        point of the stratum is a singular point (exactly, over ``QQ``), and so does a random point off every
        stratum (``generic_singular``).

    Returns
    -------
    dict
        ``generic_rank`` and ``strata``: rows with ``stratum``, ``zeroed`` (parameter count), ``jacobian_rank``,
        ``drop``, ``image_dimension`` and, with ``singular_equations``, ``singular_image``.
    """
    rng = random.Random(seed)
    P, p = net.parameter_count, JACOBIAN_PRIME

    def ranks(zero: set[int]) -> tuple[int, int]:
        point = [0 if k in zero else rng.randrange(1, p) for k in range(P)]
        rows = net.jacobian(point, p)
        full = flint.nmod_mat(rows, p).rank() if rows and rows[0] else 0
        free = [rows[k] for k in range(P) if k not in zero]
        return full, (flint.nmod_mat(free, p).rank() if free and free[0] else 0)

    generic, _ = ranks(set())
    neurons = _neurons(net)
    names = net.parameter_space.names

    def every_stratum():                       # lazily: 2^(hidden neurons) subsets are never listed in full
        for size in range(1, len(neurons) + 1):
            for chosen in itertools.combinations(neurons, size):
                zero = set().union(*(_neuron_parameters(net, n) for n in chosen))
                yield "remove " + ", ".join(f"neuron {i + 1} of layer {l}" for l, i in chosen), zero
        for k in range(P):
            yield f"{names[k]} = 0", {k}

    strata = list(itertools.islice(every_stratum(), max_strata))
    total = 2 ** len(neurons) - 1 + P
    def singular_at(zero: set[int]) -> bool:
        point = [0 if k in zero else (rng.randint(-5, 5) or 1) for k in range(P)]
        values = dict(zip(singular_equations[1], [sympy.Rational(v.numerator, v.denominator)
                                                  for v in net.coefficients(point)]))
        return all(g.subs(values) == 0 for g in singular_equations[0])

    if singular_equations is not None:
        import sympy
    rows = []
    for name, zero in strata:
        full, image = ranks(zero)
        rows.append({"stratum": name, "zeroed": len(zero), "jacobian_rank": full, "drop": generic - full,
                     "image_dimension": image})
        if singular_equations is not None:
            rows[-1]["singular_image"] = singular_at(zero)
    out = {"generic_rank": generic, "strata": rows, "strata_total": total}
    if singular_equations is not None:
        out["generic_singular"] = singular_at(set())
    return out


def subnetwork(net):
    """The network with one neuron fewer in its narrowest hidden layer, or ``None`` when that leaves no neuron
    there (the subnetwork computes only 0).

    Parameters
    ----------
    net
        A polynomial (homogeneous) or linear network.

    Returns
    -------
    network or None
        The subnetwork.
    """
    from ..arch.polynomial.network import LinearNet, PolynomialNet
    widths = list(net.widths)
    hidden = widths[1:-1]
    if not hidden:
        return None
    k = 1 + hidden.index(min(hidden))
    widths[k] -= 1
    if widths[k] == 0:
        return None
    return LinearNet(widths) if isinstance(net, LinearNet) else PolynomialNet(widths, net.degree)


def singular_locus(net, seed: int = 0, backend: str = "auto") -> dict[str, Any]:
    """``Sing(M)`` from the implicit equations, against the neuromanifold of the subnetwork (module docstring).

    Parameters
    ----------
    net
        A network with implicit equations.
    seed
        Seed of the random choices of the Gröbner routes.
    backend
        ``auto``, ``singular`` or ``sympy``.

    Returns
    -------
    dict
        ``dimension`` and ``codimension`` of ``M``, the ``equations`` of ``Sing(M)`` (generators and variables),
        ``singular_dimension`` and ``singular_degree`` (of the scheme, with multiplicity), the
        ``subnetwork`` spec (``zero`` for the zero function) with its ``subnetwork_dimension`` and
        ``subnetwork_degree``, and the two containments.

    Raises
    ------
    NotSupported
        When the neuromanifold has no implicit equations here.
    TooLarge
        When ``Sing(M)`` needs more than ``MAX_MINORS`` minors of the Jacobian of the equations.
    """
    from .critical import _singular_minors
    from .examples import neuromanifold_equations
    from .ideals import variety
    equations, c = neuromanifold_equations(net)
    M = variety(equations, c, backend=backend, seed=seed)
    codimension = len(c) - M.dimension
    minors = comb(len(equations), codimension) * comb(len(c), codimension)
    if minors > MAX_MINORS:
        raise TooLarge(f"Sing(M) of {net.spec} needs the {codimension}-minors of a {len(equations)} x {len(c)} "
                       f"Jacobian", f"{minors:,} minors (at most {MAX_MINORS:,})")
    sing = list(equations) + _singular_minors(equations, c, codimension)
    S = variety(sing, c, backend=backend, seed=seed)
    sub = subnetwork(net)
    if sub is None:
        sub_equations, name = list(c), "zero"
    else:
        try:
            sub_equations, _ = neuromanifold_equations(sub)
        except NotSupported:                   # a subnetwork that fills: no equations, nothing to compare
            raise NotSupported(f"the subnetwork {sub.spec} of {net.spec} has no implicit equations here") from None
        name = sub.spec
    T = variety(sub_equations, c, backend=backend, seed=seed)
    sub_in_sing = variety(sub_equations, c, saturate=[sing], backend=backend, seed=seed).dimension == -1
    sing_in_sub = variety(sing, c, saturate=[sub_equations], backend=backend, seed=seed).dimension == -1
    return {"spec": net.spec, "dimension": M.dimension, "codimension": codimension, "equations": (sing, c),
            "singular_dimension": S.dimension, "singular_degree": S.degree, "subnetwork": name,
            "subnetwork_dimension": T.dimension, "subnetwork_degree": T.degree,
            "subnetwork_in_singular": sub_in_sing, "singular_in_subnetwork": sing_in_sub,
            "equal": sub_in_sing and sing_in_sub}


def _partitions(n: int, largest: int | None = None):
    largest = n if largest is None else largest
    if n == 0:
        yield ()
        return
    for first in range(min(n, largest), 0, -1):
        for rest in _partitions(n - first, first):
            yield (first,) + rest


def lcn_boundary_strata(net) -> list[dict[str, Any]]:
    """The real root multiplicity strata of a stride-1 LCN's filters (Kohn, Merkh, Montúfar, Trager 2022).

    A filter of degree ``d`` (as a binary form) has real roots with multiplicities ``(m_1 >= m_2 >= ...)`` summing
    to ``r`` and ``(d - r) / 2`` complex conjugate pairs; the stratum has dimension ``#distinct real roots +
    #pairs + 1`` (the scale). It lies in the real neuromanifold iff ``r >= o``, the number of odd ``k_l - 1``.
    ``M_R`` is closed, so its boundary lies in it: a stratum is on the boundary iff some real root is multiple and
    ``r - 2 < o`` (splitting a double real root into a complex pair leaves ``M_R``).

    Parameters
    ----------
    net
        An [`LCN`][weightspace.arch.polynomial.network.LCN] with stride 1.

    Returns
    -------
    list of dict
        ``multiplicities``, ``complex_pairs``, ``dimension``, ``in_neuromanifold``, ``boundary``.

    Raises
    ------
    NotSupported
        For strides other than 1.

    Examples
    --------
    >>> from weightspace.arch.polynomial.network import LCN
    >>> [(s["multiplicities"], s["boundary"]) for s in lcn_boundary_strata(LCN((2, 2, 2))) if s["boundary"]]
    [((3,), True), ((2, 1), True)]
    """
    if any(s != 1 for s in net.strides):
        raise NotSupported("the root strata are implemented for stride 1")
    d = net.ambient_dimension - 1
    odd = sum(1 for k in net.kernels if (k - 1) % 2)
    out = []
    for r in range(d, -1, -1):
        if (d - r) % 2:
            continue
        for parts in _partitions(r):
            inside = r >= odd
            out.append({"multiplicities": parts, "complex_pairs": (d - r) // 2,
                        "dimension": len(parts) + (d - r) // 2 + 1, "in_neuromanifold": inside,
                        "boundary": inside and any(m >= 2 for m in parts) and r - 2 < odd})
    return out


__all__ = ["parametrisation_strata", "subnetwork", "singular_locus", "lcn_boundary_strata"]
