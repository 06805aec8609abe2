"""Reliability and security regressions (issue 33): every case named there, one test each.

Each case was a wrong answer, a code execution, a hang, a made-up number or an internal error on main before the
fix; here it is one clear line on stderr and exit code 2 (or the right answer).
"""

import json
import os
import sys

import pytest
from typer.testing import CliRunner

from weightspace.cli import app
from conftest import require_tool

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


# 2. Expressions are data: read by a grammar, never evaluated --------------------------------------------------
HOSTILE = ["__import__('os').system('touch PWNED')", "().__class__.__bases__", "lambda: 1", "x.__class__",
           'exec("import os")', "eval('1')", "open('PWNED', 'w')", "x if 1 else y", "[x for x in y]",
           "globals()", "x @ y", "x; import os", "`x`", "x\\ny", "x, y", "x = 1", "2 ** -1", "x^(1/2)", "x/y",
           "(" * 5000 + "x" + ")" * 5000, "-" * 5000 + "x", "9^9^9", "(x+y)^2000", "2^(10^6)",
           "1" * 2000, "x" * 30000, ""]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_hostile_polynomials_are_refused(text, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = refused("edd", "--equations", text, "--vars", "x,y")
    assert "internal error" not in line
    refused("neuromanifold", "--arch", "poly", "--widths", "2,2,1", "--degree", "3", "--member", text)
    assert os.listdir(tmp_path) == []          # nothing was written, PWNED above all


def test_polynomial_reader_agrees_with_sympy_arithmetic():
    """Second route: random expression trees, rendered as text and read back, equal the trees built with sympy."""
    import random

    import sympy
    from weightspace.algebraic.polynomials import parse_polynomial, symbols

    x, y = symbols("x,y")
    rng = random.Random(1)

    def tree(depth):
        if depth == 0 or rng.random() < 0.3:
            choice = rng.randrange(4)
            if choice == 0:
                return "x", x
            if choice == 1:
                return "y", y
            n, d = rng.randrange(0, 20), rng.choice([1, 1, 2, 4])
            text = str(n) if d == 1 else str(n / d)
            return text, sympy.Rational(n, d)
        op = rng.choice(["+", "-", "*", " ", "^", "/", "neg"])
        a_text, a = tree(depth - 1)
        if op == "neg":
            return f"-({a_text})", -a
        if op == "^":
            e = rng.randrange(0, 4)
            return f"({a_text})^{e}", a ** e
        if op == "/":
            d = rng.randrange(1, 5)
            return f"({a_text})/{d}", a / d
        b_text, b = tree(depth - 1)
        value = {"+": a + b, "-": a - b, "*": a * b, " ": a * b}[op]
        return f"({a_text}){op}({b_text})", value

    for _ in range(300):
        text, expected = tree(4)
        assert sympy.expand(parse_polynomial(text, (x, y)) - expected) == 0, text


# 3. Catalog queries: read-only, bounded in time and rows, stopped by Ctrl-C and SIGTERM -----------------------
RECURSIVE = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM c) SELECT count(*) FROM c"


@pytest.fixture
def catalog_dir(tmp_path):
    from weightspace.catalog import open_catalog
    open_catalog(tmp_path / "atlas").put("threshold", "threshold/T/2", {"chambers": 14}, "test", 0.1)
    return tmp_path / "atlas"


