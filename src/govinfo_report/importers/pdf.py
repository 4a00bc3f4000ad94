"""PDF files with a text layer (needs the extra ``pdf``: pypdf).

The text of each page is extracted with pypdf and read as plain text
(:mod:`~govinfo_report.importers.text`); locations are the lines of the
extracted text of each page. Ruled tables are read by position instead
(``_pdf_layout``): each text run goes to the cell its position falls in, so a
blank cell stays where it is and the rest of its row is read; their cells are
located by page, table, row and column. In a table without rules, a row with
fewer values than columns is read by where its values are drawn when each sits
clearly in a column of the table's complete rows (``_drawn_columns``). The runs
and rules come from the same pypdf pass as the text, through its visitors
(``_pdf_rules``), rather than from pdfplumber: ruled tables need no second PDF
library in the ``pdf`` extra.
Running headers and footers are dropped first (outside the tables read by
position): the date and time stamp, address and page counter a browser prints
on each page (``11/29/26, 3:41 AM``, ``file:///…``, ``1/5``), ``第 N 页 共 M 页``,
bare page numbers that count the pages, and a first or last line that comes
back on most pages. A scanned PDF without a text layer cannot be read: it
needs OCR first, and the OCR'd text can be imported as text.

>>> running_lines(["11/29/26, 3:41 AM 报告", "一、总体情况", "file:///tmp/a.html 1/2"],
...               page=1, pages=2)
[0, 2]
"""

from __future__ import annotations

import collections
import itertools
import logging
import re
from io import BytesIO
from typing import Any

import attrs

from .._optional import optional_module
from ..exceptions import UnreadableSourceError
from ..limits import IMPORT_MAX_PDF_PAGES
from . import text
from ._assemble import source_info
from ._grid import Block
from ._pdf_layout import read_page
from ._pdf_rules import Page, Run
from ._pdf_text import Starts, drawn_by_line, run_starts, with_drawn
from ._result import ImportResult
from ._unicode import fold_and_assemble

__all__ = ["pages_of", "parse", "running_lines"]

#: How many lines at the top and at the bottom of a page may be running heads.
_EDGE = 2
_STAMP = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}[,，]?\s*(?:[上下]午\s*)?\d{1,2}:\d{2}"
                    r"(?::\d{2})?(?:\s*[AaPp][Mm])?")
_URL = re.compile(r"(?:file|https?)://\S*|www\.\S+")
_COUNTER = re.compile(r"第\s*(\d+)\s*页\s*[,，/、]?\s*(?:共\s*(\d+)\s*页)?|共\s*(\d+)\s*页\s*"
                      r"第\s*(\d+)\s*页|(\d+)\s*/\s*(\d+)|[-—–]?\s*(\d+)\s*[-—–]?")
_DIGITS = re.compile(r"\d+")
_WORDLESS = re.compile(r"[#\W_]+")
#: Characters of words a repeated first or last line needs to count as a running head
#: (fewer could be a row label that happens to start several pages).
_WORDS = 6


def _pypdf() -> Any:
    return optional_module("pypdf", "读取 PDF", "reading PDF", package="pypdf", extra="pdf")


def pages_of(data: bytes) -> list[str]:
    """The extracted text of each page (at most ``IMPORT_MAX_PDF_PAGES`` of them)."""
    return [text for text, _page in scanned_pages(data)]


def scanned_pages(data: bytes) -> list[tuple[str, Page]]:
    """Each page's extracted text, with its text runs and painted rules."""
    pypdf = _pypdf()
    # pypdf reports recoverable damage through logging; the import reports what it can't read.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        count = len(reader.pages)
        if count > IMPORT_MAX_PDF_PAGES:
            raise UnreadableSourceError(
                f"PDF 有 {count} 页，超过上限 IMPORT_MAX_PDF_PAGES = {IMPORT_MAX_PDF_PAGES}"
                "（too many pages）")
        scanned = []
        for page in reader.pages:
            seen = Page()
            text = page.extract_text(visitor_text=seen.visit_text,
                                     visitor_operand_before=seen.visit_operator)
            scanned.append((text or "", seen))
        return scanned
    except UnreadableSourceError:
        raise
    except RecursionError:
        raise UnreadableSourceError("PDF 的对象嵌套过深（objects nested too deep）") from None
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds for damaged files
        raise UnreadableSourceError(f"无法读取 PDF（cannot read the PDF）：{error}") from None


def _is_counter(line: str, page: int, pages: int, *, bare: bool = True) -> bool:
    """Whether ``line`` is only a page counter that agrees with the page it is on
    (with ``bare``, also a number or ``N/M`` without words)."""
    match = _COUNTER.fullmatch(line)
    if match is None or (not bare and match[1] is None and match[4] is None):
        return False
    numbers = [int(value) for value in match.groups() if value is not None]
    if match[3] is not None:
        numbers.reverse()
    return numbers[0] == page and (len(numbers) == 1 or numbers[1] == pages)


def _is_running(line: str, page: int, pages: int, *, counted: bool) -> bool:
    if _STAMP.search(line):
        # A print stamp, with perhaps the page title beside it.
        return True
    rest = _URL.sub(" ", line).strip()
    if rest != line.strip():
        # An address alone or with the page counter; an address inside a sentence is text.
        return not rest or _is_counter(rest, page, pages)
    return _is_counter(rest, page, pages, bare=counted)


