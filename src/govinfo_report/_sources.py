"""Reading a report document from a file or a stream, safely.

Only regular files are opened: a FIFO or a device would block or never end.
Inputs are read with a size limit, so ``/dev/zero`` given as standard input
is refused instead of filling the memory. Operating-system errors are named
in Chinese with the English original.

>>> describe_os_error(FileNotFoundError(2, "No such file or directory"))
'没有这个文件或目录（No such file or directory）'
"""

from __future__ import annotations

import errno
import os
import stat
from typing import IO

from .exceptions import LoadError, Problem
from .limits import MAX_FILE_BYTES

__all__ = ["MAX_INPUT_BYTES", "describe_os_error", "read_file", "read_stream",
           "regular_file_status", "too_large"]

#: The largest document read, in bytes (:data:`~govinfo_report.limits.MAX_FILE_BYTES`).
MAX_INPUT_BYTES = MAX_FILE_BYTES

_OS_ERRORS = {
    errno.ENOENT: "没有这个文件或目录",
    errno.EACCES: "权限不足",
    errno.EPERM: "不允许的操作",
    errno.EISDIR: "是一个目录",
    errno.ENOTDIR: "路径中有一部分不是目录",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "只读文件系统",
    errno.ENAMETOOLONG: "文件名太长",
    errno.ELOOP: "符号链接层数过多",
    errno.EIO: "输入输出错误",
}


def describe_os_error(error: OSError) -> str:
    """The reason of ``error`` in Chinese, with the system's wording in parentheses."""
    english = error.strerror or str(error)
    chinese = _OS_ERRORS.get(error.errno or 0)
    return f"{chinese}（{english}）" if chinese else english


def _unreadable(source: str, reason: str) -> LoadError:
    return LoadError([Problem(json_path="$", labels=(), message=(
        f"无法读取文件（cannot read the file）：{reason}"))], source=source)


def too_large(source: str, limit: int) -> LoadError:
    """The error for an input over ``limit`` bytes."""
    return _unreadable(source, f"超过 {limit // (1024 * 1024)} MiB 的输入不予读取"
                               f"（input larger than {limit} bytes）")


def read_stream(stream: IO[bytes], source: str, *, limit: int = MAX_INPUT_BYTES,
                size: int | None = None) -> bytes:
    """Read ``stream`` to its end, refusing more than ``limit`` bytes.

    ``size`` is the size the stream is expected to have (a file's): reading
    that much first spares allocating ``limit`` bytes for every small file.
    """
    try:
        if size is not None and size < limit:
            data = stream.read(size + 1)
            if len(data) > size:  # the file grew since its size was read
                data += stream.read(limit - size)
        else:
            data = stream.read(limit + 1)
    except OSError as error:
        raise _unreadable(source, describe_os_error(error)) from None
    if len(data) > limit:
        raise too_large(source, limit)
    return data


def regular_file_status(source: str) -> os.stat_result:
    """The status of ``source``, refusing what is not a regular file with a LoadError.

    A FIFO would block the reader forever and a device never ends, so neither
    is opened; a name no system can hold (a NUL byte, a lone surrogate) is refused too.
    """
    try:
        status = os.stat(source)
    except OSError as error:
        raise _unreadable(source, describe_os_error(error)) from None
    except (ValueError, UnicodeEncodeError):
        raise _unreadable(source, "文件名无效（invalid file name）") from None
    if stat.S_ISDIR(status.st_mode):
        raise _unreadable(source, describe_os_error(IsADirectoryError(
            errno.EISDIR, os.strerror(errno.EISDIR))))
    if not stat.S_ISREG(status.st_mode):
        raise _unreadable(source, "不是普通文件（not a regular file）；"
                                  "从管道或设备读取请用 - 表示标准输入")
    return status


def read_file(path: str | os.PathLike[str], *, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file ``path``.

    Raises :class:`~govinfo_report.exceptions.LoadError` (one problem at
    ``$``, the file as its source) when the file is missing, unreadable,
    not a regular file (a directory, FIFO or device) or larger than ``limit``.
    """
    source = os.fspath(path)
    status = regular_file_status(source)
    if status.st_size > limit:
        raise too_large(source, limit)
    try:
        with open(source, "rb") as stream:
            return read_stream(stream, source, limit=limit, size=status.st_size)
    except OSError as error:
        raise _unreadable(source, describe_os_error(error)) from None
