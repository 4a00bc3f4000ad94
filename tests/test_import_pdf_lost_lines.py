"""A PDF whose text extraction loses lines: the values left of a row may be as many as its
columns while some of them come from elsewhere on the page. Where the page draws them
tells: a row's values placed by count must be drawn as a row is (on one line, left to
right, or one per line down the page); otherwise the row is left blank with
``IMP-POSITION``, never read with a value in the wrong cell."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govinfo_report import importers, load
from govinfo_report.cli import EXIT_FINDINGS, main
from govinfo_report.importers import CELL_RULES, _tables
from govinfo_report.importers._drawn import drawn_in_order
from govinfo_report.importers._grid import Cell, Location
from govinfo_report.importers._pdf_rules import Run
from govinfo_report.importers._pdf_text import drawn_lines
from govinfo_report.importers._segments import segments_of
from govinfo_report.model import Report2021

from .layouts import Document, official_document, varied_2019, varied_2021, wrap
from .ruled_pdf import CHROMIUM, borderless_chromium_pdf
from .test_import_road_roundtrip import wrong

ENFORCEMENT = "7.属于行政执法案卷"
QUERY = "8.属于行政查询事项"
ROW = "$.applications.results.denied.enforcement_file."


def _report() -> Report2021:
    """The varied 2021 report with distinct numbers in rows 7 and 8 of （三）不予公开, so a
    value of row 8 read into row 7 is a wrong number, not an equal one."""
    report = varied_2021()
    results = report.applications.results
    denied = results.denied
    seven = attrs.evolve(denied.enforcement_file, natural_person=1, commercial_enterprise=2,
                         research_institution=3, public_welfare_org=4, legal_service_org=5,
                         other_org=6, total=21)
    eight = attrs.evolve(denied.admin_query, natural_person=0, commercial_enterprise=0,
                         research_institution=0, public_welfare_org=0, legal_service_org=0,
                         other_org=8, total=8)
    denied = attrs.evolve(denied, enforcement_file=seven, admin_query=eight)
    return attrs.evolve(report, applications=attrs.evolve(
        report.applications, results=attrs.evolve(results, denied=denied)))


Lost = Callable[[str, int], bool]


def _drawn_pdf(doc: Document, *, lost: Lost = lambda label, index: False,
               one_per_line: bool = False) -> bytes:
    """The document as a PDF without rules (paragraphs wrapped, table cells drawn one by one
    where a table puts them), its text layer losing the cells ``lost(row label, index)``
    says: the glyphs are drawn, but nothing of them reaches the extracted text."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, invariant=True)
    y = 800.0

    def line(text: str, x: float = 40) -> None:
        nonlocal y
        if y < 40:
            page.showPage()
            y = 800
        page.setFont("STSong-Light", 9)
        page.drawString(x, y, text)

    for item in doc.items:
        if isinstance(item, str):
            for piece in wrap(item, 38):
                line(piece)
                y -= 13
            continue
        for row in item.rows:
            x = 40.0
            label = next((cell.text for cell in reversed(row) if not cell.text.isdigit()
                          and cell.text), "")
            for index, cell in enumerate(row):
                if not lost(label, index):
                    line(cell.text.replace("\n", ""), x)
                if one_per_line:
                    y -= 13
                else:
                    x += 45 * cell.colspan
            if not one_per_line:
                y -= 13
    page.showPage()
    page.save()
    return buffer.getvalue()


def _lost_across_rows7_and_8(label: str, index: int) -> bool:
    """A strip of the text layer lost: the last two values of row 7, then the label and the
    first five values of row 8 (so row 7 is left with 5 + 2 = 7 numbers)."""
    values_from = 1  # the cell after the row label
    if label == ENFORCEMENT:
        return index >= values_from + 5
    return label == QUERY and index < values_from + 5


def test_a_row_left_with_values_of_the_next_is_left_blank() -> None:
    """Row 7 keeps five of its values and takes two of row 8 (whose label was lost): as many
    numbers as columns, but not drawn on one line. The row is left blank with
    ``IMP-POSITION``; no cell of the report is read wrong."""
    report = _report()
    data = _drawn_pdf(official_document(report), lost=_lost_across_rows7_and_8)
    text = "\n".join(importers.pdf.pages_of(data))
    assert ENFORCEMENT in text
    assert QUERY not in text
    result = importers.parse(data, name="lost.pdf")
    assert _misread(report, result) == []
    (finding,) = [finding for finding in result.findings if finding.rule == "IMP-POSITION"]
    assert finding.json_paths[0] == f"{ROW}natural_person"
    assert finding.message.startswith("第 ")
    assert "（1 2 3 4 5 8 8）" in finding.message
    assert all(result.cells[f"{ROW}{name}"].raw == "" for name in ("other_org", "total"))
    assert "IMP-POSITION" in CELL_RULES


