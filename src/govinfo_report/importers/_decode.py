"""Bytes to text, the same way for every importer, saying which encoding was used.

The order is: a byte-order mark; for web pages, the charset the page
declares (``<meta charset>`` or ``http-equiv``) when it decodes cleanly;
strict UTF-8; GB18030 (which also reads GBK and GB2312). A page that
declares none is never read as windows-1252, as a browser would.

>>> decode_text("报告".encode("gb18030"))
Decoded(text='报告', encoding='gb18030')
>>> decode_html(b'<meta charset="gbk"><p>' + "报告".encode("gbk")).encoding
'gb18030'
"""

from __future__ import annotations

import codecs
import re

import attrs

from ..exceptions import UnreadableSourceError

__all__ = ["Decoded", "checked_text", "declared_charset", "decode", "decode_html", "decode_text"]

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))
#: How far into a page its charset declaration is looked for (browsers look at 1024 bytes;
#: saved pages often carry long comments and scripts first).
_PRESCAN = 8192
_META_CHARSET = re.compile(
    rb"<meta\b[^>]*?\bcharset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.IGNORECASE)
#: Declared charsets read with the superset Chinese pages need.
_ALIASES = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
            "gb_2312-80": "gb18030", "euc-cn": "gb18030", "utf8": "utf-8"}
#: Declarations that say nothing reliable: every byte decodes in them, so a GBK or
#: UTF-8 page mislabelled with one of them would turn into mojibake.
_WEAK = frozenset({"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "us-ascii",
                   "ascii"})
_SURROGATE = re.compile("[\ud800-\udfff]")


@attrs.frozen
class Decoded:
    """The text of a document and the encoding it was read in."""

    text: str
    encoding: str


def _bom(data: bytes) -> Decoded | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding.replace("-sig", ""))
            except UnicodeDecodeError:
                return None
    return None


def _fallback(data: bytes, name: str) -> Decoded:
    for encoding in ("utf-8", "gb18030"):
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableSourceError(
        "不是 UTF-8、UTF-16 或 GB18030 编码的文本（not UTF-8, UTF-16 or GB18030 text）",
        source=name)


def decode_text(data: bytes, *, name: str = "") -> Decoded:
    """Plain text: a BOM, else strict UTF-8, else GB18030."""
    return _bom(data) or _fallback(data, name)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first bytes, normalised, or ``None``."""
    match = _META_CHARSET.search(data[:_PRESCAN])
    if match is None:
        return None
    label = match[1].decode("ascii", "replace").lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: bytes, *, name: str = "") -> Decoded:
    """A web page: a BOM, else its declared charset, else strict UTF-8, else GB18030."""
    found = _bom(data)
    if found is not None:
        return found
    declared = declared_charset(data)
    if declared is not None and declared not in _WEAK:
        try:
            return Decoded(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    try:
        return _fallback(data, name)
    except UnreadableSourceError:
        if declared is None:
            raise
    return Decoded(data.decode(declared, "replace"), declared)


def decode(data: bytes, *, name: str = "") -> str:
    """The text of ``data``: UTF-8 (BOM or not), UTF-16 with a BOM, or GB18030."""
    return decode_text(data, name=name).text


def checked_text(text: str, *, name: str = "") -> str:
    """``text`` unchanged, or an error naming a lone surrogate (which is no character)."""
    match = _SURROGATE.search(text)
    if match is not None:
        raise UnreadableSourceError(
            f"文本第 {match.start() + 1} 个字符是孤立的代理码位 U+{ord(match[0]):04X}，不是字符"
            f"（a lone surrogate is not a character）", source=name)
    return text
