"""Every `$ weightspace ...` transcript in README.md and docs/ is run and compared with what the command prints.

A transcript is a fenced block whose lines start with `$ ` (the command) followed by its output. In the output,
`...` inside a line matches anything, a line that is only `...` matches any number of lines, and durations
(`0.37 s`, `1.2 s`) match any duration. A block preceded by `<!-- transcript: slow -->` takes minutes; it runs
with the slow tests (`pytest -m slow`), not in the default suite.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
DURATION = re.compile(r"\d+(?:\.\d+)? s\b")


def transcripts():
    """``(file, line, slow, [(command, expected lines)])`` for every transcript block."""
    out = []
    for path in FILES:
        lines = path.read_text().splitlines()
        inside, start, block = False, 0, []
        for number, line in enumerate(lines, start=1):
            if line.startswith("```"):
                if inside and any(text.startswith("$ ") for text in block):
                    marker = "\n".join(lines[max(0, start - 3):start - 1])
                    out.append((path.name, start, "transcript: slow" in marker, _commands(block)))
                inside, start, block = not inside, number, []
            elif inside:
                block.append(line)
    return out


def _commands(block):
    commands = []
    for line in block:
        if line.startswith("$ "):
            commands.append((line[2:].split("  #")[0].strip(), []))
        elif commands:
            commands[-1][1].append(line)
    return commands


def _pattern(line: str) -> re.Pattern:
    parts = [re.escape(DURATION.sub("@", part)).replace("@", DURATION.pattern) for part in line.split("...")]
    return re.compile(".*".join(parts) + r"\s*$")


def matches(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line match with the wildcards of the module docstring (a small backtracking matcher)."""
    if not expected:
        return not actual
    head, rest = expected[0], expected[1:]
    if head.strip() == "...":
        return any(matches(rest, actual[k:]) for k in range(len(actual) + 1))
    return bool(actual) and bool(_pattern(head).match(actual[0])) and matches(rest, actual[1:])


CASES = transcripts()


@pytest.mark.parametrize("name,line,slow,commands", [
    pytest.param(*case, marks=[pytest.mark.slow] if case[2] else [], id=f"{case[0]}:{case[1]}") for case in CASES])
def test_transcript(name, line, slow, commands, tmp_path):
    for command, expected in commands:
        shell = command.replace("weightspace ", f"{sys.executable} -m weightspace.cli ", 1) \
            if command.startswith("weightspace ") else command
        process = subprocess.run(shell, shell=True, cwd=tmp_path, capture_output=True, text=True, timeout=900)
        actual = (process.stdout + process.stderr).rstrip("\n").splitlines()
        expected = list(expected)
        while expected and not expected[-1].strip():
            expected.pop()
        if not expected:
            assert process.returncode == 0, (command, process.stderr)
            continue
        assert matches(expected, actual), f"{name}:{line}: `{command}` printed\n" + "\n".join(actual)


def test_the_matcher_can_fail():
    assert matches(["a ...", "...", "z 1.5 s"], ["a b", "c", "d", "z 0.2 s"])
    assert not matches(["a", "b"], ["a", "c"]) and not matches(["a"], ["a", "b"])
    assert len(CASES) > 10


def python_snippets():
    """``(file, line, code)`` for every ```python block (module examples with relative imports, such as the one in
    docs/architecture.md, are run by their own test)."""
    out = []
    for path in FILES:
        text = path.read_text()
        for match in re.finditer(r"```python\n(.*?)```", text, re.S):
            code = match.group(1)
            if not re.search(r"^from \.", code, re.M) and "register(SpecKind(" not in code:
                out.append((path.name, text[:match.start()].count("\n") + 1, code))
    return out


VALUE = re.compile(r"^(\[|\(|\{|'|-?\d|t\^|True\b|False\b|None\b|[A-Z][A-Za-z]*\()")


def _claimed_values(code: str):
    """``(statement, comment)`` for lines ``print(x)  # value`` / ``expression  # value`` whose comment is a value."""
    out = []
    for text in code.splitlines():
        statement, comment = (re.split(r"\s+#\s", text, maxsplit=1) + [""])[:2]
        comment = comment.strip()
        last = statement.split(";")[-1].strip()
        if comment and VALUE.match(comment) and not re.match(r"^[\w, ]+=[^=]", last):
            out.append((last, comment))
    return out


@pytest.mark.parametrize("name,line,code", python_snippets(), ids=lambda v: str(v)[:30])
def test_python_snippet_runs(name, line, code, capsys):
    """Each snippet runs, and every value its comments claim is what it prints or evaluates to (a comment such
    as ``# 1882 (Zaslavsky)`` claims ``1882``)."""
    namespace: dict = {}
    exec(compile(code, f"{name}:{line}", "exec"), namespace)
    printed = capsys.readouterr().out.splitlines()
    claims = _claimed_values(code)
    for statement, comment in claims:
        expected = comment.split(" (")[0].strip() if not comment.startswith(("(", "[")) and "(" not in \
            comment.split(" ")[0] else comment
        if statement.startswith("print("):
            actual = printed.pop(0)
        else:
            actual = repr(eval(statement, namespace))
        assert actual == expected or actual.startswith(expected), (name, statement, actual, expected)


def test_claimed_values_are_recognised():
    claims = _claimed_values("x  # 14\ny.kind  # 'exhaustive' (why)\nz  # False (why)\nw  # {'a': 1}\nv  # a note")
    assert [statement for statement, _ in claims] == ["x", "y.kind", "z", "w"]


def test_snippets_are_found():
    names = {name for name, _, _ in python_snippets()}
    assert {"README.md", "guide.md"} <= names
