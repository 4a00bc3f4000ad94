"""Standalone page: one self-contained HTML5 file to publish or print.

The page wraps the fragment of :mod:`govinfo_report.render.html` with an
embedded stylesheet (every selector scoped by the class prefix; no script,
no external asset): 公文 typography after GB/T 9704 with font stacks that
fall back from 方正小标宋简体, 仿宋_GB2312, 黑体 and 宋体 to the fonts a
system has, and print styles for A4.

>>> from govinfo_report.examples import load_example
>>> page = render(load_example("2019"))
>>> page.startswith("<!DOCTYPE html>")
True
>>> ".govinfo-report .govinfo-title {" in stylesheet()
True
"""

from __future__ import annotations

from collections.abc import Iterable

from ..findings import Finding
from ..model import Report
from ._templates import DEFAULT_PREFIX, Templates, check_prefix, render_template
from .html import html_context

__all__ = ["render", "stylesheet"]


def stylesheet(prefix: str = DEFAULT_PREFIX, *, templates: Templates = None) -> str:
    """The page's CSS, scoped by ``prefix``, for pages that embed the fragment."""
    return render_template("page.css.j2", templates, p=check_prefix(prefix))


def render(report: Report, *, findings: Iterable[Finding] = (), prefix: str = DEFAULT_PREFIX,
           templates: Templates = None) -> str:
    """The report as a standalone HTML5 page (see :func:`govinfo_report.render.html.render`)."""
    return render_template("page.html.j2", templates,
                           stylesheet=stylesheet(prefix, templates=templates),
                           **html_context(report, findings, prefix, templates, 1))
