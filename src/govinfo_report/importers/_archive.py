"""Refuse a .docx or .xlsx archive that would inflate past the limits, before inflating it."""

from __future__ import annotations

import zipfile
import zlib
from io import BytesIO

from ..exceptions import UnreadableSourceError
from ..limits import (
    IMPORT_MAX_ARCHIVE_ENTRIES,
    IMPORT_MAX_INFLATED_BYTES,
    IMPORT_MAX_INFLATION_RATIO,
    IMPORT_RATIO_FLOOR_BYTES,
)

__all__ = ["READ_ERRORS", "check_archive"]

#: What reading a part of a damaged archive can raise: a missing part, a broken
#: directory, a damaged deflate stream, a compression method zipfile lacks, a
#: stream cut short, a part flagged as encrypted (RuntimeError).
READ_ERRORS: tuple[type[Exception], ...] = (
    KeyError, zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, OSError, ValueError,
    RuntimeError)


def check_archive(data: bytes, *, what: str, name: str = "") -> None:
    """Raise :class:`UnreadableSourceError` when the archive ``data`` is no ZIP, holds
    too many entries or declares parts that inflate past the limits.

    The sizes checked are those the archive declares; :mod:`zipfile` never
    inflates a part past its declared size, so the check bounds the work.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, ValueError,
            OSError) as error:  # NotImplementedError: a damaged "version needed" field
        raise UnreadableSourceError(f"不是可读取的 {what} 文档（not a readable {what} "
                                    f"archive）：{error}", source=name) from None
    if len(entries) > IMPORT_MAX_ARCHIVE_ENTRIES:
        raise UnreadableSourceError(
            f"压缩包有 {len(entries)} 个条目，超过上限 IMPORT_MAX_ARCHIVE_ENTRIES = "
            f"{IMPORT_MAX_ARCHIVE_ENTRIES}（too many archive entries）", source=name)
    inflated = sum(entry.file_size for entry in entries)
    if inflated > IMPORT_MAX_INFLATED_BYTES:
        raise UnreadableSourceError(
            f"压缩包解压后共 {inflated} 字节，超过上限 IMPORT_MAX_INFLATED_BYTES = "
            f"{IMPORT_MAX_INFLATED_BYTES}（the archive inflates past the limit）", source=name)
    if inflated > IMPORT_RATIO_FLOOR_BYTES and \
            inflated > IMPORT_MAX_INFLATION_RATIO * len(data):
        raise UnreadableSourceError(
            f"压缩包解压后是原大小的 {inflated // max(len(data), 1)} 倍，超过上限 "
            f"IMPORT_MAX_INFLATION_RATIO = {IMPORT_MAX_INFLATION_RATIO}"
            "（the archive inflates past the limit）", source=name)
