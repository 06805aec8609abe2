"""The house: no import cycle, no oversized module, verdicts that cannot be switched off, one registry of specs,
errors that are types, a cost guard. Each reliability test fails on the code before the foundation issue."""

import ast
import json
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace.arch.base import Certificate, Realization, Witness, capability, realize
from weightspace.arch.hopfield import HopfieldNetwork, Scheme, map_keys
from weightspace.arch.threshold import ThresholdUnit, realize_threshold
from weightspace.arch.threshold.classes import certified_witness, cube
from weightspace.arrangement import Arrangement
from weightspace.arrangement.symmetric import symmetric_characteristic_polynomial
from weightspace.budget import Budget
from weightspace.cli import app
from weightspace.errors import CertificationError, InvalidInput, NotSupported, TooLarge, WeightspaceError
from weightspace.exact import to_fraction
from weightspace.specs import CountOptions, count, resolve, spec_from_options

SRC = Path(__file__).resolve().parents[1] / "src" / "weightspace"
runner = CliRunner()


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def import_graph() -> dict[str, set[str]]:
    """Every import in src/weightspace (module level or inside functions) as an edge between modules."""
    modules = {_module_name(p): p for p in SRC.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text())):
            targets = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                base = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
                targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base
                           for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    return graph


def test_import_graph_has_no_cycle():
    import networkx as nx
    graph = nx.DiGraph([(a, b) for a, targets in import_graph().items() for b in targets])
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles[:5]}"
    # the walker sees imports inside functions too, and a cycle made on purpose is found
    graph.add_edge("weightspace.arrangement.lattice", "weightspace.arch.hopfield.network")
    assert list(nx.simple_cycles(graph))


def test_geometry_knows_nothing_about_networks():
    graph = import_graph()
    for module, targets in graph.items():
        if module.startswith("weightspace.arrangement"):
            assert not any(t.startswith(("weightspace.arch", "weightspace.learn", "weightspace.cli")) for t in targets
                           if module != "weightspace.arrangement.invariants"), (module, targets)


def test_no_module_over_about_400_lines():
    sizes = {p.relative_to(SRC): len(p.read_text().splitlines()) for p in SRC.rglob("*.py")}
    assert max(sizes.values()) > 100      # the walk found the modules
    assert {p: n for p, n in sizes.items() if n > 420} == {}


def test_no_verification_by_assert():
    found = [(str(p.relative_to(SRC)), node.lineno) for p in SRC.rglob("*.py")
             for node in ast.walk(ast.parse(p.read_text())) if isinstance(node, ast.Assert)]
    assert found == []


def test_verification_survives_python_O():
    """Under ``python -O`` a tampered witness and a tampered certificate are still rejected."""
    code = ("from dataclasses import replace\n"
            "from weightspace.arch.base import Witness\n"
            "from weightspace.errors import CertificationError\n"
            "from weightspace import library\n"
            "good = library.hopfield(2).realize('1,0,0,2')\n"
            "bad = replace(good, witness=Witness(tuple(-v for v in good.witness.parameters)))\n"
            "try:\n    bad.verify()\nexcept CertificationError:\n    print('rejected')\n")
    out = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "rejected", out.stderr


def test_tampered_certificates_raise():
    bad = realize(HopfieldNetwork(2), "0,1,1,0")
    forged = Certificate("gordan", {**bad.certificate.values, "pairs": (((0, 0), 1), ((0, 1), 2))})
    with pytest.raises(CertificationError):
        Realization(bad.architecture, bad.target, False, None, forged, "forged").verify()
    incomplete = Certificate("exhaustive", {"checked": 195, "expected": 196})
    with pytest.raises(CertificationError):
        Realization(HopfieldNetwork(2, scheme=Scheme(steps=2)), bad.target, False, None, incomplete, "x").verify()
    with pytest.raises(CertificationError):          # a witness and a certificate at once
        Realization(bad.architecture, bad.target, True, Witness((0,) * 6), forged, "x")


def test_map_keys_refuse_five_nodes():
    """Two different 5-node maps got key 0 in uint64; now keys that cannot hold a map are refused."""
    first = np.zeros((1, 32), dtype=np.uint8)
    second = first.copy()
    second[0, 16] = 1                              # shifted by 5 * 16 = 80 bits: wrapped to 0 before
    with pytest.raises(TooLarge):
        map_keys(np.vstack([first, second]), 5)
    assert len(set(map_keys(np.array([[0] * 16, [0] * 15 + [1]], dtype=np.uint8), 4).tolist())) == 2


