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

python-docx builds what every document shares once per process (page, styles
and the other parts, in ``_docx_template``) and each format's tables once
(``_docx_tables``); a report's body is then assembled from copies of them,
and the archive written with the shared parts already compressed
(``_docx_package``). The bytes are those of the document python-docx builds
from scratch, in a few milliseconds instead of about a hundred and fifty.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Iterable
from typing import Any

from ..findings import Finding
from ..model import Report
from ._docx_tables import filled, skeletons
from ._docx_template import (
    CORE_PART,
    DOCUMENT_PART,
    W_R,
    Template,
    require_docx,
    template,
    write_text,
)
from ._view import FindingView, ReportView, view_of

__all__ = ["render"]


class _Body:
    """The body of one document, appended to in reading order."""

    def __init__(self, shared: Template) -> None:
        from docx.oxml.parser import parse_xml

        self.document = parse_xml(shared.document_xml)
        # The body ends with the page settings; paragraphs and tables go before them.
        self._end = self.document.body.sectPr
        self._paragraphs = shared.paragraphs

    def paragraph(self, text: str, style: str | None = None) -> None:
        # What python-docx's add_paragraph(text, style) writes, from a copy of its paragraph.
        paragraph = copy.deepcopy(self._paragraphs[style])
        if text:
            run = paragraph.makeelement(W_R, {})
            paragraph.append(run)
            write_text(run, text)
        self._end.addprevious(paragraph)

    def table(self, element: Any) -> None:
        self._end.addprevious(element)


def _findings(body: _Body, findings: tuple[FindingView, ...]) -> None:
    body.paragraph("检查结果：", "GovInfo Note")
    for item in findings:
        body.paragraph(f"[{item.number}] {item.severity_label} {item.finding.rule} "
                       f"{item.location}：{item.message}", "GovInfo Note")


def _fill(body: _Body, view: ReportView) -> None:
    tables = skeletons(view.format)
    for label, text in view.header:
        body.paragraph(f"{label}：{text}", "GovInfo Centred")
    body.paragraph(view.title, "GovInfo Title")
    for paragraph in view.preamble:
        body.paragraph(paragraph)
    for section in view.sections:
        body.paragraph(section.title, "GovInfo Heading")
        for paragraph in section.paragraphs:
            body.paragraph(paragraph)
        for table in section.tables:
            body.table(filled(tables[table.table.key], table))
            if table.findings:
                _findings(body, table.findings)
        if section.findings:
            _findings(body, section.findings)
    if view.other_findings:
        _findings(body, view.other_findings)
    if view.date:
        body.paragraph("", "GovInfo Signature")
        body.paragraph(view.organ, "GovInfo Signature")
        body.paragraph(view.date, "GovInfo Signature")
    # The basic information closes the document as it closes every other output, so that
    # the document imports back whole (source URL, division code… included).
    for label, text in view.metadata:
        body.paragraph(f"{label}：{text}", "GovInfo Note")


_PROPERTY_LENGTH = 255


def _core_xml(shared: Template, report: Report, view: ReportView) -> bytes:
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.parser import parse_xml

    element = parse_xml(shared.core_xml)
    properties = CoreProperties(element)
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
    return bytes(serialize_part_xml(element))


def render(report: Report, *, findings: Iterable[Finding] = ()) -> bytes:
    """The report as a .docx document (bytes)."""
    require_docx()
    from docx.opc.oxml import serialize_part_xml

    view = view_of(report, findings)
    shared = template()
    body = _Body(shared)
    _fill(body, view)
    return shared.package.archive({DOCUMENT_PART: bytes(serialize_part_xml(body.document)),
                                   CORE_PART: _core_xml(shared, report, view)})
