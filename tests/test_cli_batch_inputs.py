"""The batch commands' inputs: the files a directory holds, and each file read as read_file reads it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import _sources
from govinfo_report.cli import _one_file
from govinfo_report.cli._batch import collect_inputs, iter_inputs
from govinfo_report.cli._one_file import Input
from govinfo_report.exceptions import LoadError


def _walked(top: Path) -> list[str]:
    return sorted(os.path.join(root, name) for root, _, names in os.walk(top)
                  for name in names if name.endswith(".json"))


# Names whose order turns on "-", "." and "0" sorting around "/": "a-b/" < "a.json" < "a/".
_names = st.text(st.sampled_from("a-.0中"), min_size=1, max_size=3).filter(
    lambda name: name not in (".", ".."))
_trees = st.lists(st.lists(_names, min_size=1, max_size=3), max_size=12)


@settings(max_examples=60, deadline=None)
@given(_trees, st.booleans())
def test_a_tree_is_listed_in_sorted_path_order(tmp_path_factory: pytest.TempPathFactory,
                                              tree: list[list[str]], json: bool) -> None:
    """Any tree of directories and files: listed as they are found, the paths come in the
    order of sorting them all (each directory's entries sorted as their paths sort)."""
    top = tmp_path_factory.mktemp("tree")
    for parts in tree:
        *directories, name = parts
        folder = top.joinpath(*directories)
        if any(part.is_file() for part in [folder, *folder.parents] if part != top):
            continue  # a file already stands where a directory would
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (name + ".json" if json or len(name) % 2 else name)
        if not path.exists():
            path.write_text("{}")
    expected = _walked(top)
    streamed = [item.name for item in iter_inputs([str(top)], lambda: b"")] if expected else []
    assert streamed == expected
    if expected:
        assert [item.name for item in collect_inputs([str(top)], lambda: b"")] == expected


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_directory_lists_what_os_walk_lists(tmp_path: Path) -> None:
    """Nested files in sorted path order; a link to a file and a broken link are listed,
    a link to a directory is not followed, other suffixes are not read."""
    top = tmp_path / "reports"
    (top / "b" / "c").mkdir(parents=True)
    (top / "a-b").mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "o.json").write_text("{}")
    for name in ("b/c/z.json", "b/y.json", "a-b/x.json", "a.json", "notes.txt", "b.json"):
        (top / name).write_text("{}")
    (top / "linked.json").symlink_to(top / "a.json")
    (top / "broken.json").symlink_to(tmp_path / "missing")
    (top / "elsewhere").symlink_to(outside, target_is_directory=True)
    found = [item.name for item in collect_inputs([str(top)], lambda: b"")]
    assert found == _walked(top)
    assert str(top / "linked.json") in found
    assert str(top / "broken.json") in found
    assert not any("o.json" in name for name in found)


def test_a_regular_file_reads_as_read_file_reads_it(tmp_path: Path) -> None:
    path = tmp_path / "r.json"
    path.write_bytes(b'{"format": "2021"}\n' * 100)
    assert Input(str(path)).read() == _sources.read_file(str(path))
    path.write_bytes(b"")
    assert Input(str(path)).read() == b""


def test_a_file_that_changes_while_read_is_read_again(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """When the bytes read are not the size the file had, read_file reads it again."""
    path = tmp_path / "r.json"
    path.write_bytes(b"{}" * 50)
    monkeypatch.setattr(_one_file.os, "read", lambda handle, size: b"{}")
    calls: list[str] = []
    real = _sources.read_file

    def read_file(name: str) -> bytes:
        calls.append(name)
        return real(name)

    monkeypatch.setattr(_one_file, "read_file", read_file)
    assert Input(str(path)).read() == b"{}" * 50
    assert calls == [str(path)]


@pytest.mark.parametrize("kind", ["missing", "directory", "fifo"])
def test_what_is_not_a_regular_file_gets_read_file_s_message(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "odd.json"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        os.mkfifo(path)
    with pytest.raises(LoadError) as expected:
        _sources.read_file(str(path))
    with pytest.raises(LoadError) as raised:
        Input(str(path)).read()
    assert str(raised.value) == str(expected.value)
