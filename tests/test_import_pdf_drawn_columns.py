"""Where a PDF page without rules draws a short row's values: the columns its table's
complete rows (or, for 四, its header's leaf labels) show, and the values placed in
them only when each sits clearly in one column (cells drawn where the test says)."""

from __future__ import annotations

from collections.abc import Sequence

import attrs
import pytest

from govinfo_report.importers._drawn_columns import Columns, TableRows, drawn_slots
from govinfo_report.importers._drawn_header import header_slots
from govinfo_report.importers._grid import Cell, Location


def _at(text: str, x: float, y: float = 700.0, page: int = 1) -> Cell:
    return Cell(text, Location(page=page), drawn=((0, x, y, 9.0),))


def _row(values: Sequence[tuple[str, float]], y: float) -> tuple[list[Cell], list[Cell]]:
    return [_at(text, x, y) for text, x in values], [_at("规章", 40, y)]


COMPLETE = [_row([("1", 130), ("22", 175), ("3", 220)], 720),
            _row([("40", 130), ("5", 175), ("600", 220)], 710)]


Rows = Sequence[tuple[list[Cell], list[Cell]]]


def _table(rows: Rows) -> TableRows:
    table = TableRows()
    for values, labels in rows:
        table.add(values, labels)
    return table


def _slots(values: Sequence[tuple[str, float]], *, complete: Rows = COMPLETE,
           label_y: float = 700, label_x: float = 40) -> list[str | None] | None:
    """The texts of the slots of a row drawn at ``values`` on y = 700, its label at
    (``label_x``, ``label_y``)."""
    row = [_at(text, x, 700) for text, x in values]
    slots = drawn_slots(row, [_at("规章", label_x, label_y)], _table(complete), 3)
    return None if slots is None else [cell.text if cell else None for cell in slots]


def test_values_each_in_one_column_are_placed() -> None:
    assert _slots([("7", 130), ("8", 220)]) == ["7", None, "8"]


def test_an_empty_cell_at_an_end_is_never_certain() -> None:
    """A value in the middle column alone, or values in the first two: a row drawn a
    column off the grid would line up the same; only empty cells inside a row are read."""
    assert _slots([("9", 175)]) is None
    assert _slots([("7", 130), ("8", 175)]) is None
    assert _slots([("8", 175), ("9", 220)]) is None


def test_two_values_in_one_column_are_not_placed() -> None:
    assert _slots([("7", 175), ("8", 180)]) is None


def test_a_value_outside_every_column_or_between_two_is_not_placed() -> None:
    assert _slots([("7", 130), ("8", 300)]) is None
    assert _slots([("7", 130), ("8", 197)]) is None


def test_values_off_their_labels_line_are_not_placed() -> None:
    """On another line than the label, or not right of it (a run holding the label and
    the value starts at the label)."""
    assert _slots([("7", 130)], label_y=713) is None
    assert _slots([("7", 130), ("8", 220)], label_y=687) is None
    assert _slots([("7", 130), ("8", 220)], label_y=704) == ["7", None, "8"]
    assert _slots([("7", 130)], label_x=130) is None
    assert _slots([("7", 130), ("8", 220)], complete=[]) is None
    assert drawn_slots([_at("7", 130)], [_at("规章", 40, 700)], None, 3) is None
    # A complete row drawn off its label's line teaches nothing.
    off_line = [(COMPLETE[0][0], [_at("规章", 40, 740)])]
    assert _slots([("7", 130)], complete=off_line) is None
    assert _slots([("7", 130), ("8", 220)], complete=COMPLETE[:1]) == ["7", None, "8"]


def test_complete_rows_that_disagree_show_no_columns() -> None:
    """Complete rows whose values are not drawn on common column lines (a row drawn a
    column further on), or whose columns run into each other, teach nothing."""
    shifted = [*COMPLETE, _row([("1", 175), ("2", 220), ("3", 265)], 690)]
    assert Columns.learnt([row for row, _labels in shifted]) is None
    assert _slots([("7", 130)], complete=shifted) is None
    crowded = [_row([("1", 130), ("2", 137), ("3", 220)], 720)]
    assert Columns.learnt([row for row, _labels in crowded]) is None
    assert Columns.learnt([]) is None
    assert Columns.learnt([COMPLETE[0][0], COMPLETE[1][0][:2]]) is None


