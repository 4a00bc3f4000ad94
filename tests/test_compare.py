"""Year-over-year comparison: differences, jumps, cross-year checks, formats and units."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import attrs
import pytest

from govinfo_report import build
from govinfo_report.compare import compare
from govinfo_report.examples import load_example
from govinfo_report.exceptions import IncompatibleReportsError, InvalidOptionError
from govinfo_report.labels import iter_fields
from govinfo_report.model import Acknowledgement, Report
from govinfo_report.rules._examples import edited

from .sample_reports import procurement, renamed

ORGAN = "示范县青山镇人民政府"


def town(year: int, received: int, *, format: str = "2021") -> Report:
    """A report whose 一、本年新收 自然人 (all granted) is ``received``."""
    return build(format, {
        "metadata": {"organ": ORGAN, "level": "township", "year": year},
        "applications": {"new_received": {"natural_person": received},
                         "results": {"granted": {"natural_person": received}}}})


def cell(comparison: Any, json_path: str) -> Any:
    """The difference of the cell at ``json_path``."""
    return next(item for item in comparison.cells if item.json_path == json_path)


NEW = "$.applications.new_received.natural_person"
ART20_1 = "$.proactive_disclosure.art20_1"


def test_every_shared_cell_is_compared_in_official_order() -> None:
    """Same format: every cell is compared, none skipped, in the registry's order."""
    comparison = compare(town(2022, 3), town(2023, 5))
    assert [item.json_path for item in comparison.cells] == [
        info.json_path for info in iter_fields("2021", cells_only=True)]
    assert comparison.skipped == ()
    item = cell(comparison, NEW)
    assert (item.labels, item.unit, item.previous, item.current, item.difference, item.ratio) == (
        ("三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量", "自然人"),
        "件", 3, 5, 2, pytest.approx(5 / 3))
    assert {item.json_path for item in comparison.changed} == {
        NEW, "$.applications.new_received.total",
        "$.applications.results.granted.natural_person", "$.applications.results.granted.total",
        "$.applications.results.total.natural_person", "$.applications.results.total.total"}


@pytest.mark.parametrize(("previous", "current", "jump"), [
    (3, 30, True),      # ×10, larger value 30 ≥ 20
    (3, 15, False),     # ×5 is not more than 5, and 15 < 20
    (100, 19, True),    # below 0.2 of itself
    (100, 20, False),   # exactly 0.2
    (0, 20, True),      # rises from 0 to a non-trivial count
    (0, 19, False),     # trivial
    (30, 0, True),      # falls to 0
])
def test_large_jumps_of_non_trivial_counts(previous: int, current: int, jump: bool) -> None:
    """A count jumps when it grows more than 5 times or shrinks below 0.2, and the larger is ≥ 20."""
    comparison = compare(town(2022, previous), town(2023, current))
    assert cell(comparison, NEW).jump is jump
    assert bool(comparison.jumps) is jump
    assert comparison.has_warnings is jump


def test_jump_thresholds_are_parameters() -> None:
    """jump_ratio and min_count change what counts as a jump; bad values are refused."""
    assert cell(compare(town(2022, 2), town(2023, 5), jump_ratio=2, min_count=5), NEW).jump
    assert not cell(compare(town(2022, 2), town(2023, 5)), NEW).jump
    with pytest.raises(InvalidOptionError, match="jump_ratio must be greater than 1"):
        compare(town(2022, 2), town(2023, 5), jump_ratio=1)
    with pytest.raises(InvalidOptionError, match="min_count must be >= 0"):
        compare(town(2022, 2), town(2023, 5), min_count=-1)


def test_blank_cells_have_no_difference() -> None:
    """A cell blank in either year is listed with no difference or ratio, and never jumps."""
    naleisi = load_example("2019")
    current = renamed(naleisi, naleisi.metadata.organ, year=2021)
    item = cell(compare(naleisi, current), "$.applications.results.granted.total")
    assert (item.previous, item.current, item.difference, item.ratio, item.jump, item.changed) == (
        None, None, None, None, False, False)


def test_money_differences_are_exact() -> None:
    """Money cells are subtracted exactly and never flagged as jumps."""
    previous = town(2022, 0)
    current = build("2021", {"metadata": {"organ": ORGAN, "level": "township", "year": 2023},
                             "proactive_disclosure": {"art20_8": {"admin_fees": {"amount": "2.1"}}}})
    item = cell(compare(previous, current), "$.proactive_disclosure.art20_8.admin_fees.amount")
    assert (item.previous, item.current, item.difference, item.unit, item.jump) == (
        Decimal("0"), Decimal("2.1"), Decimal("2.1"), "万元", False)


