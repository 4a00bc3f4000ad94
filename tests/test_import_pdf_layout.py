"""PDF tables read by position: ruled tables drawn as the official layout (merged
headers, wrapped labels, centred values, blank cells, page breaks) import back cell
for cell, and a row whose cells cannot be placed is left blank, never guessed."""

from __future__ import annotations

import itertools
import os
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from govinfo_report import importers
from govinfo_report.importers import _pdf_layout, _pdf_rules, pdf
from govinfo_report.importers._grid import BlockKind
from govinfo_report.model import Report
from govinfo_report.render import render_page

from .layouts import Table, official_document, varied_2019, varied_2021
from .ruled_pdf import blanks, ruled_pdf
from .test_import_road_roundtrip import either_version, wrong


@pytest.mark.parametrize("report", [varied_2021(), varied_2019()], ids=["2021", "2019"])
def test_ruled_tables_with_blank_cells(report: Report) -> None:
    """Both versions: every cell read at its position, a blank cell stays blank and
    the rest of its row is read; the cells are located by table, row and column."""
    data = ruled_pdf(official_document(report, blanks=blanks()))
    result = importers.parse(data, name="report.pdf")
    assert wrong(report, result) == []
    located = [source.location for source in result.cells.values()]
    assert located
    assert all(location.table is not None for location in located)
    blank = [source for source in result.cells.values() if source.raw == ""]
    assert blank


def test_a_row_with_a_blank_cell_is_read_around_it() -> None:
    """Rows with a blank cell: the other cells of each row keep their values, where
    the plain text of the same PDF, read by count, leaves such rows blank."""
    report = varied_2021()
    data = ruled_pdf(official_document(report, blanks=blanks()))
    assert wrong(report, importers.parse(data)) == []
    by_count = importers.parse("\n".join(pdf.pages_of(data)), kind="text")
    lost = [path for path, expected, found in wrong(report, by_count)
            if expected is not None and found is None]
    assert lost


@pytest.mark.parametrize("report", [varied_2021(), varied_2019()], ids=["2021", "2019"])
def test_tables_across_page_breaks(report: Report) -> None:
    """Short pages: tables break across pages (a continued table without its header
    rows), and every cell is still read."""
    data = ruled_pdf(official_document(report, blanks=blanks()), height=420)
    assert wrong(report, importers.parse(data)) == []
    blocks = pdf.blocks_of(data)
    crossings = [(before.location.page, after.location.page)
                 for before, after in itertools.pairwise(blocks)
                 if before.location.page != after.location.page
                 and before.kind is after.kind is BlockKind.GRID]
    assert len(crossings) >= 2


def test_left_aligned_and_wrapped_labels() -> None:
    """Labels wrapped to two lines in their cells, values at the cell's left edge."""
    report = varied_2019()
    data = ruled_pdf(official_document(report, blanks=blanks()), centred=False)
    label = "三、本年度办理结果"
    assert not any(label in line for page in pdf.pages_of(data) for line in page.splitlines())
    assert label in [cell.text for block in pdf.blocks_of(data) for cell in block.cells]
    assert wrong(report, importers.parse(data)) == []


def _page(runs: list[_pdf_rules.Run], rules: list[tuple[float, float, float, float]]
          ) -> _pdf_rules.Page:
    page = _pdf_rules.Page(runs=runs)
    page.segments.extend(_pdf_rules.Segment(*rule) for rule in rules)
    return page


GRID = [(40, 700, 40, 760), (140, 700, 140, 760), (200, 700, 200, 760), (260, 700, 260, 760),
        (40, 760, 260, 760), (40, 730, 260, 730), (40, 700, 260, 700)]


def _rows(page: _pdf_rules.Page, *, spans: bool = False
          ) -> list[tuple[str, list[tuple[int | None, str]]]]:
    """Each block read from the page (one table): its kind and (column or span, text)
    of each cell."""
    items, _grid = _pdf_layout.read_page(page, number=1, previous=None, tables=0)
    blocks = [block for item in items if isinstance(item, list) for block in item]
    return [(block.kind.value, [(cell.span if spans else cell.column, cell.text)
                                for cell in block.cells]) for block in blocks]


def test_cells_by_position() -> None:
    page = _page([_pdf_rules.Run("规章", 45, 740, 9), _pdf_rules.Run("12", 210, 740, 9),
                  _pdf_rules.Run("行政规范性", 45, 715, 9),
                  _pdf_rules.Run("文件", 45, 705, 9), _pdf_rules.Run("5", 150, 712, 9)],
                 GRID)
    assert _rows(page) == [("grid", [(0, "规章"), (1, ""), (2, "12")]),
                           ("grid", [(0, "行政规范性文件"), (1, "5"), (2, "")])]


