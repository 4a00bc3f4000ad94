"""Wide-format CSV: one row per report, one column per table cell.

The header names each cell by its official labels from the label registry,
joined by ``LABEL_SEPARATOR`` (or by its JSON path, ``header="paths"``),
after the columns that say who published the report. A cell whose unit is
recorded in the report (试行格式 采购总金额) is followed by a column holding
that unit, so no value changes meaning. One table holds one format version.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, Literal

from .._cells import unit_of
from ..exceptions import IncompatibleReportsError, InvalidOptionError
from ..model import FormatVersion, Report
from ._output import Output, binary_output
from ._records import LABEL_SEPARATOR, columns, values_getter

__all__ = ["UNIT_SUFFIX", "WIDE_ID_FIELDS", "wide_header", "write_wide_csv"]

#: The columns before the cells: who published the report, and in which format.
WIDE_ID_FIELDS = ("organ", "level", "division_code", "year", "format")
#: Ends the header of the unit column that follows a cell with a recorded unit.
UNIT_SUFFIX = "（单位）"

Header = Literal["labels", "paths"]


def wide_header(format: FormatVersion | str, *, header: Header = "labels") -> tuple[str, ...]:
    """The header row of a wide table of ``format`` reports.

    >>> names = wide_header("2021")
    >>> names[:5]
    ('organ', 'level', 'division_code', 'year', 'format')
    >>> names[5]
    '二、主动公开政府信息情况 › 第二十条第（一）项 › 规章 › 本年制发件数'
    >>> wide_header("2021", header="paths")[5]
    '$.proactive_disclosure.art20_1.regulations.issued'
    """
    if header not in ("labels", "paths"):
        raise InvalidOptionError(f"header 应为 labels 或 paths，实际是 {header!r}"
                                 "（header must be 'labels' or 'paths'）")
    names: list[str] = list(WIDE_ID_FIELDS)
    for column in columns(FormatVersion(format)):
        info = column.cell.info
        name = LABEL_SEPARATOR.join(info.labels) if header == "labels" else info.json_path
        names.append(name)
        if column.cell.get_unit is not None:
            names.append(name + UNIT_SUFFIX)
    return tuple(names)


def _shown(value: Any) -> Any:
    if value is None:
        return ""
    return format(value, "f") if isinstance(value, Decimal) else value


def _row(report: Report) -> list[Any]:
    metadata = report.metadata
    row: list[Any] = [metadata.organ or "", metadata.level.value, metadata.division_code or "",
                      "" if metadata.year is None else metadata.year, report.format.value]
    values = values_getter(report.format)(report)
    for column, value in zip(columns(report.format), values, strict=True):
        row.append(_shown(value))
        if column.cell.get_unit is not None:
            row.append(unit_of(column.cell, report))
    return row


def write_wide_csv(reports: Iterable[Report], file: Output, *, bom: bool = False,
                   header: Header = "labels") -> int:
    """Write ``reports`` as a wide CSV table, one row each; return how many rows.

    Values are written as :func:`~govinfo_report.export.write_csv` writes
    them (exact decimals, a blank cell as an empty field); ``file`` and
    ``bom`` are as there. Every report must be of the same format version
    as the first, or :class:`~govinfo_report.exceptions.IncompatibleReportsError`
    is raised (a file being written is then left as it was).
    """
    count = 0
    version: FormatVersion | None = None
    with binary_output(file) as stream:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        for index, report in enumerate(reports):
            if version is None:
                version = report.format
                if bom:
                    stream.write("\ufeff".encode())
                writer.writerow(wide_header(version, header=header))
            elif report.format is not version:
                raise IncompatibleReportsError(
                    f"第 {index + 1} 份报告是 {report.format.format_name}，而第 1 份是 "
                    f"{version.format_name}：宽表只能放一种格式版本"
                    "（a wide table holds one format version）", odd_ones=(index,))
            writer.writerow(_row(report))
            stream.write(buffer.getvalue().encode("utf-8"))
            buffer.seek(0)
            buffer.truncate()
            count += 1
    return count
