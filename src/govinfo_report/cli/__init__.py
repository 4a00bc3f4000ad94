"""The ``govinfo-report`` command line.

``main(argv, stdin=..., stdout=..., stderr=...)`` takes its streams as
arguments so tests run it in-process. Each subcommand lives in its own
``_cmd_*`` module with ``register(subparsers)``; the function it sets as
``handler`` returns the exit code.

Exit codes, for every subcommand:

- ``0``: done, nothing wrong;
- ``1``: done, and the report has problems (findings, unread cells …);
- ``2``: unreadable or invalid input, or bad usage. Never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import sys
from typing import IO

from .. import __version__
from ..exceptions import GovInfoReportError
from ._common import Streams, UsageError

__all__ = ["EXIT_FINDINGS", "EXIT_INVALID", "EXIT_OK", "build_parser", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2

#: Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "_cmd_validate",
    "_cmd_rules",
    "_cmd_example",
    "_cmd_schema",
    "_cmd_import",
    "_cmd_render",
    "_cmd_aggregate",
    "_cmd_compare",
    "_cmd_export",
    "_cmd_form",
)


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, so ``main`` decides the exit."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    """The parser of every subcommand (also used to generate the CLI docs)."""
    parser = _Parser(
        prog="govinfo-report",
        description="政府信息公开工作年度报告：校验、渲染、导入与导出。",
        epilog="退出码：0 无问题；1 报告有问题；2 输入无法读取或用法错误。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for name in COMMAND_MODULES:
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def main(argv: list[str] | None = None, *, stdin: IO[str] | None = None,
         stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    streams = Streams(stdin=stdin or sys.stdin, stdout=stdout or sys.stdout,
                      stderr=stderr or sys.stderr)
    parser = build_parser()
    try:
        try:
            with contextlib.redirect_stdout(streams.stdout):
                arguments = parser.parse_args(argv)
        except SystemExit as exit:  # --help and --version
            return int(exit.code or 0)
        code: int = arguments.handler(arguments, streams)
    except UsageError as error:
        streams.stderr.write(f"{error}\n")
        return EXIT_INVALID
    except GovInfoReportError as error:
        streams.stderr.write(f"{error}\n")
        return EXIT_INVALID
    except KeyboardInterrupt:
        streams.stderr.write("已中断（interrupted）\n")
        return 130
    return code