def test_class_witnesses_checked_in_python_integers():
    c = cube(3)
    table = np.array([False] * 7 + [True])        # AND of three inputs
    wide = [2 ** 61, 2 ** 61, 2 ** 61, -3 * 2 ** 61 + 1]   # sums beyond int64: checked in Python integers
    assert certified_witness(table, wide, c).tolist() == wide
    assert certified_witness(table, [4, 4, 4, -10], c).tolist() == [2, 2, 2, -5]
    huge = [2 ** 70, 2 ** 70, 2 ** 70, -3 * 2 ** 70 + 1]   # exact, but no longer an int64 witness
    with pytest.raises(CertificationError, match="64-bit"):
        certified_witness(table, huge, c)
    with pytest.raises(CertificationError, match="fails its exact check"):
        certified_witness(table, [1, 1, 1, -1], c)    # 1 + 1 - 1 > 0 on a false point


def test_binary_floats_are_refused_or_read_exactly():
    assert to_fraction("0.1") == Fraction(1, 10) and to_fraction(0.5) == Fraction(1, 2)
    with pytest.raises(InvalidInput, match="0.1"):
        to_fraction(0.1)
    with pytest.raises(InvalidInput):
        Arrangement.from_rational([(0.1, 1)])
    payload = json.loads(runner.invoke(app, ["dynamics", "--W", "0,0.1;0.1,0", "--theta", "0,0", "--json"]).stdout)
    assert payload["energy"]["3"] == "-1/10"       # E(11) = -1/2 (W12 + W21) = -1/10, exactly


def test_user_errors_are_weightspace_errors():
    with pytest.raises(InvalidInput):               # was a plain ValueError
        symmetric_characteristic_polynomial(Arrangement.from_rational([(1, 0)], [1]), np.zeros((1, 1), dtype=int))
    with pytest.raises(NotSupported):
        capability(ThresholdUnit.on_cube(2), "factors")
    with pytest.raises(NotSupported):
        HopfieldNetwork(2, "symmetric").factors()
    assert issubclass(NotSupported, WeightspaceError)


def test_internal_errors_say_so_and_debug_shows_the_traceback(monkeypatch):
    import weightspace.cli.count as verb
    monkeypatch.setenv("WEIGHTSPACE_DEBUG", "0")     # restored (unset) after the test, whatever --debug sets

    def broken(*args, **kwargs):
        raise ZeroDivisionError("boom")
    monkeypatch.setattr(verb, "count", broken)
    result = runner.invoke(app, ["count", "threshold:2"])
    assert result.exit_code == 3 and "internal error" in result.output and "report" in result.output
    result = runner.invoke(app, ["--debug", "count", "threshold:2"])
    assert isinstance(result.exception, ZeroDivisionError)


def test_cost_guard_refuses_hundreds_of_hours():
    process = subprocess.run([sys.executable, "-m", "weightspace.cli", "count", "hopfield", "--nodes", "9"],
                             capture_output=True, text=True, timeout=120)
    assert process.returncode == 2
    assert "estimated cost" in process.stderr and "hours" in process.stderr and "--max-hours" in process.stderr
    assert Budget(max_hours=300).allows_hours(260) and Budget(scheduler="tcp://x:8786").allows_hours(10 ** 6)


def test_registry_specs_and_legacy_spelling(tmp_path):
    assert spec_from_options("threshold", inputs=3, domain="cubepm1") == "threshold:3:cubepm1"
    assert spec_from_options("hopfield", nodes=2, weights="symmetric") == "hopfield:2:symmetric"
    assert count(resolve("hopfield:2:symmetric")).maps == 146
    assert count(resolve("braid:4")).count == 24 == count(resolve("braid:4"), CountOptions("charpoly")).count
    path = tmp_path / "h.csv"
    path.write_text("1,0,0\n0,1,0\n1,-1,0\n")       # x = 0, y = 0, x = y: 6 chambers
    assert count(resolve(f"hyperplanes:{path}")).count == 6
    for bad in ("relu", "threshold:x", "hopfield:2:skew", "threshold:2:sphere", ""):
        with pytest.raises(InvalidInput):
            resolve(bad)
    new = runner.invoke(app, ["count", "hopfield:2", "--steps", "2", "--json"])
    old = runner.invoke(app, ["count", "hopfield", "--nodes", "2", "--steps", "2", "--json"])
    assert json.loads(new.stdout)["maps"] == json.loads(old.stdout)["maps"] == 74


def test_order_any_is_the_default_spelled_out():
    default = runner.invoke(app, ["count", "hopfield", "--nodes", "2", "--update", "async", "--json"])
    spelled = runner.invoke(app, ["count", "hopfield", "--nodes", "2", "--update", "async", "--order", "any",
                                  "--json"])
    assert json.loads(default.stdout)["maps"] == json.loads(spelled.stdout)["maps"] == 144


