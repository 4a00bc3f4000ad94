"""The data-entry form: fill a report in, in the official layout, checked live.

- ``static/rules.js`` interprets :func:`rule_set`, the same document
  ``govinfo-report rules --json`` writes, so the browser finds what
  :func:`~govinfo_report.rules.iter_findings` finds.
- :func:`assets` gives the embeddable pieces of one format: the HTML
  fragment (a ``<govinfo-report-form>`` element), the ES module
  ``static/form.js`` (which imports its sibling ``rules.js``), the stylesheet
  ``static/form.css`` and the rule set as JSON. None of them needs inline
  script, so they work under ``script-src 'self'``.
- :func:`page` gives one self-contained page (``govinfo-report form``).

>>> parts = assets("2021")
>>> parts.fragment.startswith('<govinfo-report-form class="govinfo-form" format="2021"')
True
>>> sorted(path.name for path in (parts.module_path, parts.rules_path, parts.css_path))
['form.css', 'form.js', 'rules.js']
"""

from __future__ import annotations

import base64
import functools
import importlib.resources
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..model import FormatVersion, Report
from ..render._templates import DEFAULT_PREFIX
from ..render.page import stylesheet
from ..rules import rules_as_json
from . import _messages
from ._fragment import render_fragment, render_template, script_json
from ._model import form_model, totals_of

__all__ = ["MESSAGES", "STATIC", "FormAssets", "assets", "form_model", "page", "rule_set",
           "rule_set_of", "stylesheet_text", "totals_of"]

#: The form's static files (``rules.js``), inside the installed package.
STATIC = importlib.resources.files(__package__) / "static"
#: The same folder as a path (``form.js``, ``rules.js``, ``form.css``).
_STATIC_PATH = Path(__file__).parent / "static"

#: The interface texts (Simplified Chinese) by key; override some with ``messages=``.
MESSAGES = _messages.MESSAGES

#: The id prefix of the fragment's elements (give another for a second form on a page).
DEFAULT_ID_PREFIX = "govinfo-form"


def rule_set() -> dict[str, Any]:
    """The exported rule set the browser engine interprets."""
    return rules_as_json()


def rule_set_of(format: FormatVersion | str) -> dict[str, Any]:
    """:func:`rule_set` reduced to the checks and labels of one format (half the size)."""
    version = FormatVersion(format).value
    document = rule_set()
    return {**document, "formats": [version],
            "rules": [{**rule, "checks": {version: rule["checks"][version]}}
                      for rule in document["rules"]],
            "labels": {version: document["labels"][version]}}


@attrs.frozen(kw_only=True)
class FormAssets:
    """The embeddable pieces of the form of one format."""

    format: FormatVersion
    #: The ``<govinfo-report-form>`` element, with its data blocks.
    fragment: str
    #: ``form.js``: defines the element and exports ``mount``.
    module_path: Path
    #: ``rules.js``, which ``form.js`` imports as ``./rules.js``.
    rules_path: Path
    #: ``form.css`` for the default class prefix.
    css_path: Path
    #: The stylesheet for the requested class prefix.
    css: str
    #: :func:`rule_set_of` the format, as JSON (also in the fragment).
    rule_set_json: str


def stylesheet_text(prefix: str = DEFAULT_PREFIX) -> str:
    """The form's CSS: the page stylesheet (layout, print) then the form's own rules."""
    return stylesheet(prefix) + render_template("form.css.j2", p=prefix)


def _report_json(report: Report | None) -> str | None:
    if report is None:
        return None
    from ..convert import to_dict

    return script_json(to_dict(report))


def assets(format: FormatVersion | str = FormatVersion.V2021, *, report: Report | None = None,
           previous: Report | None = None, prefix: str = DEFAULT_PREFIX,
           id_prefix: str = DEFAULT_ID_PREFIX, messages: Mapping[str, str] | None = None,
           heading_level: int = 1) -> FormAssets:
    """The form of ``format`` as embeddable pieces.

    ``report`` fills the form when it loads; ``previous`` (the same organ's
    report of the year before, in either format) enables the cross-year
    checks; ``prefix`` starts every class
    name and ``id_prefix`` every id; ``messages`` overrides interface texts
    (keys of :data:`MESSAGES`); the title is ``<h{heading_level}>`` and the
    part headings one level below.
    """
    version = FormatVersion(format)
    rules = rule_set_of(version)
    fragment = render_fragment(version, prefix=prefix, id_prefix=id_prefix, messages=messages,
                               rule_set=rules, report_json=_report_json(report),
                               previous_json=_report_json(previous),
                               heading_level=heading_level)
    return FormAssets(format=version, fragment=fragment, module_path=_STATIC_PATH / "form.js",
                      rules_path=_STATIC_PATH / "rules.js", css_path=_STATIC_PATH / "form.css",
                      css=stylesheet_text(prefix), rule_set_json=script_json(rules))


@functools.cache
def _inline_module() -> str:
    """``form.js`` with its import of ``./rules.js`` turned into a data URL (one file, no fetch)."""
    rules = (_STATIC_PATH / "rules.js").read_bytes()
    url = "data:text/javascript;base64," + base64.b64encode(rules).decode("ascii")
    module = (_STATIC_PATH / "form.js").read_text(encoding="utf-8")
    inlined = module.replace('from "./rules.js"', f"from {json.dumps(url)}")
    assert inlined != module, "form.js must import ./rules.js"
    return inlined.replace("</script", "<\\/script")


def page(format: FormatVersion | str = FormatVersion.V2021, *, report: Report | None = None,
         previous: Report | None = None, messages: Mapping[str, str] | None = None) -> str:
    """The form as one self-contained HTML page (inline CSS, module and data; no network).

    With ``report``, the page opens it, in its own format; ``previous`` as in :func:`assets`.
    """
    version = report.format if report is not None else FormatVersion(format)
    pieces = assets(version, report=report, previous=previous, messages=messages)
    return render_template("page.html.j2", p=DEFAULT_PREFIX, title=version.format_name,
                           css=pieces.css, fragment=pieces.fragment, module=_inline_module())
