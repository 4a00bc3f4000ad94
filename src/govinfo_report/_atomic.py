"""Atomic file writes that leave no temporary file behind.

The data goes to a temporary file next to the destination, named
``.NAME.XXXXXXXX.govinfo-tmp``, which replaces the destination once complete.
Every exit Python sees (an exception, ``KeyboardInterrupt``, ``SystemExit``)
removes it; a process killed outright cannot, so each write first removes the
temporary files of the same destination older than
:data:`~govinfo_report.limits.STALE_TEMPORARY_SECONDS` (younger ones may belong
to a write still running).
"""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from . import limits

__all__ = ["TEMPORARY_SUFFIX", "temporary_files", "write_atomic", "write_atomic_pieces"]

#: Suffix of every temporary file of :func:`write_atomic`.
TEMPORARY_SUFFIX = ".govinfo-tmp"


def temporary_files(path: Path) -> list[Path]:
    """The temporary files of writes of ``path`` (finished or not) in its directory."""
    directory = path.parent if str(path.parent) else Path(".")
    prefix = f".{path.name}."
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return [directory / name for name in names
            if name.startswith(prefix) and name.endswith(TEMPORARY_SUFFIX)
            and len(name) > len(prefix) + len(TEMPORARY_SUFFIX)]


def _remove_stale(path: Path) -> None:
    oldest = time.time() - limits.STALE_TEMPORARY_SECONDS
    for temporary in temporary_files(path):
        try:
            if temporary.lstat().st_mtime < oldest:
                temporary.unlink()
        except OSError:
            pass  # gone meanwhile, or not ours to remove


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    write_atomic_pieces(path, (data,))


def write_atomic_pieces(path: Path, pieces: Iterable[bytes]) -> None:
    """:func:`write_atomic` of the bytes of ``pieces`` joined, never holding them all.

    An exception raised while ``pieces`` are made leaves ``path`` as it was.
    """
    directory = path.parent if str(path.parent) else Path(".")
    _remove_stale(path)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.",
                                         suffix=TEMPORARY_SUFFIX)
    try:
        try:
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
            os.chmod(temporary, mode)
            with os.fdopen(handle, "wb") as stream:
                handle = -1
                for piece in pieces:
                    stream.write(piece)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temporary, path)
        finally:
            if handle != -1:
                os.close(handle)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
