"""Build a report from its leaf cells; every total is computed.

A system enters the cells it knows in the JSON shape of the report. Cells it
does not give are ``0`` (the format asks for 0, not blank); give ``None`` for
a cell that is really blank. Totals — each row's 总计, （七）总计 and the 总计
of each group of 四 — are computed and must not be given unless they agree.

>>> from govinfo_report.builder import build
>>> report = build("2021", {
...     "metadata": {"organ": "某某镇人民政府", "level": "township", "year": 2023},
...     "applications": {
...         "new_received": {"natural_person": 3, "commercial_enterprise": 1},
...         "results": {"granted": {"natural_person": 2},
...                     "unable": {"not_held": {"natural_person": 1, "commercial_enterprise": 1}}},
...     },
... })
>>> report.applications.new_received.total
4
>>> report.applications.results.total.total
4
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from .convert import from_dict
from .exceptions import InvalidReportError, LoadError, Problem
from .labels import PathSegment
from .model import REPORT_CLASSES, ApplicantCounts, FormatVersion, Report
from .model._fields import Kind
from .model._introspect import model_fields

__all__ = ["build", "row_total"]


def row_total(values: list[int | None]) -> int | None:
    """The sum of ``values``, or ``None`` (blank) if any of them is blank."""
    total = 0
    for value in values:
        if value is None:
            return None
        total += value
    return total


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Mapping):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(item) for item in value]
    return value


class _Filler:
    def __init__(self, format: FormatVersion) -> None:
        self.format = format
        self.problems: list[tuple[tuple[PathSegment, ...], str]] = []

    def fill(self, cls: type, given: Any, path: tuple[PathSegment, ...]) -> dict[str, Any]:
        if not isinstance(given, Mapping):
            self.problems.append((path, "应为 JSON 对象（expected an object）"))
            return {}
        fields = model_fields(cls)
        names = {field.name for field in fields}
        for key in given:
            if key not in names:
                self.problems.append(((*path, str(key)), f"未知的键 {key!r}（unknown key）"))
        out: dict[str, Any] = {}
        derived = []
        for field in fields:
            if field.spec.derived:
                derived.append(field)
                continue
            if field.child is not None and not field.repeated:
                out[field.name] = self.fill(field.child, given.get(field.name, {}),
                                            (*path, field.name))
            elif field.spec.kind is Kind.MONEY:
                value = given.get(field.name, 0)
                # Whole amounts may be given as int; floats stay refused (inexact).
                out[field.name] = str(value) if type(value) is int else _jsonable(value)
            elif field.spec.is_cell:
                out[field.name] = _jsonable(given.get(field.name, 0))
            elif field.name in given:
                out[field.name] = _jsonable(given[field.name])
        for field in derived:
            computed = self._total(field.child, out, fields)
            if field.name in given and _jsonable(given[field.name]) != computed:
                self.problems.append(((*path, field.name), (
                    f"总计由生成器计算为 {computed!r}，与给出的 {given[field.name]!r} 不符"
                    "（totals are computed; the given value disagrees）")))
            out[field.name] = computed
        return out

    def _total(self, child: type | None, out: dict[str, Any], fields: Any) -> Any:
        if child is None:
            return _checked_total([out[f.name] for f in fields
                                   if f.spec.kind is Kind.COUNT and not f.spec.derived])
        assert child is ApplicantCounts
        rows = list(_leaf_rows(out))
        return {column.name: _checked_total([row[column.name] for row in rows])
                for column in model_fields(ApplicantCounts)}


def _checked_total(values: list[Any]) -> int | None:
    # A total of values that are themselves invalid is left blank: the loader
    # reports the bad leaves, and a derived total would only repeat them.
    if all(type(value) is int and value >= 0 for value in values):
        total: int = sum(values)
        return total
    return None


def _leaf_rows(node: dict[str, Any]) -> Any:
    columns = {field.name for field in model_fields(ApplicantCounts)}
    for value in node.values():
        if isinstance(value, dict):
            if set(value) == columns:
                yield value
            else:
                yield from _leaf_rows(value)


def build(format: FormatVersion | str, cells: Mapping[str, Any]) -> Report:
    """Build a report of ``format`` from ``cells`` (the JSON shape, totals left out).

    Raises :class:`~govinfo_report.exceptions.InvalidReportError` listing every
    problem (unknown keys, totals that disagree, values out of their domain).
    """
    from ._errors import problem_at

    version = FormatVersion(format)
    filler = _Filler(version)
    document = filler.fill(REPORT_CLASSES[version], cells, ())
    problems: list[Problem] = [problem_at(path, message, version)
                               for path, message in filler.problems]
    try:
        report = from_dict({"format": version.value, **document})
    except LoadError as error:
        problems.extend(error.problems)
    if problems:
        raise InvalidReportError(problems)
    return report
