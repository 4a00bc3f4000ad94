"""Web pages: HTML with real ``<table>`` markup (needs the extra ``html``: lxml).

The bytes are decoded first (a byte-order mark, the ``<meta>`` charset,
UTF-8, GB18030; never windows-1252 for an undeclared page), then parsed by
libxml2's forgiving HTML parser (lxml), which closes the cells, rows and
paragraphs that Word and CMS markup leave open; the tree is walked with a
stack of its own, so no nesting depth overflows. Running text becomes paragraphs;
each data table becomes rows whose cells keep their grid column, with
``rowspan`` and ``colspan`` expanded, so a cell's position is certain. An
empty or ``&nbsp;`` cell of a data table is a blank cell. A table that only
lays out the page (its cells hold other tables or long text) is read as the
text and tables it contains.

>>> from govinfo_report.importers import html
>>> result = html.parse(EXAMPLE)
>>> result.report.proactive_disclosure.art20_6.punishment.decisions
8
>>> result.cells["$.proactive_disclosure.art20_6.punishment.decisions"].location.describe()
'表 1 第 3 行第 2 列'
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from .._gc_pause import paused_collection
from .._optional import optional_module
from ..exceptions import UnreadableSourceError
from ..limits import IMPORT_MAX_TABLE_GRID
from ._assemble import source_info
from ._decode import checked_text, decode_html
from ._grid import Block, Cell, Location
from ._result import ImportResult
from ._unicode import fold_and_assemble

__all__ = ["parse"]

_SKIP = frozenset({"script", "style", "head", "noscript", "template", "iframe", "select",
                   "button", "svg", "object"})
_BLOCK = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section",
                    "article", "header", "footer", "main", "blockquote", "pre", "center", "dl",
                    "dt", "dd", "form", "nav", "aside", "hr", "caption", "figure", "figcaption",
                    "address", "body", "html"})
_CELL = frozenset({"td", "th"})
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*>")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u3000]+")
#: A cell holding this much text is page layout, not a table cell.
_LAYOUT_TEXT = 200


def _lxml_html() -> Any:
    return optional_module("lxml.html", "读取网页", "reading HTML", package="lxml", extra="html")


def _tag(element: Any) -> str:
    return element.tag if isinstance(element.tag, str) else ""


_START, _TEXT, _END = 0, 1, 2


class _Walker:
    """Walks the tree with a stack of its own, so that no nesting depth overflows."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.buffer: list[str] = []
        self.paragraph = 0
        self.table = 0

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.buffer)).strip()
        self.buffer.clear()
        if text:
            self.paragraph += 1
            self.blocks.append(Block.line(text, Location(paragraph=self.paragraph)))

    def walk(self, root: Any) -> None:
        stack: list[tuple[int, Any]] = [(_START, root)]
        while stack:
            event, item = stack.pop()
            if event == _TEXT:
                self.buffer.append(item)
                continue
            if event == _END:
                self.flush()
                continue
            tag = _tag(item)
            if tag in _SKIP:
                continue
            if tag == "table":
                self.flush()
                stack.extend((_START, cell) for cell in reversed(self.read_table(item)))
                continue
            if tag == "br":
                self.flush()
                continue
            if tag in _BLOCK or tag in _CELL or tag == "tr":
                self.flush()
                stack.append((_END, None))
            _push_children(stack, item)

    def read_table(self, table: Any) -> list[Any]:
        """Read a data table; return the cells of a layout table, to be walked as text."""
        rows = _rows(table)
        cells = [[cell for cell in row if _tag(cell) in _CELL] for row in rows]
        if _is_layout(cells):
            return [cell for row in cells for cell in row]
        self.table += 1
        for caption in (child for child in table if _tag(child) == "caption"):
            self.buffer.append(_cell_text(caption).replace("\n", " "))
            self.flush()
        occupied: set[tuple[int, int]] = set()
        grid = 0
        for row_index, row in enumerate(cells):
            column = 0
            found: list[Cell] = []
            for cell in row:
                while occupied and (row_index, column) in occupied:
                    column += 1
                colspan = _span(cell.get("colspan"), 50)
                rowspan = _span(cell.get("rowspan"), 200)
                if rowspan > 1:
                    rowspan = min(rowspan, len(cells) - row_index)
                grid += colspan * rowspan
                if grid > IMPORT_MAX_TABLE_GRID:
                    raise UnreadableSourceError(
                        f"表格展开后超过 IMPORT_MAX_TABLE_GRID = {IMPORT_MAX_TABLE_GRID} 格"
                        "（a table too large once its spans are expanded）")
                location = Location(table=self.table, row=row_index + 1, column=column + 1)
                found.append(Cell(_cell_text(cell), location, column, colspan))
                if rowspan > 1:
                    # The row's own cells only move right; only the rows below need to know.
                    occupied.update((row_index + down, column + across)
                                    for down in range(1, rowspan) for across in range(colspan))
                column += colspan
            # Word's exports end a table with a row of empty spacer cells.
            if any(cell.text for cell in found):
                self.blocks.append(Block.grid(found, explicit=True))
        return []