def _lost_values_of_7_and_label_of_8(label: str, index: int) -> bool:
    """Row 7 lost every value and row 8 its label: row 8's values follow row 7's label."""
    return (label == ENFORCEMENT and index >= 1) or (label == QUERY and index == 0)


def test_values_on_the_line_of_another_row_are_not_taken() -> None:
    """Row 7 lost all its values and row 8 its label: seven numbers on one line, left to
    right, but on the line below row 7's label. Row 7 is left blank with ``IMP-POSITION``
    (and row 8 is reported missing), never read with row 8's numbers."""
    report = _report()
    result = importers.parse(_drawn_pdf(official_document(report),
                                        lost=_lost_values_of_7_and_label_of_8))
    assert _misread(report, result) == []
    (finding,) = [finding for finding in result.findings if finding.rule == "IMP-POSITION"]
    assert "（0 0 0 0 0 8 8）" in finding.message
    assert "未找到「8.属于行政查询事项」一行，留空" in [finding.message for finding in result.findings]


def test_the_same_text_without_positions_is_read_by_count() -> None:
    """Why positions are needed: the extracted text alone reads row 7 as 1 2 3 4 5 8 8,
    which is what the text says (the text importer has nothing else to go by)."""
    report = _report()
    data = _drawn_pdf(official_document(report), lost=_lost_across_rows7_and_8)
    by_text = importers.parse("\n".join(importers.pdf.pages_of(data)), kind="text")
    assert by_text.report.applications.results.denied.enforcement_file.other_org == 8


@pytest.mark.parametrize("one_per_line", [False, True], ids=["rows", "cell-per-line"])
def test_an_undamaged_page_reads_its_rows(one_per_line: bool) -> None:
    """Nothing lost, each row drawn on its line or each cell on a line of its own (down the
    page, across page breaks): values drawn in their order are read by count as before.
    (Rows with a blank cell stay blank, IMP-ROW-LENGTH: this drawing puts a row's cells
    after the cells it draws, not under the merged label cells above it, so the complete
    rows of 三 share no columns that could place a short row's values.)"""
    report = _report()
    result = importers.parse(_drawn_pdf(official_document(report), one_per_line=one_per_line))
    assert _misread(report, result) == []
    assert not [finding for finding in result.findings if finding.rule == "IMP-POSITION"]
    unread = {path for path, _expected, found in wrong(report, result) if found is None}
    assert not [path for path in unread if path.startswith("$.applications.results.denied.")]
    assert len(unread) == 21


def _misread(report: Report2021, result: importers.ImportResult) -> list[tuple[str, Any, Any]]:
    """Cells read with a value other than the report's (a blank left blank is not one)."""
    return [item for item in wrong(report, result) if item[2] is not None]


def _cell(x: float, y: float, page: int = 1) -> Cell:
    return Cell("0", Location(page=page), drawn=((0, x, y, 9.0),))


lines = st.lists(st.floats(0, 500), min_size=2, max_size=8, unique=True).map(sorted)


@settings(max_examples=200, deadline=None)
@given(lines, st.floats(40, 800))
def test_a_row_on_one_line_is_in_order(xs: list[float], y: float) -> None:
    """Values on one baseline, left to right, are in order."""
    assert drawn_in_order([_cell(x, y) for x in xs])


@settings(max_examples=200, deadline=None)
@given(lines, st.floats(40, 800), st.data())
def test_a_value_drawn_off_the_line_is_out_of_order(xs: list[float], y: float,
                                                    data: st.DataObject) -> None:
    """Values on one line with one of them drawn on another line (above or below, anywhere
    across) but not all one per line: out of order."""
    cells = [_cell(x, y) for x in xs] + [_cell(xs[-1] + 45, y)]
    moved = data.draw(st.integers(1, len(cells) - 1))
    shift = data.draw(st.sampled_from([-13.0, 13.0, -y]))
    cells[moved] = _cell(data.draw(st.floats(0, 500)), y + shift)
    assert not drawn_in_order(cells)


def test_values_without_positions_are_not_judged() -> None:
    """Cells of a source that says nothing of where it draws them (text, HTML, Word)."""
    assert drawn_in_order([Cell("1", Location(line=1)), Cell("2", Location(line=3))])


