"""The organ and the year given by the caller, for a source that does not say them.

>>> from govinfo_report.importers import parse, text
>>> result = parse("二、主动公开政府信息情况\\n第二十条第（五）项\\n行政许可 6", kind="text")
>>> missing_metadata(result)
('机关名称', '报告年度')
>>> given = supply_metadata(result, organ="示范县青山镇人民政府", year=2023)
>>> missing_metadata(given), given.report.metadata.level.value
((), 'township')
"""

from __future__ import annotations

from typing import Any

import attrs

from ..labels import format_path, label_path
from ._assemble import consistency_findings, organ_level
from ._grid import Location
from ._result import FieldSource, ImportResult

__all__ = ["missing_metadata", "supply_metadata"]

_ORGAN, _YEAR = ("metadata", "organ"), ("metadata", "year")


def missing_metadata(result: ImportResult) -> tuple[str, ...]:
    """The official labels of the organ and the year, those the import could not read.

    They are ``None`` in the report (rule M1 reports them); the command line
    exits 1 and asks for them.
    """
    metadata = result.report.metadata
    return tuple(label_path(path)[-1] for path, missing in
                 ((_ORGAN, metadata.organ is None), (_YEAR, metadata.year is None))
                 if missing)


def supply_metadata(result: ImportResult, *, organ: str | None = None,
                    year: int | None = None) -> ImportResult:
    """``result`` with the organ and the year the caller gave in place of those read.

    Their import findings go, the organ level follows the new organ, the
    consistency findings are made again, and their provenance says
    ``given``.
    """
    if organ is None and year is None:
        return result
    metadata = result.report.metadata
    changes: dict[str, Any] = {}
    replaced = set()
    fields = dict(result.fields)
    for path, value in ((_ORGAN, organ), (_YEAR, year)):
        if value is None:
            continue
        changes[path[1]] = value
        replaced.add(format_path(path))
        fields[format_path(path)] = FieldSource(json_path=format_path(path), raw="given",
                                                location=Location())
    if organ is not None:
        changes["level"] = organ_level(organ)
    report = attrs.evolve(result.report, metadata=attrs.evolve(metadata, **changes))
    findings = tuple(finding for finding in result.findings
                     if not replaced.intersection(finding.json_paths))
    return attrs.evolve(result, report=report, findings=findings, fields=fields,
                        check_findings=consistency_findings(report))
