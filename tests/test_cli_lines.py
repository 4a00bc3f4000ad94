"""Located lines for annotations: a missing or renamed key is placed at its own object.

The expected lines come from a small pretty-printer in this module that
records where each path starts; it is checked to write exactly what
``json.dumps(indent=2)`` writes, the layout of the bundled examples.
"""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report.cli import EXIT_INVALID, main
from govinfo_report.cli._lines import line_of
from govinfo_report.examples import example_text
from govinfo_report.labels import format_path

Segments = tuple[str | int, ...]


def _printed(value: Any, path: Segments, indent: int, lines: list[str],
             starts: dict[Segments, int], prefix: str) -> None:
    """Append ``value`` as ``json.dumps(indent=2)`` writes it; record each path's line."""
    pad = "  " * indent
    starts[path] = len(lines) + 1
    if isinstance(value, dict) and value:
        lines.append(f"{pad}{prefix}{{")
        for index, (key, item) in enumerate(value.items()):
            _printed(item, (*path, key), indent + 1, lines, starts,
                     json.dumps(key, ensure_ascii=False) + ": ")
            if index < len(value) - 1:
                lines[-1] += ","
        lines.append(f"{pad}}}")
    elif isinstance(value, list) and value:
        lines.append(f"{pad}{prefix}[")
        for index, item in enumerate(value):
            _printed(item, (*path, index), indent + 1, lines, starts, "")
            if index < len(value) - 1:
                lines[-1] += ","
        lines.append(f"{pad}]")
    else:
        lines.append(f"{pad}{prefix}{json.dumps(value, ensure_ascii=False)}")


def printed(document: Any) -> tuple[str, dict[Segments, int]]:
    """The text ``json.dumps(document, indent=2)`` and the line of every path in it."""
    lines: list[str] = []
    starts: dict[Segments, int] = {}
    _printed(document, (), 0, lines, starts, "")
    text = "\n".join(lines) + "\n"
    assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return text, starts


def key_paths(value: Any, path: Segments = ()) -> Iterator[Segments]:
    """Every path that ends in an object key, parents before children."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key)
            yield from key_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from key_paths(item, (*path, index))


def parent_of(document: Any, path: Segments) -> dict[str, Any]:
    for segment in path[:-1]:
        document = document[segment]
    assert isinstance(document, dict)
    return document


def deleted(document: Any, path: Segments) -> Any:
    copied = copy.deepcopy(document)
    del parent_of(copied, path)[path[-1]]
    return copied


def renamed(document: Any, path: Segments) -> Any:
    """The key at ``path`` renamed in place (same position among its siblings)."""
    copied = copy.deepcopy(document)
    parent = parent_of(copied, path)
    items = [(f"{key}_x" if key == path[-1] else key, item) for key, item in parent.items()]
    parent.clear()
    parent.update(items)
    return copied


EXAMPLES = {version: json.loads(example_text(version)) for version in ("2021", "2019")}
CASES = [(version, path) for version, document in EXAMPLES.items()
         for path in key_paths(document)]


def test_the_cases_cover_every_part() -> None:
    """The enumeration reaches the deep cells, the metadata and the root keys."""
    paths = {path for _, path in CASES}
    assert ("applications", "carried_over", "total") in paths
    assert ("metadata", "organ") in paths
    assert ("format",) in paths
    assert len(CASES) > 400


@pytest.mark.parametrize("edit", [deleted, renamed])
def test_a_missing_key_is_placed_at_its_parent_object(edit: Any) -> None:
    """For every key of both examples, deleted or renamed: the line is its parent's."""
    for version, path in CASES:
        text, starts = printed(edit(EXAMPLES[version], path))
        assert line_of(text, format_path(path)) == starts[path[:-1]], (version, path)


def test_present_keys_are_at_their_own_line() -> None:
    """Every key of both examples is found on its own line, never a namesake's."""
    for version, path in CASES:
        text, starts = printed(EXAMPLES[version])
        assert line_of(text, format_path(path)) == starts[path], (version, path)


def run_validate(tmp_path: Path, document: Any, *options: str) -> tuple[int, str]:
    file = tmp_path / "report.json"
    file.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["validate", str(file), *options], stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue()


@settings(max_examples=40, deadline=None)
@given(case=st.sampled_from(CASES), edit=st.sampled_from([deleted, renamed]))
def test_validate_locates_every_load_problem_at_the_edited_object(
        tmp_path_factory: pytest.TempPathFactory, case: tuple[str, Segments], edit: Any) -> None:
    """Through the command: each problem of an edited example is at the parent's line or
    at the renamed key's line, never at another object's key."""
    version, path = case
    document = edit(EXAMPLES[version], path)
    _, starts = printed(document)
    allowed = {starts[path[:-1]]}
    if edit is renamed:
        allowed.add(starts[(*path[:-1], f"{path[-1]}_x")])
    code, out = run_validate(tmp_path_factory.mktemp("lines"), document, "--format", "json")
    problems = json.loads(out)["files"][0]["problems"]
    if code == EXIT_INVALID:
        assert problems
    for problem in problems:
        if problem["json_path"] != "$":
            assert problem["line"] in allowed, (path, problem)


@pytest.mark.parametrize(("path", "parent"), [
    (("applications", "carried_over", "total"), ("applications", "carried_over")),
    (("metadata", "organ"), ("metadata",)),
])
def test_the_reported_cases(tmp_path: Path, path: Segments, parent: Segments) -> None:
    """A deleted total, or a deleted organ, is annotated at its own object."""
    document = deleted(EXAMPLES["2021"], path)
    _, starts = printed(document)
    code, out = run_validate(tmp_path, document, "--format", "github")
    assert code == EXIT_INVALID
    assert f"line={starts[parent]}," in out
