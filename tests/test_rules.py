"""Consistency rules: every rule passes its valid example and catches its minimal violation."""

from __future__ import annotations

import json
import re
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report.builder import build
from govinfo_report.convert import from_dict, to_dict
from govinfo_report.examples import load_example
from govinfo_report.exceptions import GovInfoReportError, InconsistentReportError
from govinfo_report.findings import Finding, Severity
from govinfo_report.labels import field_info, iter_fields, parse_path
from govinfo_report.model import Acknowledgement, FormatVersion, OrganLevel, Report
from govinfo_report.rules import (
    RULES,
    Rule,
    check,
    is_consistent,
    iter_findings,
    minus,
    previous,
    rule_by_id,
    rules_as_json,
    sum_equals,
)
from govinfo_report.rules._engine import _plan, _reader
from govinfo_report.rules._examples import edited, example_case

A = "$.applications"
R = "$.applications.results"
ART20_1 = "$.proactive_disclosure.art20_1"


def pairs(findings: Any) -> list[tuple[str, str]]:
    """(rule id, primary JSON path) of each finding."""
    return [(finding.rule, finding.json_path) for finding in findings]


def findings_of(report: Report, **options: Any) -> list[Finding]:
    """Every finding on a report."""
    return list(iter_findings(report, **options))


# The findings of the naleisi 2020 report: its 18 blank cells and the checks they block.
NALEISI_BLANKS = [
    f"{R}.granted.total", f"{R}.partially_granted.total",
    *(f"{R}.denied.{row}.natural_person" for row in (
        "state_secret", "law_forbidden", "three_safety_one_stability", "third_party",
        "internal_affairs", "process_info", "enforcement_file", "admin_query")),
    f"{R}.unable.not_held.natural_person", f"{R}.unable.needs_creation.natural_person",
    *(f"$.reviews.reconsideration.{cell}" for cell in (
        "upheld", "corrected", "other", "pending", "total")),
]
NALEISI = [
    ("B1", "$.proactive_disclosure.art20_6.punishment.decisions"),
    *(("B1", path) for path in NALEISI_BLANKS),
]


def test_rule_ids_and_severities_are_stable() -> None:
    """The rule ids and their severities are part of the API."""
    assert [(rule.id, rule.severity) for rule in RULES] == [
        ("S1", Severity.ERROR), ("I1", Severity.ERROR), ("I2", Severity.ERROR),
        ("I3", Severity.ERROR), *((rule_id, Severity.WARNING) for rule_id in (
            "W1", "W2", "W3", "L1", "F1", "N1", "N2", "B1", "M1", "Y1", "P1", "B2", "A1"))]


def test_bundled_2021_example_has_no_findings_at_all() -> None:
    """The 2021 example is consistent with every rule, warnings included."""
    assert findings_of(load_example("2021")) == []
    assert is_consistent(load_example("2021"), strict=True)


def test_naleisi_findings_are_its_blank_cells_exactly() -> None:
    """The naleisi report has no error: only its 18 blank cells, each reported once."""
    findings = findings_of(load_example("2019"))
    assert pairs(findings) == NALEISI
    assert all(finding.severity is Severity.WARNING for finding in findings)
    assert is_consistent(load_example("2019"))
    assert not is_consistent(load_example("2019"), strict=True)


FAILING = {
    "S1": [("S1", f"{R}.total.natural_person"), ("S1", f"{R}.total.total")],
    "I1": [("I1", f"{R}.denied.third_party.total"), ("I2", f"{R}.total.total")],
    "I2": [("I2", f"{R}.total.natural_person"), ("I2", f"{R}.total.total")],
    "I3": [("I3", "$.reviews.litigation_after_reconsideration.total")],
    "W1": [("W1", f"{A}.carried_over.natural_person"), ("W1", f"{A}.carried_over.total")],
    "W2": [("W2", f"{ART20_1}.normative_documents.in_force")],
    "W3": [("W3", f"{ART20_1}.normative_documents.total_published"), *NALEISI],
    "L1": [("L1", f"{ART20_1}.regulations.issued"), ("L1", f"{ART20_1}.regulations.in_force")],
    "F1": [("F1", "$.other_matters.fees.notices_issued")],
    "N1": [("N1", "$.reviews.reconsideration.total")],
    "B1": [("B1", "$.reviews.litigation_after_reconsideration.corrected")],
    "B2": [("B2", f"{A}.carried_over.natural_person")],
    "M1": [("M1", "$.metadata.year")],
    "N2": [("N2", "$.problems")],
    "Y1": [("Y1", "$.metadata.year"), *NALEISI],
    "P1": [("P1", "$.metadata.published")],
    "A1": [("A1", "$.acknowledgements[0]")],
}


