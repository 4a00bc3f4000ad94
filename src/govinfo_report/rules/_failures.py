"""The findings that fail, without evaluating any rule that cannot fail.

A roll-up refuses an input that fails an error-level rule and has no use
for its warnings. Without ``strict``, only the error-level rules (S1, I1,
I2, I3) can fail; :func:`failures` evaluates those alone, through a screen
compiled for them, and skips the rest (the narrative statements of N1 are
most of the cost of a full check). It returns exactly the failing findings
of :func:`~govinfo_report.rules.iter_findings`, in the same order
(``tests/test_rules_failures.py``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from ..findings import Finding, Severity
from ..model import FormatVersion, Report
from ._engine import Check, _acknowledge, _plan, _reader
from ._fast import compile_fast
from ._messages import located_finding
from ._relations import Relation, Violation

__all__ = ["error_relations", "failures"]


Screen = Callable[[Any], list[int] | None]


@functools.cache
def _error_plan(format: FormatVersion) -> tuple[tuple[Check, ...], Screen]:
    checks = tuple(check for check in _plan(format).checks
                   if check[0].severity_for(strict=False) is Severity.ERROR)
    return checks, compile_fast(format, [relation for _, relation in checks])


def error_relations(format: FormatVersion) -> tuple[Relation, ...]:
    """The relations of the rules that can fail without ``strict``, in rule order."""
    return tuple(relation for _, relation in _error_plan(format)[0])


def failures(report: Report) -> tuple[Finding, ...]:
    """``tuple(f for f in iter_findings(report) if f.is_failure())``, evaluating only the
    rules that can fail: unacknowledged errors of error-level rules, in rule order.

    A relation left unchecked by a blank cell is a ``B2`` warning, which never fails.
    """
    format = report.format
    checks, screen = _error_plan(format)
    suspects = screen(report)
    if suspects == []:
        return ()
    get = _reader(report, None)
    acknowledgements = report.acknowledgements
    matched = [False] * len(acknowledgements)
    found = []
    for index in range(len(checks)) if suspects is None else suspects:
        rule, relation = checks[index]
        judgement = relation(get)
        if isinstance(judgement, Violation):
            finding = located_finding(rule, relation, judgement, get, format, format, False)
            if acknowledgements:
                finding = _acknowledge(finding, acknowledgements, matched)
            if finding.is_failure():
                found.append(finding)
    return tuple(found)
