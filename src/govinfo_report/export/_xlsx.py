"""XLSX workbooks in the official layout (the ``xlsx`` extra, openpyxl).

One sheet per table — 二、主动公开政府信息情况, 三、收到和处理政府信息公开申请情况
and 四、政府信息公开行政复议、行政诉讼情况 — each report a block under a title
row, with the official merged headers and row labels, all read from the
model's field declarations; and a ``records`` sheet with the long-format
records.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from typing import Any

from .._optional import optional_module
from ..convert import check_writable
from ..exceptions import InvalidOptionError
from ..model import APPLICANTS, CORNER_NOTE, INFO_CONTENT, SECTION_TITLES, Report
from ..model._introspect import ModelField, model_fields
from ._output import Output, binary_output
from ._records import LABEL_SEPARATOR, RECORD_FIELDS, iter_records

__all__ = ["RECORDS_SHEET", "write_xlsx"]

#: The name of the long-format sheet.
RECORDS_SHEET = "records"
#: Rows an XLSX sheet can hold.
_MAX_ROWS = 1_048_576
_PARTS = ("proactive_disclosure", "applications", "reviews")


def _openpyxl() -> Any:
    return optional_module("openpyxl", "导出 XLSX", "XLSX export", package="openpyxl",
                           extra="xlsx")


def _field(cls: type, name: str) -> ModelField:
    return next(field for field in model_fields(cls) if field.name == name)


def _cell_fields(cls: type) -> list[ModelField]:
    return [field for field in model_fields(cls) if field.spec.is_cell]


def _printable(text: str, openpyxl: Any) -> str:
    """``text`` with the control characters a worksheet cannot hold replaced by U+FFFD."""
    illegal = openpyxl.cell.cell.ILLEGAL_CHARACTERS_RE
    return illegal.sub("\ufffd", text) if illegal.search(text) else text


class _Sheet:
    """Writes labels, values and merges into one worksheet, row by row.

    Merged ranges are collected and declared once at the end
    (:meth:`finish`): openpyxl's ``merge_cells`` compares each new range with
    every earlier one, which made many reports quadratic. Only the top-left
    cell of a range is ever written, so nothing under a merge needs clearing.
    """

    def __init__(self, worksheet: Any, openpyxl: Any, styles: Any) -> None:
        self.worksheet = worksheet
        self.openpyxl = openpyxl
        self.styles = styles
        self.next_row = 1
        self.merges: list[tuple[int, int, int, int]] = []
        self.width = 0
        self.alignment = styles.Alignment(horizontal="center", vertical="center",
                                          wrap_text=True)
        self.font = styles.Font(bold=True)

    def _merge(self, row: int, column: int, bottom: int, right: int) -> None:
        self.width = max(self.width, right)
        if (bottom, right) != (row, column):
            self.merges.append((row, column, bottom, right))

    def label(self, row: int, column: int, text: str, *, bottom: int | None = None,
              right: int | None = None) -> None:
        cell = self.worksheet.cell(row=row, column=column,
                                   value=_printable(text, self.openpyxl))
        cell.alignment = self.alignment
        cell.font = self.font
        self._merge(row, column, bottom or row, right or column)

    def value(self, row: int, column: int, value: Any, *, right: int | None = None,
              unit: str = "") -> None:
        cell = self.worksheet.cell(row=row, column=column, value=value)
        if unit:
            cell.number_format = f'General"{unit}"'
        self._merge(row, column, row, right or column)

    def finish(self) -> None:
        """Declare every merged range, and set the column widths."""
        merged = self.openpyxl.worksheet.cell_range.MultiCellRange
        ranges = self.openpyxl.worksheet.merge.MergedCellRange
        get_letter = self.openpyxl.utils.get_column_letter
        self.worksheet.merged_cells = merged([
            ranges(self.worksheet, f"{get_letter(left)}{top}:{get_letter(right)}{bottom}")
            for top, left, bottom, right in self.merges])
        # Wide enough for a short label; longer ones wrap inside their merged cells.
        for column in range(1, max(self.width, self.worksheet.max_column) + 1):
            self.worksheet.column_dimensions[get_letter(column)].width = _COLUMN_WIDTH

    def title(self, report: Report, width: int) -> int:
        """A title row naming the report; returns the first row below it and a spacer."""
        metadata = report.metadata
        row = self.next_row
        self.label(row, 1, " ".join(str(value) for value in (metadata.organ, metadata.year)
                                    if value is not None), right=width)
        return row + 1

    def tree(self, top: int, left: int, chains: Sequence[tuple[str, ...]], *,
             across: bool) -> None:
        """Labels of nested headers, merged where neighbours share a label.

        ``chains`` holds, for each column (``across``) or row, its labels from
        the outermost down; a chain shorter than the deepest one has its last
        label stretched to the innermost level.
        """
        depth = max(len(chain) for chain in chains)
        for level in range(depth):
            start = 0
            while start < len(chains):
                chain = chains[start]
                if level >= len(chain):
                    start += 1
                    continue
                end = start
                while (end + 1 < len(chains) and len(chains[end + 1]) > level
                       and chains[end + 1][:level + 1] == chain[:level + 1]):
                    end += 1
                last = depth - 1 if level == len(chain) - 1 else level
                if across:
                    self.label(top + level, left + start, chain[level],
                               bottom=top + last, right=left + end)
                else:
                    self.label(top + start, left + level, chain[level],
                               bottom=top + end, right=left + last)
                start = end + 1


def _proactive(sheet: _Sheet, report: Report) -> None:
    part = _field(type(report), _PARTS[0]).child
    assert part is not None
    tables = [(table, table.child) for table in model_fields(part) if table.child is not None]
    width = 1 + max(len(_cell_fields(row.child)) for _, cls in tables
                    for row in model_fields(cls) if row.child is not None)
    row = sheet.title(report, width)
    for table, cls in tables:
        sheet.label(row, 1, table.spec.label, right=width)
        first = model_fields(cls)[0].child
        assert first is not None
        headers = _cell_fields(first)
        sheet.label(row + 1, 1, INFO_CONTENT)
        for offset, header in enumerate(headers):
            last = offset == len(headers) - 1
            sheet.label(row + 1, 2 + offset, header.spec.label, right=width if last else None)
        row += 2
        data = getattr(report.proactive_disclosure, table.name)
        for line in model_fields(cls):
            sheet.label(row, 1, line.spec.label)
            values = getattr(data, line.name)
            assert line.child is not None
            fields = _cell_fields(line.child)
            unit = getattr(values, "amount_unit", None)
            for offset, field in enumerate(fields):
                last = offset == len(fields) - 1
                shown = "" if unit is None or field.name != "total_amount" else unit.value
                sheet.value(row, 2 + offset, getattr(values, field.name),
                            right=width if last else None, unit=shown)
            row += 1
    sheet.next_row = row + 1


def _applicant_rows(cls: type, path: tuple[str, ...], labels: tuple[str, ...]
                    ) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    rows = []
    for field in model_fields(cls):
        if field.child is None:
            continue
        chain = (*labels, field.spec.label)
        if any(column.spec.is_cell for column in model_fields(field.child)):
            rows.append(((*path, field.name), chain))
        else:
            rows.extend(_applicant_rows(field.child, (*path, field.name), chain))
    return rows


def _applications(sheet: _Sheet, report: Report) -> None:
    part = _field(type(report), _PARTS[1]).child
    assert part is not None
    rows = _applicant_rows(part, (), ())
    depth = max(len(chain) for _, chain in rows)
    first_row = model_fields(part)[0].child
    assert first_row is not None
    columns = _cell_fields(first_row)
    top = sheet.title(report, depth + len(columns))
    sheet.label(top, 1, CORNER_NOTE, bottom=top + 2, right=depth)
    sheet.tree(top, depth + 1, [(APPLICANTS, *column.spec.groups, column.spec.label)
                                for column in columns], across=True)
    sheet.tree(top + 3, 1, [chain for _, chain in rows], across=False)
    for offset, (path, _) in enumerate(rows):
        values: Any = report.applications
        for name in path:
            values = getattr(values, name)
        for column_offset, column in enumerate(columns):
            sheet.value(top + 3 + offset, depth + 1 + column_offset,
                        getattr(values, column.name))
    sheet.next_row = top + 3 + len(rows) + 1


def _reviews(sheet: _Sheet, report: Report) -> None:
    part = _field(type(report), _PARTS[2]).child
    assert part is not None
    groups = [field for field in model_fields(part) if field.child is not None]
    chains, cells = [], []
    for group in groups:
        assert group.child is not None
        for outcome in _cell_fields(group.child):
            chains.append((*group.spec.groups, group.spec.label, outcome.spec.label))
            cells.append(getattr(getattr(report.reviews, group.name), outcome.name))
    top = sheet.title(report, len(chains))
    sheet.tree(top, 1, chains, across=True)
    depth = max(len(chain) for chain in chains)
    for offset, value in enumerate(cells):
        sheet.value(top + depth, 1 + offset, value)
    sheet.next_row = top + depth + 2


_LAYOUTS = (_proactive, _applications, _reviews)
_COLUMN_WIDTH = 14


def write_xlsx(reports: Iterable[Report], file: Output) -> int:
    """Write ``reports`` as an XLSX workbook; return how many long-format records.

    One sheet per table in the official layout, named by its part heading,
    every report a block under a title row; then the ``RECORDS_SHEET``
    sheet with a header of ``RECORD_FIELDS`` and one
    row per cell. Blank cells stay empty. Money is written as a number (Excel
    keeps 15 significant digits; the CSV export is exact). ``file`` is a path
    (written atomically) or a binary stream.

    Needs the ``xlsx`` extra (:class:`~govinfo_report.exceptions.MissingDependencyError`
    otherwise); more records than a sheet holds raise
    :class:`~govinfo_report.exceptions.InvalidOptionError`.
    """
    openpyxl = _openpyxl()
    styles = importlib.import_module("openpyxl.styles")
    for module in ("openpyxl.worksheet.cell_range", "openpyxl.worksheet.merge"):
        importlib.import_module(module)
    reports = list(reports)
    for report in reports:
        check_writable(report)  # a report built in code: no count a worksheet would round
    records = list(iter_records(reports))
    if len(records) + 1 > _MAX_ROWS:
        raise InvalidOptionError(
            f"{len(records)} 条记录超出 XLSX 工作表的 {_MAX_ROWS} 行上限，请改用 CSV"
            "（too many records for one XLSX sheet; export to CSV instead）")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for heading, layout in zip(SECTION_TITLES[1:4], _LAYOUTS, strict=True):
        sheet = _Sheet(workbook.create_sheet(heading), openpyxl, styles)
        for report in reports:
            layout(sheet, report)
        sheet.finish()
    long = workbook.create_sheet(RECORDS_SHEET)
    long.append(list(RECORD_FIELDS))
    for record in records:
        long.append([_printable(record.organ or "", openpyxl), record.level, record.division_code,
                     record.year, record.format, record.part, record.row, record.column,
                     LABEL_SEPARATOR.join(record.labels), record.json_path, record.unit,
                     record.value])
    with binary_output(file) as stream:
        workbook.save(stream)
    return len(records)
