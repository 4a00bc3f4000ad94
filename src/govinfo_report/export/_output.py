"""Where exports write: a path (atomically), a binary stream or a text stream."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

__all__ = ["Output", "binary_output"]

#: A file name, or an open stream (binary, or text opened with ``newline=""``).
Output = str | os.PathLike[str] | IO[bytes] | IO[str]


class _TextSink(io.RawIOBase):
    """Bytes in, UTF-8 text out to a text stream."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self.stream = stream

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.stream.write(bytes(data).decode("utf-8"))
        return len(data)


@contextlib.contextmanager
def binary_output(file: Output) -> Iterator[IO[bytes]]:
    """A binary stream writing to ``file``.

    A path is written atomically: to a temporary file beside it, renamed over
    it only when the whole export succeeded (on any error it is removed).
    """
    if isinstance(file, io.TextIOBase):
        yield typing.cast(IO[bytes], _TextSink(typing.cast(IO[str], file)))
        return
    if not isinstance(file, (str, os.PathLike)):
        yield typing.cast(IO[bytes], file)
        return
    path = Path(file)
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temporary, mode)
        with os.fdopen(handle, "wb", buffering=1 << 20) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
