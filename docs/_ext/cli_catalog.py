"""The command-line reference, generated from :func:`govinfo_report.cli.build_parser`.

``{cli-catalog}`` walks the parser and renders one section per subcommand (nested
subcommands too) with its usage, description and arguments; ``{cli-exit-codes}``
lists the exit codes the ``EXIT_*`` constants of :mod:`govinfo_report.cli` name.
A subcommand added to ``COMMAND_MODULES`` appears without editing the docs.
"""

from __future__ import annotations

import argparse
import functools
from typing import Any

from api_catalog import node_table
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from govinfo_report import cli

#: Width of the usage lines, fixed so the page does not depend on the terminal.
USAGE_WIDTH = 88

#: What each exit code means; every ``EXIT_*`` constant of the CLI must be here.
EXIT_MEANINGS = {
    "EXIT_OK": "完成，没有发现问题。",
    "EXIT_FINDINGS": "完成，但报告有问题（检查结果、未能读取的单元格等）。",
    "EXIT_INVALID": "输入无法读取或不是有效的报告，或命令行用法错误；"
                    "每个问题在标准错误输出一行，不输出 Python 回溯。",
}


def _subcommands(parser: argparse.ArgumentParser
                 ) -> list[tuple[str, str, argparse.ArgumentParser]]:
    """(name, one-line help, parser) of each subcommand, in the order ``--help`` lists them."""
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
            seen: set[int] = set()
            for name, subparser in action.choices.items():
                if id(subparser) not in seen:
                    seen.add(id(subparser))
                    found.append((name, helps.get(name, ""), subparser))
    return found


def _usage(parser: argparse.ArgumentParser) -> str:
    parser.formatter_class = functools.partial(parser.formatter_class, width=USAGE_WIDTH)
    return parser.format_usage().removeprefix("usage: ").strip()


def _argument_name(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    """The argument as ``--help`` shows it: ``-o OUTPUT, --output OUTPUT``, ``{2021,2019}``."""
    formatter = parser._get_formatter()
    if not action.option_strings:
        return formatter._format_args(action, formatter._get_default_metavar_for_positional(action))
    if action.nargs == 0:
        return ", ".join(action.option_strings)
    value = formatter._format_args(action, formatter._get_default_metavar_for_optional(action))
    return ", ".join(f"{option} {value}" for option in action.option_strings)


def _argument_help(parser: argparse.ArgumentParser, action: argparse.Action) -> str:
    """The help text, with the default added unless it states it (the choices are
    in the argument's name, as ``--help`` shows them)."""
    text = parser._get_formatter()._expand_help(action) if action.help else ""
    facts = [text] if text else []
    has_default = action.option_strings and action.nargs != 0 and action.default not in (
        None, argparse.SUPPRESS)
    if has_default and "默认" not in text:
        facts.append(f"默认：{action.default}")
    if action.required and action.option_strings:
        facts.append("必需")
    return "；".join(facts)


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [action for action in parser._actions
            if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction))]


class CliCatalog(SphinxDirective):
    """Every subcommand of ``govinfo-report`` with its usage and arguments."""

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()  # generated from the code, which Sphinx does not watch
        parser = cli.build_parser()
        result: list[nodes.Node] = [*self._body(parser)]
        for name, summary, subparser in _subcommands(parser):
            result.append(self._section(name, summary, subparser))
        return result

    def _body(self, parser: argparse.ArgumentParser) -> list[nodes.Node]:
        body: list[nodes.Node] = []
        usage = _usage(parser)
        body.append(nodes.literal_block(usage, usage, language="text"))
        for text in (parser.description, parser.epilog):
            if text:
                body.append(nodes.paragraph(text=text))
        rows: list[list[nodes.Element]] = []
        for action in _arguments(parser):
            name = nodes.paragraph()
            name += nodes.literal(text=_argument_name(parser, action))
            rows.append([name, nodes.paragraph(text=_argument_help(parser, action))])
        if rows:
            body.append(node_table(["参数", "说明"], rows, [30, 70]))
        return body

    def _section(self, name: str, summary: str,
                 parser: argparse.ArgumentParser) -> nodes.section:
        section = nodes.section(ids=[make_id(self.env, self.state.document, "cli", parser.prog)])
        title = nodes.title()
        title += nodes.literal(text=parser.prog)
        section += title
        if summary:
            section += nodes.paragraph(text=summary)
        section.extend(self._body(parser))
        for child_name, child_summary, child in _subcommands(parser):
            section += self._section(child_name, child_summary, child)
        return section


class CliExitCodes(SphinxDirective):
    """The exit codes, from the ``EXIT_*`` constants of the CLI."""

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()
        constants = {name: getattr(cli, name) for name in dir(cli) if name.startswith("EXIT_")}
        missing = sorted(set(constants) - set(EXIT_MEANINGS))
        if missing:
            raise self.error(f"exit codes without a meaning in cli_catalog: {missing}")
        rows: list[list[nodes.Element]] = []
        for name, code in sorted(constants.items(), key=lambda item: item[1]):
            cell = nodes.paragraph()
            cell += nodes.literal(text=str(code))
            cell += nodes.Text(" （")
            cell += nodes.literal(text=f"cli.{name}")
            cell += nodes.Text("）")
            rows.append([cell, nodes.paragraph(text=EXIT_MEANINGS[name])])
        return [node_table(["退出码", "含义"], rows, [30, 70])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("cli-catalog", CliCatalog)
    app.add_directive("cli-exit-codes", CliExitCodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
