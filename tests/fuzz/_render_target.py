"""The render targets: each renderer, and the form, on reports with hostile texts.

The promise checked for every output: valid UTF-8; no bidirectional control
and no unprintable code point (they show as U+FFFD); the organ's markup
marker never reaches the output as markup and is there escaped (the text
round-trips as text). A library error instead of an output is a refusal.
"""

from __future__ import annotations

import html as html_module
import io
import re
import zipfile

import markupsafe
from lxml import etree

import govinfo_report.form as form
from govinfo_report.model import Report
from govinfo_report.render import FORMATS
from govinfo_report.render.markdown import escape_markdown

from ._targets import MARKUP, Broken, _run

RENDER_KINDS = ("html", "page", "md", "txt", "docx", "form")
# What no output may hold raw: bidi controls, C0/C1 controls but tab and newline, surrogates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
# The form carries the report as JSON data, where bidi controls are data, not display.
_UNPRINTABLE_IN_FORM = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
# Markup as it would act: not preceded by Markdown's backslash escape.
_RAW_MARKUP = re.compile(r"(?<!\\)<x-evil")
_ESCAPED_MARKUP = {
    "html": str(markupsafe.escape(MARKUP)),
    "page": str(markupsafe.escape(MARKUP)),
    "md": escape_markdown(MARKUP),
    "txt": MARKUP,
}


def _docx_text(data: bytes) -> str:
    """The text of a Word document's body, its XML checked to parse."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml")
    root = etree.fromstring(body)
    # XPath's string value: every text node in document order, as "".join(itertext()) gives,
    # joined in C (the Python join took a third of each input's time).
    return str(root.xpath("string()"))


def _render(kind: str, report: Report) -> str:
    if kind == "form":
        output = form.page(report.format, report=report)
        if "<x-evil" in output:
            raise Broken("form: a text reached the page as markup")
        return output
    rendered = FORMATS[kind](report)
    if isinstance(rendered, bytes):
        return _docx_text(rendered)
    try:
        rendered.encode("utf-8")
    except UnicodeEncodeError as error:
        raise Broken(f"{kind}: output is not valid UTF-8: {error}") from error
    if kind != "txt" and _RAW_MARKUP.search(rendered):
        raise Broken(f"{kind}: a text reached the output as markup")
    if _ESCAPED_MARKUP[kind] not in rendered:
        raise Broken(f"{kind}: the organ's text is not in the output as written")
    return rendered


def check_render_format(kind: str, report: Report) -> None:
    """Render ``report`` as ``kind``; a library error is a refusal, a broken promise raises."""

    def attempt() -> None:
        output = _render(kind, report)
        found = (_UNPRINTABLE_IN_FORM if kind == "form" else _UNPRINTABLE).search(output)
        if found:
            raise Broken(f"{kind}: {found.group()!r} reached the output")
        if kind == "docx" and MARKUP not in output:
            raise Broken("docx: the organ's text is not in the document as written")
        if kind in ("html", "page") and MARKUP not in html_module.unescape(output):
            raise Broken(f"{kind}: the organ's text does not unescape to itself")

    _run(f"render-{kind}", report.metadata.organ, attempt)
