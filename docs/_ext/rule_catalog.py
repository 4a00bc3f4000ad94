"""The rule catalog, generated from the rule set: ``{rule-catalog}`` and ``{finding-example}``;
and the crosswalk of the two format versions: ``{crosswalk}``.

Each rule's passing and failing example is run through the engine while the
docs build, so the catalog shows what the code finds today.
"""

from __future__ import annotations

import json
from typing import Any

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import nested_parse_with_titles

from govinfo_report.crosswalk import CROSSWALK, UNPAIRED
from govinfo_report.examples import EXAMPLE_FILES
from govinfo_report.labels import field_info
from govinfo_report.model import FormatVersion
from govinfo_report.rules import RULES, Example, Rule, iter_findings, rule_by_id
from govinfo_report.rules._examples import example_case

_SEVERITY = {"error": "错误", "warning": "警告"}


def _literal(text: str) -> str:
    """Inline code in MyST (the pages, and so the nested content, are Markdown)."""
    return f"`` {text} ``" if "`" in text else f"`{text}`" if text else "（空）"


def _value(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _case(example: Example) -> list[str]:
    lines = [f"以内置示例 {_literal(EXAMPLE_FILES[example.format])} 为基础"]
    if example.edits:
        how = "，并重新计算总计" if example.recompute else ""
        lines[0] += f"，修改{how}："
        lines.append("")
        lines.extend(f"- {_literal(path)} → {_literal(_value(value))}"
                     for path, value in example.edits)
    if example.previous_edits is not None:
        lines.append("")
        lines.append("上一年度报告（`previous`）由同一示例修改而来：")
        lines.append("")
        lines.extend(f"- {_literal(path)} → {_literal(_value(value))}"
                     for path, value in example.previous_edits)
    return lines


def _findings(rule: Rule, example: Example, *, only_rule: bool) -> list[str]:
    report, previous = example_case(example)
    findings = [finding for finding in iter_findings(report, previous=previous)
                if not only_rule or rule.id in (finding.rule, finding.subject_rule)]
    if not findings:
        return ["", f"结果：没有 {rule.id} 的发现。"]
    lines = ["", "结果："]
    lines.extend(f"- {finding.rule} {_SEVERITY[finding.severity.value]} "
                 f"{_literal(finding.json_path)}：{finding.message}" for finding in findings)
    return lines


def _rule_lines(rule: Rule) -> list[str]:
    lines = [f"### {rule.id} {rule.title}", ""]
    formats = "、".join(f"{version.value}（{len(rule.relations(version))} 项）"
                       for version in rule.formats) or "由引擎产生"
    strict = "；`--strict` 下为错误" if rule.error_when_strict else ""
    lines += [
        f"- 编号：`{rule.id}`",
        f"- 级别：{_SEVERITY[rule.severity.value]}{strict}",
        f"- 出处：{rule.clause}",
        f"- 英文名：{rule.title_en}",
        f"- 适用格式：{formats}",
        f"- 需要上年报告：{'是' if rule.needs_previous else '否'}",
        f"- 消息模板：{_literal(rule.message)}",
        "",
    ]
    relations = next((rule.relations(version) for version in rule.formats), ())
    if relations:
        lines += ["第一项关系（完整列表见 `govinfo-report rules --json`）：", "",
                  "```python", repr(relations[0]), "```", ""]
    if rule.passing is not None:
        lines += ["**通过的例子**：", "", *_case(rule.passing),
                  *_findings(rule, rule.passing, only_rule=True), ""]
    if rule.failing is not None:
        lines += ["**不通过的例子**：", "", *_case(rule.failing),
                  *_findings(rule, rule.failing, only_rule=False), ""]
    return lines


class RuleCatalog(SphinxDirective):
    """Every rule: id, severity, Chinese text, clause, and a passing and a failing example."""

    def run(self) -> list[nodes.Node]:
        lines: list[str] = []
        for rule in RULES:
            lines += _rule_lines(rule)
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, "rule-catalog"), container)
        return list(container.children)


class FindingExample(SphinxDirective):
    """The JSON form of the first finding of a rule's failing example."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        rule = rule_by_id(self.arguments[0])
        assert rule.failing is not None
        report, previous = example_case(rule.failing)
        finding = next(iter_findings(report, previous=previous))
        text = json.dumps(finding.to_json(), ensure_ascii=False, indent=2)
        block = nodes.literal_block(text, text, language="json")
        return [block]


def _labels(path: str) -> str:
    for version in FormatVersion:
        try:
            return " › ".join(field_info(path, version).labels[1:])
        except KeyError:
            continue
    raise KeyError(path)


class Crosswalk(SphinxDirective):
    """The crosswalk's pairings and the cells left unpaired, with official labels."""

    def run(self) -> list[nodes.Node]:
        lines = ["| 2021 年格式 | 试行格式 | 含义 | 说明 |", "| --- | --- | --- | --- |"]
        lines += [f"| {_labels(entry.current)} {_literal(entry.current)} | "
                  f"{_labels(entry.trial)} {_literal(entry.trial)} | "
                  f"{'相同' if entry.exact else '相近'} | {entry.note} |" for entry in CROSSWALK]
        lines += ["", "没有对应单元格的（按路径前缀）：", "", "| 单元格 | 原因 |", "| --- | --- |"]
        lines += [f"| {_labels(path)} {_literal(path)} | {reason} |"
                  for path, reason in UNPAIRED.items()]
        container = nodes.section()
        container.document = self.state.document
        nested_parse_with_titles(self.state, StringList(lines, "crosswalk"), container)
        return list(container.children)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("crosswalk", Crosswalk)
    app.add_directive("rule-catalog", RuleCatalog)
    app.add_directive("finding-example", FindingExample)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
