"""Writing the cells of a table read: values, blanks, provenance and the findings of each.

Shared by the row matching (:mod:`._matching`) and the attribution of values to
columns (:mod:`._tables`): a row is stored whole, each cell with its source.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from ..labels import PathSegment, format_path
from ..model import AmountUnit
from ..model._fields import Kind
from ._cells import CellStatus, read_cell
from ._drawn import drawn_in_order
from ._findings import FindingCollector, json_path_of
from ._grid import Cell, Location
from ._layout import ColumnLayout, RowLayout, SectionLayout
from ._positions import in_unit
from ._result import (
    RULE_BLANK,
    RULE_MISSING,
    RULE_POSITION,
    RULE_ROW_LENGTH,
    RULE_SECTION,
    RULE_UNREADABLE,
    CellSource,
    LabelMatch,
)
from ._segments import Segment, split_glued

__all__ = ["CellStore", "row_name"]


class CellStore:
    """The cells of one :class:`SectionLayout` as they are read, with their findings."""

    def __init__(self, layout: SectionLayout, findings: FindingCollector) -> None:
        self.layout = layout
        self.findings = findings
        #: Values by cell path (counts, amounts, amount units).
        self.values: dict[tuple[PathSegment, ...], Any] = {}
        self.sources: dict[str, CellSource] = {}
        self.matches: list[LabelMatch] = []
        self.rows_read: set[tuple[PathSegment, ...]] = set()

    def _cut_row(self, segment: Segment, row: RowLayout, header_unit: str | None) -> None:
        """A row the source stops in: the values before its possibly cut last number (or
        all of them) are the row's first cells, the rest is left blank."""
        cut = next((index for index, cell in enumerate(segment.slots) if cell.cut),
                   len(segment.slots))
        before = segment.slots[:cut]
        explicit = segment.grid is not None and segment.grid.explicit
        if len(before) >= len(row.columns) or (
                not explicit and any(cell not in segment.filled for cell in before)):
            self._mismatch(segment, row, segment.filled)
            return
        if not drawn_in_order(before, segment.labels if row.text else ()):
            self._misplaced(segment, row, before)
            return
        slots: list[Cell | None] = [*before, *[None] * (len(row.columns) - len(before))]
        self._store(segment, row, slots, "order", header_unit, cut_from=len(before))

    def _unglued(self, segment: Segment, row: RowLayout, cell: Cell) -> list[Cell | None] | None:
        """The values of digits run together, when only one reading fits the row."""
        parts = split_glued(cell.text, len(row.columns))
        if parts is not None:
            return [attrs.evolve(cell, text=part, glued=False) for part in parts]
        paths = [(*row.path, *column.path) for column in row.columns]
        for path in paths:
            self._record(path, None, cell, segment, row, "order")
        self.findings.add(
            RULE_ROW_LENGTH,
            f"「{row_name(row)}」一行的数字连写为「{cell.text}」，无法唯一拆分为 "
            f"{len(row.columns)} 栏，整行留空",
            f"row {row.label!r}: digits {cell.text!r} run together cannot be split into "
            f"{len(row.columns)} values in one way only; the row is left blank",
            paths=paths, location=cell.location)
        return None

    def _mismatch(self, segment: Segment, row: RowLayout, filled: list[Cell]) -> None:
        paths = [(*row.path, *column.path) for column in row.columns]
        for path in paths:
            self._record(path, None, Cell("", segment.location), segment, row, "order")
        if not segment.slots:
            self.findings.add(
                RULE_BLANK, f"「{row_name(row)}」一行没有数据，整行留空",
                f"row {row.label!r} has no values; left blank", paths=paths,
                location=segment.location)
            return
        shown = " ".join(cell.text for cell in filled)
        self.findings.add(
            RULE_ROW_LENGTH,
            f"「{row_name(row)}」一行有 {len(filled)} 个数（{shown}），"
            f"应有 {len(row.columns)} 栏；无法确定各数所在栏，整行留空",
            f"row {row.label!r} has {len(filled)} values for {len(row.columns)} columns; "
            "no value could be attributed with certainty, the row is left blank",
            paths=paths, location=segment.location)

    def _misplaced(self, segment: Segment, row: RowLayout, values: list[Cell]) -> None:
        """A row whose values, as many as it needs, are drawn out of their order: the
        text lost or moved some of them, and none can be placed by count."""
        paths = [(*row.path, *column.path) for column in row.columns]
        for path in paths:
            self._record(path, None, Cell("", segment.location), segment, row, "order")
        shown = " ".join(cell.text for cell in values if cell.text)
        self.findings.add(
            RULE_POSITION,
            f"「{row_name(row)}」一行的数（{shown}）在页面上不像一行表格那样排列（不在同一行、"
            "也不是逐行排列，或不在行名所在的行上），文字提取可能丢失或错置了部分内容；"
            "无法确定各数所在栏，整行留空",
            f"row {row.label!r}: its values ({shown}) are not drawn as a row is (on one line "
            "beside its label, or one per line), so the text extraction lost or moved some "
            "of them; no value could be attributed with certainty, the row is left blank",
            paths=paths, location=segment.location)

    def _store(self, segment: Segment, row: RowLayout, slots: list[Cell | None], how: str,
               header_unit: str | None, *, cut_from: int | None = None) -> None:
        blank: list[tuple[tuple[PathSegment, ...], ColumnLayout]] = []
        first_blank: Location | None = None
        if cut_from is not None:
            cut_paths = [(*row.path, *column.path) for column in row.columns[cut_from:]]
            self.findings.add(
                RULE_MISSING, f"原文在「{row_name(row)}」一行中止（末尾的数可能不完整），"
                f"{'、'.join(column.title for column in row.columns[cut_from:])}栏留空",
                f"the source stops in row {row.label!r} (its last number may be cut short); "
                "the cells from there on are left blank", paths=cut_paths,
                location=segment.location)
        for index, (column, cell) in enumerate(zip(row.columns, slots, strict=True)):
            path = (*row.path, *column.path)
            source = cell if cell is not None else Cell("", segment.location)
            if cut_from is not None and index >= cut_from:
                self._record(path, None, source, segment, row, how)
                continue
            reading = read_cell(source.text, column.kind)
            if reading.status is CellStatus.UNREADABLE:
                self.findings.add(
                    RULE_UNREADABLE, f"「{row_name(row)}」{column.title}栏"
                    f"「{source.text}」无法读取：{reading.reason}，留空",
                    f"{format_path(path)}: cannot read {source.text!r}; left blank",
                    paths=[path], location=source.location)
                self._record(path, None, source, segment, row, how)
                continue
            if reading.status is CellStatus.BLANK:
                if column.kind is Kind.MONEY and row.unit_field is not None and reading.unit:
                    # No amount, but its unit recorded (``—万元``).
                    unit_path = (*row.path, row.unit_field)
                    self.values[unit_path] = AmountUnit(reading.unit)
                blank.append((path, column))
                first_blank = first_blank or source.location
                self._record(path, None, source, segment, row, how)
                continue
            value = reading.value
            if column.kind is Kind.MONEY:
                assert isinstance(value, Decimal)
                value = in_unit(value, reading.unit, column.unit)
                if row.unit_field is not None:
                    unit = reading.unit or header_unit
                    unit_path = (*row.path, row.unit_field)
                    self.values[unit_path] = AmountUnit(unit) if unit is not None else None
            self._record(path, value, source, segment, row, how)
        if blank:
            names = "、".join(column.title for _, column in blank)
            self.findings.add(
                RULE_BLANK, f"「{row_name(row)}」{names}栏留空（原文未填）",
                f"{', '.join(json_path_of(path) for path, _ in blank)}: blank in the source",
                paths=[path for path, _ in blank], location=first_blank)

    def _record(self, path: tuple[PathSegment, ...], value: Any, cell: Cell, segment: Segment,
                row: RowLayout, how: str) -> None:
        self.values[path] = value
        json_path = json_path_of(path)
        self.sources[json_path] = CellSource(
            json_path=json_path, raw=cell.text, location=cell.location,
            found_label=segment.found, official_label=row.label,
            similarity=segment.similarity if row.text else 1.0, attribution=how)

    def _report_missing(self, part: str | None = None) -> None:
        if part is not None or not self.rows_read:
            paths = [(*row.path, *column.path) for row in self.layout.rows
                     for column in row.columns]
            self.values.update(dict.fromkeys(paths))
            title = part if part is not None else "本部分表格"
            rule = RULE_SECTION if part is not None else RULE_MISSING
            self.findings.add(rule, f"未找到「{title}」，其 {len(paths)} 格全部留空",
                              f"{title!r} not found; its {len(paths)} cells are left blank",
                              paths=paths)
            return
        for row in self.layout.rows:
            if row.path in self.rows_read:
                continue
            paths = [(*row.path, *column.path) for column in row.columns]
            for path in paths:
                self.values[path] = None
            self.findings.add(RULE_MISSING, f"未找到「{row_name(row)}」一行，留空",
                              f"row {row.label or format_path(row.path)!r} not found; left blank",
                              paths=paths)


def row_name(row: RowLayout) -> str:
    """The official row label, or for the unlabelled row of 四 its part heading."""
    return row.label or row.groups[-1]
