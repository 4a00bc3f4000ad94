"""Excel workbooks (.xlsx) in the official layout (needs lxml: the ``xlsx`` or ``html`` extra).

Two kinds of workbook are read, each sheet as rows of cells:

- the workbook :func:`govinfo_report.export.write_xlsx` writes: one sheet
  per table (二、三、四), every report a block under a title row
  (``机关名称 年度``); the blocks with the same place on each sheet are one
  report;
- a collection workbook, as a county gathers its townships' tables: one
  sheet per organ, each in the official layout; the sheet's name is read
  first, as the title the sheet may lack.

:func:`parse_all` returns one result per report; :func:`parse` the only one.
Numbers are read as Excel stores them, to the 15 significant digits it keeps
(a binary float saved as ``0.35000000000000003`` is the ``0.35`` typed), with
the quoted unit of their number format (``"万元"``); formulas by the value
Excel saved with them.

信息处理费 are read as in every other source: their figures beside or under
their labels, or in a sentence. A collection sheet that has the tables and the
fees but no heading of 六 has 六 start at the first row about the fees after
the table of 四.

Locations are ``表`` = sheet number, with the sheet's own row and column.
"""

from __future__ import annotations

import re

import attrs

from ..exceptions import UnreadableSourceError
from ..model import SECTION_TITLES, FormatVersion
from ._assemble import source_info
from ._fees import mentions_fees
from ._grid import Block, Cell, Location
from ._result import ImportResult
from ._sections import detect_format, split_parts
from ._unicode import fold_and_assemble
from ._workbook import Sheet, sheets_of

__all__ = ["parse", "parse_all"]

#: The title row of a report block in the export's workbook.
_BLOCK_TITLE = re.compile(r"(?P<organ>\S.*?)\s+(?P<year>(?:19|20)\d{2})")


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
        reports.append((sheet.name, _fees_open_part_six(blocks)))
    return reports


def _fees_open_part_six(blocks: list[Block]) -> list[Block]:
    """A sheet that keeps the tables and the 信息处理费 but not the narrative has no
    heading of 六: 六 starts at the first row about the fees after the table of 四.
    The trial format has no fees: such rows stay rows of 四 the tables do not have."""
    parts = split_parts(blocks).parts
    if 4 not in parts or 5 in parts or 6 in parts or detect_format(
            [block for part in (2, 3) for block in parts.get(part, ())])[0] is FormatVersion.V2019:
        return blocks
    first = next((block for block in parts[4] if mentions_fees(block.text)), None)
    if first is None:
        return blocks
    index = next(index for index, block in enumerate(blocks) if block is first)
    return [*blocks[:index], Block.line(SECTION_TITLES[5], first.location), *blocks[index:]]


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
