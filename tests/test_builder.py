"""The builder: leaves in, every total computed, blank only when asked."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import InvalidReportError, build
from govinfo_report.builder import row_total
from govinfo_report.labels import iter_fields
from govinfo_report.model import ApplicantCounts, Outcomes, Report
from govinfo_report.model._introspect import model_fields

METADATA = {"organ": "某某镇人民政府", "level": "township", "year": 2023}
COLUMNS = [field.name for field in model_fields(ApplicantCounts)]


def leaf_rows(node: Any) -> list[ApplicantCounts]:
    """Every ApplicantCounts row below node, totals excluded."""
    rows = []
    for field in model_fields(type(node)):
        value = getattr(node, field.name)
        if isinstance(value, ApplicantCounts) and not field.spec.derived:
            rows.append(value)
        elif hasattr(type(value), "__attrs_attrs__") and not field.spec.derived:
            rows.extend(leaf_rows(value))
    return rows


def assert_totals_hold(report: Report) -> None:
    """Row totals, （七）总计 and 四 totals are the sums the format implies."""
    applications = report.applications
    rows = [applications.new_received, applications.carried_over, applications.carried_forward,
            *leaf_rows(applications.results), applications.results.total]
    for row in rows:
        assert row.total == row_total([getattr(row, c) for c in COLUMNS[:-1]])
    for column in COLUMNS:
        assert getattr(applications.results.total, column) == row_total(
            [getattr(row, column) for row in leaf_rows(applications.results)])
    for outcomes in (report.reviews.reconsideration, report.reviews.litigation_direct,
                     report.reviews.litigation_after_reconsideration):
        assert isinstance(outcomes, Outcomes)
        assert outcomes.total == row_total(
            [outcomes.upheld, outcomes.corrected, outcomes.other, outcomes.pending])


def leaves_strategy(version: str) -> st.SearchStrategy[dict[str, Any]]:
    """Random leaf cells (no totals) in the nested JSON shape."""
    leaf_paths = [info.path for info in iter_fields(version, cells_only=True)
                  if not info.spec.derived and info.path[0] in {"applications", "reviews"}
                  and "total" not in info.path]

    def nest(values: list[int]) -> dict[str, Any]:
        document: dict[str, Any] = {"metadata": METADATA}
        for path, value in zip(leaf_paths, values, strict=True):
            node = document
            for segment in path[:-1]:
                node = node.setdefault(segment, {})
            node[path[-1]] = value
        return document

    return st.lists(st.integers(0, 500), min_size=len(leaf_paths),
                    max_size=len(leaf_paths)).map(nest)


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_unspecified_cells_are_zero(version: str) -> None:
    """A report built from metadata alone has 0 in every cell, not blank."""
    report = build(version, {"metadata": METADATA})
    assert report.applications.results.total.total == 0
    assert report.reviews.litigation_direct.total == 0


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["2021", "2019"]).flatmap(lambda v: st.tuples(st.just(v),
                                                                      leaves_strategy(v))))
def test_built_totals_are_the_sums(case: tuple[str, dict[str, Any]]) -> None:
    """Every total of a built report is the sum of its parts, in both versions."""
    version, leaves = case
    assert_totals_hold(build(version, leaves))


def test_blank_leaf_makes_its_totals_blank() -> None:
    """A blank leaf (None) leaves the row total and its column total blank, nothing else."""
    report = build("2021", {"metadata": METADATA, "applications": {
        "results": {"denied": {"state_secret": {"research_institution": None}}}}})
    results = report.applications.results
    assert results.denied.state_secret.total is None
    assert results.total.research_institution is None
    assert results.total.total is None
    assert results.total.natural_person == 0


def test_agreeing_totals_may_be_given() -> None:
    """A total that equals the computed one is accepted."""
    report = build("2021", {"metadata": METADATA, "reviews": {
        "reconsideration": {"upheld": 2, "pending": 1, "total": 3}}})
    assert report.reviews.reconsideration.total == 3


def test_whole_message_for_disagreeing_total_and_unknown_key() -> None:
    """Every problem of the input is listed, located and labelled."""
    with pytest.raises(InvalidReportError) as caught:
        build("2021", {"metadata": METADATA,
                       "reviews": {"reconsideration": {"upheld": 2, "total": 3}},
                       "applications": {"new_received": {"persons": 1}}})
    assert [str(problem) for problem in caught.value.problems] == [
        "$.applications.new_received.persons"
        "（三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量）: "
        "未知的键 'persons'（unknown key）",
        "$.reviews.reconsideration.total（四、政府信息公开行政复议、行政诉讼情况 › 行政复议 › 总计）: "
        "总计由生成器计算为 2，与给出的 3 不符（totals are computed; the given value disagrees）",
    ]


def test_values_are_checked_like_loaded_data() -> None:
    """A negative count or a float amount is refused with the loader's message."""
    with pytest.raises(InvalidReportError) as caught:
        build("2021", {"metadata": METADATA,
                       "applications": {"carried_over": {"natural_person": -2}},
                       "proactive_disclosure": {"art20_8": {"admin_fees": {"amount": 0.1}}}})
    paths = [problem.json_path for problem in caught.value.problems]
    assert paths == ["$.proactive_disclosure.art20_8.admin_fees.amount",
                     "$.applications.carried_over.natural_person"]


def test_money_may_be_given_as_int_decimal_or_string() -> None:
    """Whole amounts as int, Decimal and decimal strings all build."""
    from decimal import Decimal

    for amount in (3, Decimal("3.50"), "3.50"):
        report = build("2021", {"metadata": METADATA,
                                "proactive_disclosure": {"art20_8": {"admin_fees": {"amount": amount}}}})
        assert report.proactive_disclosure.art20_8.admin_fees.amount == Decimal(amount)
