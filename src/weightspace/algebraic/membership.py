"""Is a given function in the *real* neuromanifold ``M_R = mu(R^P)``? Decided exactly where a criterion is known,
``unknown`` otherwise.

* Linear networks: ``M`` is in ``M_R`` iff ``rank M <= min d_i``; the witness is an exact factorisation.
* Shallow quadratic networks ``[n, m, 1]`` with ``s(t) = t^2``: ``f = sum_k c_k (l_k . x)^2`` with real ``c_k``
  reaches exactly the quadratic forms of rank at most ``m`` (Sylvester's law of inertia; the signs go into the
  output weights); the witness is an exact rational diagonalisation by congruence.
* Binary forms ``[2, m, 1]`` with ``s(t) = t^r``: ``m = 1`` reaches exactly the multiples of ``l^r`` (an ``r``-fold
  root of a rational form is rational, so the witness is rational); ``m >= r`` reaches every real binary form
  (the real Waring rank of a binary form of degree ``r`` is at most ``r``: Comon–Ottaviani 2012, Blekherman 2015);
  ``m = 2, r = 3``: a nonzero binary cubic is a sum of two real cubes iff its discriminant is negative (one real
  root) or it is a cube; with three distinct real roots, or a double root, its real rank is 3. So ``x^3 - x y^2``
  (roots 0, 1, -1) is not reached.
* 1-D LCNs with stride 1: the end-to-end filter is in ``M_R`` iff its polynomial (as a binary form, so that a
  dropped degree counts as a root at infinity) factors over ``R`` into factors of degrees ``k_l - 1``. Real
  irreducible factors have degree 1 or 2, so this holds iff the number of real roots with multiplicity is at least
  the number of odd ``k_l - 1`` (Kohn, Merkh, Montúfar, Trager 2022).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import sympy

from ..errors import CertificationError
from ..exact import rank
from ..arch.polynomial.affine import AffineNet, monomial_shift
from ..arch.polynomial.network import LCN, LinearNet, PolynomialNet
from .affine_membership import affine_membership
from .polynomials import from_coefficients, monomials
from .witness import Membership, diagonalise, rref


def membership(net, f: Any) -> Membership:
    """Decide whether the function ``f`` (anything ``net.parse_function`` reads) is in the real neuromanifold.

    Parameters
    ----------
    net
        A polynomial, linear or locally connected network.
    f
        The function, in any form ``net.parse_function`` reads.

    Returns
    -------
    Membership
        The decision, with a parameter point that realises ``f`` or the reason it cannot be realised.

    Raises
    ------
    CertificationError
        If a witness fails its exact re-check (a bug, never expected).

    Examples
    --------
    >>> from weightspace.arch.polynomial.network import PolynomialNet
    >>> membership(PolynomialNet((2, 2, 1), 3), "x^3 - x*y^2").answer
    'no'
    >>> membership(PolynomialNet((2, 2, 1), 3), "x^3 + y^3").answer
    'yes'
    >>> membership(PolynomialNet((2, 2, 1), 2), "x*y").to_dict()["witness"]     # x y = ((x+y)/2)^2 - (x-y)^2/4
    {'W1': [['1/2', '1/2'], ['1', '-1']], 'W2': [['1', '-1/4']]}
    """
    c = net.parse_function(f)
    if getattr(net, "dense_weights", None) is not None:          # a convolutional network: a subset of the dense one
        return _convolutional(net, c)
    if isinstance(net, AffineNet):
        answer = affine_membership(net, c) or _affine_plain(net, c)
    elif isinstance(net, LinearNet):
        answer = _linear(net, c)
    elif isinstance(net, LCN):
        answer = _lcn(net, c)
    else:
        answer = _polynomial(net, c)
    if answer.witness is not None:
        theta = [w for m in answer.witness.values() for row in m for w in row]
        if net.coefficients(theta) != tuple(c):
            raise CertificationError(f"the witness for {net.spec} does not reproduce the function")
    return answer


def _convolutional(net, c) -> Membership:
    """A polynomial convolutional network computes some of the functions of the dense network of its shape, so the
    dense network's "no" is an answer; its "yes" is not."""
    dense = membership(PolynomialNet(net.sizes, net.degree), c)
    if dense.answer == "no":
        return Membership(net.spec, "no", f"not even the dense network {dense.spec} reaches it: {dense.reason}")
    return Membership(net.spec, "unknown", "no real criterion for convolutional networks is implemented (the dense "
                      f"network of the same shape says {dense.answer})")


