"""Roll-ups: exact sums, blank policy, units, refusals and the record of the inputs."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import build, dumps, loads
from govinfo_report.examples import load_example
from govinfo_report.exceptions import (
    IncompatibleReportsError,
    InvalidOptionError,
    InvalidReportError,
)
from govinfo_report.labels import iter_fields
from govinfo_report.model import Acknowledgement, Report
from govinfo_report.rollup import EXTENSION_KEY, aggregate, inconsistent_inputs
from govinfo_report.rules import iter_findings
from govinfo_report.schema import generate

from .sample_reports import (
    broken_identities,
    consistent_reports,
    procurement,
    renamed,
    value_at,
    with_cells,
)

PROCUREMENT = "$.proactive_disclosure.art20_9.procurement"


def test_every_cell_is_the_sum_of_the_inputs() -> None:
    """Each cell of the roll-up equals the sum of that cell over the inputs."""
    towns = [renamed(load_example("2021"), name) for name in ("甲镇", "乙镇", "丙镇")]
    rollup = aggregate(towns, organ="示范县人民政府", level="county")
    for info in iter_fields("2021", cells_only=True):
        expected = sum(value_at(town, info.json_path) for town in towns)
        assert value_at(rollup.report, info.json_path) == expected, info.json_path
    assert rollup.report.proactive_disclosure.art20_8.admin_fees.amount == Decimal("1.05")
    assert rollup.blank_cells == ()


def test_metadata_narrative_and_record_of_inputs() -> None:
    """Metadata comes from the arguments and the inputs' year; narrative is empty; inputs recorded."""
    towns = [renamed(load_example("2021"), name, division_code=code)
             for name, code in (("甲镇", "620102001000"), ("乙镇", None))]
    rollup = aggregate(towns, organ="示范县人民政府", level="county", division_code="620102",
                       sources=["a/甲镇.json", "b/乙镇.json"])
    metadata = rollup.report.metadata
    assert (metadata.organ, metadata.level.value, metadata.year, metadata.division_code,
            metadata.published, metadata.document_number) == (
        "示范县人民政府", "county", 2023, "620102", None, None)
    assert rollup.report.overview.summary == rollup.report.preamble == ""
    assert rollup.report.problems.problems == rollup.report.other_matters.text == ""
    assert rollup.report.extensions[EXTENSION_KEY] == {
        "rollup_format": 1, "blank": "blank",
        "inputs": [
            {"organ": "甲镇", "level": "township", "year": 2023, "format": "2021",
             "division_code": "620102001000", "source": "a/甲镇.json"},
            {"organ": "乙镇", "level": "township", "year": 2023, "format": "2021",
             "division_code": None, "source": "b/乙镇.json"}],
        "blank_cells": [], "converted": []}


def test_roll_up_is_lossless_and_schema_valid() -> None:
    """The roll-up (with its extension record) round-trips through JSON and passes the schema."""
    naleisi = load_example("2019")
    rollup = aggregate([naleisi, renamed(naleisi, "乙镇")], organ="示范县人民政府",
                       level="county")
    document = json.loads(dumps(rollup.report))
    jsonschema.validate(document, generate("2019"))
    assert loads(dumps(rollup.report)) == rollup.report


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(["2021", "2019"]).flatmap(
    lambda version: st.lists(consistent_reports(version), min_size=1, max_size=4)))
def test_roll_up_of_consistent_reports_is_consistent(reports: list[Report]) -> None:
    """Summing consistent reports gives a report where S1, I1, I2 and I3 hold."""
    towns = [renamed(report, f"第{index}镇") for index, report in enumerate(reports)]
    report = aggregate(towns, organ="示范县人民政府", level="county").report
    assert broken_identities(report) == []
    assert [finding.rule for finding in iter_findings(report)
            if finding.rule in {"S1", "I1", "I2", "I3"}] == []


