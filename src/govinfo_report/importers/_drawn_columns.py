"""A short row of a PDF table without rules, read by where the page draws its values.

Without ruling lines nothing but the values' count says which columns a row
fills, so a row with an empty cell (fewer values than columns) cannot be read
by order. The page still draws each value in its column: the complete rows of
the same table on the same page (as many values as columns, drawn on one line
beside their label) show where each column is; a page without any (a table
broken across pages) takes the complete rows of the other pages, two at least,
when they all agree. A short row is read by position only when that is certain:

* the complete rows agree on the columns: for one alignment at least (left
  edges, centres or right edges of the values), each column's values line up
  within a tolerance, and the columns' extents are apart, left to right;
* the short row is drawn on its label's line, each value in a run of its own,
  right of the label and of the value before it;
* each value overlaps the extent of exactly one column (with a margin), and
  lines up with that column for one alignment the complete rows agree on;
* no two values fall in one column;
* the first and the last column are filled: the empty cells are inside the row.
  A row drawn whole columns off its table's grid (a drawing that misplaces a
  merged cell) lines its values up with other columns as neatly as a row with
  empty cells at one end does: a property test found such a page read one
  column off, so an empty cell at an end is never taken for certain.

Otherwise the row is not read by position (and stays blank whole, as before).
The cells a row read this way leaves empty stay blank (``null``). The row of 四,
which has no label and no other row, is read under its header
(:mod:`._drawn_header`).

>>> from ._grid import Location
>>> def at(text: str, x: float) -> Cell:
...     return Cell(text, Location(page=1), drawn=((0, x, 700.0, 9.0),))
>>> complete = [[at("1", 130), at("22", 175), at("3", 220)],
...             [at("40", 130), at("5", 175), at("600", 220)]]
>>> columns = Columns.learnt(complete)
>>> [columns.column_of(at("7", 175)), columns.column_of(at("7", 200))]
[1, None]
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Sequence

import attrs

from ._drawn import Place, beside, one_line
from ._grid import Cell
from ._segments import Segment

__all__ = [
    "TOLERANCE",
    "Columns",
    "Extent",
    "TableRows",
    "anchors",
    "complete_rows",
    "drawn_slots",
    "extent_of",
    "inside",
    "printed_width",
]

#: How far (in font sizes) a value may stand from its column's line of values.
TOLERANCE = 1.0
#: The margin (in font sizes) around a column's extent that a value must overlap, and
#: that must keep two columns' extents apart.
_MARGIN = 0.5

#: A font size past this (points) is no table's.
_LARGEST_SIZE = 200.0
#: How many complete rows on other pages teach the columns to a page that has none.
_FROM_OTHER_PAGES = 2

#: Where a value is drawn: left edge, right edge (estimated), baseline and font size.
Extent = tuple[float, float, float, float]


def printed_width(text: str, size: float) -> float:
    """A generous estimate of the printed width: wide characters one em, others 0.6."""
    return size * sum(1.0 if unicodedata.east_asian_width(char) in "WF" else 0.6
                      for char in text)


def extent_of(cell: Cell) -> Extent | None:
    """Where ``cell`` is drawn, or None when nowhere a value of a table is printed."""
    place = cell.drawn_at()
    if place is None:
        return None
    x, y, size = place
    if not (math.isfinite(x) and math.isfinite(y) and 0 < size < _LARGEST_SIZE):
        # Nowhere a value of a table is printed (a damaged or hostile text matrix).
        return None
    return x, x + printed_width(cell.text, size), y, size


def anchors(extent: Extent) -> tuple[float, float, float]:
    """Where a value is aligned from: its left edge, its centre, its right edge."""
    left, right = extent[0], extent[1]
    return left, (left + right) / 2, right


@attrs.frozen
class Columns:
    """The columns of a table as its complete rows draw them."""

    #: For each column, the extents of its values in the complete rows.
    samples: tuple[tuple[Extent, ...], ...]
    #: The alignments (0 left, 1 centre, 2 right) on which every column lines up.
    alignments: tuple[int, ...]

    @classmethod
    def learnt(cls, rows: Sequence[Sequence[Cell]]) -> Columns | None:
        """The columns ``rows`` (complete rows, their values in column order) agree on, or
        None when they do not draw clear columns."""
        extents = [[extent_of(cell) for cell in row] for row in rows]
        if not extents or len({len(row) for row in extents}) != 1 \
                or any(extent is None for row in extents for extent in row):
            return None
        samples = tuple(tuple(extent for row in extents if (extent := row[index]) is not None)
                        for index in range(len(extents[0])))
        size = max(extent[3] for column in samples for extent in column)
        alignments = tuple(
            alignment for alignment in range(3)
            if all(max(anchors(extent)[alignment] for extent in column)
                   - min(anchors(extent)[alignment] for extent in column) <= TOLERANCE * size
                   for column in samples))
        bands = [(min(extent[0] for extent in column), max(extent[1] for extent in column))
                 for column in samples]
        apart = all(first[1] + 2 * _MARGIN * size < second[0]
                    for first, second in itertools.pairwise(bands))
        if not alignments or not apart:
            return None
        return cls(samples, alignments)

    def column_of(self, cell: Cell) -> int | None:
        """The one column ``cell`` is drawn in, or None when no column or more than one
        could hold it."""
        extent = extent_of(cell)
        if extent is None:
            return None
        left, right, _y, size = extent
        margin = _MARGIN * size
        overlapped = [index for index, column in enumerate(self.samples)
                      if left < max(sample[1] for sample in column) + margin
                      and right > min(sample[0] for sample in column) - margin]
        if len(overlapped) != 1:
            return None
        (index,) = overlapped
        column = self.samples[index]
        placed = anchors(extent)
        lined_up = any(
            abs(placed[alignment] - sum(anchors(sample)[alignment] for sample in column)
                / len(column)) <= TOLERANCE * size
            for alignment in self.alignments)
        return index if lined_up else None


def _on_labels_line(values: Sequence[Cell], labels: Sequence[Cell]) -> bool:
    """Whether the values are drawn on one line, left to right, beside the row's label and
    right of it, each in a run of its own (two values from one run share its start)."""
    places: list[Place] = []
    for cell in values:
        place = cell.drawn_at()
        if place is None or cell.location.page != values[0].location.page:
            return False
        places.append(place)
    label_places = [place for label in labels if label.location.page == values[0].location.page
                    for place in [label.drawn_at()] if place is not None]
    if not label_places or not one_line(places) or not beside(places, label_places):
        return False
    return places[0][0] > max(place[0] for place in label_places)


@attrs.define
class TableRows:
    """The complete rows of one table drawn on their label's line (the values of each),
    and the columns they teach each page."""

    rows: list[Sequence[Cell]] = attrs.Factory(list)
    _columns: dict[tuple[int | None, int], Columns | None] = attrs.Factory(dict)

    def add(self, values: Sequence[Cell], labels: Sequence[Cell]) -> None:
        """Keep a complete row when it is drawn as a row is."""
        if _on_labels_line(values, labels):
            self.rows.append(values)

    def columns(self, page: int | None, width: int) -> Columns | None:
        """The columns of rows of ``width`` on ``page``: taught by the complete rows on that
        page, or when it has none (a table broken across pages), by two or more on others."""
        key = (page, width)
        if key not in self._columns:
            drawn = [row for row in self.rows if len(row) == width]
            teaching = [row for row in drawn if row[0].location.page == page]
            if not teaching and len(drawn) >= _FROM_OTHER_PAGES:
                teaching = drawn
            self._columns[key] = Columns.learnt(teaching)
        return self._columns[key]


def complete_rows(segments: Sequence[Segment]) -> dict[str, TableRows]:
    """For each table, its rows of running text (a page without rules) that have as many
    values as columns, drawn on their label's line."""
    tables: dict[str, TableRows] = {}
    for segment in segments:
        row = segment.row
        if row is None or segment.grid is not None or not row.text \
                or len(segment.filled) != len(row.columns):
            continue
        tables.setdefault(row.table, TableRows()).add(segment.filled, segment.labels)
    return tables


def drawn_slots(values: Sequence[Cell], labels: Sequence[Cell],
                complete: TableRows | None, width: int) -> list[Cell | None] | None:
    """The ``width`` slots of a row whose ``values`` are fewer than its columns, each value
    in the column the page draws it in; None when that is not certain.

    ``complete`` holds the complete rows of the same table, which teach the columns.
    """
    if complete is None or not 0 < len(values) < width \
            or not _on_labels_line(values, labels):
        return None
    columns = complete.columns(values[0].location.page, width)
    if columns is None:
        return None
    slots: list[Cell | None] = [None] * width
    previous = -1
    for cell in values:
        index = columns.column_of(cell)
        if index is None or index <= previous:
            # Outside every column, between two, or in the column of the value before.
            return None
        slots[index] = cell
        previous = index
    return inside(slots)


def inside(slots: list[Cell | None]) -> list[Cell | None] | None:
    """``slots`` when their empty cells are all inside the row (first and last filled)."""
    return slots if slots[0] is not None and slots[-1] is not None else None