@pytest.mark.parametrize("place", [(float("nan"), 700.0, 9.0), (130.0, 700.0, -9.0),
                                   (130.0, 700.0, 0.0), (130.0, 700.0, 1e6)],
                         ids=["nan", "negative-size", "zero-size", "huge-size"])
def test_values_drawn_nowhere_a_table_is_are_not_placed(
        place: tuple[float, float, float]) -> None:
    """A damaged or hostile text matrix: a value (or a complete row's value) drawn at no
    finite place, or with no usable font size, places nothing and teaches nothing."""
    odd = Cell("7", Location(page=1), drawn=((0, *place),))
    assert drawn_slots([odd], [_at("规章", 40, 700)], _table(COMPLETE), 3) is None
    assert Columns.learnt([[odd, _at("22", 175), _at("3", 220)]]) is None


def _on_page(row: tuple[list[Cell], list[Cell]], page: int) -> tuple[list[Cell], list[Cell]]:
    values, labels = row
    return ([attrs.evolve(cell, location=Location(page=page)) for cell in values],
            [attrs.evolve(cell, location=Location(page=page)) for cell in labels])


def test_complete_rows_of_other_pages_teach_a_page_without_any() -> None:
    """A page with no complete row takes the columns of the complete rows on other pages
    (a table broken across pages), two at least and when they agree; a page with
    complete rows of its own goes by them alone."""
    elsewhere = [_on_page(row, 2) for row in COMPLETE]
    both = [("7", 130), ("8", 220)]
    assert _slots(both, complete=elsewhere) == ["7", None, "8"]
    assert _slots(both, complete=elsewhere[:1]) is None
    disagreeing = [*elsewhere, _on_page(_row([("1", 175), ("2", 220), ("3", 265)], 690), 3)]
    assert _slots(both, complete=disagreeing) is None
    shifted_here = [*elsewhere, _row([("1", 175), ("2", 220), ("3", 265)], 690)]
    assert _slots([("7", 175), ("8", 265)], complete=shifted_here) == ["7", None, "8"]


def test_a_header_that_does_not_name_every_column_places_nothing() -> None:
    """The leaf labels must be the columns' own, in order, one each, above the row."""
    titles = ["维持", "纠正", "总计"]
    header = [_at("维持", 120, 720), _at("纠正", 165, 720), _at("总计", 210, 720)]
    row = [_at("7", 130), _at("8", 220)]
    assert [cell.text if cell else None for cell in header_slots(row, header, titles) or []] \
        == ["7", None, "8"]
    assert header_slots(row, header[:2], titles) is None
    assert header_slots(row, [header[1], header[0], header[2]], ["纠正", "维持", "总计"]) \
        is None
    assert header_slots(row, [*header, _at("总计", 250, 720)], titles) is None
    below = [_at(cell.text, cell.drawn[0][1], 680) for cell in header]
    assert header_slots(row, below, titles) is None
    assert header_slots([_at("7", 130), _at("8", 130)], header, titles) is None
    assert header_slots([_at("7", 130), _at("8", 220, 690)], header, titles) is None


def test_a_leaf_label_wrapped_in_its_cell_is_joined() -> None:
    """结果 / 维持 drawn at one x on two lines is the leaf label 结果维持; the group label
    above at the same x is not joined to it, and lines in the other order name nothing."""
    titles = ["结果维持", "结果纠正", "总计"]
    header = [_at("行政复议", 120, 735), _at("结果", 120, 720), _at("维持", 120, 710),
              _at("结果", 165, 720), _at("纠正", 165, 710), _at("总", 210, 720),
              _at("计", 210, 710)]
    row = [_at("7", 125), _at("8", 215)]
    slots = header_slots(row, header, titles)
    assert slots is not None
    assert [cell.text if cell else None for cell in slots] == ["7", None, "8"]
    swapped = [*header[:1], _at("维持", 120, 720), _at("结果", 120, 710), *header[3:]]
    assert header_slots(row, swapped, titles) is None


def test_a_value_reaching_into_the_next_column_is_not_placed() -> None:
    """A long number lined up with one column whose extent reaches another column's."""
    narrow = [_row([("1", 130), ("3", 160), ("5", 220)], 720),
              _row([("2", 130), ("4", 160), ("6", 220)], 710)]
    assert _slots([("1234", 130), ("8", 220)], complete=narrow) == ["1234", None, "8"]
    assert _slots([("12345", 130), ("8", 220)], complete=narrow) is None
