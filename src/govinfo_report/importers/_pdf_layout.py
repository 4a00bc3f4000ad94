"""Ruled tables of a PDF page read by position: each text run placed in its cell.

A cell spans the grid columns and bands of its table that no rule separates,
so merged headers keep their span
(:mod:`~govinfo_report.importers._pdf_rules` finds the tables). A run belongs
to the cell its start point falls in; the cell's runs are read top to bottom,
so a label wrapped inside its cell is one text, and a value centred in its
cell is found wherever it sits. A table continued at the top of the next page
is numbered by the grid of the table it continues.

A run that sits on a rule, reaches past its cell's right rule, holds more
than one line or figures beside other text across a space is uncertain: its
row is given back as plain lines, read as a page without rules would be (and
a value that cannot be placed stays blank).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import attrs

from ._grid import Block, Cell, Location
from ._pdf_rules import NEAR, Page, Run, Table, tables_of

__all__ = ["read_page", "read_table", "runs_in"]

#: Figures beside other text across a space: values of two cells the extraction may
#: have run together.
_SPACED_NUMBER = re.compile(r"\S\s+[-+]?\d|\d\s+\S")


def _index(value: float, edges: tuple[float, ...] | list[float]) -> int | None:
    """The gap between sorted ``edges`` that ``value`` falls in, None on or near an edge."""
    if any(abs(value - edge) < NEAR / 4 for edge in edges):
        return None
    ascending = edges[0] < edges[-1]
    for index in range(len(edges) - 1):
        low, high = (edges[index], edges[index + 1]) if ascending \
            else (edges[index + 1], edges[index])
        if low < value < high:
            return index
    return None


def _width(text: str, size: float) -> float:
    """A generous estimate of the printed width: wide characters one em, others 0.6."""
    return size * sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6
                      for char in text)


def _join(parts: list[str]) -> str:
    """Lines of one cell: a wrapped Chinese label joins without a space."""
    text = ""
    for part in parts:
        wide = text and unicodedata.east_asian_width(text[-1]) in "WF" \
            and unicodedata.east_asian_width(part[0]) in "WF"
        text = part if not text else text + ("" if wide else " ") + part
    return text


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
            first = _index((xs[column] + xs[column + 1]) / 2, grid)
            last = _index((xs[end - 1] + xs[end]) / 2, grid)
            slot = _Slot(band, first if first is not None else column,
                         (last - first + 1) if first is not None and last is not None
                         else end - column)
            for down in range(band, low):
                for across in range(column, end):
                    owner.setdefault((down, across), slot)
            column = end
    return owner


def read_table(table: Table, runs: list[Run], *, number: int, page: int) -> Iterator[Block]:
    """The rows of ``table``: grid rows of certain cells, plain lines for uncertain rows."""
    owner = _cells(table, table.grid or table.xs)
    texts: dict[_Slot, list[Run]] = {}
    lines: dict[int, list[Run]] = {}
    for run in runs:
        text = run.text.strip()
        if not text:
            continue
        band, column = _index(run.y, table.ys), _index(run.x, table.xs)
        if band is None or column is None:
            # On a rule: no row can be trusted to be whole.
            yield from _lines(runs, page)
            return
        slot = owner[band, column]
        right = _right(table, band, column)
        if "\n" in text or _SPACED_NUMBER.search(text) \
                or run.x + _width(text, run.size) > right + run.size / 2:
            lines.setdefault(slot.band, []).append(run)
        else:
            texts.setdefault(slot, []).append(run)
    row = 0
    for band in range(len(table.ys) - 1):
        slots = sorted({slot for slot in owner.values() if slot.band == band},
                       key=lambda slot: slot.column)
        if band in lines:
            yield from _lines(lines[band] + [run for slot in slots for run in texts.get(slot, [])],
                              page)
            continue
        if not any(slot in texts for slot in slots):
            continue
        row += 1
        yield Block.grid([
            Cell(_join([run.text.strip() for run in
                        sorted(texts.get(slot, []), key=lambda run: (-run.y, run.x))]),
                 Location(page=page, table=number, row=row, column=slot.column + 1),
                 column=slot.column, span=slot.span)
            for slot in slots], explicit=True)


def _right(table: Table, band: int, column: int) -> float:
    """The first vertical rule right of ``column`` that crosses ``band``."""
    middle = (table.ys[band] + table.ys[band + 1]) / 2
    for index in range(column + 1, len(table.xs)):
        if table.ruled(x=index, across=middle):
            return table.xs[index]
    return table.xs[-1]


def _lines(runs: list[Run], page: int) -> Iterator[Block]:
    """Runs as plain lines, top down, as a page without rules is read."""
    for run in sorted(runs, key=lambda run: (-run.y, run.x)):
        for part in run.text.splitlines():
            if part.strip():
                yield Block.line(part.strip(), Location(page=page))


def read_page(page: Page, previous: tuple[float, ...] | None
              ) -> tuple[list[Run | Table], tuple[float, ...] | None]:
    """The page's runs in content order, the runs of each table replaced by the table
    (where its first run was); and the grid of its last table.

    A table whose outer rules match the previous table's and whose other rules are
    among its rules (a table continued from the foot of the previous page) is
    numbered by the previous table's grid columns.
    """
    tables = tables_of(page.segments)
    grid = previous
    for index, table in enumerate(tables):
        continues = grid is not None and abs(grid[0] - table.xs[0]) < NEAR \
            and abs(grid[-1] - table.xs[-1]) < NEAR \
            and all(any(abs(x - edge) < NEAR for edge in grid) for x in table.xs)
        grid = grid if continues and grid is not None else table.xs
        tables[index] = attrs.evolve(table, grid=grid)
    items: list[Run | Table] = []
    placed: set[int] = set()
    for run in page.runs:
        home = next((index for index, table in enumerate(tables) if table.holds(run)), None)
        if home is None:
            items.append(run)
        elif home not in placed:
            placed.add(home)
            items.append(tables[home])
    return items, grid


def runs_in(table: Table, runs: list[Run]) -> list[Run]:
    """The runs inside ``table``'s outer rules."""
    return [run for run in runs if table.holds(run)]