def _affine_plain(net: AffineNet, c) -> Membership:
    """``s = a t^S`` without biases: the network of ``t^S`` with the hidden outputs scaled by ``a`` (undone by the
    next layer's weights), whose functions are forms of degree ``D``."""
    size = len(net._basis)
    top = len(monomials(net.widths[0], net.output_degree))
    if monomial_shift(net.activation) != (0, 0) or net.degree == 1:
        return Membership(net.spec, "unknown", "no real criterion for this activation and architecture is "
                          "implemented")
    if any(c[o * size + j] for o in range(net.widths[-1]) for j in range(top, size)):
        return Membership(net.spec, "no", f"a term of degree below {net.output_degree}: without biases every "
                          f"output is a form of degree {net.output_degree}")
    plain = PolynomialNet(net.widths, net.degree)
    answer = _polynomial(plain, [c[o * size + j] for o in range(net.widths[-1]) for j in range(top)])
    if answer.witness is None:
        return Membership(net.spec, answer.answer, answer.reason, None, answer.details)
    a = net.activation[-1]
    witness = {k: [[w / a for w in row] for row in W] if l else W for l, (k, W) in enumerate(answer.witness.items())}
    return Membership(net.spec, answer.answer, answer.reason, witness, answer.details)


def _linear(net: LinearNet, c) -> Membership:
    m, n, r = net.widths[-1], net.widths[0], min(net.widths)
    M = [list(c[i * n:(i + 1) * n]) for i in range(m)]
    # M = C R with R the nonzero rows of the reduced row echelon form and C the pivot columns
    R, pivots = rref(M)
    k = len(R)
    if k > r:
        return Membership(net.spec, "no", f"rank {k} > {r} = min width", details={"rank": k})
    if len(net.shapes) == 1:
        weights = [M]
    else:
        C = [[M[i][p] for p in pivots] for i in range(m)]
        weights = []
        for l, (a, b) in enumerate(net.shapes):
            if l == 0:
                W = [R[i] if i < k else [Fraction(0)] * b for i in range(a)]
            elif l == len(net.shapes) - 1:
                W = [[C[i][j] if j < k else Fraction(0) for j in range(b)] for i in range(a)]
            else:
                W = [[Fraction(int(i == j and i < k)) for j in range(b)] for i in range(a)]
            weights.append(W)
    return Membership(net.spec, "yes", f"rank {k} <= {r} = min width",
                      {f"W{l + 1}": W for l, W in enumerate(weights)}, {"rank": k})


def _polynomial(net: PolynomialNet, c) -> Membership:
    widths, r = net.widths, net.degree
    if len(widths) != 3 or widths[-1] != 1:
        return Membership(net.spec, "unknown", "no real membership criterion is implemented for deep or "
                          "multi-output polynomial networks")
    n, m = widths[0], widths[1]
    if r == 2:
        return _quadratic(net, c, n, m)
    if n == 2:
        x, y = net.variables()
        f = from_coefficients(c, (x, y), r)
        if f == 0:
            return Membership(net.spec, "yes", "the zero form", _zero(net))
        power = _power_of_linear(f, x, y, r)
        if power is not None:
            a, b, scale = power
            W1 = [[a, b]] + [[Fraction(0), Fraction(0)]] * (m - 1)
            return Membership(net.spec, "yes", f"a multiple of l^{r} for a rational linear form l",
                              {"W1": W1, "W2": [[scale] + [Fraction(0)] * (m - 1)]})
        if m == 1:
            return Membership(net.spec, "no", f"not a multiple of an {r}-th power of a linear form")
        if m >= r:
            return Membership(net.spec, "yes", f"every real binary form of degree {r} has real rank <= {r} <= {m}")
        if r == 3 and m == 2:
            a, b, cc, d = c   # x^3, x^2 y, x y^2, y^3: the discriminant of the binary form
            disc = b * b * cc * cc - 4 * a * cc ** 3 - 4 * b ** 3 * d - 27 * a * a * d * d + 18 * a * b * cc * d
            if disc < 0:
                return Membership(net.spec, "yes", "one real root (discriminant < 0): real rank 2",
                                  details={"discriminant": str(disc)})
            what = "three distinct real roots (discriminant > 0)" if disc > 0 else "a double root"
            return Membership(net.spec, "no", f"{what}: real rank 3 > 2", details={"discriminant": str(disc)})
    return Membership(net.spec, "unknown", f"no real criterion for sums of {m} real {r}-th powers in {n} variables "
                      "is implemented")


