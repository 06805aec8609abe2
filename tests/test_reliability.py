"""Reliability and security regressions (issue 33): every case named there, one test each.

Each case was a wrong answer, a code execution, a hang, a made-up number or an internal error on main before the
fix; here it is one clear line on stderr and exit code 2 (or the right answer).
"""

import json
import os

import pytest
from typer.testing import CliRunner

from weightspace.cli import app

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def refused(*args, contains: str = "") -> str:
    """The command exits 2 with one line on stderr (containing ``contains``); returns that line."""
    result = run(*args)
    assert result.exit_code == 2, (args, result.exit_code, result.output)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    assert contains in lines[0], lines[0]
    return lines[0]


# 1. A full spec and an option that contradicts it: an error naming both, never one silently winning ----------
@pytest.mark.parametrize("args, contains", [
    (["realize", "hopfield:2", "--weights", "symmetric", "--map", "1,0,0,2"], "--weights"),
    (["count", "hopfield:2", "--weights", "symmetric"], "hopfield:2"),
    (["count", "threshold:3", "--domain", "cubepm1"], "--domain"),
    (["arrangement", "threshold:3", "--inputs", "4"], "--inputs"),
    (["charpoly", "hopfield:2:symmetric", "--nodes", "3"], "--nodes"),
    (["faces", "shi:3", "--inputs", "3"], "does not apply"),
    (["table", "hopfield:2:symmetric", "--weights", "free"], "--weights"),
    (["count", "threshold", "--inputs", "3", "--nodes", "2"], "--nodes"),
])
def test_conflicting_spec_and_option_is_an_error(args, contains):
    refused(*args, contains=contains)


def test_agreeing_option_is_fine():
    for args in (["count", "hopfield:2:symmetric", "--weights", "symmetric"],
                 ["count", "hopfield", "--nodes", "2", "--weights", "symmetric"],
                 ["count", "threshold:2:cubepm1", "--inputs", "2", "--domain", "cubepm1"]):
        result = run(*args, "--json")
        assert result.exit_code == 0, result.output
    assert json.loads(run("count", "hopfield", "--nodes", "2", "--weights", "symmetric", "--json").stdout)["maps"] == 146
    payload = json.loads(run("realize", "hopfield:2:symmetric", "--map", "1,0,0,2", "--json").stdout)
    assert payload["realizable"] is False
