"""Ruled tables of a PDF page: text runs placed in cells by their position.

pypdf's text extraction calls a visitor for every run of text (with its text
matrix) and for every drawing operator (with the current transformation), so
one pass over a page gives its plain text, where each run sits and the ruling
lines drawn on it. No second PDF library is needed: pdfplumber would bring
pdfminer.six and a page renderer for the same ruled-table reading, a heavy
dependency for the ``pdf`` extra.

A table is a connected set of horizontal and vertical rules with at least two
columns. Its grid columns are the gaps between all its vertical rules (as an
HTML table's grid), its bands the gaps between its horizontal rules; a cell
spans the columns and bands that no rule separates, so merged headers keep
their span. A run belongs to the cell its start point falls in; the cell's
runs are read top to bottom, so a label wrapped inside its cell is one text.
A run that sits on a rule, reaches past its cell's right rule, holds more
than one line or figures beside other text across a space is uncertain: its row is given back as plain lines, read as a
page without rules would be (and a value that cannot be placed stays blank).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

import attrs

from ._grid import Block, Cell, Location

__all__ = ["Page", "Run", "Table", "read_page"]

#: Distance (points) within which two rules are the same line or touch.
_NEAR = 2.0
#: Shorter strokes are ticks or underlines, not rules.
_SHORTEST = 4.0
#: Side of the squares rules are sorted into before looking for rules that touch.
_SQUARE = 24.0
#: Figures beside other text across a space: values of two cells the extraction may
#: have run together.
_SPACED_NUMBER = re.compile(r"\S\s+[-+]?\d|\d\s+\S")
_PAINT = frozenset({b"S", b"s", b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"})


@attrs.frozen
class Run:
    """A run of text as extracted, where it starts and how large its font is."""

    text: str
    x: float
    y: float
    size: float


@attrs.frozen
class Segment:
    """A stroke or edge drawn on the page, axis-aligned: ``x0 <= x1``, ``y0 <= y1``."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return self.y1 - self.y0 < _NEAR / 2 <= self.x1 - self.x0

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 < _NEAR / 2 <= self.y1 - self.y0


@attrs.define
class Page:
    """What one extraction pass saw: the runs in content order and the painted rules."""

    runs: list[Run] = attrs.Factory(list)
    segments: list[Segment] = attrs.Factory(list)
    _path: list[Segment] = attrs.Factory(list)
    _point: tuple[float, float] = (0.0, 0.0)

    def visit_text(self, text: str, cm: list[float], tm: list[float], _font: object,
                   size: float) -> None:
        if not text:
            return
        a = tm[0] * cm[0] + tm[1] * cm[2]
        b = tm[0] * cm[1] + tm[1] * cm[3]
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        self.runs.append(Run(text, x, y, size * (a * a + b * b) ** 0.5))

    def visit_operator(self, operator: bytes, operands: list[object], cm: list[float],
                       _tm: list[float]) -> None:
        if operator in _PAINT:
            self.segments.extend(self._path)
            self._path.clear()
        elif operator == b"n":
            # A clipping path, not drawn.
            self._path.clear()
        elif operator in (b"m", b"l", b"re"):
            try:
                numbers = [float(value) for value in operands]  # type: ignore[arg-type]
            except (TypeError, ValueError):
                return
            if operator == b"re" and len(numbers) == 4:
                x, y, w, h = numbers
                corners = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)]
                points = [_apply(cm, *corner) for corner in corners]
                for start, end in zip(points, points[1:], strict=False):
                    self._path.append(_segment(start, end))
            elif len(numbers) == 2:
                point = _apply(cm, *numbers)
                if operator == b"l":
                    self._path.append(_segment(self._point, point))
                self._point = point


def _apply(cm: list[float], x: float, y: float) -> tuple[float, float]:
    return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]


def _segment(start: tuple[float, float], end: tuple[float, float]) -> Segment:
    return Segment(min(start[0], end[0]), min(start[1], end[1]),
                   max(start[0], end[0]), max(start[1], end[1]))


def _touch(first: Segment, second: Segment) -> bool:
    return (first.x0 - _NEAR <= second.x1 and second.x0 - _NEAR <= first.x1
            and first.y0 - _NEAR <= second.y1 and second.y0 - _NEAR <= first.y1)


