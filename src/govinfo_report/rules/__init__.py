"""Consistency rules of the national format, and the three verbs that run them.

Each rule (:class:`Rule`) is data: a stable id, a severity, the clause it
comes from, a message in Chinese and English, and per format version the
relations it checks between cells named by ``$`` JSON path. The engine adds
locations and official labels to what they find (:class:`~govinfo_report.findings.Finding`).

>>> from govinfo_report.examples import load_example
>>> from govinfo_report.rules import RULES, is_consistent, iter_findings
>>> " ".join(rule.id for rule in RULES)
'S1 I1 I2 I3 W1 W2 W3 L1 F1 N1 N2 B1 M1 Y1 P1 B2 A1'
>>> is_consistent(load_example("2021"))
True
>>> finding = next(iter_findings(load_example("2019")))
>>> finding.rule, finding.json_path
('B1', '$.proactive_disclosure.art20_6.punishment.decisions')
>>> print(finding.message)
第二十条第（六）项 › 行政处罚 › 处理决定数量 留空；格式要求没有数据时填 0
"""

from __future__ import annotations

from ._catalog import RULES, rule_by_id
from ._conditions import not_blank, positive_implies, stated_in_text, zero_unless
from ._engine import check, is_consistent, iter_findings
from ._export import RULES_FORMAT, rule_to_json, rules_as_json
from ._publication import Deadline, published_in_time, texts_blank_while_filled, year_between
from ._relations import (
    Ref,
    Relation,
    at_least,
    minus,
    previous,
    sum_equals,
    sums_equal,
)
from ._rule import Example, Rule

__all__ = [
    "RULES",
    "RULES_FORMAT",
    "Deadline",
    "Example",
    "Ref",
    "Relation",
    "Rule",
    "at_least",
    "check",
    "is_consistent",
    "iter_findings",
    "minus",
    "not_blank",
    "positive_implies",
    "previous",
    "published_in_time",
    "rule_by_id",
    "rule_to_json",
    "rules_as_json",
    "stated_in_text",
    "sum_equals",
    "sums_equal",
    "texts_blank_while_filled",
    "year_between",
    "zero_unless",
]
