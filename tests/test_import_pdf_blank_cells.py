"""PDF tables without rules, a row with a blank cell: its values are read into the columns
the page draws them in, as the complete rows of the same table show those columns, and
only the empty cell stays blank (``null``, reported with ``IMP-BLANK``). A row whose
values do not each sit clearly in one column stays blank whole (``IMP-ROW-LENGTH``);
no value is ever read into another column."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import get_path, importers, set_path
from govinfo_report._cells import cells
from govinfo_report.importers import CELL_RULES
from govinfo_report.importers._layout import section_layouts
from govinfo_report.labels import format_path, label_path
from govinfo_report.model import Report, Report2021

from .layouts import official_document, varied_2019, varied_2021
from .ruled_pdf import CHROMIUM, TABLE_WIDTH, Shift, borderless_chromium_pdf, ruled_pdf
from .test_import_road_roundtrip import wrong

#: The rows of 三 and their cells' paths, in official order.
ROWS = [(row.label, [(*row.path, *column.path) for column in row.columns])
        for row in section_layouts("2021")["applications"].rows]
ENFORCEMENT = next(index for index, (label, _paths) in enumerate(ROWS)
                   if label == "7.属于行政执法案卷")
ALIGNMENTS = {"centred": {"centred": True}, "left": {"centred": False},
              "right": {"centred": False, "right": True}}


def _distinct() -> Report2021:
    """The varied 2021 report with every cell of 三 holding a number of its own (1, 2, … 161,
    so one or more digits): a value read into another column is a wrong number."""
    report = varied_2021()
    number = 0
    for _label, paths in ROWS:
        for path in paths:
            number += 1
            report = set_path(report, path, number)
    assert isinstance(report, Report2021)
    return report


BASE = _distinct()


def _blanked(cells: Sequence[tuple[int, int]]) -> Report2021:
    report = BASE
    for row, column in cells:
        report = set_path(report, ROWS[row][1][column], None)
    assert isinstance(report, Report2021)
    return report


def _import(report: Report, *, align: str = "centred", shift: Shift | None = None,
            height: float = 842) -> importers.ImportResult:
    data = ruled_pdf(official_document(report), ruled=False, height=height, shift=shift,
                     **ALIGNMENTS[align])
    return importers.parse(data, name="unruled.pdf")


def _misread(report: Report, result: importers.ImportResult) -> list[tuple[str, object,
                                                                           object]]:
    """Cells read with a value other than the report's (a cell left blank is not one)."""
    return [item for item in wrong(report, result) if item[2] is not None]


def _findings(result: importers.ImportResult, rule: str, path: str) -> list[str]:
    return [finding.message for finding in result.findings
            if finding.rule == rule and path in finding.json_paths]


def test_without_rules_the_drawing_has_no_rules() -> None:
    """The drawing under test is a page without rules: nothing is read as a ruled table."""
    result = _import(BASE)
    assert _misread(BASE, result) == []
    assert all(source.location.table is None for source in result.cells.values())


@pytest.mark.parametrize("align", list(ALIGNMENTS))
@pytest.mark.parametrize("blank", [(3,), (1, 4), (1, 5)], ids=["middle", "two", "two-apart"])
def test_a_row_with_blank_cells_is_read_around_them(blank: tuple[int, ...], align: str) -> None:
    """A blank cell inside a row, or two: the row's other values are read into their own
    columns, by position; the blank cells stay ``null`` and are reported with their
    official labels and paths."""
    report = _blanked([(ENFORCEMENT, column) for column in blank])
    result = _import(report, align=align)
    assert _misread(report, result) == []
    paths = ROWS[ENFORCEMENT][1]
    for column, path in enumerate(paths):
        json_path = format_path(path)
        value = get_path(result.report, path)
        source = result.cells[json_path]
        if column in blank:
            assert value is None
            assert source.raw == ""
            assert json_path in result.doubtful_cells
        else:
            assert value == get_path(report, path)
            assert source.attribution == "position"
            assert source.raw == str(value)
    (finding,) = [finding for finding in result.findings if finding.rule == "IMP-BLANK"
                  and finding.json_paths[0] == format_path(paths[blank[0]])]
    assert finding.json_paths == tuple(format_path(paths[column]) for column in blank)
    assert finding.labels == label_path(paths[blank[0]], "2021")
    assert finding.message.startswith("第 ")
    titles = "、".join(label_path(paths[column], "2021")[-1] for column in blank)
    assert f"「7.属于行政执法案卷」{titles}栏留空（原文未填）" in finding.message
    assert not _findings(result, "IMP-ROW-LENGTH", format_path(paths[0]))


