"""ReLU networks (issue 15): exact regions by two routes, closed forms, bounds, tropical form, data arrangements."""

from __future__ import annotations

import json
from fractions import Fraction
from math import comb

import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace.arch.base import realize
from weightspace.arch.relu import ReLUNet, linear_regions, random_net, sawtooth
from weightspace.arch.relu.bounds import region_bounds, serra_bound, serra_bound_by_enumeration
from weightspace.arch.relu.complex import euler_characteristic, face_poset
from weightspace.arch.relu.data import ReLUOnData, activation_patterns
from weightspace.arch.relu.enumeration import (activation_patterns_by_lp, linear_regions_by_lp, output_map,
                                               sampled_patterns)
from weightspace.arch.relu.tropical import newton_vertices, tropical_form
from weightspace.arrangement.counting import count_arrangement_chambers
from weightspace.cli import app
from weightspace.domain import cube01, from_points
from weightspace.errors import InvalidInput

SMALL = [((2, 4, 4, 1), 0), ((2, 4, 4, 1), 2), ((2, 6, 1), 1), ((3, 4, 3, 1), 0), ((1, 3, 3, 3, 1), 1),
         ((2, 3, 3, 2), 4)]


def generic_layer(m: int, d: int, seed: int) -> ReLUNet:
    """One layer of m units with random integer weights in general position (checked below)."""
    rng = np.random.default_rng(seed)
    return ReLUNet.from_arrays([rng.integers(-1000, 1001, size=(m, d)), rng.integers(-1000, 1001, size=m),
                                rng.integers(1, 5, size=(1, m)), [0]])


@pytest.mark.parametrize("m,d", [(3, 1), (5, 2), (7, 2), (6, 3), (5, 4)])
def test_one_generic_layer_has_sum_of_binomials_regions(m, d):
    from itertools import combinations
    from weightspace.exact import rank
    net = generic_layer(m, d, seed=m * 10 + d)
    rows = [row + (b,) for row, b in zip(net.weights[0], net.biases[0])]
    assert all(rank([r[:d] for r in subset]) == len(subset) for k in range(1, d + 1)
               for subset in combinations(rows, k))                         # general position, checked exactly
    assert all(rank(subset) == d + 1 for subset in combinations(rows, d + 1))
    subdivision = linear_regions(net)
    expected = sum(comb(m, j) for j in range(d + 1))
    assert subdivision.activation_regions == expected
    assert subdivision.regions == expected            # positive output weights: every kink is a real kink
    assert subdivision.bounded_regions == comb(m - 1, d)   # Zaslavsky: |chi(1)| for generic affine hyperplanes
    assert region_bounds((d, m, 1))["serra"] == expected


@pytest.mark.parametrize("depth", [1, 2, 3, 4, 5, 6])
def test_sawtooth_has_two_to_the_depth_linear_regions_on_the_unit_interval(depth):
    subdivision = linear_regions(sawtooth(depth), box=([0], [1]))
    assert subdivision.regions == 2 ** depth
    assert subdivision.volumes_sum_to_box()
    assert len(sampled_patterns(sawtooth(depth), ([0], [1]), per_side=2 ** (depth + 3))) == 2 ** depth


@pytest.mark.parametrize("widths,seed", SMALL)
def test_polytope_splitting_agrees_with_certified_lp_enumeration(widths, seed):
    net = random_net(widths, seed=seed, scale=3)
    d = widths[0]
    box = ([-3] * d, [3] * d)
    for where in (box, None):
        subdivision = linear_regions(net, box=where)
        patterns = activation_patterns_by_lp(net, where)
        assert {c.pattern for c in subdivision.cells} == set(patterns)
        assert (subdivision.regions, subdivision.bounded_regions) == linear_regions_by_lp(net, where)
        for cell in subdivision.cells:            # the affine map is the network at an interior point
            x = cell.interior_point
            A, c = cell.linear_map
            assert net.pattern(x) == cell.pattern
            assert tuple(sum(a * v for a, v in zip(row, x)) + ci for row, ci in zip(A, c)) == net.forward(x)
            assert all(sum(a * v for a, v in zip(ineq, x)) + const > 0 for ineq, const in cell.inequalities)
        for pattern, point in patterns.items():   # the LP witness lies in the region of its pattern
            assert net.pattern(point) == pattern
    boxed = linear_regions(net, box=box)
    assert boxed.volumes_sum_to_box()
    assert all(c.volume > 0 for c in boxed.cells)
    assert sampled_patterns(net, box, per_side=12 if d < 3 else 6) <= {c.pattern for c in boxed.cells}


