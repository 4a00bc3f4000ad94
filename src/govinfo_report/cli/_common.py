"""Helpers shared by the subcommands."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import IO

import attrs

from .._sources import MAX_INPUT_BYTES, describe_os_error, read_file, read_stream, too_large
from ..convert import loads, write_atomic
from ..model import Report

__all__ = [
    "PROGRESS_MIN",
    "STDIN",
    "Progress",
    "Streams",
    "UsageError",
    "binary_stdout",
    "read_input",
    "read_report",
    "read_stdin",
    "write_bytes",
    "write_output",
]

#: The file name that means standard input (or output).
STDIN = "-"

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


def read_stdin(stream: IO[str]) -> bytes:
    """All of standard input as bytes, read from its binary buffer when it has one.

    Reading the bytes lets the loader name a wrong encoding instead of the
    stream failing to decode; the size limit stops endless inputs.
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return read_stream(buffer, "<stdin>")
    text = stream.read(MAX_INPUT_BYTES + 1)
    try:
        data = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # lone surrogates: passed on, for the loader to name
        data = text.encode("utf-8", "surrogatepass")
    if len(data) > MAX_INPUT_BYTES:
        raise too_large("<stdin>", MAX_INPUT_BYTES)
    return data


def read_input(name: str, streams: Streams) -> bytes:
    """The bytes of the file ``name``, or of standard input for ``-`` (see ``read_file``)."""
    if name == STDIN:
        return read_stdin(streams.stdin)
    return read_file(name)


def read_report(name: str, streams: Streams) -> Report:
    """The report in the file ``name`` or on standard input; raises ``LoadError``."""
    source = "<stdin>" if name == STDIN else name
    return loads(read_input(name, streams), source=source)


def _cannot_write(output: str, error: OSError) -> UsageError:
    return UsageError(f"无法写入 {output}（cannot write the file）：{describe_os_error(error)}")


def binary_stdout(streams: Streams) -> IO[bytes] | None:
    """Standard output's binary buffer, unless it is a terminal or has none."""
    buffer: IO[bytes] | None = getattr(streams.stdout, "buffer", None)
    return None if streams.stdout.isatty() else buffer


def write_bytes(data: bytes, output: str, streams: Streams) -> None:
    """Write ``data`` to ``output`` atomically, or to stdout's binary buffer for ``-``."""
    if output == STDIN:
        buffer = binary_stdout(streams)
        if buffer is None:
            raise UsageError("二进制输出不能写到终端，请用 -o 指定文件或重定向标准输出"
                             "（binary output needs a file or a pipe）")
        streams.stdout.flush()
        buffer.write(data)
        buffer.flush()
        return
    try:
        write_atomic(Path(output), data)
    except OSError as error:
        raise _cannot_write(output, error) from None


def write_output(text: str, output: str | None, streams: Streams) -> None:
    """Write ``text`` to the file ``output`` atomically, or to stdout when it is None or ``-``."""
    if output is None or output == STDIN:
        streams.stdout.write(text)
        return
    try:
        write_atomic(Path(output), text.encode("utf-8"))
    except OSError as error:
        raise _cannot_write(output, error) from None


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