@pytest.mark.parametrize("align", list(ALIGNMENTS))
@pytest.mark.parametrize("blank", [(0,), (6,), (0, 6), (0, 3)],
                         ids=["start", "end", "both-ends", "start-and-middle"])
def test_a_blank_cell_at_an_end_leaves_the_row_blank(blank: tuple[int, ...], align: str) -> None:
    """A blank cell in the first or last column: a row drawn a whole column off the grid
    would line up the same, so the row is not read by position; it stays blank whole."""
    report = _blanked([(ENFORCEMENT, column) for column in blank])
    result = _import(report, align=align)
    assert _misread(report, result) == []
    paths = ROWS[ENFORCEMENT][1]
    assert all(get_path(result.report, path) is None for path in paths)
    assert _findings(result, "IMP-ROW-LENGTH", format_path(paths[0]))


def test_a_row_drawn_a_column_off_the_grid_is_not_read() -> None:
    """Every value of a row one column to the right of where the table draws it, its last
    value lost: it lines up with the columns as a row with a blank first cell would. It
    is not read (the case a property of ``test_import_pdf_lost_lines.py`` found)."""
    report = _blanked([(ENFORCEMENT, 6)])
    label = ROWS[ENFORCEMENT][0]
    result = _import(report, shift=lambda row, grid: COLUMN if row == label else 0.0)
    assert _misread(report, result) == []
    assert all(get_path(result.report, path) is None for path in ROWS[ENFORCEMENT][1])


def test_the_varied_report_reads_no_wrong_number() -> None:
    """（一）予以公开 of the varied report has two blank cells, 科研机构 and 总计 (the last
    column): it stays blank whole; every other row is read."""
    report = varied_2021()
    result = _import(report)
    assert _misread(report, result) == []
    assert report.applications.results.granted.total is None
    assert result.report.applications.results.denied == report.applications.results.denied


@pytest.mark.parametrize(("version", "section", "label", "blank"), [
    ("2019", "applications", "8.属于行政查询事项", 3),
    ("2019", "proactive_disclosure", "规章", 1),
    ("2021", "proactive_disclosure", "行政规范性文件", 1),
])
def test_both_versions_read_rows_of_2_and_3_around_a_blank_cell(
        version: str, section: str, label: str, blank: int) -> None:
    """Rows of 三 and of the sub-tables of 二 (two rows each), trial and 2021 formats: every
    row of the table with numbers of its own, one cell of the row blank."""
    report: Report = varied_2019() if version == "2019" else varied_2021()
    layout = section_layouts(version)[section]
    (row,) = [row for row in layout.rows if row.label == label]
    number = 100
    for other in layout.rows:
        if other.table == row.table:
            for column in other.columns:
                number += 7
                report = set_path(report, (*other.path, *column.path), number)
    paths = [(*row.path, *column.path) for column in row.columns]
    report = set_path(report, paths[blank], None)
    result = _import(report)
    assert _misread(report, result) == []
    assert [get_path(result.report, path) for path in paths] == \
        [get_path(report, path) for path in paths]
    assert format_path(paths[blank]) in result.doubtful_cells
    assert {result.cells[format_path(path)].attribution for path in paths} == {"position"}


def _moved(label: str, column: int, by: float) -> Shift:
    """Moves the value of ``label``'s row in grid ``column`` across by ``by`` points."""
    return lambda row, grid: by if row == label and grid == column else 0.0


#: 三's table: the grid column of the first value (after the two label columns and a third
#: for the sub-rows' numbers) and the width of a column.
FIRST, COLUMN = 3, TABLE_WIDTH / 10


@pytest.mark.parametrize(("by", "why"), [(COLUMN / 2, "between-columns"),
                                         (COLUMN / 4, "off-the-line"),
                                         (-COLUMN / 2, "between-columns-left")])
def test_a_value_not_clearly_in_one_column_leaves_the_row_blank(by: float, why: str) -> None:
    """A short row with a value drawn half a column across (between two columns) or a
    quarter (in its column's extent, off the line its column's values are drawn on):
    no value of the row is read, the row is reported with ``IMP-ROW-LENGTH``."""
    report = _blanked([(ENFORCEMENT, 2)])
    label = ROWS[ENFORCEMENT][0]
    result = _import(report, shift=_moved(label, FIRST + 4, by))
    assert _misread(report, result) == []
    paths = ROWS[ENFORCEMENT][1]
    assert all(get_path(result.report, path) is None for path in paths)
    (message,) = _findings(result, "IMP-ROW-LENGTH", format_path(paths[0]))
    assert "一行有 6 个数" in message
    assert "整行留空" in message


