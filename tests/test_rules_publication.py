"""The rules about the report as a publication: Y1 (format and year), P1 (deadline), N2 (empty part)."""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report.blank import blank_report
from govinfo_report.examples import load_example
from govinfo_report.model import FormatVersion, OrganLevel, Report
from govinfo_report.rules import iter_findings, rules_as_json
from govinfo_report.rules._examples import edited

from .test_rules import _assert_screen_agrees


def of_rule(rule: str, report: Report) -> list[Any]:
    """The findings of ``rule`` on ``report``."""
    return [finding for finding in iter_findings(report) if finding.rule == rule]


def with_metadata(report: Report, **changes: Any) -> Report:
    """``report`` with metadata fields changed."""
    return attrs.evolve(report, metadata=attrs.evolve(report.metadata, **changes))


# -- Y1 ----------------------------------------------------------------------------------------

@pytest.mark.parametrize(("format", "year", "found"), [
    ("2019", 2019, False), ("2019", 2020, False), ("2019", 2021, True), ("2019", 2023, True),
    ("2021", 2021, False), ("2021", 2030, False), ("2021", 2020, True), ("2021", 2019, True),
    ("2019", None, False), ("2021", None, False),
])
def test_format_version_against_report_year(format: str, year: int | None, found: bool) -> None:
    """The trial format is for 2019–2020, the 2021 format from 2021; a null year is M1's."""
    report = with_metadata(load_example(format), year=year, published=None)
    assert [f.json_path for f in of_rule("Y1", report)] == (["$.metadata.year"] if found else [])


def test_year_message_says_what_trial_columns_in_later_years_mean() -> None:
    """The message names the format and its years, and says later reports still use it."""
    [finding] = of_rule("Y1", with_metadata(load_example("2019"), year=2022, published=None))
    assert finding.message == (
        "报告年度 为 2022，但本报告的表格是《中华人民共和国政府信息公开工作年度报告格式（试行）》"
        "（国办公开办函〔2019〕60号），用于 2019—2020 年度 的报告：2021—2023 年度仍有报告沿用"
        "试行格式的表格发布，原文确实如此时可用 acknowledgements 说明")
    assert finding.actual == 2022
    [finding] = of_rule("Y1", with_metadata(load_example("2021"), year=2020, published=None))
    assert "用于 2021 年度起 的报告：请核对报告年度和所用的表格" in finding.message


# -- P1 ----------------------------------------------------------------------------------------

GOVERNMENT, DEPARTMENT, TOWNSHIP = "示范县人民政府", "示范县人民政府办公室", "示范县青山镇人民政府"


@pytest.mark.parametrize(("organ", "level", "published", "found"), [
    # A township: the regulation sets no date; practice follows 31 January.
    (TOWNSHIP, OrganLevel.TOWNSHIP, "2024-01-31", False),
    (TOWNSHIP, OrganLevel.TOWNSHIP, "2024-02-01", True),
    # A county government's own report: 31 March; its departments: 31 January.
    (GOVERNMENT, OrganLevel.COUNTY, "2024-03-31", False),
    (GOVERNMENT, OrganLevel.COUNTY, "2024-04-01", True),
    (DEPARTMENT, OrganLevel.COUNTY, "2024-02-15", True),
    (DEPARTMENT, OrganLevel.COUNTY, "2024-01-02", False),
    ("示范市人民政府", OrganLevel.CITY, "2024-03-01", False),
    ("示范省人民政府", OrganLevel.PROVINCE, "2024-03-01", False),
    ("交通运输部", OrganLevel.STATE_COUNCIL_DEPARTMENT, "2024-03-01", True),
    # A government-like name at a level without such reports is not a government's own.
    ("示范县青山镇人民政府", OrganLevel.TOWNSHIP, "2024-03-01", True),
    # A name not known: the later deadline is assumed.
    (None, OrganLevel.COUNTY, "2024-03-01", False),
    (None, OrganLevel.TOWNSHIP, "2024-03-01", True),
    # Before the report year is over.
    (TOWNSHIP, OrganLevel.TOWNSHIP, "2023-12-31", True),
    (TOWNSHIP, OrganLevel.TOWNSHIP, "2024-01-01", False),
    (GOVERNMENT, OrganLevel.COUNTY, "2023-06-30", True),
])
def test_publication_deadline(organ: str | None, level: OrganLevel, published: str,
                              found: bool) -> None:
    """Article 49: by 31 January (departments, townships), 31 March (a government's own)."""
    report = with_metadata(load_example("2021"), organ=organ, level=level,
                           published=datetime.date.fromisoformat(published))
    expected = ["$.metadata.published"] if found else []
    assert [f.json_path for f in of_rule("P1", report)] == expected


