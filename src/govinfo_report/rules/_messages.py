"""Findings built from judgements: operands, labels, locations and filled messages.

The engine (:mod:`._engine`) decides which relations fail; this module writes
each failure as a :class:`~govinfo_report.findings.Finding`, with the words of
:data:`WORDS` (exported with the rule set, so other engines write the same).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from ..findings import Finding, Operand
from ..labels import field_info
from ..model import FormatVersion, OrganLevel
from ._catalog import rule_by_id
from ._conditions import PositiveImplies, StatedInText, ZeroUnless
from ._relations import AtLeast, Ref, Relation, SumEquals, SumsEqual, Unchecked, Violation
from ._rule import Rule

__all__ = ["BLANKS_LISTED", "WORDS", "Fields", "labels_of", "located_finding"]

#: The words the engine writes into messages besides labels and values (exported with
#: the rule set, so engines in other languages write the same).
WORDS = {
    "blank": "空",
    "positive": "+",
    "label_separator": " › ",
    "plus": "＋",
    "minus": "－",
    "previous_report": "上年报告 ",
    "list_separator": "、",
    "more_blanks": " 等 {count} 个单元格",
}
#: How many blank cells a ``B2`` message names before it counts the rest.
BLANKS_LISTED = 3


@functools.cache
def labels_of(path: str, format: FormatVersion) -> tuple[str, ...]:
    return field_info(path, format).labels


def _value(value: Any) -> int | Decimal | None:
    return value if isinstance(value, (int, Decimal)) or value is None else None


#: Integers up to about 3900 digits are shown in full.
_SHOWN_BITS = 13_000


def _shown(value: Any) -> str:
    if value is None:
        return WORDS["blank"]
    if isinstance(value, int) and value.bit_length() > _SHOWN_BITS:
        # Only in a report built in code: str() refuses integers of over 4300 digits.
        return "（位数过多的整数）"
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def _signed(value: Any) -> str:
    return "" if value is None else (WORDS["positive"] if value > 0 else "") + _shown(value)


def located_finding(rule: Rule, relation: Relation, judgement: Violation | Unchecked,
                    get: Callable[[Ref], Any], format: FormatVersion,
                    previous_format: FormatVersion, strict: bool) -> Finding:
    def labels(ref: Ref) -> tuple[str, ...]:
        return labels_of(ref.path, previous_format if ref.previous else format)

    operands = tuple(Operand(json_path=ref.path, labels=labels(ref), value=_value(get(ref)),
                             previous=ref.previous) for ref in relation.operands())
    if isinstance(judgement, Unchecked):
        return _unchecked(rule, relation, judgement, operands, labels)
    locations = tuple(ref for ref in relation.locations() if not ref.previous)
    primary = locations[0] if locations else relation.operands()[0]
    fields = _placeholders(relation, judgement, primary, get, labels)
    return Finding(
        rule=rule.id, severity=rule.severity_for(strict=strict),
        message=rule.message.format_map(fields), message_en=rule.message_en.format_map(fields),
        json_paths=tuple(ref.path for ref in locations), labels=labels(primary),
        operands=operands, expected=judgement.expected, actual=judgement.actual,
        difference=judgement.difference)


def _short(labels: tuple[str, ...]) -> str:
    """Labels without the part heading, which the location already shows."""
    return WORDS["label_separator"].join(labels[1:] or labels)


def _relative(labels: tuple[str, ...], to: tuple[str, ...]) -> str:
    common = 0
    while common < min(len(labels), len(to)) - 1 and labels[common] == to[common]:
        common += 1
    return WORDS["label_separator"].join(labels[common:])


class Fields(dict[str, str]):
    """The placeholders of a message; one the relation does not fill is left empty."""

    def __missing__(self, key: str) -> str:
        return ""


def _placeholders(relation: Relation, judgement: Violation, primary: Ref,
                  get: Callable[[Ref], Any],
                  labels: Callable[[Ref], tuple[str, ...]]) -> Fields:
    home = labels(primary)
    separator, plus = WORDS["label_separator"], WORDS["plus"]
    fields = Fields(where=_short(home), column=home[-1], expected=_shown(judgement.expected),
                     actual=_shown(judgement.actual), difference=_signed(judgement.difference))

    def term(ref: Ref) -> str:
        mark = WORDS["previous_report"] if ref.previous else ""
        return mark + _relative(labels(ref), home)

    if isinstance(relation, SumEquals):
        fields["parts"] = "".join((WORDS["minus"] if part.sign < 0 else plus) + term(part.ref)
                                  for part in relation.parts)[1:]
    elif isinstance(relation, SumsEqual):
        fields["left"] = plus.join(separator.join(labels(ref)[1:-1]) for ref in relation.left)
        fields["right"] = plus.join(separator.join(labels(ref)[1:-1]) for ref in relation.right)
    elif isinstance(relation, AtLeast):
        fields["parts"] = term(relation.smaller)
    elif isinstance(relation, ZeroUnless):
        level = get(relation.condition)
        fields["level"] = level.label if isinstance(level, OrganLevel) else str(level)
        fields["row"] = home[-2]
    elif isinstance(relation, PositiveImplies):
        fields["trigger"] = _short(labels(relation.trigger))
        fields["trigger_value"] = _shown(get(relation.trigger))
    elif isinstance(relation, StatedInText):
        fields["parts"] = plus.join(_short(labels(cell)) for cell in relation.cells)
        fields["stated"] = _shown(judgement.stated)
        fields["quote"] = judgement.quote or ""
        stating = next(text for text, _, quote in relation.statements(get)
                       if quote == judgement.quote)
        fields["where"] = separator.join(labels(stating))
    fields.update(judgement.details)
    return fields


def _unchecked(rule: Rule, relation: Relation, judgement: Unchecked,
               operands: tuple[Operand, ...],
               labels: Callable[[Ref], tuple[str, ...]]) -> Finding:
    blank_rule = rule_by_id("B2")
    blanks = [(WORDS["previous_report"] if ref.previous else "") + _short(labels(ref))
              for ref in judgement.blanks]
    more = WORDS["more_blanks"].format(count=len(blanks)) if len(blanks) > BLANKS_LISTED else ""
    shown = WORDS["list_separator"].join(blanks[:BLANKS_LISTED]) + more
    fields = Fields(subject=rule.id, subject_title=rule.title, blanks=shown,
                     count=str(len(blanks)))
    first = judgement.blanks[0]
    return Finding(
        rule=blank_rule.id, severity=blank_rule.severity,
        message=blank_rule.message.format_map(fields),
        message_en=blank_rule.message_en.format_map(fields),
        # Blanks of the previous report only: the finding points at the cells checked.
        json_paths=tuple(ref.path for ref in judgement.blanks if not ref.previous)
        or tuple(ref.path for ref in relation.locations() if not ref.previous),
        labels=labels(first), operands=operands, subject_rule=rule.id)
