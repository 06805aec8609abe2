"""The CLI contract: JSON keys, exit codes, one-line errors."""

import json
from itertools import permutations
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from weightspace.arch.hopfield import one_step_chambers, realized_keys
from weightspace.cli import app

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, list(args))
    return result


def run_json(*args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_count_threshold():
    payload = run_json("count", "threshold", "--inputs", "3")
    assert payload["chambers"] == 104
    assert run_json("count", "threshold", "--inputs", "3", "--method", "charpoly")["chambers"] == 104
    assert run_json("count", "threshold", "--inputs", "2", "--method", "lp")["chambers"] == 14
    assert run_json("count", "threshold", "--inputs", "2", "--domain", "cubepm1")["chambers"] == 14


def test_charpoly_checkpoint_per_spec(tmp_path):
    first = run_json("charpoly", "threshold", "--inputs", "6", "--checkpoint", str(tmp_path))
    assert first["chambers"] == 15028134
    assert run_json("charpoly", "resonance:5", "--checkpoint", str(tmp_path))["chambers"] == 11292
    assert sorted(p.name for p in tmp_path.iterdir()) == ["charpoly-resonance_5.json", "charpoly-threshold_6.json"]
    resumed = run_json("charpoly", "threshold", "--inputs", "6", "--checkpoint", str(tmp_path))
    assert {**resumed, "seconds": 0} == {**first, "seconds": 0}      # resumed from the last saved rank


def test_count_threshold_by_orbits_with_checkpoint(tmp_path):
    payload = run_json("count", "threshold", "--inputs", "6", "--method", "orbits", "--checkpoint", str(tmp_path))
    assert payload["count"] == payload["chambers"] == 15028134 and payload["method"] == "flat-orbits"
    assert payload["orbits"] == 202 and payload["characteristic_polynomial"][0] == 1
    assert list(tmp_path.iterdir()) == [tmp_path / "charpoly-orbits-cube01-6.json"]
    again = run_json("count", "threshold", "--inputs", "6", "--method", "orbits", "--checkpoint", str(tmp_path))
    assert again["count"] == 15028134
    sharded = run_json("count", "threshold", "--inputs", "5", "--method", "orbits", "--workers", "2")
    assert sharded["count"] == 94572 and sharded["orbits"] == 50
    bad = run("count", "points:" + str(tmp_path / "none.csv"), "--method", "orbits")
    assert bad.exit_code == 2


def test_count_hopfield():
    assert run_json("count", "hopfield", "--nodes", "2")["maps"] == 196
    assert run_json("count", "hopfield", "--nodes", "2", "--weights", "symmetric")["maps"] == 146


def test_realize_threshold_contract():
    payload = run_json("realize", "threshold", "--inputs", "2", "--table", "0110")
    assert payload["realizable"] is False and payload["witness"] is None
    assert payload["certificate"]["multipliers"] == [1, 1, 1, 1]
    payload = run_json("realize", "threshold", "--inputs", "2", "--table", "0001", "--minimal")
    assert payload["realizable"] is True and payload["certificate"] is None
    assert set(payload["witness"]) == {"w", "b"}
    assert payload["minimal"]["total"] == 3


def test_realize_hopfield_contract():
    payload = run_json("realize", "hopfield", "--nodes", "2", "--map", "1,0,0,2")
    assert payload["realizable"] is True
    assert set(payload["witness"]) == {"W", "theta"}
    W, theta = payload["witness"]["W"], payload["witness"]["theta"]
    for code, out in enumerate([1, 0, 0, 2]):
        x = [(code >> i) & 1 for i in range(2)]
        y = sum(int(sum(W[i][j] * x[j] for j in range(2)) + theta[i] > 0) << i for i in range(2))
        assert y == out
    payload = run_json("realize", "hopfield", "--nodes", "2", "--map", "0,1,1,0", "--weights", "symmetric")
    assert payload["realizable"] is False and payload["certificate"]["terms"]


def test_charpoly_and_faces():
    payload = run_json("charpoly", "threshold", "--inputs", "2")
    assert payload["coefficients"] == [1, -4, 6, -3]
    assert payload["chambers"] == 14 and payload["bounded_chambers"] == 0
    assert run_json("faces", "threshold", "--inputs", "2")["f_vector"] == [1, 12, 24, 14]
    assert run_json("charpoly", "resonance", "--inputs", "3")["chambers"] == 32
    # zero diagonal: unit i's input x_i is ignored, so the 2 x 4 labelled hyperplanes are 4 distinct ones
    # (the characteristic polynomial's t^(d-1) coefficient, counted independently from the normals here)
    from weightspace.arch.hopfield import HopfieldNetwork
    from weightspace.arrangement import hyperplane_classes
    hopfield = run_json("charpoly", "hopfield", "--nodes", "2", "--weights", "zero-diagonal")
    network = HopfieldNetwork(2, "zero-diagonal")
    assert (hopfield["hyperplanes"], hopfield["distinct_hyperplanes"]) == \
        (len(network.arrangement()), len(hyperplane_classes(network.arrangement().normals)[0])) == (8, 4)


def test_faces_graphml_and_chambers(tmp_path):
    path = tmp_path / "p.graphml"
    payload = run_json("faces", "threshold", "--inputs", "2", "--graphml", str(path))
    assert path.exists() and payload["covers"] > 0
    listing = run_json("chambers", "threshold", "--inputs", "2")
    assert listing["chambers"] == 14 and len(listing["list"]) == 14


def test_points_domain(tmp_path):
    path = tmp_path / "pts.csv"
    path.write_text("0,0\n1,0\n0,1\n1,1\n")
    assert run_json("count", "threshold", "--domain", f"points:{path}")["chambers"] == 14


@pytest.mark.parametrize("args,fragment", [
    (["realize", "threshold", "--inputs", "2", "--table", "011"], "entries"),
    (["realize", "threshold", "--inputs", "2", "--table", "01a0"], "only 0 and 1"),
    (["count", "threshold", "--inputs", "3", "--domain", "sphere"], "unknown domain"),
    (["count", "threshold", "--inputs", "7", "--method", "enumeration"], "estimated cost"),
    (["count", "threshold", "--inputs", "10"], "estimated cost"),
    (["charpoly", "threshold", "--inputs", "9"], "estimated cost"),
    (["count", "hopfield", "--nodes", "2", "--weights", "skew"], "unknown weight constraint"),
    (["realize", "hopfield", "--nodes", "2", "--map", "1,2"], "entries"),
    (["table", "hopfield", "--nodes", "3", "--weights", "free,skew"], "unknown weight constraint"),
    (["table", "hopfield", "--nodes", "4", "--weights", "free"], "estimate hopfield"),
    (["table", "hopfield", "--nodes", "5"], "1 to 4 nodes"),
])
def test_errors_are_one_line(args, fragment):
    """Bad input: non-zero exit, one line on stderr, no traceback (run as a real process)."""
    process = subprocess.run([sys.executable, "-m", "weightspace.cli", *args], capture_output=True, text=True)
    assert process.returncode != 0
    lines = [line for line in process.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, process.stderr
    assert fragment in lines[0] and "Traceback" not in process.stderr


def test_demo():
    payload = run_json("demo")
    assert payload["realizable_maps"] == 196 and payload["certified_impossible_maps"] == 60
    assert "realizable" not in payload          # "realizable" is a decision (a bool) everywhere else


def test_recurrent_commands(tmp_path):
    assert run_json("count", "hopfield", "--nodes", "2", "--steps", "2")["maps"] == 74
    payload = run_json("count", "hopfield", "--nodes", "2", "--update", "async", "--order", "2,1")
    assert payload["maps"] == 108 and payload["order"] == [2, 1]
    assert run_json("count", "hopfield", "--nodes", "2", "--update", "async")["maps"] == 144
    payload = run_json("realize", "hopfield", "--nodes", "2", "--map", "0,1,1,0", "--steps", "2")
    assert payload["realizable"] is True and set(payload["witness"]) >= {"W", "theta"}
    payload = run_json("realize", "hopfield", "--nodes", "2", "--map", "1,2,3,0", "--steps", "2")
    assert payload["realizable"] is False and payload["certificate"]["type"] == "exhaustive"
    csv_path, graphml = tmp_path / "cells.csv", tmp_path / "cells.graphml"
    payload = run_json("structure", "hopfield", "--nodes", "2", "--steps", "2", "--csv", str(csv_path),
                       "--graphml", str(graphml))
    assert payload["maps"] == 74 and csv_path.exists() and graphml.exists()
    table = run_json("table", "hopfield", "--nodes", "2", "--max-steps", "2")
    assert len(table["rows"]) == 4 * 4 * 2 and table["omitted"] == {}
    table = run_json("table", "hopfield", "--nodes", "3", "--max-steps", "1", "--weights", "zero-diagonal")
    counts = {(r["update"], str(r["order"])): r["maps"] for r in table["rows"]}
    every_order = realized_keys(one_step_chambers(3, "zero-diagonal"), 1, "async", None, symmetry=False)
    assert counts[("sync", "None")] == 14 ** 3 and counts[("async", "any")] == len(every_order)
    assert len({counts[("async", str(list(o)))] for o in permutations((1, 2, 3))}) == 1


def test_claims_contract():
    payload = run_json("claims")
    ids = [c["id"] for c in payload["claims"]]
    assert ids[:3] == ["example4", "cor1.1", "cor1.1-ksteps"]
    assert {"prop1", "prop3-coarsening", "prop3-maps", "prop4-one-unit", "prop4-sweep", "cor1.1-async"} <= set(ids)
    assert all(c["status"] in ("holds", "fails") for c in payload["claims"])
    for claim in payload["claims"]:                 # issue 32: the JSON vocabulary of a checked reading
        assert {"id", "statement", "reading", "nodes", "verdict", "evidence"} <= set(claim)
    assert {(c["id"], c["nodes"]) for c in payload["claims"]} >= {
        ("prop4-one-unit", 2), ("prop4-one-unit", 3), ("prop4-sweep", 2), ("prop4-sweep", 3), ("cor1.1-async", 2)}


def test_dynamics_command():
    payload = run_json("dynamics", "--W", "0,1;1,0", "--theta", "0,0")
    assert payload["fixed_points"] == [0, 3]
    assert payload["energy_check"]["non_increasing"] is True
    result = run("dynamics", "--W", "0,1;1", "--theta", "0,0")
    assert result.exit_code == 2
