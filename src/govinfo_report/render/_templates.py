"""The Jinja2 environments the renderers draw with, compiled once.

The templates are package data (``render/templates/*.j2``). An embedding
system overrides any of them by giving ``templates=``: a directory or a
:class:`jinja2.BaseLoader` searched before the package's own templates, or a
whole :class:`jinja2.Environment` used as it is. Autoescaping is on for every
``*.html.j2`` template. Helpers the templates need are passed in the render
context, not registered as filters, so any environment can render them.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from typing import Any

import jinja2

from ..exceptions import RenderError

__all__ = ["DEFAULT_PREFIX", "Templates", "check_prefix", "default_loader", "environment",
           "render_template", "template"]

#: Prefix of every CSS class the HTML uses.
DEFAULT_PREFIX = "govinfo-"

#: A template override: a directory, a loader, or a whole environment.
Templates = str | os.PathLike[str] | jinja2.BaseLoader | jinja2.Environment | None

_PREFIX = re.compile(r"\A(?:[A-Za-z][A-Za-z0-9_-]*)?\Z")


def check_prefix(prefix: str) -> str:
    """Return ``prefix`` if it can start a CSS class name, else raise :class:`RenderError`."""
    if not isinstance(prefix, str) or not _PREFIX.match(prefix):
        raise RenderError(f"CSS 类名前缀只能由字母开头，含字母、数字、- 和 _：{prefix!r}"
                          f"（the class prefix must be a CSS identifier）")
    return prefix


@functools.cache
def default_loader() -> jinja2.BaseLoader:
    """The loader of the package's own templates (to chain after your own)."""
    return jinja2.PackageLoader("govinfo_report.render", "templates")


def _environment(loader: jinja2.BaseLoader) -> jinja2.Environment:
    return jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",),
                                            default_for_string=True, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,
    )


@functools.cache
def _default_environment() -> jinja2.Environment:
    return _environment(default_loader())


@functools.lru_cache(maxsize=32)
def _override_environment(first: jinja2.BaseLoader | str) -> jinja2.Environment:
    loader = jinja2.FileSystemLoader(first) if isinstance(first, str) else first
    return _environment(jinja2.ChoiceLoader([loader, default_loader()]))


def environment(templates: Templates = None) -> jinja2.Environment:
    """The environment for ``templates`` (see the module docstring); cached."""
    if templates is None:
        return _default_environment()
    if isinstance(templates, jinja2.Environment):
        return templates
    if isinstance(templates, jinja2.BaseLoader):
        return _override_environment(templates)
    directory = Path(templates)
    if not directory.is_dir():
        raise RenderError(f"模板目录不存在：{directory}（no such template directory）")
    return _override_environment(str(directory.resolve()))


def template(name: str, templates: Templates) -> jinja2.Template:
    """The template ``name`` (compiled once per environment)."""
    try:
        return environment(templates).get_template(name)
    except jinja2.TemplateError as error:
        raise RenderError(f"模板 {name} 无法加载（template failed to load）：{error}") from error


def render_template(name: str, templates: Templates, **context: Any) -> str:
    """Render the template ``name``; template errors become :class:`RenderError`."""
    try:
        return environment(templates).get_template(name).render(**context)
    except jinja2.TemplateError as error:
        raise RenderError(f"模板 {name} 无法渲染（template failed）：{error}") from error
