"""Threshold units: certified realisation, minimal weights, domains."""

from fractions import Fraction
from itertools import product

import pytest

from weightspace.arch.threshold import minimal_weights, realize_threshold, verify_threshold
from weightspace.booleans import chow_parameters, parse_table
from weightspace.domain import cube01, cubepm1, from_csv, from_points, parse_domain
from weightspace.errors import InvalidInput, TooLarge
from weightspace.lp import _exact_decision, exact_feasible_point, solve_signs, verify_certificate, verify_witness


@pytest.mark.parametrize("n", [1, 2, 3])
def test_every_answer_reverifies(n):
    domain = cube01(n)
    for table in product((0, 1), repeat=2 ** n):
        result = realize_threshold(table, domain)
        assert verify_threshold(result)
        if not result.realizable:
            cert = result.to_dict()["certificate"]
            assert all(y >= 0 for y in cert["multipliers"]) and any(cert["multipliers"])


def test_xor_and_xnor_impossible_with_certificate():
    for table in ("0110", "1001"):
        result = realize_threshold(table, n=2)
        assert not result.realizable
        assert result.certificate.multipliers == [1, 1, 1, 1]
        assert verify_threshold(result)


def test_tampered_answers_fail_verification():
    good = realize_threshold("0001", n=2)
    from dataclasses import replace
    from weightspace.arch.base import Certificate, Witness
    w = good.witness.parameters
    assert not verify_threshold(replace(good, witness=Witness(w[:-1] + (w[-1] + 100,))))
    bad = realize_threshold("0110", n=2)
    pairs = ((0, 1), (1, 1), (2, 1), (3, 2))
    assert not verify_threshold(replace(bad, certificate=Certificate("gordan", {**bad.certificate.values,
                                                                                "pairs": pairs})))


def test_exact_simplex_agrees_with_highs_route():
    domain = cube01(3)
    rows = [list(p) + [1] for p in domain.points]
    rows = [[int(x) for x in r] for r in rows]
    for table in product((0, 1), repeat=8):
        signs = [1 if v else -1 for v in table]
        fast = solve_signs(rows, signs)
        exact = _exact_decision(rows, signs)
        assert fast.feasible == exact.feasible
        if exact.feasible:
            assert verify_witness(rows, signs, exact.witness)
        else:
            assert verify_certificate(rows, signs, exact.certificate)


def test_exact_feasible_point_empty_and_degenerate():
    assert exact_feasible_point([[1, 1]], [Fraction(-1)]) is None
    assert exact_feasible_point([[1, -1], [1, -1]], [Fraction(0), Fraction(0)]) is not None


def _brute_force_minimal_totals(n, bound):
    domain = cube01(n)
    best = {}
    for vector in product(range(-bound, bound + 1), repeat=n + 1):
        w, b = vector[:-1], vector[-1]
        table = tuple(int(sum(wi * xi for wi, xi in zip(w, p)) + b > 0) for p in domain.points)
        total = sum(abs(v) for v in vector)
        if total < best.get(table, 10 ** 9):
            best[table] = total
    return best


@pytest.mark.parametrize("n,bound,functions", [(2, 3, 14), (3, 4, 104)])
def test_minimal_weights_against_brute_force(n, bound, functions):
    """The LP-started search against plain enumeration of every integer vector in a box: same minimal totals.

    The box reaches every threshold function (its tables number T(n), OEIS A000609, and agree with the certified
    LP's verdicts), and the search must not have fallen back to its restart from 0, which is brute force itself.
    """
    brute = _brute_force_minimal_totals(n, bound)
    domain = cube01(n)
    assert len(brute) == functions
    assert set(brute) == {t for t in product((0, 1), repeat=2 ** n) if realize_threshold(t, domain).realizable}
    for table, brute_total in brute.items():
        result = minimal_weights(table, n=n)
        assert not result.restarted and result.lower_bound <= result.total
        assert result.total == brute_total
        values = tuple(int(sum(wi * int(xi) for wi, xi in zip(result.w, p)) + result.b > 0) for p in domain.points)
        assert values == table and sum(map(abs, result.w)) + abs(result.b) == result.total


def test_minimal_weights_restart_when_the_float_bound_is_wrong(monkeypatch):
    """A float bound above the optimum is detected and the search restarts from 0, with the same answer."""
    from weightspace.arch.threshold import minimal
    honest = minimal_weights("00010111", n=3)          # majority of three: total 4
    monkeypatch.setattr(minimal, "_lp_lower_bound", lambda values, domain: 7)
    wrong = minimal_weights("00010111", n=3)
    assert wrong.restarted and not honest.restarted
    assert (wrong.total, wrong.lower_bound) == (honest.total, 7) == (4, 7)


def test_minimal_weights_majority_of_three():
    # majority: x1 + x2 + x3 - 1 > 0 -> total 4
    table = "".join(str(int(bin(c).count("1") >= 2)) for c in range(8))
    assert minimal_weights(table, n=3).total == 4


def test_minimal_weights_errors():
    with pytest.raises(InvalidInput):
        minimal_weights("0110", n=2)
    with pytest.raises(TooLarge):
        minimal_weights("0" * 128, n=7)


def test_cubepm1_and_point_domains(tmp_path):
    assert realize_threshold("0110", domain=cubepm1(2)).realizable is False
    assert realize_threshold("0001", domain=cubepm1(2)).realizable
    path = tmp_path / "points.csv"
    path.write_text("# three points on a line\n0,0\n1/2,1/2\n1,1\n")
    domain = from_csv(path)
    assert domain.points[1] == (Fraction(1, 2), Fraction(1, 2))
    assert not realize_threshold("101", domain=domain).realizable  # middle point cannot be cut off
    assert realize_threshold("011", domain=domain).realizable
    result = realize_threshold("101", domain=domain)
    assert verify_threshold(result)
    assert parse_domain(f"points:{path}", None).dimension == 2


def test_domain_errors(tmp_path):
    with pytest.raises(InvalidInput):
        parse_domain("torus", 2)
    with pytest.raises(InvalidInput):
        parse_domain("cube01", None)
    with pytest.raises(InvalidInput):
        from_points([[0, 1], [0]])
    with pytest.raises(InvalidInput):
        from_points([[0, 1], [0, 1]])
    with pytest.raises(InvalidInput):
        parse_domain(f"points:{tmp_path / 'missing.csv'}", None)


def test_table_parsing_errors():
    with pytest.raises(InvalidInput, match="entries"):
        parse_table("011", 4)
    with pytest.raises(InvalidInput, match="only 0 and 1"):
        parse_table("01a1", 4)


def test_chow_parameters_separate_threshold_functions():
    """Chow (1961): distinct threshold functions have distinct Chow parameters (checked for n = 3)."""
    domain = cube01(3)
    seen = {}
    for table in product((0, 1), repeat=8):
        if realize_threshold(table, domain).realizable:
            key = chow_parameters(table, domain)
            assert key not in seen
            seen[key] = table
    assert len(seen) == 104
