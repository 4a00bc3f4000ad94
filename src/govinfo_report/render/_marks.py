"""Findings as the renderers show them: numbered, located, and marked on their cells.

Each finding gets its number in the report and a readable location (its
official labels joined by ``›``, or its ``$`` path); it is listed under the
table that holds its primary location and marks every value cell named by
one of its paths.

>>> from govinfo_report.findings import Finding, Severity
>>> found = Finding(rule="I1", severity=Severity.ERROR, message="总计不符",
...                 json_paths=("$.applications.new_received.total",))
>>> number_findings([found], FormatVersion.V2021)[0].location
'三、收到和处理政府信息公开申请情况 › 一、本年新收政府信息公开申请数量 › 总计'
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from ..exceptions import UnknownPathError
from ..findings import Finding, Severity
from ..labels import field_info
from ..model import FormatVersion
from ._layout import Table
from ._text import clean_text

__all__ = ["SEVERITY_LABELS", "FindingView", "Mark", "covers", "in_table", "marks_of",
           "number_findings"]

#: Chinese names of the severities, as the findings lists show them.
SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "警告"}


@attrs.frozen(kw_only=True)
class FindingView:
    """A finding with its number in the report and a readable location."""

    number: int
    finding: Finding
    #: ``error``, ``warning``.
    severity: str
    severity_label: str
    #: Official labels joined by ``›``, or the ``$`` path when the finding has none.
    location: str
    message: str


@attrs.frozen(kw_only=True)
class Mark:
    """The findings that name one cell."""

    numbers: tuple[int, ...]
    #: The worst open severity (``error``, ``warning``), or ``acknowledged``.
    severity: str


def number_findings(findings: Iterable[Finding],
                    format: FormatVersion) -> tuple[FindingView, ...]:
    """Number ``findings`` from 1 and give each a readable location and message."""
    views = []
    for number, finding in enumerate(findings, start=1):
        location = " › ".join(finding.labels or _registry_labels(finding.json_path, format)) \
            or finding.json_path
        message = clean_text(finding.message)
        if finding.acknowledged and finding.acknowledgement:
            message += f"（已说明：{clean_text(finding.acknowledgement)}）"
        views.append(FindingView(number=number, finding=finding,
                                 severity=finding.severity.value,
                                 severity_label=SEVERITY_LABELS[finding.severity],
                                 location=clean_text(location), message=message))
    return tuple(views)


def _registry_labels(json_path: str, format: FormatVersion) -> tuple[str, ...]:
    try:
        return field_info(json_path, format).labels
    except UnknownPathError:
        return ()


def covers(path: str, cell_path: str) -> bool:
    """True when ``cell_path`` is ``path`` or lies inside it (``$`` covers nothing)."""
    return path != "$" and (cell_path == path or cell_path.startswith((path + ".", path + "[")))


def marks_of(table: Table, findings: tuple[FindingView, ...]) -> dict[int, Mark]:
    """The marks of the value cells of ``table`` that ``findings`` name, by cell index."""
    named: dict[int, dict[int, FindingView]] = {}
    for view in findings:
        for path in view.finding.json_paths:
            for cell in table.value_cells:
                if covers(path, cell.json_path):
                    named.setdefault(cell.index, {})[view.number] = view
    marks = {}
    for index, by_number in named.items():
        views = list(by_number.values())
        open_severities = {view.severity for view in views if not view.finding.acknowledged}
        severity = next((s.value for s in Severity if s.value in open_severities), "acknowledged")
        marks[index] = Mark(numbers=tuple(view.number for view in views), severity=severity)
    return marks


def in_table(view: FindingView, table: Table) -> bool:
    """True when the primary location of the finding lies in ``table``."""
    return covers(table.json_path, view.finding.json_path)
