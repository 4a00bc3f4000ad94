"""Hostile values on the way out: rules, comparison, exports, numerals, atomic writes."""

from __future__ import annotations

import io
import json
from typing import Any

import attrs
import openpyxl
import pytest

from govinfo_report import convert, limits
from govinfo_report.compare import compare
from govinfo_report.examples import example_text, load_example
from govinfo_report.exceptions import InvalidReportError
from govinfo_report.export import write_csv, write_xlsx
from govinfo_report.model import Report
from govinfo_report.rules import iter_findings
from govinfo_report.rules._numerals import parse_count


def with_new_received(report: Report, total: int) -> Report:
    """``report`` built in code with 新收政府信息公开申请数量 ``total`` (no loader check)."""
    cells = attrs.evolve(report.applications.new_received, total=total)
    return attrs.evolve(report, applications=attrs.evolve(report.applications,
                                                          new_received=cells))


def previous_year(report: Report) -> Report:
    return attrs.evolve(report, metadata=attrs.evolve(report.metadata,
                                                      year=report.metadata.year - 1))


@pytest.mark.parametrize("total", [10**400, 10**5000], ids=["1e400", "1e5000"])
def test_compare_does_not_overflow(total: int) -> None:
    current = load_example("2021")
    for old, new in ((previous_year(current), with_new_received(current, total)),
                     (previous_year(with_new_received(current, total)), current)):
        difference = next(cell for cell in compare(old, new).cells
                          if cell.json_path == "$.applications.new_received.total")
        assert difference.ratio is None or difference.ratio == 0.0
        assert difference.jump


def test_compare_of_ordinary_counts_keeps_its_ratio() -> None:
    current = with_new_received(load_example("2021"), 6000)
    old = with_new_received(previous_year(current), 1000)
    difference = next(cell for cell in compare(old, current).cells
                      if cell.json_path == "$.applications.new_received.total")
    assert (difference.ratio, difference.jump) == (6.0, True)


@pytest.mark.parametrize("total", [limits.MAX_COUNT + 1, 10**400, 10**5000],
                         ids=["2^53", "1e400", "1e5000"])
def test_rules_show_huge_counts_without_failing(total: int) -> None:
    findings = list(iter_findings(with_new_received(load_example("2021"), total)))
    assert any(finding.json_path.startswith("$.applications") for finding in findings)


@pytest.mark.parametrize("total", [limits.MAX_COUNT + 1, 10**400], ids=["2^53", "1e400"])
def test_xlsx_refuses_counts_a_worksheet_would_round(total: int) -> None:
    report = with_new_received(load_example("2021"), total)
    with pytest.raises(InvalidReportError, match=r"\$\.applications\.new_received\.total"):
        write_xlsx([report], io.BytesIO())


def test_csv_refuses_a_count_it_cannot_write() -> None:
    report = with_new_received(load_example("2021"), 10**5000)
    with pytest.raises(InvalidReportError, match=r"\$\.applications\.new_received\.total"):
        write_csv([report], io.BytesIO())


def test_exports_refuse_lone_surrogates_built_in_code() -> None:
    report = load_example("2021")
    report = attrs.evolve(report, metadata=attrs.evolve(report.metadata, organ="X\ud800"))
    for write in (write_csv, write_xlsx):
        with pytest.raises(InvalidReportError, match=r"\$\.metadata\.organ"):
            write([report], io.BytesIO())  # type: ignore[operator]


def test_xlsx_writes_control_characters_a_report_may_hold() -> None:
    """JSON may escape any control character; a worksheet cannot hold them: U+FFFD."""
    document: dict[str, Any] = json.loads(example_text("2021"))
    document["metadata"]["organ"] = "甲\x01乙\x1b丙"
    stream = io.BytesIO()
    write_xlsx([convert.from_dict(document)], stream)
    workbook = openpyxl.load_workbook(io.BytesIO(stream.getvalue()))
    assert workbook["records"]["A2"].value == "甲\ufffd乙\ufffd丙"


@pytest.mark.parametrize("digits", ["1" * 17, "1" * 5000, "１" * 5000, "一" * 5000],
                         ids=["17", "5000", "full-width", "chinese"])
def test_numeral_reader_ignores_absurd_digit_runs(digits: str) -> None:
    assert parse_count(digits) is None


def test_narrative_with_a_huge_number_is_checked_without_failing() -> None:
    document: dict[str, Any] = json.loads(example_text("2021"))
    document["overview"]["summary"] = "本年新收政府信息公开申请" + "9" * 5000 + "件。"
    findings = list(iter_findings(convert.from_dict(document)))
    assert all("9" * 100 not in finding.message for finding in findings)
