"""The API an embedding developer expects: validate, get/set by path, blank reports, exports."""

from __future__ import annotations

import csv
import inspect
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo_report as gr
from govinfo_report.cli import main
from govinfo_report.examples import example_text, load_example
from govinfo_report.exceptions import (
    IncompatibleReportsError,
    InvalidOptionError,
    LoadError,
    UnknownPathError,
)
from govinfo_report.export import (
    LABEL_SEPARATOR,
    UNIT_SUFFIX,
    WIDE_ID_FIELDS,
    iter_records,
    wide_header,
    write_wide_csv,
)
from govinfo_report.labels import iter_fields
from govinfo_report.model._fields import Kind
from govinfo_report.render import (
    render_html,
    render_markdown,
    render_page,
    render_text,
)

from .strategies import counts, reports

CELLS = {version: [info.json_path for info in iter_fields(version, cells_only=True)]
         for version in ("2021", "2019")}
COUNT_CELLS = [info.json_path for info in iter_fields("2021", cells_only=True)
               if info.kind is Kind.COUNT]


def test_everyday_names_are_exported_at_the_top_level() -> None:
    """from_dict, to_dict, Finding, Severity, validate … are importable from the package."""
    for name in ("from_dict", "to_dict", "Finding", "Severity", "validate", "Validation",
                 "get_path", "set_path", "blank_report"):
        assert name in gr.__all__
        assert getattr(gr, name) is not None
    assert gr.__all__ == sorted(gr.__all__, key=lambda name: (name.islower(), name))


# --- validate -------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["path", "str path", "text", "text with a BOM", "bytes", "dict",
                                  "report"])
def test_validate_reads_every_kind_of_source(tmp_path: Path, kind: str) -> None:
    """A path, a path string, a JSON text, bytes, a dict or a report: the same result."""
    file = tmp_path / "report.json"
    file.write_text(example_text("2019"), encoding="utf-8")
    source: Any = {
        "path": file, "str path": str(file), "text": example_text("2019"),
        "text with a BOM": "\ufeff" + example_text("2019"),
        "bytes": example_text("2019").encode("utf-8"),
        "dict": json.loads(example_text("2019")), "report": load_example("2019"),
    }[kind]
    result = gr.validate(source)
    assert result.report == load_example("2019")
    assert result.problems == ()
    assert result.findings == tuple(gr.iter_findings(load_example("2019")))
    assert result.source == (str(file) if "path" in kind else "")


def test_validate_returns_load_problems_instead_of_raising(tmp_path: Path) -> None:
    """A bad document or a missing file: the located problems, exit code 2, no exception."""
    result = gr.validate('{"format": "2021"}')
    assert (result.ok, result.report, result.exit_code) == (False, None, 2)
    assert [problem.json_path for problem in result.problems][:1] == ["$.metadata"]
    missing = gr.validate(tmp_path / "missing.json")
    assert missing.source == str(tmp_path / "missing.json")
    assert missing.problems[0].message == (
        "无法读取文件（cannot read the file）：没有这个文件或目录（No such file or directory）")


def test_validate_matches_the_command(tmp_path: Path) -> None:
    """The command's findings and exit code are the library's, for a report with an error."""
    document = json.loads(example_text("2021"))
    document["applications"]["new_received"]["natural_person"] = 13
    file = tmp_path / "wrong.json"
    file.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    result = gr.validate(file)
    out = io.StringIO()
    code = main(["validate", "--format", "json", str(file)], stdin=io.StringIO(),
                stdout=out, stderr=io.StringIO())
    shown = json.loads(out.getvalue())["files"][0]["findings"]
    assert (result.exit_code, code) == (1, 1)
    assert [(f["rule"], f["json_paths"][0]) for f in shown] == [
        (f.rule, f.json_path) for f in result.findings]
    assert result.failures
    assert not result.ok


