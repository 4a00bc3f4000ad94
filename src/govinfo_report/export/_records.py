"""Long-format records: one per table cell of each report."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

import attrs

from .._cells import Cell, cells, unit_of
from ..labels import field_info
from ..model import FormatVersion, Report

__all__ = ["LABEL_SEPARATOR", "RECORD_FIELDS", "Column", "Record", "columns", "iter_records"]

#: Joins the official labels of a cell in the ``labels`` column.
LABEL_SEPARATOR = " › "


@attrs.frozen(kw_only=True)
class Record:
    """One table cell of one report, with who published it and what it is.

    ``level`` and ``format`` are their JSON values (``township``, ``2021``);
    ``unit`` is the cell's unit (``件``, ``万元`` …; for 试行格式 采购总金额 the
    recorded unit, ``""`` if none); ``value`` is an ``int``, an exact
    :class:`~decimal.Decimal`, or ``None`` for a blank cell.
    """

    organ: str | None
    level: str
    division_code: str | None
    year: int | None
    format: str
    #: The part heading, e.g. ``三、收到和处理政府信息公开申请情况``.
    part: str
    #: The official label of the row (the field holding the cell), e.g. ``（一）予以公开``.
    row: str
    #: The official label of the cell's column, e.g. ``自然人``.
    column: str
    #: Every official label from the part down to the cell.
    labels: tuple[str, ...]
    json_path: str
    unit: str
    value: int | Decimal | None


#: The record fields in column order, the header of the CSV and of the XLSX long sheet.
RECORD_FIELDS: tuple[str, ...] = tuple(field.name for field in attrs.fields(Record))


@attrs.frozen(kw_only=True)
class Column:
    """The constant part of the records of one cell."""

    cell: Cell
    part: str
    row: str
    column: str


@functools.cache
def columns(format: FormatVersion) -> tuple[Column, ...]:
    """One entry per table cell of ``format``, in official order."""
    return tuple(Column(cell=cell, part=cell.info.labels[0],
                        row=field_info(cell.info.path[:-1], format).label,
                        column=cell.info.label) for cell in cells(format))


@functools.cache
def values_getter(format: FormatVersion) -> Callable[[Any], tuple[Any, ...]]:
    """Read every cell of a report of ``format`` in one call, in :func:`columns` order."""
    paths = [".".join(str(segment) for segment in column.cell.info.path)
             for column in columns(format)]
    return operator.attrgetter(*paths)


def iter_records(reports: Iterable[Report]) -> Iterator[Record]:
    """Yield the long-format records of ``reports``, every table cell of each, in order."""
    for report in reports:
        metadata = report.metadata
        plan = columns(report.format)
        values = values_getter(report.format)(report)
        for column, value in zip(plan, values, strict=True):
            yield Record(organ=metadata.organ, level=metadata.level.value,
                         division_code=metadata.division_code, year=metadata.year,
                         format=report.format.value, part=column.part, row=column.row,
                         column=column.column,
                         labels=column.cell.info.labels, json_path=column.cell.json_path,
                         unit=unit_of(column.cell, report), value=value)
