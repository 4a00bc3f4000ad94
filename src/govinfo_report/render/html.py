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

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import jinja2
import markupsafe

from ..exceptions import RenderError
from ..findings import Finding
from ..model import Report
from ._layout import Table
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
    # The package's own table template, in an environment of the package's settings (a
    # whole environment given by the caller may finalize or filter output its own way).
    own = not isinstance(templates, jinja2.Environment) \
        and table_template.filename == _own_table_template().filename
    skeleton = _skeleton if own else None

    def render_table(table: TableView) -> markupsafe.Markup:
        classes, contents = _value_cells(table, p)
        drawn = skeleton(table_template, table.table, p) if skeleton else None
        if drawn is None:
            # A separate render joins the table's many small pieces at C speed.
            return markupsafe.Markup(table_template.render(
                tv=table, p=p, classes=classes, contents=contents,
                escape_texts=escape_texts, escaped_labels=_ESCAPED_LABELS))
        pieces = list(drawn)
        pieces[1::4] = classes
        pieces[3::4] = contents
        return markupsafe.Markup("".join(pieces))

    render_table_: Callable[[TableView], markupsafe.Markup] = render_table
    return {"view": view_of(report, findings), "p": p,
            "h": _check_heading_level(heading_level), "render_table": render_table_}


def _value_cells(table: TableView, p: str) -> tuple[list[str], list[str]]:
    """The class suffix and the escaped content of each value cell of ``table``."""
    contents = escape_texts(table.texts)
    blank = f" {p}blank"
    classes = ["" if text else blank for text in contents]
    for index, mark in table.marks.items():
        classes[index] += f" {p}flagged {p}{mark.severity}"
        numbers = ",".join(str(number) for number in mark.numbers)
        contents[index] += f'<sup class="{p}finding-ref">[{numbers}]</sup>'
    return classes, contents


# Markers drawn in place of a value cell's classes and contents; no label, prefix
# or JSON path of the grid holds them.
_CLASSES, _CONTENTS = "\x01", "\x02"
_MARKERS = re.compile("[\x01\x02]")


@functools.cache
def _own_table_template() -> jinja2.Template:
    return template("table.html.j2", None)


@functools.lru_cache(maxsize=64)
def _skeleton(table_template: jinja2.Template, table: Table, p: str) -> tuple[str, ...] | None:
    """The table drawn once with markers, split around them: the markup between
    value-cell slots, with ``""`` for each slot (classes at 1::4, contents at
    3::4); ``None`` when the template does not show each slot once, in order."""
    count = len(table.value_cells)
    drawn = table_template.render(
        tv=TableView(table=table, texts=("",) * count, marks={}, findings=()), p=p,
        classes=[_CLASSES] * count, contents=[_CONTENTS] * count,
        escape_texts=escape_texts, escaped_labels=_ESCAPED_LABELS)
    if "".join(_MARKERS.findall(drawn)) != (_CLASSES + _CONTENTS) * count:
        return None
    pieces: list[str] = []
    for piece in _MARKERS.split(drawn):
        pieces += (piece, "")
    return tuple(pieces[:-1])


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
