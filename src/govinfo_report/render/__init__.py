"""Renderers: the report in the official layout, one module per output format.

Every module has the same function, ``render(report, *, findings=(), ...)``,
returning ``str`` (``bytes`` for Word):

- :mod:`~govinfo_report.render.html`: an HTML fragment to embed in a page;
- :mod:`~govinfo_report.render.page`: a standalone HTML5 page (print-ready, A4);
- :mod:`~govinfo_report.render.markdown`: GitHub Flavored Markdown;
- :mod:`~govinfo_report.render.text`: plain text aligned by display width;
- :mod:`~govinfo_report.render.docx`: a Word document (the ``docx`` extra).

All of them draw the same table grids (``_layout``), computed once per
format version from the label registry, and the same view of the report
(``_view``): blank cells stay blank, money is exact, findings mark the
cells they name and are listed under their table. The HTML, Markdown and
text come from Jinja2 templates shipped in ``render/templates``, which an
embedding system can override (``templates=``).

>>> import govinfo_report.render as render
>>> from govinfo_report.examples import load_example
>>> sorted(render.FORMATS)
['docx', 'html', 'md', 'page', 'txt']
>>> render.render_html(load_example("2021"), prefix="gov-").startswith('<div class="gov-report')
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..findings import Finding
from ..model import Report
from . import docx, html, markdown, page, text
from ._templates import DEFAULT_PREFIX, Templates, default_loader
from .page import stylesheet

__all__ = [
    "DEFAULT_PREFIX",
    "FORMATS",
    "Templates",
    "default_loader",
    "render_docx",
    "render_html",
    "render_markdown",
    "render_page",
    "render_text",
    "stylesheet",
]

#: The renderer of each ``--to`` format of the command line.
FORMATS: dict[str, Callable[..., str | bytes]] = {
    "html": html.render,
    "page": page.render,
    "md": markdown.render,
    "txt": text.render,
    "docx": docx.render,
}


def render_html(report: Report, *, findings: Iterable[Finding] = (),
                prefix: str = DEFAULT_PREFIX, templates: Templates = None,
                heading_level: int = 1) -> str:
    """The HTML fragment; see :func:`govinfo_report.render.html.render`.

    ``prefix`` starts every class name; ``templates`` overrides templates (a
    directory, a :class:`jinja2.BaseLoader` or a :class:`jinja2.Environment`);
    the title is ``<h{heading_level}>`` (1 to 5), the part headings one below.
    """
    return html.render(report, findings=findings, prefix=prefix, templates=templates,
                       heading_level=heading_level)


def render_page(report: Report, *, findings: Iterable[Finding] = (),
                prefix: str = DEFAULT_PREFIX, templates: Templates = None) -> str:
    """The standalone page; see :func:`govinfo_report.render.page.render`."""
    return page.render(report, findings=findings, prefix=prefix, templates=templates)


def render_markdown(report: Report, *, findings: Iterable[Finding] = (),
                    templates: Templates = None) -> str:
    """GitHub Flavored Markdown; see :func:`govinfo_report.render.markdown.render`."""
    return markdown.render(report, findings=findings, templates=templates)


def render_text(report: Report, *, findings: Iterable[Finding] = (),
                templates: Templates = None) -> str:
    """Plain text; see :func:`govinfo_report.render.text.render`."""
    return text.render(report, findings=findings, templates=templates)


def render_docx(report: Report, *, findings: Iterable[Finding] = ()) -> bytes:
    """A Word document; see :func:`govinfo_report.render.docx.render`."""
    return docx.render(report, findings=findings)
