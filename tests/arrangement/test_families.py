"""Named arrangement families: closed forms from the literature against the computed invariants, every count by
two routes (Zaslavsky from the lattice vs. chamber enumeration; relatively bounded regions by chi(1) vs. an exact
Stiemke test per chamber), and the `weightspace arrangement` command."""

from __future__ import annotations

import json
import subprocess
import sys
from fractions import Fraction
from itertools import combinations
from math import comb, factorial

import pytest

from weightspace import library
from weightspace.arrangement import (Arrangement, characteristic_polynomial, chamber_complex,
                                     count_relatively_bounded, f_vector_by_flats, faces, region_counts)
from weightspace.arrangement.summary import arrangement_invariants
from weightspace.errors import InvalidInput, TooLarge


def polynomial(roots_times_t: list[int], degree: int) -> tuple[int, ...]:
    """Coefficients (highest first) of ``t * prod (t - r)`` padded to ``degree``."""
    coefficients = [1, 0]                         # t
    for r in roots_times_t:
        coefficients = [a - r * b for a, b in zip(coefficients + [0], [0] + coefficients)]
    return tuple(coefficients)


def catalan_number(k: int) -> int:
    return comb(2 * k, k) // (k + 1)


@pytest.mark.parametrize("n", [2, 3, 4])
def test_shi_closed_forms(n):
    A = library.shi(n)
    assert characteristic_polynomial(A).coefficients == polynomial([n] * (n - 1), n)
    counts = region_counts(A)
    assert (counts.chambers, counts.bounded_chambers) == ((n + 1) ** (n - 1), (n - 1) ** (n - 1))


@pytest.mark.parametrize("n", [2, 3, 4])
def test_catalan_closed_forms(n):
    A = library.catalan(n)
    assert characteristic_polynomial(A).coefficients == polynomial(list(range(n + 1, 2 * n)), n)
    counts = region_counts(A)
    assert (counts.chambers, counts.bounded_chambers) == (factorial(n) * catalan_number(n),
                                                          factorial(n) * catalan_number(n - 1))


@pytest.mark.parametrize("n", [2, 3, 4])
def test_linial_closed_form(n):
    """chi(t) = (t / 2^n) sum_k C(n, k) (t - k)^(n-1) (Postnikov-Stanley), evaluated at n + 1 points."""
    chi = characteristic_polynomial(library.linial(n))
    for t in range(-2, n + 2):
        formula = Fraction(t, 2 ** n) * sum(comb(n, k) * (t - k) ** (n - 1) for k in range(n + 1))
        assert chi(t) == formula


def test_family_region_counts_against_oeis():
    # semiorders (A006531) and alternating trees (A007889): published values, computed here
    assert [region_counts(library.semiorder(n)).chambers for n in (2, 3, 4)] == [3, 19, 183]
    assert [region_counts(library.linial(n)).chambers for n in (2, 3, 4, 5)] == [2, 7, 36, 246]


def chromatic(vertices: int, edges: list[tuple[int, int]]) -> tuple[int, ...]:
    """The chromatic polynomial by deletion-contraction (a route with no arrangement in it), highest degree first."""
    edges = sorted({(min(u, v), max(u, v)) for u, v in edges if u != v})
    if not edges:
        return tuple([1] + [0] * vertices)
    (u, v), rest = edges[0], edges[1:]
    deleted = chromatic(vertices, rest)
    merged = [(u if a == v else a, u if b == v else b) for a, b in rest]
    relabel = {x: (x if x < v else x - 1) for x in range(vertices)}
    contracted = chromatic(vertices - 1, [(relabel[a], relabel[b]) for a, b in merged])
    return tuple(a - b for a, b in zip(deleted, (0,) + contracted))


@pytest.mark.parametrize("edges", ["0-1,1-2,2-0", "0-1,1-2,2-3,3-0,0-2", "0-1,0-2,0-3,1-2,1-3,2-3",
                                   "0-1,1-2,2-3,3-4,4-0,0-5,1-6,2-7,3-8,4-9,5-7,7-9,9-6,6-8,8-5"])
def test_graphical_is_the_chromatic_polynomial(edges):
    pairs = [tuple(map(int, e.split("-"))) for e in edges.split(",")]
    vertices = max(max(p) for p in pairs) + 1
    A = library.graphical(edges)
    chi = characteristic_polynomial(A)
    assert chi.coefficients == chromatic(vertices, pairs)
    if vertices <= 5:                  # acyclic orientations = regions (Greene-Zaslavsky), by enumeration
        acyclic = len(chamber_complex(A))
        assert acyclic == (-1) ** vertices * chi(-1)