def test_fine_grid_is_a_lower_bound_that_misses_tiny_regions():
    net = random_net((2, 16, 16, 1), seed=5)
    box = ([-4, -4], [4, 4])
    subdivision = linear_regions(net, box=box)
    sampled = sampled_patterns(net, box, per_side=40)
    assert sampled <= {c.pattern for c in subdivision.cells}
    assert len(sampled) < subdivision.activation_regions
    smallest = min(c.volume for c in subdivision.cells)
    assert smallest < Fraction(64, 40 * 40)          # a region smaller than one grid cell exists


def test_duplicated_and_cancelling_units_make_activation_regions_outnumber_linear_regions():
    # relu(x) - relu(-x) = x: two activation regions, one linear region
    identity = ReLUNet([[[1], [-1]], [[1, -1]]], [[0, 0], [0]])
    s = linear_regions(identity)
    assert (s.activation_regions, s.regions, s.bounded_regions) == (2, 1, 0)
    # a duplicated unit (same hyperplane twice) and a unit that is zero on an open set
    net = ReLUNet([[[1, 1], [2, 2], [1, -1]], [[1, 0, 1], [0, 1, 1]], [[1, 1]]], [[0, 0, 0], [0, -1], [0]])
    s = linear_regions(net)
    patterns = activation_patterns_by_lp(net)
    assert s.activation_regions == len(patterns)
    assert (s.regions, s.bounded_regions) == linear_regions_by_lp(net)
    # a unit that is identically zero (zero weights and bias) is inactive everywhere and cuts nothing
    dead = ReLUNet([[[1, 0], [0, 0]], [[1, 1]]], [[0, 0], [0]])
    s = linear_regions(dead)
    assert s.activation_regions == 2 and {c.pattern for c in s.cells} == {((1, 0),), ((0, 0),)}


@pytest.mark.parametrize("widths,seed", [((2, 3, 1), 0), ((2, 4, 4, 1), 1), ((3, 3, 3, 1), 2), ((1, 3, 3, 1), 0)])
def test_face_poset_is_graded_with_the_right_euler_characteristic(widths, seed):
    net = random_net(widths, seed=seed, scale=3)
    d = widths[0]
    boxed = face_poset(linear_regions(net, box=([-3] * d, [3] * d)))
    assert boxed.is_interval_graded() and euler_characteristic(boxed) == 1          # a ball
    whole = linear_regions(net)
    poset = face_poset(whole)
    assert poset.is_interval_graded() and euler_characteristic(poset) == (-1) ** d  # R^d, open cells
    assert poset.rank_sizes()[d] == whole.activation_regions


@pytest.mark.parametrize("widths,seed", [((2, 3, 1), 0), ((2, 4, 4, 1), 1), ((3, 3, 3, 1), 2)])
def test_regions_of_rd_as_vertices_and_rays(widths, seed):
    net = random_net(widths, seed=seed, scale=3)
    for region in linear_regions(net).cells:
        for v in region.vertices:             # vertices satisfy every facet inequality, d of them with equality
            values = [sum(a * x for a, x in zip(ineq, v)) + c for ineq, c in region.inequalities]
            assert all(value >= 0 for value in values) and sum(value == 0 for value in values) >= widths[0]
        for r in region.rays:                 # rays are recession directions
            assert all(sum(a * x for a, x in zip(ineq, r)) >= 0 for ineq, _ in region.inequalities)
        assert region.bounded == (not region.rays and bool(region.vertices))


def test_three_lines_face_poset():
    net = ReLUNet([[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]], [[0, 0, -1], [0]])
    assert face_poset(linear_regions(net)).rank_sizes() == [3, 9, 7]


@pytest.mark.parametrize("widths", [(2, 3, 3, 1), (3, 5, 5, 5, 1), (2, 8, 8, 8, 1), (4, 3, 6, 2, 1), (1, 2, 2, 1)])
def test_serra_bound_by_two_routes_and_bounds_hold(widths):
    assert serra_bound(widths) == serra_bound_by_enumeration(widths)
    bounds = region_bounds(widths)
    assert bounds["serra"] <= bounds["montufar"] <= bounds["patterns"]


