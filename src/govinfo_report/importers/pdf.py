"""PDF files with a text layer (needs the extra ``pdf``: pypdf).

The text of each page is extracted with pypdf and read as plain text
(:mod:`~govinfo_report.importers.text`); locations are the lines of the
extracted text of each page. A scanned PDF without a text layer cannot be
read: it needs OCR first, and the OCR'd text can be imported as text.
"""

from __future__ import annotations

import importlib
import logging
from io import BytesIO
from typing import Any

import attrs

from ..exceptions import MissingDependencyError, UnreadableSourceError
from . import text
from ._assemble import assemble, source_info
from ._grid import Block, Cell
from ._result import ImportResult

__all__ = ["pages_of", "parse"]


def _pypdf() -> Any:
    try:
        return importlib.import_module("pypdf")
    except ImportError:
        raise MissingDependencyError(
            "读取 PDF", "reading PDF", package="pypdf", extra="pdf") from None


def pages_of(data: bytes) -> list[str]:
    """The extracted text of each page."""
    pypdf = _pypdf()
    # pypdf reports recoverable damage through logging; the import reports what it can't read.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = pypdf.PdfReader(BytesIO(data))
        if reader.is_encrypted:
            reader.decrypt("")
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as error:  # noqa: BLE001 - pypdf raises many kinds for damaged files
        raise UnreadableSourceError(f"无法读取 PDF（cannot read the PDF）：{error}") from None


def blocks_of(data: bytes) -> list[Block]:
    """The blocks of the text of every page, each located by page and line."""
    pages = pages_of(data)
    if not any(page.strip() for page in pages):
        raise UnreadableSourceError(
            "PDF 中没有文字层（可能是扫描件），请先做文字识别再导入识别出的文字"
            "（the PDF has no text layer: OCR it first, then import the text）")
    blocks: list[Block] = []
    for number, page in enumerate(pages, start=1):
        for block in text.blocks_of(page):
            cells = tuple(Cell(cell.text, attrs.evolve(cell.location, page=number),
                               cell.column, cell.span) for cell in block.cells)
            blocks.append(attrs.evolve(block, cells=cells))
    return blocks


def parse(data: bytes, *, name: str = "") -> ImportResult:
    """Import a report from the bytes of a PDF file with a text layer."""
    try:
        blocks = blocks_of(data)
    except UnreadableSourceError as error:
        raise UnreadableSourceError(str(error), source=name) from None
    return assemble(blocks, source_info("pdf", data, name))