def test_every_rule_has_a_failing_case() -> None:
    """The catalog documents, and this file tests, a minimal violation of every rule."""
    assert sorted(FAILING) == sorted(rule.id for rule in RULES)


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.passing], ids=lambda r: r.id)
def test_passing_case_yields_nothing_of_the_rule(rule: Any) -> None:
    """Each rule's valid example yields no finding of that rule."""
    report, before = example_case(rule.passing)
    findings = findings_of(report, previous=before)
    assert [f for f in findings if rule.id in (f.rule, f.subject_rule)] == []


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_failing_case_yields_exactly_these_findings(rule: Any) -> None:
    """Each rule's minimal violation yields exactly the listed (rule id, JSON path) pairs."""
    report, before = example_case(rule.failing)
    findings = findings_of(report, previous=before)
    expected = FAILING[rule.id]
    if rule.id in ("W3", "Y1"):
        assert sorted(pairs(findings)) == sorted(expected)
    else:
        assert pairs(findings) == expected


def test_unknown_organ_and_year_are_reported_once_each_and_fail_under_strict() -> None:
    """M1: a report whose organ and year are not known loads, and says so at both paths."""
    report = attrs.evolve(load_example("2021"), metadata=attrs.evolve(
        load_example("2021").metadata, organ=None, year=None))
    found = [f for f in iter_findings(report) if f.rule == "M1"]
    assert [(f.json_path, f.severity) for f in found] == [
        ("$.metadata.organ", Severity.WARNING), ("$.metadata.year", Severity.WARNING)]
    assert found[0].message == "机关名称 未填：原文没有写明或未能读出，请补填"
    assert is_consistent(report)
    assert not is_consistent(report, strict=True)


def test_whole_message_of_a_row_total_finding() -> None:
    """The message names the row and column labels, what was found and what was expected."""
    report, _ = example_case(rule_by_id("I1").failing)
    finding = next(iter_findings(report))
    assert finding.message == ("三、本年度办理结果 › （三）不予公开 › 4.保护第三方合法权益 › 总计 为 2，"
                               "而本行各申请人类别之和为 1（相差 +1）")
    assert finding.message_en == ("the row total is 2 but its applicant columns add up to 1 "
                                  "(difference +1)")
    assert finding.labels == ("三、收到和处理政府信息公开申请情况", "三、本年度办理结果", "（三）不予公开",
                              "4.保护第三方合法权益", "总计")
    assert (finding.expected, finding.actual, finding.difference) == (1, 2, 1)
    assert [operand.json_path for operand in finding.operands] == [
        f"{R}.denied.third_party.{column}" for column in (
            "total", "natural_person", "commercial_enterprise", "research_institution",
            "public_welfare_org", "legal_service_org", "other_org")]


def test_whole_messages_across_years_and_for_blanks() -> None:
    """Cross-year and cannot-check findings say which report and which cells."""
    report, before = example_case(rule_by_id("W2").failing)
    [finding] = findings_of(report, previous=before)
    assert finding.message == (
        "第二十条第（一）项 › 行政规范性文件 › 现行有效件数 为 12，而 上年报告 现行有效件数＋本年制发件数－本年废止件数 "
        "为 13（相差 -1）；文件到期失效或修改也会造成差异")
    assert [operand.previous for operand in finding.operands] == [False, True, False, False]
    report, before = example_case(rule_by_id("B2").failing)
    [blocked] = findings_of(report, previous=before)
    assert blocked.message == "无法检查 W1（上年结转衔接）：上年报告 四、结转下年度继续办理 › 自然人 留空"
    assert blocked.subject_rule == "W1"


def test_s1_and_narrative_messages() -> None:
    """S1 names both sides by their official rows; N1 quotes the text."""
    report, _ = example_case(rule_by_id("S1").failing)
    assert next(iter_findings(report)).message == (
        "勾稽关系不成立（自然人列）：一、本年新收政府信息公开申请数量＋二、上年结转政府信息公开申请数量 为 14，"
        "三、本年度办理结果 › （七）总计＋四、结转下年度继续办理 为 13（相差 -1）")
    report, _ = example_case(rule_by_id("N1").failing)
    assert next(iter_findings(report)).message == (
        "一、总体情况 › 监督保障 写“行政复议3件”，即 3，但表格中 行政复议 › 总计 为 2")