def running_lines(lines: list[str], *, page: int, pages: int,
                  repeated: frozenset[str] = frozenset(), counted: bool = False) -> list[int]:
    """Indexes of the lines of one page that are running headers or footers.

    Only the first and last two non-empty lines are considered; a line is
    running when it carries a print stamp, is an address (with perhaps the
    page counter), or a ``第 N 页`` agreeing with ``page``, or when (digits
    aside) it is in ``repeated``, the edge lines that recur on most pages.
    A bare number or
    ``N/M`` is a page number only when ``counted``: every page has its own.
    """
    filled = [index for index, line in enumerate(lines) if line.strip()]
    if not filled:
        return []
    edges = filled[:_EDGE] + [index for index in filled[-_EDGE:] if index not in filled[:_EDGE]]
    return sorted(index for index in edges
                  if _is_running(lines[index], page, pages, counted=counted)
                  or (index in (filled[0], filled[-1])
                      and _DIGITS.sub("#", lines[index].strip()) in repeated))


def _counted(pages: list[list[str]]) -> bool:
    """Whether every page, of two or more, has a bare counter of its own number at an edge."""
    if len(pages) < 2:
        return False
    for number, lines in enumerate(pages, start=1):
        filled = [line.strip() for line in lines if line.strip()]
        edges = filled[:_EDGE] + filled[-_EDGE:]
        if not any(_is_counter(_URL.sub("", _STAMP.sub("", line)).strip(), number, len(pages))
                   for line in edges):
            return False
    return True


def _repeated(pages: list[list[str]]) -> frozenset[str]:
    """First and last lines (digits masked) found on at least half the pages, and two."""
    seen: collections.Counter[str] = collections.Counter()
    for lines in pages:
        filled = [line.strip() for line in lines if line.strip()]
        if filled:
            seen.update({_DIGITS.sub("#", filled[0]), _DIGITS.sub("#", filled[-1])})
    least = max(2, (len(pages) + 1) // 2)
    # A value of a table can end several pages; only lines with words can be running heads.
    return frozenset(line for line, count in seen.items()
                     if count >= least and len(_WORDLESS.sub("", line)) >= _WORDS)


def without_running_lines(pages: list[str]) -> list[str]:
    """Each page's text without its running headers and footers (blank lines keep
    the line numbers of the rest)."""
    split = [page.splitlines() for page in pages]
    repeated = _repeated(split) if len(split) > 1 else frozenset()
    counted = _counted(split)
    cleaned = []
    for number, lines in enumerate(split, start=1):
        drop = set(running_lines(lines, page=number, pages=len(split), repeated=repeated,
                                 counted=counted))
        cleaned.append("\n".join("" if index in drop else line
                                 for index, line in enumerate(lines)))
    return cleaned


#: Stands in the page text for a ruled table, whose rows are read by position.
_TABLE = "\ue000"


def _with_tables(scanned: list[tuple[str, Page]]
                 ) -> tuple[list[str], list[list[list[Block]]], list[Starts]]:
    """Each page's text with a line ``_TABLE`` for each table read by position, the
    rows of those tables, and where the page's runs start in its text."""
    texts: list[str] = []
    tables: list[list[list[Block]]] = []
    starts: list[Starts] = []
    grid = None
    for number, (plain, page) in enumerate(scanned, start=1):
        items, grid = read_page(page, number=number, previous=grid,
                                tables=sum(len(found) for found in tables))
        found = [item for item in items if isinstance(item, list)]
        tables.append(found)
        if not found:
            texts.append(plain)
            pieces: list[tuple[str, Run | None]] = [(run.text, run) for run in page.runs]
            # Positions only when the text is the runs' text (pypdf may add to it).
            starts.append(run_starts(pieces) if "".join(run.text for run in page.runs) == plain
                          else [])
            continue
        pieces = []
        for item in items:
            if isinstance(item, Run):
                pieces.append((item.text, item))
                continue
            if pieces and not pieces[-1][0].endswith("\n"):
                pieces.append(("\n", None))
            pieces.append((_TABLE + "\n", None))
        texts.append("".join(piece for piece, _run in pieces))
        starts.append(run_starts(pieces))
    return texts, tables, starts


def blocks_of(data: bytes) -> list[Block]:
    """The blocks of every page, each located by page and line (or table cell); the
    cells of lines carry where the page draws them."""
    scanned = scanned_pages(data)
    if not any(plain.strip() for plain, _page in scanned):
        raise UnreadableSourceError(
            "PDF 中没有文字层（可能是扫描件），请先做文字识别再导入识别出的文字"
            "（the PDF has no text layer: OCR it first, then import the text）")
    texts, tables, starts = _with_tables(scanned)
    blocks: list[Block] = []
    for number, page in enumerate(without_running_lines(texts), start=1):
        lines = ["" if line == _TABLE else line for line in page.split("\n")]
        marks = [index + 1 for index, line in enumerate(page.split("\n")) if line == _TABLE]
        waiting = tables[number - 1]
        by_line = drawn_by_line(texts[number - 1], starts[number - 1])
        firsts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
        for block in text.blocks_of("\n".join(lines)):
            while marks and block.location.line is not None and marks[0] < block.location.line:
                marks.pop(0)
                blocks.extend(waiting.pop(0))
            cells = tuple(attrs.evolve(cell, location=attrs.evolve(cell.location, page=number))
                          for cell in with_drawn(block, lines, firsts, by_line))
            # A page ends where the paper does, not where the document was cut off: a
            # number at the foot of a page is whole, and only the last page ends the text.
            blocks.append(attrs.evolve(block, cells=cells, cut=False, ends=False))
        for rows in waiting:
            blocks.extend(rows)
    if blocks:
        blocks[-1] = attrs.evolve(blocks[-1], ends=True)
    return blocks


def parse(data: bytes, *, name: str = "") -> ImportResult:
    """Import a report from the bytes of a PDF file with a text layer."""
    try:
        blocks = blocks_of(data)
    except UnreadableSourceError as error:
        raise UnreadableSourceError(str(error), source=name) from None
    return fold_and_assemble(blocks, source_info("pdf", data, name))
