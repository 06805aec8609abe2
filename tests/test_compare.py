"""Isomorphism of arrangements and data dependence (issue 18): witnesses checked, VF2 as the second route."""

from __future__ import annotations

import json
from fractions import Fraction

import networkx as nx
import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace import library
from weightspace.arch.relu import ReLUNet, random_net
from weightspace.arrangement import Arrangement, characteristic_polynomial, faces
from weightspace.arrangement.lattice import intersection_lattice
from weightspace.cli import app
from weightspace.compare import are_isomorphic, poset_isomorphism
from weightspace.compare_relu import relu_poset_along, relu_posets
from weightspace.data_dependence import (cover_count, data_dependence, in_general_position, standard_data,
                                         threshold_on, vc_dimension)
from weightspace.errors import InvalidInput


def flat_graph(A: Arrangement) -> nx.Graph:
    """Hyperplane-flat incidence graph (flats of rank >= 2), for networkx's VF2 (the second route)."""
    graph = nx.Graph()
    for i in range(len(A)):
        graph.add_node(("h", i), rank=1)
    for k, flat in enumerate(intersection_lattice(A).flats):
        if flat.rank >= 2:
            graph.add_node(("f", k), rank=flat.rank)
            graph.add_edges_from((("f", k), ("h", i)) for i in flat.hyperplanes)
    return graph


def vf2_isomorphic(A: Arrangement, B: Arrangement) -> bool:
    return nx.is_isomorphic(flat_graph(A), flat_graph(B), node_match=lambda x, y: x["rank"] == y["rank"])


def _inverse(M) -> list[list[Fraction]]:
    import flint
    inverse = flint.fmpq_mat([[flint.fmpq(Fraction(x).numerator, Fraction(x).denominator) for x in row]
                              for row in M]).inv()
    return [[Fraction(int(inverse[i, j].p), int(inverse[i, j].q)) for j in range(len(M))] for i in range(len(M))]


def _mapped(a, c, inverse, v) -> tuple[list[Fraction], Fraction]:
    """``a . x = c`` under ``x -> M x + v`` becomes ``(a M^-1) . y = c + (a M^-1) . v``."""
    row = [sum(Fraction(a[k]) * inverse[k][j] for k in range(len(a))) for j in range(len(a))]
    return row, c + sum(r * Fraction(x) for r, x in zip(row, v))


def image(A: Arrangement, M: np.ndarray, v: np.ndarray, order) -> Arrangement:
    """The image of ``A`` under ``x -> M x + v``."""
    inverse = _inverse(M.tolist())
    mapped = [_mapped(a, c, inverse, v.tolist()) for a, c in zip(A.normals, A.offsets)]
    return Arrangement.from_rational([mapped[i][0] for i in order], [mapped[i][1] for i in order])


def apply_witness(A: Arrangement, witness: dict) -> list[tuple]:
    """Cone normals of the image of ``A`` under the witness map, as primitive lines."""
    from weightspace.exact import primitive
    inverse = _inverse([[Fraction(x) for x in row] for row in witness["matrix"]])
    out = []
    for a, c in zip(A.normals, A.offsets):
        row, offset = _mapped(a, c, inverse, [Fraction(x) for x in witness["translation"]])
        line = primitive(row + [-offset])
        out.append(line if next(x for x in line if x) > 0 else tuple(-x for x in line))
    return out


def lines(A: Arrangement) -> set[tuple]:
    from weightspace.exact import primitive
    out = set()
    for a, c in zip(A.normals, A.offsets):
        line = primitive(list(a) + [-c])
        out.add(line if next(x for x in line if x) > 0 else tuple(-x for x in line))
    return out


@pytest.mark.parametrize("seed", range(6))
def test_random_invertible_map_comes_back_with_a_map(seed):
    rng = np.random.default_rng(seed)
    d, m = (2, 5) if seed % 2 else (3, 6)
    normals = rng.integers(-3, 4, size=(m, d))
    normals[~normals.any(axis=1), 0] = 1                                    # no zero normal
    A = Arrangement.from_rational(normals.tolist(), rng.integers(-2, 3, size=m).tolist())
    M = rng.integers(-2, 3, size=(d, d))
    while round(np.linalg.det(M)) == 0:
        M = rng.integers(-2, 3, size=(d, d))
    B = image(A, M, rng.integers(-2, 3, size=d), rng.permutation(m))
    for kind in ("combinatorial", "face-poset", "geometric"):
        assert are_isomorphic(A, B, kind).isomorphic, kind
    answer = are_isomorphic(A, B, "geometric")
    assert set(apply_witness(A, answer.witness)) == lines(B)       # the map carries A onto B exactly
    assert vf2_isomorphic(A, B)