@pytest.mark.parametrize("widths,seed", [((2, 4, 4, 1), 0), ((2, 8, 1), 1), ((3, 3, 3, 1), 2)])
def test_exact_counts_respect_the_bounds(widths, seed):
    net = random_net(widths, seed=seed)
    regions = linear_regions(net).regions
    assert regions <= region_bounds(widths)["serra"]
    assert regions <= tropical_form(net).region_bound()


@pytest.mark.parametrize("widths,seed", [((2, 3, 1), 0), ((2, 3, 3, 1), 1), ((1, 3, 3, 1), 2), ((2, 2, 2, 2), 3)])
def test_tropical_form_equals_the_network(widths, seed):
    net = random_net(widths, seed=seed, scale=4)
    form = tropical_form(net)
    assert form.verify(points=100)
    assert all(set(newton_vertices(f)) <= set(f) for f in form.numerators)


def test_tropical_form_with_rational_weights():
    net = ReLUNet([[[Fraction(1, 2), 1], [1, Fraction(-1, 3)]], [[1, -2]]], [[Fraction(1, 5), 0], [1]])
    form = tropical_form(net)
    assert form.verify(points=60)
    assert form.region_bound() >= linear_regions(net).regions


def test_one_hidden_layer_on_data():
    arch = ReLUOnData(cube01(2), 2)
    counts = activation_patterns(arch)
    assert counts == {"per_unit": 14, "patterns": 196}
    assert count_arrangement_chambers(arch.arrangement(), "charpoly").count == 196
    xor = realize(arch, "0110")
    assert xor.realizable and arch.evaluate(xor.witness.parameters) == (0, 1, 1, 0)
    single = realize(ReLUOnData(cube01(2), 1), "0110")
    assert not single.realizable and single.certificate.kind == "exhaustive"
    assert single.certificate.values["checked"] == single.certificate.values["expected"] == 28
    # width 1 realises exactly the labellings H(v relu(w.x + b) + c): compare with brute force over small weights
    arch1 = ReLUOnData(from_points([(0,), (1,), (2,), (3,)]), 1)
    reachable = set()
    grid = range(-3, 4)
    for w in grid:
        for b in grid:
            for v in (-1, 1):
                for c in (Fraction(k, 2) for k in range(-7, 8)):
                    reachable.add(arch1.evaluate((w, b, v, c)))
    for code in range(16):
        labels = tuple((code >> i) & 1 for i in range(4))
        assert realize(arch1, labels).realizable == (labels in reachable), labels


def test_network_files_and_slices(tmp_path):
    net = random_net((3, 4, 1), seed=2)
    path = tmp_path / "net.npz"
    net.save(path)
    loaded = ReLUNet.load(path)
    assert loaded.weights == net.weights and loaded.spec == f"relu:{path}"
    plane = loaded.restricted_to_plane([1, 0, 0], [1, 0, 0], [0, 1, 1])
    for s, t in [(0, 0), (1, -2), (Fraction(1, 3), 5)]:
        assert plane.forward([s, t]) == net.forward([1 + s, t, t])
    with pytest.raises(InvalidInput):
        ReLUNet.load(tmp_path / "missing.npz")
    np.savez(tmp_path / "bad.npz", W0=np.ones((2, 2)))
    with pytest.raises(InvalidInput, match="W0, b0"):
        ReLUNet.load(tmp_path / "bad.npz")
    with pytest.raises(InvalidInput, match="inputs"):
        ReLUNet([[[1, 2]], [[1, 1]]], [[0], [0]])
    with pytest.raises(InvalidInput, match="dimension <= 6"):
        linear_regions(random_net((7, 2, 1)))


@pytest.mark.parametrize("widths", [(5, 4, 3, 1), (6, 4, 2, 1)])
def test_five_and_six_inputs_against_the_lp_enumeration(widths):
    """Inputs of dimension 5 and 6: the exact splitter and the certified-LP enumeration find the same activation
    regions, on the box and on R^d, and the box's cell volumes add up (dimension 5)."""
    from weightspace.arch.relu.enumeration import activation_patterns_by_lp
    net = random_net(widths, seed=sum(widths))
    d = widths[0]
    box = ([-1] * d, [1] * d)
    on_box = linear_regions(net, box=box, volumes=d == 5)
    assert {c.pattern for c in on_box.cells} == set(activation_patterns_by_lp(net, box=box))
    assert on_box.activation_regions > widths[1]
    if d == 5:
        assert on_box.volumes_sum_to_box()
    everywhere = linear_regions(net)
    assert everywhere.activation_regions == len(activation_patterns_by_lp(net))


