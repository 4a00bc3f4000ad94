"""Helpers shared by the subcommands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import attrs

from ..convert import write_atomic

__all__ = ["PROGRESS_MIN", "Progress", "Streams", "UsageError", "write_output"]

#: Show a progress bar on a terminal from this many inputs on.
PROGRESS_MIN = 200
_BAR_WIDTH = 30


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


class Progress:
    """A progress bar on standard error, shown only on a terminal for large inputs.

    ``PROGRESS_MIN`` is read when the bar is made, so tests may lower it.
    """

    def __init__(self, streams: Streams, total: int, verb: str) -> None:
        self.stream = streams.stderr
        self.total = total
        self.verb = verb
        self.shown = total >= PROGRESS_MIN and streams.stderr.isatty()
        self.step = max(1, total // 200)

    def update(self, done: int) -> None:
        """Show that ``done`` of the inputs are finished."""
        if self.shown and (done % self.step == 0 or done == self.total):
            filled = _BAR_WIDTH * done // self.total
            self.stream.write(f"\r{self.verb} [{'#' * filled}{'.' * (_BAR_WIDTH - filled)}] "
                              f"{done}/{self.total}")
            self.stream.flush()

    def clear(self) -> None:
        """Erase the bar (before other output, and at the end)."""
        if self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()
