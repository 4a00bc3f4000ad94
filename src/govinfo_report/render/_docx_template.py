"""What every Word document of the renderer shares, built once per process with python-docx.

python-docx opens its default template, and the 公文 page and styles are set
on it (GB/T 9704—2012, see :mod:`govinfo_report.render.docx`). Saving that
document once gives every part but the body and the document properties, which
:func:`template` keeps deflated (:class:`~._docx_package.Package`), with the
XML of the empty body and of the template's properties that each report starts
from, and an empty paragraph of each style as python-docx writes it (python-docx
looks a style up by name through every style of the document for each paragraph).
"""

from __future__ import annotations

import copy
import functools
import io
import types
import zipfile
from collections.abc import Mapping
from typing import Any

import attrs

from .._optional import optional_module
from ._docx_package import Package

__all__ = [
    "BODY_FONT",
    "CORE_PART",
    "DOCUMENT_PART",
    "HEADING_FONT",
    "LATIN_FONT",
    "PARAGRAPH_STYLES",
    "TABLE_FONT",
    "TITLE_FONT",
    "W_NAMESPACE",
    "W_R",
    "W_T",
    "Template",
    "new_document",
    "require_docx",
    "template",
    "write_text",
]

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TABLE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

#: The styles of the body's paragraphs (``None``: the document's default, Normal).
PARAGRAPH_STYLES = (None, "GovInfo Title", "GovInfo Heading", "GovInfo Centred",
                    "GovInfo Signature", "GovInfo Note")
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"

# The elements filled per report, by their Clark names (python-docx's qn() parses the
# prefixed name on every call).
W_NAMESPACE = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W_R, W_T = f"{W_NAMESPACE}r", f"{W_NAMESPACE}t"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_BREAKS = frozenset("\t\r\n")


def write_text(run: Any, text: str) -> None:
    """Give the empty run ``run`` the text ``text``, as python-docx's ``run.text = text``.

    python-docx clears the run (an XPath query) and reads the text a character at a time
    for tabs and line breaks; a text without them is one ``w:t``, kept whole
    (``xml:space``) when it starts or ends with white space. Texts with them are left
    to python-docx.
    """
    if _BREAKS.isdisjoint(text):
        element = run.makeelement(W_T, {})
        element.text = text
        if len(text.strip()) < len(text):
            element.set(_XML_SPACE, "preserve")
        run.append(element)
    else:
        run.text = text


def require_docx() -> Any:
    """The python-docx package, or the library's error naming the extra to install."""
    return optional_module("docx", "生成 Word 文档", "Word output", package="python-docx",
                           extra="docx")


def _set_fonts(style: Any, east_asian: str, size: float, qn: Any, pt: Any) -> None:
    style.font.name = LATIN_FONT
    style.font.size = pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(document: Any) -> None:
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


def new_document() -> Any:
    """A python-docx document with the 公文 page and styles and an empty body."""
    document = require_docx().Document()
    _page(document)
    _styles(document)
    return document


@attrs.frozen
class Template:
    """The shared parts; each report parses its own body and properties from the XML here."""

    package: Package
    #: ``word/document.xml`` with an empty body (the page settings only).
    document_xml: bytes
    #: ``docProps/core.xml`` as python-docx's default template has it.
    core_xml: bytes
    #: An empty ``w:p`` of each of :data:`PARAGRAPH_STYLES`, to be copied, never changed.
    paragraphs: Mapping[str | None, Any]


@functools.cache
def template() -> Template:
    """The shared parts, built on first use."""
    document = new_document()
    paragraphs = {}
    for style in PARAGRAPH_STYLES:
        element = document.add_paragraph("", style=style)._p
        paragraphs[style] = copy.deepcopy(element)
        element.getparent().remove(element)
    buffer = io.BytesIO()
    document.save(buffer)
    members: list[tuple[str, bytes | None]] = []
    parts: dict[str, bytes] = {}
    with zipfile.ZipFile(buffer) as archive:
        for info in archive.infolist():
            data = archive.read(info)
            if info.filename in (DOCUMENT_PART, CORE_PART):
                parts[info.filename] = data
                members.append((info.filename, None))
            else:
                members.append((info.filename, data))
    return Template(package=Package.of(members), document_xml=parts[DOCUMENT_PART],
                    core_xml=parts[CORE_PART], paragraphs=types.MappingProxyType(paragraphs))
