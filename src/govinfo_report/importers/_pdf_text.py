"""Where a PDF page draws the text it gives: each line's cells with the runs that start in them.

pypdf's extracted text of a page is the text of its runs in content order; the
offset where each run starts in that text maps it to a line and a column of
the text the importer reads, so every cell of a line learns where its runs
are drawn (:attr:`Cell.drawn <._grid.Cell.drawn>`). A table row's values are
drawn in the order the text gives them: that is what lets the table reader see
when the extraction lost or moved part of a row.
"""

from __future__ import annotations

import bisect
import itertools

import attrs

from ._grid import Block, BlockKind, Cell, Location
from ._pdf_rules import Run

__all__ = ["Starts", "drawn_by_line", "drawn_lines", "run_starts", "with_drawn"]

#: Where each run of a page starts in the page's text: ``(offset, run)``.
Starts = list[tuple[int, Run]]


def run_starts(pieces: list[tuple[str, Run | None]]) -> Starts:
    """The offset of the first visible character of each run in the text ``pieces`` join into."""
    starts: Starts = []
    offset = 0
    for piece, run in pieces:
        visible = len(piece) - len(piece.lstrip())
        if run is not None and visible < len(piece):
            starts.append((offset + visible, run))
        offset += len(piece)
    return starts


def drawn_by_line(text: str, starts: Starts) -> dict[int, list[tuple[int, Run]]]:
    """The runs starting on each line (0-based, as ``splitlines`` cuts ``text``), with the
    column they start at."""
    lines = text.splitlines(keepends=True)
    firsts = list(itertools.accumulate((len(line) for line in lines), initial=0))
    by_line: dict[int, list[tuple[int, Run]]] = {}
    for offset, run in starts:
        index = bisect.bisect_right(firsts, offset) - 1
        if 0 <= index < len(lines):
            by_line.setdefault(index, []).append((offset - firsts[index], run))
    return by_line


def with_drawn(block: Block, lines: list[str], firsts: list[int],
                by_line: dict[int, list[tuple[int, Run]]]) -> tuple[Cell, ...]:
    """The block's cells with where the page draws their runs."""
    index = (block.location.line or 0) - 1
    runs = by_line.get(index)
    if not runs or not 0 <= index < len(lines):
        return block.cells
    line = lines[index]
    cells = []
    for cell in block.cells:
        start = (cell.location.offset or 0) - firsts[index]
        if block.kind is BlockKind.TEXT:
            # A line of running text is read stripped.
            start += len(line) - len(line.lstrip())
        drawn = tuple((column - start, run.x, run.y, run.size) for column, run in runs
                      if start <= column < start + len(cell.text))
        cells.append(attrs.evolve(cell, drawn=drawn))
    return tuple(cells)


def drawn_lines(runs: list[Run], location: Location) -> list[Block]:
    """The non-empty lines the text of ``runs`` makes, each one cell that knows where its
    runs are drawn."""
    text = "".join(run.text for run in runs)
    by_line = drawn_by_line(text, run_starts([(run.text, run) for run in runs]))
    blocks = []
    for index, line in enumerate(text.splitlines()):
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        drawn = tuple((column - lead, run.x, run.y, run.size)
                      for column, run in by_line.get(index, ()) if column >= lead)
        blocks.append(Block(BlockKind.TEXT, (Cell(stripped, location, drawn=drawn),)))
    return blocks