def test_money_sums_are_exact_beyond_the_default_precision() -> None:
    """Amounts are added exactly, even with more digits than the default decimal context."""
    base = load_example("2021")
    big = with_cells(base, proactive_disclosure__art20_8__admin_fees__amount=(
        "123456789012345678901234567.89"))
    small = renamed(with_cells(base, proactive_disclosure__art20_8__admin_fees__amount="0.01"),
                    "乙镇")
    report = aggregate([big, small], organ="县", level="county").report
    assert report.proactive_disclosure.art20_8.admin_fees.amount == Decimal(
        "123456789012345678901234567.90")


def test_blank_cells_make_blank_sums_and_are_reported() -> None:
    """By default a cell blank in any input is blank in the roll-up and listed with those inputs."""
    naleisi = load_example("2019")
    full = renamed(build("2019", {"metadata": {"organ": "乙镇", "level": "township",
                                                "year": 2020}}), "乙镇")
    rollup = aggregate([naleisi, full], organ="示范县人民政府", level="county")
    path = "$.applications.results.granted.total"
    assert value_at(naleisi, path) is None
    assert value_at(rollup.report, path) is None
    blank = next(cell for cell in rollup.blank_cells if cell.json_path == path)
    assert [item.organ for item in blank.inputs] == ["东乡族自治县那勒寺镇人民政府"]
    assert str(blank) == ("$.applications.results.granted.total（三、收到和处理政府信息公开申请情况 › "
                          "三、本年度办理结果 › （一）予以公开 › 总计）: 东乡族自治县那勒寺镇人民政府")
    blank_paths = {cell.json_path for cell in rollup.blank_cells}
    assert blank_paths == {info.json_path for info in iter_fields("2019", cells_only=True)
                           if value_at(naleisi, info.json_path) is None}
    recorded = rollup.report.extensions[EXTENSION_KEY]["blank_cells"]
    assert {"json_path": path, "inputs": [0]} in recorded


def test_blank_as_zero() -> None:
    """With blank="zero" a blank input counts as 0, and the cell is still listed."""
    naleisi = load_example("2019")
    other = renamed(naleisi, "乙镇")
    rollup = aggregate([naleisi, other], organ="县", level="county", blank="zero")
    path = "$.applications.results.granted.total"
    assert value_at(rollup.report, path) == 0
    assert rollup.report.applications.results.granted.natural_person == 2 * (
        naleisi.applications.results.granted.natural_person or 0)
    assert path in {cell.json_path for cell in rollup.blank_cells}
    assert rollup.report.extensions[EXTENSION_KEY]["blank"] == "zero"


def test_procurement_amounts_in_one_unit_keep_it() -> None:
    """采购总金额 in the same unit is summed in that unit."""
    naleisi = load_example("2019")
    report = aggregate([procurement(naleisi, "甲镇", "251000", "元"),
                        procurement(naleisi, "乙镇", "1000.50", "元")],
                       organ="县", level="county").report
    assert report.proactive_disclosure.art20_9.procurement.total_amount == Decimal("252000.50")
    assert report.proactive_disclosure.art20_9.procurement.amount_unit.value == "元"


def test_procurement_amounts_in_mixed_units_are_converted_to_yuan() -> None:
    """万元 amounts are converted exactly to 元 when units differ, and the conversion is recorded."""
    naleisi = load_example("2019")
    rollup = aggregate([procurement(naleisi, "甲镇", "251000", "元"),
                        procurement(naleisi, "乙镇", "1.2345", "万元"),
                        procurement(naleisi, "丙镇", "0", None)],
                       organ="县", level="county")
    amount = rollup.report.proactive_disclosure.art20_9.procurement
    assert (amount.total_amount, amount.amount_unit.value) == (Decimal("263345.0000"), "元")
    assert rollup.report.extensions[EXTENSION_KEY]["converted"] == [
        {"json_path": f"{PROCUREMENT}.total_amount", "from": "万元", "to": "元", "inputs": [1]}]


def test_procurement_amount_without_unit_is_refused() -> None:
    """An amount other than 0 without a unit cannot be added to amounts with one."""
    naleisi = load_example("2019")
    with pytest.raises(IncompatibleReportsError) as caught:
        aggregate([procurement(naleisi, "甲镇", "251000", "元"),
                   procurement(naleisi, "乙镇", "300", None)], organ="县", level="county")
    assert str(caught.value) == (
        "$.proactive_disclosure.art20_9.procurement.total_amount（二、主动公开政府信息情况 › "
        "第二十条第（九）项 › 政府集中采购 › 采购总金额）：乙镇 的金额没有记录单位，"
        "不能与记录了单位的金额相加（an amount without a unit cannot be added to amounts with one）")
    assert caught.value.odd_ones == (1,)


