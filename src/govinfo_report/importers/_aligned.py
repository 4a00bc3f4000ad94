"""Tables of plain text aligned in columns under a rule of dashes, one run per column.

Plain text written by :mod:`govinfo_report.render.text` (and by many tools that
print tables) draws, under a table's header, a rule whose runs of dashes mark
each column's extent in display columns (CJK characters take two)::

    信息内容    本年新制作数量  本年新公开数量
    ----------  --------------  --------------
    规章                     0
    规范性文件               0               3

Each row below the rule, up to the next empty line, is cut at those extents,
so a blank cell stays blank and the others keep their column.

>>> rule_extents("----  ---  --")
[(0, 4), (6, 9), (11, 13)]
>>> aligned_cells("规章   1", [(0, 4), (6, 9)])
[('规章', 0), ('1', 5)]
>>> aligned_cells("规章 1", [(0, 4), (6, 9)]) is None
True
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["aligned_cells", "rule_extents"]

_RULE_RUNS = re.compile(r"\s*-+(?:\s+-+)+\s*")


@functools.lru_cache(maxsize=4096)
def _width(character: str) -> int:
    if unicodedata.combining(character):
        return 0
    return 2 if unicodedata.east_asian_width(character) in "WF" else 1


def rule_extents(line: str) -> list[tuple[int, int]] | None:
    """The display-column extents ``[start, end)`` of the dash runs of a rule line with two
    runs or more, else ``None``."""
    if not _RULE_RUNS.fullmatch(line):
        return None
    return [(match.start(), match.end()) for match in re.finditer(r"-+", line)]


_RUNS = re.compile(r"\s+|\S+")


def aligned_cells(line: str, extents: list[tuple[int, int]]) -> list[tuple[str, int]] | None:
    """The text of each extent in ``line`` with the character offset where it starts, or
    ``None`` when some text stands outside every extent (the line is not of the table)."""
    texts = [""] * len(extents)
    offsets = [0] * len(extents)
    position, index = 0, 0
    current: int | None = None
    for match in _RUNS.finditer(line):
        run = match.group()
        # Every ASCII character takes one column.
        widths = None if run.isascii() else list(map(_width, run))
        width = len(run) if widths is None else sum(widths)
        if run[0].isspace():
            # Spaces inside a cell (``3 件``) stay with it.
            if current is None or position >= extents[current][1]:
                position += width
                continue
            for character in run:
                if position < extents[current][1]:
                    texts[current] += character
                position += _width(character)
            continue
        if widths is not None and 0 in widths:
            # A zero-width character may close an extent on its own: placed one by one.
            placed = _place(widths, position, index, extents)
            if placed is None:
                return None
            index = placed
        else:
            # Runs of visible characters cannot cross the gap between two extents.
            while index < len(extents) and extents[index][1] <= position:
                index += 1
            if index == len(extents) or position < extents[index][0] or \
                    position + width > extents[index][1]:
                return None
        if not texts[index]:
            offsets[index] = match.start()
        current = index
        texts[index] += run
        position += width
    return [(text.strip(), offset) for text, offset in zip(texts, offsets, strict=True)]


def _place(widths: list[int], position: int, index: int,
           extents: list[tuple[int, int]]) -> int | None:
    """The extent holding every character of a run placed one by one from ``position``,
    or ``None`` when one falls outside it."""
    for width in widths:
        while index < len(extents) and extents[index][1] <= position:
            index += 1
        if index == len(extents) or position < extents[index][0] or \
                position + width > extents[index][1]:
            return None
        position += width
    return index
