"""Fuzzing every verb (issue 33): random options and specs, drawn from pools of ordinary, edge and hostile values.

Asserted for every case: exit code 0 or 2; on 2, exactly one line on stderr, starting with ``error:``; no file
created outside the outputs the case names; and an answer within a time limit (an alarm turns a hang into a
failure). Seeded (``derandomize``), so a run is repeatable, and bounded, so the suite stays fast: the base
arguments of each verb keep a valid run small, and fuzzed options come after them (the last occurrence wins).
"""

import os
import signal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from weightspace.cli import app

runner = CliRunner()
CASE_SECONDS = 40

INTS = ["-1", "0", "1", "2", "99999999999999999999", "nan", "x", ""]
SPECS = ["threshold:2", "threshold:3:cubepm1", "hopfield:2", "hopfield:2:symmetric", "resonance:3", "shi:3",
         "braid:3", "generic:2:3", "graphical:0-1,1-2", "threshold:99", "resonance:40", "hopfield:99",
         "generic:0:0", "poly:2,2,1:3", "linear:2,2", "lcn:2,2", "nonsense", "", ":", "threshold:-1", "threshold:x",
         "points:missing.csv", "points:adir", "hyperplanes:adir", "hyperplanes:afile", "relu:missing.npz",
         "graphical:0-99999999", "threshold", "hopfield", "resonance"]
OUT_FILES = ["out.graphml", "adir", "missing/x", "afile", ""]
HOSTILE = ["x^2+y^2-1", "__import__('os').system('touch PWNED')", "9^9^9", "x+", "(" * 300 + "x", "", "x/y",
           "exec('1')", "x**1001"]
SPEC_OPTIONS = {"--inputs": INTS, "--domain": ["cube01", "cubepm1", "points:missing.csv", "bogus", ""],
                "--nodes": INTS, "--weights": ["free", "symmetric", "zero-diagonal", "bogus", ""]}