def test_procurement_amounts_all_without_unit_stay_without() -> None:
    """Amounts that all lack a unit are summed, and the sum has no unit either."""
    naleisi = load_example("2019")
    report = aggregate([procurement(naleisi, "甲镇", "5", None),
                        procurement(naleisi, "乙镇", "0", "万元")],
                       organ="县", level="county").report
    amount = report.proactive_disclosure.art20_9.procurement
    assert (amount.total_amount, amount.amount_unit) == (Decimal("5"), None)


def test_mixed_format_versions_are_refused_naming_the_odd_ones() -> None:
    """Reports of a format version other than the majority's are named in the error."""
    towns = [renamed(load_example("2021"), "甲镇"), load_example("2019"),
             renamed(load_example("2021"), "乙镇")]
    with pytest.raises(IncompatibleReportsError) as caught:
        aggregate(towns, organ="县", level="county", sources=["甲.json", "naleisi.json", "乙.json"])
    assert str(caught.value) == (
        "不能汇总不同格式版本的报告（cannot roll up reports of different format versions）："
        "多数为 2021（国办公开办函〔2021〕30号），以下报告不同：naleisi.json：2019（国办公开办函〔2019〕60号）")
    assert caught.value.odd_ones == (1,)
    assert isinstance(caught.value, ValueError)


def test_mixed_years_are_refused_naming_the_odd_ones() -> None:
    """Reports of a year other than the majority's are named in the error."""
    base = load_example("2021")
    towns = [renamed(base, "甲镇"), renamed(base, "乙镇", year=2022), renamed(base, "丙镇"),
             renamed(base, "丁镇", year=2021)]
    with pytest.raises(IncompatibleReportsError) as caught:
        aggregate(towns, organ="县", level="county")
    assert str(caught.value) == (
        "不能汇总不同年度的报告（cannot roll up reports of different years）："
        "多数为 2023 年度，以下报告不同：乙镇：2022 年度；丁镇：2021 年度")
    assert caught.value.odd_ones == (1, 3)


def test_the_same_organ_twice_is_refused() -> None:
    """A report given twice would be counted twice: refused, naming both."""
    base = load_example("2021")
    with pytest.raises(IncompatibleReportsError) as caught:
        aggregate([base, renamed(base, "乙镇"), base], organ="县", level="county",
                  sources=["a.json", "b.json", "copy/a.json"])
    assert str(caught.value) == (
        "同一机关的报告出现了不止一次，会被重复计算（the same organ appears more than once）："
        "copy/a.json 与 a.json")
    assert caught.value.odd_ones == (2,)


def test_bad_arguments_raise_library_errors() -> None:
    """No input, an unknown blank policy, a bad level or an empty organ: located library errors."""
    base = load_example("2021")
    with pytest.raises(IncompatibleReportsError, match="没有可汇总的报告"):
        aggregate([], organ="县", level="county")
    with pytest.raises(InvalidOptionError, match="unknown blank policy"):
        aggregate([base], organ="县", level="county", blank="skip")  # type: ignore[arg-type]
    with pytest.raises(InvalidOptionError, match="one source per report"):
        aggregate([base], organ="县", level="county", sources=[])
    with pytest.raises(InvalidReportError) as caught:
        aggregate([base], organ="", level="shire")
    assert [problem.json_path for problem in caught.value.problems] == [
        "$.metadata.organ", "$.metadata.level"]


def test_acknowledgements_are_kept_with_their_organ() -> None:
    """Inputs' acknowledgements are carried, merged per rule and path, reasons prefixed by organ."""
    base = load_example("2021")
    note = Acknowledgement(rule="W1", path="$.applications.carried_over", reason="机构改革")
    towns = [renamed(attrs.evolve(base, acknowledgements=(note,)), "甲镇"),
             renamed(attrs.evolve(base, acknowledgements=(note,)), "乙镇"), renamed(base, "丙镇")]
    report = aggregate(towns, organ="县", level="county").report
    assert report.acknowledgements == (Acknowledgement(
        rule="W1", path="$.applications.carried_over", reason="甲镇：机构改革；乙镇：机构改革"),)