def test_different_formats_compare_cells_by_meaning_and_name_the_skipped() -> None:
    """Trial format → 2021 format: cells are paired by meaning (the same path, or the
    crosswalk's pairing); the cells without a counterpart are listed."""
    naleisi = load_example("2019")
    current = renamed(load_example("2021"), naleisi.metadata.organ, year=2021)
    comparison = compare(naleisi, current)
    old = {info.json_path for info in iter_fields("2019", cells_only=True)}
    new = {info.json_path for info in iter_fields("2021", cells_only=True)}
    renamed_cells = {f"{ART20_1}.{row}.{column}": f"{ART20_1}.{row}.{trial}"
                     for row in ("regulations", "normative_documents")
                     for column, trial in (("issued", "new_made"), ("in_force", "total_published"))}
    other = "$.applications.results.other"
    assert {(item.previous_json_path, item.json_path) for item in comparison.cells} == {
        *((path, path) for path in old & new if not path.startswith(other)),
        *((trial, path) for path, trial in renamed_cells.items())}
    assert set(comparison.skipped) == (old ^ new) - {*renamed_cells, *renamed_cells.values()} | {
        path for path in old | new if path.startswith(other + ".")}
    assert "$.proactive_disclosure.art20_9.procurement.total_amount" in comparison.skipped
    assert "$.applications.results.other.no_correction.total" in comparison.skipped
    assert "$.applications.results.other.total" in comparison.skipped  # a sum, no counterpart
    assert [(p.current, p.trial, p.exact) for p in comparison.pairings] == [
        (path, trial, False) for path, trial in renamed_cells.items()]
    [note] = comparison.notes
    assert note.startswith(
        f"格式版本不同：2019 → 2021；按含义比较 {len(comparison.cells)} 个单元格（其中按对照表配对的 4 个："
        f"{ART20_1}.regulations.issued ↔ {ART20_1}.regulations.new_made（含义相近，不完全相同）；")
    assert note.endswith(f"，跳过没有对应单元格的 {len(comparison.skipped)} 个"
                         "（formats differ; cells are paired by meaning through the crosswalk）")
    documents = cell(comparison, f"{ART20_1}.normative_documents.in_force")
    assert (documents.previous, documents.current) == (0, 12)


def test_documents_in_force_carry_on_from_the_trial_format() -> None:
    """W2 reads last year's 对外公开总数量 (trial format) as its 现行有效件数."""
    naleisi = load_example("2019")
    current = renamed(load_example("2021"), naleisi.metadata.organ, year=2021)
    in_force = f"{ART20_1}.normative_documents.total_published"
    [w2] = [f for f in compare(naleisi, current).findings if f.rule == "W2"]
    assert (w2.json_path, w2.expected, w2.actual) == (
        f"{ART20_1}.normative_documents.in_force", 2, 12)
    assert [(operand.json_path, operand.previous) for operand in w2.operands][1] == (in_force, True)
    assert "上年报告 规范性文件 › 对外公开总数量＋本年制发件数－本年废止件数 为 2" in w2.message
    agreeing = edited(naleisi, ((in_force, 10),))
    assert [f.rule for f in compare(agreeing, current).findings if f.rule == "W2"] == []


def test_carry_over_is_checked_across_years() -> None:
    """W1: this year's 二、上年结转 differs from last year's 四、结转下年度继续办理."""
    naleisi = load_example("2019")
    current = renamed(load_example("2021"), naleisi.metadata.organ, year=2021)
    comparison = compare(naleisi, current)
    w1 = [finding for finding in comparison.findings if finding.rule == "W1"]
    assert [finding.json_path for finding in w1] == [
        "$.applications.carried_over.natural_person", "$.applications.carried_over.total"]
    assert (w1[0].expected, w1[0].actual) == (0, 1)
    assert {finding.rule for finding in comparison.findings} == {"W1", "W2"}


def test_acknowledged_carry_over_is_no_warning() -> None:
    """A W1 break the report acknowledges is kept, marked, and does not warn."""
    naleisi = load_example("2019")
    note = Acknowledgement(rule="W1", path="$.applications.carried_over", reason="机构改革")
    current = attrs.evolve(renamed(load_example("2021"), naleisi.metadata.organ, year=2021),
                           acknowledgements=(note,))
    comparison = compare(naleisi, current)
    w1 = [finding for finding in comparison.findings if finding.rule == "W1"]
    assert [(finding.acknowledged, finding.is_failure(strict=True)) for finding in w1] == [
        (True, False), (True, False)]


def test_cross_year_failures_warn() -> None:
    """An unacknowledged cross-year finding alone makes the comparison warn."""
    previous = town(2022, 3)
    current = build("2021", {"metadata": {"organ": ORGAN, "level": "township", "year": 2023},
                             "applications": {"new_received": {"natural_person": 3},
                                              "carried_over": {"natural_person": 1},
                                              "results": {"granted": {"natural_person": 4}}}})
    comparison = compare(previous, current)
    assert comparison.jumps == ()
    assert [finding.rule for finding in comparison.findings] == ["W1", "W1"]
    assert comparison.has_warnings