def test_one_realization_shape_for_every_architecture():
    for result in (realize_threshold("0110", n=2), realize(HopfieldNetwork(2), "0,1,1,0"),
                   realize(HopfieldNetwork(2, scheme=Scheme(steps=2)), "1,2,3,0")):
        assert isinstance(result, Realization) and not result.realizable
        assert result.verify() is result and set(result.to_dict()) >= {"realizable", "witness", "certificate",
                                                                        "method"}
    kinds = [r.certificate.kind for r in (realize_threshold("0110", n=2),
                                          realize(HopfieldNetwork(2, scheme=Scheme(steps=2)), "1,2,3,0"))]
    assert kinds == ["gordan", "exhaustive"]


def test_parameter_space_is_a_subspace():
    net = HopfieldNetwork(3, "symmetric-zero-diagonal")
    space = net.parameter_space
    assert space.dimension == 6 and space.ambient_dimension == 12
    W = ((0, 1, 2), (1, 0, 3), (2, 3, 0))
    assert space.contains(net.ambient(W, (1, 1, 1)))
    assert not space.contains(net.ambient(((0, 1, 2), (5, 0, 3), (2, 3, 0)), (1, 1, 1)))
    assert len(net.arrangement()) == 24 and net.arrangement().dimension == 6


def test_the_worked_example_of_docs_architecture_md():
    """The architecture added in docs/architecture.md (one module, one registry line) works with every verb."""
    import re
    from weightspace import specs
    doc = (Path(__file__).resolve().parents[1] / "docs" / "architecture.md").read_text()
    module, registration = re.findall(r"```python\n(.*?)```", doc, re.S)[:2]
    for relative, absolute in (("...arrangement", "weightspace.arrangement"), ("...booleans", "weightspace.booleans"),
                               ("...domain", "weightspace.domain"), ("..base", "weightspace.arch.base"),
                               ("...capabilities", "weightspace.capabilities")):
        module = module.replace(f"from {relative} import", f"from {absolute} import")
    namespace: dict = {}
    exec(module, namespace)
    exec(registration, {"register": specs.register, "SpecKind": specs.SpecKind,
                        "UnbiasedUnit": namespace["UnbiasedUnit"], "_count_arrangement": specs._count_arrangement})
    try:
        answer = json.loads(runner.invoke(app, ["count", "unbiased:3", "--json"]).stdout)
        counted = answer["chambers"]
        assert answer["count"] == counted and answer["unit"] == "chambers"
        from weightspace.arch.conformance import check_architecture
        assert "realize-witness" in check_architecture(specs.resolve(specs.REGISTRY["unbiased"].example))
        charpoly = json.loads(runner.invoke(app, ["charpoly", "unbiased:3", "--method", "lattice", "--json"]).stdout)
        faces = json.loads(runner.invoke(app, ["faces", "unbiased:3", "--json"]).stdout)
        xor = json.loads(runner.invoke(app, ["realize", "unbiased:2", "--table", "0110", "--json"]).stdout)
        union = json.loads(runner.invoke(app, ["realize", "unbiased:2", "--table", "0111", "--json"]).stdout)
    finally:
        specs.REGISTRY.pop("unbiased")
    # 7 central planes w.x = 0 (x a nonzero 0/1 vector) in Q^3: the resonance arrangement R_3, 32 chambers
    assert counted == charpoly["chambers"] == faces["f_vector"][-1] == 32
    assert xor["realizable"] is False and xor["certificate"]["type"] == "gordan"
    assert union["realizable"] is True and set(union["witness"]) == {"w"}


def test_learning_rules_follow_scikit_learn():
    from weightspace.learn import RULES, MPFRule, PerceptronRule, make_rule
    assert {"mpf-adam", "mpf-torch"} <= set(RULES)
    rule = make_rule("perceptron", margin=2.0)
    assert rule.get_params()["margin"] == 2.0 and rule.set_params(margin=1.0).get_params()["margin"] == 1.0
    with pytest.raises(InvalidInput):
        rule.set_params(learning_speed=3)
    bad = MPFRule(method="newton")                 # no validation in __init__ ...
    with pytest.raises(InvalidInput):
        bad.fit([[0, 1], [1, 0]])                  # ... but in fit
    patterns = np.random.default_rng(0).integers(0, 2, size=(4, 8))
    a = PerceptronRule(random_state=3).fit(patterns)
    b = PerceptronRule(random_state=3).fit(patterns)
    assert np.array_equal(a.W_, b.W_)
    torch_rule = make_rule("mpf-torch", max_iter=500).fit(patterns)
    assert 0 < torch_rule.n_iter_ < 500            # the iterations taken, not the cap
    assert torch_rule.stored(patterns).all()


def test_a_missing_tool_skips_on_a_users_machine_and_fails_in_ci(monkeypatch):
    from conftest import require_tool
    require_tool("/usr/bin/tool", "a tool")                  # present: nothing happens
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        require_tool(None, "a tool")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="missing in CI"):
        require_tool(None, "a tool")