def test_validate_strict_and_previous() -> None:
    """strict makes blank cells fail; previous turns the cross-year rules on."""
    draft = gr.blank_report("2021", organ="某镇", year=2024)
    assert gr.validate(draft).ok
    assert not gr.validate(draft, strict=True).ok
    current = load_example("2021")
    before = gr.set_path(gr.set_path(current, "$.metadata.year", current.metadata.year - 1),
                         "$.applications.carried_forward.total", 99)
    assert "W1" in {f.rule for f in gr.validate(current, previous=before).findings}
    assert "W1" not in {f.rule for f in gr.validate(current).findings}


# --- get_path / set_path --------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(report=reports("2021"), data=st.data())
def test_set_then_get_gives_the_value_and_changes_nothing_else(report: gr.Report,
                                                               data: st.DataObject) -> None:
    """For any cell: set_path returns a new report holding the value there, and only there."""
    path = data.draw(st.sampled_from(COUNT_CELLS))
    value = data.draw(counts)
    changed = gr.set_path(report, path, value)
    assert gr.get_path(changed, path) == value
    for other in CELLS["2021"]:
        if other != path:
            assert gr.get_path(changed, other) == gr.get_path(report, other)


def test_get_path_reads_rows_parts_and_money() -> None:
    """A row object, an exact decimal, a blank cell."""
    report = load_example("2021")
    row = gr.get_path(report, "$.applications.new_received")
    assert row is report.applications.new_received
    assert gr.get_path(report, ("applications", "new_received", "total")) == 15
    money = gr.set_path(report, "$.proactive_disclosure.art20_8.admin_fees.amount",
                        Decimal("0.35"))
    assert gr.get_path(money, "$.proactive_disclosure.art20_8.admin_fees.amount") == \
        Decimal("0.35")


@pytest.mark.parametrize("path", [
    "$.applications.no_such_row", "$.applications.new_received.total.deeper", "$.acknowledgements[5]",
    "applications", "$.proactive_disclosure.art20_9",
])
def test_unknown_paths_are_library_errors(path: str) -> None:
    """A path the report does not have: UnknownPathError (a KeyError), for get and set."""
    report = load_example("2021")
    with pytest.raises(UnknownPathError):
        gr.get_path(report, path)
    with pytest.raises(UnknownPathError):
        gr.set_path(report, path, 1)


def test_a_value_that_does_not_fit_is_located() -> None:
    """A negative count is refused with its path, and the report is unchanged."""
    report = load_example("2021")
    with pytest.raises(LoadError) as caught:
        gr.set_path(report, "$.applications.new_received.natural_person", -1)
    assert caught.value.problems[0].json_path == "$.applications.new_received.natural_person"
    assert report.applications.new_received.natural_person == 12


# --- blank reports -------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_blank_report_has_every_cell_null_and_only_blank_warnings(version: str) -> None:
    """Every cell None; the only findings are the blank-cell warnings; lossless JSON."""
    year = 2020 if version == "2019" else 2023  # a year of the format's (else Y1)
    draft = gr.blank_report(version, organ="示范县青山镇人民政府", level="county", year=year)
    assert all(gr.get_path(draft, path) is None for path in CELLS[version])
    findings = list(gr.iter_findings(draft))
    assert {f.rule for f in findings} == {"B1"}
    assert {f.severity for f in findings} == {gr.Severity.WARNING}
    assert gr.loads(gr.dumps(draft)) == draft
    unnamed = gr.loads(gr.dumps(gr.blank_report(version)))
    assert unnamed.metadata.organ is None
    assert {f.rule for f in gr.iter_findings(unnamed)} <= {"B1", "M1"}
    assert [f.json_path for f in gr.iter_findings(unnamed) if f.rule == "M1"] == \
        ["$.metadata.organ"]
    assert (draft.metadata.organ, draft.metadata.level.value, draft.metadata.year) == \
        ("示范县青山镇人民政府", "county", year)


def test_blank_report_refuses_bad_options() -> None:
    """Unknown format or level, or a year that is not an integer: InvalidOptionError."""
    for kwargs in ({"format": "2020"}, {"format": "2021", "level": "planet"},
                   {"format": "2021", "year": "2024"}, {"format": "2021", "organ": " "}):
        with pytest.raises(InvalidOptionError):
            gr.blank_report(**kwargs)


# --- render signatures ---------------------------------------------------------------