@pytest.mark.parametrize("A", [library.shi(3), library.catalan(3), library.semiorder(3), library.linial(4),
                               library.threshold(3), library.graphical("0-1,1-2"),
                               Arrangement.from_rational([(1, 0), (0, 1), (1, 1)], [0, 0, 1]),
                               Arrangement.from_rational([(1, 0, 0), (0, 1, 0), (0, 0, 1)], [1, 1, 1])],
                         ids=["shi3", "catalan3", "semiorder3", "linial4", "threshold3", "path", "triangle",
                              "unit-point"])
def test_two_routes_to_every_count(A):
    counts = region_counts(A)
    assert counts.chambers == len(chamber_complex(A))                    # Zaslavsky vs. enumeration
    assert counts.bounded_chambers == count_relatively_bounded(A)         # chi(1) vs. Stiemke per chamber
    by_lattice = arrangement_invariants(A, "f_vector").f_vector                # mu on every upper interval
    assert by_lattice == faces(A).f_vector() == f_vector_by_flats(A)      # faces listed; chi per restriction


def test_orientation_repeats_and_scaling_change_nothing():
    A = library.shi(3)
    normals = [tuple(-x for x in a) for a in A.normals] + [tuple(3 * x for x in A.normals[0])]
    offsets = [-c for c in A.offsets] + [3 * A.offsets[0]]
    B = Arrangement.from_rational(normals, offsets)
    first, second = arrangement_invariants(A).to_dict(), arrangement_invariants(B).to_dict()
    for key in ("hyperplanes", "characteristic_polynomial", "regions", "bounded_regions", "f_vector",
                "flats_per_rank"):
        assert first[key] == second[key]


def test_central_and_linear_as_sagemath():
    point = Arrangement.from_rational([(1, 0, 0), (0, 1, 0), (0, 0, 1)], [1, 1, 1])
    assert point.is_central and not point.is_linear
    parallel = Arrangement.from_rational([(1, 0), (1, 0)], [0, 1])
    assert not parallel.is_central
    assert library.braid(3).is_central and library.braid(3).is_linear


def test_generic_closed_form():
    n, m = 3, 6
    chi = characteristic_polynomial(library.generic(n, m)).coefficients
    expected = [(-1) ** k * comb(m, k) for k in range(n)] + [(-1) ** n * comb(m - 1, n - 1)]
    assert chi == tuple(expected)


def test_errors_are_one_line():
    with pytest.raises(InvalidInput, match="edge"):
        library.graphical("0-1,1-x")
    with pytest.raises(InvalidInput, match="loop"):
        library.graphical("1-1")
    with pytest.raises(InvalidInput):
        library.shi(1)
    with pytest.raises(InvalidInput, match="unknown invariant"):
        arrangement_invariants(library.shi(3), "volume")


def test_skipped_invariants_name_their_cost():
    from weightspace.budget import Budget
    summary = arrangement_invariants(library.catalan(4), budget=Budget(max_chambers=10))
    assert summary.f_vector is None and summary.regions is None
    assert set(summary.skipped) == {"characteristic_polynomial", "regions", "bounded_regions", "betti_numbers",
                                    "whitney_first_kind", "flats_per_rank", "f_vector"}
    assert "chambers" in summary.skipped["f_vector"] and summary.hyperplanes == 18
    with pytest.raises(TooLarge):
        arrangement_invariants(library.catalan(4), "flats_per_rank", budget=Budget(max_chambers=10))
    # a known symmetry group still gives chi from one flat per orbit when the lattice is out of reach
    from weightspace.specs import resolve
    summary = arrangement_invariants(resolve("threshold:4"), budget=Budget(max_chambers=10))
    assert summary.regions == 1882 and "f_vector" in summary.skipped


def run(*args):
    process = subprocess.run([sys.executable, "-m", "weightspace.cli", *args], capture_output=True, text=True,
                             timeout=300)
    return process.returncode, process.stdout, process.stderr


def test_arrangement_command_contract(tmp_path):
    code, out, _ = run("arrangement", "shi:3", "--json")
    payload = json.loads(out)
    assert code == 0
    for key in ("dimension", "hyperplanes", "rank", "central", "linear", "essential", "characteristic_polynomial",
                "regions", "bounded_regions", "f_vector", "flats_per_rank", "whitney_first_kind", "betti_numbers",
                "seconds"):
        assert key in payload
    assert (payload["regions"], payload["bounded_regions"], payload["f_vector"]) == (16, 4, [0, 6, 21, 16])
    code, out, _ = run("arrangement", "graphical:0-1,1-2,2-0", "--invariants", "charpoly", "--json")
    payload = json.loads(out)
    assert payload["characteristic_polynomial"] == [1, -3, 2, 0] and payload["f_vector"] is None
    csv = tmp_path / "h.csv"
    csv.write_text("# three lines\n1,0,0\n0,1,0\n1/2,1/2,1/2\n")
    code, out, _ = run("arrangement", f"hyperplanes:{csv}", "--json", "--lattice-graphml", str(tmp_path / "l.xml"))
    payload = json.loads(out)
    assert (payload["regions"], payload["bounded_regions"], payload["central"]) == (7, 1, False)
    assert (tmp_path / "l.xml").is_file()
    code, _, err = run("arrangement", "graphical:0-1,1-q")
    assert code == 2 and err.count("\n") == 1 and "edge" in err


