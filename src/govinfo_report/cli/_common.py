"""Helpers shared by the subcommands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import attrs

from ..convert import write_atomic

__all__ = ["Streams", "UsageError", "write_output"]


class UsageError(Exception):
    """Bad usage of the command line; the message is shown as is."""


@attrs.frozen
class Streams:
    """The standard streams a command reads and writes."""

    stdin: IO[str] = sys.stdin
    stdout: IO[str] = sys.stdout
    stderr: IO[str] = sys.stderr


def write_output(text: str, output: str | None, streams: Streams) -> None:
    """Write ``text`` to the file ``output`` atomically, or to stdout when it is None or ``-``."""
    if output is None or output == "-":
        streams.stdout.write(text)
        return
    try:
        write_atomic(Path(output), text.encode("utf-8"))
    except OSError as error:
        raise UsageError(f"无法写入 {output}（cannot write the file）：{error.strerror}") from None
