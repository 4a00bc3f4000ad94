"""Flat views of the official grids, for formats without merged cells.

Markdown and plain text cannot merge cells, so each block of a grid becomes
one logical table: a label column (the stub, when the table has row labels)
and one column per value column. Merged header cells stay as header rows
with spans over logical columns (plain text centres them), and every column
also gets its full header path (Markdown joins it: ``申请人情况 › 法人或其他组织 › 商业企业``).
Each row keeps the path of its row labels (``三、本年度办理结果``,
``（三）不予公开``, ``1.属于国家秘密``) and knows which of them start at that row.

>>> from govinfo_report.model import FormatVersion
>>> from govinfo_report.render._layout import tables_of
>>> flat = flatten(tables_of(FormatVersion.V2021)[1])[0]
>>> flat.columns[1]
('申请人情况', '法人或其他组织', '商业企业')
>>> flat.rows[3].labels
('三、本年度办理结果', '（二）部分公开（区分处理的，只计这一情形，不计其他情形）')
>>> flat.rows[3].depth, flat.rows[3].first_new
(1, 1)
"""

from __future__ import annotations

import bisect
import functools

import attrs

from ._layout import Block, Cell, Role, Table

__all__ = ["FlatBlock", "FlatRow", "HeaderCell", "flatten"]


@attrs.frozen(kw_only=True)
class HeaderCell:
    """A column header over ``span`` logical value columns from ``first``."""

    label: str
    first: int
    span: int


@attrs.frozen(kw_only=True)
class FlatRow:
    """One data row: its label path and its value cells, one per logical column."""

    labels: tuple[str, ...]
    #: Grid column of each label (its depth in the row hierarchy).
    levels: tuple[int, ...]
    #: Index into :attr:`labels` of the first label that starts at this row.
    first_new: int
    values: tuple[Cell, ...]

    @property
    def depth(self) -> int:
        """The level of the row's own label."""
        return self.levels[-1] if self.levels else 0


@attrs.frozen(kw_only=True)
class FlatBlock:
    """One block of a grid as a logical table."""

    caption: str
    has_stub: bool
    #: Labels above the label column, top-down (``信息内容`` or the corner note).
    stub_header: tuple[str, ...]
    #: Header rows over the logical value columns.
    header_rows: tuple[tuple[HeaderCell, ...], ...]
    #: Per logical value column, its header labels top-down.
    columns: tuple[tuple[str, ...], ...]
    rows: tuple[FlatRow, ...]


def _flatten_block(block: Block, stub: int) -> FlatBlock:
    starts = sorted({cell.column for row in block.body for cell in row.values})

    def logical(cell: Cell) -> tuple[int, int]:
        first = bisect.bisect_left(starts, cell.column)
        last = bisect.bisect_left(starts, cell.column + cell.colspan)
        return first, last - first

    stub_header: list[str] = []
    header_rows: list[tuple[HeaderCell, ...]] = []
    columns: list[list[str]] = [[] for _ in starts]
    for row in block.head:
        cells = []
        for cell in row.labels:
            if cell.role is Role.CAPTION:
                continue
            if cell.column < stub:
                stub_header.append(cell.label)
                continue
            first, span = logical(cell)
            cells.append(HeaderCell(label=cell.label, first=first, span=span))
            for position in range(first, first + span):
                columns[position].append(cell.label)
        if cells:
            header_rows.append(tuple(cells))
    rows = []
    active: dict[int, Cell] = {}
    for row in block.body:
        number = row.labels[0].row if row.labels else row.values[0].row
        for cell in row.labels:
            active[cell.column] = cell
        current = [active[column] for column in sorted(active)
                   if active[column].row + active[column].rowspan > number]
        first_new = next((position for position, cell in enumerate(current)
                          if cell.row == number), len(current))
        rows.append(FlatRow(labels=tuple(cell.label for cell in current),
                            levels=tuple(cell.column for cell in current),
                            first_new=first_new, values=row.values))
    return FlatBlock(caption=block.caption.label if block.caption else "", has_stub=stub > 0,
                     stub_header=tuple(stub_header), header_rows=tuple(header_rows),
                     columns=tuple(tuple(labels) for labels in columns), rows=tuple(rows))


@functools.cache
def flatten(table: Table) -> tuple[FlatBlock, ...]:
    """Every block of ``table`` as a logical table (cached per grid)."""
    return tuple(_flatten_block(block, table.stub) for block in table.blocks)
