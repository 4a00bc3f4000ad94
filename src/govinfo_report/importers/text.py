"""Plain text: reports copied from a web page, extracted from HTML, or OCR'd from a PDF.

Each line becomes a block. A line with tabs or ``|`` is a table row whose
cells keep their position (the tab grid of a copied table; an indented line
of text is such a row with one cell); any other line is running text, in
which a table copied one cell per line or all on one line is read token by
token. Markdown table rules (``|---|---|``) and stray ``|`` are ignored; a
line of one cell closed by bars (``0 |``, ``0 | |``) among such lines is one
cell of a run. Rows under a rule of one dash run per column (plain text as
:mod:`govinfo_report.render.text` writes it) are cut at the rule's columns
(``_aligned``). Markdown headings lose their ``#``. Each line of text
records the empty lines before it, and the last block whether the text ends
right after a digit (a number that may be cut short).

Bytes are decoded as UTF-8 (a BOM is accepted), else UTF-16 with a BOM, else
GB18030, the encodings Chinese text files come in.

>>> from govinfo_report.importers import text
>>> result = text.parse(EXAMPLE)
>>> result.report.proactive_disclosure.art20_1.normative_documents.issued
3
"""

from __future__ import annotations

import re

import attrs

from .._gc_pause import paused_collection
from ._aligned import aligned_cells, rule_extents
from ._assemble import source_info
from ._decode import checked_text, decode, decode_text
from ._grid import Block, Cell, Location
from ._result import ImportResult
from ._unicode import fold_and_assemble

__all__ = ["decode", "parse"]

_PIPES = re.compile(r"[|\uff5c\u2502]")
#: The ``#`` of a Markdown heading.
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+")
_RULE = re.compile(r"\s*[|\uff5c]?\s*:?-{3,}:?\s*([|\uff5c]\s*:?-{3,}:?\s*)*[|\uff5c]?\s*")


def _cells(parts: list[str], line: int, offsets: list[int]) -> list[Cell]:
    # A bar left in a tab-separated cell is a border, not content.
    return [Cell(_PIPES.sub("", part).strip().replace("**", ""),
                 Location(line=line, offset=offset, column=index + 1), index)
            for index, (part, offset) in enumerate(zip(parts, offsets, strict=True))]


def _tab_cells(line: str, number: int, start: int) -> list[Cell]:
    """The cells of a tab-separated row without bars or ``**``, each at its offset."""
    cells = []
    offset = start
    for index, part in enumerate(line.split("\t")):
        cells.append(Cell(part.strip(), Location(line=number, offset=offset, column=index + 1),
                          index))
        offset += len(part) + 1
    return cells


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
    single_run = False
    extents: list[tuple[int, int]] | None = None
    rule_at: int | None = None
    gap = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line = raw.rstrip("\r\n")
        start, offset = offset, offset + len(raw)
        if not line.strip():
            extents = rule_at = None
            gap += 1
            continue
        before, gap = gap, 0
        aligned = aligned_cells(line, extents) if extents is not None else None
        # Both kinds of rule need dashes: most lines are looked at no further.
        dashes = "-" in line
        if dashes and (found := rule_extents(line)) is not None:
            # Kept as text unless rows aligned under it follow.
            extents, rule_at = found, len(blocks)
        elif dashes and _RULE.fullmatch(line):
            continue
        elif aligned is not None:
            # A row of a table aligned under a rule of one dash run per column: every
            # cell, blank ones included, is where the rule puts it.
            if rule_at is not None:
                del blocks[rule_at]
                rule_at = None
            single_run = False
            cells = [Cell(part, Location(line=number, offset=start + place, column=index + 1),
                          index) for index, (part, place) in enumerate(aligned)]
            blocks.append(Block.grid(cells, explicit=True))
            continue
        else:
            extents = rule_at = None
        marked = "**" in line or _PIPES.search(line) is not None
        if "\t" in line and not marked:
            # The common tab-separated row: its cells in one pass.
            single_run = False
            blocks.append(Block.grid(_tab_cells(line, number, start)))
            continue
        if "\t" in line:
            parts, offsets = _split(line, "\t")
        elif marked and _PIPES.search(line):
            stripped = line.strip()
            lead = len(line) - len(line.lstrip())
            # Rows of a bar-delimited table open with a bar; cells of a run do not.
            single_run = single_run and not _PIPES.match(stripped)
            if _PIPES.match(stripped):
                stripped, lead = stripped[1:], lead + 1
            if stripped and _PIPES.match(stripped[-1]):
                stripped = stripped[:-1]
            parts, offsets = _split(stripped, _PIPES)
            offsets = [lead + value for value in offsets]
            if len(parts) == 2 and not parts[1].strip() and single_run:
                # One cell per line, each closed by a bar and the row's last by two:
                # the line is one cell of a run, not a row of its own.
                parts, offsets = parts[:1], offsets[:1]
            if len(parts) == 1:
                # A stray bar beside one cell: running text.
                if parts[0].strip():
                    single_run = True
                    blocks.append(Block.line(parts[0].strip(),
                                             Location(line=number, offset=start + offsets[0]),
                                             gap=before))
                continue
        else:
            single_run = True
            plain = _MARKDOWN_HEADING.sub("", line.strip()).replace("**", "")
            blocks.append(Block.line(plain, Location(line=number, offset=start), gap=before))
            continue
        single_run = False
        blocks.append(Block.grid(_cells(parts, number, [start + o for o in offsets])))
    if blocks:
        blocks[-1] = attrs.evolve(blocks[-1], ends=True, cut=text[-1:].isdigit())
    return blocks


def parse(data: str | bytes, *, name: str = "") -> ImportResult:
    """Import a report from plain text (``str``, or bytes in a Chinese text encoding).

    Never raises for what the text says; raises
    :class:`~govinfo_report.exceptions.UnreadableSourceError` only for bytes
    that are not text, or a ``str`` holding a lone surrogate.
    """
    with paused_collection():
        if isinstance(data, str):
            return fold_and_assemble(blocks_of(checked_text(data, name=name)),
                                     source_info("text", data, name))
        decoded = decode_text(data, name=name)
        source = attrs.evolve(source_info("text", data, name), encoding=decoded.encoding)
        return fold_and_assemble(blocks_of(decoded.text), source)


EXAMPLE = """示范县青山镇人民政府2023年政府信息公开工作年度报告
一、总体情况
2023年，青山镇稳步推进政府信息公开工作。
二、主动公开政府信息情况
第二十条第（一）项
信息内容\t本年制发件数\t本年废止件数\t现行有效件数
规章\t0\t0\t0
行政规范性文件\t3\t1\t12
"""