@pytest.mark.parametrize("function", [render_html, render_page, render_markdown, render_text])
def test_render_functions_take_typed_keywords(function: Any) -> None:
    """No **options: every keyword is named and typed, so editors and mypy see them."""
    parameters = inspect.signature(function).parameters.values()
    assert all(p.kind is not inspect.Parameter.VAR_KEYWORD for p in parameters)
    assert "templates" in inspect.signature(function).parameters


def test_render_html_keywords_reach_the_renderer() -> None:
    """prefix and heading_level change the fragment; an unknown keyword is a TypeError."""
    fragment = render_html(load_example("2021"), prefix="gov-", heading_level=2)
    assert fragment.startswith('<div class="gov-report')
    assert "<h2" in fragment
    with pytest.raises(TypeError):
        render_html(load_example("2021"), colour="red")  # type: ignore[call-arg]


# --- wide CSV ------------------------------------------------------------------------


def test_wide_csv_is_the_long_records_pivoted(tmp_path: Path) -> None:
    """Each row holds its report's values under the official labels of the long records."""
    reports_ = [load_example("2021"), gr.set_path(load_example("2021"),
                                                  "$.metadata.organ", "另一个镇")]
    target = tmp_path / "wide.csv"
    assert write_wide_csv(reports_, target) == 2
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert tuple(rows[0]) == wide_header("2021")
    assert len(rows) == 3
    for row, report in zip(rows[1:], reports_, strict=True):
        by_label = dict(zip(rows[0], row, strict=True))
        assert by_label["organ"] == report.metadata.organ
        for record in iter_records([report]):
            shown = by_label[LABEL_SEPARATOR.join(record.labels)]
            assert shown == ("" if record.value is None else str(record.value))


def test_wide_header_names_are_unique_and_trial_units_have_a_column() -> None:
    """One column per cell, no two alike; 采购总金额 of the trial format carries its unit."""
    for version in ("2021", "2019"):
        header = wide_header(version)
        assert len(header) == len(set(header))
        assert header[:len(WIDE_ID_FIELDS)] == WIDE_ID_FIELDS
    assert sum(name.endswith(UNIT_SUFFIX) for name in wide_header("2019")) == 1
    example = load_example("2019")
    out = io.StringIO(newline="")
    write_wide_csv([example], out)
    header, row = csv.reader(io.StringIO(out.getvalue()))
    unit = dict(zip(header, row, strict=True))[next(n for n in header if n.endswith(UNIT_SUFFIX))]
    procurement = example.proactive_disclosure.art20_9.procurement
    assert unit == ("" if procurement.amount_unit is None else procurement.amount_unit.value)


def test_wide_csv_refuses_mixed_versions_and_keeps_the_old_file(tmp_path: Path) -> None:
    """One table, one format version: the odd report is named and no file is written."""
    target = tmp_path / "wide.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(IncompatibleReportsError) as caught:
        write_wide_csv([load_example("2021"), load_example("2019")], target)
    assert caught.value.odd_ones == (1,)
    assert target.read_text(encoding="utf-8") == "old"


@settings(max_examples=25, deadline=None)
@given(report=reports())
def test_wide_csv_row_reads_back_every_cell_exactly(report: gr.Report) -> None:
    """Property: under JSON-path headers, each field of a report's row is its cell, exactly
    (blank is empty, money its decimal string), and the unit column names the recorded unit."""
    out = io.StringIO(newline="")
    write_wide_csv([report], out, header="paths")
    header, row = csv.reader(io.StringIO(out.getvalue()))
    shown = dict(zip(header, row, strict=True))
    assert len(shown) == len(header)
    for path in CELLS[report.format.value]:
        value = gr.get_path(report, path)
        expected = "" if value is None else (
            format(value, "f") if isinstance(value, Decimal) else str(value))
        assert shown[path] == expected, path
    for name, text in shown.items():
        if name.endswith(UNIT_SUFFIX):
            unit = gr.get_path(report, name.removesuffix(UNIT_SUFFIX).rsplit(".", 1)[0]
                               + ".amount_unit")
            assert text == ("" if unit is None else unit.value)
