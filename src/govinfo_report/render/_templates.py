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

from ..exceptions import GovInfoReportError, RenderError, TemplateFailedError

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
    except GovInfoReportError:
        raise
    except (jinja2.TemplateError, UnicodeError, OSError, RecursionError) as error:
        raise _failure(name, error, loading=True) from error


def render_template(name: str, templates: Templates, **context: Any) -> str:
    """Render the template ``name``; any failure inside a template becomes
    :class:`~govinfo_report.exceptions.TemplateFailedError` naming the template
    and line where it happened (an included template's, not the includer's)."""
    compiled = template(name, templates)
    try:
        return compiled.render(**context)
    except GovInfoReportError:
        raise
    except MemoryError:
        raise
    except Exception as error:
        raise _failure(name, error, loading=False) from error


def _location(error: BaseException, name: str) -> tuple[str, int | None]:
    """The template and line where ``error`` happened: the innermost template frame."""
    if isinstance(error, jinja2.TemplateSyntaxError) and error.name:
        return error.name, error.lineno
    found: tuple[str, int | None] = (name, None)
    traceback = error.__traceback__
    while traceback is not None:
        frame = traceback.tb_frame
        if "__jinja_exception__" in frame.f_globals:
            found = (os.path.basename(frame.f_code.co_filename) or name, traceback.tb_lineno)
        elif frame.f_code.co_name == "get_source" and isinstance(
                frame.f_locals.get("template"), str):
            # A loader failing to read an included template (an undecodable file).
            return frame.f_locals["template"], None
        traceback = traceback.tb_next
    if isinstance(error, jinja2.TemplateNotFound):
        return str(error.name or name), found[1]
    return found


def _failure(name: str, error: BaseException, *, loading: bool) -> TemplateFailedError:
    where, line = _location(error, name)
    at = f"第 {line} 行" if line else ""
    at_en = f" at line {line}" if line else ""
    if isinstance(error, UnicodeError):
        reason = "模板文件不是 UTF-8 编码（the template file is not UTF-8）"
    elif isinstance(error, RecursionError):
        reason = "模板嵌套过深（templates include each other without end）"
    else:
        detail = error.message if isinstance(error, jinja2.TemplateError) else str(error)
        reason = f"{type(error).__name__}: {detail}"
    action = ("无法加载", "failed to load") if loading else ("渲染失败", "failed")
    return TemplateFailedError(
        f"模板 {where} {at}{action[0]}（template {where} {action[1]}{at_en}）：{reason}",
        template=where, line=line)
