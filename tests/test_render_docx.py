"""Word output: every table cell holds the report's value, merged cells are merged, 公文 typography."""

from __future__ import annotations

import io
import sys
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from govinfo_report.examples import load_example
from govinfo_report.exceptions import GovInfoReportError, MissingDependencyError
from govinfo_report.render import docx as docx_renderer
from govinfo_report.render._layout import tables_of
from govinfo_report.render._view import view_of

from .golden import check_golden
from .test_render_html import EXAMPLES, sample_findings


def reopen(data: bytes) -> Any:
    """The document read back by python-docx."""
    return docx.Document(io.BytesIO(data))


def dump(document: Any) -> str:
    """A reviewable text form: paragraphs with their style, tables cell by cell with spans."""
    lines = []
    body = document.element.body
    tables = iter(document.tables)
    paragraphs = iter(document.paragraphs)
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = next(paragraphs)
            lines.append(f"[{paragraph.style.name}] {paragraph.text}")
        elif child.tag == qn("w:tbl"):
            table = next(tables)
            lines.append(f"[table {len(table.rows)}×{len(table.columns)}]")
            grid = [[cell._tc for cell in row.cells] for row in table.rows]
            texts = [[cell.text for cell in row.cells] for row in table.rows]
            for row, cells in enumerate(grid):
                for column, tc in enumerate(cells):
                    if (column and cells[column - 1] is tc) or (row and grid[row - 1][column] is tc):
                        continue
                    height = sum(1 for below in grid[row:] if below[column] is tc)
                    width = sum(1 for right in cells[column:] if right is tc)
                    lines.append(f"  ({row},{column}) {height}×{width} {texts[row][column]}")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_docx_matches_golden(version: str) -> None:
    """The structure of each example's Word document is pinned by a golden text dump."""
    document = reopen(docx_renderer.render(load_example(version)))
    check_golden(f"render/{EXAMPLES[version]}.docx.txt", dump(document))


@pytest.mark.parametrize("version", ["2021", "2019"])
def test_every_cell_holds_the_report_value_and_merges_are_real(version: str) -> None:
    """Re-opened with python-docx: each grid cell's text, and each merged region shares one cell."""
    report = load_example(version)
    document = reopen(docx_renderer.render(report))
    view = view_of(report)
    texts = {table.table.key: table.texts for section in view.sections for table in section.tables}
    grids = tables_of(report.format)
    assert len(document.tables) == len(grids)
    for grid, table in zip(grids, document.tables, strict=True):
        assert len(table.columns) == grid.columns
        for block in grid.blocks:
            for row in block.rows:
                for cell in row.cells:
                    expected = texts[grid.key][cell.index] if cell.is_value else cell.label
                    word_cell = table.cell(cell.row, cell.column)
                    assert word_cell.text == expected, (grid.key, cell.row, cell.column)
                    for spanned_row in range(cell.row, cell.row + cell.rowspan):
                        for spanned_column in range(cell.column, cell.column + cell.colspan):
                            assert table.cell(spanned_row, spanned_column)._tc is word_cell._tc


def test_blank_cells_are_empty() -> None:
    """The trial example's blank 行政复议 cells are empty in Word too."""
    document = reopen(docx_renderer.render(load_example("2019")))
    reviews = document.tables[2]
    assert [reviews.cell(3, column).text for column in range(6)] == ["", "", "", "", "", "0"]


def test_page_and_typography_follow_gb_t_9704() -> None:
    """A4 with 37/35/28/26 mm margins; title 方正小标宋简体 22 pt; body 仿宋_GB2312 16 pt; 黑体 headings."""
    document = reopen(docx_renderer.render(load_example("2021")))
    section = document.sections[0]
    sizes = [section.page_width, section.page_height, section.top_margin, section.bottom_margin,
             section.left_margin, section.right_margin]
    # Word stores twentieths of a point: a millimetre is exact to 0.01 mm.
    assert [round(size.mm, 1) for size in sizes] == [210, 297, 37, 35, 28, 26]

    def east_asian(style: Any) -> str:
        return str(style.element.rPr.rFonts.get(qn("w:eastAsia")))

    styles = document.styles
    assert (east_asian(styles["Normal"]), styles["Normal"].font.size) == ("仿宋_GB2312", Pt(16))
    assert (east_asian(styles["GovInfo Title"]), styles["GovInfo Title"].font.size) == \
        ("方正小标宋简体", Pt(22))
    assert (east_asian(styles["GovInfo Heading"]), styles["GovInfo Heading"].font.size) == \
        ("黑体", Pt(16))
    paragraphs = {paragraph.text: paragraph.style.name for paragraph in document.paragraphs}
    assert paragraphs["示范县青山镇人民政府2023年政府信息公开工作年度报告"] == "GovInfo Title"
    assert paragraphs["三、收到和处理政府信息公开申请情况"] == "GovInfo Heading"
    assert paragraphs["示范县青山镇人民政府"] == "GovInfo Signature"


def test_output_is_reproducible() -> None:
    """The same report gives the same bytes."""
    report = load_example("2021")
    assert docx_renderer.render(report) == docx_renderer.render(report)


def test_findings_shade_cells_and_are_listed() -> None:
    """Flagged cells are shaded and marked [n]; the findings follow the table."""
    document = reopen(docx_renderer.render(load_example("2021"), findings=sample_findings()))
    cell = document.tables[1].cell(3, 9)
    assert cell.text == "15[1]"
    shading = cell._tc.tcPr.find(qn("w:shd"))
    assert shading is not None
    assert shading.get(qn("w:fill")) == "FDE2E1"
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert "检查结果：" in texts
    assert any(text.startswith("[1] 错误 I1 ") for text in texts)


def test_missing_python_docx_raises_a_library_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without python-docx the renderer says in Chinese and English which extra to install."""
    monkeypatch.setitem(sys.modules, "docx", None)
    with pytest.raises(MissingDependencyError) as caught:
        docx_renderer.render(load_example("2021"))
    assert isinstance(caught.value, GovInfoReportError)
    assert isinstance(caught.value, ImportError)
    assert str(caught.value) == ("生成 Word 文档需要安装 python-docx："
                                 "pip install 'govinfo-report[docx]'（Word output needs python-docx）")