def test_the_command_line_names_the_row_and_exits_1(tmp_path: Path) -> None:
    """``import`` prints the finding located by page and line, writes the report with the row
    blank, and exits 1 (cells left blank)."""
    source = tmp_path / "lost.pdf"
    source.write_bytes(_drawn_pdf(official_document(_report()), lost=_lost_across_rows7_and_8))
    target = tmp_path / "report.json"
    out, err = io.StringIO(), io.StringIO()
    code = main(["import", str(source), "-o", str(target)], stdin=io.StringIO(), stdout=out,
                stderr=err)
    assert code == EXIT_FINDINGS
    (line,) = [line for line in err.getvalue().splitlines() if "IMP-POSITION" in line]
    assert line == ("lost.pdf: 第 1 页第 148 行：「7.属于行政执法案卷」一行的数（1 2 3 4 5 8 8）"
                    "在页面上不像一行表格那样排列（不在同一行、也不是逐行排列，或不在行名所在的行上），"
                    "文字提取可能丢失或错置了部分内容；"
                    f"无法确定各数所在栏，整行留空 [IMP-POSITION {ROW}natural_person 等 7 格]")
    assert load(target).applications.results.denied.enforcement_file.other_org is None


def test_lines_given_back_from_a_ruled_row_keep_where_their_runs_are_drawn() -> None:
    """An uncertain row of a ruled table is read as lines: each token of them still knows
    the run it was drawn in, so its values are judged like those of a page without rules."""
    runs = [Run("规章 ", 40, 700, 9), Run("1", 130, 700, 9), Run(" 2", 175, 700, 9),
            Run("\n", 0, 0, 9)]
    lines = drawn_lines([*runs, Run("3", 0, 0, 9)], Location(page=2))
    assert [block.cells[0].text for block in lines] == ["规章 1 2", "3"]
    assert lines[0].cells[0].drawn == ((0, 40, 700, 9), (3, 130, 700, 9), (5, 175, 700, 9))
    (segment,) = segments_of(lines)
    assert [cell.drawn_at() for cell in segment.slots] == \
        [(130, 700, 9), (175, 700, 9), (0, 0, 9)]
    assert not drawn_in_order(segment.slots)
    (segment,) = segments_of(drawn_lines([*runs[:3], Run(" 3", 220, 700, 9)],
                                         Location(page=2)))
    assert [cell.text for cell in segment.slots] == ["1", "2", "3"]
    assert drawn_in_order(segment.slots)


def _section3_rows(doc: Document) -> list[tuple[str, int]]:
    """The data rows of 三 as drawn: each row's label and its number of cells."""
    for item in doc.items:
        if isinstance(item, str):
            continue
        rows = [(label, len(row)) for row in item.rows
                for label in [_row_label(row)] if label and any(
                    cell.text.isdigit() for cell in row)]
        if any(label == ENFORCEMENT for label, _cells in rows):
            return rows
    raise AssertionError("no table 三")


def _row_label(row: list[Any]) -> str:
    return next((cell.text for cell in reversed(row) if cell.text and not cell.text.isdigit()),
                "")


DOCUMENT = official_document(_report())
SECTION3 = _section3_rows(DOCUMENT)


@settings(max_examples=25, deadline=None)
@given(st.sets(st.tuples(st.integers(0, len(SECTION3) - 1), st.integers(0, 8)),
               min_size=1, max_size=12))
def test_no_loss_of_cells_of_table_3_reads_a_wrong_number(lost: set[tuple[int, int]]) -> None:
    """Any cells of 三 (labels or values) lost from the text layer: rows may be left blank,
    no cell is read with a number the report does not have there."""
    by_label = {(SECTION3[row][0], index) for row, index in lost}
    report = _report()
    result = importers.parse(_drawn_pdf(DOCUMENT, lost=lambda label, index:
                                        (label, index) in by_label))
    assert _misread(report, result) == []


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM}")
def test_a_borderless_page_printed_by_chromium_is_judged_and_passes(tmp_path: Path) -> None:
    """``render --to page`` without borders, printed by Chromium (one run per glyph, no rules):
    every row read by count is judged by where it is drawn, and none is out of order."""
    report = varied_2019()
    printed = borderless_chromium_pdf(report, tmp_path)
    judged: list[tuple[int, int]] = []

    def spy(cells: Sequence[Cell], labels: Sequence[Cell] = ()) -> bool:
        judged.append((sum(cell.drawn_at() is not None for cell in cells), len(cells)))
        return drawn_in_order(cells, labels)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_tables, "drawn_in_order", spy)
        result = importers.parse(printed)
    assert judged
    assert all(drawn == count for drawn, count in judged)
    assert not [finding for finding in result.findings if finding.rule == "IMP-POSITION"]
    assert [item for item in wrong(report, result) if item[2] is not None] == []