def test_catalog_query_reads(catalog_dir):
    result = run("catalog", "query", "--dir", catalog_dir, "SELECT json_extract(value, '$.chambers') FROM results",
                 "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["rows"] == [[14]]


@pytest.mark.parametrize("sql", ["ATTACH DATABASE 'x.sqlite' AS y", "VACUUM INTO 'copy.sqlite'",
                                 "/* c */ -- c\n VACUUM", "PRAGMA user_version = 3", "DELETE FROM results",
                                 "WITH q AS (SELECT 1) DELETE FROM results", "SELECT load_extension('x')",
                                 "CREATE TABLE t(x)", "DROP TABLE results"])
def test_catalog_query_cannot_write(sql, catalog_dir, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.rglob("*"))
    stamp = (catalog_dir / "catalog.sqlite").read_bytes()
    refused("catalog", "query", "--dir", catalog_dir, sql)
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
    assert (catalog_dir / "catalog.sqlite").read_bytes() == stamp


def test_catalog_query_time_and_row_limits(catalog_dir):
    refused("catalog", "query", "--dir", catalog_dir, RECURSIVE, "--timeout", "0.5", contains="--timeout")
    refused("catalog", "query", "--dir", catalog_dir, RECURSIVE.replace("count(*)", "x"), contains="--max-rows")


def _wait_until_open(process, path, seconds: float = 120) -> None:
    """Event-driven start: wait until ``process`` holds ``path`` open (read from /proc), not a fixed sleep."""
    import time
    target, deadline = os.path.realpath(path), time.time() + seconds
    while time.time() < deadline and process.poll() is None:
        try:
            links = [os.path.realpath(f"/proc/{process.pid}/fd/{fd}") for fd in os.listdir(f"/proc/{process.pid}/fd")]
        except OSError:
            links = []
        if target in links:
            return
        time.sleep(0.05)
    raise AssertionError(f"the process never opened {path}")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("signal_name, code", [("SIGINT", 130), ("SIGTERM", 143)])
def test_catalog_query_stops_on_signal(signal_name, code, catalog_dir):
    import signal
    import subprocess
    import sys
    import time
    process = subprocess.Popen([sys.executable, "-m", "weightspace.cli", "catalog", "query", "--dir",
                                str(catalog_dir), RECURSIVE], stderr=subprocess.PIPE, text=True)
    _wait_until_open(process, catalog_dir / "catalog.sqlite")      # the query runs: the signal handlers are set
    time.sleep(0.2)
    process.send_signal(getattr(signal, signal_name))
    assert process.wait(timeout=10) == code
    assert process.stderr.read().strip().startswith("error: ")


@pytest.mark.parametrize("content", [b"", b"not a database at all" * 100, b"SQLite format 3\x00" + b"\x00" * 50])
def test_corrupt_catalog_is_one_line(content, tmp_path):
    (tmp_path / "catalog.sqlite").write_bytes(content)
    refused("catalog", "list", "--dir", tmp_path)
    refused("catalog", "query", "--dir", tmp_path, "SELECT 1")
    if content:
        refused("atlas", "--out", tmp_path, "--max-inputs", "1")


# 4. Guards before the work: a closed-form estimate and a refusal in well under a second --------------------
@pytest.mark.parametrize("args", [
    ["charpoly", "resonance:24"], ["count", "threshold:22"], ["faces", "threshold:22"], ["arrangement", "threshold:22"],
    ["charpoly", "resonance:16"], ["chambers", "threshold:16"], ["arrangement", "graphical:0-1000000"],
    ["relu", "bounds", "--widths", "100000,100000,1"], ["relu", "bounds", "--widths", "2,200000,200000,1"],
    ["neuromanifold", "--arch", "poly", "--widths", "50,50,50", "--degree", "5"],
    ["neuromanifold", "--arch", "poly", "--widths", "6,6,6,1", "--degree", "4"],
    ["edd", "--equations", "x^200+y^200-1", "--vars", "x,y"],
    ["data-dependence", "--dimension", "1000"], ["data-dependence", "--dimension", "30"],
    ["relu", "example", "random:2,100000000,1:0", "--out", "never.npz"],
    ["relu", "example", "sawtooth:100000000", "--out", "never.npz"],
    ["memory", "capacity", "--nodes", "100000"],
    ["ac", "solve", "--relators", "x^99999999999,y"],
    ["atlas", "--four-nodes", "1", "--out", "never"],
])
def test_refused_up_front(args, tmp_path, monkeypatch):
    import time
    monkeypatch.chdir(tmp_path)
    start = time.perf_counter()
    line = refused(*args)
    assert time.perf_counter() - start < 5, line
    assert os.listdir(tmp_path) == []


def test_closed_form_bound_answers_at_mnist_size():
    result = run("relu", "bounds", "--widths", "784,4096,4096,4096,10", "--json")
    assert result.exit_code == 0
    bounds = json.loads(result.stdout)
    assert bounds["patterns"] == 2 ** 12288 and bounds["serra"] <= bounds["montufar"]


def test_serra_bound_by_dynamic_programming_matches_enumeration():
    from itertools import product
    from weightspace.arch.relu.bounds import serra_bound, serra_bound_by_enumeration
    for widths in product([1, 2, 3], [1, 3, 4], [2, 3], [1, 5], [1]):
        assert serra_bound(widths) == serra_bound_by_enumeration(widths), widths


def test_ed_degree_time_limit_stops_singular():
    import shutil
    require_tool(shutil.which("Singular"), "Debian's singular")
    refused("edd", "--equations", "x^40+y^40-1", "--vars", "x,y", "--max-seconds", "1", contains="--max-seconds")


def test_ed_degree_bound_is_the_generic_ed_degree():
    """Second route for the cost estimate: generic hypersurfaces reach the bound (Draisma et al., Prop. 2.6)."""
    import sympy
    from weightspace.algebraic import ed_degree
    from weightspace.algebraic.edd import ed_degree_bound
    x, y = sympy.symbols("x y")
    for d in (2, 3, 4):
        generic = x ** d + 2 * y ** d + 3 * x * y ** (d - 1) + x + 5 * y - 7
        assert ed_degree([generic], (x, y), backend="sympy").ed_degree == ed_degree_bound([d], 2) == d * d


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads /proc")
def test_killed_edd_leaves_no_singular():
    """Issue 40: SIGKILL of a running edd takes its Singular child with it (PR_SET_PDEATHSIG)."""
    import shutil
    import signal
    import subprocess
    import sys
    import time
    require_tool(shutil.which("Singular"), "Debian's singular")
    process = subprocess.Popen([sys.executable, "-m", "weightspace.cli", "edd", "--equations", "x^60+y^60-1",
                                "--vars", "x,y"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline, children = time.time() + 30, []
    try:
        while time.time() < deadline and not children:
            time.sleep(0.2)
            children = [c for c in _children(process.pid) if b"Singular" in _cmdline(c)]
        assert children, "Singular did not start"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        process.kill()
    deadline = time.time() + 10
    while time.time() < deadline and any(map(_alive, children)):
        time.sleep(0.2)
    alive = [pid for pid in children if _alive(pid)]
    for pid in alive:
        os.kill(pid, signal.SIGKILL)
    assert not alive


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        return []


def _cmdline(pid: int) -> bytes:
    try:
        return open(f"/proc/{pid}/cmdline", "rb").read()
    except OSError:
        return b""


def _alive(pid: int) -> bool:
    try:
        return open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


# 5. Impossible settings: refused, never a made-up number -------------------------------------------------
@pytest.mark.parametrize("args, contains", [
    (["memory", "correlated", "--trials", "-1"], "--trials"),
    (["memory", "forgetting", "--trials", "0"], "--trials"),
    (["memory", "capacity", "--model", "softmax", "--beta", "inf"], "--beta"),
    (["memory", "capacity", "--model", "softmax", "--beta", "nan"], "--beta"),
    (["memory", "capacity", "--trials", "0"], "--trials"),
    (["memory", "topology", "--trials", "0"], "--trials"),
    (["memory", "correlated", "--correlations", "2"], "--correlations"),
    (["count", "threshold:3", "--workers", "0"], "--workers"),
    (["memory", "capacity", "--max-patterns", "0"], "--max-patterns"),
    (["memory", "classify", "--capacity-trials", "-2"], "--capacity-trials"),
    (["ac", "benchmark", "--max-n", "0"], "max n"),
    (["ac", "benchmark", "--methods", ""], "method"),
    (["ac", "benchmark", "--max-nodes", "0", "--methods", "greedy"], "--max-nodes"),
    (["arrangement", "shi:3", "--invariants", ""], "--invariants"),
    (["learn", "capacity", "--patterns", "1:10000000000:1"], "values"),
    (["count", "hopfield:2", "--steps", "0"], "--steps"),
])
def test_impossible_settings_are_refused(args, contains):
    refused(*args, contains=contains)


# 6. Ordinary bad input is one line, not an internal error -------------------------------------------------
def test_bad_files_are_one_line(tmp_path, monkeypatch):
    import numpy as np
    monkeypatch.chdir(tmp_path)
    (tmp_path / "big.csv").write_text("1,0,99999999999999999999999\n0,1,0\n")
    result = run("arrangement", "hyperplanes:big.csv", "--json")       # exact beyond int64, not an error
    assert result.exit_code == 0 and json.loads(result.stdout)["regions"] == 4
    assert json.loads(run("charpoly", "hyperplanes:big.csv", "--json").stdout)["chambers"] == 4
    (tmp_path / "ragged.csv").write_text("0,0\n1,1\n1\n")
    refused("count", "points:ragged.csv", contains="ragged.csv:3")
    (tmp_path / "binary.csv").write_bytes(b"\x00\xff\xfe\n")
    refused("count", "points:binary.csv", contains="not a text")
    (tmp_path / "exponent.csv").write_text("1e99999999,0\n0,1\n")
    refused("count", "points:exponent.csv", contains="too long")
    os.mkdir(tmp_path / "adir")
    refused("count", "points:adir", contains="directory")
    refused("arrangement", "hyperplanes:adir", contains="directory")
    np.savez(tmp_path / "objects.npz", W0=np.array([[1, 2]], dtype=object), b0=np.array([0]), W1=np.array([[1]]),
             b1=np.array([0]))
    refused("relu", "regions", "--net", "objects.npz", contains="objects")
    (tmp_path / "torn.npz").write_bytes(b"PK\x03\x04truncated")
    refused("relu", "regions", "--net", "torn.npz")


def test_pt_file_without_torch_says_so(tmp_path, monkeypatch):
    import builtins
    (tmp_path / "net.pt").write_bytes(b"not really")
    real_import = builtins.__import__

    def no_torch(name, *args, **kwargs):
        if name == "torch" or name.startswith("torch."):
            raise ImportError("No module named 'torch'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_torch)
    refused("relu", "regions", "--net", tmp_path / "net.pt", contains="needs PyTorch")


@pytest.mark.parametrize("args", [
    ["faces", "threshold:2", "--graphml", "{dir}"], ["arrangement", "shi:3", "--lattice-graphml", "missing/x.graphml"],
    ["arrangement", "shi:3", "--graphml", "{dir}"], ["chambers", "threshold:2", "--graphml", "{dir}"],
    ["structure", "hopfield:2", "--csv", "{dir}"], ["structure", "hopfield:2", "--graphml", "missing/x"],
    ["atlas", "--out", "{file}"], ["atlas", "--out", "{file}/sub"], ["count", "threshold:3", "--checkpoint", "{file}"],
    ["ac", "benchmark", "--max-n", "1", "--library", "{dir}"], ["ac", "solve", "--relators", "ak:2", "--checkpoint",
                                                                "missing/ck.json"],
    ["memory", "capacity", "--plot", "missing/p.png"], ["memory", "capacity", "--checkpoint", "{file}/sub"],
    ["learn", "capacity", "--plot", "missing/curve.png"], ["relu", "example", "sawtooth:2", "--out", "missing/x.npz"],
    ["experiment", "sgd-noise", "--quick", "--out", "{file}"],
])
def test_output_paths_checked_before_the_work(args, tmp_path, monkeypatch):
    import time
    monkeypatch.chdir(tmp_path)
    os.mkdir("adir")
    open("afile", "w").close()
    start = time.perf_counter()
    refused(*[a.format(dir="adir", file="afile") for a in args])
    assert time.perf_counter() - start < 5
    assert sorted(os.listdir(tmp_path)) == ["adir", "afile"] and os.listdir("adir") == []


def test_one_checkpoint_convention_a_directory_everywhere(tmp_path, monkeypatch):
    """``--checkpoint DIR`` works for every command; the file-based ones keep their file inside (a .json/.jsonl
    name is still a file)."""
    monkeypatch.chdir(tmp_path)
    run("ac", "solve", "--relators", "ak:3", "--max-nodes", "50", "--checkpoint", "ck", "--json")
    assert os.listdir("ck") == ["ac-solve.json"]
    run("ac", "solve", "--relators", "ak:3", "--max-nodes", "50", "--checkpoint", "search.json", "--json")
    assert os.path.isfile("search.json")
    run("memory", "capacity", "--model", "classical", "--nodes", "8", "--trials", "2", "--checkpoint", "ck", "--json")
    assert sorted(os.listdir("ck")) == ["ac-solve.json", "memory-capacity.json"]


def test_messages_name_the_file_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("relu", "example", "sawtooth:2", "--out", "net", "--json")
    assert json.loads(result.stdout)["file"] == "net.npz" and os.path.exists("net.npz")


# 7. Checkpoints ----------------------------------------------------------------------------------------
def test_torn_checkpoint_line_is_ended_before_appending(tmp_path):
    from weightspace.parallel import JsonLinesCheckpoint
    path = tmp_path / "log.jsonl"
    path.write_text('{"key": 1}\n{"key": 2, "val')             # a crash tore the second record
    with JsonLinesCheckpoint(path).appender() as append:
        append({"key": 3})
    assert JsonLinesCheckpoint(path).rows() == [{"key": 1}, {"key": 3}]
    path.write_bytes(b'\x00\xff{"key": 1}\n{"key": 4}\n[1, 2]\n')  # stray bytes, a non-object line
    assert JsonLinesCheckpoint(path).rows() == [{"key": 4}]


def test_ac_checkpoint_of_a_larger_budget_is_refused(tmp_path):
    checkpoint = tmp_path / "search.json"
    result = run("ac", "solve", "--relators", "ak:3", "--max-nodes", "3000", "--checkpoint", checkpoint, "--json")
    assert result.exit_code == 0 and not json.loads(result.stdout)["solved"]
    refused("ac", "solve", "--relators", "ak:3", "--max-nodes", "1000", "--checkpoint", checkpoint,
            contains="--max-nodes")
    result = run("ac", "solve", "--relators", "ak:3", "--max-nodes", "4000", "--checkpoint", checkpoint, "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["nodes_expanded"] <= 4000


# 8. Messages that say what is true ------------------------------------------------------------------------
def test_messages_that_mislead_no_more(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    refused("arrangement", "generic:2:0", contains="M >= 1")
    line = refused("ac", "solve", "--relators", "ak:2", "--method", "bogus")
    assert all(m in line for m in ("greedy", "bfs", "cyclic", "options-her", "ppo"))
    (tmp_path / "rep.csv").write_text("1,0,0\n1,0,0\n0,1,0\n")
    payload = json.loads(run("arrangement", "hyperplanes:rep.csv", "--json").stdout)
    assert (payload["hyperplanes"], payload["hyperplanes_with_repeats"]) == (2, 3)
    assert "2 distinct hyperplanes" in run("arrangement", "hyperplanes:rep.csv").stdout
    os.mkdir("adir")
    refused("experiment", "sgd-noise", "--config", "adir", contains="directory")
    from weightspace.experiments.lab import read_config
    assert read_config('{"alphas": [0.1, 10], "seed": 1}') == {"alphas": [0.1, 10], "seed": 1}


# 9. Distributed runs survive faults (on this machine's loopback only) ---------------------------------------
T7 = 8378070864          # OEIS A000609


def _count_t7(address: str, checkpoint) -> list[str]:
    import sys
    return [sys.executable, "-m", "weightspace.cli", "count", "threshold", "--inputs", "7", "--executor", "dask",
            "--scheduler", address, "--checkpoint", str(checkpoint), "--json"]


def _wait_for_layer(checkpoint, layer: int, process, seconds: float = 120) -> int:
    import time
    deadline = time.time() + seconds
    while time.time() < deadline and process.poll() is None:
        try:
            reached = json.loads((checkpoint / "state.json").read_text())["layer"]
            if reached >= layer:
                return reached
        except (OSError, ValueError, KeyError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"the run did not reach layer {layer}")


def test_killed_dask_worker_costs_nothing_but_time(tmp_path):
    """A worker killed mid-run: Dask runs its tasks again elsewhere, the count is still the exact T(7)."""
    import signal
    import subprocess
    from dask.distributed import Client, LocalCluster
    with LocalCluster(n_workers=3, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        process = subprocess.Popen(_count_t7(cluster.scheduler_address, tmp_path / "ck"), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        try:
            _wait_for_layer(tmp_path / "ck", 5, process)
            victim = next(iter(client.run(os.getpid).values()))
            os.kill(victim, signal.SIGKILL)
            out, err = process.communicate(timeout=300)
        finally:
            process.kill()
    assert process.returncode == 0, err[-500:]
    assert json.loads(out)["chambers"] == T7


def _cluster(directory):
    """A scheduler and two workers as separate processes on the loopback interface."""
    import subprocess
    import sys
    import time
    scheduler_file = directory / "scheduler.json"
    scheduler_file.unlink(missing_ok=True)
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--scheduler-file",
                                  str(scheduler_file), "--host", "127.0.0.1", "--port", "0", "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    while time.time() < deadline and not scheduler_file.exists():
        time.sleep(0.1)
    time.sleep(0.5)
    workers = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", "--scheduler-file",
                                str(scheduler_file), "--host", "127.0.0.1",
                                "--nworkers", "2", "--nthreads", "1", "--no-dashboard"], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    return scheduler, workers, json.loads(scheduler_file.read_text())["address"]


def test_lost_dask_scheduler_is_one_line_and_the_rerun_resumes(tmp_path):
    """The scheduler killed mid-run: the command stops with one line (exit 2) instead of hanging or a traceback; a
    re-run on a new cluster resumes from the checkpoint and finishes with the exact T(7)."""
    import subprocess
    scheduler, workers, address = _cluster(tmp_path)
    try:
        process = subprocess.Popen(_count_t7(address, tmp_path / "ck"), stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True)
        try:
            _wait_for_layer(tmp_path / "ck", 8, process)
            scheduler.kill()
            out, err = process.communicate(timeout=120)
        finally:
            process.kill()
        assert process.returncode == 2, err[-500:]
        assert err.strip().count("\n") == 0 and "run it again to resume" in err
    finally:
        scheduler.kill()
        workers.kill()
        workers.wait(timeout=30)
    scheduler, workers, address = _cluster(tmp_path)
    try:
        rerun = subprocess.run(_count_t7(address, tmp_path / "ck"), capture_output=True, text=True, timeout=300)
    finally:
        scheduler.kill()
        workers.kill()
        workers.wait(timeout=30)
    assert rerun.returncode == 0, rerun.stderr[-500:]
    payload = json.loads(rerun.stdout)
    assert payload["chambers"] == T7 and payload["resumed_from_layer"] >= 8


def test_wide_relu_layer_refused_up_front(tmp_path, monkeypatch):
    import time
    monkeypatch.chdir(tmp_path)
    assert run("relu", "example", "random:2,5000,1:0", "--out", "wide.npz").exit_code == 0
    start = time.perf_counter()
    refused("relu", "regions", "--net", "wide.npz", contains="regions")
    refused("count", "relu:wide.npz", contains="regions")
    assert time.perf_counter() - start < 10