# verb: (base arguments, {option: pool of values}, positional pool or None)
VERBS = {
    "count": ([], {**SPEC_OPTIONS, "--steps": INTS, "--update": ["sync", "async", "x"],
                   "--method": ["auto", "classes", "enumeration", "charpoly", "lp", "bogus"], "--workers": INTS,
                   "--checkpoint": ["adir", "afile", "ckdir"]}, SPECS),
    "charpoly": ([], SPEC_OPTIONS, SPECS),
    "faces": ([], {**SPEC_OPTIONS, "--graphml": OUT_FILES}, SPECS),
    "chambers": ([], {**SPEC_OPTIONS, "--graphml": OUT_FILES}, SPECS),
    "arrangement": ([], {**SPEC_OPTIONS, "--invariants": ["", "charpoly", "bogus", "f_vector", ","],
                         "--graphml": OUT_FILES, "--lattice-graphml": OUT_FILES, "--compare": SPECS}, SPECS),
    "realize": ([], {**SPEC_OPTIONS, "--table": ["0110", "0001", "01", "", "012", "00000"],
                     "--map": ["1,0,0,2", "0,1,1,0", "9,9", "", "a"], "--steps": INTS}, SPECS),
    "structure": ([], {"--nodes": INTS, "--weights": SPEC_OPTIONS["--weights"], "--steps": ["1", "2", "0", "x"],
                       "--csv": ["out.csv", "adir", "missing/x.csv"], "--graphml": OUT_FILES},
                  ["hopfield:2", "hopfield:2:symmetric", "hopfield", "threshold:2", "", "hopfield:99"]),
    "compare": ([], {"--a": SPECS, "--b": SPECS, "--kind": ["combinatorial", "face-poset", "geometric", "x"]}, None),
    "data-dependence": ([], {"--points": INTS + ["4"], "--dimension": INTS}, None),
    "dynamics": ([], {"--W": ["0,1;1,0", "x", "", "1;2,3", "1e999,0;0,1"], "--theta": ["0,0", "x", "", "0"],
                      "--update": ["sync", "async", "x"]}, None),
    "edd": ([], {"--equations": HOSTILE, "--vars": ["x,y", "x", "", "1a", "x,x"],
                 "--variety": ["circle", "cusp", "bogus", ""], "--max-seconds": ["0", "-1", "20", "nan"],
                 "--Q": ["identity", "generic", "adir", "missing.json"]}, None),
    "neuromanifold": ([], {"--arch": ["poly", "linear", "lcn", "bogus"], "--widths": ["2,2,1", "0", "x", "50,50,50"],
                           "--degree": INTS, "--member": HOSTILE}, None),
    "relu bounds": ([], {"--widths": ["2,3,1", "0", "x", "100000,100000,1", "2,-1,1", ""]}, None),
    "relu example": ([], {"--out": ["net.npz", "adir", "missing/x.npz", ""]},
                     ["sawtooth:2", "random:2,3,1:0", "random:2,100000000,1:0", "sawtooth:0", "bogus", ""]),
    "relu regions": ([], {"--net": ["missing.npz", "adir", "afile"], "--box": ["0,1", "x", "1,0"]}, None),
    "memory capacity": (["--nodes", "8", "--trials", "2", "--max-patterns", "16"],
                        {"--model": ["classical", "poly", "softmax", "bogus"], "--nodes": ["4", "0", "100000", "x"],
                         "--trials": ["0", "1", "-1"], "--beta": ["1", "inf", "0", "nan"],
                         "--max-patterns": ["0", "4"], "--plot": ["out.png", "adir", "missing/p.png"],
                         "--checkpoint": ["ck.json", "adir"]}, None),
    "memory correlated": (["--nodes", "8", "--trials", "1"], {"--trials": ["-1", "0", "1"],
                                                              "--correlations": ["0,0.5", "2", "x", ""]}, None),
    "memory forgetting": (["--nodes", "8", "--patterns", "4", "--trials", "1"],
                          {"--trials": ["0", "1"], "--rule": ["hebbian", "clipped", "x"]}, None),
    "learn path": (["--nodes", "2", "--map", "1,0,0,2", "--steps", "50"],
                   {"--nodes": ["2", "0", "x"], "--map": ["1,0,0,2", "x", ""], "--rule": ["mpf", "perceptron", "x"],
                    "--steps": ["10", "0", "-1"]}, None),
    "learn capacity": (["--nodes", "8", "--patterns", "2:4:2", "--trials", "1"],
                       {"--rule": ["hebb", "x"], "--noise": ["0.1", "2", "nan"],
                        "--patterns": ["", "0", "1:10000000000:1", "x"], "--trials": ["0", "1"],
                        "--plot": ["adir.png", "missing/x.png"]}, None),
    "estimate": (["--samples", "8"], {"--samples": INTS, "--weights": ["free", "zero-diagonal", "x"]},
                 ["hopfield:2", "hopfield:99", "threshold:2"]),
    "ac solve": (["--relators", "ak:2", "--max-nodes", "200"],
                 {"--relators": ["ak:2", "x^99999999999,y", "xxYYY,xyxYXY", "abc", "", "x,y,z"],
                  "--method": ["greedy", "bfs", "cyclic", "bogus"], "--max-nodes": INTS, "--max-length": INTS,
                  "--checkpoint": ["adir", "ck.json"]}, None),
    "ac benchmark": (["--max-n", "1", "--max-length", "2", "--max-nodes", "50", "--methods", "greedy"],
                     {"--methods": ["", "bogus", "greedy,bfs"], "--max-n": ["0", "1", "99999999999"],
                      "--max-length": ["0", "2", "40"], "--mine": ["-1", "0"], "--library": ["adir", "lib.json"],
                      "--moves": ["paper", "all", "x"], "--family": ["ms", "ak", "x"]}, None),
    "catalog list": ([], {"--dir": ["adir", "missing", "afile"]}, None),
    "catalog query": ([], {"--dir": ["adir", "missing"], "--timeout": ["0", "-1", "1"]},
                      ["SELECT 1", "VACUUM INTO 'x'", ""]),
    "specs": ([], {}, None),
}


class Hang(BaseException):
    """Raised by the alarm: not an ``Exception``, so no error handler of the command can turn it into an answer."""


def _alarm(signum, frame):
    raise Hang


@st.composite
def cases(draw):
    verb = draw(st.sampled_from(sorted(VERBS)))
    base, options, positional = VERBS[verb]
    args = verb.split() + list(base)
    if positional is not None:
        args.append(draw(st.sampled_from(positional)))
    for option in draw(st.lists(st.sampled_from(sorted(options)), max_size=3, unique=True)) if options else []:
        args += [option, draw(st.sampled_from(options[option]))]
    return args


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("fuzz")


@settings(max_examples=300, derandomize=True, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(args=cases())
def test_every_verb_answers_or_refuses_in_one_line(args, workdir, monkeypatch):
    import shutil
    case = workdir / "case"
    shutil.rmtree(case, ignore_errors=True)
    case.mkdir()
    (case / "adir").mkdir()
    (case / "afile").write_text("")
    monkeypatch.chdir(case)
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(CASE_SECONDS)
    try:
        result = runner.invoke(app, args)
    except Hang:
        pytest.fail(f"no answer within {CASE_SECONDS} s: weightspace {' '.join(args)}")
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert result.exit_code in (0, 2), (args, result.exit_code, result.output[-500:])
    if result.exit_code == 2 and "Usage:" not in result.stdout:          # "memory" alone prints its help
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), (args, result.stderr[-500:])
    named = {a for a in args} | {a + ".png" for a in args} | {a + ".npz" for a in args}
    created = {p for p in os.listdir(case) if p not in ("adir", "afile")}
    assert created <= {os.path.basename(n) for n in named} | {"ckdir"}, (args, created)
    assert not os.path.exists(case / "PWNED")