@pytest.mark.parametrize("run", [
    _pdf_rules.Run("3 12", 150, 740, 9),           # two cells' values in one run
    _pdf_rules.Run("3\n12", 150, 740, 9),          # two lines in one run
    _pdf_rules.Run("1234567890123", 150, 740, 9),  # past its cell's right rule
])
def test_an_uncertain_run_gives_back_its_row_as_text(run: _pdf_rules.Run) -> None:
    """A run that cannot be placed with certainty: its row is given back as the plain
    text of its runs (read by count, or left blank), the other rows are read by position."""
    page = _page([_pdf_rules.Run("规章\n", 45, 740, 9), run,
                  _pdf_rules.Run("文件", 45, 712, 9), _pdf_rules.Run("5", 150, 712, 9)],
                 GRID)
    assert _rows(page) == [("text", [(None, "规章")])] + [
        ("text", [(None, line)]) for line in run.text.splitlines()] + [
        ("grid", [(0, "文件"), (1, "5"), (2, "")])]


def test_a_run_on_a_rule_leaves_the_table_to_the_page_text() -> None:
    page = _page([_pdf_rules.Run("规章", 45, 740, 9), _pdf_rules.Run("3", 150, 730.1, 9)],
                 GRID)
    items, _grid = _pdf_layout.read_page(page, number=1, previous=None, tables=0)
    assert items == page.runs


def test_a_framed_paragraph_is_not_a_table() -> None:
    sentence = "本年度未收取信息处理费。"
    page = _page([_pdf_rules.Run(sentence, 45, 740, 9), _pdf_rules.Run("5", 150, 712, 9)],
                 GRID)
    assert _rows(page) == []


def test_merged_header_keeps_its_span() -> None:
    rules = [(40, 700, 40, 760), (260, 700, 260, 760), (140, 700, 140, 730),
             (200, 700, 200, 730), (40, 760, 260, 760), (40, 730, 260, 730),
             (40, 700, 260, 700)]
    page = _page([_pdf_rules.Run("信息内容", 45, 740, 9),
                  _pdf_rules.Run("a", 45, 712, 9), _pdf_rules.Run("1", 205, 712, 9)], rules)
    assert _rows(page) == [("grid", [(0, "信息内容")]),
                           ("grid", [(0, "a"), (1, ""), (2, "1")])]
    assert _rows(page, spans=True)[0] == ("grid", [(3, "信息内容")])


ROUND_TRIPS = settings(max_examples=int(os.environ.get("GOVINFO_PDF_ROUND_TRIPS", "200")),
                       deadline=None, derandomize=True,
                       suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@ROUND_TRIPS
@given(either_version)
def test_ruled_pdf_round_trip(report: Report) -> None:
    """Reports drawn as ruled PDF tables import back cell for cell, blanks included."""
    doc = official_document(report, blanks=blanks())
    assert wrong(report, importers.parse(ruled_pdf(doc), name="report.pdf")) == []


def test_values_run_together_are_never_guessed() -> None:
    """Two values of a row extracted as one run (``3 12``) and its third cell blank:
    the row is read by count, two values for three columns, so it stays blank with a
    finding; nothing is guessed."""
    report = varied_2021()
    doc = official_document(report, blanks=blanks())
    table = next(item for item in doc.items if isinstance(item, Table))
    row = next(row for row in table.rows
               if len(row) >= 3 and all(cell.text.isdigit() for cell in row[-3:]))
    row[-3].text, row[-2].text, row[-1].text = f"{row[-3].text} {row[-2].text}", "", ""
    result = importers.parse(ruled_pdf(doc))
    found = wrong(report, result)
    assert found
    assert all(got is None for _path, _expected, got in found)
    assert any(path in finding.json_path for path, _e, _g in found
               for finding in result.findings if finding.json_path)


CHROMIUM = Path("/usr/bin/chromium")


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"Chromium is not installed at {CHROMIUM}")
@pytest.mark.parametrize("report", [varied_2021(), varied_2019()], ids=["2021", "2019"])
def test_page_printed_by_chromium(report: Report, tmp_path: Path) -> None:
    """``render --to page`` printed to PDF by Chromium: borders drawn as paths in a flipped
    coordinate system, one run per glyph, tables inside section boxes and across pages.
    Every cell is read, blanks included (by count, a row with a blank cell is lost)."""
    page = tmp_path / "report.html"
    page.write_text(render_page(report), encoding="utf-8")
    printed = tmp_path / "report.pdf"
    subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu",
                    "--no-pdf-header-footer", f"--print-to-pdf={printed}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    result = importers.parse(printed.read_bytes())
    # The page prints the organ in a box of its own, not in a title the import reads.
    assert [path for path, _expected, _found in wrong(report, result)] == ["organ"]


def test_hostile_rules_are_ignored() -> None:
    """Rules at infinite or absurd coordinates, and a page of more rules than a table
    has, find no table (the page is read as text) and take no time."""
    far = [_pdf_rules.Segment(0, 700, float("inf"), 700), _pdf_rules.Segment(-1e30, 0, 1e30, 0),
           _pdf_rules.Segment(float("nan"), 0, 1, 0)]
    assert _pdf_rules.tables_of(far) == []
    crowded = [_pdf_rules.Segment(40, 100 + index * 0.01, 260, 100 + index * 0.01)
               for index in range(4000)] + [_pdf_rules.Segment(*rule) for rule in GRID]
    assert _pdf_rules.tables_of(crowded) == []
    assert len(_pdf_rules.tables_of([_pdf_rules.Segment(*rule) for rule in GRID])) == 1
