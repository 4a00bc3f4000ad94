"""Sphinx configuration of the govinfo-report documentation."""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).parent
sys.path.insert(0, str(DOCS / "_ext"))
sys.path.insert(0, str(DOCS.parent / "src"))

project = "govinfo-report"
author = "govinfo-report contributors"
copyright = "2026, govinfo-report contributors"
language = "zh_CN"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "catalogs",
    "api_catalog",
    "cli_catalog",
    "format_catalog",
    "rule_catalog",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]

html_theme = "furo"
html_title = "govinfo-report"

autodoc_member_order = "bysource"
autodoc_typehints = "signature"
autodoc_default_options = {"members": True, "undoc-members": False}
# The build is offline (no intersphinx), so these types of the standard library and of
# dependencies, which appear in our signatures, have no target here; they stay plain text.
# Every other reference must resolve: a new unresolved one fails the build.
nitpick_ignore = [
    ("py:class", "argparse.ArgumentParser"),
    ("py:class", "collections.abc.Callable"),
    ("py:class", "cattrs.converters.Converter"),
    ("py:class", "collections.abc.Iterable"),
    ("py:class", "collections.abc.Iterator"),
    ("py:class", "collections.abc.Mapping"),
    ("py:class", "collections.abc.Sequence"),
    ("py:class", "datetime.date"),
    ("py:class", "decimal.Decimal"),
    ("py:class", "importlib.abc.Traversable"),  # its module before Python 3.11
    ("py:class", "importlib.resources.abc.Traversable"),
    ("py:class", "os.PathLike"),
    ("py:class", "pathlib.Path"),
    # Template overrides take Jinja2's own types (documented by Jinja2).
    ("py:class", "jinja2.BaseLoader"),
    ("py:class", "jinja2.Environment"),
    ("py:class", "jinja2.environment.Environment"),
    ("py:class", "jinja2.loaders.BaseLoader"),
    # The bounds of count cells in their annotations, read by msgspec (the `fast` extra).
    ("py:class", "msgspec.Meta"),
]
nitpick_ignore_regex = [
    # The classes returned by the public rule factories (sum_equals, minus, ...) are
    # implementation details: rule authors call the factories and pass the results on;
    # the documented common type is govinfo_report.rules.Relation.
    ("py:class", r"govinfo_report\.rules\._(relations|conditions|publication)\.[A-Za-z]+"),
]
doctest_global_setup = "import govinfo_report"
# Only the doctest directives of the narrative pages run here. The ``>>>`` examples in
# docstrings, which autodoc copies into the API pages, run under pytest's
# --doctest-modules with the globals of their module.
doctest_test_doctest_blocks = ""
