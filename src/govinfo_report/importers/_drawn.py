"""Whether the values of a row are drawn in the order the text gives them.

A PDF without ruled tables gives a row's values in content order; the
importer places them in the row's columns by their count. That is only safe
while the page draws them as a table row is drawn: all on one line, left to
right, or (a table copied one cell per line) each on a line of its own, down
the page. When the text extraction lost or moved a line (a damaged content
stream, a broken ``ToUnicode`` map, OCR'd text layers), the values left over
may still be as many as the columns while their places disagree: some on the
row's line, others elsewhere, or all of them on the line of another row (whose
label was lost). Nothing then tells which columns are missing.

>>> from ._grid import Cell, Location
>>> def at(x: float, y: float) -> Cell:
...     return Cell("0", Location(page=1), drawn=((0, x, y, 9.0),))
>>> drawn_in_order([at(85, 85), at(130, 85), at(175, 85)])
True
>>> drawn_in_order([at(85, 85), at(85, 72), at(85, 59)])
True
>>> drawn_in_order([at(85, 85), at(130, 85), at(0, 0)])
False
>>> drawn_in_order([at(85, 85), at(130, 85)], labels=[at(40, 98)])
False
>>> drawn_in_order([at(0, 0)], labels=[at(40, 98)])
False
>>> drawn_in_order([at(85, 85), at(130, 85), at(130, 85)])
False
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from ._grid import Cell

__all__ = ["Place", "beside", "drawn_in_order", "one_line"]


#: Where a run starts and its font size: ``(x, y, size)``.
Place = tuple[float, float, float]


def one_line(places: list[Place]) -> bool:
    """On one baseline (half a font size apart at most), left to right: two values drawn at
    the same place are one value repeated by a damaged stream, not two cells."""
    y = places[0][1]
    return all(abs(place[1] - y) <= place[2] / 2 for place in places) and \
        all(first[0] < second[0] for first, second in itertools.pairwise(places))


def _one_column(places: list[Place]) -> bool:
    """At one x, each a line further on (one cell per line, or a row of rotated text)."""
    x = places[0][0]
    steps = [second[1] - first[1] for first, second in itertools.pairwise(places)]
    return all(abs(place[0] - x) <= place[2] / 2 for place in places) and (
        all(step > place[2] / 2 for step, place in zip(steps, places, strict=False))
        or all(step < -place[2] / 2 for step, place in zip(steps, places, strict=False)))


def _down_the_page(places: list[Place]) -> bool:
    """Each on a line below the one before."""
    return all(second[1] < first[1] - second[2] / 2
               for first, second in itertools.pairwise(places))


def beside(places: list[Place], labels: list[Place]) -> bool:
    """Whether the line of ``places`` is within the lines of the row's label (a label
    wrapped over lines may have its values between them), a font size at most apart."""
    size = places[0][2]
    return min(label[1] for label in labels) - size <= places[0][1] \
        <= max(label[1] for label in labels) + size


#: How far below its label, in font sizes, the first value of a row copied one cell
#: per line may be drawn (the next line, or one after a wrapped label).
_LINES_BELOW = 4


def _just_below(place: Place, labels: list[Place]) -> bool:
    """Whether ``place`` is on one of the few lines under the label, not left of it."""
    size = place[2]
    lowest = min(label[1] for label in labels)
    return lowest - _LINES_BELOW * size <= place[1] < lowest \
        and place[0] >= min(label[0] for label in labels) - size


def drawn_in_order(cells: Sequence[Cell], labels: Sequence[Cell] = ()) -> bool:
    """Whether ``cells`` (a row's values in the text's order) are drawn as a row is: on one
    line left to right, or one per line down each page. Two values or more on one line
    must also be beside the row's ``labels`` when those are drawn on the same page:
    values drawn a line away are another row's (the row's own values and the next row's
    label lost). One value alone must be beside its label or on a line just below it.
    True when nothing says where they are drawn (a source without positions)."""
    pages: dict[int | None, list[Place]] = {}
    for cell in cells:
        place = cell.drawn_at()
        if place is not None:
            pages.setdefault(cell.location.page, []).append(place)
    if len(pages) == 1:
        ((page, places),) = pages.items()
        label_places = [place for label in labels if label.location.page == page
                        for place in [label.drawn_at()] if place is not None]
        if len(places) > 1 and one_line(places):
            return not label_places or beside(places, label_places)
        if len(places) == 1 and label_places:
            # One value alone: beside its label, or the first of a table copied one cell
            # per line, a few lines below it; not drawn somewhere else on the page.
            return beside(places, label_places) or _just_below(places[0], label_places)
        return _one_column(places) or _down_the_page(places)
    # A row continued on the next page is a row copied one cell per line.
    return all(_down_the_page(places) for places in pages.values())
