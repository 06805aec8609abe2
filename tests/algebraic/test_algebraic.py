"""Polynomial, linear and convolutional networks: dimension, membership, training geometry, ED degrees."""

from __future__ import annotations

import json
from fractions import Fraction
from math import comb

import numpy as np
import pytest
import sympy
from typer.testing import CliRunner

from weightspace.algebraic import (LCN, LinearNet, PolynomialNet, ed_degree, make_Q, membership, named_variety,
                                   neuromanifold_dimension, neuromanifold_equations, training_geometry, variety)
from weightspace.algebraic.edd import critical_equations, data_point
from weightspace.algebraic.ideals import PRIME, singular_path
from weightspace.algebraic.training import random_data
from weightspace.cli import app
from weightspace.errors import InvalidInput, NotSupported
from weightspace.specs import count, resolve
from conftest import require_tool

runner = CliRunner()
x, y = sympy.symbols("x y")


def test_singular_is_installed_for_the_cross_checks():
    require_tool(singular_path(), "Debian's singular (the cross-checks)")
    assert singular_path().endswith("Singular")


# ------------------------------------------------------------------------------------------------ dimension
@pytest.mark.parametrize("widths, r, dim, ambient", [
    ((2, 2, 1), 2, 3, 3),      # sigma = x^2 fills the binary quadratics
    ((2, 2, 1), 3, 4, 4),      # sigma = x^3: dimension 4 = ambient
    ((2, 1, 1), 3, 2, 4),      # cubes of linear forms: the cone over the twisted cubic
    ((2, 2, 2, 1), 2, 5, 5),
])
def test_known_dimensions(widths, r, dim, ambient):
    d = neuromanifold_dimension(PolynomialNet(widths, r))
    assert (d.dimension, d.ambient_dimension, d.certified) == (dim, ambient, True)
    assert d.fills == (dim == ambient)


