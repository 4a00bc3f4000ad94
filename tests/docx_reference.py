"""The Word document built from scratch with python-docx, for the tests only.

This is how the renderer built every document before it drew the tables once
per format: a new python-docx document per report, every paragraph added by
style name, every table drawn and merged cell by cell with its values, the
document saved and its archive written again by :mod:`zipfile` with a fixed
time. It takes about 150 ms a report; the renderer must give the same bytes.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from typing import Any

from govinfo_report.findings import Finding
from govinfo_report.model import Report
from govinfo_report.render._docx_package import zipfile_archive
from govinfo_report.render._docx_tables import SHADING, _column_widths
from govinfo_report.render._docx_template import new_document
from govinfo_report.render._layout import Role
from govinfo_report.render._view import FindingView, TableView, view_of

__all__ = ["reference_render"]


def _add_table(document: Any, view: TableView) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
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
                        properties = target._tc.get_or_add_tcPr()
                        properties.append(properties.makeelement(qn("w:shd"), {
                            qn("w:val"): "clear", qn("w:color"): "auto",
                            qn("w:fill"): SHADING[mark.severity]}))
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


def reference_render(report: Report, findings: tuple[Finding, ...] = ()) -> bytes:
    """The document of ``report`` built from scratch, as the renderer's output must be."""
    view = view_of(report, findings)
    document = new_document()
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
        for text in ("", view.organ, view.date):
            document.add_paragraph(text, style="GovInfo Signature")
    for label, text in view.metadata:
        document.add_paragraph(f"{label}：{text}", style="GovInfo Note")
    properties = document.core_properties
    properties.title = view.title[:255]
    properties.author = view.organ[:255]
    properties.language = "zh-CN"
    properties.last_modified_by = ""
    properties.revision = 1
    published = report.metadata.published
    if published is not None:
        moment = datetime.datetime.combine(published, datetime.time(), datetime.timezone.utc)
        properties.created = properties.modified = moment
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as saved:
        return zipfile_archive((info.filename, saved.read(info)) for info in saved.infolist())