@pytest.mark.parametrize(("text", "found"), [
    ("全年共收到政府信息公开申请15件，其中予以公开7件、部分公开1件。", False),
    ("2023年全年，本镇未收到要求政府信息公开的申请。", True),
    ("全年新收政府信息公开申请共计16件。", True),
    ("全年共收到政府信息公开申请15件，其中不予以公开3件。", False),
    ("未发生因政府信息公开引起的行政复议、行政诉讼。", True),
    ("被申请行政复议2件，被提起行政诉讼1件。", False),
])
def test_narrative_patterns(text: str, found: bool) -> None:
    """Zero forms (未收到…申请), words between the numbers, and negations are read as meant."""
    # The example's tables: 15 new applications, 7 granted, 1 partly, 2 reconsiderations, 1 suit.
    report = edited(load_example("2021"), (("$.overview.on_request", text),
                                           ("$.overview.supervision", "")))
    assert any(f.rule == "N1" for f in iter_findings(report)) is found


def test_acknowledged_findings_do_not_fail() -> None:
    """A matching acknowledgement marks the finding and keeps the report consistent."""
    report, before = example_case(rule_by_id("W1").failing)
    assert before is not None
    acknowledged = attrs.evolve(report, acknowledgements=(Acknowledgement(
        rule="W1", path=f"{A}.carried_over", reason="机构改革，原受理单位撤并"),))
    findings = findings_of(acknowledged, previous=before)
    assert pairs(findings) == FAILING["W1"]
    assert all(f.acknowledged and f.acknowledgement == "机构改革，原受理单位撤并" for f in findings)
    assert is_consistent(acknowledged, previous=before, strict=True)
    assert not is_consistent(report, previous=before, strict=True)


def test_unmatched_acknowledgement_is_reported() -> None:
    """An acknowledgement that matches no finding is itself a finding."""
    report, _ = example_case(rule_by_id("A1").failing)
    [finding] = findings_of(report)
    assert finding.message == ("已说明的检查结果没有对应的发现：规则 W1 在 "
                               "$.applications.carried_over（机构改革）")
    assert finding.subject_rule == "W1"
    assert finding.labels == ("已说明的检查结果",)


def test_strict_makes_blank_cells_errors() -> None:
    """Under strict a blank cell is an error; B2 stays a warning but fails too."""
    findings = findings_of(load_example("2019"), strict=True)
    assert {f.severity for f in findings if f.rule == "B1"} == {Severity.ERROR}
    report, before = example_case(rule_by_id("B2").failing)
    [blocked] = findings_of(report, previous=before, strict=True)
    assert (blocked.rule, blocked.severity) == ("B2", Severity.WARNING)
    assert blocked.is_failure(strict=True)


def test_a_blank_cell_is_reported_once() -> None:
    """A blank cell of the report is one B1, not also a B2 for each check it blocks;
    B2 names only the blanks no other finding names (the previous report's)."""
    report, before = example_case(rule_by_id("W1").passing)
    blank = "$.applications.carried_over.natural_person"
    assert pairs(findings_of(edited(report, ((blank, None),)), previous=before)) == [
        ("B1", blank)]  # though S1, I1 and W1 cannot be checked
    _, blank_before = example_case(rule_by_id("B2").failing)
    assert pairs(findings_of(edited(report, ((blank, None),)), previous=blank_before)) == [
        ("B1", blank), ("B2", blank)]  # B2 names 上年报告 四、结转下年度继续办理 › 自然人
    findings = findings_of(load_example("2019"))
    assert len(findings) == len({f.json_path for f in findings}) == 18


def test_check_raises_one_error_with_every_finding() -> None:
    """check() raises InconsistentReportError, a ValueError under the root, with all findings."""
    report, _ = example_case(rule_by_id("I1").failing)
    with pytest.raises(InconsistentReportError) as caught:
        check(report)
    assert isinstance(caught.value, GovInfoReportError)
    assert isinstance(caught.value, ValueError)
    assert pairs(caught.value.findings) == FAILING["I1"]
    assert str(caught.value).splitlines() == [
        "报告有 2 处不一致（2 consistency finding(s) fail the check）:",
        f"  I1 {R}.denied.third_party.total: 三、本年度办理结果 › （三）不予公开 › "
        "4.保护第三方合法权益 › 总计 为 2，而本行各申请人类别之和为 1（相差 +1）",
        f"  I2 {R}.total.total: 三、本年度办理结果 › （七）总计 › 总计 为 15，"
        "而本列各办理结果之和为 16（相差 -1）"]
    check(load_example("2019"))
    with pytest.raises(InconsistentReportError):
        check(load_example("2019"), strict=True)


