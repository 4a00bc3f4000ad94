"""What :func:`govinfo_report.compare.compare` returns: the cells compared, and the verdict."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from .crosswalk import Pairing
from .findings import Finding
from .model import Report

# Documented where it is public, in govinfo_report.compare.
COMPARISON_FORMAT = 1

Value = int | Decimal | None


@attrs.frozen(kw_only=True)
class CellDifference:
    """How one cell changed from the previous year to the current one."""

    json_path: str
    #: The JSON path of the cell in the previous report (the same path, or its
    #: counterpart in the other format version, see :mod:`govinfo_report.crosswalk`).
    previous_json_path: str = attrs.field()
    #: Official labels, from the current report's format.
    labels: tuple[str, ...]
    unit: str
    previous: Value
    current: Value
    #: ``current - previous``; ``None`` when either is blank.
    difference: Value
    #: ``current / previous``; ``None`` when either is blank or ``previous`` is 0.
    ratio: float | None
    #: True for a large jump of a non-trivial count (see :func:`~govinfo_report.compare.compare`).
    jump: bool = False

    @property
    def changed(self) -> bool:
        """Whether the value (or its blankness) changed."""
        return self.previous != self.current

    def to_json(self) -> dict[str, Any]:
        """The JSON form, with money as decimal strings and blank as ``null``."""
        return {"json_path": self.json_path, "previous_json_path": self.previous_json_path,
                "labels": list(self.labels), "unit": self.unit,
                "previous": _json(self.previous), "current": _json(self.current),
                "difference": _json(self.difference), "ratio": self.ratio, "jump": self.jump}


@attrs.frozen(kw_only=True)
class Comparison:
    """The result of :func:`~govinfo_report.compare.compare`."""

    previous: Report
    current: Report
    #: Every cell both reports have, in the current format's official order.
    cells: tuple[CellDifference, ...]
    #: JSON paths of cells without a counterpart in the other report's format (not compared).
    skipped: tuple[str, ...]
    #: The crosswalk pairings used (cells compared under different JSON paths).
    pairings: tuple[Pairing, ...] = ()
    #: Findings of the cross-year rules
    #: (:data:`~govinfo_report.compare.CROSS_YEAR_RULES`), including the blank cells
    #: that kept them from running (``B1`` for this year's, ``B2`` for last year's).
    findings: tuple[Finding, ...]
    #: Remarks on what was compared (formats, organ names, years, units).
    notes: tuple[str, ...]
    jump_ratio: float
    min_count: int

    @property
    def changed(self) -> tuple[CellDifference, ...]:
        """The cells whose value changed."""
        return tuple(cell for cell in self.cells if cell.changed)

    @property
    def jumps(self) -> tuple[CellDifference, ...]:
        """The cells with a large jump."""
        return tuple(cell for cell in self.cells if cell.jump)

    @property
    def has_warnings(self) -> bool:
        """True when a count jumps or a cross-year check fails (unacknowledged)."""
        return bool(self.jumps) or any(finding.is_failure(strict=True)
                                       for finding in self.findings)

    def to_json(self) -> dict[str, Any]:
        """The JSON form (``comparison_format``
        :data:`~govinfo_report.compare.COMPARISON_FORMAT`)."""
        return {
            "comparison_format": COMPARISON_FORMAT,
            "previous": _identity(self.previous), "current": _identity(self.current),
            "thresholds": {"jump_ratio": self.jump_ratio, "min_count": self.min_count},
            "cells": [cell.to_json() for cell in self.cells],
            "skipped": list(self.skipped),
            "pairings": [pairing.to_json() for pairing in self.pairings],
            "findings": [finding.to_json() for finding in self.findings],
            "notes": list(self.notes),
        }


def _json(value: Value) -> int | str | None:
    return format(value, "f") if isinstance(value, Decimal) else value


def _identity(report: Report) -> dict[str, Any]:
    metadata = report.metadata
    return {"organ": metadata.organ, "level": metadata.level.value, "year": metadata.year,
            "format": report.format.value, "division_code": metadata.division_code}
