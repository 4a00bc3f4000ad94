"""The sheets of an Excel workbook (.xlsx) as rows of cells (needs lxml).

A merged cell counts once and spans its columns, as in a web page; a row has an
empty cell wherever the file writes none up to its last cell (or, under a row of
labels, up to the labels' last column), as a web page's table has them.
Numbers are read as Excel stores them, to the 15 significant digits Excel keeps
(a binary float saved as ``0.35000000000000003`` is the ``0.35`` typed); the
quoted unit of a number format's first section, such as ``"万元"``, is kept
beside the value. Formulas count by the value Excel saved with them, and a
formula without one is a blank cell; an error value (``#DIV/0!``) is read as
written, an unreadable cell.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from decimal import ROUND_HALF_UP, Context, Decimal
from io import BytesIO
from typing import Any

import attrs

from .._optional import optional_module
from ..exceptions import UnreadableSourceError
from ..limits import IMPORT_MAX_MERGED_CELLS, IMPORT_MAX_SHEETS
from ._archive import READ_ERRORS, check_archive
from ._cells import TokenKind, classify
from ._grid import Cell, Location

__all__ = ["Sheet", "sheets_of"]

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_UNIT = re.compile(r'"([^"]*)"')
#: The first section of a number format (``0.00"元";[Red]-0.00"元"``): the one for
#: the non-negative numbers every cell of a report holds.
_FIRST_SECTION = re.compile(r'(?:"[^"]*"|[^";])*')
#: Excel keeps 15 significant digits; the digits a file stores past them are the
#: binary float's (0.35 is saved as 0.35000000000000003), not the number typed.
_EXCEL_DIGITS = Context(prec=15, rounding=ROUND_HALF_UP)
#: The decimal exponents of the numbers a binary float can hold.
_FLOAT_EXPONENTS = range(-324, 309)
#: Empty cells are put in up to this column: well past the widest table (四, 16 columns),
#: and no more than a few per row for a cell written far to the right.
_EMPTY_CELLS_UP_TO = 32
#: Empty cells a sheet may have put in before it has cells written to earn more.
_EMPTY_CELLS_START = 10_000
#: The export's long-format sheet, which repeats the tables' values.
_RECORDS = "records"


def _etree() -> Any:
    return optional_module("lxml.etree", "读取 Excel 工作簿", "reading .xlsx", package="lxml",
                           extra="xlsx")


@attrs.frozen
class Sheet:
    """One worksheet: its name, number (from 1) and non-empty rows of cells."""

    name: str
    number: int
    #: (row number, cells of the row), cells covered by a merge left out.
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]


def _column(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number


def _number_text(value: str, unit: str) -> str:
    """The number a cell stores, exact to Excel's 15 digits, with its format's unit;
    a value that is no number Excel can hold stays as written (an unreadable cell)."""
    try:
        number = _EXCEL_DIGITS.plus(Decimal(value))
    except ArithmeticError:  # not a number (InvalidOperation), or past any exponent (Overflow)
        return value
    if not number.is_finite() or number.adjusted() not in _FLOAT_EXPONENTS:
        return value
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text + unit


class _Book:
    def __init__(self, archive: zipfile.ZipFile, etree: Any) -> None:
        self.archive = archive
        self.parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        self.etree = etree
        self.names = set(archive.namelist())
        self.strings = [self._string(item) for item in self._xml("xl/sharedStrings.xml",
                                                                  f"{_S}si")]
        self.units = self._units()

    def _xml(self, part: str, tag: str | None = None) -> list[Any]:
        if part not in self.names:
            return []
        root = self.etree.fromstring(self.archive.read(part), parser=self.parser)
        return [root] if tag is None else list(root.iter(tag))

    @staticmethod
    def _string(item: Any) -> str:
        # Rich text runs, without the phonetic guides (rPh) of East Asian text.
        return "".join(node.text or "" for node in item.iter(f"{_S}t")
                       if node.getparent().tag != f"{_S}rPh")

    def _units(self) -> list[str]:
        formats: dict[str, str] = {}
        for element in self._xml("xl/styles.xml", f"{_S}numFmt"):
            section = _FIRST_SECTION.match(element.get("formatCode", ""))
            formats[element.get("numFmtId", "")] = "".join(
                _UNIT.findall(section[0] if section else ""))
        styles = self._xml("xl/styles.xml", f"{_S}cellXfs")
        if not styles:
            return []
        return [formats.get(xf.get("numFmtId", "0"), "") for xf in styles[0].iter(f"{_S}xf")]

    def sheets(self) -> list[Sheet]:
        targets = {}
        for relation in self._xml("xl/_rels/workbook.xml.rels", _PACKAGE_REL):
            target = relation.get("Target", "")
            targets[relation.get("Id")] = target.lstrip("/") if target.startswith("/") \
                else posixpath.normpath(posixpath.join("xl", target))
        listed = self._xml("xl/workbook.xml", f"{_S}sheet")
        if len(listed) > IMPORT_MAX_SHEETS:
            raise UnreadableSourceError(
                f"工作簿有 {len(listed)} 张工作表，超过上限 IMPORT_MAX_SHEETS = "
                f"{IMPORT_MAX_SHEETS}（too many sheets）")
        sheets = []
        for number, entry in enumerate(listed, start=1):
            part = targets.get(entry.get(_REL), "")
            name = entry.get("name", "")
            # The export's long-format sheet repeats the tables' values: not read.
            if part in self.names and name != _RECORDS:
                sheets.append(self._sheet(name, number, part))
        return sheets

    def _value(self, cell: Any) -> str:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = cell.find(f"{_S}is")
            return "" if inline is None else self._string(inline)
        value = cell.findtext(f"{_S}v")
        if value is None:
            return ""
        if kind == "s":
            try:
                return self.strings[int(value)]
            except (ValueError, IndexError):
                return ""
        if kind == "n":
            style = int(cell.get("s", "0") or 0)
            return _number_text(value, self.units[style] if style < len(self.units) else "")
        # An error value (#DIV/0!, #N/A) is not a blank: it is read as written.
        return value if kind in ("str", "b", "e") else ""

    def _sheet(self, name: str, number: int, part: str) -> Sheet:
        root = self._xml(part)[0]
        spans: dict[tuple[int, int], int] = {}
        covered: set[tuple[int, int]] = set()
        merged = 0
        for merge in root.iter(f"{_S}mergeCell"):
            corners = [_REF.fullmatch(ref) for ref in merge.get("ref", "").split(":")]
            if len(corners) != 2 or None in corners:
                continue
            (left, top), (right, bottom) = ((_column(m[1]), int(m[2])) for m in corners if m)
            merged += max(0, bottom - top + 1) * max(0, right - left + 1)
            if merged > IMPORT_MAX_MERGED_CELLS:
                raise UnreadableSourceError(
                    f"工作表「{name}」的合并单元格共超过 IMPORT_MAX_MERGED_CELLS = "
                    f"{IMPORT_MAX_MERGED_CELLS} 格（merged ranges too large）")
            spans[(top, left)] = right - left + 1
            covered.update((row, column) for row in range(top, bottom + 1)
                           for column in range(left, right + 1))
            covered.discard((top, left))
        rows: list[tuple[int, tuple[Cell, ...]]] = []
        width_above = 0
        # Empty cells put in stay fewer than the cells written (plus _EMPTY_CELLS_START): a
        # sheet of far-flung lone cells does not grow many times over once read.
        budget = _EMPTY_CELLS_START
        for row in root.iter(f"{_S}row"):
            cells = []
            for cell in row.iter(f"{_S}c"):
                match = _REF.fullmatch(cell.get("r", ""))
                if match is None:
                    continue
                row_number, column = int(match[2]), _column(match[1])
                if (row_number, column) in covered:
                    continue
                location = Location(table=number, row=row_number, column=column)
                cells.append(Cell(self._value(cell).strip(), location, column=column - 1,
                                  span=spans.get((row_number, column), 1)))
            if any(cell.text for cell in cells):
                row_number = cells[0].location.row or 0
                width = max((cell.column or 0) + cell.span for cell in cells)
                above = width_above if rows and rows[-1][0] == row_number - 1 else 0
                budget += len(cells)
                filled = _with_empty_cells(cells, max(width, above), row_number, number,
                                           covered, budget)
                budget -= len(filled) - len(cells)
                rows.append((row_number, filled))
                width_above = width if _is_header(cells) else 0
        return Sheet(name, number, tuple(rows))


def _is_header(cells: list[Cell]) -> bool:
    """True for a row of two or more labels and nothing else."""
    texts = [cell.text for cell in cells if cell.text]
    return len(texts) >= 2 and all(classify(text) is TokenKind.TEXT for text in texts)


def _with_empty_cells(cells: list[Cell], width: int, row: int, table: int,
                      covered: set[tuple[int, int]], budget: int) -> tuple[Cell, ...]:
    """The cells of a row, ``width`` columns wide (its own, or its header's just above),
    with an empty cell where the file writes none (an empty cell without a style), as a
    web page's table has them: a value keeps its column under its header. No more than
    ``budget`` are put in: past it, the row is left as written."""
    present = {cell.column for cell in cells}
    missing = [index for index in range(min(width, _EMPTY_CELLS_UP_TO))
               if index not in present and (row, index + 1) not in covered]
    if not missing or len(missing) > budget:
        return tuple(cells)
    empty = [Cell("", Location(table=table, row=row, column=index + 1), column=index)
             for index in missing]
    return tuple(sorted((*cells, *empty), key=lambda cell: cell.column or 0))


def sheets_of(data: bytes) -> list[Sheet]:
    """The worksheets of a workbook, in their order (but the export's ``records``)."""
    etree = _etree()
    check_archive(data, what="Excel（.xlsx）")
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return _Book(archive, etree).sheets()
    except UnreadableSourceError:
        raise
    except (*READ_ERRORS, etree.XMLSyntaxError) as error:
        raise UnreadableSourceError(
            f"不是可读取的 Excel（.xlsx）工作簿（not a readable .xlsx workbook）："
            f"{error}") from None