def _zero(net) -> dict:
    return {f"W{l + 1}": [[Fraction(0)] * b for _ in range(a)] for l, (a, b) in enumerate(net.shapes)}


def _power_of_linear(f, x, y, r):
    """``(a, b, s)`` with ``f = s (a x + b y)^r`` and rational ``a, b, s``, or ``None``. An ``r``-fold root of a
    rational binary form of degree ``r`` is rational, so factoring over ``QQ`` decides it."""
    scale, factors = sympy.factor_list(f, x, y)
    if len(factors) != 1:
        return None
    (factor, multiplicity), = factors
    if multiplicity != r or sympy.Poly(factor, x, y).total_degree() != 1:
        return None
    poly = sympy.Poly(factor, x, y)
    return (Fraction(str(poly.coeff_monomial(x))), Fraction(str(poly.coeff_monomial(y))), Fraction(str(scale)))


def _quadratic(net, c, n, m) -> Membership:
    """Congruence diagonalisation ``S = sum_k d_k l_k l_k^T`` of the symmetric matrix of a quadratic form."""
    S = [[Fraction(0)] * n for _ in range(n)]
    for coefficient, e in zip(c, monomials(n, 2)):
        idx = [i for i in range(n) for _ in range(e[i])]
        i, j = idx
        if i == j:
            S[i][i] += coefficient
        else:
            S[i][j] += coefficient / 2
            S[j][i] += coefficient / 2
    k = rank(S)
    if k > m:
        return Membership(net.spec, "no", f"the quadratic form has rank {k} > {m} hidden units",
                          details={"rank": k})
    forms, weights = diagonalise(S)
    W1 = forms + [[Fraction(0)] * n] * (m - len(forms))
    W2 = [weights + [Fraction(0)] * (m - len(weights))]
    return Membership(net.spec, "yes", f"the quadratic form has rank {k} <= {m} hidden units", {"W1": W1, "W2": W2},
                      {"rank": k})


def _lcn(net: LCN, c) -> Membership:
    if any(s != 1 for s in net.strides):
        return Membership(net.spec, "unknown", "real membership is implemented for stride 1 only")
    if all(v == 0 for v in c):
        return Membership(net.spec, "yes", "the zero filter", _zero(net))
    t = sympy.Symbol("t")
    poly = sympy.Poly(sum(sympy.Rational(v.numerator, v.denominator) * t ** i for i, v in enumerate(c)), t)
    at_infinity = len(c) - 1 - poly.degree()
    real = at_infinity
    for factor, multiplicity in poly.sqf_list()[1]:
        real += multiplicity * factor.count_roots()
    odd = sum(1 for k in net.kernels if (k - 1) % 2)
    details = {"real_roots": real, "odd_factor_degrees": odd}
    if real >= odd:
        return Membership(net.spec, "yes", f"{real} real roots (with multiplicity, counting infinity) >= {odd} "
                          "factors of odd degree", details=details)
    return Membership(net.spec, "no", f"{real} real roots < {odd} factors of odd degree", details=details)
