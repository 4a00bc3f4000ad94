"""The engine: runs the rules on a report and locates what they find.

Rules only state relations between JSON paths; the engine reads the values,
adds the official labels, fills the message and applies the report's
acknowledgements. A compiled fast check (:mod:`._fast`) clears consistent
reports; only the relations it flags are evaluated here one by one.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from ..exceptions import InconsistentReportError
from ..findings import Finding, Operand
from ..labels import field_info
from ..model import Acknowledgement, FormatVersion, OrganLevel, Report
from ._catalog import RULES, rule_by_id
from ._conditions import NotBlank, PositiveImplies, StatedInText, ZeroUnless
from ._crossyear import across_formats
from ._fast import compile_fast
from ._relations import (
    AtLeast,
    Judgement,
    Ref,
    Relation,
    SumEquals,
    SumsEqual,
    Unchecked,
    Violation,
    value_getter,
)
from ._rule import Rule

__all__ = ["BLANKS_LISTED", "WORDS", "check", "is_consistent", "iter_findings"]

Check = tuple[Rule, Relation]

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
def _labels(path: str, format: FormatVersion) -> tuple[str, ...]:
    return field_info(path, format).labels


@attrs.frozen
class _Plan:
    """The checks of one format version, in rule order, and their compiled fast check."""

    checks: tuple[Check, ...]
    cross_year: tuple[Check, ...]
    fast: Callable[[Any], list[int] | None]
    #: The cells a ``not_blank`` relation (B1, M1) reports when blank.
    reported_blanks: frozenset[str]


@functools.cache
def _plan(format: FormatVersion) -> _Plan:
    checks = tuple((rule, relation) for rule in RULES if not rule.needs_previous
                   for relation in rule.relations(format))
    cross_year = tuple((rule, relation) for rule in RULES if rule.needs_previous
                       for relation in rule.relations(format))
    reported = frozenset(relation.cell.path for _, relation in checks
                         if isinstance(relation, NotBlank) and not relation.cell.previous)
    return _Plan(checks, cross_year, compile_fast(format, [rel for _, rel in checks]), reported)


def _reader(report: Report, previous: Report | None) -> Callable[[Ref], Any]:
    def get(ref: Ref) -> Any:
        source = previous if ref.previous else report
        return value_getter(ref.path)(source)

    return get


def iter_findings(report: Report, *, previous: Report | None = None,
                  strict: bool = False) -> Iterator[Finding]:
    """Yield every finding of every rule on ``report``, lazily, in rule order.

    ``previous`` (the same organ's report of the year before) enables the
    cross-year rules W1 and W2. Under ``strict`` a blank cell (B1) is an
    error. Findings the report acknowledges come marked ``acknowledged``;
    an acknowledgement that matches nothing yields an ``A1`` finding.
    """
    acknowledgements = report.acknowledgements
    matched = [False] * len(acknowledgements)
    for finding in _findings(report, previous, strict):
        if acknowledgements:
            finding = _acknowledge(finding, acknowledgements, matched)
        yield finding
    for index, acknowledgement in enumerate(acknowledgements):
        if not matched[index]:
            yield _unmatched(index, acknowledgement, report.format, strict)


def is_consistent(report: Report, *, previous: Report | None = None,
                  strict: bool = False) -> bool:
    """True when no finding fails: no unacknowledged error (nor warning under ``strict``)."""
    return not any(finding.is_failure(strict=strict)
                   for finding in iter_findings(report, previous=previous, strict=strict))


def check(report: Report, *, previous: Report | None = None, strict: bool = False) -> None:
    """Raise :class:`~govinfo_report.exceptions.InconsistentReportError` carrying every
    finding when any finding fails (see :func:`is_consistent`)."""
    findings = list(iter_findings(report, previous=previous, strict=strict))
    if any(finding.is_failure(strict=strict) for finding in findings):
        raise InconsistentReportError(findings, strict=strict)


def _findings(report: Report, previous: Report | None, strict: bool) -> Iterator[Finding]:
    format = report.format
    plan = _plan(format)
    get = _reader(report, previous)
    suspects = plan.fast(report)
    indices = range(len(plan.checks)) if suspects is None else suspects
    for index in indices:
        rule, relation = plan.checks[index]
        judgement = _once(relation(get), plan.reported_blanks)
        if judgement is not None:
            yield _finding(rule, relation, judgement, get, format, format, strict)
    if previous is None:
        return
    # A previous report of the other version is read through the crosswalk.
    for rule, relation in across_formats(plan.cross_year, format, previous.format):
        judgement = _once(relation(get), plan.reported_blanks)
        if judgement is not None:
            yield _finding(rule, relation, judgement, get, format, previous.format, strict)


def _once(judgement: Judgement, reported: frozenset[str]) -> Judgement:
    """The judgement, with each blank cell reported once.

    A blank cell that a ``not_blank`` relation reports (B1, M1) is not named
    again by a ``B2`` of every relation it blocks: ``B2`` lists only the other
    blanks (those of the previous year's report), and is dropped without them.
    """
    if not isinstance(judgement, Unchecked):
        return judgement
    blanks = tuple(ref for ref in judgement.blanks if ref.previous or ref.path not in reported)
    return Unchecked(blanks) if blanks else None


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


def _finding(rule: Rule, relation: Relation, judgement: Violation | Unchecked,
             get: Callable[[Ref], Any], format: FormatVersion, previous_format: FormatVersion,
             strict: bool) -> Finding:
    def labels(ref: Ref) -> tuple[str, ...]:
        return _labels(ref.path, previous_format if ref.previous else format)

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


class _Fields(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _placeholders(relation: Relation, judgement: Violation, primary: Ref,
                  get: Callable[[Ref], Any],
                  labels: Callable[[Ref], tuple[str, ...]]) -> _Fields:
    home = labels(primary)
    separator, plus = WORDS["label_separator"], WORDS["plus"]
    fields = _Fields(where=_short(home), column=home[-1], expected=_shown(judgement.expected),
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
    fields = _Fields(subject=rule.id, subject_title=rule.title, blanks=shown,
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


def _covers(path: str, json_path: str) -> bool:
    return json_path == path or json_path.startswith((path + ".", path + "["))


def _acknowledge(finding: Finding, acknowledgements: tuple[Acknowledgement, ...],
                 matched: list[bool]) -> Finding:
    for index, acknowledgement in enumerate(acknowledgements):
        if acknowledgement.rule == finding.rule and any(
                _covers(acknowledgement.path, json_path) for json_path in finding.json_paths):
            matched[index] = True
            return attrs.evolve(finding, acknowledged=True,
                                acknowledgement=acknowledgement.reason)
    return finding


def _unmatched(index: int, acknowledgement: Acknowledgement, format: FormatVersion,
               strict: bool) -> Finding:
    rule = rule_by_id("A1")
    fields = _Fields(subject=acknowledgement.rule, path=acknowledgement.path,
                     reason=acknowledgement.reason)
    return Finding(
        rule=rule.id, severity=rule.severity_for(strict=strict),
        message=rule.message.format_map(fields), message_en=rule.message_en.format_map(fields),
        json_paths=(f"$.acknowledgements[{index}]",), labels=_labels("$.acknowledgements", format),
        subject_rule=acknowledgement.rule)