def test_the_shift_hook_moves_the_value_of_a_complete_row() -> None:
    """The same move in a row without blank cells is read by count, as before: the test
    above fails for the position, not for the drawing."""
    result = _import(BASE, shift=_moved(ROWS[ENFORCEMENT][0], FIRST + 4, COLUMN / 4))
    assert _misread(BASE, result) == []
    assert get_path(result.report, ROWS[ENFORCEMENT][1][4]) == get_path(BASE, ROWS[
        ENFORCEMENT][1][4])


def test_without_complete_rows_nothing_shows_the_columns() -> None:
    """Every row of 三 with a blank cell: no complete row shows where the columns are, so
    every row stays blank whole with ``IMP-ROW-LENGTH``, as before."""
    report = _blanked([(row, row % 7) for row in range(len(ROWS))])
    result = _import(report)
    assert _misread(report, result) == []
    for _label, paths in ROWS:
        assert all(get_path(result.report, path) is None for path in paths)
        assert _findings(result, "IMP-ROW-LENGTH", format_path(paths[0]))


#: The one row of 四 (no label): its cells' paths and titles (the leaf label with its group).
REVIEWS = section_layouts("2021")["reviews"].rows[0]
REVIEW_PATHS = [(*REVIEWS.path, *column.path) for column in REVIEWS.columns]


def _reviews(blank: Sequence[int]) -> Report2021:
    """The report of the examples above with 四 holding 7, 14, … 105, ``blank`` left out."""
    report: Report = BASE
    for index, path in enumerate(REVIEW_PATHS):
        report = set_path(report, path, None if index in blank else 7 * (index + 1))
    assert isinstance(report, Report2021)
    return report


@pytest.mark.parametrize("align", list(ALIGNMENTS))
@pytest.mark.parametrize("blank", [(0,), (14,)], ids=["start", "end"])
def test_a_blank_cell_of_4_at_an_end_leaves_it_blank(blank: tuple[int, ...],
                                                      align: str) -> None:
    report = _reviews(blank)
    result = _import(report, align=align)
    assert _misread(report, result) == []
    assert all(get_path(result.report, path) is None for path in REVIEW_PATHS)
    assert _findings(result, "IMP-ROW-LENGTH", format_path(REVIEW_PATHS[0]))


@pytest.mark.parametrize("align", list(ALIGNMENTS))
@pytest.mark.parametrize("blank", [(7,), (3, 12)], ids=["middle", "two"])
def test_the_unlabelled_row_of_4_is_read_under_its_header(blank: tuple[int, ...],
                                                           align: str) -> None:
    """四 is one row without a label, so no complete row shows its columns: its header's
    leaf labels do (结果维持 … 总计, three times, drawn as the values are). Its values are
    read under them; the blank cells are reported with their titles."""
    report = _reviews(blank)
    result = _import(report, align=align)
    assert _misread(report, result) == []
    for index, path in enumerate(REVIEW_PATHS):
        assert get_path(result.report, path) == (None if index in blank else 7 * (index + 1))
    (finding,) = [finding for finding in result.findings if finding.rule == "IMP-BLANK"
                  and format_path(REVIEW_PATHS[blank[0]]) in finding.json_paths]
    assert finding.json_paths == tuple(format_path(REVIEW_PATHS[index]) for index in blank)
    titles = "、".join(REVIEWS.columns[index].title for index in blank)
    assert f"{titles}栏留空（原文未填）" in finding.message


@pytest.mark.parametrize("by", [15.0, 17.0, -17.0])
def test_a_value_of_4_lined_up_with_two_header_labels_leaves_the_row_blank(by: float) -> None:
    """A value of 四 moved towards the next column (or the one before), so that its edges
    line up with two leaf labels or it overlaps the wrong one: the row stays blank whole."""
    report = _reviews([14])
    result = _import(report, shift=lambda label, grid: by if label == "" and grid == 6 else 0.0)
    assert _misread(report, result) == []
    assert all(get_path(result.report, path) is None for path in REVIEW_PATHS)
    assert _findings(result, "IMP-ROW-LENGTH", format_path(REVIEW_PATHS[0]))


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM}")
def test_a_borderless_page_printed_by_chromium_reads_rows_around_blanks(tmp_path: Path) -> None:
    """``render --to page`` without borders printed by Chromium (one run per glyph, values
    placed by the browser): the trial-format report's rows with blank cells inside them
    are read around them where the table has complete rows, 四 under its header; no
    number is wrong and every blank cell stays ``null``. (Its totals, blank where a cell
    of the row is, are filled in, so that most blanks are inside their rows.)"""
    report = varied_2019()
    for cell in cells(report.format):
        if cell.get(report) is None and cell.info.path[-1] == "total":
            report = set_path(report, cell.info.path, 0)
    printed = borderless_chromium_pdf(report, tmp_path)
    result = importers.parse(printed)
    assert _misread(report, result) == []
    by_position = [path for path, source in result.cells.items()
                   if source.attribution == "position"]
    blank = [path for path in by_position if result.cells[path].raw == ""]
    assert len(by_position) > 30
    assert blank
    assert all(path in result.doubtful_cells for path in blank)
    assert all(get_path(result.report, path) is None for path in blank)
    # 四 under its header, whose leaf labels the browser wraps in two lines (结果 / 维持).
    assert result.report.reviews == report.reviews
    assert any(None in outcomes for outcomes in attrs.astuple(report.reviews))


