"""Excel workbooks (.xlsx) in the official layout (needs lxml: the ``xlsx`` or ``html`` extra).

Two kinds of workbook are read, each sheet as rows of cells with their
merges (a merged cell counts once and spans its columns, as in a web page):

- the workbook :func:`govinfo_report.export.write_xlsx` writes: one sheet
  per table (二、三、四), every report a block under a title row
  (``机关名称 年度``); the blocks with the same place on each sheet are one
  report;
- a collection workbook, as a county gathers its townships' tables: one
  sheet per organ, each in the official layout; the sheet's name is read
  first, as the title the sheet may lack.

:func:`parse_all` returns one result per report; :func:`parse` the only one.
Numbers are read as Excel stores them (a number format's quoted unit, such
as ``"万元"``, is kept beside the value); formulas count by the value Excel
saved with them, and a formula without one is a blank cell.
Locations are ``表`` = sheet number, with the sheet's own row and column.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from decimal import Decimal, InvalidOperation
from io import BytesIO
from typing import Any

import attrs

from .._optional import optional_module
from ..exceptions import UnreadableSourceError
from ..limits import IMPORT_MAX_MERGED_CELLS, IMPORT_MAX_SHEETS
from ..model import SECTION_TITLES
from ._archive import READ_ERRORS, check_archive
from ._assemble import source_info
from ._grid import Block, Cell, Location
from ._result import ImportResult
from ._unicode import fold_and_assemble

__all__ = ["parse", "parse_all"]

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_UNIT = re.compile(r'"([^"]*)"')
#: The title row of a report block in the export's workbook.
_BLOCK_TITLE = re.compile(r"(?P<organ>\S.*?)\s+(?P<year>(?:19|20)\d{2})")
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
    try:
        number = Decimal(repr(float(value)))
    except (ValueError, InvalidOperation):
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
            formats[element.get("numFmtId", "")] = "".join(
                _UNIT.findall(element.get("formatCode", "")))
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
        return value if kind in ("str", "b") else ""

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
        rows = []
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
                rows.append((cells[0].location.row or 0, tuple(cells)))
        return Sheet(name, number, tuple(rows))


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


def _grid(cells: tuple[Cell, ...]) -> Block:
    return Block.grid(cells, explicit=True)


def _exported(sheets: list[Sheet]) -> list[tuple[str, list[Block]]]:
    """The export's workbook: the n-th block of every table sheet is the n-th report."""
    reports: list[tuple[str, list[Block]]] = []
    for sheet in sheets:
        if sheet.name not in SECTION_TITLES:
            continue
        index = -1
        for _, cells in sheet.rows:
            filled = [cell for cell in cells if cell.text]
            title = _BLOCK_TITLE.fullmatch(filled[0].text) if len(filled) == 1 else None
            if title is not None and filled[0].column == 0:
                index += 1
                if index == len(reports):
                    # The title the export writes, in the words a report's title uses.
                    reports.append((title["organ"], [Block.line(
                        f"{title['organ']}{title['year']}年政府信息公开工作年度报告",
                        filled[0].location)]))
                reports[index][1].append(Block.line(sheet.name, Location(table=sheet.number)))
                continue
            if index >= 0:
                reports[index][1].append(_grid(cells))
    return reports


def _collection(sheets: list[Sheet]) -> list[tuple[str, list[Block]]]:
    """A workbook with one report per sheet."""
    reports = []
    for sheet in sheets:
        if not sheet.rows:
            continue
        blocks = [Block.line(sheet.name, Location(table=sheet.number))]
        blocks.extend(_grid(cells) for _, cells in sheet.rows)
        reports.append((sheet.name, blocks))
    return reports


def parse_all(data: bytes, *, name: str = "") -> list[ImportResult]:
    """Every report of a workbook, in sheet (or block) order; ``source.sheet`` names each."""
    try:
        sheets = sheets_of(data)
    except UnreadableSourceError as error:
        raise UnreadableSourceError(str(error), source=name) from None
    exported = any(sheet.name in SECTION_TITLES[1:4] for sheet in sheets)
    found = _exported(sheets) if exported else _collection(sheets)
    if not found:
        raise UnreadableSourceError("工作簿中没有报告表格（no report tables in the workbook）",
                                    source=name)
    info = source_info("xlsx", data, name)
    return [fold_and_assemble(blocks, attrs.evolve(info, sheet=label))
            for label, blocks in found]


def parse(data: bytes, *, name: str = "") -> ImportResult:
    """The report of a workbook that holds one (:func:`parse_all` reads several)."""
    results = parse_all(data, name=name)
    if len(results) > 1:
        raise UnreadableSourceError(
            f"工作簿中有 {len(results)} 份报告，请逐份读取（importers.parse_all，或 "
            f"import -o 目录）（the workbook holds {len(results)} reports）", source=name)
    return results[0]