def test_carry_over_from_a_trial_format_report() -> None:
    """A 2021 report's previous year may be in the trial format: W1 runs on the same cells,
    W2 reads the trial format's 对外公开总数量 as last year's 现行有效件数 (the crosswalk)."""
    current = load_example("2021")
    before = edited(load_example("2019"), ((f"{A}.carried_forward.natural_person", 1),),
                    recompute=False)
    assert pairs(findings_of(current, previous=before)) == [
        ("W1", f"{A}.carried_over.total"),
        ("W2", f"{ART20_1}.normative_documents.in_force")]
    in_force = edited(before, ((f"{ART20_1}.normative_documents.total_published", 10),))
    assert pairs(findings_of(current, previous=in_force)) == [("W1", f"{A}.carried_over.total")]
    [w2] = [f for f in findings_of(current, previous=before) if f.rule == "W2"]
    assert [(o.json_path, o.labels[-2:], o.previous) for o in w2.operands][1] == (
        f"{ART20_1}.normative_documents.total_published", ("规范性文件", "对外公开总数量"), True)


def test_iter_findings_is_lazy() -> None:
    """iter_findings returns an iterator that computes findings as they are asked for."""
    iterator = iter_findings(load_example("2019"))
    assert iter(iterator) is iterator


def test_factories_have_readable_reprs() -> None:
    """Parameterised relations show how they were made; rules show their id and source."""
    relation = sum_equals("$.a.total", "$.a.x", minus(previous("$.a.y")))
    assert repr(relation) == "sum_equals('$.a.total', '$.a.x', minus(previous('$.a.y')))"
    assert repr(rule_by_id("I3")) == (
        "<Rule I3 error 复议诉讼总计 (国办公开办函〔2021〕30号 表四（各总计列）；"
        "国办公开办函〔2019〕60号 表四（各总计列）) [2021: 3, 2019: 3]>")


_PUBLIC_SOURCES = ("国办公开办函〔2021〕30号", "国办公开办函〔2019〕60号",
                   "《中华人民共和国政府信息公开条例》", "《中华人民共和国立法法》",
                   "《政府信息公开信息处理费管理办法》")


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.id not in ("A1", "B2")],
                         ids=lambda rule: rule.id)
def test_rule_sources_cite_public_documents(rule: Rule) -> None:
    """A rule's clause names a document a reader can look up, never a rule id or the spec."""
    assert any(source in rule.clause for source in _PUBLIC_SOURCES), rule.clause
    assert "national-format" not in rule.clause
    assert not re.search(r"\b[A-Z]\d\b", rule.clause), rule.clause


def test_rule_sources_name_the_tables_note() -> None:
    """S1 rests on the note of table 三 in both formats."""
    assert rule_by_id("S1").clause == ("国办公开办函〔2021〕30号 表三注释；"
                                       "国办公开办函〔2019〕60号 表三注释")


def test_exported_rule_set_names_real_cells() -> None:
    """Every operand of the exported rule set is a JSON path of its format; patterns compile."""
    exported = json.loads(json.dumps(rules_as_json(), ensure_ascii=False))
    assert exported["rules_format"] == 2
    assert [rule["id"] for rule in exported["rules"]] == [rule.id for rule in RULES]

    def operands(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) >= {"report", "path"}:
                yield node
            for value in node.values():
                yield from operands(value)
        elif isinstance(node, list):
            for value in node:
                yield from operands(value)

    for rule in exported["rules"]:
        for version, relations in rule["checks"].items():
            for operand in operands(relations):
                assert field_info(operand["path"], version).path
            for relation in relations:
                if relation["relation"] == "stated_in_text":
                    groups = re.compile(relation["pattern"]).groups
                    assert groups == (0 if relation["group"] is None else 1)


# -- properties ---------------------------------------------------------------------------

