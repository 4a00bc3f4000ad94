"""Importers: read published reports (text, web pages, Word, PDF) into the typed model.

One module per source kind, each with a pure ``parse(data) -> ImportResult``:

- :mod:`~govinfo_report.importers.text`: plain text as copied from a web page,
  extracted from HTML or OCR'd from a PDF;
- :mod:`~govinfo_report.importers.html`: web pages with ``<table>`` markup
  (extra ``html``);
- :mod:`~govinfo_report.importers.docx`: Word documents (extra ``docx``);
- :mod:`~govinfo_report.importers.pdf`: PDF files with a text layer (extra ``pdf``).

:func:`read` reads a file and picks the importer; :func:`parse` does the same
for data already in memory. Every cell the source leaves blank, or that cannot
be attributed to its column with certainty, stays ``None`` and is reported in
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
import zipfile
from io import BytesIO
from pathlib import Path

from ..exceptions import UnreadableSourceError
from . import docx, html, pdf, text
from ._assemble import consistency_findings, organ_level
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
    "pdf",
    "read",
    "text",
]

#: The source kinds, in the order ``--from`` lists them.
KINDS = ("text", "html", "docx", "pdf")

_SUFFIXES = {
    ".txt": "text", ".text": "text", ".md": "text", ".csv": "text", ".tsv": "text",
    ".html": "html", ".htm": "html", ".shtml": "html", ".xhtml": "html", ".jsp": "html",
    ".docx": "docx", ".pdf": "pdf",
}


def detect_kind(data: bytes, name: str = "") -> str:
    """The kind of a document, from its content first and its file name second."""
    if data.startswith(b"%PDF"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
        raise UnreadableSourceError("是 ZIP 压缩包，但不是 Word（.docx）文档"
                                    "（a ZIP archive, not a .docx document）", source=name)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnreadableSourceError("是旧版 Word（.doc）或其他 OLE 文档，请另存为 .docx"
                                    "（an old binary .doc file: save it as .docx）", source=name)
    suffix = Path(name).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<table" in head \
            or b"<body" in head:
        return "html"
    return "text"


def parse(data: bytes | str, *, kind: str = "auto", name: str = "") -> ImportResult:
    """Import a report from ``data`` of the given ``kind`` (``auto`` detects it)."""
    if kind == "auto":
        kind = "text" if isinstance(data, str) else detect_kind(data, name)
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
    raise UnreadableSourceError(f"未知的来源类型 {kind!r}，应为 {'、'.join(KINDS)} 之一"
                                f"（unknown source kind）", source=name)


def read(path: str | os.PathLike[str], *, kind: str = "auto") -> ImportResult:
    """Read the file at ``path`` and import it (the file name is kept as the source name)."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise UnreadableSourceError(f"无法读取文件（cannot read the file）：{error.strerror}",
                                    source=str(file)) from None
    return parse(data, kind=kind, name=str(file))
