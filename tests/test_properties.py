"""Property tests (hypothesis) on random small rational point sets."""

from fractions import Fraction
from itertools import combinations
from math import comb

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from weightspace import library
from weightspace.arch.threshold import realize_threshold, verify_threshold
from weightspace.arrangement import Arrangement, chamber_complex, count_chambers, f_vector, region_counts
from weightspace.domain import from_points
from weightspace.exact import rank

coordinate = st.fractions(min_value=-3, max_value=3, max_denominator=3)


@st.composite
def point_sets(draw):
    n = draw(st.integers(1, 3))
    m = draw(st.integers(1, 7))
    points = draw(st.lists(st.tuples(*[coordinate] * n), min_size=m, max_size=m, unique=True))
    return from_points(points)


def _general_position(domain):
    rows = [tuple(p) + (Fraction(1),) for p in domain.points]
    k = min(len(rows), domain.dimension + 1)
    return all(rank(list(subset)) == k for subset in combinations(rows, k))


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(point_sets())
def test_enumeration_matches_zaslavsky(domain):
    A = library.threshold(domain=domain)
    assert count_chambers(A) == region_counts(A).chambers


@SETTINGS
@given(point_sets())
def test_general_position_formula(domain):
    """Cover (1965): m points in general position in R^n have 2 sum_{k<=n} C(m-1, k) linear dichotomies."""
    assume(_general_position(domain))
    m, n = len(domain), domain.dimension
    assert count_chambers(library.threshold(domain=domain)) == 2 * sum(comb(m - 1, k) for k in range(n + 1))


@SETTINGS
@given(point_sets(), st.data())
def test_realize_agrees_with_enumeration_and_verifies(domain, data):
    table = tuple(data.draw(st.lists(st.integers(0, 1), min_size=len(domain), max_size=len(domain))))
    result = realize_threshold(table, domain)
    assert verify_threshold(result)
    chambers = {tuple(1 if s > 0 else 0 for s in c.signs) for c in chamber_complex(library.threshold(domain=domain))}
    assert result.realizable == (table in chambers)


@SETTINGS
@given(st.lists(st.tuples(st.integers(-2, 2), st.integers(-2, 2), st.integers(-2, 2)), min_size=1, max_size=5))
def test_affine_line_arrangements(rows):
    normals = [(a, b) for a, b, _ in rows]
    assume(all(a or b for a, b in normals))
    A = Arrangement.from_rational(normals, [c for _, _, c in rows])
    f = f_vector(A)
    assert sum((-1) ** k * x for k, x in enumerate(f)) == 1  # Euler characteristic of the plane
    assert f[2] == count_chambers(A) == region_counts(A).chambers
