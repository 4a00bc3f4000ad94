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
    "command_help",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3
exclude_patterns = ["_build"]

html_theme = "furo"
html_title = "govinfo-report"

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "undoc-members": False}
# The build is offline (no intersphinx): references to other projects' types stay plain text.
nitpick_ignore_regex = [
    (r"py:.*", r"(attrs|cattrs|jsonschema|hypothesis|jinja2)\..*"),
    (r"py:class", r"(collections\.abc|typing|decimal|datetime|enum|pathlib|argparse|os)\..*"),
    (r"py:class", r"(IO|Any|Traversable|Decimal|Path)(\[.*\])?"),
    (r"py:class", r"(T|_T|JSONValue|Extensions|PathSegment)"),
]
doctest_global_setup = "import govinfo_report"
