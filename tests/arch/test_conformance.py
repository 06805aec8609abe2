"""The conformance suite (issue 34): every registered spec kind passes check_architecture, and every generic verb
gives an answer or one clean NotSupported line (exit 2), never an internal error, agreeing with the declaration."""

from __future__ import annotations

import json
import random

import numpy as np
import pytest
from typer.testing import CliRunner

from weightspace.arch.conformance import check_architecture
from weightspace.capabilities import CAPABILITIES, VERB_NEEDS, Declared
from weightspace.cli import app
from weightspace.errors import CertificationError, NotSupported
from weightspace.specs import REGISTRY, resolve

runner = CliRunner()
GENERIC_VERBS = ("count", "charpoly", "faces", "realize", "arrangement")


def _instance(kind: str, tmp_path) -> str:
    example = REGISTRY[kind].example
    assert example, f"the spec kind {kind} registers no example"
    if "FILE" not in example:
        return example
    if kind in ("points", "relu-data"):
        path = tmp_path / "points.csv"
        path.write_text("0,0\n1,0\n0,1\n1,1\n")
    elif kind == "hyperplanes":
        path = tmp_path / "planes.csv"
        path.write_text("1,0,0\n0,1,0\n1,1,1\n")
    else:
        rng = np.random.default_rng(0)
        path = tmp_path / "net.npz"
        np.savez(path, W0=rng.normal(size=(3, 2)), b0=rng.normal(size=3), W1=rng.normal(size=(1, 3)),
                 b1=rng.normal(size=1))
    return example.replace("FILE", str(path))


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_every_registered_spec_conforms(kind, tmp_path):
    obj = resolve(_instance(kind, tmp_path))
    ran = check_architecture(obj, samples=2)
    assert ran[:2] == ["declared", "missing-is-clean"]
    if "evaluate" in obj.declared():
        assert "function-roundtrip" in ran


def _function_option(obj) -> list[str]:
    """A function the architecture computes (at a random parameter), spelled as realize takes it."""
    if "evaluate" not in obj.declared():
        return ["--table", "01"]
    rng = random.Random(1)
    f = obj.evaluate(obj.parameter_space.embed([rng.randint(-2, 2) for _ in range(obj.parameter_space.dimension)]))
    if "map" in obj.function_dict(tuple(f)):
        return ["--map", ",".join(map(str, f))]
    return ["--table", "".join(map(str, f))]


@pytest.mark.parametrize("kind", sorted(REGISTRY))
def test_generic_verbs_answer_or_refuse_in_one_line(kind, tmp_path):
    spec = _instance(kind, tmp_path)
    obj = resolve(spec)
    for verb in GENERIC_VERBS:
        extra = _function_option(obj) if verb == "realize" else []
        out = runner.invoke(app, [verb, spec, "--json"] + extra)
        if obj.supports(verb):
            assert out.exit_code == 0, (verb, spec, out.output)
            payload = json.loads(out.stdout)
            if verb == "count":
                assert isinstance(payload["count"], int) and payload["unit"], payload
            if verb == "realize":
                assert payload["realizable"] is True and payload["verified"] is True
        else:
            assert out.exit_code == 2, (verb, spec, out.output)
            message = out.stderr.strip()
            assert message.startswith("error:") and "\n" not in message and "internal error" not in message


def test_realize_semi_algebraic_and_arrangements_exit_2_with_one_line():
    for spec in ("poly:2,2,1:3", "braid:3"):
        out = runner.invoke(app, ["realize", spec, "--table", "01"])
        assert out.exit_code == 2 and len(out.stderr.strip().splitlines()) == 1, out.output
    assert "neuromanifold --arch poly --widths 2,2,1 --degree 3" in runner.invoke(
        app, ["realize", "poly:2,2,1:3", "--table", "01"]).stderr


def test_declarations_drive_dispatch():
    assert set(VERB_NEEDS) >= set(GENERIC_VERBS)
    hop = resolve("hopfield:2:symmetric")
    assert "factors" not in hop.declared() and "factors" in resolve("hopfield:2").declared()
    from weightspace.arch.hopfield import Scheme
    two = hop.with_scheme(Scheme.parse(2, 2, "sync", None))
    assert two.supports("search") and not two.supports("sign_system") and two.supports("realize")
    from weightspace.arch.threshold import ThresholdUnit
    from weightspace.domain import Domain
    off_cube = ThresholdUnit(Domain("points", 2, ((0, 0), (1, 0), (0, 2))))
    assert "symmetry_group" in resolve("threshold:2").declared() and "symmetry_group" not in off_cube.declared()
    assert resolve("threshold:2").declared() <= CAPABILITIES
    with pytest.raises(NotSupported, match="^braid:3 cannot realize"):
        resolve("braid:3").require("realize")
    with pytest.raises(ValueError):
        hop.supports("colour")


def test_the_checks_can_fail():
    class Liar(Declared):                         # declares an arrangement it does not have
        spec = "liar:1"
        capabilities = frozenset({"arrangement"})
    with pytest.raises(CertificationError, match="declares arrangement"):
        check_architecture(Liar())

    class Silent(Declared):                       # a missing capability must be a clean NotSupported
        spec = "silent:1"
        capabilities = frozenset({"bogus"})
    with pytest.raises(CertificationError, match="unknown capabilities"):
        check_architecture(Silent())
    with pytest.raises(CertificationError, match="Declared"):
        check_architecture(object())

    unit = resolve("threshold:2")

    class Wrong(type(unit)):                      # evaluate disagrees with the sign system
        def evaluate(self, parameters):
            return tuple(1 - v for v in super().evaluate(parameters))
    with pytest.raises(CertificationError, match="closure of Par_f|witness"):
        check_architecture(Wrong(unit.domain), samples=5)