def test_years_apart_skip_the_cross_year_checks() -> None:
    """Years that are not consecutive are compared without W1/W2, with a note."""
    comparison = compare(town(2020, 1), town(2023, 1))
    assert comparison.findings == ()
    assert comparison.notes == ("年度不相邻：2020 → 2023，不做跨年检查 W1、W2（years are not consecutive）",)


def test_wrong_order_is_refused() -> None:
    """The previous report must be of an earlier year."""
    with pytest.raises(IncompatibleReportsError) as caught:
        compare(town(2023, 1), town(2023, 1))
    assert str(caught.value) == ("上一年度报告是 2023 年度，应早于本年度报告的 2023 年度"
                                 "（the previous report must be of an earlier year）")


def test_organ_renamed_is_noted() -> None:
    """Different organ names are compared anyway and noted."""
    comparison = compare(renamed(town(2022, 1), "旧镇"), town(2023, 1))
    assert comparison.notes == (f"机关名称不同：旧镇 → {ORGAN}（organ names differ）",)


def test_procurement_in_different_units_is_compared_in_yuan() -> None:
    """采购总金额 in 元 one year and 万元 the next is compared in 元, exactly."""
    naleisi = load_example("2019")
    previous = procurement(naleisi, ORGAN, "251000", "元")
    current = renamed(procurement(naleisi, ORGAN, "30", "万元"), ORGAN, year=2021)
    comparison = compare(previous, current)
    path = "$.proactive_disclosure.art20_9.procurement.total_amount"
    item = cell(comparison, path)
    assert (item.previous, item.current, item.difference, item.unit) == (
        Decimal("251000"), Decimal("300000"), Decimal("49000"), "元")
    assert f"{path}：两年单位不同，均换算为元比较（compared in 元）" in comparison.notes


def test_procurement_without_unit_is_not_subtracted() -> None:
    """With a unit missing in one year, the amounts are listed but not subtracted."""
    naleisi = load_example("2019")
    previous = procurement(naleisi, ORGAN, "251000", "元")
    current = renamed(procurement(naleisi, ORGAN, "30", None), ORGAN, year=2021)
    item = cell(compare(previous, current), "$.proactive_disclosure.art20_9.procurement.total_amount")
    assert (item.previous, item.current, item.difference, item.ratio) == (
        Decimal("251000"), Decimal("30"), None, None)


def test_json_form() -> None:
    """The JSON form carries identities, thresholds, every cell, findings and notes."""
    comparison = compare(town(2022, 3), town(2023, 30))
    document = json.loads(json.dumps(comparison.to_json(), ensure_ascii=False))
    assert document["comparison_format"] == 1
    assert document["previous"] == {"organ": ORGAN, "level": "township", "year": 2022,
                                    "format": "2021", "division_code": None}
    assert document["thresholds"] == {"jump_ratio": 5.0, "min_count": 20}
    assert len(document["cells"]) == len(comparison.cells)
    assert next(item for item in document["cells"] if item["json_path"] == NEW) == {
        "json_path": NEW, "previous_json_path": NEW, "labels": ["三、收到和处理政府信息公开申请情况",
                                     "一、本年新收政府信息公开申请数量", "自然人"],
        "unit": "件", "previous": 3, "current": 30, "difference": 27, "ratio": 10.0, "jump": True}
    assert [finding["rule"] for finding in document["findings"]] == []
    assert document["pairings"] == []


def test_a_report_whose_year_is_not_known_cannot_be_ordered() -> None:
    """Year null (an import that could not read it): refused, naming which report."""
    current = load_example("2021")
    unknown = attrs.evolve(current, metadata=attrs.evolve(current.metadata, year=None))
    with pytest.raises(IncompatibleReportsError, match="（报告年度未填），无法判断") as raised:
        compare(unknown, current)
    assert raised.value.odd_ones == (0,)


def test_blank_cells_that_keep_cross_year_checks_from_running_are_listed() -> None:
    """A blank of this year read by W1 is its B1; a blank of last year is W1's B2."""
    previous, current = town(2022, 3), town(2023, 3)
    carried = "$.applications.carried_over.natural_person"
    forward = "$.applications.carried_forward.natural_person"
    this_year = compare(previous, edited(current, ((carried, None),)))
    assert [(f.rule, f.json_path) for f in this_year.findings] == [("B1", carried)]
    last_year = compare(edited(previous, ((forward, None),)), current)
    assert [(f.rule, f.subject_rule, f.json_path) for f in last_year.findings] == [
        ("B2", "W1", carried)]