PETERSEN = "0-1,1-2,2-3,3-4,4-0,0-5,1-6,2-7,3-8,4-9,5-7,7-9,9-6,6-8,8-5"


def test_lattice_isomorphism_witness_preserves_every_rank():
    """Relabelled Petersen graph: the bijection returned keeps the rank of every set of up to 4 hyperplanes
    (ranks recomputed exactly here, without the lattice)."""
    import random
    from weightspace.arrangement import lattice_isomorphism
    from weightspace.exact import rank
    perm = list(range(10))
    random.Random(3).shuffle(perm)
    other = ",".join(f"{perm[int(a)]}-{perm[int(b)]}" for a, b in (e.split("-") for e in PETERSEN.split(",")))
    A, B = library.graphical(PETERSEN), library.graphical(other)
    answer = lattice_isomorphism(A, B)
    assert answer.isomorphic and sorted(answer.bijection) == list(range(15))
    phi = answer.bijection
    for size in (2, 3, 4):
        for subset in combinations(range(15), size):
            assert rank([A.normals[i] for i in subset]) == rank([B.normals[phi[i]] for i in subset])


@pytest.mark.parametrize("first,second,expected", [
    (library.braid(4), library.graphical("0-1,0-2,0-3,1-2,1-3,2-3"), True),
    (library.threshold(3), library.threshold(3, "cubepm1"), True),
    (library.shi(3), library.catalan(3), False),
    (library.graphical("0-1,1-2,2-3,3-0,3-4"), library.graphical("0-1,1-2,2-0,2-3,3-4"), False),
    (library.graphical("0-1,1-2,2-3"), library.graphical("0-1,0-2,0-3"), True),
    (library.resonance(3), library.generic(3, 7), False),
], ids=["braid-K4", "cube01-cubepm1", "shi-catalan", "C4+pendant-vs-triangle+path", "path-star", "resonance-generic"])
def test_lattice_isomorphism_against_vf2(first, second, expected):
    """nauty's answer against networkx's VF2 on the Hasse diagrams of the two intersection lattices."""
    import networkx as nx
    from weightspace.arrangement import intersection_lattice, lattice_isomorphism
    answer = lattice_isomorphism(first, second)
    diagrams = [intersection_lattice(A).hasse_diagram() for A in (first, second)]
    for graph in diagrams:
        for node in graph:
            graph.nodes[node].pop("hyperplanes")
            graph.nodes[node].pop("mobius")
    vf2 = nx.is_isomorphic(*diagrams, node_match=nx.algorithms.isomorphism.categorical_node_match("rank", None))
    assert answer.isomorphic == vf2 == expected


def test_arrangement_command_compares_lattices():
    code, out, _ = run("arrangement", "braid:3", "--invariants", "charpoly", "--compare", "graphical:0-1,1-2,0-2",
                       "--json")
    payload = json.loads(out)["lattice_isomorphism"]
    assert code == 0 and payload["isomorphic"] and len(payload["bijection"]) == 3
    code, out, _ = run("compare", "--a", "braid:3", "--b", "graphical:0-1,1-2,0-2", "--json")
    same_shape = json.loads(out)
    assert payload["witness"] == same_shape["witness"] and payload["kind"] == same_shape["kind"] == "combinatorial"
    assert set(same_shape) - {"a", "b"} <= set(payload)


@pytest.mark.parametrize("content,message", [("1,0,0\n1,2\n", ":2: 2 entries"), ("1,0,0\n0,0,5\n", ":2: the normal"),
                                             ("# c\n1,x,0\n", ":2: not a rational"), ("\n", "no hyperplane")])
def test_hyperplane_files_name_the_bad_line(tmp_path, content, message):
    path = tmp_path / "h.csv"
    path.write_text(content)
    code, _, err = run("arrangement", f"hyperplanes:{path}")
    assert code == 2 and message in err and err.count("\n") == 1


@pytest.mark.parametrize("n", [2, 3, 4, 5])
def test_braid_and_coordinate_closed_forms(n):
    """braid: chi(t) = t (t - 1) ... (t - n + 1), n! regions; coordinate: (t - 1)^n, 2^n regions."""
    assert characteristic_polynomial(library.braid(n)).coefficients == polynomial(list(range(1, n)), n)
    assert region_counts(library.braid(n)).chambers == factorial(n)
    chi = characteristic_polynomial(library.coordinate(n))
    assert chi.coefficients == tuple((-1) ** k * comb(n, k) for k in range(n + 1))
    assert region_counts(library.coordinate(n)).chambers == 2 ** n
