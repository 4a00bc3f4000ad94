"""The roll-up written in pieces: the bytes of ``dumps`` of the whole roll-up, never held whole."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import dump, dumps, load, loads
from govinfo_report._atomic import temporary_files, write_atomic_pieces
from govinfo_report.cli import EXIT_INVALID, main
from govinfo_report.examples import load_example
from govinfo_report.exceptions import LoadError
from govinfo_report.model import FormatVersion
from govinfo_report.rollup import Aggregator, aggregate

from .fast_paths import fast_path
from .sample_reports import procurement, renamed
from .strategies import texts
from .workers import force_workers

# File names a file system holds: quotes, backslashes, control characters, CJK, emoji.
NAMES = ['青山镇.json', 'a"quoted".json', 'back\\slash.json', 'tab\there.json',
         'line\u2028sep.json', '\U0001f600.json']


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), stdin=io.StringIO(), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def towns(tmp_path: Path) -> tuple[Path, list[Path]]:
    """Trial-format towns with odd file names, units to convert and a blank amount."""
    directory = tmp_path / "towns"
    directory.mkdir()
    trial = load_example("2019")
    amounts = [("1.5", "万元"), ("300", "元"), (None, "元"), ("2", "万元"), ("0", None),
               ("7.25", "元")]
    files = []
    for index, (name, (amount, unit)) in enumerate(zip(NAMES, amounts, strict=True)):
        files.append(directory / name)
        dump(procurement(trial, f"第{index}镇", amount, unit), files[-1])
    return directory, sorted(files, key=str)


@pytest.mark.parametrize(("workers", "path"), [(None, "fast"), ("fork", "fast"),
                                              ("spawn", "fast"), ("fork", "strict")])
def test_output_is_the_bytes_of_dumps(towns: tuple[Path, list[Path]], tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch,
                                      workers: str | None, path: str) -> None:
    """`aggregate -o` and stdout write exactly `dumps(aggregate(...).report)`, in one
    process or summed in workers (which write the inputs' text for the output file),
    with or without msgspec to write it."""
    directory, files = towns
    expected = dumps(aggregate([load(path) for path in files], organ="示范县人民政府",
                               level="county", division_code="620102", blank="zero",
                               sources=[str(path) for path in files]).report)
    if workers is not None:
        force_workers(monkeypatch, workers)
    target = tmp_path / "county.json"
    argv = ("aggregate", str(directory), "--organ", "示范县人民政府", "--division-code",
            "620102", "--blank", "zero")
    with fast_path(path):
        code, _, _ = run(*argv, "-o", str(target))
        assert code == 0
        assert target.read_bytes() == expected.encode("utf-8")
        assert run(*argv)[1] == expected
    assert sorted(os.listdir(tmp_path)) == ["county.json", "towns"]  # nothing left beside


towns_named = st.lists(st.tuples(texts.filter(bool), texts), min_size=1, max_size=8,
                       unique_by=lambda pair: pair[0])


@settings(max_examples=40, deadline=None)
@given(towns_named, st.sampled_from(list(FormatVersion)),
       st.none() | st.sampled_from(["620102", "110101001000"]))
def test_pieces_join_to_dumps(towns: list[tuple[str, str]], version: FormatVersion,
                              division_code: str | None) -> None:
    """Any organ names and sources (every character JSON escapes or not): the pieces
    joined are `dumps` of the whole roll-up, which reads back as it."""
    aggregator = Aggregator(organ="示范县人民政府", level="county", blank="zero",
                            check_inputs=False)
    example = load_example(version)
    for organ, source in towns:
        aggregator.add(renamed(example, organ, division_code=division_code), source=source)
    streamed = aggregator.finish()
    text = "".join(streamed.pieces())
    rollup = streamed.rollup()
    assert text == dumps(rollup.report)
    assert loads(text) == rollup.report
    assert rollup.inputs == tuple(aggregator.inputs)
    given_inputs = attrs.evolve(streamed, inputs=rollup.inputs)
    assert "".join(given_inputs.pieces()) == text
    assert b"".join(streamed.encoded_pieces()) == text.encode()
    with fast_path("strict"):  # each input formatted by Python, not written by msgspec
        assert "".join(streamed.pieces()) == text
        assert b"".join(streamed.encoded_pieces()) == text.encode()


def test_inputs_msgspec_cannot_write_are_formatted_by_python() -> None:
    """A batch with a lone surrogate (a file name that is not UTF-8) is formatted as the
    json module does; the batches around it are written by msgspec, in the same layout."""
    from govinfo_report._rollup_inputs import InputRecords
    from govinfo_report._rollup_text import BATCH, text_pieces
    from govinfo_report.model import OrganLevel

    records = InputRecords()
    for index in range(BATCH * 3):
        source = "\udcff.json" if index == BATCH + 1 else f"{index}.json"
        records.add(f"第{index}镇", OrganLevel.TOWNSHIP, 2023, FormatVersion.V2021, None, source)
    text = '{\n  "extensions": {\n    "rollup": {\n      "inputs": [],\n      "blank_cells": []\n    }\n  }\n}\n'
    document = json.loads(text)
    document["extensions"]["rollup"]["inputs"] = [record._asdict() | {
        "level": record.level.value, "format": record.format.value} for record in records]
    assert "".join(text_pieces(text, records)) == json.dumps(document, ensure_ascii=False,
                                                             indent=2) + "\n"


def test_a_source_that_cannot_be_written_is_refused_located() -> None:
    """A source with a lone surrogate (a file name that is not UTF-8) is refused at its
    path in the record, before anything is written."""
    towns = [renamed(load_example("2021"), name) for name in ("甲镇", "乙镇")]
    with pytest.raises(LoadError, match=r"\$\.extensions\.rollup\.inputs\[1\]\.source"):
        aggregate(towns, organ="县", level="county", sources=["a.json", "b\udcff.json"])


@pytest.mark.skipif(os.name != "posix", reason="file names of bytes")
def test_cli_refuses_a_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    """Exit 2 with the located problem, no traceback, nothing written."""
    directory = tmp_path / "towns"
    directory.mkdir()
    dump(renamed(load_example("2021"), "甲镇"), directory / "a.json")
    dump(renamed(load_example("2021"), "乙镇"), Path(os.fsdecode(bytes(directory) + b"/b\xff.json")))
    target = tmp_path / "county.json"
    code, _, err = run("aggregate", str(directory), "-o", str(target))
    assert code == EXIT_INVALID
    assert ".source" in err
    assert "Traceback" not in err
    assert not target.exists()


def test_write_atomic_pieces_leaves_the_file_when_a_piece_fails(tmp_path: Path) -> None:
    """An exception while the pieces are made: the old file stays, no temporary file."""
    target = tmp_path / "out.json"
    target.write_bytes(b"old")

    def pieces() -> object:
        yield b"new "
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        write_atomic_pieces(target, pieces())  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert temporary_files(target) == []
    write_atomic_pieces(target, iter([b"a", b"", b"bc"]))
    assert target.read_bytes() == b"abc"


def test_a_finished_roll_up_keeps_its_inputs() -> None:
    """Reports added after `finish` belong to a later roll-up, not to the one finished."""
    aggregator = Aggregator(organ="县", level="county")
    aggregator.add(renamed(load_example("2021"), "甲镇"), source="a.json")
    streamed = aggregator.finish()
    aggregator.add(renamed(load_example("2021"), "乙镇"), source="b.json")
    assert [item.name for item in streamed.inputs] == ["a.json"]
    assert loads("".join(streamed.pieces())) == streamed.rollup().report
    assert [item.name for item in aggregator.inputs] == ["a.json", "b.json"]
