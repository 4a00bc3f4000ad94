"""Word (.docx): the report as a 公文 to edit, sign and print.

Needs the ``docx`` extra (``pip install govinfo-report[docx]``, which installs
python-docx); without it :func:`render` raises
:class:`~govinfo_report.exceptions.MissingDependencyError`.

Typography after GB/T 9704—2012 《党政机关公文格式》: A4 paper, margins top
37 mm, bottom 35 mm, left 28 mm, right 26 mm; the title in 方正小标宋简体
二号 (22 pt), centred; the body in 仿宋_GB2312 三号 (16 pt) with a two-character
first-line indent and a fixed line pitch of 22 lines a page; part headings
(一、……) in 黑体 三号. East Asian fonts are set through ``w:eastAsia``; Latin
text and digits use Times New Roman. The tables are the shared official
grids with real merged cells, in 宋体 五号.
Findings shade the cells they name and are listed under the table.

The output is byte-for-byte reproducible: the archive members carry a fixed
timestamp and the document dates are the report's publication date.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from .._optional import optional_module
from ..findings import Finding
from ..model import Report
from ._layout import Role, Table
from ._view import FindingView, ReportView, TableView, view_of

__all__ = ["render"]

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

#: Text width of the A4 page between the margins (210 − 28 − 26 mm).
_TEXT_WIDTH_MM = 156
#: Widths of the label columns, by how many the table has.
_STUB_WIDTHS_MM = {0: (), 1: (40,), 3: (8, 18, 44)}
_SHADING = {"error": "FDE2E1", "warning": "FFF1C9", "acknowledged": "EEF2F7"}
_FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)


def _require_docx() -> Any:
    return optional_module("docx", "生成 Word 文档", "Word output", package="python-docx",
                           extra="docx")


def _set_fonts(style: Any, east_asian: str, size: float, qn: Any, pt: Any) -> None:
    style.font.name = LATIN_FONT
    style.font.size = pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(document: Any, docx: Any) -> None:
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    pitch = Pt(28.95)  # (297 − 37 − 35) mm / 22 lines
    normal = document.styles["Normal"]
    _set_fonts(normal, BODY_FONT, 16, qn, Pt)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    body = normal.paragraph_format
    body.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    body.line_spacing = pitch
    body.space_before = body.space_after = Pt(0)
    body.first_line_indent = Pt(32)
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def paragraph_style(name: str, font: str, size: float) -> Any:
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        _set_fonts(style, font, size, qn, Pt)
        return style

    title = paragraph_style("GovInfo Title", TITLE_FONT, 22)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Pt(0)
    title.paragraph_format.space_after = pitch
    heading = paragraph_style("GovInfo Heading", HEADING_FONT, 16)
    heading.paragraph_format.keep_with_next = True
    outline = heading.element.get_or_add_pPr()
    level = outline.makeelement(qn("w:outlineLvl"), {qn("w:val"): "0"})
    outline.append(level)
    centred = paragraph_style("GovInfo Centred", BODY_FONT, 16)
    centred.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    centred.paragraph_format.first_line_indent = Pt(0)
    signature = paragraph_style("GovInfo Signature", BODY_FONT, 16)
    signature.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    signature.paragraph_format.first_line_indent = Pt(0)
    signature.paragraph_format.right_indent = Pt(64)
    cell = paragraph_style("GovInfo Table", TABLE_FONT, 10.5)
    cell.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    cell.paragraph_format.first_line_indent = Pt(0)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    note = paragraph_style("GovInfo Note", BODY_FONT, 12)
    note.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    note.paragraph_format.first_line_indent = Pt(0)


def _page(document: Any) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)


def _column_widths(table: Table) -> list[float]:
    stub = list(_STUB_WIDTHS_MM.get(table.stub, (40,) * table.stub))
    unit = (_TEXT_WIDTH_MM - sum(stub)) / sum(table.weights)
    return stub + [weight * unit for weight in table.weights]


def _shade(cell: Any, fill: str) -> None:
    from docx.oxml.ns import qn

    properties = cell._tc.get_or_add_tcPr()
    shading = properties.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto",
                                                   qn("w:fill"): fill})
    properties.append(shading)


def _add_table(document: Any, view: TableView) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm
    from docx.table import _Cell

    table = view.table
    rows = sum(len(block.rows) for block in table.blocks)
    word_table = document.add_table(rows=rows, cols=table.columns)
    word_table.style = document.styles["Table Grid"]
    word_table.autofit = False
    widths = _column_widths(table)
    for position, column in enumerate(word_table.columns):
        column.width = Mm(widths[position])
    # The grid before merging; merges never span another cell's top-left corner,
    # so these references stay valid (python-docx's table.cell() is quadratic).
    grid = [[_Cell(tc, word_table) for tc in tr.tc_lst] for tr in word_table._tbl.tr_lst]
    style_id = document.styles["GovInfo Table"].style_id
    for block in table.blocks:
        for row in block.rows:
            for cell in row.cells:
                target = grid[cell.row][cell.column]
                if cell.rowspan > 1 or cell.colspan > 1:
                    target = target.merge(grid[cell.row + cell.rowspan - 1]
                                              [cell.column + cell.colspan - 1])
                target.width = Mm(sum(widths[cell.column:cell.column + cell.colspan]))
                target.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = target.paragraphs[0]
                paragraph._p.get_or_add_pPr().style = style_id
                if cell.is_value:
                    text = view.texts[cell.index]
                    mark = view.marks.get(cell.index)
                    if mark is not None:
                        _shade(target, _SHADING[mark.severity])
                        text += "[" + ",".join(map(str, mark.numbers)) + "]"
                else:
                    text = cell.label
                    if cell.role is Role.ROW:
                        paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
                paragraph.text = text


def _findings(document: Any, findings: tuple[FindingView, ...]) -> None:
    document.add_paragraph("检查结果：", style="GovInfo Note")
    for item in findings:
        document.add_paragraph(f"[{item.number}] {item.severity_label} {item.finding.rule} "
                               f"{item.location}：{item.message}", style="GovInfo Note")


def _document(view: ReportView, docx: Any) -> Any:
    document = docx.Document()
    _page(document)
    _styles(document, docx)
    for label, text in view.header:
        document.add_paragraph(f"{label}：{text}", style="GovInfo Centred")
    document.add_paragraph(view.title, style="GovInfo Title")
    for paragraph in view.preamble:
        document.add_paragraph(paragraph)
    for section in view.sections:
        document.add_paragraph(section.title, style="GovInfo Heading")
        for paragraph in section.paragraphs:
            document.add_paragraph(paragraph)
        for table in section.tables:
            _add_table(document, table)
            if table.findings:
                _findings(document, table.findings)
        if section.findings:
            _findings(document, section.findings)
    if view.other_findings:
        _findings(document, view.other_findings)
    if view.date:
        document.add_paragraph("", style="GovInfo Signature")
        document.add_paragraph(view.organ, style="GovInfo Signature")
        document.add_paragraph(view.date, style="GovInfo Signature")
    # The basic information closes the document as it closes every other output, so that
    # the document imports back whole (source URL, division code… included).
    for label, text in view.metadata:
        document.add_paragraph(f"{label}：{text}", style="GovInfo Note")
    return document


def _reproducible(data: bytes) -> bytes:
    """The archive again, every member stamped with a fixed time."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=_FIXED_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(member))
    return output.getvalue()


_PROPERTY_LENGTH = 255


def render(report: Report, *, findings: Iterable[Finding] = ()) -> bytes:
    """The report as a .docx document (bytes)."""
    docx = _require_docx()
    view = view_of(report, findings)
    document = _document(view, docx)
    properties = document.core_properties
    # Word's document properties hold at most 255 characters; the body has the whole text.
    properties.title = view.title[:_PROPERTY_LENGTH]
    properties.author = view.organ[:_PROPERTY_LENGTH]
    properties.language = "zh-CN"
    properties.last_modified_by = ""
    properties.revision = 1
    published = report.metadata.published
    if published is not None:
        moment = datetime.datetime.combine(published, datetime.time(), datetime.timezone.utc)
        properties.created = properties.modified = moment
    buffer = io.BytesIO()
    document.save(buffer)
    return _reproducible(buffer.getvalue())