# -- property ----------------------------------------------------------------------------------

blank_cells = st.sets(st.tuples(st.integers(0, len(ROWS) - 1), st.integers(0, 6)),
                      max_size=24)


@settings(max_examples=30, deadline=None)
@given(blank_cells, st.sampled_from(list(ALIGNMENTS)), st.sampled_from([842.0, 420.0]))
def test_random_blank_cells_read_no_wrong_number(cells: set[tuple[int, int]], align: str,
                                                 height: float) -> None:
    """Any cells of 三 blank, values centred, at the left or at the right of their cells,
    tables whole or broken across pages: every value read is its own column's number,
    every blank cell stays ``null`` and every cell left without a value is reported."""
    report = _blanked(sorted(cells))
    result = _import(report, align=align, height=height)
    assert _misread(report, result) == []
    doubtful = set(result.doubtful_cells)
    for _label, paths in ROWS:
        for path in paths:
            if get_path(result.report, path) is None:
                assert format_path(path) in doubtful
    assert all(rule in CELL_RULES for rule in ("IMP-BLANK", "IMP-ROW-LENGTH"))


def _inside(text: str, align: str, fraction: float, column: float) -> float:
    """How far to move ``text`` across for it to stay inside its cell of width ``column``:
    ``fraction`` (-1 to 1) of the room there is left or right of where it is drawn."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from .ruled_pdf import FONT

    free = column - 4 - stringWidth(text, FONT, 7.5)
    left, right = {"centred": (free / 2 + 2, free / 2 + 2), "left": (2.0, free + 2),
                   "right": (free + 2, 2.0)}[align]
    return fraction * (right if fraction > 0 else left)


moves_of = st.floats(-0.95, 0.95)


@settings(max_examples=30, deadline=None)
@given(blank_cells, st.dictionaries(
    st.tuples(st.integers(0, len(ROWS) - 1), st.integers(0, 6)), moves_of, max_size=12),
    st.sampled_from(list(ALIGNMENTS)))
def test_values_drawn_off_their_place_read_no_wrong_number(
        cells: set[tuple[int, int]], moves: dict[tuple[int, int], float], align: str) -> None:
    """Any cells of 三 blank and any values drawn anywhere inside their own cells (off the
    line of their column's other values): no value is read into another column."""
    report = _blanked(sorted(cells))
    by_label = {(ROWS[row][0], FIRST + column):
                _inside(str(get_path(report, ROWS[row][1][column])), align, by, COLUMN)
                for (row, column), by in moves.items()}
    result = _import(report, align=align,
                     shift=lambda label, grid: by_label.get((label, grid), 0.0))
    assert _misread(report, result) == []


#: The grid of 四: fifteen columns.
REVIEW_COLUMN = TABLE_WIDTH / 15


@settings(max_examples=30, deadline=None)
@given(st.sets(st.integers(0, 14), max_size=5),
       st.dictionaries(st.integers(0, 14), moves_of, max_size=15),
       st.sampled_from(list(ALIGNMENTS)))
def test_values_of_4_drawn_anywhere_in_their_cells_read_no_wrong_number(
        blank: set[int], moves: dict[int, float], align: str) -> None:
    """Any cells of 四 blank and its values drawn anywhere inside their own cells: no value
    is read into another column; every cell left without a value is reported."""
    report = _reviews(sorted(blank))
    by_column = {index: _inside(str(7 * (index + 1)), align, by, REVIEW_COLUMN)
                 for index, by in moves.items()}
    result = _import(report, align=align, shift=lambda label, grid: by_column.get(grid, 0.0)
                     if label == "" else 0.0)
    assert _misread(report, result) == []
    for path in REVIEW_PATHS:
        if get_path(result.report, path) is None:
            assert format_path(path) in result.doubtful_cells
