"""HTML fragment: the report in the official layout, ready to drop into a page.

The fragment is one ``<div>`` holding the title, the six parts with their
official headings and tables (real ``rowspan``/``colspan``, ``<thead>``,
``<th scope>``), the signature and the metadata. It carries no script, no
style and no external asset; every class name starts with ``prefix`` so the
embedding page's CSS cannot clash with it (:func:`~govinfo_report.render.page.stylesheet`
gives a matching stylesheet). Blank cells are empty ``<td>`` with the class
``{prefix}blank``, never ``0``. Every text is escaped.

>>> from govinfo_report.examples import load_example
>>> fragment = render(load_example("2021"))
>>> fragment.startswith('<div class="govinfo-report govinfo-format-2021" lang="zh-CN">')
True
>>> '<th class="govinfo-group govinfo-level-0" scope="row" rowspan="22">三、本年度办理结果</th>' \\
...     in fragment
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import markupsafe

from ..exceptions import RenderError
from ..findings import Finding
from ..model import Report
from ._templates import DEFAULT_PREFIX, Templates, check_prefix, render_template, template
from ._view import TableView, view_of

__all__ = ["escape_texts", "render"]


def escape_texts(texts: Sequence[str]) -> list[str]:
    """HTML-escape many texts in one pass (they never contain NUL, see ``clean_text``).

    >>> escape_texts(["1", "", "<b>"])
    ['1', '', '&lt;b&gt;']
    """
    return str(markupsafe.escape("\x00".join(texts))).split("\x00")


class _EscapedLabels(dict[str, str]):
    """Labels escaped on first use; the official labels are a small fixed set."""

    def __missing__(self, label: str) -> str:
        self[label] = escaped = str(markupsafe.escape(label))
        return escaped


_ESCAPED_LABELS = _EscapedLabels()


def _check_heading_level(level: int) -> int:
    if not isinstance(level, int) or not 1 <= level <= 5:
        raise RenderError(f"标题级别应为 1 到 5：{level!r}（heading_level must be 1 to 5）")
    return level


def html_context(report: Report, findings: Iterable[Finding], prefix: str,
                 templates: Templates, heading_level: int) -> dict[str, Any]:
    """The context of ``report.html.j2`` (shared with the standalone page)."""
    p = check_prefix(prefix)
    table_template = template("table.html.j2", templates)

    def render_table(table: TableView) -> markupsafe.Markup:
        # A separate render joins the table's many small pieces at C speed.
        return markupsafe.Markup(table_template.render(
            tv=table, p=p, escape_texts=escape_texts, escaped_labels=_ESCAPED_LABELS))

    render_table_: Callable[[TableView], markupsafe.Markup] = render_table
    return {"view": view_of(report, findings), "p": p,
            "h": _check_heading_level(heading_level), "render_table": render_table_}


def render(report: Report, *, findings: Iterable[Finding] = (), prefix: str = DEFAULT_PREFIX,
           templates: Templates = None, heading_level: int = 1) -> str:
    """The report as an HTML fragment.

    ``findings`` are marked in the cells they name and listed under their
    table; ``prefix`` starts every class name; ``templates`` overrides
    templates (a directory, a :class:`jinja2.BaseLoader` or a
    :class:`jinja2.Environment`); the title is ``<h{heading_level}>`` and the
    part headings one level below.
    """
    return render_template("report.html.j2", templates,
                           **html_context(report, findings, prefix, templates, heading_level))
