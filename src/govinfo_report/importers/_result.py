"""What an import returns: the report, what could not be read, and where each value came from."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ..findings import Finding
from ..model import FormatVersion, Report
from ._grid import Location

__all__ = [
    "CELL_RULES",
    "CellSource",
    "FieldSource",
    "ImportResult",
    "LabelMatch",
    "SourceInfo",
]

#: Import finding rule ids, stable API.
RULE_BLANK = "IMP-BLANK"
RULE_MISSING = "IMP-MISSING"
RULE_ROW_LENGTH = "IMP-ROW-LENGTH"
RULE_UNREADABLE = "IMP-UNREADABLE"
RULE_LABEL = "IMP-LABEL"
RULE_CAPTION = "IMP-CAPTION"
RULE_UNREAD = "IMP-UNREAD"
RULE_FORMAT = "IMP-FORMAT"
RULE_METADATA = "IMP-METADATA"
RULE_SECTION = "IMP-SECTION"
#: Two places of the source give one cell different values (an error: left blank).
RULE_CONFLICT = "IMP-CONFLICT"
#: A row of the source that matches no official row, kept in ``extensions``.
RULE_EXTRA_ROW = "IMP-EXTRA-ROW"
#: A second reading of a row, outside the table structure, was not taken.
RULE_IGNORED = "IMP-IGNORED"
#: A row's values are drawn elsewhere than their order says (a PDF whose text extraction
#: lost or moved part of the row): no column is certain, the row is left blank.
RULE_POSITION = "IMP-POSITION"

#: Rules whose findings mean a cell stayed blank or is doubtful.
CELL_RULES = frozenset({RULE_BLANK, RULE_MISSING, RULE_ROW_LENGTH, RULE_UNREADABLE, RULE_LABEL,
                        RULE_SECTION, RULE_CONFLICT, RULE_POSITION})


@attrs.frozen(kw_only=True)
class SourceInfo:
    """The document an import read."""

    #: ``text``, ``html``, ``docx``, ``pdf`` or ``xlsx``.
    kind: str
    #: File name or other label given by the caller.
    name: str = ""
    #: SHA-256 of the bytes (or of the UTF-8 text) that were parsed.
    sha256: str
    size: int
    #: The encoding the bytes were decoded with (``None`` for ``str`` input and for
    #: Word and PDF files, which carry their own).
    encoding: str | None = None
    #: The sheet (or report block) of a workbook the report was read from.
    sheet: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The JSON form."""
        return attrs.asdict(self)


@attrs.frozen(kw_only=True)
class CellSource:
    """Where one cell's value came from."""

    json_path: str
    #: The cell text as written ('' for an empty cell).
    raw: str
    location: Location
    #: The row label as the source wrote it ('' for part 四, which has none).
    found_label: str
    #: The official row label it was matched to.
    official_label: str
    #: Similarity of the two labels (1.0 when equal after normalisation).
    similarity: float
    #: ``order`` when the row had as many values as columns, ``position`` when
    #: the grid column of the source placed the value, ``label`` when the cell
    #: is named by its own label (the 信息处理费 figures of 六).
    attribution: str = "order"

    def to_json(self) -> dict[str, Any]:
        """The JSON form."""
        return {"json_path": self.json_path, "raw": self.raw,
                "location": self.location.to_json(), "found_label": self.found_label,
                "official_label": self.official_label,
                "similarity": round(self.similarity, 3), "attribution": self.attribution}


@attrs.frozen(kw_only=True)
class LabelMatch:
    """A row label of the source and the official row it was read as."""

    found: str
    official: str
    #: JSON path of the row.
    json_path: str
    similarity: float
    location: Location


@attrs.frozen(kw_only=True)
class FieldSource:
    """Where a metadata field or a narrative part came from."""

    json_path: str
    raw: str
    location: Location


@attrs.frozen(kw_only=True)
class ImportResult:
    """The outcome of importing one document.

    ``findings`` are what the import could not read (rule ids ``IMP-…``);
    ``check_findings`` are those of the consistency checks run on the
    imported report, when :mod:`govinfo_report.rules` is available.
    """

    report: Report
    findings: tuple[Finding, ...] = ()
    check_findings: tuple[Finding, ...] = ()
    #: Provenance of every cell read, by JSON path.
    cells: Mapping[str, CellSource] = attrs.field(factory=dict, hash=False)
    #: Every row label matched, with what it was matched to.
    labels: tuple[LabelMatch, ...] = ()
    #: Provenance of the metadata and narrative parts read, by JSON path.
    fields: Mapping[str, FieldSource] = attrs.field(factory=dict, hash=False)
    source: SourceInfo
    #: The format version and the table labels that decided it.
    format: FormatVersion
    format_evidence: tuple[str, ...] = ()

    @property
    def doubtful_cells(self) -> tuple[str, ...]:
        """JSON paths of the cells that stayed blank or are doubtful, in finding order."""
        seen: dict[str, None] = {}
        for finding in self.findings:
            if finding.rule in CELL_RULES:
                seen.update(dict.fromkeys(finding.json_paths))
        return tuple(seen)

    @property
    def is_complete(self) -> bool:
        """True when every cell was read with certainty."""
        return not any(finding.rule in CELL_RULES for finding in self.findings)

    @property
    def all_findings(self) -> tuple[Finding, ...]:
        """Import findings followed by the consistency findings."""
        return self.findings + self.check_findings

    def provenance_json(self) -> dict[str, Any]:
        """Source, format evidence and per-cell provenance as one JSON object."""
        return {
            "source": self.source.to_json(),
            "format": self.format.value,
            "format_evidence": list(self.format_evidence),
            "cells": {path: cell.to_json() for path, cell in self.cells.items()},
            "labels": [{"found": match.found, "official": match.official,
                        "json_path": match.json_path,
                        "similarity": round(match.similarity, 3),
                        "location": match.location.to_json()} for match in self.labels],
            "fields": {path: {"raw": field.raw, "location": field.location.to_json()}
                       for path, field in self.fields.items()},
            "findings": [finding.to_json() for finding in self.findings],
        }