def _levels(values: list[float]) -> list[float]:
    """Values closer than ``_NEAR`` merged, ascending."""
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] < _NEAR:
            continue
        merged.append(value)
    return merged


@attrs.frozen
class Table:
    """A ruled table: vertical rule positions (left to right), horizontal ones (top down),
    and the extents of the rules drawn at each (bottom to top, left to right)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    across_x: tuple[tuple[tuple[float, float], ...], ...]
    across_y: tuple[tuple[tuple[float, float], ...], ...]
    #: The grid columns the cells are numbered by (``xs``, or the grid of the table
    #: this one continues).
    grid: tuple[float, ...] = ()

    @property
    def box(self) -> tuple[float, float, float, float]:
        return self.xs[0], self.ys[-1], self.xs[-1], self.ys[0]

    def holds(self, run: Run) -> bool:
        left, bottom, right, top = self.box
        return left < run.x < right and bottom < run.y < top

    def ruled(self, *, x: int | None = None, y: int | None = None, across: float) -> bool:
        """Whether the vertical rule ``xs[x]`` (or horizontal ``ys[y]``) crosses ``across``."""
        extents = self.across_x[x] if x is not None else self.across_y[y] if y is not None \
            else ()
        return any(low - _NEAR < across < high + _NEAR for low, high in extents)


def _grouped(rules: list[Segment]) -> list[list[Segment]]:
    """The rules in groups of rules that touch, directly or through others."""
    parent = list(range(len(rules)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    # Only rules in the same square of the page can touch: compare within squares.
    squares: dict[tuple[int, int], list[int]] = {}
    for index, rule in enumerate(rules):
        for column in range(int((rule.x0 - _NEAR) // _SQUARE),
                            int((rule.x1 + _NEAR) // _SQUARE) + 1):
            for row in range(int((rule.y0 - _NEAR) // _SQUARE),
                             int((rule.y1 + _NEAR) // _SQUARE) + 1):
                squares.setdefault((column, row), []).append(index)
    for members in squares.values():
        for place, first in enumerate(members):
            for second in members[place + 1:]:
                if root(first) != root(second) and _touch(rules[first], rules[second]):
                    parent[root(second)] = root(first)
    groups: dict[int, list[Segment]] = {}
    for index, rule in enumerate(rules):
        groups.setdefault(root(index), []).append(rule)
    return list(groups.values())


def _extents(levels: list[float], rules: list[tuple[float, float, float]]
             ) -> tuple[tuple[tuple[float, float], ...], ...]:
    """For each level, the (start, end) of the rules ``(position, start, end)`` on it."""
    return tuple(tuple((start, end) for position, start, end in rules
                       if abs(position - level) < _NEAR) for level in levels)


def tables_of(segments: list[Segment]) -> list[Table]:
    """The ruled tables among the painted segments, top of the page first."""
    rules = [segment for segment in segments
             if (segment.horizontal and segment.x1 - segment.x0 >= _SHORTEST)
             or (segment.vertical and segment.y1 - segment.y0 >= _SHORTEST)]
    tables = []
    for group in _grouped(rules):
        xs = _levels([rule.x0 for rule in group if rule.vertical])
        ys = _levels([rule.y0 for rule in group if rule.horizontal])
        if len(xs) >= 3 and len(ys) >= 2:
            down = list(reversed(ys))
            tables.append(Table(
                tuple(xs), tuple(down),
                _extents(xs, [(rule.x0, rule.y0, rule.y1) for rule in group if rule.vertical]),
                _extents(down, [(rule.y0, rule.x0, rule.x1) for rule in group
                                if rule.horizontal])))
    return sorted(tables, key=lambda table: -table.ys[0])


def _index(value: float, edges: tuple[float, ...] | list[float]) -> int | None:
    """The gap between sorted ``edges`` that ``value`` falls in, None on or near an edge."""
    if any(abs(value - edge) < _NEAR / 4 for edge in edges):
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
        continues = grid is not None and abs(grid[0] - table.xs[0]) < _NEAR \
            and abs(grid[-1] - table.xs[-1]) < _NEAR \
            and all(any(abs(x - edge) < _NEAR for edge in grid) for x in table.xs)
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
