"""Importers: read published reports (text, web pages, Word, PDF) into the typed model.

One module per source kind, each with a pure ``parse(data) -> ImportResult``:

- :mod:`~govinfo_report.importers.text`: plain text as copied from a web page,
  extracted from HTML or OCR'd from a PDF;
- :mod:`~govinfo_report.importers.html`: web pages with ``<table>`` markup
  (extra ``html``);
- :mod:`~govinfo_report.importers.docx`: Word documents (extra ``docx``);
- :mod:`~govinfo_report.importers.pdf`: PDF files with a text layer (extra ``pdf``);
- :mod:`~govinfo_report.importers.xlsx`: Excel workbooks in the official layout,
  one report per sheet or per block (extra ``xlsx``).

:func:`read` reads a file and picks the importer; :func:`parse` does the same
for data already in memory; :func:`read_all` and :func:`parse_all` return every
report of a workbook (one for the other kinds). Bytes are decoded by their
byte-order mark, a web page's declared charset, UTF-8, else GB18030 (the
encoding is named in ``result.source.encoding``); look-alike radicals are
folded before reading, the provenance keeping the text as written.

Every cell the source leaves blank, or that cannot be attributed to its
column with certainty, stays ``None`` and is reported in
:attr:`ImportResult.findings`; no number is invented or moved.

>>> from govinfo_report import importers
>>> result = importers.parse(importers.text.EXAMPLE, kind="text")
>>> result.report.proactive_disclosure.art20_1.normative_documents.in_force
12
>>> result.cells["$.proactive_disclosure.art20_1.normative_documents.in_force"].location.line
8
"""

from __future__ import annotations

import os
import re
import zipfile
from io import BytesIO
from pathlib import Path

from .._sources import read_file
from ..exceptions import LoadError, UnreadableSourceError
from . import docx, html, pdf, text, xlsx
from ._assemble import consistency_findings, organ_level
from ._decode import checked_text
from ._grid import Location
from ._result import CELL_RULES, CellSource, FieldSource, ImportResult, LabelMatch, SourceInfo

__all__ = [
    "CELL_RULES",
    "KINDS",
    "CellSource",
    "FieldSource",
    "ImportResult",
    "LabelMatch",
    "Location",
    "SourceInfo",
    "consistency_findings",
    "detect_kind",
    "docx",
    "html",
    "organ_level",
    "parse",
    "parse_all",
    "pdf",
    "read",
    "read_all",
    "text",
    "xlsx",
]

#: The source kinds, in the order ``--from`` lists them.
KINDS = ("text", "html", "docx", "pdf", "xlsx")

_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text", ".csv": "text", ".tsv": "text",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".jsp": "html",
    ".docx": "docx", ".pdf": "pdf", ".xlsx": "xlsx",
}


def detect_kind(data: bytes, name: str = "") -> str:
    """The kind of a document, from its content first and its file name second."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            names = set()
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        raise UnreadableSourceError("是 ZIP 压缩包，但不是 Word（.docx）文档或 Excel（.xlsx）"
                                    "工作簿（a ZIP archive, neither .docx nor .xlsx）",
                                    source=name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if Path(name).suffix.lower() == ".xls":
            raise UnreadableSourceError("是旧版 Excel（.xls）工作簿，请另存为 .xlsx"
                                        "（an old binary .xls file: save it as .xlsx）",
                                        source=name)
        raise UnreadableSourceError("是旧版 Word（.doc）或其他 OLE 文档，请另存为 .docx"
                                    "（an old binary .doc file: save it as .docx）", source=name)
    suffix = Path(name).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    if _looks_like_html(data[:_HTML_SNIFF]):
        return "html"
    return "text"


#: How far into a document tags are looked for.
_HTML_SNIFF = 8192
_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|\?xml|head|body|meta|table|tr|td|p|div|span|"
                         rb"h[1-6]|br|section|article|ul|ol|li|strong|b|font|center|title)\b",
                         re.IGNORECASE)
_HTML_END = re.compile(rb"</(?:html|body|table|tr|td|p|div|span|h[1-6]|section|article|ul|ol|li|"
                       rb"strong|b|font|center|title)\s*>|<br\s*/?>", re.IGNORECASE)


def _looks_like_html(head: bytes) -> bool:
    """A page, or a fragment of one (no ``<html>`` or ``<body>``): tags HTML opens and closes."""
    for bom, encoding in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if head.startswith(bom):
            head = head[2:].decode(encoding, "ignore").encode("utf-8")
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html")):
        return True
    return _HTML_START.search(head) is not None and _HTML_END.search(head) is not None


def parse(data: bytes | str, *, kind: str = "auto", name: str = "") -> ImportResult:
    """Import a report from ``data`` of the given ``kind`` (``auto`` detects it)."""
    if isinstance(data, str):
        checked_text(data, name=name)
    if kind == "auto":
        if isinstance(data, str):
            kind = "html" if _looks_like_html(data[:_HTML_SNIFF].encode("utf-8", "replace")) \
                else "text"
        else:
            kind = detect_kind(data, name)
    if kind == "text":
        return text.parse(data, name=name)
    if kind == "html":
        return html.parse(data, name=name)
    if isinstance(data, str):
        raise UnreadableSourceError(f"{kind} 文档须以字节形式给出（{kind} data must be bytes）",
                                    source=name)
    if kind == "docx":
        return docx.parse(data, name=name)
    if kind == "pdf":
        return pdf.parse(data, name=name)
    if kind == "xlsx":
        return xlsx.parse(data, name=name)
    raise UnreadableSourceError(f"未知的来源类型 {kind!r}，应为 {'、'.join(KINDS)} 之一"
                                f"（unknown source kind）", source=name)


def parse_all(data: bytes | str, *, kind: str = "auto", name: str = "") -> list[ImportResult]:
    """Every report in ``data``: one per sheet or block of a workbook, else the one."""
    if kind == "auto" and isinstance(data, bytes):
        kind = detect_kind(data, name)
    if kind == "xlsx" and isinstance(data, bytes):
        return xlsx.parse_all(data, name=name)
    return [parse(data, kind=kind, name=name)]


def read_all(path: str | os.PathLike[str], *, kind: str = "auto") -> list[ImportResult]:
    """Read the file at ``path`` and import every report it holds."""
    return parse_all(_read_bytes(Path(path)), kind=kind, name=str(path))


def _read_bytes(file: Path) -> bytes:
    # Regular files only, and bounded: a FIFO or a device would block or never end.
    try:
        return read_file(file)
    except LoadError as error:
        raise UnreadableSourceError(error.problems[0].message, source=str(file)) from None


def read(path: str | os.PathLike[str], *, kind: str = "auto") -> ImportResult:
    """Read the file at ``path`` and import it (the file name is kept as the source name)."""
    return parse(_read_bytes(Path(path)), kind=kind, name=str(path))
