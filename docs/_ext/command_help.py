"""Reference helpers of the rendering pages.

- ``{command-help} render`` shows the ``--help`` of a subcommand, generated
  from the parser, so the page cannot drift from the command line.
- Type hints in the API pages name the report classes, ``Finding`` and the
  exceptions. Until a page documents those classes, such a reference is
  shown as plain text instead of failing the nitpicky build; any other
  missing reference still fails it.
"""

from __future__ import annotations

import argparse
import os
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from govinfo_report.cli import build_parser


def command_help(name: str, width: int = 88) -> str:
    """The help text of subcommand ``name``, wrapped at ``width`` columns."""
    previous = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        parser = build_parser()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                return str(action.choices[name].format_help())
        raise KeyError(name)
    finally:
        if previous is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = previous


class CommandHelp(SphinxDirective):
    """A literal block with the help of one subcommand."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        text = command_help(self.arguments[0])
        return [nodes.literal_block(text, text, language="text")]


_LIBRARY_CLASSES = re.compile(
    r"govinfo_report\.(model\.(v2021|v2019|common)|findings|exceptions)\.[A-Z]\w*")


def _undocumented_library_class(app: Sphinx, domain: str, node: Any) -> bool | None:
    if node.get("refdomain") == "py" and node.get("reftype") in ("class", "exc") \
            and _LIBRARY_CLASSES.fullmatch(node.get("reftarget", "")):
        return True
    return None


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("command-help", CommandHelp)
    app.connect("warn-missing-reference", _undocumented_library_class)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
