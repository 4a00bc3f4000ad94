"""Word documents (.docx; needs the extra ``docx``: python-docx).

Paragraphs and tables are read in document order. Merged cells keep their
grid position: a horizontally merged cell (``gridSpan``) counts once and
covers the columns it spans; the lower parts of a vertically merged cell
(``vMerge``) are not cells of their own row. A table whose cells hold other
tables or long text only lays out the page and is read as what it contains.

>>> from govinfo_report.importers import docx
>>> from docx import Document
>>> from io import BytesIO
>>> document = Document()
>>> _ = document.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
>>> table = document.add_table(rows=1, cols=15)
>>> for index, cell in enumerate(table.rows[0].cells):
...     cell.text = str(index % 5)
>>> buffer = BytesIO()
>>> document.save(buffer)
>>> docx.parse(buffer.getvalue()).report.reviews.litigation_direct.pending
3
"""

from __future__ import annotations

import importlib
from io import BytesIO
from typing import Any

from ..exceptions import MissingDependencyError, UnreadableSourceError
from ._archive import check_archive
from ._assemble import source_info
from ._grid import Block, Cell, Location
from ._result import ImportResult
from ._unicode import fold_and_assemble

__all__ = ["parse"]

#: A cell holding this much text is page layout, not a table cell.
_LAYOUT_TEXT = 200


def _python_docx() -> Any:
    try:
        return importlib.import_module("docx")
    except ImportError:
        raise MissingDependencyError(
            "读取 Word 文档", "reading .docx", package="python-docx", extra="docx") from None


class _Walker:
    def __init__(self, cell_class: Any) -> None:
        self.cell_class = cell_class
        self.blocks: list[Block] = []
        self.paragraph = 0
        self.table = 0

    def walk(self, container: Any) -> None:
        for item in container.iter_inner_content():
            if hasattr(item, "rows"):
                self.read_table(item)
                continue
            text = item.text.strip()
            if text:
                self.paragraph += 1
                self.blocks.append(Block.line(text, Location(paragraph=self.paragraph)))

    def read_table(self, table: Any) -> None:
        grid = [[self.cell_class(tc, table) for tc in tr.tc_lst] for tr in table._tbl.tr_lst]
        if all(len(row) <= 1 for row in grid) or any(
                cell.tables or len(cell.text) > _LAYOUT_TEXT for row in grid for cell in row):
            for row in grid:
                for cell in row:
                    self.walk(cell)
            return
        self.table += 1
        for row_index, tr in enumerate(table._tbl.tr_lst):
            column = tr.grid_before
            found: list[Cell] = []
            for cell in grid[row_index]:
                span = cell._tc.grid_span
                if cell._tc.vMerge != "continue":
                    location = Location(table=self.table, row=row_index + 1, column=column + 1)
                    found.append(Cell(cell.text.strip(), location, column=column, span=span))
                column += span
            if found:
                self.blocks.append(Block.grid(found, explicit=True))


def blocks_of(data: bytes) -> list[Block]:
    """The paragraphs and table rows of a .docx document, in document order.

    The archive is checked against the limits of :mod:`govinfo_report.limits`
    before anything is inflated; whatever python-docx raises on a damaged or
    hostile document becomes :class:`UnreadableSourceError`.
    """
    docx = _python_docx()
    check_archive(data, what="Word（.docx）")
    try:
        document = docx.Document(BytesIO(data))
        table_module = importlib.import_module("docx.table")
        walker = _Walker(table_module._Cell)
        walker.walk(document)
    except RecursionError:
        raise UnreadableSourceError(
            "Word 文档的表格嵌套过深（tables nested too deep）") from None
    except Exception as error:  # noqa: BLE001 - python-docx raises many kinds for bad files
        raise UnreadableSourceError(
            f"不是可读取的 Word（.docx）文档（not a readable .docx document）："
            f"{type(error).__name__}: {error}") from None
    return walker.blocks


def parse(data: bytes, *, name: str = "") -> ImportResult:
    """Import a report from the bytes of a .docx file."""
    try:
        blocks = blocks_of(data)
    except UnreadableSourceError as error:
        raise UnreadableSourceError(str(error), source=name) from None
    return fold_and_assemble(blocks, source_info("docx", data, name))
