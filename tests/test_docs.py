"""The documentation site builds strictly, covers every module, and the public docstrings state their errors.

`mkdocs build --strict` fails on a broken link, a cross-reference to a name that no longer exists, or a docstring
section that does not parse, so the API reference cannot drift from the code. The notebook tour
(`docs/tour.ipynb`) is executed by nbmake as part of the default test run (see `pyproject.toml`).
"""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from weightspace import errors

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "src" / "weightspace"
ERRORS = {name for name, value in vars(errors).items()
          if isinstance(value, type) and issubclass(value, errors.WeightspaceError)}


def test_mkdocs_build_strict(tmp_path):
    site = tmp_path / "site"
    process = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                             cwd=ROOT, capture_output=True, text=True, timeout=600,
                             env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert process.returncode == 0, process.stdout + process.stderr
    hopfield = (site / "api" / "hopfield" / "index.html").read_text()
    for name in ("one_step_chambers", "count_dynamics", "realize_dynamics", "estimate_two_step_maps"):
        assert f'id="weightspace.arch.hopfield.' in hopfield and name in hopfield
    learn = (site / "api" / "learn" / "index.html").read_text()
    assert "MPFRule" in learn and "Raises" in learn
    benchmarks = (site / "benchmarks" / "index.html").read_text()
    assert "T(n) by NP-class enumeration" in benchmarks       # BENCHMARKS.md is included, not copied
    assert (site / "tour.ipynb").is_file()


def _modules() -> set[str]:
    out = set()
    for path in SOURCE.rglob("*.py"):
        parts = path.relative_to(SOURCE.parent).with_suffix("").parts
        if "cli" in parts or parts[-1] in ("__init__", "__main__"):
            continue
        out.add(".".join(parts))
    return out


def test_every_module_is_in_the_api_reference():
    documented = set()
    for page in (ROOT / "docs" / "api").glob("*.md"):
        documented |= set(re.findall(r"^::: ([\w.]+)\s*$", page.read_text(), re.M))
    assert _modules() - documented == set()
    assert documented - _modules() == set()


def _public_functions(tree: ast.Module):
    """Module-level public functions and public methods of public classes (nested helpers excluded)."""
    for node in tree.body:
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
            yield node.name, node
        elif isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
            for item in node.body:
                if isinstance(item, ast.FunctionDef) and not item.name.startswith("_"):
                    yield f"{node.name}.{item.name}", item


def _raised(function: ast.FunctionDef) -> set[str]:
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
            if isinstance(exc, ast.Name) and exc.id in ERRORS:
                names.add(exc.id)
    return names


def _documented_raises(docstring: str) -> set[str]:
    """Exception names of the numpy ``Raises`` section (unindented lines; their descriptions are indented)."""
    match = re.search(r"^Raises\n-{3,}\n(.*?)(?:\n\n\w+\n-{3,}|\Z)", docstring, re.S | re.M)
    return set(re.findall(r"^(\w+)\s*$", match.group(1), re.M)) if match else set()


def test_public_functions_document_what_they_raise():
    missing = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "cli" in path.parts:
            continue
        for name, function in _public_functions(ast.parse(path.read_text())):
            raised = _raised(function)
            undocumented = raised - _documented_raises(ast.get_docstring(function) or "")
            if undocumented:
                missing.append(f"{path.relative_to(SOURCE)}:{name} raises {sorted(undocumented)}")
    assert missing == []


def test_the_raises_check_can_fail():
    tree = ast.parse('def f(x):\n    """Doc.\n\n    Raises\n    ------\n    TooLarge\n        big\n    """\n'
                     '    raise InvalidInput("x")\n')
    (_, function), = _public_functions(tree)
    assert _raised(function) == {"InvalidInput"}
    assert _documented_raises(ast.get_docstring(function)) == {"TooLarge"}


def test_tour_covers_the_sections_the_docs_promise():
    notebook = json.loads((ROOT / "docs" / "tour.ipynb").read_text())
    headings = [line for cell in notebook["cells"] if cell["cell_type"] == "markdown"
                for line in "".join(cell["source"]).splitlines() if line.startswith("## ")]
    assert [h.split(" ", 2)[2].split(":")[0] for h in headings] == [
        "The arrangement of a threshold unit", "Chambers with exact witnesses",
        "Hopfield networks", "Learning as a path through chambers", "A figure", "Arrangements of every kind",
        "ReLU networks", "When do two arrangements cut parameter space the same way?", "Associative memories",
        "Polynomial networks"]
    code = "".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    for name in ("chamber_complex", "realize_threshold", "count_hopfield", "realize_dynamics",
                 "estimate_two_step_maps", "learn_path", "MPFRule", "plt.show", "arrangement_invariants",
                 "lattice_isomorphism", "linear_regions", "tropical_form", "are_isomorphic",
                 "make_model", "ed_degree", "neuromanifold_dimension"):
        assert name in code
    assert all(not cell.get("outputs") for cell in notebook["cells"] if cell["cell_type"] == "code")


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_every_page_is_in_the_navigation(page):
    assert re.search(rf":\s*{re.escape(page)}\s*$", (ROOT / "mkdocs.yml").read_text(), re.M)


