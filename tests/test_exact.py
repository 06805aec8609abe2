from fractions import Fraction

import pytest

from weightspace.errors import InvalidInput
from weightspace.exact import canonical_line, integer_kernel, primitive, rank, solve_particular, to_fraction


def test_primitive_keeps_direction():
    assert primitive([Fraction(-1, 2), 0, Fraction(3, 4)]) == (-2, 0, 3)
    assert primitive([0, 0]) == (0, 0)


def test_canonical_line_orientation():
    assert canonical_line((-3, 6)) == ((1, -2), -1)
    with pytest.raises(InvalidInput):
        canonical_line((0, 0))


def test_kernel_is_kernel():
    rows = [(1, 2, 3, 4), (2, 3, 4, 5)]
    kernel = integer_kernel(rows, 4)
    assert len(kernel) == 2
    for column in kernel:
        assert all(sum(a * b for a, b in zip(r, column)) == 0 for r in rows)
    assert rank(rows + [tuple(kernel[0])]) == 3


def test_particular_solution_and_inconsistency():
    assert solve_particular([(1, 1), (1, -1)], [2, 0]) == (1, 1)
    assert solve_particular([(1, 1), (2, 2)], [1, 3]) is None


@pytest.mark.parametrize("bad", ["x", "1/0", True, float("nan")])
def test_to_fraction_rejects(bad):
    with pytest.raises(InvalidInput):
        to_fraction(bad)
