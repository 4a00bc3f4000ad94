"""The rule set: every consistency rule of both format versions.

The relations are generated from the label registry (every data row of 三,
every applicant column, every group of 四), so the rules follow the model.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..findings import Severity
from ..labels import FieldInfo, iter_fields
from ..model import ApplicantCounts, FormatVersion, OrganLevel, Outcomes
from ..model._introspect import model_fields
from ._conditions import not_blank, positive_implies, zero_unless
from ._narrative_rules import n1
from ._publication_rules import n2, p1, y1
from ._relations import (
    Relation,
    at_least,
    minus,
    previous,
    sum_equals,
    sums_equal,
)
from ._rule import Example, Rule

__all__ = ["RULES", "rule_by_id"]

V2021, V2019 = FormatVersion.V2021, FormatVersion.V2019
FORMATS = (V2021, V2019)

_COLUMNS = tuple(field.name for field in model_fields(ApplicantCounts))
_APPLICANT_COLUMNS = tuple(field.name for field in model_fields(ApplicantCounts)
                           if not field.spec.derived)
_OUTCOMES = tuple(field.name for field in model_fields(Outcomes) if not field.spec.derived)

_APPLICATIONS = "$.applications"
_RESULTS = "$.applications.results"


def _rows(format: FormatVersion, under: str) -> Iterator[FieldInfo]:
    for info in iter_fields(format):
        if info.type is ApplicantCounts and info.json_path.startswith(under + "."):
            yield info


def _result_leaves(format: FormatVersion) -> list[str]:
    return [info.json_path for info in _rows(format, _RESULTS) if not info.spec.derived]


def _s1(format: FormatVersion) -> tuple[Relation, ...]:
    a = _APPLICATIONS
    return tuple(sums_equal((f"{a}.new_received.{c}", f"{a}.carried_over.{c}"),
                            (f"{a}.results.total.{c}", f"{a}.carried_forward.{c}"))
                 for c in _COLUMNS)


def _i1(format: FormatVersion) -> tuple[Relation, ...]:
    return tuple(sum_equals(f"{row.json_path}.total",
                            *(f"{row.json_path}.{c}" for c in _APPLICANT_COLUMNS))
                 for row in _rows(format, _APPLICATIONS))


def _i2(format: FormatVersion) -> tuple[Relation, ...]:
    leaves = _result_leaves(format)
    return tuple(sum_equals(f"{_RESULTS}.total.{c}", *(f"{leaf}.{c}" for leaf in leaves))
                 for c in _COLUMNS)


def _i3(format: FormatVersion) -> tuple[Relation, ...]:
    groups = [info.json_path for info in iter_fields(format) if info.type is Outcomes]
    return tuple(sum_equals(f"{group}.total", *(f"{group}.{o}" for o in _OUTCOMES))
                 for group in groups)


def _w1(format: FormatVersion) -> tuple[Relation, ...]:
    a = _APPLICATIONS
    return tuple(sum_equals(f"{a}.carried_over.{c}", previous(f"{a}.carried_forward.{c}"))
                 for c in _COLUMNS)


_ART20_1 = "$.proactive_disclosure.art20_1"
_DOCUMENT_ROWS = ("regulations", "normative_documents")


def _w2() -> tuple[Relation, ...]:
    return tuple(sum_equals(f"{_ART20_1}.{row}.in_force", previous(f"{_ART20_1}.{row}.in_force"),
                            f"{_ART20_1}.{row}.issued", minus(f"{_ART20_1}.{row}.repealed"))
                 for row in _DOCUMENT_ROWS)


def _w3() -> tuple[Relation, ...]:
    return tuple(at_least(f"{_ART20_1}.{row}.total_published", f"{_ART20_1}.{row}.new_published")
                 for row in _DOCUMENT_ROWS)


_LEVELS_ISSUING_RULES = tuple(level.value for level in OrganLevel if level.may_issue_rules)


def _l1(format: FormatVersion) -> tuple[Relation, ...]:
    return tuple(zero_unless(info.json_path, "$.metadata.level", _LEVELS_ISSUING_RULES)
                 for info in iter_fields(format, cells_only=True)
                 if info.json_path.startswith(f"{_ART20_1}.regulations."))


def _f1() -> tuple[Relation, ...]:
    return (positive_implies(f"{_RESULTS}.other.fee_unpaid.total",
                             "$.other_matters.fees.notices_issued"),)


def _b1(format: FormatVersion) -> tuple[Relation, ...]:
    return tuple(not_blank(info.json_path) for info in iter_fields(format, cells_only=True))


_M1 = (not_blank("$.metadata.organ"), not_blank("$.metadata.year"))


def _per_format(build: object) -> tuple[tuple[FormatVersion, tuple[Relation, ...]], ...]:
    return tuple((version, build(version)) for version in FORMATS)  # type: ignore[operator]


_A = "$.applications"
_E2021 = Example(format=V2021)
_E2019 = Example(format=V2019)
#: The bundled 2021 example's year before: same carry-over, 10 documents in force.
_PREVIOUS_YEAR = (("$.metadata.year", 2022), (f"{_ART20_1}.normative_documents.in_force", 10))

# Sources a reader can look up: the notices that issued the two formats and the regulation.
_FORMAT_2021 = V2021.document_number
_FORMAT_2019 = V2019.document_number
_REGULATION = "《中华人民共和国政府信息公开条例》"


def _in_both_formats(place: str) -> str:
    return f"{_FORMAT_2021} {place}；{_FORMAT_2019} {place}"


RULES: tuple[Rule, ...] = (
    Rule(
        id="S1", severity=Severity.ERROR, clause=_in_both_formats("表三注释"),
        title="勾稽关系", title_en="applications balance",
        message="勾稽关系不成立（{column}列）：{left} 为 {expected}，{right} 为 {actual}"
                "（相差 {difference}）",
        message_en="the balance does not hold in this column: rows 一 + 二 give {expected}, "
                   "（七） + 四 give {actual} (difference {difference})",
        checks=_per_format(_s1), passing=_E2021,
        failing=Example(format=V2021, edits=((f"{_A}.carried_over.natural_person", 2),),
                        recompute=True)),
    Rule(
        id="I1", severity=Severity.ERROR, clause=_in_both_formats("表三（各行的总计列）"),
        title="行合计", title_en="row total",
        message="{where} 为 {actual}，而本行各申请人类别之和为 {expected}（相差 {difference}）",
        message_en="the row total is {actual} but its applicant columns add up to {expected} "
                   "(difference {difference})",
        checks=_per_format(_i1), passing=_E2021,
        failing=Example(format=V2021, edits=((f"{_RESULTS}.denied.third_party.total", 2),))),
    Rule(
        id="I2", severity=Severity.ERROR, clause=_in_both_formats("表三（七）总计行"),
        title="办理结果总计", title_en="result total",
        message="{where} 为 {actual}，而本列各办理结果之和为 {expected}（相差 {difference}）",
        message_en="the result total is {actual} but the result rows of this column add up "
                   "to {expected} (difference {difference})",
        checks=_per_format(_i2), passing=_E2021,
        failing=Example(format=V2021, edits=(
            (f"{_A}.results.total.natural_person", 13), (f"{_A}.results.total.total", 16),
            (f"{_A}.carried_forward.natural_person", 0), (f"{_A}.carried_forward.total", 0)))),
    Rule(
        id="I3", severity=Severity.ERROR, clause=_in_both_formats("表四（各总计列）"),
        title="复议诉讼总计", title_en="review total",
        message="{where} 为 {actual}，而 {parts} 之和为 {expected}（相差 {difference}）",
        message_en="the total is {actual} but the four outcomes add up to {expected} "
                   "(difference {difference})",
        checks=_per_format(_i3), passing=_E2021,
        failing=Example(format=V2021, edits=(
            ("$.reviews.litigation_after_reconsideration.upheld", 1),))),
    Rule(
        id="W1", severity=Severity.WARNING,
        clause=f"{_in_both_formats('表三')}（与上年度报告衔接）",
        title="上年结转衔接", title_en="carry-over from the previous year",
        message="{where} 为 {actual}，而 {parts} 为 {expected}（相差 {difference}）；"
                "机构改革等原因可用 acknowledgements 说明",
        message_en="carried over {actual}, but last year's report carried forward {expected} "
                   "(difference {difference})",
        checks=_per_format(_w1), needs_previous=True,
        passing=Example(format=V2021, previous_edits=_PREVIOUS_YEAR),
        failing=Example(format=V2021, recompute=True, previous_edits=(
            *_PREVIOUS_YEAR, (f"{_A}.carried_forward.natural_person", 2)))),
    Rule(
        id="W2", severity=Severity.WARNING,
        clause=f"{_FORMAT_2021} 表二第二十条第（一）项（与上年度报告衔接）",
        title="现行有效件数衔接", title_en="documents in force, year to year",
        message="{where} 为 {actual}，而 {parts} 为 {expected}（相差 {difference}）；"
                "文件到期失效或修改也会造成差异",
        message_en="{actual} documents in force, but last year's figure plus issued minus "
                   "repealed gives {expected} (difference {difference})",
        checks=((V2021, _w2()),), needs_previous=True,
        passing=Example(format=V2021, previous_edits=_PREVIOUS_YEAR),
        failing=Example(format=V2021, previous_edits=(
            ("$.metadata.year", 2022), (f"{_ART20_1}.normative_documents.in_force", 11)))),
    Rule(
        id="W3", severity=Severity.WARNING, clause=f"{_FORMAT_2019} 表二第二十条第（一）项",
        title="对外公开总数量", title_en="documents published in total",
        message="{where} 为 {actual}，小于 {parts} {expected}",
        message_en="{actual} published in total, fewer than the {expected} newly published",
        checks=((V2019, _w3()),), passing=_E2019,
        failing=Example(format=V2019, edits=(
            (f"{_ART20_1}.normative_documents.new_made", 1),
            (f"{_ART20_1}.normative_documents.new_published", 1)))),
    Rule(
        id="L1", severity=Severity.WARNING,
        clause=(f"{_in_both_formats('表二第二十条第（一）项')}；《中华人民共和国立法法》"
                "（规章由国务院部门和省、自治区、直辖市、设区的市、自治州的人民政府制定）"),
        title="机关层级与规章", title_en="organ level and rules",
        message="机关层级为{level}，不能制定{row}，但 {where} 为 {actual}",
        message_en="an organ of this level cannot make rules (规章), yet the cell is {actual}",
        checks=_per_format(_l1), passing=_E2021,
        failing=Example(format=V2021, edits=((f"{_ART20_1}.regulations.issued", 1),
                                             (f"{_ART20_1}.regulations.in_force", 1)))),
    Rule(
        id="F1", severity=Severity.WARNING,
        clause=("《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）；"
                f"{_FORMAT_2021} 表三（六）2.、第六部分"),
        title="信息处理费", title_en="processing fees",
        message="{trigger} 为 {trigger_value}，但 {where} 为 {actual}：没有发出收费通知，"
                "就不会有逾期未缴费的申请",
        message_en="applications dropped for unpaid fees ({trigger_value}) but no fee notice "
                   "reported in part 六",
        checks=((V2021, _f1()),), passing=_E2021,
        failing=Example(format=V2021, recompute=True, edits=(
            (f"{_RESULTS}.other.fee_unpaid.natural_person", 1),
            (f"{_RESULTS}.unable.not_held.natural_person", 2)))),
    Rule(
        id="N1", severity=Severity.WARNING,
        clause=f"{_REGULATION}第五十条；{_in_both_formats('第一部分与表二至表四')}",
        title="总体情况与表格", title_en="narrative against the tables",
        message="{where} 写“{quote}”，即 {stated}，但表格中 {parts} 为 {expected}",
        message_en="the text states {stated} but the table gives {expected}",
        checks=_per_format(lambda version: n1()), passing=_E2021,
        failing=Example(format=V2021, edits=(
            ("$.overview.supervision", "本年度因政府信息公开工作被申请行政复议3件。"),))),
    Rule(
        id="N2", severity=Severity.WARNING,
        clause=f"{_REGULATION}第五十条；{_in_both_formats('第一、五、六部分')}",
        title="正文部分为空", title_en="empty narrative part",
        message="{where} 各项都是空的，而表二至表四已经填写：年度报告应写明这一部分",
        message_en="this narrative part is empty while the tables are filled in",
        checks=_per_format(n2), passing=_E2021,
        failing=Example(format=V2021, edits=(("$.problems.problems", ""),
                                             ("$.problems.improvements", " \u3000\n")))),
    Rule(
        id="B1", severity=Severity.WARNING, clause=_in_both_formats("表二至表四"),
        title="空白单元格", title_en="blank cell",
        message="{where} 留空；格式要求没有数据时填 0",
        message_en="the cell is blank; the format asks for 0",
        checks=_per_format(_b1), error_when_strict=True, passing=_E2021,
        failing=Example(format=V2021, edits=(("$.reviews.litigation_after_reconsideration"
                                              ".corrected", None),))),
    Rule(
        id="M1", severity=Severity.WARNING, clause=f"{_REGULATION}第四十九条（报告机关与报告年度）",
        title="机关名称或年度未填", title_en="organ or year not known",
        message="{where} 未填：原文没有写明或未能读出，请补填",
        message_en="not known: the source does not say it or it could not be read",
        checks=_per_format(lambda version: _M1), error_when_strict=True, passing=_E2021,
        failing=Example(format=V2021, edits=(("$.metadata.year", None),))),
    Rule(
        id="Y1", severity=Severity.WARNING,
        clause=f"{_FORMAT_2019}（2019、2020 年度报告）；{_FORMAT_2021}（2021 年度起）",
        title="格式版本与报告年度", title_en="format version and report year",
        message="{where} 为 {actual}，但本报告的表格是{format}，用于 {years} 的报告：{note}",
        message_en="the report year {actual} is outside the years of this format version "
                   "({years}); some 2021–2023 reports were still published in the trial format",
        checks=_per_format(y1), passing=_E2021,
        failing=Example(format=V2019, edits=(("$.metadata.year", 2022),
                                             ("$.metadata.published", "2023-01-20")))),
    Rule(
        id="P1", severity=Severity.WARNING, clause=f"{_REGULATION}第四十九条",
        title="公开期限", title_en="publication deadline",
        message="{where} 为 {published}，应在 {earliest} 至 {deadline} 之间：报告年度结束后公开，"
                "且{who}",
        message_en="published {published}, expected from {earliest} to {deadline}",
        checks=_per_format(lambda version: p1()), passing=_E2021,
        failing=Example(format=V2021, edits=(("$.metadata.published", "2024-02-20"),))),
    Rule(
        id="B2", severity=Severity.WARNING, clause="出处同无法检查的规则（subject_rule）",
        title="无法检查", title_en="cannot be checked",
        message="无法检查 {subject}（{subject_title}）：{blanks} 留空",
        message_en="rule {subject} cannot be checked: {count} operand(s) blank",
        # A blank cell of this report is B1's alone; B2 names the blanks no other rule
        # reports, such as those of the previous year's report.
        failing=Example(format=V2021, previous_edits=(
            *_PREVIOUS_YEAR, (f"{_A}.carried_forward.natural_person", None)))),
    Rule(
        id="A1", severity=Severity.WARNING, clause="本库的已说明机制（acknowledgements）",
        title="无对应发现的说明", title_en="acknowledgement matching nothing",
        message="已说明的检查结果没有对应的发现：规则 {subject} 在 {path}（{reason}）",
        message_en="the acknowledgement of rule {subject} at {path} matches no finding",
        failing=Example(format=V2021, edits=(("$.acknowledgements", [
            {"rule": "W1", "path": "$.applications.carried_over", "reason": "机构改革"}]),))),
)

_BY_ID = {rule.id: rule for rule in RULES}


def rule_by_id(rule_id: str) -> Rule:
    """The rule with id ``rule_id`` (raises :class:`KeyError` for an unknown id)."""
    return _BY_ID[rule_id]
