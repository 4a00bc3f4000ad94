"""The row of 四 of a PDF table without rules, read under its header's leaf labels.

四 is one row without a label and no other row: its header's leaf labels (结果维持 …
总计, three times; the lines of one wrapped in its cell joined) show its columns
when, on the row's page, they are drawn above it in the columns' order, one
each; each value must then overlap exactly one leaf label and line up with that
one alone (left edges, centres or right edges).

Otherwise the row is not read by position (and stays blank whole). Its other
rows are read by :mod:`._drawn_columns`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ._drawn import one_line
from ._drawn_columns import TOLERANCE, Extent, anchors, extent_of, inside
from ._grid import Cell
from ._labels import label_key

__all__ = ["header_slots"]

#: How far below a line (in font sizes) the next line of a wrapped label may be.
_NEXT_LINE = 2.0


def _stacked(header: Sequence[Cell], page: int | None,
             keys: Sequence[str]) -> list[tuple[str, Extent]]:
    """The texts of ``header`` on ``page``, the lines of a label of ``keys`` wrapped in its
    cell (drawn at one x, each a line below the one before) joined top to bottom."""
    pieces = sorted(((extent, cell.text) for cell in header if cell.location.page == page
                     for extent in [extent_of(cell)] if extent is not None),
                    key=lambda piece: -piece[0][2])
    joined: list[tuple[str, Extent]] = []
    for extent, text in pieces:
        for index, (above, whole) in enumerate(joined):
            if abs(whole[0] - extent[0]) <= extent[3] / 4 \
                    and 0 < whole[2] - extent[2] <= _NEXT_LINE * extent[3] \
                    and label_key(above) not in keys \
                    and any(key.startswith(label_key(above + text)) for key in keys):
                joined[index] = (above + text, (whole[0], max(whole[1], extent[1]), extent[2],
                                                extent[3]))
                break
        else:
            joined.append((text, extent))
    return joined


def header_slots(values: Sequence[Cell], header: Sequence[Cell],
                 titles: Sequence[str]) -> list[Cell | None] | None:
    """The slots of a row without a label whose ``values`` are fewer than its columns, each
    value under the leaf label of its column in ``header``; None when that is not certain.

    ``titles`` are the columns' leaf labels in order; on the row's page the header must
    draw exactly those, left to right, above the row's line.
    """
    width = len(titles)
    places = [cell.drawn_at() for cell in values]
    if not 0 < len(values) < width or any(place is None for place in places) \
            or len({cell.location.page for cell in values}) != 1:
        return None
    drawn = [place for place in places if place is not None]
    if not one_line(drawn):
        return None
    page = values[0].location.page
    keys = [label_key(title) for title in titles]
    leaves = sorted(((extent, text) for text, extent in _stacked(header, page, keys)
                     if label_key(text) in keys), key=lambda leaf: leaf[0][0])
    if [label_key(text) for _place, text in leaves] != keys:
        return None
    extents = [extent for extent, _text in leaves]
    line, size = drawn[0][1], drawn[0][2]
    if not all(extent[2] > line + size / 2 for extent in extents) or not all(
            first[1] <= second[0] for first, second in itertools.pairwise(extents)):
        return None
    slots: list[Cell | None] = [None] * width
    previous = -1
    for cell in values:
        extent = extent_of(cell)
        if extent is None:
            return None
        overlapped = {index for index, label in enumerate(extents)
                      if extent[0] < label[1] and extent[1] > label[0]}
        lined_up = {index for index, label in enumerate(extents) for alignment in range(3)
                    if abs(anchors(extent)[alignment] - anchors(label)[alignment])
                    <= TOLERANCE * extent[3]}
        if len(overlapped) != 1 or lined_up != overlapped:
            return None
        (index,) = overlapped
        if index <= previous:
            return None
        slots[index] = cell
        previous = index
    return inside(slots)  # as in any other row: see :mod:`._drawn_columns`
