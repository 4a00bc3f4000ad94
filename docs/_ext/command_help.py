"""``{command-help} NAME``: the ``--help`` text of one subcommand, from the parser itself."""

from __future__ import annotations

import argparse
import functools
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from govinfo_report.cli import build_parser

#: Width of the help text, fixed so the page does not depend on the terminal.
HELP_WIDTH = 88


def _subparser(name: str) -> argparse.ArgumentParser:
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            parser: argparse.ArgumentParser = action.choices[name]
            return parser
    raise ValueError(f"no subcommand {name!r}")


class CommandHelp(SphinxDirective):
    """The help of ``govinfo-report NAME`` as a literal block."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        parser = _subparser(self.arguments[0])
        parser.formatter_class = functools.partial(parser.formatter_class, width=HELP_WIDTH)
        text = parser.format_help().rstrip()
        block = nodes.literal_block(text, text)
        block["language"] = "text"
        return [block]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("command-help", CommandHelp)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
