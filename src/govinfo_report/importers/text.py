"""Plain text: reports copied from a web page, extracted from HTML, or OCR'd from a PDF.

Each line becomes a block. A line with tabs or ``|`` is a table row whose
cells keep their position (the tab grid of a copied table; an indented line
of text is such a row with one cell); any other line is running text, in
which a table copied one cell per line or all on one line is read token by
token. Markdown table rules
(``|---|---|``) and stray ``|`` are ignored.

Bytes are decoded as UTF-8 (a BOM is accepted), else UTF-16 with a BOM, else
GB18030, the encodings Chinese text files come in.

>>> from govinfo_report.importers import text
>>> result = text.parse(EXAMPLE)
>>> result.report.proactive_disclosure.art20_1.normative_documents.issued
3
"""

from __future__ import annotations

import re

from ._assemble import assemble, source_info
from ._decode import decode
from ._grid import Block, Cell, Location
from ._result import ImportResult

__all__ = ["decode", "parse"]

_PIPES = re.compile(r"[|\uff5c\u2502]")
_RULE = re.compile(r"\s*[|\uff5c]?\s*:?-{3,}:?\s*([|\uff5c]\s*:?-{3,}:?\s*)*[|\uff5c]?\s*")


def _cells(parts: list[str], line: int, offsets: list[int]) -> list[Cell]:
    return [Cell(part.strip().replace("**", ""),
                 Location(line=line, offset=offset, column=index + 1), column=index)
            for index, (part, offset) in enumerate(zip(parts, offsets, strict=True))]


def _split(line: str, separator: re.Pattern[str] | str) -> tuple[list[str], list[int]]:
    parts = re.split(separator, line) if isinstance(separator, re.Pattern) \
        else line.split(separator)
    offsets, position = [], 0
    for part in parts:
        offsets.append(position)
        position += len(part) + 1
    return parts, offsets


def blocks_of(text: str) -> list[Block]:
    """The blocks of a plain text: table rows and lines of running text."""
    blocks: list[Block] = []
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        start, offset = offset, offset + len(raw)
        if not line.strip() or _RULE.fullmatch(line):
            continue
        if "\t" in line:
            parts, offsets = _split(line, "\t")
        elif _PIPES.search(line):
            stripped = line.strip()
            lead = len(line) - len(line.lstrip())
            if _PIPES.match(stripped):
                stripped, lead = stripped[1:], lead + 1
            if stripped and _PIPES.match(stripped[-1]):
                stripped = stripped[:-1]
            parts, offsets = _split(stripped, _PIPES)
            offsets = [lead + value for value in offsets]
            if len(parts) == 1:
                # A stray bar beside one cell: running text.
                if parts[0].strip():
                    blocks.append(Block.line(parts[0].strip(),
                                             Location(line=number, offset=start + offsets[0])))
                continue
        else:
            blocks.append(Block.line(line.strip(), Location(line=number, offset=start)))
            continue
        blocks.append(Block.grid(_cells(parts, number, [start + o for o in offsets])))
    return blocks


def parse(data: str | bytes, *, name: str = "") -> ImportResult:
    """Import a report from plain text (``str``, or bytes in a Chinese text encoding).

    Never raises for what the text says; raises
    :class:`~govinfo_report.exceptions.UnreadableSourceError` only for bytes
    that are not text.
    """
    content = decode(data, name=name) if isinstance(data, bytes) else data
    return assemble(blocks_of(content), source_info("text", data, name))


EXAMPLE = """示范县青山镇人民政府2023年政府信息公开工作年度报告
一、总体情况
2023年，青山镇稳步推进政府信息公开工作。
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t3\t1\t12
"""