def test_equal_characteristic_polynomials_but_different_lattices():
    # six planes through the origin of Q^3: four through one line (plus two generic) against three triple lines
    four_on_a_line = Arrangement.from_rational([(1, 0, 0), (0, 1, 0), (1, 1, 0), (1, 2, 0), (0, 0, 1), (1, 3, 1)])
    three_triples = Arrangement.from_rational([(1, 0, 0), (0, 1, 0), (1, 1, 0), (0, 0, 1), (1, 0, 1), (0, 1, 1)])
    assert characteristic_polynomial(four_on_a_line) == characteristic_polynomial(three_triples)
    answer = are_isomorphic(four_on_a_line, three_triples)
    assert not answer.isomorphic and answer.separating_invariant["name"] == "flats per rank"
    assert answer.separating_invariant["values"] == [[1, 6, 10, 1], [1, 6, 9, 1]]
    assert not vf2_isomorphic(four_on_a_line, three_triples)


@pytest.mark.parametrize("a,b,expected", [
    (library.braid(3), library.graphical("0-1,1-2,0-2"), True),
    (library.threshold(2), library.resonance(3), False),
    (library.shi(3), library.linial(3), False),
    (library.threshold(3), library.threshold(3, domain="cubepm1"), True),
    (library.generic(3, 5), library.generic(3, 5), True)])
def test_lattice_test_agrees_with_vf2(a, b, expected):
    assert are_isomorphic(a, b).isomorphic == expected == vf2_isomorphic(a, b)


@pytest.mark.parametrize("n", [1, 2, 3])
def test_cube01_and_cubepm1_are_geometrically_isomorphic(n):
    A, B = library.threshold(n), library.threshold(n, domain="cubepm1")
    answer = are_isomorphic(A, B, "geometric")
    assert answer.isomorphic
    assert set(apply_witness(A, answer.witness)) == lines(B)


def test_geometric_can_fail_where_lattices_agree():
    # four lines through the origin of Q^2: the cross-ratio of their slopes is a linear invariant
    A = Arrangement.from_rational([(1, 0), (0, 1), (1, 1), (1, 2)])
    B = Arrangement.from_rational([(1, 0), (0, 1), (1, 1), (1, 3)])
    assert are_isomorphic(A, B).isomorphic
    answer = are_isomorphic(A, B, "geometric")
    assert not answer.isomorphic and answer.details["candidates_tried"] == 24   # every bijection: all of S_4
    C = Arrangement.from_rational([(1, 0), (0, 1), (1, 1), (2, 1)])         # slope 1/2 <-> 2: swap the axes
    assert are_isomorphic(A, C, "geometric").isomorphic


def test_face_posets_tell_order_types_apart():
    # two generic sets of 6 points in the plane: the same lattice (uniform), different oriented matroids. (Five
    # points would not do: all uniform rank-3 oriented matroids on 5 elements are one reorientation class.)
    sets = standard_data(6, 2, seed=0)
    A, B = threshold_on(sets["generic"]), threshold_on(sets["generic (another draw)"])
    assert in_general_position(sets["generic"]) and in_general_position(sets["generic (another draw)"])
    assert are_isomorphic(A, B).isomorphic
    assert not are_isomorphic(A, B, "face-poset").isomorphic
    P, Q = faces(A).face_poset(), faces(B).face_poset()
    assert P.rank_sizes() == Q.rank_sizes() and not P.is_isomorphic(Q)           # VF2 agrees
    assert poset_isomorphism(P, P) is not None


@pytest.mark.parametrize("m,d", [(4, 1), (5, 2), (7, 2), (6, 3), (8, 3), (9, 4)])
def test_cover_count_for_points_in_general_position(m, d):
    points = standard_data(m, d, seed=m + d)["generic"]
    assert in_general_position(points)
    A = threshold_on(points)
    from weightspace.arrangement.chambers import chambers
    found = chambers(A)
    assert len(found) == cover_count(m, d) == 2 * sum(__import__("math").comb(m - 1, k) for k in range(d + 1))
    assert vc_dimension([c.signs for c in found]) == min(m, d + 1)


