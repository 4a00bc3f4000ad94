"""The county roll-up how-to runs as written: its Python sessions and its commands, in order."""

from __future__ import annotations

import doctest
import io
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from govinfo_report.cli import main

HOWTO = Path(__file__).parent.parent / "docs" / "howto" / "county-rollup.md"
ELISION = "……"


def blocks() -> list[tuple[str, str]]:
    """The ```pycon and ```console blocks of the how-to, in order: (kind, text)."""
    text = HOWTO.read_text(encoding="utf-8")
    return re.findall(r"```(pycon|console)\n(.*?)```", text, re.S)


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether ``actual`` lines are ``expected``, where a line ``……`` stands for any lines."""
    if ELISION not in expected:
        return expected == actual
    cut = expected.index(ELISION)
    head, tail = expected[:cut], expected[cut + 1:]
    return (len(actual) >= len(head) + len(tail) and actual[:len(head)] == head
            and actual[len(actual) - len(tail):] == tail)


def run_console(text: str, state: dict[str, Any]) -> None:
    """Run each `$ govinfo-report ...` line in-process; check its output and `echo $?`."""
    commands: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        if line.startswith("$ "):
            commands.append((line[2:], []))
        else:
            commands[-1][1].append(line)
    for command, expected in commands:
        if command == "echo $?":
            assert expected == [str(state["code"])], command
            continue
        argv = shlex.split(command)
        assert argv[0] == "govinfo-report"
        out, err = io.StringIO(), io.StringIO()
        state["code"] = main(argv[1:], stdin=io.StringIO(), stdout=out, stderr=err)
        actual = (err.getvalue() + out.getvalue()).splitlines()
        assert matches(expected, actual), f"{command}\n" + "\n".join(actual)


def test_the_how_to_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every session and command of docs/howto/county-rollup.md gives the output shown."""
    monkeypatch.chdir(tmp_path)
    parser, runner = doctest.DocTestParser(), doctest.DocTestRunner(
        optionflags=doctest.ELLIPSIS)
    namespace: dict[str, Any] = {}
    state: dict[str, Any] = {}
    found = blocks()
    assert [kind for kind, _ in found].count("console") >= 4
    for index, (kind, text) in enumerate(found):
        if kind == "console":
            run_console(text, state)
            continue
        test = parser.get_doctest(text, namespace, f"block {index}", str(HOWTO), 0)
        output = io.StringIO()
        result = runner.run(test, out=output.write, clear_globs=False)
        assert result.failed == 0, output.getvalue()
        namespace = test.globs  # the next session continues this one
