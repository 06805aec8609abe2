"""Real membership for networks with affine layers ([`AffineNet`][weightspace.arch.polynomial.affine.AffineNet]),
decided exactly where a criterion is known.

* ``S = 1`` with biases: the function is ``x -> M x + c`` and is reached iff ``rank M <= r = min d_i``. Witness:
  ``M = B C`` through ``r`` channels; each hidden layer undoes the activation ``s(t) = a t + k`` with weights
  ``1/a`` and bias ``-k/a``.
* ``S = 2``, one hidden layer of ``m`` neurons, one output, biases: every quadratic ``s`` is ``a (t + h)^2 + k``,
  and the biases absorb ``h`` and ``k``, so the functions are ``sum_i u_i (w_i . x + beta_i)^2 + gamma`` with all
  real values. Homogenise ``f`` with ``x_0 = 1`` to a symmetric matrix ``F``; ``f`` is reached iff some real
  ``gamma`` gives ``rank(F - gamma e_0 e_0^T) <= m``. A rank-one change moves the rank by at most one, and it
  lowers it (by one) exactly when ``F u = e_0`` is solvable with ``alpha = u_0 != 0``, at ``gamma = 1 / alpha``
  (``u_0`` does not depend on the solution chosen). Witness: the exact congruence diagonalisation of
  ``F - gamma e_0 e_0^T``.

Every witness is re-checked exactly by the caller ([`membership`][weightspace.algebraic.membership.membership]).
"""

from __future__ import annotations

from fractions import Fraction

from ..arch.polynomial.affine import AffineNet, monomial_shift
from ..exact import rank, solve_particular
from .polynomials import monomials
from .witness import Membership, diagonalise, rref


def affine_membership(net: AffineNet, c) -> Membership | None:
    """The decision for ``net`` at the coefficient vector ``c``, or ``None`` when no criterion here applies.

    Parameters
    ----------
    net
        The network.
    c
        The function's coefficient vector (``net.parse_function``).

    Returns
    -------
    Membership or None
        The answer with its witness, or ``None``.

    Examples
    --------
    >>> net = AffineNet((2, 1, 1), "x^2 + x", bias=True)
    >>> affine_membership(net, net.parse_function("x^2 + 2*x*y + y^2 + 2*x + 2*y + 5")).answer   # (x+y+1)^2 + 4
    'yes'
    >>> affine_membership(net, net.parse_function("x^2 + y^2")).reason
    'every real gamma leaves rank(F - gamma e_0 e_0^T) >= 2 > 1 hidden units'
    """
    if not net.bias:
        return None
    if net.degree == 1:
        return _affine_linear(net, c)
    if net.degree == 2 and len(net.widths) == 3 and net.widths[-1] == 1:
        return _shallow_quadratic(net, c)
    return None


def _affine_linear(net: AffineNet, c) -> Membership:
    n, out, r = net.widths[0], net.widths[-1], min(net.widths)
    M = [list(c[o * (n + 1):o * (n + 1) + n]) for o in range(out)]
    constant = [c[o * (n + 1) + n] for o in range(out)]
    R, pivots = rref(M)
    k = len(R)
    if k > r:
        return Membership(net.spec, "no", f"the linear part has rank {k} > {r} = min width", details={"rank": k})
    a, shift = net.activation[1], net.activation[0]
    C = [[M[i][p] for p in pivots] for i in range(out)]          # M = C R
    layers = {}
    for l, (rows, columns) in enumerate(net.shapes):
        last = l == len(net.shapes) - 1
        width_in = columns - 1
        W = []
        for i in range(rows):
            if l == 0 and last:
                weights, bias = M[i], constant[i]
            elif l == 0:
                weights, bias = [v / a for v in R[i]] if i < k else [Fraction(0)] * width_in, -shift / a
            elif last:
                weights, bias = [C[i][j] if j < k else Fraction(0) for j in range(width_in)], constant[i]
            else:
                weights, bias = [Fraction(int(i == j and i < k)) / a for j in range(width_in)], -shift / a
            W.append(list(weights) + [bias])
        layers[f"W{l + 1}|b{l + 1}"] = W
    return Membership(net.spec, "yes", f"the linear part has rank {k} <= {r} = min width", layers, {"rank": k})


def _shallow_quadratic(net: AffineNet, c) -> Membership:
    n, m = net.widths[0], net.widths[1]
    F = [[Fraction(0)] * (n + 1) for _ in range(n + 1)]        # index 0 is the homogenising x_0
    for coefficient, e in zip(c, [e for d in (2, 1, 0) for e in monomials(n, d)]):
        idx = [i + 1 for i in range(n) for _ in range(e[i])]
        idx = idx + [0] * (2 - len(idx))
        i, j = idx
        F[i][j] += coefficient if i == j else coefficient / 2
        if i != j:
            F[j][i] += coefficient / 2
    gamma, k = Fraction(0), rank(F)
    if k > m:
        u = solve_particular(F, [Fraction(int(i == 0)) for i in range(n + 1)])
        if u is None or u[0] == 0:
            return Membership(net.spec, "no", f"every real gamma leaves rank(F - gamma e_0 e_0^T) >= {k} > {m} "
                              "hidden units", details={"rank": k})
        gamma, k = 1 / u[0], k - 1
        if k > m:
            return Membership(net.spec, "no", f"every real gamma leaves rank(F - gamma e_0 e_0^T) >= {k} > {m} "
                              "hidden units", details={"rank": k, "gamma": str(gamma)})
    F[0][0] -= gamma
    forms, weights = diagonalise(F)
    a = net.activation[2]
    h, shift = monomial_shift(net.activation)
    outgoing = [d / a for d in weights] + [Fraction(0)] * (m - len(weights))
    first = [l[1:] + [l[0] - h] for l in forms] + [[Fraction(0)] * (n + 1)] * (m - len(forms))
    second = [outgoing + [gamma - shift * sum(outgoing)]]
    return Membership(net.spec, "yes", f"rank(F - gamma e_0 e_0^T) = {k} <= {m} hidden units at gamma = {gamma}",
                      {"W1|b1": first, "W2|b2": second}, {"rank": k, "gamma": str(gamma)})


__all__ = ["affine_membership"]
