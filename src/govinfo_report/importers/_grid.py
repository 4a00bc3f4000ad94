"""The source model shared by every importer: blocks of cells with their location.

Each source kind turns its document into a flat sequence of :class:`Block`:
a line or paragraph of text, or a row of a table with the grid column of each
cell. The rest of the import (sections, tables, narrative) only sees blocks,
which keeps reading a file apart from understanding a report.

>>> block = Block.grid([Cell("规章", Location(line=3, column=1), column=0),
...                     Cell("0", Location(line=3, column=2), column=1)])
>>> block.width, block.text
(2, '规章 0')
"""

from __future__ import annotations

import enum

import attrs

__all__ = ["Block", "BlockKind", "Cell", "Location"]


@attrs.frozen(kw_only=True)
class Location:
    """Where a piece of text sits in the source.

    Text sources give ``line`` (1-based) and ``offset`` (0-based character
    offset); tab- or ``|``-separated lines add ``column`` (1-based cell).
    Paragraphs of HTML and Word documents have a ``paragraph`` number.
    HTML and Word tables give ``table``, ``row`` and ``column`` (all 1-based,
    columns counted on the expanded grid). PDF locations are lines of the
    extracted text, with the ``page`` they came from.
    """

    line: int | None = None
    offset: int | None = None
    #: 1-based paragraph of an HTML or Word document (outside tables).
    paragraph: int | None = None
    table: int | None = None
    row: int | None = None
    column: int | None = None
    page: int | None = None

    def describe(self) -> str:
        """A short Chinese description, e.g. ``第 12 行第 3 格`` or ``表 2 第 5 行第 4 列``."""
        parts = []
        if self.page is not None:
            parts.append(f"第 {self.page} 页")
        if self.table is not None:
            parts.append(f"表 {self.table} 第 {self.row} 行")
            if self.column is not None:
                parts.append(f"第 {self.column} 列")
        elif self.line is not None:
            parts.append(f"第 {self.line} 行")
            if self.column is not None:
                parts.append(f"第 {self.column} 格")
        elif self.paragraph is not None:
            parts.append(f"第 {self.paragraph} 段")
        return "".join(parts) or "位置不明"

    def to_json(self) -> dict[str, int]:
        """The non-empty coordinates as a JSON object."""
        return {name: value for name, value in attrs.asdict(self).items() if value is not None}


@attrs.frozen
class Cell:
    """One cell (or one whitespace-separated token) of the source."""

    text: str
    location: Location
    #: 0-based grid column, or ``None`` when the source gives no position.
    column: int | None = None
    #: Number of grid columns the cell spans (HTML ``colspan``, Word ``gridSpan``).
    span: int = 1
    #: True for digits written against a label without a separator (``规章000``):
    #: possibly several values run together.
    glued: bool = False
    #: True for the number the source ends with, without a line break after it: it
    #: may be cut short (a page or an excerpt that stops mid-table).
    cut: bool = False
    #: Where a PDF page draws the text runs that start in the cell: ``(offset in the
    #: cell's text, x, y, font size)``, in points; empty for other sources.
    drawn: tuple[tuple[int, float, float, float], ...] = ()

    def drawn_at(self, offset: int = 0) -> tuple[float, float, float] | None:
        """Where the run holding the character at ``offset`` starts: ``(x, y, size)``."""
        found = None
        for start, x, y, size in self.drawn:
            if start > offset:
                break
            found = (x, y, size)
        return found


class BlockKind(enum.Enum):
    """What a block is."""

    #: A line or paragraph of running text (one cell).
    TEXT = "text"
    #: A row of a table: cells with grid columns.
    GRID = "grid"


@attrs.frozen
class Block:
    """A line of text or a table row, in document order."""

    kind: BlockKind
    cells: tuple[Cell, ...]
    #: True when an empty cell is a real cell of the table (HTML, Word), False
    #: when it may be spacing left by the conversion (tabs in copied text).
    explicit: bool = False
    #: True when the source ends right after this block's last character, a digit:
    #: its last number may be cut short.
    cut: bool = False
    #: True for the last block of a text: a row in it may be cut off by the end.
    ends: bool = False
    #: Empty lines just before a line of plain text (where a table copied one cell per
    #: line, with an empty line between cells, shows its empty cells).
    gap: int = 0

    @classmethod
    def line(cls, text: str, location: Location, *, gap: int = 0) -> Block:
        """A block of running text."""
        return cls(BlockKind.TEXT, (Cell(text, location),), gap=gap)

    @classmethod
    def grid(cls, cells: list[Cell] | tuple[Cell, ...], *, explicit: bool = False) -> Block:
        """A table row."""
        return cls(BlockKind.GRID, tuple(cells), explicit)

    @property
    def location(self) -> Location:
        """Where the block starts."""
        return self.cells[0].location if self.cells else Location()

    @property
    def width(self) -> int:
        """Number of grid columns the row covers."""
        if not self.cells:
            return 0
        last = self.cells[-1]
        if last.column is None:
            return len(self.cells)
        return last.column + last.span

    @property
    def single_text(self) -> str | None:
        """The text of a line, or of a row with one non-empty cell (an indented line)."""
        if self.kind is BlockKind.TEXT:
            return self.cells[0].text
        found = None
        for cell in self.cells:
            if cell.text.strip():
                if found is not None:
                    return None
                found = cell.text
        return found

    @property
    def text(self) -> str:
        """The non-empty cell texts joined by spaces."""
        return " ".join(cell.text for cell in self.cells if cell.text)