def _unbalanced(organ: str) -> Report:
    """The 2021 example with one row total off by 2: it fails I1, and I2 in its column."""
    report = renamed(load_example("2021"), organ)
    total = value_at(report, "$.applications.results.denied.third_party.total")
    return with_cells(report, applications__results__denied__third_party__total=total + 2)


def test_inputs_failing_an_error_rule_are_refused_by_name() -> None:
    """An input that fails I1 would pass the discrepancy on: refused, naming it, rule and path."""
    towns = [renamed(load_example("2021"), "甲镇"), _unbalanced("乙镇"), _unbalanced("丙镇")]
    with pytest.raises(IncompatibleReportsError) as raised:
        aggregate(towns, organ="示范县人民政府", level="county",
                  sources=["a.json", "b.json", "c.json"])
    assert raised.value.odd_ones == (1, 2)
    message = str(raised.value)
    assert "a.json" not in message
    assert "b.json：I1 $.applications.results.denied.third_party.total" in message
    assert "c.json：I1" in message


def test_inconsistent_inputs_lists_the_failing_findings() -> None:
    """The check aggregate uses: each failing input with its error-level findings only."""
    towns = [_unbalanced("乙镇"), renamed(load_example("2021"), "甲镇")]
    found = inconsistent_inputs(towns)
    assert [item.input.index for item in found] == [0]
    assert found[0].input.name == "乙镇"
    expected = [finding for finding in iter_findings(towns[0]) if finding.is_failure()]
    assert list(found[0].findings) == expected
    assert {finding.rule for finding in expected} == {"I1", "I2"}


def test_acknowledged_inputs_and_check_inputs_false_are_summed() -> None:
    """Acknowledged findings do not count; check_inputs=False sums, inconsistency and all."""
    broken = _unbalanced("乙镇")
    acknowledged = attrs.evolve(broken, acknowledgements=(
        Acknowledgement(rule="I1", path="$.applications.results.denied.third_party",
                        reason="原表如此"),
        Acknowledgement(rule="I2", path="$.applications.results.total", reason="原表如此")))
    assert inconsistent_inputs([acknowledged]) == ()
    aggregate([acknowledged, renamed(load_example("2021"), "甲镇")], organ="县", level="county")
    rollup = aggregate([broken, renamed(load_example("2021"), "甲镇")], organ="县",
                       level="county", check_inputs=False)
    assert {finding.rule for finding in iter_findings(rollup.report)
            if finding.is_failure()} == {"I1", "I2"}


def test_many_paths_of_one_rule_are_counted_not_listed() -> None:
    """A message names the first few paths of a rule and counts the rest."""
    report = renamed(load_example("2021"), "乙镇")
    cells = {f"applications__results__denied__{name}__total": 99
             for name in ("state_secret", "law_forbidden", "third_party", "three_safety_one_stability",
                          "internal_affairs", "process_info")}
    found = inconsistent_inputs([with_cells(report, **cells)], sources=["b.json"])
    named_i1, named_i2 = str(found[0]).split("；")
    assert named_i1.startswith("b.json：I1 $.applications.results.denied.state_secret.total、")
    assert named_i1.count("$.") == 3
    assert named_i1.endswith(" 等另 3 处")
    assert named_i2 == "I2 $.applications.results.total.total"


def test_inputs_whose_organ_or_year_is_not_known_are_refused() -> None:
    """A report with organ or year null is named, not summed into a county total."""
    known = load_example("2021")
    unnamed = attrs.evolve(known, metadata=attrs.evolve(known.metadata, organ=None))
    with pytest.raises(IncompatibleReportsError, match="（机关名称未填）或（报告年度未填）") \
            as raised:
        aggregate([known, unnamed], organ="示范县人民政府", level="county")
    assert raised.value.odd_ones == (1,)
