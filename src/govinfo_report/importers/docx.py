"""Word documents (.docx; needs the extra ``docx``, whose python-docx brings lxml).

The document part (``word/document.xml``) is read directly with lxml:
paragraphs and tables in document order, through content controls,
tracked insertions and hyperlinks. Merged cells keep their grid position: a
horizontally merged cell (``gridSpan``) counts once and covers the columns
it spans; the lower parts of a vertically merged cell (``vMerge``) are not
cells of their own row; ``gridBefore`` shifts a row. A table whose cells
hold other tables or long text only lays out the page and is read as what
it contains. The archive is checked against :mod:`govinfo_report.limits`
before anything is inflated, and the walk keeps its own stack, so neither
a zip bomb nor deep nesting gets through as anything but
:class:`~govinfo_report.exceptions.UnreadableSourceError`.

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

import zipfile
from io import BytesIO
from typing import Any

from .._optional import optional_module
from ..exceptions import UnreadableSourceError
from ._archive import READ_ERRORS, check_archive
from ._assemble import source_info
from ._grid import Block, Cell, Location
from ._result import ImportResult
from ._unicode import fold_and_assemble

__all__ = ["parse"]

#: A cell holding this much text is page layout, not a table cell.
_LAYOUT_TEXT = 200
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _T = f"{_W}p", f"{_W}tbl", f"{_W}tr", f"{_W}tc", f"{_W}t"
#: Elements whose content is read as if it stood in their place.
_TRANSPARENT = frozenset({f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins",
                          f"{_W}smartTag", f"{_W}hyperlink", f"{_W}fldSimple"})
_RUN_TEXT = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def _etree() -> Any:
    return optional_module("lxml.etree", "读取 Word 文档", "reading .docx", package="python-docx",
                           extra="docx")


def _int(element: Any, child: str, default: int) -> int:
    found = element.find(child) if element is not None else None
    if found is None:
        return default
    value = found.get(f"{_W}val")
    try:
        return max(0, int(value)) if value is not None else default
    except ValueError:
        raise UnreadableSourceError(
            f"{child.replace(_W, 'w:')} 的值 {value!r} 不是整数（not an integer）") from None


def _children(element: Any) -> list[Any]:
    """Children, with content controls and the like opened up (without recursion)."""
    found, stack = [], list(reversed(element))
    while stack:
        child = stack.pop()
        if child.tag in _TRANSPARENT:
            stack.extend(reversed(child))
        else:
            found.append(child)
    return found


def _paragraph_text(paragraph: Any) -> str:
    # Deleted text is in w:delText, which is not read.
    return "".join(node.text or "" if node.tag == _T else _RUN_TEXT[node.tag]
                   for node in paragraph.iter(_T, *_RUN_TEXT))


def _cell_text(cell: Any) -> str:
    return "\n".join(_paragraph_text(p) for p in cell.iter(_P)).strip()


class _Walker:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.paragraph = 0
        self.table = 0

    def walk(self, body: Any) -> None:
        stack = list(reversed(_children(body)))
        while stack:
            item = stack.pop()
            if item.tag == _P:
                text = _paragraph_text(item).strip()
                if text:
                    self.paragraph += 1
                    self.blocks.append(Block.line(text, Location(paragraph=self.paragraph)))
            elif item.tag == _TBL:
                for cell in reversed(self.read_table(item)):
                    stack.extend(reversed(_children(cell)))

    def read_table(self, table: Any) -> list[Any]:
        """Read a data table; return the cells of a layout table, to be walked."""
        rows = [row for row in _children(table) if row.tag == _TR]
        grid = [[cell for cell in _children(row) if cell.tag == _TC] for row in rows]
        cells = [cell for row in grid for cell in row]
        if all(len(row) <= 1 for row in grid) or table.find(f".//{_TBL}") is not None:
            return cells
        texts = {cell: _cell_text(cell) for cell in cells}
        if any(len(text) > _LAYOUT_TEXT for text in texts.values()):
            return cells
        self.table += 1
        for row_index, (row, row_cells) in enumerate(zip(rows, grid, strict=True)):
            column = _int(row.find(f"{_W}trPr"), f"{_W}gridBefore", 0)
            found: list[Cell] = []
            for cell in row_cells:
                properties = cell.find(f"{_W}tcPr")
                span = max(1, _int(properties, f"{_W}gridSpan", 1))
                merge = properties.find(f"{_W}vMerge") if properties is not None else None
                if merge is None or merge.get(f"{_W}val") == "restart":
                    location = Location(table=self.table, row=row_index + 1, column=column + 1)
                    found.append(Cell(texts[cell], location, column=column, span=span))
                column += span
            if found:
                self.blocks.append(Block.grid(found, explicit=True))
        return []


def blocks_of(data: bytes) -> list[Block]:
    """The paragraphs and table rows of a .docx document, in document order."""
    etree = _etree()
    check_archive(data, what="Word（.docx）")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            xml = archive.read("word/document.xml")
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        root = etree.fromstring(xml, parser=parser)
    except (*READ_ERRORS, etree.XMLSyntaxError) as error:
        raise UnreadableSourceError(
            f"不是可读取的 Word（.docx）文档（not a readable .docx document）：{error}") from None
    body = root.find(f"{_W}body")
    walker = _Walker()
    if body is not None:
        walker.walk(body)
    return walker.blocks


def parse(data: bytes, *, name: str = "") -> ImportResult:
    """Import a report from the bytes of a .docx file."""
    try:
        blocks = blocks_of(data)
    except UnreadableSourceError as error:
        raise UnreadableSourceError(str(error), source=name) from None
    return fold_and_assemble(blocks, source_info("docx", data, name))
