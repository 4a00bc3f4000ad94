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
import io
import os
import sys
from typing import IO

from .. import __version__
from ..exceptions import GovInfoReportError
from ._common import Streams, UsageError
from ._parser import Parser

__all__ = ["EXIT_FINDINGS", "EXIT_INVALID", "EXIT_OK", "build_parser", "main"]

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_INVALID = 2

#: Subcommand modules, in the order ``--help`` lists them.
COMMAND_MODULES = (
    "_cmd_validate",
    "_cmd_rules",
    "_cmd_example",
    "_cmd_new",
    "_cmd_schema",
    "_cmd_import",
    "_cmd_render",
    "_cmd_aggregate",
    "_cmd_compare",
    "_cmd_export",
    "_cmd_form",
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand (also used to generate the CLI docs).

    ``only`` names the one subcommand to register: a run of ``validate``
    then imports what validating needs and not the renderers or importers.
    """
    parser = Parser(
        prog="govinfo-report",
        description="政府信息公开工作年度报告：校验、渲染、导入与导出。",
        epilog="退出码：0 无问题；1 报告有问题；2 输入无法读取或用法错误。",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help="显示版本号并退出")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser,
                                       title="命令（commands）")
    subparsers.required = True
    for name in COMMAND_MODULES if only is None else (f"_cmd_{only}",):
        importlib.import_module(f"{__name__}.{name}").register(subparsers)
    return parser


def _command_named(argv: list[str]) -> str | None:
    """The subcommand ``argv`` starts with, if it is one (options may only follow it)."""
    if argv and f"_cmd_{argv[0]}" in COMMAND_MODULES:
        return argv[0]
    return None


def _escape_what_cannot_be_encoded(stream: IO[str]) -> None:
    """Let a stream whose encoding has no Chinese (``PYTHONIOENCODING=ascii``) escape it.

    ``\\uXXXX`` escapes keep JSON output valid JSON; text stays readable to a
    developer instead of the command failing. A stream that has Chinese writes
    the surrogate escapes of file names back as their bytes.
    """
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        "政府".encode(encoding)
    except (UnicodeEncodeError, LookupError):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    else:
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            # A file name that is not UTF-8 reaches argv as surrogate escapes: written
            # back as the bytes it came from, as the system does with it.
            stream.reconfigure(errors="surrogateescape")


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError, ValueError):
        os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def _closed(mode: str) -> IO[str]:
    """For a standard stream the process was started without (``>&-``): as Python's
    ``print`` does then, output goes nowhere and input is empty."""
    return open(os.devnull, mode, encoding="utf-8")


def main(argv: list[str] | None = None, *, stdin: IO[str] | None = None,
         stdout: IO[str] | None = None, stderr: IO[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    if stdout is None:
        _escape_what_cannot_be_encoded(sys.stdout)
    if stderr is None:
        _escape_what_cannot_be_encoded(sys.stderr)
    streams = Streams(stdin=stdin or sys.stdin or _closed("r"),
                      stdout=stdout or sys.stdout or _closed("w"),
                      stderr=stderr or sys.stderr or _closed("w"))
    if argv is None:
        argv = sys.argv[1:]
    parser = build_parser(_command_named(argv))
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
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, as other Unix tools do.
        if stdout is None:
            _silence_stdout()
        return 141
    return code
