"""The .docx archive, written with most of its members compressed once per process.

A Word document is a zip archive of XML parts. Only two of them depend on the
report (``word/document.xml`` and ``docProps/core.xml``); the others (the
styles alone are 790 kB of XML) are the same in every document the renderer
writes. :class:`Package` deflates those once and, for each report, writes
the archive around the two new parts. The bytes are those :mod:`zipfile`
writes for the same members (deflated, each stamped with a fixed time; the
tests compare the two), so the output stays reproducible.

>>> package = Package.of([("a.xml", b"<a/>"), ("b.xml", None)])
>>> data = package.archive({"b.xml": b"<b/>"})
>>> data == zipfile_archive([("a.xml", b"<a/>"), ("b.xml", b"<b/>")])
True
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping

import attrs

__all__ = ["FIXED_TIMESTAMP", "LARGEST_ARCHIVE", "Package", "zipfile_archive"]

FIXED_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_PERMISSIONS = 0o644 << 16
# The records of the zip format (APPNOTE 4.3.12 and 4.3.16), as zipfile packs them.
_CENTRAL_RECORD = struct.Struct("<4s4B4HL2L5H2L")
_CENTRAL_SIGNATURE = b"PK\001\002"
_END_RECORD = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\005\006"
#: Members larger than this in all (counting the 5 % zipfile allows for data that deflate
#: makes larger) are left to zipfile, which writes the ZIP64 records they may need.
LARGEST_ARCHIVE = zipfile.ZIP64_LIMIT


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED_TIMESTAMP)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = _PERMISSIONS
    return info


def zipfile_archive(members: Iterable[tuple[str, bytes]]) -> bytes:
    """The members written by :mod:`zipfile`, deflated and stamped with the fixed time."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in members:
            target.writestr(_info(name), data)
    return output.getvalue()


@attrs.frozen
class _Member:
    """One member, deflated: its local header and data, and its central directory record
    cut where the offset of the local header goes."""

    name: str
    data: bytes
    #: The local file header and the compressed data.
    local: bytes
    #: The central directory record up to the offset of the local header, which the archive
    #: fills in; the file name follows the offset.
    central: bytes
    filename: bytes


def _deflated(name: str, data: bytes) -> _Member:
    # zipfile's own compressor settings, so that the bytes are the same.
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    compressed = compressor.compress(data) + compressor.flush()
    info = _info(name)
    info.CRC = zlib.crc32(data)
    info.file_size, info.compress_size = len(data), len(compressed)
    encoded = name.encode("ascii")
    year, month, day, hour, minute, second = FIXED_TIMESTAMP
    central = _CENTRAL_RECORD.pack(
        _CENTRAL_SIGNATURE, info.create_version, info.create_system, info.extract_version,
        info.reserved, info.flag_bits, info.compress_type, hour << 11 | minute << 5 | second // 2,
        (year - 1980) << 9 | month << 5 | day, info.CRC, info.compress_size, info.file_size,
        len(encoded), 0, 0, 0, info.internal_attr, info.external_attr, 0)
    return _Member(name, data, info.FileHeader(zip64=False) + compressed, central[:-4],
                   encoded)


@attrs.frozen
class Package:
    """The members of a document in archive order; ``None`` marks a part given per archive."""

    members: tuple[_Member | str, ...]

    @classmethod
    def of(cls, members: Iterable[tuple[str, bytes | None]]) -> Package:
        return cls(tuple(name if data is None else _deflated(name, data)
                         for name, data in members))

    def archive(self, parts: Mapping[str, bytes]) -> bytes:
        """The archive with ``parts`` in the places left for them."""
        members = [_deflated(member, parts[member]) if isinstance(member, str) else member
                   for member in self.members]
        if sum(len(member.data) for member in members) * 1.05 > LARGEST_ARCHIVE:
            # Far beyond a report's size: zipfile writes the ZIP64 records such archives need.
            return zipfile_archive((member.name, member.data) for member in members)
        output = bytearray()
        offsets = []
        for member in members:
            offsets.append(len(output))
            output += member.local
        start = len(output)
        for member, offset in zip(members, offsets, strict=True):
            output += member.central + struct.pack("<L", offset) + member.filename
        output += _END_RECORD.pack(_END_SIGNATURE, 0, 0, len(members), len(members),
                                   len(output) - start, start, 0)
        return bytes(output)
