"""The engine: runs the rules on a report and locates what they find.

Rules only state relations between JSON paths; the engine reads the values,
adds the official labels, fills the message and applies the report's
acknowledgements. A compiled fast check (:mod:`._fast`) clears consistent
reports; only the relations it flags are evaluated here one by one, and
:mod:`._messages` writes what they find.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

import attrs

from ..exceptions import InconsistentReportError
from ..findings import Finding
from ..model import Acknowledgement, FormatVersion, Report
from ._catalog import RULES, rule_by_id
from ._conditions import NotBlank
from ._crossyear import across_formats
from ._fast import compile_fast
from ._messages import BLANKS_LISTED, WORDS, Fields, labels_of, located_finding
from ._relations import Judgement, Ref, Relation, Unchecked, value_getter
from ._rule import Rule

__all__ = ["BLANKS_LISTED", "WORDS", "check", "is_consistent", "iter_findings"]

Check = tuple[Rule, Relation]


@attrs.frozen
class _Plan:
    """The checks of one format version, in rule order, and their compiled fast check."""

    checks: tuple[Check, ...]
    cross_year: tuple[Check, ...]
    fast: Callable[[Any], list[int] | None]
    #: The cells a ``not_blank`` relation (B1, M1) reports when blank.
    reported_blanks: frozenset[str]


#: The plan of each report class (a class hashes faster than its format, an enum).
_PLANS: dict[type, _Plan] = {}


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
    if not report.acknowledgements:
        return _findings(report, previous, strict)
    return _acknowledged(report, previous, strict)


def _acknowledged(report: Report, previous: Report | None, strict: bool) -> Iterator[Finding]:
    """:func:`_findings` marked by the report's acknowledgements, then those matching none."""
    acknowledgements = report.acknowledgements
    matched = [False] * len(acknowledgements)
    for finding in _findings(report, previous, strict):
        yield _acknowledge(finding, acknowledgements, matched)
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
    plan = _PLANS.get(type(report)) or _PLANS.setdefault(type(report), _plan(format))
    suspects = plan.fast(report)
    if not suspects and previous is None and suspects is not None:
        return  # a consistent report: the screen found every relation holding
    get = _reader(report, previous)
    indices = range(len(plan.checks)) if suspects is None else suspects
    for index in indices:
        rule, relation = plan.checks[index]
        judgement = _once(relation(get), plan.reported_blanks)
        if judgement is not None:
            yield located_finding(rule, relation, judgement, get, format, format, strict)
    if previous is None:
        return
    # A previous report of the other version is read through the crosswalk.
    for rule, relation in across_formats(plan.cross_year, format, previous.format):
        judgement = _once(relation(get), plan.reported_blanks)
        if judgement is not None:
            yield located_finding(rule, relation, judgement, get, format, previous.format, strict)


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
    fields = Fields(subject=acknowledgement.rule, path=acknowledgement.path,
                     reason=acknowledgement.reason)
    return Finding(
        rule=rule.id, severity=rule.severity_for(strict=strict),
        message=rule.message.format_map(fields), message_en=rule.message_en.format_map(fields),
        json_paths=(f"$.acknowledgements[{index}]",),
        labels=labels_of("$.acknowledgements", format),
        subject_rule=acknowledgement.rule)

