"""What a PDF page draws: its runs of text where they start, and its ruled tables.

pypdf's text extraction calls a visitor for every run of text (with its text
matrix) and for every drawing operator (with the current transformation), so
one pass over a page gives its plain text, where each run sits and the ruling
lines painted on it (clipping paths are not painted). No second PDF library is
needed: pdfplumber would bring pdfminer.six and a page renderer for the same
ruled-table reading, a heavy dependency for the ``pdf`` extra.

A table is a connected set of horizontal and vertical rules with at least two
columns; its grid columns are the gaps between all its vertical rules (as an
HTML table's grid), its bands the gaps between its horizontal rules.
"""

from __future__ import annotations

import itertools

import attrs

__all__ = ["NEAR", "Page", "Run", "Segment", "Table", "tables_of"]

#: Distance (points) within which two rules are the same line or touch.
NEAR = 2.0
#: Shorter strokes are ticks or underlines, not rules.
_SHORTEST = 4.0
#: The largest page PDF allows is 14 400 units wide; farther coordinates are not drawn.
_REACH = 14400.0
#: More rules than this on one page are a drawing (and too many to compare pairwise).
_MOST_RULES = 3000
#: A band of one cell this many times as tall as the table's median band is a frame.
_FRAME = 4
#: Side of the squares rules are sorted into before looking for rules that touch.
_SQUARE = 24.0
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
        return self.y1 - self.y0 < NEAR / 2 <= self.x1 - self.x0

    @property
    def vertical(self) -> bool:
        return self.x1 - self.x0 < NEAR / 2 <= self.y1 - self.y0


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
                for start, end in itertools.pairwise(points):
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
    return (first.x0 - NEAR <= second.x1 and second.x0 - NEAR <= first.x1
            and first.y0 - NEAR <= second.y1 and second.y0 - NEAR <= first.y1)


def _levels(values: list[float]) -> list[float]:
    """Values closer than ``NEAR`` merged, ascending."""
    merged: list[float] = []
    for value in sorted(values):
        if merged and value - merged[-1] < NEAR:
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

    def holds(self, run: Run, *, margin: float = 0.0) -> bool:
        """Whether ``run`` starts inside the outer rules (or ``margin`` from them)."""
        left, bottom, right, top = self.box
        return left - margin < run.x < right + margin and bottom - margin < run.y < top + margin

    def ruled(self, *, x: int | None = None, y: int | None = None, across: float) -> bool:
        """Whether the vertical rule ``xs[x]`` (or horizontal ``ys[y]``) crosses ``across``."""
        extents = self.across_x[x] if x is not None else self.across_y[y] if y is not None \
            else ()
        return any(low - NEAR < across < high + NEAR for low, high in extents)


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
        for column in range(int((rule.x0 - NEAR) // _SQUARE),
                            int((rule.x1 + NEAR) // _SQUARE) + 1):
            for row in range(int((rule.y0 - NEAR) // _SQUARE),
                             int((rule.y1 + NEAR) // _SQUARE) + 1):
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
                       if abs(position - level) < NEAR) for level in levels)


def tables_of(segments: list[Segment]) -> list[Table]:
    """The ruled tables among the painted segments, top of the page first."""
    rules = list(dict.fromkeys(
        segment for segment in segments
        if all(-_REACH <= value <= _REACH for value in attrs.astuple(segment))
        and ((segment.horizontal and segment.x1 - segment.x0 >= _SHORTEST)
             or (segment.vertical and segment.y1 - segment.y0 >= _SHORTEST))))
    if len(rules) > _MOST_RULES:
        # A drawing, not a table: leave the page to its text.
        return []
    tables = []
    for group in _grouped(rules):
        xs = _levels([rule.x0 for rule in group if rule.vertical])
        ys = _levels([rule.y0 for rule in group if rule.horizontal])
        if len(xs) < 3 or len(ys) < 2:
            continue
        down = list(reversed(ys))
        table = Table(
            tuple(xs), tuple(down),
            _extents(xs, [(rule.x0, rule.y0, rule.y1) for rule in group if rule.vertical]),
            _extents(down, [(rule.y0, rule.x0, rule.x1) for rule in group if rule.horizontal]))
        unframed = _unframed(table)
        if unframed is not None:
            tables.append(unframed)
    return sorted(tables, key=lambda table: -table.ys[0])


def _open(table: Table, band: int) -> bool:
    """Whether no inner vertical rule crosses ``band``: one cell the width of the table."""
    middle = (table.ys[band] + table.ys[band + 1]) / 2
    return not any(table.ruled(x=level, across=middle) for level in range(1, len(table.xs) - 1))


def _unframed(table: Table) -> Table | None:
    """``table`` without the box it is drawn in: a tall band of one cell at its top or
    foot is the frame of a page section around the table (its text is running text)."""
    heights = sorted(table.ys[band] - table.ys[band + 1] for band in range(len(table.ys) - 1))
    tall = _FRAME * heights[len(heights) // 2]
    first, last = 0, len(table.ys) - 1
    while last - first > 1 and _open(table, first) \
            and table.ys[first] - table.ys[first + 1] > tall:
        first += 1
    while last - first > 1 and _open(table, last - 1) \
            and table.ys[last - 1] - table.ys[last] > tall:
        last -= 1
    if last - first < 1:
        return None
    return attrs.evolve(table, ys=table.ys[first:last + 1],
                        across_y=table.across_y[first:last + 1])
