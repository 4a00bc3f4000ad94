"""Ruled tables of a PDF page read by position: each text run placed in its cell.

A cell spans the grid columns and bands of its table that no rule separates,
so merged headers keep their span
(``_pdf_rules`` finds the tables). A run belongs
to the cell its start point falls in; the cell's runs are read top to bottom,
so a label wrapped inside its cell is one text, and a value centred in its
cell is found wherever it sits. A table continued at the top of the next page
is numbered by the grid of the table it continues.

A run that sits on a rule, reaches past its cell's right rule, holds more
than one line or figures beside other text across a space is uncertain: its
row is given back as plain lines, read as a page without rules would be (and
a value that cannot be placed stays blank; the lines keep where their runs are drawn).
"""

from __future__ import annotations

import math
import re
import unicodedata

import attrs

from ._drawn_columns import printed_width
from ._grid import Block, Cell, Location
from ._pdf_rules import NEAR, Page, Run, Table, tables_of
from ._pdf_text import drawn_lines

__all__ = ["read_page", "read_table"]

#: Figures beside other text across a space: values of two cells the extraction may
#: have run together.
_SPACED_NUMBER = re.compile(r"\S\s+[-+]?\d|\d\s+\S")
#: A cell holding this much text, or a sentence, is page layout (a framed box of
#: text), not a cell of a data table: the longest official label has 34 characters.
_LAYOUT_TEXT = 80
_SENTENCE_END = "。"


def _gap(value: float, edges: tuple[float, ...]) -> int | None:
    """The gap between ``edges`` (ascending or descending) that ``value`` falls in."""
    for index in range(len(edges) - 1):
        low, high = sorted((edges[index], edges[index + 1]))
        if low <= value < high:
            return index
    return None


def _place(table: Table, run: Run) -> tuple[int, int] | None:
    """The band and grid column where ``run`` starts; None when it starts on a rule."""
    band, column = _gap(run.y, tuple(reversed(table.ys))), _gap(run.x, table.xs)
    if band is None or column is None:
        return None
    band = len(table.ys) - 2 - band
    for level, position in enumerate(table.xs):
        if abs(run.x - position) < NEAR / 4 and table.ruled(x=level, across=run.y):
            return None
    for level, position in enumerate(table.ys):
        if abs(run.y - position) < NEAR / 4 and table.ruled(y=level, across=run.x):
            return None
    return band, column


def _text(runs: list[tuple[int, Run]]) -> str:
    """The runs of one cell in content order; a label wrapped over lines joins without a
    space between Chinese characters."""
    joined = ""
    for line in "".join(run.text for _order, run in sorted(runs, key=lambda item: item[0])
                        ).splitlines():
        part = line.strip()
        if not part:
            continue
        wide = joined and unicodedata.east_asian_width(joined[-1]) in "WF" \
            and unicodedata.east_asian_width(part[0]) in "WF"
        joined = part if not joined else joined + ("" if wide else " ") + part
    return joined


@attrs.frozen
class _Slot:
    """A merged cell: its top band, first grid column and span."""

    band: int
    column: int
    span: int


def _cells(table: Table, grid: tuple[float, ...]) -> dict[tuple[int, int], _Slot]:
    """Each (band, column) of the table mapped to the merged cell covering it."""
    xs, ys = table.xs, table.ys
    owner: dict[tuple[int, int], _Slot] = {}
    for band in range(len(ys) - 1):
        middle = (ys[band] + ys[band + 1]) / 2
        column = 0
        while column < len(xs) - 1:
            if (band, column) in owner:
                column += 1
                continue
            end = column + 1
            while end < len(xs) - 1 and not table.ruled(x=end, across=middle):
                end += 1
            low = band + 1
            while low < len(ys) - 1 and not any(
                    table.ruled(y=low, across=(xs[c] + xs[c + 1]) / 2)
                    for c in range(column, end)):
                low += 1
            first = _gap((xs[column] + xs[column + 1]) / 2, grid)
            last = _gap((xs[end - 1] + xs[end]) / 2, grid)
            slot = _Slot(band, first if first is not None else column,
                         (last - first + 1) if first is not None and last is not None
                         else end - column)
            for down in range(band, low):
                for across in range(column, end):
                    owner.setdefault((down, across), slot)
            column = end
    return owner