def _push_children(stack: list[tuple[int, Any]], element: Any) -> None:
    for child in reversed(element):
        if child.tail:
            stack.append((_TEXT, child.tail))
        stack.append((_START, child))
    if element.text and _tag(element):
        stack.append((_TEXT, element.text))


def _rows(table: Any) -> list[Any]:
    rows = []
    for child in table:
        tag = _tag(child)
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(row for row in child if _tag(row) == "tr")
    return rows


def _is_layout(cells: list[list[Any]]) -> bool:
    if all(len(row) <= 1 for row in cells):
        return True
    for row in cells:
        for cell in row:
            if len(cell) and (cell.find(".//table") is not None
                              or len("".join(cell.itertext())) > _LAYOUT_TEXT):
                return True
            if not len(cell) and len(cell.text or "") > _LAYOUT_TEXT:
                return True
    return False


def _span(value: str | None, limit: int) -> int:
    if value is None:
        return 1
    try:
        return max(1, min(int(value or 1), limit))
    except ValueError:
        return 1


def _cell_text(cell: Any) -> str:
    if not len(cell):
        return _tidy(cell.text or "")
    parts: list[str] = []
    stack: list[tuple[int, Any]] = [(_START, cell)]
    while stack:
        event, item = stack.pop()
        if event == _TEXT:
            parts.append(item)
            continue
        tag = _tag(item)
        if tag in _SKIP:
            continue
        if tag == "br" or tag in _BLOCK:
            parts.append("\n")
        _push_children(stack, item)
    return _tidy("".join(parts))


def _tidy(text: str) -> str:
    """Spaces collapsed, empty lines dropped."""
    if text.isalnum():
        # No space of any kind: most cells of a data table (a number).
        return text
    if "\n" not in text:
        return _SPACES.sub(" ", text).strip()
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def blocks_of(data: str) -> list[Block]:
    """The paragraphs and table rows of an HTML document, in document order."""
    lxml_html = _lxml_html()
    # libxml2 refuses text that declares an encoding: the text is decoded already.
    data = _XML_DECLARATION.sub("", data, count=1)
    if not data.strip():
        return []
    try:
        # huge_tree: no depth limit of libxml2's own (it would drop deeper content);
        # the walk below needs no recursion.
        # Plain elements, not lxml.html's: its per-element class lookup runs in Python.
        parser = lxml_html.etree.HTMLParser(huge_tree=True, remove_comments=True,
                                            remove_pis=True)
        document = lxml_html.etree.fromstring(data, parser=parser)
    except (ValueError, LookupError, SyntaxError, lxml_html.etree.LxmlError) as error:
        raise UnreadableSourceError(f"无法解析网页（cannot parse the HTML）：{error}") from None
    if document is None:
        # Nothing but comments or markup without elements: a page with no text.
        return []
    walker = _Walker()
    # The page title often names the organ and year when the body does not.
    for title in document.iter("title"):
        walker.buffer.append("".join(title.itertext()))
        walker.flush()
        break
    walker.walk(document)
    walker.flush()
    return walker.blocks


def parse(data: str | bytes, *, name: str = "") -> ImportResult:
    """Import a report from an HTML page: ``str``, or bytes in the encoding its byte-order
    mark or ``<meta>`` declares, else UTF-8, else GB18030."""
    if isinstance(data, bytes):
        decoded = decode_html(data, name=name)
        page, encoding = decoded.text, decoded.encoding
    else:
        page, encoding = checked_text(data, name=name), None
    with paused_collection():
        try:
            blocks = blocks_of(page)
        except UnreadableSourceError as error:
            raise UnreadableSourceError(str(error), source=name) from None
        source = attrs.evolve(source_info("html", data, name), encoding=encoding)
        return fold_and_assemble(blocks, source)


EXAMPLE = """<html><body>
<h2>二、主动公开政府信息情况</h2>
<table border="1">
<tr><td colspan="4">第二十条第（六）项</td></tr>
<tr><td>信息内容</td><td colspan="3">本年处理决定数量</td></tr>
<tr><td>行政处罚</td><td colspan="3">8</td></tr>
<tr><td>行政强制</td><td colspan="3">&nbsp;</td></tr>
</table>
</body></html>"""
