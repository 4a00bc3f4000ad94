"""The cells, rows, blocks and tables of a grid, as :mod:`._layout` builds them.

A grid places every official label and every value cell of one table at an
absolute row and column with its spans, so that each renderer draws the same
merged cells.

>>> cell = Cell(role=Role.VALUE, row=3, column=1, index=0, json_path="$.reviews.x")
>>> cell.is_value, cell.rowspan, cell.colspan
(True, 1, 1)
"""

from __future__ import annotations

import enum

import attrs

from ..labels import PathSegment
from ..model._fields import Kind

__all__ = ["Block", "Cell", "Role", "Row", "Table"]


class Role(enum.Enum):
    """What a cell of the grid is."""

    #: Caption row of a sub-table of 二 (``第二十条第（一）项``).
    CAPTION = "caption"
    #: The 勾稽关系 note in the top-left corner of 三.
    CORNER = "corner"
    #: A column header.
    COLUMN = "column"
    #: A row label spanning the rows of its leaves (``（三）不予公开``).
    GROUP = "group"
    #: The label of one data row.
    ROW = "row"
    #: A data cell.
    VALUE = "value"


@attrs.frozen(kw_only=True)
class Cell:
    """One cell of a table grid; positions are absolute within the table."""

    role: Role
    row: int
    column: int
    rowspan: int = 1
    colspan: int = 1
    #: The official label (empty for value cells).
    label: str = ""
    #: Value cells: the cell's ``$`` path; row and group labels: the row's path.
    json_path: str = ""
    #: Value cells: position in :attr:`Table.value_cells`.
    index: int = -1
    kind: Kind | None = None
    #: Value cells: the segments of :attr:`json_path`.
    path: tuple[PathSegment, ...] = ()

    @property
    def is_value(self) -> bool:
        """True for data cells."""
        return self.role is Role.VALUE


# Grids are shared, cached objects: compare and hash them by identity.
@attrs.frozen(kw_only=True, eq=False)
class Row:
    """One row of a grid: its label and header cells, then its value cells."""

    labels: tuple[Cell, ...]
    values: tuple[Cell, ...] = ()

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every cell of the row, left to right."""
        return self.labels + self.values

    def __getitem__(self, position: int) -> Cell:
        return self.cells[position]


@attrs.frozen(kw_only=True, eq=False)
class Block:
    """A run of rows drawn together: a sub-table of 二, or a whole table.

    ``head`` holds the caption row (if any) and the column-header rows.
    """

    caption: Cell | None
    head: tuple[Row, ...]
    body: tuple[Row, ...]

    @property
    def rows(self) -> tuple[Row, ...]:
        """Every row of the block, head first."""
        return self.head + self.body


@attrs.frozen(kw_only=True, eq=False)
class Table:
    """The grid of one official table."""

    #: The JSON key of the part (``applications``; ``fees`` for 信息处理费).
    key: str
    #: The ``$`` path of the part the table shows.
    json_path: str
    #: Official label of the table (the part heading, or ``信息处理费``).
    title: str
    columns: int
    #: Number of leading grid columns that hold row labels.
    stub: int
    #: Relative widths of the grid columns after the stub.
    weights: tuple[int, ...]
    blocks: tuple[Block, ...]
    value_cells: tuple[Cell, ...]