def read_table(table: Table, runs: list[tuple[int, Run]], *, number: int,
               page: int) -> list[Block] | None:
    """The rows of ``table`` (its runs with their content order): grid rows of certain
    cells, plain lines for a row with an uncertain run. None when the table is not
    read by position: a run starts on a rule, or a cell holds running text."""
    owner = _cells(table, table.grid or table.xs)
    texts: dict[_Slot, list[tuple[int, Run]]] = {}
    uncertain: set[int] = set()
    for order, run in runs:
        text = run.text.strip()
        if not text:
            continue
        place = _place(table, run)
        if place is None:
            return None
        slot = owner[place]
        texts.setdefault(slot, []).append((order, run))
        if "\n" in text or _SPACED_NUMBER.search(text) or not math.isfinite(run.size) \
                or run.x + printed_width(text, run.size) > _right(table, *place) + run.size / 2:
            uncertain.add(slot.band)
    cells = {slot: _text(found) for slot, found in texts.items()}
    if any(len(text) > _LAYOUT_TEXT or _SENTENCE_END in text for text in cells.values()):
        return None
    blocks: list[Block] = []
    for band in range(len(table.ys) - 1):
        slots = sorted({slot for slot in owner.values() if slot.band == band},
                       key=lambda slot: slot.column)
        if band in uncertain:
            # As a page without rules is read: the row's text in content order.
            row_runs = sorted((item for slot in slots for item in texts.get(slot, [])),
                              key=lambda item: item[0])
            blocks.extend(drawn_lines([run for _order, run in row_runs], Location(page=page)))
        elif any(cells.get(slot) for slot in slots):
            blocks.append(Block.grid([
                Cell(cells.get(slot, ""),
                     Location(page=page, table=number, row=band + 1, column=slot.column + 1),
                     column=slot.column, span=slot.span)
                for slot in slots], explicit=True))
    return blocks


def _right(table: Table, band: int, column: int) -> float:
    """The first vertical rule right of ``column`` that crosses ``band``."""
    middle = (table.ys[band] + table.ys[band + 1]) / 2
    for index in range(column + 1, len(table.xs)):
        if table.ruled(x=index, across=middle):
            return table.xs[index]
    return table.xs[-1]


def read_page(page: Page, *, number: int, previous: tuple[float, ...] | None,
              tables: int) -> tuple[list[Run | list[Block]], tuple[float, ...] | None]:
    """The page's runs in content order, the runs of each table read by position
    replaced by its rows (where its first run was); and the grid of its last table.

    ``tables`` counts the tables of the pages before. A table whose outer rules match
    the previous table's and whose other rules are among its rules (a table continued
    from the foot of the previous page) is numbered by the previous table's grid.
    """
    found = tables_of(page.segments)
    grid = previous
    runs: list[list[tuple[int, Run]]] = [[] for _table in found]
    home: dict[int, int] = {}
    straddled: set[int] = set()
    for order, run in enumerate(page.runs):
        for index, table in enumerate(found):
            if table.holds(run):
                runs[index].append((order, run))
                home[order] = index
                break
            if run.text.strip() and table.holds(run, margin=NEAR):
                # Text on the outer rules: a frame around text, not a table.
                straddled.add(index)
    rows: dict[int, list[Block]] = {}
    for index, table in enumerate(found):
        continues = grid is not None and abs(grid[0] - table.xs[0]) < NEAR \
            and abs(grid[-1] - table.xs[-1]) < NEAR \
            and all(any(abs(x - edge) < NEAR for edge in grid) for x in table.xs)
        grid = grid if continues and grid is not None else table.xs
        read = read_table(attrs.evolve(table, grid=grid), runs[index],
                          number=tables + len(rows) + 1, page=number)
        if read is not None and index not in straddled:
            rows[index] = read
    items: list[Run | list[Block]] = []
    placed: set[int] = set()
    for order, run in enumerate(page.runs):
        table_index = home.get(order)
        if table_index is None or table_index not in rows:
            items.append(run)
        elif table_index not in placed:
            placed.add(table_index)
            items.append(rows[table_index])
    return items, grid
