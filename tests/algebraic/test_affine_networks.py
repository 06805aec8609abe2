"""Neuromanifolds of networks with affine layers and any polynomial activation (issue 38, item 1), each fact against
a second route: Jacobian ranks over two primes and over QQ, the bias-free monomial network against the homogeneous
one, membership against sampling the parametrisation and against an independent minor computation, the MSE identity
symbolically and numerically."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest
import sympy
from typer.testing import CliRunner

from weightspace.algebraic.affine_membership import affine_membership
from weightspace.algebraic.dimension import neuromanifold_dimension
from weightspace.algebraic.membership import membership
from weightspace.algebraic.training import training_geometry
from weightspace.arch.polynomial.affine import AffineNet, activation_text, monomial_shift, read_activation
from weightspace.arch.polynomial.network import PolynomialNet
from weightspace.cli import app
from weightspace.errors import InvalidInput
from weightspace.specs import resolve

ACTIVATIONS = ["x", "x+1", "x^2", "x^2+x", "x^2+1", "x^3", "x^3+x", "(x+1)^3", "x^4+x"]
WIDTHS = [(1, 2, 1), (2, 2, 1), (2, 3, 1), (3, 2, 1), (2, 2, 2), (2, 2, 2, 1), (3, 3, 3)]


def test_activation_reading_and_shift():
    assert read_activation("t^2 + t") == read_activation("x*(x+1)") == (0, 1, 1)
    assert read_activation([1, 2, 0]) == (1, 2)
    assert activation_text(read_activation("(x - 1/2)^2")) == "t^2-t+(1/4)"
    assert monomial_shift(read_activation("(x+1)^3 - 2")) == (1, -2)
    for bad in ("x*y", "3", "", "x^"):
        with pytest.raises(InvalidInput):
            read_activation(bad)


@pytest.mark.parametrize("widths", WIDTHS)
def test_dimension_by_two_primes_and_rationals_never_exceeds_the_proven_bound(widths):
    for activation in ACTIVATIONS:
        for bias in (True, False):
            net = AffineNet(widths, activation, bias)
            facts = neuromanifold_dimension(net, trials=1, seed=3)
            ranks = {facts.modular_ranks[0], facts.second_prime_rank, facts.rational_rank}
            assert len(ranks) == 1, (net.spec, ranks)                 # three fields agree
            assert facts.dimension <= net.dimension_upper_bound <= net.expected_dimension, net.spec
            assert net.expected_dimension <= net.reachable_dimension <= net.ambient_dimension


def test_certified_dimensions_with_biases():
    cases = {((2, 2, 1), "x^2"): (9, 2, 6, 6), ((2, 2, 1), "x^3"): (9, 2, 10, 7), ((2, 2, 1), "x^3+x"): (9, 0, 10, 9),
             ((3, 2, 1), "x^2+x"): (11, 2, 10, 8), ((2, 2, 2, 1), "x^2"): (15, 4, 15, 10),
             ((3, 3, 3), "x^2"): (24, 3, 30, 21), ((3, 2, 2), "x+1"): (14, 6, 8, 8)}
    for (widths, activation), (parameters, symmetries, ambient, dimension) in cases.items():
        net = AffineNet(widths, activation, True)
        facts = neuromanifold_dimension(net)
        assert (net.parameter_count, net.symmetry_dimension, net.ambient_dimension, facts.dimension) == \
            (parameters, symmetries, ambient, dimension), net.spec
        assert facts.certified


def test_the_bias_free_monomial_network_is_the_homogeneous_one():
    rng = random.Random(0)
    for widths, r in [((2, 2, 1), 3), ((3, 2, 1), 2), ((2, 2, 2), 2), ((2, 2, 2, 1), 2), ((3, 5, 1), 4)]:
        plain, affine = PolynomialNet(widths, r), AffineNet(widths, r, bias=False)
        assert plain.parameter_count == affine.parameter_count
        assert affine.support_degrees == {plain.output_degree}
        theta = [rng.randint(-4, 4) for _ in range(plain.parameter_count)]
        top = [affine.basis.index(m) for m in plain.basis]
        size = len(affine.basis)
        c = affine.coefficients(theta)
        assert [c[o * size + j] for o in range(widths[-1]) for j in top] == list(plain.coefficients(theta))
        assert neuromanifold_dimension(affine).dimension == neuromanifold_dimension(plain).dimension


def test_coefficients_against_the_floating_forward_pass():
    rng = random.Random(1)
    for widths in [(2, 2, 1), (2, 2, 2, 2), (1, 3, 2)]:
        for activation in ("x^2+x", "x^3-2*x+1/2"):
            net = AffineNet(widths, activation, True)
            theta = [Fraction(rng.randint(-3, 3), rng.randint(1, 3)) for _ in range(net.parameter_count)]
            points = [[rng.uniform(-1, 1) for _ in range(widths[0])] for _ in range(4)]
            values = net.forward_float([float(t) for t in theta], points)
            for k, poly in enumerate(net.polynomial(theta)):
                for x, row in zip(points, values):
                    at = float(poly.subs(dict(zip(net.variables(), x))))
                    assert abs(at - row[k]) < 1e-9 * (1 + abs(at))


def _minimal_rank_by_minors(F, m):
    """Second route for the shallow quadratic criterion: is there a real gamma with every (m+1)-minor of
    F - gamma e_0 e_0^T zero? (the gcd of the minors, as polynomials in gamma, and its real roots)."""
    g = sympy.Symbol("g")
    M = sympy.Matrix(F) - g * sympy.Matrix(len(F), len(F), lambda i, j: int(i == j == 0))
    from itertools import combinations
    minors = [sympy.expand(M.extract(list(r), list(c)).det()) for r in combinations(range(len(F)), m + 1)
              for c in combinations(range(len(F)), m + 1)]
    minors = [p for p in minors if p != 0]
    if not minors:
        return True
    common = minors[0]
    for p in minors[1:]:
        common = sympy.gcd(common, p)
    return sympy.Poly(common, g).degree() > 0 and bool(sympy.real_roots(sympy.Poly(common, g)))


def test_shallow_quadratic_membership_against_sampling_and_minors():
    rng = random.Random(2)
    for n, m in [(2, 1), (2, 2), (3, 2), (3, 1)]:
        for activation in ("x^2", "x^2+x", "2*x^2-x+3"):
            net = AffineNet((n, m, 1), activation, True)
            for _ in range(6):                      # images of the parametrisation are members, with a witness
                theta = [rng.randint(-3, 3) for _ in range(net.parameter_count)]
                answer = membership(net, net.coefficients(theta))
                assert answer.answer == "yes" and answer.witness is not None
            for _ in range(6):                      # random functions: the criterion against the minors
                c = [Fraction(rng.randint(-3, 3)) for _ in range(net.ambient_dimension)]
                answer = affine_membership(net, tuple(c))
                F = _homogenised(c, n)
                assert (answer.answer == "yes") == _minimal_rank_by_minors(F, m), (net.spec, c)
                if answer.answer == "yes":
                    assert membership(net, c).answer == "yes"     # re-checked exactly inside


def _homogenised(c, n):
    from weightspace.algebraic.polynomials import monomials
    F = [[sympy.Rational(0)] * (n + 1) for _ in range(n + 1)]
    for v, e in zip(c, [e for d in (2, 1, 0) for e in monomials(n, d)]):
        idx = ([i + 1 for i in range(n) for _ in range(e[i])] + [0, 0])[:2]
        i, j = idx
        v = sympy.Rational(v.numerator, v.denominator)
        F[i][j] += v if i == j else v / 2
        if i != j:
            F[j][i] += v / 2
    return F


def test_affine_linear_and_bias_free_membership():
    net = AffineNet((3, 2, 2), "2*x+1", True)
    member = membership(net, ["x1 + x2 + 5", "2*x1 + 2*x2 - 1"])        # rank 1 <= 2
    assert member.answer == "yes"
    assert membership(AffineNet((3, 1, 2), "x", True), ["x1 + 1", "x2"]).answer == "no"
    cubic = AffineNet((2, 2, 1), "3*x^3", False)
    assert membership(cubic, "x^3 - x*y^2").answer == "no"             # the talk's cubic, as for t^3
    assert membership(cubic, "x^3 + y^3").answer == "yes"
    assert membership(cubic, "x^3 + x").answer == "no"                 # not a form of degree 3
    assert membership(AffineNet((2, 2, 1), "x^3+x", True), "x^2").answer == "unknown"


def test_training_distance_for_several_outputs_symbolic_and_numeric():
    rng = random.Random(4)
    for net in (AffineNet((2, 2, 2), "x^2+x", True), PolynomialNet((2, 2, 3), 2)):
        points = [(rng.randint(-3, 3), rng.randint(-3, 3)) for _ in range(5)]
        values = [tuple(rng.randint(-4, 4) for _ in range(net.widths[-1])) for _ in points]
        g = training_geometry(net, points, values, seed=1)
        assert g.symbolic_check and g.numeric_gap < 1e-9
        assert g.ambient_dimension == net.ambient_dimension and g.rank_Q % net.widths[-1] == 0
    with pytest.raises(InvalidInput, match="2 values"):
        training_geometry(AffineNet((2, 2, 2), "x^2", True), [(1, 2)], [3])


def test_cli_and_specs():
    runner = CliRunner()
    out = runner.invoke(app, ["neuromanifold", "--arch", "poly", "--widths", "2,2,1", "--degree", "2", "--bias",
                              "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert {k: payload[k] for k in ("dimension", "ambient_dimension", "expected_dimension", "certified")} == \
        {"dimension": 6, "ambient_dimension": 6, "expected_dimension": 6, "certified": True}
    out = runner.invoke(app, ["neuromanifold", "--arch", "poly", "--widths", "2,2,1", "--activation", "x^2+x",
                              "--json"])
    assert json.loads(out.stdout)["dimension"] == 5
    out = runner.invoke(app, ["neuromanifold", "--arch", "poly", "--widths", "2,2,1", "--degree", "3",
                              "--activation", "x^2"])
    assert out.exit_code != 0 and "not both" in out.output
    assert resolve("poly:2,2,1:3:bias").spec == "poly:2,2,1:t^3:bias"
    assert isinstance(resolve("poly:2,2,1:t^2+t"), AffineNet) and isinstance(resolve("poly:2,2,1:2"), PolynomialNet)
    with pytest.raises(InvalidInput, match="bias"):
        resolve("poly:2,2,1:2:biases")


def test_data_Q_is_a_moment_matrix_and_hankel_for_binary_forms():
    from weightspace.algebraic.data_q import data_Q
    rng = random.Random(5)
    for net in (PolynomialNet((2, 1, 1), 4), AffineNet((2, 2, 1), "x^2", True), PolynomialNet((3, 2, 1), 2)):
        points = [tuple(rng.randint(-5, 5) for _ in range(net.widths[0])) for _ in range(3)]
        Q, facts = data_Q(net, points)
        assert facts["moment"] and facts["rank"] <= 3 and facts["kernel_dimension"] == len(Q) - facts["rank"]
        assert facts["hankel"] == (isinstance(net, PolynomialNet) and net.widths[0] == 2)
        assert all(Q[j][k] == Q[k][j] for j in range(len(Q)) for k in range(len(Q)))


def test_data_Q_of_a_linear_network_gives_the_eckart_young_count():
    """Q = I (x) X^T X with X of full rank is the Frobenius norm after M -> M S^(1/2), which keeps the rank: the ED
    degree of the rank-r matrices is then C(min(m, n), r) (Eckart-Young), against a larger count for a generic Q."""
    from weightspace.algebraic.data_q import data_ed_sweep
    rows = data_ed_sweep(resolve("linear:2,1,2"), [2, 3])
    assert [r["data"]["ed_degree"] for r in rows] == [2, 2]
    assert all(r["generic"]["ed_degree"] == 6 and r["kernel_dimension"] == 0 for r in rows)
    out = CliRunner().invoke(app, ["edd", "--net", "poly:2,1,1:3", "--sweep", "1,2,4", "--json"])
    assert out.exit_code == 0, out.output
    rows = json.loads(out.stdout)["rows"]
    assert [r["kernel_dimension"] for r in rows] == [3, 2, 0] and rows[-1]["data"]["ed_degree"] == 7
    assert all(r["hankel"] and r["data"]["confirmed"] for r in rows)
    bad = CliRunner().invoke(app, ["edd", "--net", "poly:2,1,1:3", "--sweep", "2", "--Q", "generic"])
    assert bad.exit_code != 0 and "without --Q" in bad.output


@pytest.mark.parametrize("spec, subnet", [("linear:3,2,3", "linear:3,1,3"), ("poly:2,2,1:4", "poly:2,1,1:4"),
                                          ("poly:2,2,1:5", "poly:2,1,1:5"), ("poly:2,1,1:3", "zero")])
def test_singular_points_are_exactly_the_subnetwork_functions(spec, subnet):
    """The conjecture, settled by two saturations; and the parametrisation route agrees stratum by stratum: a
    sparse stratum drops the Jacobian rank iff its image points are singular (checked exactly over QQ)."""
    from weightspace.algebraic.singular import parametrisation_strata, singular_locus
    net = resolve(spec)
    locus = singular_locus(net)
    assert locus["subnetwork"] == subnet and locus["equal"]
    assert locus["singular_dimension"] == locus["subnetwork_dimension"] < locus["dimension"]
    strata = parametrisation_strata(net, singular_equations=locus["equations"])
    assert not strata["generic_singular"]
    assert all((row["drop"] > 0) == row["singular_image"] for row in strata["strata"]), strata["strata"]
    removed = [row for row in strata["strata"] if row["stratum"].startswith("remove")]
    assert removed and all(row["drop"] > 0 for row in removed)


def test_lcn_root_strata_against_membership_and_perturbation():
    """Each stratum sampled: a filter with those real root multiplicities and complex pairs; membership (the
    root-counting criterion) must agree with in_neuromanifold, and splitting a double root into a complex pair must
    leave M_R exactly on the boundary strata."""
    from weightspace.algebraic.singular import lcn_boundary_strata
    from weightspace.arch.polynomial.network import LCN
    t = sympy.Symbol("t")
    rng = random.Random(6)
    for kernels in [(2, 2, 2), (3, 2), (2, 3, 2), (3, 3)]:
        net = LCN(kernels)
        for stratum in lcn_boundary_strata(net):
            roots = rng.sample(range(-9, 10), len(stratum["multiplicities"]))
            poly = sympy.Integer(1)
            for a, m in zip(roots, stratum["multiplicities"]):
                poly *= (t - a) ** m
            for _ in range(stratum["complex_pairs"]):
                b = rng.randint(-3, 3)
                poly *= t ** 2 + b * t + b * b + rng.randint(1, 5)       # negative discriminant
            coefficients = [Fraction(str(c)) for c in reversed(sympy.Poly(poly, t).all_coeffs())]
            assert (membership(net, coefficients).answer == "yes") == stratum["in_neuromanifold"], stratum
            doubles = [a for a, m in zip(roots, stratum["multiplicities"]) if m >= 2]
            if stratum["in_neuromanifold"] and doubles:
                a = doubles[0]
                split = sympy.expand(sympy.cancel(poly / (t - a) ** 2) * ((t - a) ** 2 + sympy.Rational(1, 1000)))
                moved = [Fraction(str(c)) for c in reversed(sympy.Poly(split, t).all_coeffs())]
                assert (membership(net, moved).answer == "no") == stratum["boundary"], stratum


def test_numerical_membership_against_the_exact_routes_and_sampling():
    """The homotopy route (forced) against the implicit equations, on points sampled from the parametrisation and
    on random points; the degree by monodromy and the trace test against the Gröbner degree."""
    from weightspace.algebraic.examples import neuromanifold_equations
    from weightspace.algebraic.ideals import variety
    from weightspace.algebraic.implicitization import on_image
    rng = random.Random(3)
    for spec, sampled in (("poly:2,1,1:3", 2), ("poly:2,2,1:4", 1)):
        net = resolve(spec)
        equations, variables = neuromanifold_equations(net)
        degree = variety(equations, variables).degree
        points = [net.coefficients([rng.randint(-2, 2) for _ in range(net.parameter_count)]) for _ in range(sampled)]
        points.append([rng.randint(-3, 3) for _ in range(net.ambient_dimension)])
        for point in points:
            exact, numeric = on_image(net, point), on_image(net, point, numerical=True)
            assert exact.certified and not numeric.certified
            assert exact.answer == numeric.answer, (spec, point)
            assert numeric.degree == degree and numeric.trace_error < 1e-8
    # no equations: x^2+x+y is on the closure (the hyperplane of no constant term), reached only as a limit
    net = AffineNet((2, 2, 1), "x^2+x", False)
    assert on_image(net, "x^2+x+y").answer == "yes" and on_image(net, "x^2+1").answer == "no"
    assert on_image(AffineNet((2, 2, 1), "x^2", True), "x*y+7").route.startswith("exact: the neuromanifold fills")


def test_polynomial_convolutional_networks_against_the_dense_network_and_the_theorem():
    """Shahverdi-Marchetti-Kohn 2024: for generic filters the neuromanifold of a PCN has dimension #parameters - (L-1)
    (when below the ambient dimension); and a PCN is the dense network of its shape with shared weights."""
    from weightspace.arch.polynomial.convolutional import PCN
    rng = random.Random(7)
    for args in [(5, (3, 2), (1, 1), 2), (7, (3, 3, 2), (1, 1, 1), 2), (5, (3, 3), (1, 1), 3), (6, (2, 3), (2, 1), 2),
                 (8, (4, 3, 2), (1, 2, 1), 2), (6, (3, 2, 2), (1, 1, 1), 3)]:
        net = PCN(*args)
        facts = neuromanifold_dimension(net)
        assert facts.certified and facts.dimension == net.parameter_count - (len(args[1]) - 1), net.spec
        assert facts.second_prime_rank == facts.rational_rank == facts.dimension
        theta = [rng.randint(-3, 3) for _ in range(net.parameter_count)]
        dense = PolynomialNet(net.sizes, net.degree)
        assert net.coefficients(theta) == dense.coefficients([w for W in net.dense_weights(theta) for row in W
                                                              for w in row])
    assert resolve("pcn:5:3,2:1,1:2").spec == "pcn:5:3,2:1,1:2"
    with pytest.raises(InvalidInput, match="tile"):
        PCN(5, (2, 2), (2, 1), 2)
    out = CliRunner().invoke(app, ["neuromanifold", "--arch", "pcn", "--widths", "6", "--kernels", "3,2",
                                   "--json"])
    assert out.exit_code == 0 and json.loads(out.stdout)["dimension"] == 4