def test_no_deadline_finding_without_date_or_year() -> None:
    """A report without publication date or year gets no P1 finding."""
    late = with_metadata(load_example("2021"), published=datetime.date(2025, 6, 1))
    assert len(of_rule("P1", late)) == 1
    assert of_rule("P1", with_metadata(late, published=None)) == []
    assert of_rule("P1", with_metadata(late, year=None)) == []


def test_deadline_messages_say_whom_the_deadline_binds() -> None:
    """The message gives the date, the window and the ground, townships' practice included."""
    report = with_metadata(load_example("2021"), published=datetime.date(2024, 2, 20))
    [finding] = of_rule("P1", report)
    assert finding.message == (
        "发布日期 为 2024-02-20，应在 2024-01-01 至 2024-01-31 之间：报告年度结束后公开，"
        "且乡镇人民政府、街道办事处的报告，条例未规定日期，实践中同县级以上人民政府部门，"
        "于 1 月 31 日前公布")
    government = with_metadata(report, organ=GOVERNMENT, level=OrganLevel.COUNTY,
                               published=datetime.date(2024, 4, 2))
    [finding] = of_rule("P1", government)
    assert "至 2024-03-31 之间" in finding.message
    assert "县级以上地方人民政府的年度报告由其政府信息公开工作主管部门于 3 月 31 日前公布" in (
        finding.message)


def test_deadline_decision_is_rule_data() -> None:
    """The exported rule carries the deadlines and how a government's own report is told."""
    [rule] = [rule for rule in rules_as_json()["rules"] if rule["id"] == "P1"]
    [relation] = rule["checks"]["2021"]
    assert [(d["month"], d["day"], d["levels"], d["organ_suffixes"])
            for d in relation["deadlines"]] == [
        (3, 31, ["county", "city", "province"], ["人民政府"]), (1, 31, ["township"], []),
        (1, 31, [], [])]


# -- N2 ----------------------------------------------------------------------------------------

PARTS = {"$.overview": ("summary", "proactive", "on_request", "management", "platform",
                        "supervision"),
         "$.problems": ("problems", "improvements"), "$.other_matters": ("text",)}


@pytest.mark.parametrize("format", ["2021", "2019"])
@pytest.mark.parametrize("part", list(PARTS))
def test_empty_narrative_part_is_reported_at_the_part(format: str, part: str) -> None:
    """Every text of 一 (or 五, 六) empty while the tables are filled: N2 at the part."""
    edits = tuple((f"{part}.{name}", "") for name in PARTS[part])
    [finding] = of_rule("N2", edited(load_example(format), edits))
    assert (finding.json_paths, finding.labels) == ((part,), {
        "$.overview": ("一、总体情况",), "$.problems": ("五、存在的主要问题及改进情况",),
        "$.other_matters": ("六、其他需要报告的事项",)}[part])
    # One text is enough, and whitespace is no text.
    written = edited(load_example(format), (*edits[1:], (edits[0][0], "无。")))
    assert of_rule("N2", written) == []
    spaces = edited(load_example(format), (*edits[1:], (edits[0][0], " \u3000\n\t")))
    assert len(of_rule("N2", spaces)) == 1


def test_empty_narrative_message() -> None:
    """The message names the part by its official heading."""
    edits = (("$.other_matters.text", ""),)
    [finding] = of_rule("N2", edited(load_example("2021"), edits))
    assert finding.message == (
        "六、其他需要报告的事项 各项都是空的，而表二至表四已经填写：年度报告应写明这一部分")


def test_blank_draft_has_no_narrative_findings() -> None:
    """A draft with nothing filled in (``new``) is no report with an empty part."""
    for format, year in ((FormatVersion.V2021, 2023), (FormatVersion.V2019, 2020)):
        draft = blank_report(format, organ="示范县青山镇人民政府", year=year)
        assert of_rule("N2", draft) == []
        assert {f.rule for f in iter_findings(draft)} == {"B1"}


# -- the compiled screen -------------------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["2021", "2019"]), st.data())
def test_screen_agrees_on_year_date_organ_and_texts(format: str, data: Any) -> None:
    """The compiled screen flags Y1, P1 and N2 exactly when the relations do not hold."""
    year = data.draw(st.none() | st.integers(2018, 2025))
    published = data.draw(st.none() | st.dates(datetime.date(2018, 1, 1),
                                                datetime.date(2027, 12, 31)))
    organ = data.draw(st.none() | st.sampled_from(
        [GOVERNMENT, DEPARTMENT, TOWNSHIP, "人民政府", "示范市人民政府", "交通运输部"]))
    text = st.sampled_from(["", " ", "\u3000\n", "\t\r", "无。", " 有 "])
    report = with_metadata(load_example(format), year=year, published=published, organ=organ,
                           level=data.draw(st.sampled_from(list(OrganLevel))))
    report = attrs.evolve(report, problems=attrs.evolve(
        report.problems, problems=data.draw(text), improvements=data.draw(text)))
    _assert_screen_agrees(report)