def test_data_dependence_table():
    rows = {r.name: r for r in data_dependence(6, 2, seed=1)}
    for row in rows.values():
        assert row.chambers == row.chambers_by_charpoly
        assert row.chambers <= row.cover
        assert (row.chambers == row.cover) == row.general_position
        assert row.relu_width2_patterns == row.chambers ** 2      # product arrangement, by Zaslavsky
    assert rows["moment curve"].same_lattice_as_generic and rows["generic (another draw)"].same_lattice_as_generic
    assert rows["collinear"].chambers == 2 * 6 and rows["collinear"].vc_dimension == 2
    cubes = {r.name: r for r in data_dependence(8, 3)}
    assert cubes["cube {0,1}^d"].chambers == cubes["cube {-1,1}^d"].chambers == 104
    with pytest.raises(InvalidInput):
        data_dependence(20, 2)


def test_relu_input_posets():
    net = random_net((2, 3, 3, 1), seed=0)
    twice = net.with_parameters([2 * v for v in net.parameters])
    answer = relu_posets(net, twice)
    assert answer.isomorphic and len(answer.witness["regions"]) == 10
    other = random_net((2, 3, 3, 1), seed=1)
    assert not relu_posets(net, other).isomorphic
    rows = relu_poset_along(net, twice, samples=5)
    assert all(r["same_as_start"] for r in rows)      # positive rescaling keeps every region
    shifted = ReLUNet([[[1], [1]], [[1, 1]]], [[0, -1], [0]])
    moved = ReLUNet([[[1], [1]], [[1, 1]]], [[0, 1], [0]])
    assert relu_posets(shifted, moved).isomorphic     # two kinks on the line either way


def test_input_poset_over_a_chamber_of_the_activation_arrangement():
    from weightspace.arch.relu.data import ReLUOnData
    from weightspace.arrangement.chambers import chambers
    from weightspace.domain import cube01
    from weightspace.compare_relu import input_posets_over_chamber
    arch = ReLUOnData(cube01(2), 2)
    chamber = chambers(arch.arrangement())[5]
    answer = input_posets_over_chamber(arch, chamber.signs, samples=8)
    assert answer["types"] == len(answer["f_vectors"]) >= 1
    if answer["types"] > 1:                      # two exact witnesses inside the chamber with different posets
        for theta in answer["witnesses"]:
            values = [Fraction(v) for v in theta]
            assert all(s * sum(a * t for a, t in zip(row, values)) > 0
                       for row, s in zip(arch.arrangement().normals, chamber.signs))
    with pytest.raises(InvalidInput, match="not a chamber"):    # unit 1 would compute XOR on the data
        input_posets_over_chamber(arch, (-1, 1, 1, -1, 1, 1, 1, 1), samples=2)


def test_cli_compare(tmp_path):
    runner = CliRunner()
    out = runner.invoke(app, ["compare", "--a", "threshold:2", "--b", "threshold:2:cubepm1", "--kind", "geometric",
                              "--json"])
    payload = json.loads(out.stdout)
    assert payload["isomorphic"] is True and payload["separating_invariant"] is None
    assert len(payload["witness"]["matrix"]) == 3
    out = runner.invoke(app, ["compare", "--a", "braid:3", "--b", "shi:3", "--json"])
    payload = json.loads(out.stdout)
    assert payload["isomorphic"] is False and payload["witness"] is None
    assert payload["separating_invariant"]["name"] == "distinct hyperplanes"
    csv = tmp_path / "xor.csv"
    csv.write_text("0,0\n1,0\n0,1\n1,1\n")
    out = runner.invoke(app, ["compare", "--a", "hopfield:2", "--b", f"relu-data:{csv}:2", "--kind", "geometric",
                              "--json"])
    assert json.loads(out.stdout)["isomorphic"] is True
    out = runner.invoke(app, ["data-dependence", "--points", "5", "--dimension", "2", "--json"])
    assert [r["chambers"] for r in json.loads(out.stdout)["rows"]][0] == cover_count(5, 2)
    out = runner.invoke(app, ["compare", "--a", "threshold:2", "--b", "shi:3", "--kind", "foo"])
    assert out.exit_code == 2 and "unknown kind" in out.output