def test_torch_network_is_read_exactly(tmp_path):
    import torch
    nn = torch.nn
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 6), nn.ReLU(), nn.Linear(6, 1)).double()
    for file, obj in (("m.pt", model), ("sd.pt", model.state_dict())):
        torch.save(obj, tmp_path / file)
        net = ReLUNet.load(tmp_path / file)
        x = torch.tensor([[0.25, -0.5]], dtype=torch.float64)
        assert float(net.forward([Fraction(1, 4), Fraction(-1, 2)])[0]) == pytest.approx(model(x).item(), abs=1e-12)
    s = linear_regions(ReLUNet.load(tmp_path / "m.pt"))
    assert s.activation_regions == len(activation_patterns_by_lp(ReLUNet.load(tmp_path / "m.pt")))
    with pytest.raises(InvalidInput):
        ReLUNet.from_torch(nn.Sequential(nn.Linear(2, 2), nn.Tanh(), nn.Linear(2, 1)))


def test_output_map_matches_evaluation():
    net = random_net((2, 3, 3, 2), seed=7)
    for x in [(1, 2), (-3, 1), (Fraction(1, 7), 0)]:
        rows = output_map(net, net.pattern(x))
        assert tuple(sum(a * v for a, v in zip(r[:-1], x)) + r[-1] for r in rows) == net.forward(x)


def test_cli_relu(tmp_path):
    runner = CliRunner()
    path = tmp_path / "net.npz"
    ReLUNet([[[1, 0], [0, 1], [1, 1]], [[1, 2, 4]]], [[0, 0, -1], [0]]).save(path)
    out = runner.invoke(app, ["relu", "regions", "--net", str(path), "--json"])
    assert out.exit_code == 0, out.output
    payload = json.loads(out.stdout)
    assert (payload["regions"], payload["activation_regions"], payload["bounded_regions"]) == (7, 7, 1)
    out = runner.invoke(app, ["relu", "regions", "--net", str(path), "--box", "0,1", "--check", "--json",
                              "--plot", str(tmp_path / "r.png"), "--graphml", str(tmp_path / "f.graphml")])
    payload = json.loads(out.stdout)
    assert (payload["regions"], payload["bounded_regions"], payload["check"]["agrees"]) == (2, 1, True)
    assert payload["volumes_sum_to_box"] and (tmp_path / "r.png").stat().st_size > 1000
    csv = tmp_path / "xor.csv"
    csv.write_text("0,0\n1,0\n0,1\n1,1\n")
    out = runner.invoke(app, ["relu", "data", "--points", str(csv), "--width", "1", "--labels", "0110", "--json"])
    payload = json.loads(out.stdout)
    assert payload["patterns"] == payload["patterns_by_charpoly"] == 14
    assert payload["realization"]["realizable"] is False
    out = runner.invoke(app, ["count", f"relu-data:{csv}:2", "--json"])
    assert json.loads(out.stdout)["chambers"] == 196
    for bad in (["relu", "regions", "--net", str(tmp_path / "none.npz")],
                ["relu", "regions", "--net", str(path), "--box", "1,0"],
                ["relu", "regions", "--net", str(path), "--slice", "1,2"],
                ["relu", "bounds", "--widths", "2,x"]):
        out = runner.invoke(app, bad)
        assert out.exit_code == 2 and "error:" in out.output and "Traceback" not in out.output


def test_network_is_a_point_of_its_parameter_space():
    from weightspace.arch.base import Architecture
    net = random_net((2, 3, 2, 1), seed=4)
    assert isinstance(ReLUOnData(cube01(2), 1), Architecture)   # a network on a finite data set is an architecture
    assert not isinstance(net, Architecture)          # a bare network maps input points (forward), not parameters
    assert net.parameter_space.dimension == len(net.parameters) == 3 * 2 + 3 + 2 * 3 + 2 + 2 + 1
    doubled = net.with_parameters([2 * v for v in net.parameters])
    points = [(1, 0), (-2, 3)]
    assert doubled.parameters == tuple(2 * v for v in net.parameters)
    assert net.evaluate_on_domain(net.parameters, points) == tuple(net.forward(p)[0] for p in points)
    assert net.witness_values(net.parameters)["W0"] == [list(r) for r in net.weights[0]]
    with pytest.raises(InvalidInput):
        net.with_parameters([1, 2])