def _cli_verbs() -> dict[str, set[str]]:
    """Every leaf command of the CLI (``ac solve``, ``count``, ...) with its long options."""
    import typer.main
    from weightspace.cli import app
    out: dict[str, set[str]] = {}

    def walk(command, prefix: str = "") -> None:
        for name, sub in command.commands.items():
            if hasattr(sub, "commands"):
                walk(sub, f"{prefix}{name} ")
            else:
                out[prefix + name] = {o for p in sub.params for o in p.opts + getattr(p, "secondary_opts", [])
                                      if o.startswith("--")}
    walk(typer.main.get_command(app))
    return out


def test_command_reference_matches_the_cli():
    """docs/commands.md has one row per verb of the CLI, and every option it names exists on that verb."""
    verbs = _cli_verbs()
    rows = {}
    for line in (ROOT / "docs" / "commands.md").read_text().splitlines():
        match = re.match(r"^\| `([a-z -]+)` \| (.*?) \| (.*) \|$", line)
        if match:
            assert match.group(1) not in rows, f"two rows for {match.group(1)}"
            rows[match.group(1)] = match.group(2)
    assert len(verbs) > 30 and set(rows) == set(verbs)
    for verb, usage in rows.items():
        named = set(re.findall(r"(--[a-z][a-z-]*)", usage))
        assert named <= verbs[verb], (verb, named - verbs[verb])
        assert len(usage) < 400, verb


def test_readme_first_screen_says_what_and_for_whom():
    lines = (ROOT / "README.md").read_text().splitlines()
    first_screen = "\n".join(lines[:20])
    assert "python3 -m pip install -e ." in first_screen and "python3 -m pytest" in first_screen
    assert all(len(line) <= 240 for line in lines[:20])
    assert "docs/commands.md" in (ROOT / "README.md").read_text()


# modules held to the full numpy docstring (Parameters and Returns besides Raises); the list grows as modules are
# brought to it
FULL_DOCSTRING_MODULES = tuple(str(path.relative_to(SOURCE)) for path in sorted(SOURCE.rglob("*.py"))
                               if "cli" not in path.relative_to(SOURCE).parts)
"""Every module but the CLI's (whose commands document their options in ``--help``): each public function has numpy
``Parameters`` and ``Returns`` sections."""


def _section_names(docstring: str, title: str) -> set[str] | None:
    match = re.search(rf"^{title}\n-{{3,}}\n(.*?)(?:\n\n\w+\n-{{3,}}|\Z)", docstring, re.S | re.M)
    return set(re.findall(r"^\**(\w+)", match.group(1), re.M)) if match else None


def _missing_parameters_and_returns(function: ast.FunctionDef) -> list[str]:
    doc = ast.get_docstring(function) or ""
    names = [a.arg for a in function.args.args + function.args.kwonlyargs if a.arg not in ("self", "cls")]
    names += [function.args.kwarg.arg] if function.args.kwarg else []
    problems = []
    documented = _section_names(doc, "Parameters")
    if names and (documented is None or set(names) - documented):
        problems.append(f"Parameters {sorted(set(names) - (documented or set()))}")
    returns_value = function.returns is not None and not (isinstance(function.returns, ast.Constant)
                                                          and function.returns.value is None)
    if returns_value and _section_names(doc, "Returns") is None:
        problems.append("Returns")
    return problems


def test_every_module_documents_parameters_and_returns():
    missing = []
    for relative in FULL_DOCSTRING_MODULES:
        tree = ast.parse((SOURCE / relative).read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                problems = _missing_parameters_and_returns(node)
                if problems:
                    missing.append(f"{relative}:{node.name} lacks {', '.join(problems)}")
    assert missing == []
    bad = ast.parse('def f(x, y) -> int:\n    """Doc.\n\n    Parameters\n    ----------\n    x\n        one\n    """\n')
    assert _missing_parameters_and_returns(bad.body[0]) == ["Parameters ['y']", "Returns"]


def test_exported_functions_document_parameters_and_returns():
    """The public API is what the packages export (``__all__`` of every ``__init__``): each function there has
    numpy ``Parameters`` (every argument) and ``Returns`` sections, whichever module it lives in."""
    import importlib
    import inspect
    import textwrap
    missing, seen = [], 0
    for init in sorted(SOURCE.rglob("__init__.py")):
        package = ".".join(init.relative_to(SOURCE.parent).with_suffix("").parts[:-1])
        module = importlib.import_module(package)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name, None)
            if inspect.isfunction(obj) and obj.__module__.startswith("weightspace"):
                seen += 1
                node = ast.parse(textwrap.dedent(inspect.getsource(obj))).body[0]
                problems = _missing_parameters_and_returns(node)
                if problems:
                    missing.append(f"{obj.__module__}.{obj.__name__} lacks {', '.join(problems)}")
    assert seen > 80 and missing == []