@pytest.mark.parametrize("n, m, r", [(3, 2, 2), (4, 3, 2), (3, 5, 4), (5, 7, 3), (4, 9, 4)])
def test_alexander_hirschowitz_defective_cases(n, m, r):
    """Alexander–Hirschowitz: sums of m r-th powers of linear forms in n variables have the expected dimension
    min(n m, C(n+r-1, r)) except for r = 2 (2 <= m <= n-1) and (n, r, m) = (3,4,5), (4,4,9), (5,4,14), (5,3,7)."""
    d = neuromanifold_dimension(PolynomialNet((n, m, 1), r))
    assert d.expected_dimension == min(n * m, comb(n + r - 1, r))
    # quadrics: the symmetric matrices of rank <= m have dimension n m - C(m, 2); the four sporadic cases lose one
    assert d.defective and d.dimension == (n * m - m * (m - 1) // 2 if r == 2 else d.expected_dimension - 1)
    # quadrics: the orthogonal group of the sum of squares proves the smaller bound, so the defect is certified;
    # the sporadic cases have no such bound here
    assert d.certified == (r == 2) and d.error_probability < 1e-30


def test_non_defective_neighbours_are_certified():
    for n, m, r in [(3, 4, 4), (3, 6, 4), (4, 2, 3), (3, 3, 3)]:
        d = neuromanifold_dimension(PolynomialNet((n, m, 1), r))
        assert d.certified and d.dimension == d.expected_dimension


@pytest.mark.parametrize("widths", [(3, 2, 3), (2, 3, 1, 3), (4, 2, 3, 4), (2, 2), (3, 1, 2)])
def test_linear_networks_are_rank_bounded_matrices(widths):
    d = neuromanifold_dimension(LinearNet(widths))
    r, m, n = min(widths), widths[-1], widths[0]
    assert d.dimension == r * (m + n - r) == d.known_dimension
    assert d.float_rank == d.rational_rank == d.dimension


@pytest.mark.parametrize("kernels, strides, dim", [((2, 3), (1, 1), 4), ((3, 3), (2, 1), 5),
                                                   ((2, 2, 2), (2, 2, 1), 4), ((2, 2), (1, 1), 3)])
def test_lcn_dimensions(kernels, strides, dim):
    d = neuromanifold_dimension(LCN(kernels, strides))
    assert d.dimension == dim == d.expected_dimension


def test_exact_jacobian_against_difference_quotients():
    net = PolynomialNet((2, 2, 1), 3)
    theta = [1, -2, 3, 1, 2, -1]
    J = net.jacobian(theta)
    base = net.coefficients(theta)
    for k in range(len(theta)):
        # mu is a polynomial: the derivative is the limit of exact difference quotients, which for a cubic in each
        # parameter is (mu(t + h) - mu(t - h)) / 2h - h^2 mu'''/6; with two step sizes h the h^2 term cancels
        quotients = []
        for h in (Fraction(1, 100), Fraction(1, 200)):
            plus = net.coefficients([t + (h if i == k else 0) for i, t in enumerate(theta)])
            minus = net.coefficients([t - (h if i == k else 0) for i, t in enumerate(theta)])
            quotients.append([(p - q) / (2 * h) for p, q in zip(plus, minus)])
        richardson = [(4 * b - a) / 3 for a, b in zip(*quotients)]
        assert richardson == [Fraction(int(c.p), int(c.q)) if hasattr(c, "p") else Fraction(c) for c in J[k]]
    assert len(base) == 4


def test_modular_and_rational_jacobians_agree():
    net = PolynomialNet((3, 2, 2), 2)
    theta = [2, -1, 3, 1, 1, -2, 1, 4, -3, 2]
    p = 1_000_003
    exact = net.jacobian(theta)
    modular = net.jacobian(theta, p)
    assert [[int(c) % p for c in row] for row in exact] == [[int(c) for c in row] for row in modular]


# ------------------------------------------------------------------------------------------------ membership
def test_source_binary_cubic_examples():
    net = PolynomialNet((2, 2, 1), 3)
    assert membership(net, "x^3 - x*y^2").answer == "no"
    assert membership(net, "x^3 + y^3").answer == "yes"
    assert membership(net, "x^3").answer == "yes"
    assert membership(net, "x^2*y").answer == "no"
    assert membership(PolynomialNet((2, 2, 1), 2), "x^2 - 3*x*y + 7*y^2").answer == "yes"


def test_binary_cubic_criterion_against_root_counts():
    """Two ways: the discriminant criterion, and numpy's roots (a sum of two real cubes (a x + b y)^3 + (c x + d y)^3
    has exactly one real root when its discriminant is nonzero)."""
    rng = np.random.default_rng(3)
    net = PolynomialNet((2, 2, 1), 3)
    seen = set()
    for _ in range(40):
        coeffs = [int(v) for v in rng.integers(-6, 7, size=4)]
        if coeffs[0] == 0:
            continue
        roots = np.roots(coeffs)
        real = int(np.sum(np.abs(roots.imag) < 1e-9))
        if len({round(r.real, 6) for r in roots if abs(r.imag) < 1e-9}) != real:
            continue   # repeated roots: skip the float comparison
        answer = membership(net, coeffs).answer
        assert answer == ("yes" if real == 1 else "no")
        seen.add(answer)
    assert seen == {"yes", "no"}


def test_quadratic_witnesses_are_exact():
    net = PolynomialNet((3, 2, 1), 2)
    for f in ["x1*x2 + x2*x3", "x1^2 - x3^2", "2*x1*x3"]:
        answer = membership(net, f)
        assert answer.answer == "yes"
        theta = [w for m in answer.witness.values() for row in m for w in row]
        assert net.coefficients(theta) == net.parse_function(f)
    assert membership(net, "x1^2 + x2^2 + x3^2").answer == "no"


def test_linear_membership_is_the_rank_condition_with_a_factorisation():
    net = LinearNet((3, 2, 3))
    yes = membership(net, [1, 2, 3, 4, 5, 6, 7, 8, 9])
    assert yes.answer == "yes" and yes.witness is not None
    assert membership(net, [1, 0, 0, 0, 1, 0, 0, 0, 1]).answer == "no"
    deep = LinearNet((2, 3, 1, 3))
    assert membership(deep, [1, 2, 2, 4, 3, 6]).answer == "yes"
    assert membership(deep, [1, 0, 0, 1, 0, 0]).answer == "no"


def test_lcn_membership_by_real_factors():
    net = LCN((2, 3))                    # degrees 1 and 2: needs one real root
    assert membership(net, [1, 0, 1, 0]).answer == "yes"          # 1 + t^2 has none, but t^3 is dropped: a root at infinity
    assert membership(net, [1, 0, 2, 0, 1][:4]).answer == "yes"
    quartic = LCN((2, 4))                # degrees 1 and 3: two odd factors need two real roots
    assert membership(quartic, [1, 0, 2, 0, 1]).answer == "no"   # (1 + t^2)^2: no real root
    assert membership(quartic, [-1, 0, 0, 0, 1]).answer == "yes"  # t^4 - 1: roots 1 and -1
    product = [int(c) for c in np.polymul([1, -2], np.polymul([1, 0, 1], [1, 3]))[::-1]]
    assert membership(quartic, product).answer == "yes"
    assert membership(LCN((3, 3), (2, 1)), [1, 0, 0, 0, 0, 0, 1]).answer == "unknown"


def test_deep_polynomial_membership_is_unknown():
    assert membership(PolynomialNet((2, 2, 2, 1), 2), "x^4").answer == "unknown"


# ------------------------------------------------------------------------------------------------ training
def test_mse_is_a_q_distance():
    net = PolynomialNet((2, 2, 1), 3)
    few = training_geometry(net, [(1, 0), (0, 1), (1, 1)], [1, 2, 3])
    assert few.degenerate and few.rank_Q == 3 and few.kernel_dimension == 1 and few.symbolic_check
    points, values = random_data(net, 12, seed=2)
    many = training_geometry(net, points, values)
    assert not many.degenerate and many.rank_Q == 4 and many.symbolic_check and many.numeric_gap < 1e-9
    deep = PolynomialNet((2, 2, 2, 1), 2)
    points, values = random_data(deep, 9, seed=1)
    g = training_geometry(deep, points, values)
    assert g.symbolic_check and g.numeric_gap < 1e-9 and g.rank_Q == 5


# ------------------------------------------------------------------------------------------------ ideals
@pytest.mark.parametrize("backend", ["sympy", "singular"])
@pytest.mark.parametrize("characteristic", [PRIME, 0])
def test_variety_backends(backend, characteristic):
    kw = {"backend": backend, "characteristic": characteristic}
    assert variety([x ** 2 + y ** 2 - 1, x - y], (x, y), **kw).points == 2
    assert variety([x * y * (x - y)], (x, y), **kw).to_dict()["dimension"] == 1
    assert variety([x * y * (x - y)], (x, y), **kw).degree == 3
    assert variety([x ** 2, y], (x, y), **kw).degree == 2
    assert variety([x ** 2, y], (x, y), **kw).points == 1
    assert variety([x, x - 1], (x, y), **kw).dimension == -1


def test_saturation_removes_the_cusp():
    crit, sing, residual = critical_equations([y ** 2 - x ** 3], (x, y), make_Q("identity", 2), (3, 5), 1)
    plain = variety(crit, (x, y), backend="sympy")
    saturated = variety(crit, (x, y), saturate=[sing], backend="sympy")
    assert (plain.degree, plain.points) == (7, 5)      # the cusp counts 3 times without saturation
    assert (saturated.degree, saturated.points) == (4, 4)


# ------------------------------------------------------------------------------------------------ ED degree
@pytest.mark.parametrize("name, Q, expected", [("circle", "identity", 2), ("circle", [[4, 0], [0, 1]], 4),
                                               ("cusp", "identity", 4), ("cusp", "generic", 4),
                                               ("rank1", "identity", 2), ("rank1", "generic", 6)])
def test_source_examples_four_ways(name, Q, expected):
    eqs, vs = named_variety(name)
    answers = {ed_degree(eqs, vs, Q, backend=b, formulation=f, field=field).ed_degree
               for b in ("sympy", "singular") for f in ("minors", "lagrange") for field in ("prime", "rational")}
    assert answers == {expected}


@pytest.mark.parametrize("name, Q, seed, expected", [("circle", "identity", 0, 2), ("circle", [[4, 0], [0, 1]], 0, 4),
                                                     ("cusp", "identity", 0, 4), ("rank1", "generic", 0, 6)])
def test_numeric_cross_check(name, Q, seed, expected):
    eqs, vs = named_variety(name)
    result = ed_degree(eqs, vs, Q, seed=seed, numeric=True)
    assert result.ed_degree == expected == result.numeric["count"]
    assert result.numeric["residual"] < 1e-8


def test_confirmation_over_a_second_prime_and_the_q_is_named():
    eqs, vs = named_variety("circle")
    result = ed_degree(eqs, vs, "generic", seed=3)
    assert result.confirmation == {"field": "GF(2147483629)", "agrees": True}
    assert result.Q_kind == "generic" and "GF(2147483647)" in result.method
    assert "unlucky primes" in result.note


def test_lightning_table():
    """The source: ED degree 14 for almost all PD Q; as the kernel dimension of Q goes 0..5: 14 points, 14 points,
    4 points and a curve, a surface, a threefold, a fourfold (the last four the zero-loss set)."""
    eqs, vs = named_variety("lightning")
    rows = {}
    for k in range(6):
        r = ed_degree(eqs, vs, "generic", kernel_dimension=k, backend="singular")
        parts = {p["part"]: (p["dimension"], p["points"]) for p in r.components}
        rows[k] = (r.ed_degree, parts)
        assert r.confirmation["agrees"]
    assert rows[0] == (14, {"critical": (0, 14)})
    assert rows[1] == (14, {"zero-loss": (0, 4), "critical": (0, 10)})
    assert rows[2] == (4, {"zero-loss": (1, None), "critical": (0, 4)})
    for k in (3, 4, 5):
        assert rows[k] == (0, {"zero-loss": (k - 1, None)})


@pytest.mark.slow
def test_lightning_generic_with_sympy():
    eqs, vs = named_variety("lightning")
    assert ed_degree(eqs, vs, "generic", backend="sympy", confirm=False).ed_degree == 14


def test_neuromanifold_ed_degrees():
    """Eckart–Young: the rank-r matrices have ED degree C(min(m, n), r) for Q = I; the cone over the rational
    normal curve of degree d has generic ED degree 3d - 2."""
    eqs, vs = neuromanifold_equations(LinearNet((3, 1, 3)))
    assert ed_degree(eqs, vs, "identity").ed_degree == 3
    eqs, vs = neuromanifold_equations(LinearNet((2, 1, 3)))
    assert ed_degree(eqs, vs, "identity").ed_degree == 2
    for d in (2, 3):
        eqs, vs = neuromanifold_equations(PolynomialNet((2, 1, 1), d))
        assert ed_degree(eqs, vs, "generic").ed_degree == 3 * d - 2
    with pytest.raises(NotSupported):
        neuromanifold_equations(PolynomialNet((2, 2, 1), 3))


def test_make_q_and_bad_input():
    assert all(v > 0 for v in np.linalg.eigvalsh(np.array(make_Q("generic", 4), dtype=float)))
    assert make_Q("identity", 2, kernel_dimension=0) == make_Q("identity", 2)
    with pytest.raises(InvalidInput):
        make_Q([[1, 2], [0, 1]], 2)
    with pytest.raises(InvalidInput):
        make_Q("identity", 2, kernel_dimension=3)
    with pytest.raises(InvalidInput):
        ed_degree([x ** 2 + 1, x], (x, y))
    with pytest.raises(InvalidInput):
        PolynomialNet((2,), 2)
    eqs, vs = named_variety("circle")
    with pytest.raises(NotSupported):
        ed_degree(eqs, vs, "generic", kernel_dimension=1, numeric=True)
    assert len(data_point(3)) == 3


# ------------------------------------------------------------------------------------------------ specs and CLI
def test_specs():
    assert resolve("poly:2,2,1:3").ambient_dimension == 4
    assert resolve("linear:3,2,3").known_dimension == 8
    assert resolve("lcn:3,3:2,1").ambient_dimension == 7
    with pytest.raises(NotSupported):
        count(resolve("poly:2,2,1:3"))
    with pytest.raises(InvalidInput):
        resolve("poly:2,2,1")


def test_cli_neuromanifold_contract():
    out = runner.invoke(app, ["neuromanifold", "--arch", "poly", "--widths", "2,2,1", "--degree", "3", "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert (payload["dimension"], payload["ambient_dimension"], payload["fills"]) == (4, 4, True)
    out = runner.invoke(app, ["neuromanifold", "--arch", "poly", "--widths", "2,2,1", "--degree", "3", "--member",
                              "x^3-x*y^2", "--json"])
    assert json.loads(out.output)["membership"]["answer"] == "no"


def test_cli_edd_contract(tmp_path):
    out = runner.invoke(app, ["edd", "--equations", "x^2+y^2-1", "--vars", "x,y", "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.output)
    assert payload["ed_degree"] == 2 and "Gröbner" in payload["method"] and payload["components"]
    q = tmp_path / "q.json"
    q.write_text("[[4, 0], [0, 1]]")
    out = runner.invoke(app, ["edd", "--equations", "x^2+y^2-1", "--vars", "x,y", "--Q", str(q), "--json"])
    assert json.loads(out.output)["ed_degree"] == 4
    out = runner.invoke(app, ["edd", "--variety", "lightning", "--kernel-dim", "2", "--json"])
    assert json.loads(out.output)["ed_degree"] == 4


@pytest.mark.parametrize("args", [["edd", "--equations", "x^2+", "--vars", "x,y"],
                                  ["edd", "--equations", "x+z", "--vars", "x,y"],
                                  ["edd", "--variety", "nope"],
                                  ["edd", "--variety", "circle", "--Q", "missing.json"],
                                  ["neuromanifold", "--arch", "foo"],
                                  ["neuromanifold", "--arch", "poly"],
                                  ["neuromanifold", "--arch", "poly", "--widths", "2,x"]])
def test_cli_errors_are_one_line(args):
    out = runner.invoke(app, args)
    assert out.exit_code == 2 and out.output.startswith("error:") and out.output.count("\n") == 1