def _leaf_paths(format: FormatVersion) -> list[str]:
    return [info.json_path for info in iter_fields(format, cells_only=True)
            if info.path[0] in ("applications", "reviews") and not info.spec.derived
            and not info.json_path.startswith(f"{R}.total.")]


def _nest(cells: dict[str, int]) -> dict[str, Any]:
    document: dict[str, Any] = {}
    for path, value in cells.items():
        *parents, last = parse_path(path)
        node = document
        for segment in parents:
            node = node.setdefault(segment, {})
        node[last] = value
    return document


@st.composite
def built_reports(draw: st.DrawFn) -> Report:
    """Reports of either version made by the builder from random leaves that balance (S1)."""
    format = draw(st.sampled_from(list(FormatVersion)))
    paths = _leaf_paths(format)
    values = dict(zip(paths, draw(st.lists(st.integers(0, 40), min_size=len(paths),
                                           max_size=len(paths))), strict=True))
    # The one identity between leaves (S1): 一 is what the others make it.
    for column in ("natural_person", "commercial_enterprise", "research_institution",
                   "public_welfare_org", "legal_service_org", "other_org"):
        handled = sum(value for path, value in values.items()
                      if path.startswith(f"{R}.") and path.endswith(f".{column}"))
        received = (handled + values[f"{A}.carried_forward.{column}"]
                    - values[f"{A}.carried_over.{column}"])
        values[f"{A}.carried_over.{column}"] -= max(0, -received)
        values[f"{A}.new_received.{column}"] = max(0, received)
    cells = _nest(values)
    cells["metadata"] = {"organ": "某某县人民政府", "year": 2022,
                         "level": draw(st.sampled_from([level.value for level in OrganLevel]))}
    return build(format, cells)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(built_reports())
def test_built_reports_are_consistent(report: Report) -> None:
    """A report the builder makes from any leaves that balance has no error."""
    findings = findings_of(report)
    assert [f for f in findings if f.severity is Severity.ERROR] == []
    assert is_consistent(report)


def _containing_totals(path: str) -> set[str]:
    segments = parse_path(path)
    row = ".".join(["$", *map(str, segments[:-1])])
    totals = {path, f"{row}.total"}
    if segments[0] == "applications" and segments[1] == "results":
        totals |= {f"{R}.total.{segments[-1]}", f"{R}.total.total"}
    return totals


def _with_cell(report: Report, path: str, value: int) -> Report:
    document = to_dict(report)
    *parents, last = parse_path(path)
    node = document
    for segment in parents:
        node = node[segment]
    node[last] = value
    return from_dict(document)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(built_reports(), st.data())
def test_changing_one_cell_is_an_error_at_it_or_its_total(report: Report, data: Any) -> None:
    """±1 on any cell of 三 or 四 gives an error pointing at the cell or a total containing it."""
    cells = [info.json_path for info in iter_fields(report.format, cells_only=True)
             if info.path[0] in ("applications", "reviews")]
    path = data.draw(st.sampled_from(cells), label="cell")
    value = json.loads(json.dumps(to_dict(report)))
    for segment in parse_path(path):
        value = value[segment]
    step = data.draw(st.sampled_from([1, -1] if value > 0 else [1]), label="step")
    mutated = _with_cell(report, path, value + step)
    errors = [f for f in findings_of(mutated) if f.severity is Severity.ERROR]
    assert any(set(f.json_paths) & _containing_totals(path) for f in errors), pairs(errors)
    _assert_screen_agrees(mutated)


def _assert_screen_agrees(report: Report) -> None:
    plan = _plan(report.format)
    get = _reader(report, None)
    flagged = [index for index, (_, relation) in enumerate(plan.checks)
               if relation(get) is not None]
    screened = plan.fast(report)
    if screened is not None:
        assert screened == flagged


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(built_reports(), st.data())
def test_screen_agrees_with_the_relations(report: Report, data: Any) -> None:
    """The compiled screen flags exactly the relations that do not hold."""
    _assert_screen_agrees(report)
    texts = ["收到政府信息公开申请{n}件", "予以公开{n}件", "被申请行政复议{n}件", "未收到政府信息公开申请",
             "被提起行政诉讼{n}件，部分公开{n}件"]
    text = data.draw(st.sampled_from(texts)).format(n=data.draw(st.integers(0, 3)))
    _assert_screen_agrees(attrs.evolve(report, overview=attrs.evolve(
        report.overview, on_request=text)))
